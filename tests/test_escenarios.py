"""Descubrimiento de escenarios (PRIM) sobre el hipercubo latino: cajas conocidas y un barrido diminuto.

Las cajas se prueban con datos donde se sabe dónde se cumple una afirmación; el barrido corre por la
misma maquinaria que cualquier experimento (``python -m simulacion experimento=escenarios``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from omegaconf import OmegaConf

from simulacion.barridos.escenarios import DENSIDAD_MINIMA, caja_prim, descubrir, nombre_afirmacion, tabla_markdown
from simulacion.barridos.figuras_diseno import figura_escenarios
from simulacion.barridos.respuestas import muestreo_de
from simulacion.config import Configuracion
from simulacion.config.muestreo import aplicar_muestreo, diseno

PEQUENO = ["pasos=6", "territorio.n_pymes=60", "economia.trimestres_prehistoria=2"]


def uniformes(n: int, columnas: str, semilla: int = 0) -> pd.DataFrame:
    return pd.DataFrame(np.random.default_rng(semilla).uniform(size=(n, len(columnas))), columns=list(columnas))


def dentro(x: pd.DataFrame, limites: pd.DataFrame) -> np.ndarray:
    """Corridas dentro de la caja ``limites`` (recalculado aquí, no con el paquete)."""
    adentro = np.ones(len(x), bool)
    for parametro, lim in limites.iterrows():
        adentro &= (x[parametro] >= lim["min"]).to_numpy() & (x[parametro] <= lim["max"]).to_numpy()
    return adentro


def test_prim_elige_la_caja_de_mayor_cobertura_con_la_densidad_pedida():
    x = uniformes(600, "abcd")
    y = ((x["a"] > 0.6) & (x["c"] < 0.5)).to_numpy()
    estadisticas, limites, trayectoria = caja_prim(x, y)
    assert set(limites.index) == {"a", "c"}  # b y d no importan: ninguna restricción sobre ellas
    assert 0.45 <= limites.loc["a", "min"] <= 0.6 + 0.02 and 0.5 - 0.02 <= limites.loc["c", "max"] <= 0.65
    assert (limites["qp values"] <= 0.05).all()
    # cobertura, densidad y masa: las de las corridas dentro de la caja
    adentro = dentro(x, limites)
    assert estadisticas["densidad"] == pytest.approx(y[adentro].mean()) and estadisticas["densidad"] >= DENSIDAD_MINIMA
    assert estadisticas["cobertura"] == pytest.approx(y[adentro].sum() / y.sum())
    assert estadisticas["masa"] == pytest.approx(adentro.mean())
    # la trayectoria de pelado empieza con todo el espacio y marca una sola caja: la de mayor cobertura
    # entre las de densidad suficiente
    assert trayectoria.iloc[0]["coverage"] == 1 and trayectoria.iloc[0]["mass"] == 1
    assert trayectoria["elegida"].sum() == 1
    elegida = trayectoria[trayectoria["elegida"]].iloc[0]
    assert elegida["density"] == pytest.approx(estadisticas["densidad"])
    densas = trayectoria[trayectoria["density"] >= DENSIDAD_MINIMA]
    assert elegida["coverage"] == pytest.approx(densas["coverage"].max())
    assert caja_prim(x, np.zeros(len(x), bool)) is None


def test_prim_sin_densidad_suficiente_elige_la_mas_densa():
    x = uniformes(800, "ab", semilla=3)
    azar = np.random.default_rng(4).uniform(size=800)
    y = azar < np.where(x["a"] > 0.5, 0.7, 0.2)  # a lo sumo 70 % de casos
    estadisticas, limites, trayectoria = caja_prim(x, y)
    # la más densa de la trayectoria, sin sus restricciones no significativas (la b, que no importa)
    assert 0.6 <= estadisticas["densidad"] < DENSIDAD_MINIMA
    assert list(limites.index) == ["a"] and limites.loc["a", "min"] == pytest.approx(0.5, abs=0.1)
    assert estadisticas["densidad"] == pytest.approx(y[dentro(x, limites)].mean())


def corridas_sinteticas(n: int = 400) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Corridas de dos celdas: en la I hay crecimiento si ``a > 0,5``; en la IV siempre descomposición.
    La ``a`` de la celda IV se muestrea en [0, 2] (como la AP, que depende de la estrategia)."""
    x = uniformes(2 * n, "ab", semilla=1)
    celda_i = np.arange(2 * n) < n
    x.loc[~celda_i, "a"] *= 2
    bajo = pd.DataFrame(0.0, index=x.index, columns=x.columns)
    alto = pd.DataFrame({"a": np.where(celda_i, 1.0, 2.0), "b": 1.0}, index=x.index)
    desenlace = np.where(celda_i, np.where(x["a"] > 0.5, "crecimiento", "estancamiento"), "descomposicion")
    completas = pd.DataFrame(
        {
            "apoyo_produccion": np.where(celda_i, 0.45, 0.0),
            "promocion_economica": np.where(celda_i, 0.45, 0.0),
            "desenlace": desenlace,
        }
    )
    return completas, x, bajo, alto


