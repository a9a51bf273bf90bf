"""Lógica del taller (sin interfaz): catálogo de estrategias y casos, el modelo que arma la página,
la matriz 2×2 de la fuente, el desenlace parcial, la comparación de estrategias, las descargas y
el comando ``simulacion-taller``.

La página (:mod:`simulacion.taller.app`) sólo dibuja lo que esta capa calcula. Una estrategia se elige
cargando su archivo ``estrategia/<nombre>.yaml`` con la misma composición de Hydra que
:func:`simulacion.api.simular`; la estrategia propia son las intensidades AP y PE puestas a mano.
Ningún código de este módulo pregunta el nombre de una estrategia.
"""

from __future__ import annotations

import argparse
import io
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pandas as pd

from simulacion.api import componer
from simulacion.modelo import ModeloTerritorial
from simulacion.resultados.ejecucion import Resultado, a_configuracion, ejecutar, resumir, serie_de

# Chromium de Debian sin red (pruebas del navegador y capturas de la guía): sin sandbox por correr como
# root, y sin las conexiones de fondo que la red cerrada rechazaría.
ARGUMENTOS_CHROMIUM = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

PAQUETE_CONFIGS = "simulacion.configs"
NOMBRE_PROPIA = "personalizada"

# Parámetros del territorio que la página deja mover (clave del esquema → etiqueta, mínimo, máximo, paso).
PARAMETROS_TERRITORIO: dict[str, tuple[str, float, float, float]] = {
    "n_pymes": ("Pymes al inicio", 50, 1000, 10),
    "n_empresas": ("Empresas mayores", 0, 10, 1),
    "n_agencias": ("Agencias de desarrollo", 1, 6, 1),
    "n_entidades_financieras": ("Entidades financieras", 1, 6, 1),
    "infraestructura_inicial": ("Infraestructura inicial (índice)", 0.0, 1.0, 0.05),
    "liderazgo": ("Liderazgo local", 0.0, 1.0, 0.05),
    "confianza_inicial": ("Confianza inicial", 0.0, 1.0, 0.05),
    "apertura": ("Apertura a conocimiento externo", 0.0, 1.0, 0.05),
    "captura": ("Captura de la PE (arreglos entre amigos)", 0.0, 0.5, 0.05),
}

# La matriz de 003 ("Estrategias de apoyo a la producción y la promoción económica"): para cada
# combinación (hay AP, hay PE), el nombre que da la fuente y el desenlace que afirma. Es un texto
# de la fuente para mostrar; el desenlace del modelo se clasifica aparte, sólo con indicadores.
MATRIZ_FUENTE: dict[tuple[bool, bool], tuple[str, str]] = {
    (True, True): ("Estrategia I: complementariedad", "crecimiento"),
    (True, False): ("Estrategia II: lamentable", "estancamiento"),
    (False, True): ("Estrategia III: arriesgada", "fragilidad"),
    (False, False): ("Estrategia IV: condenados", "descomposición"),
}


_HYDRA = threading.Lock()


def componer_seguro(*o: str):
    """:func:`simulacion.api.componer` de a una llamada por vez: el estado global de Hydra no admite
    dos composiciones simultáneas (varios participantes conectados al mismo servidor)."""
    with _HYDRA:
        return componer(*o)


@dataclass(frozen=True)
class Opcion:
    """Un archivo de un grupo de configuración (``estrategia/`` o ``caso/``) con su primera línea."""

    nombre: str
    titulo: str
    descripcion: str


def catalogo(grupo: str) -> list[Opcion]:
    """Los ``*.yaml`` de un grupo del paquete de configuración, ordenados por título (así quedan
    en el orden de la fuente: Estrategia I, II, III, IV; Caso I, II, III).

    La primera línea de comentario de cada archivo (tras ``# @package``, si lo hay) es
    ``# <Título>: <descripción>``. Si el grupo no existe
    todavía, devuelve una lista vacía (la página muestra sólo "ninguno").
    """
    carpeta = resources.files(PAQUETE_CONFIGS) / grupo
    if not carpeta.is_dir():
        return []
    opciones = []
    for archivo in sorted(carpeta.iterdir(), key=lambda a: a.name):
        if not archivo.name.endswith(".yaml"):
            continue
        titulo, _, descripcion = _primer_comentario(archivo.read_text(encoding="utf-8")).partition(":")
        nombre = archivo.name.removesuffix(".yaml")
        opciones.append(Opcion(nombre, titulo.strip() or nombre, descripcion.strip()))
    return sorted(opciones, key=lambda op: op.titulo)


def _primer_comentario(texto: str) -> str:
    """Primera línea de comentario que no es una directiva de Hydra (``# @package _global_``)."""
    for linea in texto.splitlines():
        contenido = linea.strip().lstrip("#").strip()
        if linea.strip().startswith("#") and contenido and not contenido.startswith("@"):
            return contenido
    return ""


