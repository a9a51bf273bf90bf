"""Lógica del taller, sin interfaz ni servidor: catálogo de estrategias y casos, overrides, el modelo
que arma la página, el resultado parcial y la comparación de estrategias (los archivos que se
descargan, en :mod:`simulacion.taller.material`).

La página (:mod:`simulacion.taller.pagina`) sólo dibuja lo que esta capa calcula. Una estrategia se
elige cargando su archivo ``estrategia/<nombre>.yaml`` con la misma composición de Hydra que
:func:`simulacion.api.simular`; la estrategia propia son las intensidades AP y PE puestas a mano.
Ningún código de este módulo pregunta el nombre de una estrategia. La lista de estrategias y la
matriz 2×2 de la fuente están en :mod:`simulacion.estrategias`.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass
from importlib import resources
from typing import NamedTuple

import pandas as pd

from simulacion.api import componer
from simulacion.estrategias import PAQUETE_CONFIGS, nombres
from simulacion.modelo import ModeloTerritorial
from simulacion.resultados.ejecucion import Resultado, a_configuracion, ejecutar, resumir, serie_de

NOMBRE_PROPIA = "personalizada"  # estrategia.nombre de las intensidades AP y PE puestas a mano


class Deslizable(NamedTuple):
    """Un parámetro del territorio que la página deja mover con un deslizador."""

    rotulo: str
    minimo: float
    maximo: float
    paso: float


# Parámetros del territorio que la página deja mover (clave del esquema → deslizador).
PARAMETROS_TERRITORIO: dict[str, Deslizable] = {
    "n_pymes": Deslizable("Pymes al inicio", 50, 1000, 10),
    "n_empresas": Deslizable("Empresas mayores", 0, 10, 1),
    "n_agencias": Deslizable("Agencias de desarrollo", 1, 6, 1),
    "n_entidades_financieras": Deslizable("Entidades financieras", 1, 6, 1),
    "infraestructura_inicial": Deslizable("Infraestructura inicial (índice)", 0.0, 1.0, 0.05),
    "liderazgo": Deslizable("Liderazgo local", 0.0, 1.0, 0.05),
    "confianza_inicial": Deslizable("Confianza inicial", 0.0, 1.0, 0.05),
    "apertura": Deslizable("Apertura a conocimiento externo", 0.0, 1.0, 0.05),
    "captura": Deslizable("Captura de la PE (arreglos entre amigos)", 0.0, 0.5, 0.05),
}

# Las elecciones del taller: el interruptor «Elecciones» pone ``gobierno.periodo_electoral`` en este valor.
PERIODO_ELECTORAL_TALLER = 16  # trimestres: cada cuatro años, el período municipal en Perú (caso cambio_de_gestion)

# Parámetros del gobierno local que la página deja mover con un deslizador (clave del esquema → deslizador).
PARAMETROS_GOBIERNO: dict[str, Deslizable] = {
    "institucionalizacion": Deslizable("Institucionalización de la concertación (mesa y plan)", 0.0, 1.0, 0.05),
}

_HYDRA = threading.Lock()


def componer_seguro(*overrides_hydra: str):
    """:func:`simulacion.api.componer` de a una llamada por vez: el estado global de Hydra no admite
    dos composiciones simultáneas (varios participantes conectados al mismo servidor)."""
    with _HYDRA:
        return componer(*overrides_hydra)


# ---------------------------------------------------------------------- catálogo
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
    ``# <Título>: <descripción>``. Si el grupo no existe todavía, devuelve una lista vacía (la
    página muestra sólo "ninguno"). Los archivos se leen una vez por proceso: la página pide el
    catálogo en cada redibujo (docs/rendimiento.md, «Taller: carga»).
    """
    return list(_catalogo(grupo))


@functools.cache
def _catalogo(grupo: str) -> tuple[Opcion, ...]:
    carpeta = resources.files(PAQUETE_CONFIGS) / grupo
    if not carpeta.is_dir():
        return ()
    opciones = []
    for archivo in sorted(carpeta.iterdir(), key=lambda entrada: entrada.name):
        if not archivo.name.endswith(".yaml"):
            continue
        titulo, _, descripcion = primer_comentario(archivo.read_text(encoding="utf-8")).partition(":")
        nombre = archivo.name.removesuffix(".yaml")
        opciones.append(Opcion(nombre, titulo.strip() or nombre, descripcion.strip()))
    return tuple(sorted(opciones, key=lambda opcion: opcion.titulo))


def primer_comentario(texto: str) -> str:
    """Primera línea de comentario que no es una directiva de Hydra (``# @package _global_``)."""
    for linea in texto.splitlines():
        contenido = linea.strip().lstrip("#").strip()
        if linea.strip().startswith("#") and contenido and not contenido.startswith("@"):
            return contenido
    return ""