def test_cada_afirmacion_de_su_celda_con_cajas_donde_se_cumple_y_donde_falla(tmp_path):
    completas, x, bajo, alto = corridas_sinteticas()
    cajas, trayectorias = descubrir(completas, x, bajo, alto)
    i, iv = nombre_afirmacion((True, True)), nombre_afirmacion((False, False))
    assert i.startswith("I · complementariedad") and iv.startswith("IV · condenados")
    assert list(dict.fromkeys(cajas["afirmacion"])) == [i, iv]
    de_i = cajas[cajas["afirmacion"] == i].set_index("sentido")
    assert de_i["base"].iloc[0] == pytest.approx((x["a"][:400] > 0.5).mean())
    assert de_i.loc["se cumple", "parametro"] == "a" and 0.35 <= de_i.loc["se cumple", "minimo"] <= 0.52
    assert de_i.loc["falla", "parametro"] == "a" and 0.48 <= de_i.loc["falla", "maximo"] <= 0.65
    assert (de_i["densidad"] >= DENSIDAD_MINIMA).all()
    # el rango muestreado de la caja es el de su celda, no el de todas las corridas (la a de IV llega a 2)
    assert (de_i["rango_minimo"] == 0).all() and (de_i["rango_maximo"] == 1).all()
    de_iv = cajas[cajas["afirmacion"] == iv].set_index("sentido")
    assert de_iv.loc["se cumple", "base"] == 1 and de_iv.loc["se cumple", "cobertura"] == 1
    assert pd.isna(de_iv.loc["se cumple", "parametro"])  # se cumple en todo el espacio: sin restricciones
    assert np.isnan(de_iv.loc["falla", "cobertura"])  # nunca falla: no hay caja
    assert set(trayectorias["afirmacion"]) == {i, iv}
    assert trayectorias.groupby(["afirmacion", "sentido"])["elegida"].sum().eq(1).all()
    assert figura_escenarios(cajas, trayectorias, tmp_path / "e.png").stat().st_size > 0
    markdown = tabla_markdown(cajas).splitlines()
    assert len(markdown) == 2 + 2 and markdown[2].startswith(f"| {i} | 48 % de 400 | `a` 0,")
    todo = "todo el espacio muestreado (densidad 1,00, cobertura 1,00, masa 1,00)"
    assert markdown[3] == f"| {iv} | 100 % de 400 | {todo} | ninguna corrida |"


def test_escenarios_de_punta_a_punta(tmp_path):
    """Hipercubo diminuto con dos estrategias, por la misma orden que el experimento completo."""
    carpeta = tmp_path / "e"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "simulacion",
            "experimento=escenarios",
            "estrategia=complementariedad,condenados",
            "muestreo.muestras=6",
            "hydra/launcher=basic",
            *PEQUENO,
            f"hydra.sweep.dir={carpeta}",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Escenarios (PRIM sobre 12 corridas" in proc.stdout
    for archivo in ("escenarios.csv", "escenarios_trayectorias.csv", "escenarios.png"):
        assert (carpeta / archivo).stat().st_size > 0, archivo
    cajas = pd.read_csv(carpeta / "escenarios.csv")
    assert set(cajas["afirmacion"]) == {nombre_afirmacion((True, True)), nombre_afirmacion((False, False))}
    resultados = pd.read_parquet(carpeta / "resultados.parquet")
    assert len(resultados) == 12 and (resultados["estado"] == "completo").all()
    # cada corrida usó la fila de su índice, con las intensidades relativas a su estrategia
    for _, fila in resultados.iterrows():
        m = muestreo_de(fila.carpeta)
        x = diseno(m)[int(fila["muestreo.indice"])]
        assert fila["apoyo_produccion"] == pytest.approx(x[list(m.parametros).index("estrategia.apoyo_produccion")])
        cfg = OmegaConf.load(Path(fila.carpeta) / ".hydra" / "config.yaml")
        c = aplicar_muestreo(OmegaConf.to_object(OmegaConf.merge(OmegaConf.structured(Configuracion), cfg)))
        assert c.economia.riesgo_innovacion == pytest.approx(x[list(m.parametros).index("economia.riesgo_innovacion")])
    condenados = resultados[resultados["estrategia"] == "condenados"]
    assert (condenados["apoyo_produccion"] == 0).all() and (condenados["promocion_economica"] == 0).all()
