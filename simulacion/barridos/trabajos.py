"""Barridos de Hydra: estado de cada trabajo, reanudación, progreso y el callback de agregación.

Hydra 1.3 no reanuda barridos, no llama ``on_multirun_end`` si un trabajo lanzó una excepción y
no devuelve al proceso padre lo que los trabajos hacen en otros procesos (joblib, SLURM). Por eso
cada trabajo deja su propio registro en su carpeta:

- ``estado.json`` (escrito de forma atómica y **al final**, después de los tres archivos de la
  corrida): ``estado`` (``completo`` o ``error``), los overrides del trabajo, una huella de su
  configuración, la duración y el mensaje de error si lo hubo;
- ``error.log``: la traza de una corrida que falló (el trabajo no lanza la excepción: Hydra
  abortaría el resto del barrido).

Una corrida sólo cuenta como terminada si su ``estado.json`` dice ``completo``: un proceso muerto a
mitad de camino (``SIGKILL``) no deja ``estado.json`` y la agregación lo informa como faltante. Al
volver a correr el mismo barrido en la misma carpeta (``hydra.sweep.dir=...``), un trabajo cuya
carpeta ya tiene una corrida completa con la misma huella se omite; los demás se corren de nuevo.

En el proceso padre, el callback :class:`Agregacion` escribe ``barrido.json`` (la lista de trabajos
esperados y la hora de inicio) al empezar y llama a :func:`simulacion.barridos.analisis.analizar` al
terminar; ``simulacion-analizar DIR`` llama a la misma función.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hydra.core.hydra_config import HydraConfig
from hydra.experimental.callback import Callback
from hydra.types import RunMode
from omegaconf import DictConfig, OmegaConf

from simulacion.resultados.salidas import ARCHIVOS, escribir_atomico, escribir_json, escribir_salidas

if TYPE_CHECKING:
    from simulacion.resultados.ejecucion import Resultado

log = logging.getLogger(__name__)

ESTADO = "estado.json"
ERROR = "error.log"
BARRIDO = "barrido.json"
COMPLETO, FALLIDO = "completo", "error"


# --------------------------------------------------------------------------- registros en disco


def leer_json(ruta: Path) -> dict | None:
    """Lee un JSON; ``None`` si no existe o no se puede leer."""
    try:
        return json.loads(Path(ruta).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def huella(cfg: DictConfig) -> str:
    """Huella (sha256) de la configuración resuelta de una corrida, para reconocerla al reanudar."""
    texto = OmegaConf.to_yaml(cfg, resolve=True, sort_keys=True)
    return hashlib.sha256(texto.encode("utf-8")).hexdigest()


def completa(carpeta: Path, firma: str | None = None) -> bool:
    """``True`` si ``carpeta`` tiene una corrida completa (y con huella ``firma``, si se da)."""
    estado = leer_json(Path(carpeta) / ESTADO)
    if not estado or estado.get("estado") != COMPLETO:
        return False
    if firma is not None and estado.get("huella") != firma:
        return False
    return all((Path(carpeta) / a).is_file() for a in ARCHIVOS)


def limpiar(carpeta: Path) -> None:
    """Borra lo que haya dejado una corrida anterior o interrumpida en ``carpeta``.

    Primero ``estado.json`` (así, si esta limpieza se interrumpe, la carpeta ya no cuenta como
    completa), después los archivos de la corrida, la traza de error y temporales huérfanos.
    """
    carpeta = Path(carpeta)
    for nombre in (ESTADO, *ARCHIVOS, ERROR):
        (carpeta / nombre).unlink(missing_ok=True)
    for tmp in carpeta.glob(".*.tmp"):
        tmp.unlink(missing_ok=True)


# --------------------------------------------------------------------------- un trabajo


def en_barrido() -> bool:
    """``True`` si el proceso corre un trabajo de un barrido de Hydra (``-m`` o ``hydra.mode``)."""
    return HydraConfig.initialized() and HydraConfig.get().mode == RunMode.MULTIRUN


def correr_trabajo(
    cfg: DictConfig,
    carpeta: Path,
    overrides: list[str],
    tolerar_fallas: bool,
    correr: Callable[[DictConfig], Resultado] | None = None,
) -> dict[str, Any]:
    """Corre una simulación en ``carpeta`` y registra su ``estado.json``; devuelve ese estado.

    Si la carpeta ya tiene la misma corrida completa, no la repite (reanudación). Con
    ``tolerar_fallas`` (trabajos de un barrido) un error del modelo queda en ``error.log`` y en el
    estado en vez de propagarse; en una corrida suelta se propaga. ``correr`` es por defecto
    :func:`simulacion.resultados.ejecucion.ejecutar` (las pruebas ponen una que falla).
    """
    if correr is None:
        from simulacion.resultados.ejecucion import ejecutar as correr  # el modelo (Mesa) se importa al correr
    carpeta = Path(carpeta)
    firma = huella(cfg)
    if completa(carpeta, firma):
        estado = leer_json(carpeta / ESTADO)
        estado["omitida"] = True
        return estado
    carpeta.mkdir(parents=True, exist_ok=True)
    limpiar(carpeta)
    inicio = time.time()
    estado: dict[str, Any] = {"overrides": list(overrides), "huella": firma, "inicio": inicio}
    try:
        resultado = correr(cfg)
        escribir_salidas(resultado, carpeta)
    except Exception as error:  # noqa: BLE001 — se registra en la carpeta del trabajo
        if not tolerar_fallas:
            raise
        traza = traceback.format_exc()
        escribir_atomico(carpeta / ERROR, lambda p: p.write_text(traza, encoding="utf-8"))
        log.error("la corrida falló (%s: %s); traza en %s", type(error).__name__, error, carpeta / ERROR)
        estado.update(estado=FALLIDO, error=f"{type(error).__name__}: {error}")
    else:
        estado.update(estado=COMPLETO, resumen=resultado.resumen)
    estado.update(fin=time.time(), duracion_s=round(time.time() - inicio, 3))
    escribir_json(carpeta / ESTADO, estado)
    return estado


def progreso(carpeta_barrido: Path) -> str:
    """``terminadas/total`` y tiempo transcurrido del barrido, leídos de su carpeta."""
    carpeta_barrido = Path(carpeta_barrido)
    barrido = leer_json(carpeta_barrido / BARRIDO) or {}
    terminadas = sum(1 for _ in carpeta_barrido.glob(f"*/{ESTADO}"))
    total = barrido.get("total") or "?"
    texto = f"{terminadas}/{total} corridas terminadas"
    if "inicio" in barrido:
        texto += f", {time.time() - barrido['inicio']:.0f} s transcurridos"
    return texto


def trabajo_de_barrido(cfg: DictConfig) -> dict[str, Any]:
    """Trabajo de un barrido (lo llama ``cli.main``): corre, registra y anota el progreso."""
    hc = HydraConfig.get()
    carpeta = Path(hc.runtime.output_dir)
    estado = correr_trabajo(cfg, carpeta, list(hc.overrides.task), tolerar_fallas=True)
    etiqueta = " ".join(hc.overrides.task) or "(sin overrides)"
    if estado.get("omitida"):
        detalle = "ya estaba completa, se omite"
    elif estado["estado"] == COMPLETO:
        r = estado["resumen"]
        detalle = (
            f"{r['desenlace']}, crecimiento {100 * r['crecimiento_anual']:+.1f} %/año, {estado['duracion_s']:.1f} s"
        )
    else:
        detalle = f"FALLÓ: {estado['error']}"
    log.info("#%s %s → %s [%s]", hc.job.num, etiqueta, detalle, progreso(Path(hc.sweep.dir)))
    return estado


# --------------------------------------------------------------------------- trabajos esperados


def expandir(sweeper: DictConfig, argumentos: list[str]) -> list[list[str]]:
    """Combinaciones de overrides de un barrido como las expande el ``BasicSweeper`` de Hydra
    (``hydra.sweeper.params`` y luego los argumentos de la línea de comandos, producto cartesiano),
    en el orden en que Hydra numera los trabajos. Los errores de sintaxis se propagan."""
    from hydra._internal.core_plugins.basic_sweeper import BasicSweeper
    from hydra.core.override_parser.overrides_parser import OverridesParser

    params = [f"{k}={v}" for k, v in (sweeper.get("params") or {}).items()]
    overrides = OverridesParser.create().parse_overrides(params + list(argumentos))
    (lotes,) = BasicSweeper.split_arguments(overrides, None)
    return [list(t) for t in lotes]


def es_barredor_basico(sweeper: DictConfig) -> bool:
    """Si el barrido lo expande el ``BasicSweeper`` (los demás barredores expanden a su manera)."""
    return sweeper.get("_target_") == "hydra._internal.core_plugins.basic_sweeper.BasicSweeper"


def trabajos_esperados(config: DictConfig) -> list[list[str]] | None:
    """Overrides de cada trabajo del barrido, en el orden en que Hydra los numera.

    Con otro barredor, o si algo no se puede expandir aquí (p. ej. ``glob``), devuelve ``None`` y el
    total queda desconocido.
    """
    if not es_barredor_basico(config.hydra.sweeper):
        return None
    try:
        return expandir(config.hydra.sweeper, list(config.hydra.overrides.task))
    except Exception:  # noqa: BLE001 — sin lista de esperados, la agregación usa lo que haya
        return None


def omitir_revalidacion_de_hydra() -> None:
    """Evita que el ``BasicSweeper`` componga otra vez cada trabajo antes de lanzarlo.

    Hydra 1.3 compone en serie, en el proceso principal, la configuración de cada trabajo sólo para
    validarla (~0,1 s de CPU por trabajo: 12 s de la matriz, 36 s del mapa, antes de que empiece la
    primera corrida). Aquí sobra: ``simulacion/lanzador.py`` ya validó cada combinación del barrido
    (tipos y rangos) antes de llamar a Hydra, y cada trabajo compone la suya al empezar. Afecta sólo
    al proceso que lanza este barrido.
    """
    from hydra._internal.core_plugins.basic_sweeper import BasicSweeper

    BasicSweeper.validate_batch_is_legal = lambda self, batch: None


def registrar_lanzador_local() -> None:
    """Registra en Hydra el lanzador ``hydra/launcher=local`` (``hydra_plugins/simulacion_lanzador``).

    Instalado como rueda, Hydra lo descubre solo; en una instalación editable (``pip install -e``)
    no, porque el buscador editable de setuptools no deja recorrer el espacio de nombres
    ``hydra_plugins``. Si Hydra no lo encontró, se registra a mano.
    """
    from hydra.core.plugins import Plugins

    plugins = Plugins.instance()  # descubre los plugins instalados
    from hydra_plugins.simulacion_lanzador.lanzador_local import LanzadorLocal

    if f"{LanzadorLocal.__module__}.{LanzadorLocal.__qualname__}" not in plugins.class_name_to_class:
        plugins.register(LanzadorLocal)


class Agregacion(Callback):
    """Callback de Hydra: registra el barrido al empezar y agrega sus resultados al terminar."""

    def on_multirun_start(self, config: DictConfig, **kwargs: Any) -> None:
        omitir_revalidacion_de_hydra()
        carpeta = Path(config.hydra.sweep.dir)
        carpeta.mkdir(parents=True, exist_ok=True)
        esperados = trabajos_esperados(config)
        datos = {
            "inicio": time.time(),
            "total": len(esperados) if esperados is not None else None,
            "trabajos": esperados,
        }
        escribir_json(carpeta / BARRIDO, datos)
        log.info("barrido de %s corridas en %s", datos["total"] or "?", carpeta)

    def on_multirun_end(self, config: DictConfig, **kwargs: Any) -> None:
        from simulacion.barridos.analisis import analizar

        analizar(Path(config.hydra.sweep.dir), imprimir=True)


# --------------------------------------------------------------------------- resolvedor de Morris


def _corridas_morris(trayectorias: int, parametros: Any) -> int:
    return int(trayectorias) * (len(parametros) + 1)


def registrar_resolvedores() -> None:
    """``${corridas_morris:T,P}`` = T × (número de parámetros + 1); lo usa experimento=sensibilidad."""
    if not OmegaConf.has_resolver("corridas_morris"):
        OmegaConf.register_new_resolver("corridas_morris", _corridas_morris)


registrar_resolvedores()
