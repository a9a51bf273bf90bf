"""API para cuadernos: ``simular("estrategia=lamentable", "semilla=3")``."""

from __future__ import annotations

from hydra import compose, initialize_config_module
from hydra.core.global_hydra import GlobalHydra

from simulacion.config import registrar_esquema
from simulacion.ejecucion import Resultado, ejecutar


def componer(*overrides: str):
    """Compone la configuración con los mismos overrides que la línea de comandos.

    Si ya hay una aplicación Hydra activa (por ejemplo, dentro de un trabajo de un barrido), la
    restaura al terminar.
    """
    registrar_esquema()
    global_hydra = GlobalHydra.instance()
    previa = global_hydra.hydra if global_hydra.is_initialized() else None
    global_hydra.clear()
    try:
        with initialize_config_module(config_module="simulacion.configs", version_base="1.3"):
            return compose(config_name="config", overrides=list(overrides))
    finally:
        if previa is not None:
            GlobalHydra.instance().initialize(previa)


def simular(*overrides: str) -> Resultado:
    """Corre una simulación sin escribir archivos; devuelve ``.series``, ``.resumen`` y ``.modelo``."""
    return ejecutar(componer(*overrides))
