"""Adaptadores de lo interno de terceros (``simulacion/barridos/adaptador_hydra.py`` y
``adaptador_joblib.py``) y el lanzador local que usa el de joblib.

Si al subir de versión Hydra, joblib o ``hydra-joblib-launcher`` cambian lo que los adaptadores
usan, fallan estas pruebas (y no un barrido a mitad de camino). Las versiones revisadas están en el
docstring de cada adaptador.
"""

from __future__ import annotations

import argparse
import os

import pandas as pd
import pytest
from omegaconf import OmegaConf
from test_barridos import PEQUENO, correr

from simulacion.api import componer
from simulacion.barridos import adaptador_hydra, adaptador_joblib


# ---------------------------------------------------------------------- Hydra
def test_adaptador_hydra_expande_como_el_barredor_basico():
    """Producto cartesiano de ``hydra.sweeper.params`` y luego los argumentos, en el orden de Hydra."""
    cfg = componer("experimento=matriz", con_hydra=True)
    assert adaptador_hydra.es_barredor_basico(cfg.hydra.sweeper)
    combinaciones = adaptador_hydra.expandir(cfg.hydra.sweeper, ["pasos=5,6"])
    assert len(combinaciones) == 4 * 30 * 2
    assert combinaciones[:3] == [
        ["estrategia=complementariedad", "semilla=0", "pasos=5"],
        ["estrategia=complementariedad", "semilla=0", "pasos=6"],
        ["estrategia=complementariedad", "semilla=1", "pasos=5"],
    ]
    assert not adaptador_hydra.es_barredor_basico(OmegaConf.create({"_target_": "otro.Barredor"}))


def test_adaptador_hydra_anula_la_revalidacion_del_barredor_basico():
    from hydra._internal.core_plugins.basic_sweeper import BasicSweeper

    previo = BasicSweeper.validate_batch_is_legal
    try:
        adaptador_hydra.omitir_revalidacion()
        assert BasicSweeper.validate_batch_is_legal(None, [["no.existe=1"]]) is None
    finally:
        BasicSweeper.validate_batch_is_legal = previo


def test_adaptador_hydra_da_el_parser_de_la_linea_de_comandos_de_hydra():
    parser = adaptador_hydra.parser_de_argumentos()
    assert isinstance(parser, argparse.ArgumentParser)
    args = parser.parse_args(["-m", "--cfg", "job", "semilla=1,2"])
    assert args.multirun and args.cfg == "job" and args.overrides == ["semilla=1,2"]
    assert not (args.help or args.hydra_help or args.info or args.shell_completion)


# ---------------------------------------------------------------------- joblib
def _marcar(valor: str) -> None:
    os.environ["SIMULACION_PRUEBA_INICIALIZADOR"] = valor


def _leer_marca(_: int) -> str | None:
    return os.environ.get("SIMULACION_PRUEBA_INICIALIZADOR")


def test_adaptador_joblib_inicializa_cada_trabajador_de_loky():
    from joblib import Parallel, delayed
    from joblib.parallel import ParallelBackendBase

    backend = adaptador_joblib.backend_loky(_marcar, ("instalado",))
    assert isinstance(backend, ParallelBackendBase)
    vistos = Parallel(backend=backend, n_jobs=2)(delayed(_leer_marca)(i) for i in range(4))
    assert vistos == ["instalado"] * 4


def test_adaptador_joblib_prepara_las_opciones_como_el_lanzador_de_hydra():
    opciones = {"n_jobs": -1, "batch_size": "auto", "pre_dispatch": "2*n_jobs"}
    adaptador_joblib.preparar_opciones(opciones)
    assert opciones["n_jobs"] == -1 and opciones["batch_size"] == "auto"


# ---------------------------------------------------------------------- lanzador local (usa el adaptador de joblib)
def test_el_lanzador_local_manda_el_estado_de_hydra_una_vez_por_trabajador(tmp_path, monkeypatch):
    """Cada trabajo lleva sólo su número y sus overrides; el contexto, la configuración, la tarea y el
    estado global de Hydra van una vez, en el inicializador de cada trabajador de loky."""
    import pickle

    import joblib

    from hydra_plugins.simulacion_lanzador import _trabajador
    from simulacion import cli

    visto = {}

    class ParallelQueAnota(joblib.Parallel):
        def __init__(self, backend, **opciones):
            visto["initargs"] = backend.backend_kwargs["initargs"]
            visto["n_jobs"] = opciones["n_jobs"]
            super().__init__(backend=backend, **opciones)

        def __call__(self, trabajos):
            visto["trabajos"] = list(trabajos)
            return super().__call__(visto["trabajos"])

    monkeypatch.setattr(joblib, "Parallel", ParallelQueAnota)
    monkeypatch.chdir(tmp_path)
    carpeta = tmp_path / "b"
    argumentos = ["-m", "semilla=0,1,2", *PEQUENO, "hydra/launcher=local", "hydra.launcher.n_jobs=2"]
    cli.main([*argumentos, f"hydra.sweep.dir={carpeta}"])
    assert visto["n_jobs"] == 2
    assert [args for _, args, _ in visto["trabajos"]] == [(i, [f"semilla={i}", *PEQUENO]) for i in range(3)]
    assert all(len(pickle.dumps(args)) < 500 for _, args, _ in visto["trabajos"])
    (estado,) = visto["initargs"]
    contexto, config, tarea, singleton = estado
    assert tarea.__name__ == "aplicacion" and str(config.hydra.sweep.dir) == str(carpeta)
    assert "instances" in singleton and contexto.config_loader is not None
    assert _trabajador._ESTADO is None  # el proceso principal no se queda con el estado
    tabla = pd.read_parquet(carpeta / "resultados.parquet")
    assert len(tabla) == 3 and (tabla["estado"] == "completo").all()


def test_el_lanzador_local_con_un_solo_proceso_corre_en_serie(tmp_path):
    """Con ``n_jobs=1`` joblib corre los trabajos en el proceso principal: también tienen el estado."""
    correr(tmp_path / "b", "semilla=0,1", *PEQUENO, "hydra/launcher=local", "hydra.launcher.n_jobs=1", cwd=tmp_path)
    tabla = pd.read_parquet(tmp_path / "b" / "resultados.parquet")
    assert len(tabla) == 2 and (tabla["estado"] == "completo").all()


@pytest.mark.parametrize("modulo", ["simulacion.barridos.adaptador_hydra", "simulacion.barridos.adaptador_joblib"])
def test_los_adaptadores_dicen_con_que_versiones_se_revisaron(modulo):
    import importlib
    from importlib.metadata import version

    texto = importlib.import_module(modulo).__doc__
    paquetes = {"adaptador_hydra": ["hydra-core"], "adaptador_joblib": ["joblib", "hydra-joblib-launcher"]}
    for paquete in paquetes[modulo.rsplit(".", 1)[1]]:
        assert f"{paquete} {version(paquete)}" in texto, f"{modulo}: revisar con {paquete} {version(paquete)}"