def _defaults_incluyen(grupo: str) -> bool:
    """¿La lista ``defaults`` de ``config.yaml`` ya trae el grupo? (decide ``grupo=`` o ``+grupo=``)."""
    from omegaconf import OmegaConf

    texto = (resources.files(PAQUETE_CONFIGS) / "config.yaml").read_text(encoding="utf-8")
    defaults = OmegaConf.create(texto).get("defaults", [])
    return any(OmegaConf.is_dict(d) and grupo in d for d in defaults)


def valores_estrategia(nombre: str) -> dict:
    """Los valores que fija el archivo ``estrategia/<nombre>.yaml`` (sin componer nada más)."""
    from omegaconf import OmegaConf

    texto = (resources.files(PAQUETE_CONFIGS) / "estrategia" / f"{nombre}.yaml").read_text(encoding="utf-8")
    return OmegaConf.to_container(OmegaConf.create(texto))


def overrides(
    estrategia: str | None = None,
    caso: str | None = None,
    ap: float | None = None,
    pe: float | None = None,
    semilla: int | None = None,
    pasos: int | None = None,
    territorio: dict | None = None,
) -> list[str]:
    """Overrides de Hydra para la selección de la página (los mismos que en la línea de comandos).

    ``estrategia`` carga ``estrategia/<nombre>.yaml``; ``caso`` carga ``caso/<nombre>.yaml``. Un caso
    trae su propia estrategia (se compone después); si además se elige una estrategia, los valores
    de su archivo se imponen a los del caso (el resto del caso queda). Con ``estrategia=None`` se
    usa la del caso (o la de ``config.yaml``). ``ap``/``pe`` ponen la intensidad a mano y la
    estrategia pasa a llamarse ``personalizada``; ``territorio`` cambia claves de ``territorio.*``.
    """
    o, valores = [], {}
    if estrategia:
        o.append(f"estrategia={estrategia}")
    if caso:
        o.append(f"{'' if _defaults_incluyen('caso') else '+'}caso={caso}")
        if estrategia:
            valores.update({f"estrategia.{k}": v for k, v in valores_estrategia(estrategia).items()})
    if ap is not None or pe is not None:
        valores["estrategia.nombre"] = NOMBRE_PROPIA
    if ap is not None:
        valores["estrategia.apoyo_produccion"] = float(ap)
    if pe is not None:
        valores["estrategia.promocion_economica"] = float(pe)
    valores.update({f"territorio.{k}": v for k, v in (territorio or {}).items()})
    if semilla is not None:
        valores["semilla"] = int(semilla)
    if pasos is not None:
        valores["pasos"] = int(pasos)
    return o + [f"{k}={v}" for k, v in valores.items()]


class ModeloTaller(ModeloTerritorial):
    """El modelo del territorio construido con parámetros por nombre, como lo pide la página.

    Compone la configuración con :func:`simulacion.api.componer` (los mismos archivos y
    overrides que ``simulacion`` y ``simular``), así que la estrategia ``lamentable`` de la página
    es exactamente ``estrategia=lamentable`` de la línea de comandos. Sirve también como clase
    de modelo para ``mesa.visualization.SolaraViz`` (que re-instancia con parámetros por nombre).
    ``estrategia=None`` deja la que eligen ``config.yaml`` o el caso.
    """

    def __init__(
        self,
        estrategia: str | None = None,
        caso: str | None = None,
        ap: float | None = None,
        pe: float | None = None,
        semilla: int = 0,
        territorio: dict | None = None,
    ) -> None:
        self.parametros = {"caso": caso, "semilla": semilla, "territorio": dict(territorio or {})}
        self.overrides = overrides(estrategia, caso, ap, pe, semilla, territorio=territorio)
        super().__init__(a_configuracion(componer_seguro(*self.overrides)))

    @property
    def series(self) -> pd.DataFrame:
        """La serie medida hasta ahora (una fila por trimestre)."""
        return self.datacollector.get_model_vars_dataframe().reset_index(drop=True)


def cuadrante(ap: float, pe: float) -> tuple[bool, bool]:
    """Celda de la matriz 2×2: (hay apoyo a la producción, hay promoción económica)."""
    return (ap > 0, pe > 0)


def desenlace_parcial(modelo: ModeloTerritorial) -> str:
    """Desenlace clasificado con la serie medida hasta ahora; ``sin datos`` antes de 2 trimestres."""
    return resumir(modelo.cfg, serie_de(modelo))["desenlace"]


def resultado_parcial(modelo: ModeloTerritorial) -> Resultado:
    """La corrida hasta ahora con la forma de :class:`~simulacion.resultados.ejecucion.Resultado`."""
    series = serie_de(modelo)
    return Resultado(series=series, resumen=resumir(modelo.cfg, series), modelo=modelo)


def series_csv(modelo: ModeloTerritorial) -> bytes:
    """La serie de la corrida en CSV para planillas en castellano (separador ``;``, decimal ``,``)."""
    series = modelo.datacollector.get_model_vars_dataframe().reset_index(drop=True)
    return series.to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")


def graficos_png(modelo: ModeloTerritorial) -> bytes:
    """Los gráficos de la corrida hasta ahora en PNG (la misma figura que ``series.png``)."""
    from simulacion.resultados.salidas import figura_series, pyplot

    plt = pyplot()

    fig = figura_series(resultado_parcial(modelo))
    try:
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=100)
        return buffer.getvalue()
    finally:
        plt.close(fig)


