"""API para cuadernos: ``simular("estrategia=lamentable", "semilla=3")``.

Una configuración que no se puede correr lanza :class:`~simulacion.config.verificacion.ConfiguracionInvalida`
con el mismo mensaje en castellano que muestra la línea de comandos (docs/errores.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from hydra import compose, initialize_config_module
from hydra.core.global_hydra import GlobalHydra
from omegaconf import DictConfig, open_dict

from simulacion.config import registrar_esquema
from simulacion.config.verificacion import traducir, validar

if TYPE_CHECKING:  # el modelo (Mesa) se importa al simular, no al componer
    from simulacion.resultados.ejecucion import Resultado


@contextmanager
def _hydra_de_simulacion() -> Iterator[None]:
    """Hydra inicializado con las configuraciones del paquete.

    Si ya hay una aplicación Hydra activa (por ejemplo, dentro de un trabajo de un barrido), la
    restaura al terminar.
    """
    registrar_esquema()
    global_hydra = GlobalHydra.instance()
    previa = global_hydra.hydra if global_hydra.is_initialized() else None
    global_hydra.clear()
    try:
        with initialize_config_module(config_module="simulacion.configs", version_base="1.3"):
            yield
    finally:
        if previa is not None:
            GlobalHydra.instance().initialize(previa)


def _componer_validado(overrides: list[str], con_hydra: bool) -> DictConfig:
    try:
        cfg = compose(config_name="config", overrides=overrides, return_hydra_config=con_hydra)
    except Exception as e:  # errores de Hydra/OmegaConf: sintaxis, grupo o clave inexistente, tipo
        raise traducir(e, overrides) from e
    sin_hydra = cfg.copy()
    if con_hydra:
        with open_dict(sin_hydra):
            del sin_hydra["hydra"]
    validar(sin_hydra, overrides)
    return cfg


def componer(*overrides: str, con_hydra: bool = False) -> DictConfig:
    """Compone y valida la configuración con los mismos overrides que la línea de comandos.

    Lanza ``ConfiguracionInvalida`` si un override no se entiende, nombra algo que no existe o deja
    un valor fuera de su rango. Con ``con_hydra`` devuelve también la sección ``hydra``.
    """
    with _hydra_de_simulacion():
        return _componer_validado(list(overrides), con_hydra)


def validar_varias(combinaciones: Iterable[list[str]]) -> None:
    """Compone y valida cada lista de overrides (las corridas de un barrido) con una sola inicialización."""
    with _hydra_de_simulacion():
        for overrides in combinaciones:
            _componer_validado(list(overrides), con_hydra=False)


def simular(*overrides: str) -> Resultado:
    """Corre una simulación sin escribir archivos; devuelve ``.series``, ``.resumen`` y ``.modelo``."""
    from simulacion.resultados.ejecucion import ejecutar

    return ejecutar(componer(*overrides))
