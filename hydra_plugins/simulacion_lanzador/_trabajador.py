"""Lado del trabajador del lanzador local: el estado de Hydra instalado una vez y cada trabajo.

Vive en un módulo cuyo nombre empieza con ``_`` a propósito: cada vez que Hydra descubre sus
plugins (y lo hace en cada trabajador al instalar su estado global) vuelve a *ejecutar* cada módulo
de plugin que encuentra, lo que reiniciaría ``_ESTADO``; los módulos con ``_`` no los toca.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hydra.core.utils import JobReturn

_ESTADO: tuple[Any, ...] | None = None  # (contexto de Hydra, configuración, tarea, estado global)


def instalar(estado: tuple[Any, ...] | None) -> None:
    """Inicializador de cada trabajador de loky (y del proceso principal si joblib corre en serie).
    Cada trabajador compone sus trabajos con la caché de :mod:`simulacion.barridos.adaptador_hydra`."""
    global _ESTADO
    _ESTADO = estado
    if estado is not None:
        from simulacion.barridos.adaptador_hydra import componer_trabajos_en_cache

        componer_trabajos_en_cache()


def ejecutar(indice: int, overrides: Sequence[str]) -> JobReturn:
    """Un trabajo: lo corre ``execute_job`` del lanzador joblib de Hydra con el estado instalado
    (a través de :mod:`simulacion.barridos.adaptador_joblib`)."""
    from simulacion.barridos.adaptador_joblib import ejecutar_trabajo

    if _ESTADO is None:
        raise RuntimeError("el trabajador no recibió el estado de Hydra (lanzador local)")
    return ejecutar_trabajo(indice, overrides, *_ESTADO)
