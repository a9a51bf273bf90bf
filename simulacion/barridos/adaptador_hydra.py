"""Adaptador de lo interno de Hydra (``hydra._internal``): el único módulo del proyecto que lo importa.

Revisado con **hydra-core 1.3.8** (``.venv/bin/pip show hydra-core``). Al subir de versión, correr
``tests/test_adaptadores.py`` y ``tests/test_errores.py``: si Hydra cambió algo
de lo que sigue, fallan ahí y no en medio de un barrido.

- :func:`expandir`: las combinaciones de un barrido como las expande el ``BasicSweeper`` (su
  ``split_arguments`` estático), en el orden en que Hydra numera los trabajos.
- :func:`omitir_revalidacion`: anula ``BasicSweeper.validate_batch_is_legal`` en el proceso que
  lanza el barrido (compone de nuevo cada trabajo sólo para validarlo).
- :func:`parser_de_argumentos`: el ``argparse`` de la línea de comandos de Hydra
  (``hydra._internal.utils.get_args_parser``), para leer las opciones antes de que Hydra corra.

Sólo importa Hydra (y lo interno de Hydra, al llamarse cada función).
"""

from __future__ import annotations

import argparse

from omegaconf import DictConfig

BARREDOR_BASICO = "hydra._internal.core_plugins.basic_sweeper.BasicSweeper"


def es_barredor_basico(sweeper: DictConfig) -> bool:
    """Si el barrido lo expande el ``BasicSweeper`` (los demás barredores expanden a su manera)."""
    return sweeper.get("_target_") == BARREDOR_BASICO


def expandir(sweeper: DictConfig, argumentos: list[str]) -> list[list[str]]:
    """Combinaciones de overrides de un barrido como las expande el ``BasicSweeper`` de Hydra
    (``hydra.sweeper.params`` y luego los argumentos de la línea de comandos, producto cartesiano),
    en el orden en que Hydra numera los trabajos. Los errores de sintaxis se propagan."""
    from hydra._internal.core_plugins.basic_sweeper import BasicSweeper
    from hydra.core.override_parser.overrides_parser import OverridesParser

    params = [f"{clave}={valor}" for clave, valor in (sweeper.get("params") or {}).items()]
    overrides = OverridesParser.create().parse_overrides(params + list(argumentos))
    (lotes,) = BasicSweeper.split_arguments(overrides, None)
    return [list(trabajo) for trabajo in lotes]


def omitir_revalidacion() -> None:
    """Evita que el ``BasicSweeper`` componga otra vez cada trabajo antes de lanzarlo.

    Hydra 1.3 compone en serie, en el proceso principal, la configuración de cada trabajo sólo para
    validarla (~0,1 s de CPU por trabajo: 12 s de la matriz, 36 s del mapa, antes de que empiece la
    primera corrida). Aquí sobra: :mod:`simulacion.barridos.lanzador` ya validó cada combinación
    del barrido (tipos y rangos) antes de llamar a Hydra, y cada trabajo compone la suya al
    empezar. Afecta sólo al proceso que lanza este barrido.
    """
    from hydra._internal.core_plugins.basic_sweeper import BasicSweeper

    BasicSweeper.validate_batch_is_legal = lambda self, batch: None


def parser_de_argumentos() -> argparse.ArgumentParser:
    """El ``argparse`` con que Hydra lee su línea de comandos (``--cfg``, ``-m``, overrides...)."""
    from hydra._internal.utils import get_args_parser

    return get_args_parser()
