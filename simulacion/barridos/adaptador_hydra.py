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
- :func:`componer_trabajos_en_cache`: ``ConfigLoaderImpl.load_sweep_config`` compone cada trabajo
  una vez por estructura (grupos, ``hydra.*``, ``+``/``~``, diccionarios) y, para los demás, pone los
  valores sobre una copia (docs/rendimiento.md).

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


def _es_valor(override, loader) -> bool:
    """Un override que Hydra aplica como valor sobre la configuración ya compuesta (no elige un grupo ni
    toca ``hydra.*`` ni el paquete, no agrega ni borra claves, no es un diccionario ni una lista)."""
    return (
        override.package is None
        and not (override.is_add() or override.is_delete() or override.is_force_add())
        and not override.is_hydra_override()
        and not isinstance(override.value(), dict | list)
        and not loader.repository.group_exists(override.key_or_group)
    )


def componer_trabajos_en_cache() -> None:
    """Cada trabajo de un barrido compone su configuración con ``load_sweep_config`` (≈ 0,1–0,2 s de
    CPU, tanto como el modelo). Los trabajos de un barrido suelen diferir sólo en valores (``semilla``,
    intensidades, ``muestreo.indice``): aquí la composición completa se hace una vez por estructura y
    los demás trabajos copian esa configuración y le aplican sus valores con la misma función de Hydra
    (``_apply_overrides_to_config``), rehaciendo lo que depende de los overrides
    (``hydra.overrides.task``, ``hydra.job.override_dirname``). El resultado es la misma configuración
    (``tests/test_composicion_en_cache.py`` la compara con la composición completa de cada trabajo de
    los experimentos). Vale para el proceso que la llama y para un barrido a la vez (cada llamada
    empieza una memoria nueva)."""
    import copy

    from hydra._internal.config_loader_impl import ConfigLoaderImpl, get_overrides_dirname
    from hydra.core.override_parser.overrides_parser import OverridesParser
    from omegaconf import OmegaConf, open_dict

    completa = getattr(ConfigLoaderImpl.load_sweep_config, "composicion_completa", ConfigLoaderImpl.load_sweep_config)
    parser = OverridesParser.create()
    leidos: dict[str, object] = {}  # la gramática de Hydra es lenta: cada override se lee una vez
    plantillas: dict[tuple, tuple[DictConfig, DictConfig]] = {}

    def load_sweep_config(self, master_config: DictConfig, sweep_overrides: list[str]) -> DictConfig:
        parsed = [leidos.get(x) or leidos.setdefault(x, parser.parse_overrides([x])[0]) for x in sweep_overrides]
        valores = [o for o in parsed if _es_valor(o, self)]
        estructura = tuple(o.input_line for o in parsed if o not in valores)
        clave = (id(master_config), estructura, tuple(o.key_or_group for o in valores))
        if clave not in plantillas:
            cfg = completa(self, master_config, sweep_overrides)
            plantillas[clave] = (master_config, copy.deepcopy(cfg))  # master: su id no se reusa mientras viva
            return cfg
        cfg = copy.deepcopy(plantillas[clave][1])
        ConfigLoaderImpl._apply_overrides_to_config(valores, cfg)
        config_job = cfg.hydra.job.config.override_dirname
        with open_dict(cfg.hydra):
            cfg.hydra.overrides.task = [o.input_line for o in parsed if not o.is_hydra_override()]
            cfg.hydra.job.override_dirname = get_overrides_dirname(
                overrides=[o for o in parsed if not o.is_hydra_override()],
                kv_sep=config_job.kv_sep,
                item_sep=config_job.item_sep,
                exclude_keys=config_job.exclude_keys,
            )
        OmegaConf.copy_cache(from_config=master_config, to_config=cfg)
        return cfg

    load_sweep_config.composicion_completa = completa  # type: ignore[attr-defined]
    ConfigLoaderImpl.load_sweep_config = load_sweep_config


def parser_de_argumentos() -> argparse.ArgumentParser:
    """El ``argparse`` con que Hydra lee su línea de comandos (``--cfg``, ``-m``, overrides...)."""
    from hydra._internal.utils import get_args_parser

    return get_args_parser()