def defaults_incluyen(grupo: str) -> bool:
    """¿La lista ``defaults`` de ``config.yaml`` ya trae el grupo? (decide ``grupo=`` o ``+grupo=``)."""
    from omegaconf import OmegaConf

    texto = (resources.files(PAQUETE_CONFIGS) / "config.yaml").read_text(encoding="utf-8")
    defaults = OmegaConf.create(texto).get("defaults", [])
    return any(OmegaConf.is_dict(entrada) and grupo in entrada for entrada in defaults)


def valores_estrategia(nombre: str) -> dict:
    """Los valores que fija el archivo ``estrategia/<nombre>.yaml`` (sin componer nada más)."""
    from omegaconf import OmegaConf

    texto = (resources.files(PAQUETE_CONFIGS) / "estrategia" / f"{nombre}.yaml").read_text(encoding="utf-8")
    return OmegaConf.to_container(OmegaConf.create(texto))


# ---------------------------------------------------------------------- composición
def overrides(
    estrategia: str | None = None,
    caso: str | None = None,
    ap: float | None = None,
    pe: float | None = None,
    semilla: int | None = None,
    pasos: int | None = None,
    territorio: dict | None = None,
    gobierno: dict | None = None,
) -> list[str]:
    """Overrides de Hydra para la selección de la página (los mismos que en la línea de comandos).

    ``estrategia`` carga ``estrategia/<nombre>.yaml``; ``caso`` carga ``caso/<nombre>.yaml``. Un caso
    trae su propia estrategia (se compone después); si además se elige una estrategia, los valores
    de su archivo se imponen a los del caso (el resto del caso queda). Con ``estrategia=None`` se
    usa la del caso (o la de ``config.yaml``). ``ap``/``pe`` ponen la intensidad a mano y la
    estrategia pasa a llamarse ``personalizada``; ``territorio`` cambia claves de ``territorio.*`` y
    ``gobierno``, de ``gobierno.*`` (las elecciones: ``periodo_electoral``, ``institucionalizacion``).
    """
    grupos, valores = [], {}
    if estrategia:
        grupos.append(f"estrategia={estrategia}")
    if caso:
        grupos.append(f"{'' if defaults_incluyen('caso') else '+'}caso={caso}")
        if estrategia:
            valores.update({f"estrategia.{k}": v for k, v in valores_estrategia(estrategia).items()})
    if ap is not None or pe is not None:
        valores["estrategia.nombre"] = NOMBRE_PROPIA
    if ap is not None:
        valores["estrategia.apoyo_produccion"] = float(ap)
    if pe is not None:
        valores["estrategia.promocion_economica"] = float(pe)
    valores.update({f"territorio.{k}": v for k, v in (territorio or {}).items()})
    valores.update({f"gobierno.{k}": v for k, v in (gobierno or {}).items()})
    if semilla is not None:
        valores["semilla"] = int(semilla)
    if pasos is not None:
        valores["pasos"] = int(pasos)
    return grupos + [f"{k}={v}" for k, v in valores.items()]


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
        gobierno: dict | None = None,
    ) -> None:
        self.parametros = {
            "caso": caso,
            "semilla": semilla,
            "territorio": dict(territorio or {}),
            "gobierno": dict(gobierno or {}),
        }
        self.overrides = overrides(estrategia, caso, ap, pe, semilla, territorio=territorio, gobierno=gobierno)
        super().__init__(a_configuracion(componer_seguro(*self.overrides)))

    @property
    def series(self) -> pd.DataFrame:
        """La serie medida hasta ahora (una fila por trimestre)."""
        return serie_de(self)


# ---------------------------------------------------------------------- resultado parcial
def resultado_parcial(modelo: ModeloTerritorial) -> Resultado:
    """La corrida hasta ahora con la forma de :class:`~simulacion.resultados.ejecucion.Resultado`."""
    series = serie_de(modelo)
    return Resultado(series=series, resumen=resumir(modelo.cfg, series), modelo=modelo)


def desenlace_parcial(modelo: ModeloTerritorial) -> str:
    """Desenlace clasificado con la serie medida hasta ahora; ``sin datos`` antes de 2 trimestres."""
    return resumir(modelo.cfg, serie_de(modelo))["desenlace"]


def comparar(
    pasos: int, caso: str | None = None, semilla: int = 0, territorio: dict | None = None
) -> dict[str, Resultado]:
    """Corre cada estrategia de ``estrategia/`` con el mismo caso, semilla y territorio durante
    ``pasos`` trimestres (con :func:`overrides`, así la estrategia se impone a la del caso);
    devuelve ``{nombre: Resultado}`` en el orden de la matriz de la fuente (I a IV)."""
    resultados = {}
    for nombre in nombres():
        overrides_hydra = overrides(nombre, caso, semilla=semilla, pasos=pasos, territorio=territorio)
        resultados[nombre] = ejecutar(componer_seguro(*overrides_hydra))
    return resultados