def comparar(
    pasos: int, caso: str | None = None, semilla: int = 0, territorio: dict | None = None
) -> dict[str, Resultado]:
    """Corre cada estrategia de ``estrategia/`` con el mismo caso, semilla y territorio durante
    ``pasos`` trimestres (con :func:`overrides`, así la estrategia se impone a la del caso);
    devuelve ``{nombre: Resultado}`` en el orden de la fuente."""
    resultados = {}
    for op in catalogo("estrategia"):
        o = overrides(op.nombre, caso, semilla=semilla, pasos=pasos, territorio=territorio)
        resultados[op.nombre] = ejecutar(componer_seguro(*o))
    return resultados


# ---------------------------------------------------------------------- comando simulacion-taller
def puerto_libre() -> int:
    """Un puerto TCP libre en 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def servidor_en_segundo_plano(registro: Path, puerto: int | None = None, espera: float = 90.0):
    """Arranca ``simulacion-taller`` en un subproceso, espera a que la página responda y devuelve su
    dirección; al salir lo termina. Lo usan la prueba en el navegador y ``experimentos/taller_capturas.py``."""
    puerto = puerto or puerto_libre()
    script = Path(sys.executable).parent / "simulacion-taller"
    comando = [str(script)] if script.exists() else [sys.executable, "-m", "simulacion.taller"]
    url = f"http://127.0.0.1:{puerto}/"
    with open(registro, "w") as log:
        proceso = subprocess.Popen([*comando, "--puerto", str(puerto)], stdout=log, stderr=subprocess.STDOUT)
    try:
        limite = time.monotonic() + espera
        while True:
            try:
                urllib.request.urlopen(url, timeout=2)
                break
            except OSError:
                if proceso.poll() is not None or time.monotonic() > limite:
                    raise RuntimeError(f"simulacion-taller no respondió:\n{Path(registro).read_text()}") from None
                time.sleep(0.3)
        yield url
    finally:
        proceso.terminate()
        proceso.wait(timeout=20)


def entorno_sin_red() -> dict[str, str]:
    """Variables de Solara para trabajar sin internet: activos locales (``solara-assets``), sin
    telemetría y sin la CDN como respaldo."""
    return {
        "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False",
        "SOLARA_ASSETS_PROXY": "True",
        "SOLARA_THEME_SHOW_BANNER": "False",
        "SOLARA_THEME_TITLE": "Taller de promoción económica local",
    }


class _Formato(argparse.HelpFormatter):
    """Ayuda de la línea de comandos en castellano ("uso:" en vez de "usage:")."""

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix="uso: ")


class _Parser(argparse.ArgumentParser):
    """Errores de la línea de comandos en castellano."""

    def error(self, message):
        message = message.replace("unrecognized arguments", "argumentos desconocidos").replace("argument ", "opción ")
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def _puerto(texto: str) -> int:
    try:
        puerto = int(texto)
    except ValueError:
        puerto = -1
    if not 1 <= puerto <= 65535:
        raise argparse.ArgumentTypeError(f"se esperaba un número de puerto entre 1 y 65535, no {texto!r}")
    return puerto


def argumentos(argv: list[str] | None = None) -> argparse.Namespace:
    parser = _Parser(
        prog="simulacion-taller",
        description="Inicia la aplicación del taller (Mesa + Solara) en el navegador.",
        formatter_class=_Formato,
        add_help=False,
    )
    parser._optionals.title = "opciones"
    parser.add_argument("-h", "--ayuda", action="help", help="muestra esta ayuda y termina")
    parser.add_argument("--puerto", type=_puerto, default=8765, help="puerto (por defecto 8765)")
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="dirección en que escucha (por defecto 127.0.0.1; use 0.0.0.0 para la red del aula)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """``simulacion-taller [--puerto N] [--host H]``: sirve la página e imprime la dirección."""
    args = argumentos(argv)
    os.environ.update(entorno_sin_red())  # antes de importar solara: sus ajustes leen el entorno
    visible = "127.0.0.1" if args.host in ("0.0.0.0", "") else args.host
    print(f"Taller de promoción económica local: abra en su navegador http://{visible}:{args.puerto}/", flush=True)
    if args.host == "0.0.0.0":
        print("  (escuchando en todas las interfaces: use la dirección IP de esta computadora en el aula)", flush=True)
    print("  Para terminar, presione Ctrl+C.", flush=True)
    # Solara avisa (en inglés, en cada visita) que en http://127.0.0.1 la cookie usa samesite=lax: es lo esperado.
    warnings.filterwarnings("ignore", message="Cookies with samesite=none require https")
    from solara.__main__ import main as solara_main

    sys.argv = [
        "solara",
        "run",
        "simulacion.taller.app:Page",
        "--host",
        args.host,
        "--port",
        str(args.puerto),
        "--production",
        "--no-open",
        "--no-check-version",
        "--log-level",
        "warning",
    ]
    solara_main()


if __name__ == "__main__":
    main()
