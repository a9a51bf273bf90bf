"""La composición en caché de los trabajos de un barrido (``adaptador_hydra.componer_trabajos_en_cache``)
da la misma configuración que la composición completa de Hydra, trabajo por trabajo, en los
experimentos preparados y en barridos con grupos, diccionarios y claves agregadas."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hydra import initialize_config_module
from hydra._internal.config_loader_impl import ConfigLoaderImpl
from hydra.core.global_hydra import GlobalHydra
from hydra.types import RunMode
from omegaconf import DictConfig, OmegaConf

from simulacion.barridos import adaptador_hydra
from simulacion.barridos.diseno import registrar_resolvedores
from simulacion.config import registrar_esquema


@contextmanager
def hydra_del_barrido(*argumentos: str) -> Iterator[tuple[ConfigLoaderImpl, DictConfig, list[list[str]]]]:
    """El cargador de Hydra, la configuración maestra de un barrido y los overrides de cada trabajo."""
    registrar_esquema()
    registrar_resolvedores()  # ${corridas_morris:…} y los demás de los diseños
    GlobalHydra.instance().clear()
    with initialize_config_module(config_module="simulacion.configs", version_base="1.3"):
        cargador = GlobalHydra.instance().config_loader()
        maestra = cargador.load_configuration("config", overrides=list(argumentos), run_mode=RunMode.MULTIRUN)
        tarea = [a for a in argumentos if not a.startswith("hydra")]
        yield cargador, maestra, adaptador_hydra.expandir(maestra.hydra.sweeper, tarea)
    GlobalHydra.instance().clear()


@pytest.fixture
def en_cache():
    """``load_sweep_config`` con la caché puesta; devuelve la composición completa de Hydra."""
    previa = ConfigLoaderImpl.load_sweep_config
    adaptador_hydra.componer_trabajos_en_cache()
    yield ConfigLoaderImpl.load_sweep_config.composicion_completa
    ConfigLoaderImpl.load_sweep_config = previa


def muestra(trabajos: list[list[str]], n: int = 14) -> list[list[str]]:
    """Los primeros trabajos y otros repartidos en todo el barrido."""
    paso = max(1, len(trabajos) // n)
    return trabajos[:n] + trabajos[n::paso]


def texto(cfg: DictConfig) -> str:
    tarea = OmegaConf.masked_copy(cfg, [k for k in cfg if k != "hydra"])
    return OmegaConf.to_yaml(cfg) + OmegaConf.to_yaml(tarea, resolve=True) + repr(OmegaConf.is_struct(cfg))


@pytest.mark.parametrize(
    "argumentos",
    [
        ("experimento=matriz", "pasos=7"),
        ("experimento=mapa",),
        ("experimento=sensibilidad",),
        ("experimento=sobol",),
        ("experimento=escenarios",),
        ("estrategia=lamentable,arriesgada", "caso=ninguno,truchas", "economia.costo_fijo=2,3.5", "semilla=0,1"),
        ("estrategia={apoyo_produccion:0.3,promocion_economica:0.6},{apoyo_produccion:0.9}", "semilla=4,5"),
        ("territorio.n_pymes=100,200", "~canales", "semilla=0,1", "hydra.job.chdir=false"),
    ],
)
def test_la_composicion_en_cache_es_la_de_hydra(en_cache, argumentos):
    completa = en_cache
    with hydra_del_barrido("hydra/launcher=basic", *argumentos) as (cargador, maestra, trabajos):
        assert len(trabajos) > 1
        for trabajo in muestra(trabajos):
            esperada = completa(cargador, maestra, list(trabajo))
            assert texto(cargador.load_sweep_config(maestra, list(trabajo))) == texto(esperada), trabajo


def test_la_cache_compone_una_vez_por_estructura(en_cache, monkeypatch):
    completa, llamadas = en_cache, []

    def contar(self, maestra, trabajo):
        llamadas.append(trabajo)
        return completa(self, maestra, trabajo)

    monkeypatch.setattr(ConfigLoaderImpl.load_sweep_config, "composicion_completa", contar, raising=False)
    adaptador_hydra.componer_trabajos_en_cache()  # toma la completa que cuenta
    with hydra_del_barrido("experimento=matriz") as (cargador, maestra, trabajos):
        for trabajo in trabajos:
            cargador.load_sweep_config(maestra, list(trabajo))
    assert len(trabajos) == 120 and len(llamadas) == 4  # una por estrategia (grupo); las semillas, en caché
