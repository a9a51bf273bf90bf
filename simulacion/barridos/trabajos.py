"""Trabajos de un barrido de Hydra: correr y registrar cada uno, reanudar, progreso y el callback.

Cada trabajo deja su registro en su carpeta (:mod:`.registros`: ``estado.json``, ``error.log``) y
no lanza la excepción de una corrida que falla (Hydra abortaría el resto del barrido). Al volver a
correr el mismo barrido en la misma carpeta (``hydra.sweep.dir=...``), un trabajo cuya carpeta ya
tiene una corrida completa con la misma huella se omite; los demás se corren de nuevo.

En el proceso padre, el callback :class:`Agregacion` escribe ``barrido.json`` (la lista de trabajos
esperados y la hora de inicio) al empezar y llama a :func:`simulacion.barridos.analisis.analizar` al
terminar; ``simulacion-analizar DIR`` llama a la misma función.

Importa Hydra (lo público; lo interno, sólo por :mod:`.adaptador_hydra`), los registros y, al
terminar el barrido, el análisis. El modelo (Mesa) se importa recién al correr un trabajo.
"""

from __future__ import annotations

import hashlib
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

from simulacion.barridos.adaptador_hydra import es_barredor_basico, expandir, omitir_revalidacion
from simulacion.barridos.diseno import registrar_resolvedores
from simulacion.barridos.registros import (
    BARRIDO,
    COMPLETO,
    ERROR,
    ESTADO,
    FALLIDO,
    completa,
    leer_json,
    limpiar,
    progreso,
)
from simulacion.indicadores import indicador
from simulacion.resultados.salidas import escribir_atomico, escribir_json, escribir_salidas

if TYPE_CHECKING:
    from simulacion.resultados.ejecucion import Resultado

log = logging.getLogger(__name__)


def huella(cfg: DictConfig) -> str:
    """Huella (sha256) de la configuración resuelta de una corrida, para reconocerla al reanudar."""
    texto = OmegaConf.to_yaml(cfg, resolve=True, sort_keys=True)
    return hashlib.sha256(texto.encode("utf-8")).hexdigest()


def en_barrido() -> bool:
    """``True`` si el proceso corre un trabajo de un barrido de Hydra (``-m`` o ``hydra.mode``)."""
    return HydraConfig.initialized() and HydraConfig.get().mode == RunMode.MULTIRUN


def _registrar_falla(carpeta: Path, error: Exception) -> dict[str, Any]:
    """Escribe la traza en ``error.log`` y devuelve los campos del estado de una corrida fallida."""
    traza = traceback.format_exc()
    escribir_atomico(carpeta / ERROR, lambda p: p.write_text(traza, encoding="utf-8"))
    log.error("la corrida falló (%s: %s); traza en %s", type(error).__name__, error, carpeta / ERROR)
    return {"estado": FALLIDO, "error": f"{type(error).__name__}: {error}"}


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
        return {**leer_json(carpeta / ESTADO), "omitida": True}
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
        estado.update(_registrar_falla(carpeta, error))
    else:
        estado.update(estado=COMPLETO, resumen=resultado.resumen)
    estado.update(fin=time.time(), duracion_s=round(time.time() - inicio, 3))
    escribir_json(carpeta / ESTADO, estado)
    return estado


def detalle_del_trabajo(estado: dict[str, Any]) -> str:
    """Una línea para el registro: omitida, desenlace y crecimiento, o el error."""
    if estado.get("omitida"):
        return "ya estaba completa, se omite"
    if estado["estado"] != COMPLETO:
        return f"FALLÓ: {estado['error']}"
    resumen = estado["resumen"]
    crecimiento = indicador("crecimiento_anual")
    return (
        f"{resumen['desenlace']}, crecimiento {crecimiento.mostrar(resumen['crecimiento_anual'])} "
        f"{crecimiento.unidad}, {estado['duracion_s']:.1f} s"
    )


def trabajo_de_barrido(cfg: DictConfig) -> dict[str, Any]:
    """Trabajo de un barrido (lo llama ``cli.aplicacion``): corre, registra y anota el progreso."""
    hydra_cfg = HydraConfig.get()
    carpeta = Path(hydra_cfg.runtime.output_dir)
    estado = correr_trabajo(cfg, carpeta, list(hydra_cfg.overrides.task), tolerar_fallas=True)
    rotulo = " ".join(hydra_cfg.overrides.task) or "(sin overrides)"
    avance = progreso(Path(hydra_cfg.sweep.dir))
    log.info("#%s %s → %s [%s]", hydra_cfg.job.num, rotulo, detalle_del_trabajo(estado), avance)
    return estado


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
        omitir_revalidacion()
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
        from simulacion.barridos.analisis import analizar  # pandas y matplotlib, sólo al agregar

        analizar(Path(config.hydra.sweep.dir), imprimir=True)


registrar_resolvedores()
