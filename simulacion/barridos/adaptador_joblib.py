"""Adaptador de lo privado de joblib y del lanzador joblib de Hydra: el único módulo que lo importa.

Revisado con **joblib 1.5.3**, **hydra-joblib-launcher 1.2.0** y **hydra-core 1.3.8**
(``.venv/bin/pip show joblib hydra-joblib-launcher hydra-core``). Lo usa el lanzador
``hydra/launcher=local`` (``hydra_plugins/simulacion_lanzador``). Al subir de versión, correr
``tests/test_adaptadores.py`` (el adaptador y el lanzador local).

- :func:`backend_loky`: ``joblib._parallel_backends.LokyBackend`` con un inicializador por
  trabajador (joblib no ofrece una vía pública para pasar ``initializer``/``initargs`` a loky).
- :func:`preparar_opciones`: ``process_joblib_cfg`` de ``hydra_joblib_launcher._core`` (traduce
  ``n_jobs`` y las demás opciones como el lanzador joblib de Hydra).
- :func:`ejecutar_trabajo`: ``execute_job`` de ``hydra_joblib_launcher._core`` (compone y corre un
  trabajo con ``run_job`` de Hydra).

Todo se importa al llamarse: descubrir el plugin no carga joblib.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any


def backend_loky(inicializador: Callable[..., None], argumentos: tuple[Any, ...]):
    """Backend loky de joblib cuyos trabajadores llaman ``inicializador(*argumentos)`` al arrancar."""
    from joblib._parallel_backends import LokyBackend

    return LokyBackend(initializer=inicializador, initargs=argumentos)


def preparar_opciones(opciones: dict[str, Any]) -> None:
    """Ajusta en su lugar las opciones de ``hydra.launcher`` como el lanzador joblib de Hydra."""
    from hydra_plugins.hydra_joblib_launcher._core import process_joblib_cfg

    process_joblib_cfg(opciones)


def ejecutar_trabajo(indice: int, overrides: Sequence[str], *estado: Any):
    """Un trabajo con el estado de Hydra (contexto, configuración, tarea, ``Singleton``); devuelve
    el ``JobReturn`` de Hydra."""
    from hydra_plugins.hydra_joblib_launcher._core import execute_job

    return execute_job(indice, overrides, *estado)
