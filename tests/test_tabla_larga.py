"""La tabla larga de un barrido (``series.parquet`` en su carpeta, issue 13 punto 3) y ``series.png``
sólo cuando se pide (punto 7).

Los barridos son diminutos y corren como procesos aparte, igual que los correría un usuario; lo que se
compara sale de los archivos de cada corrida.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from simulacion.api import componer
from simulacion.barridos.analisis import columnas_de_override
from simulacion.barridos.trabajos import correr_trabajo
from simulacion.indicadores import COLUMNAS_SERIE, COLUMNAS_TABLA_LARGA

PEQUENO = ["pasos=5", "territorio.n_pymes=50", "economia.trimestres_prehistoria=2"]
PARES = "{apoyo_produccion:0.3,promocion_economica:0.6},{apoyo_produccion:0.9,promocion_economica:0}"


def barrer(carpeta: Path, *argumentos: str) -> Path:
    """``python -m simulacion -m ... hydra.sweep.dir=carpeta`` con el lanzador básico."""
    proc = subprocess.run(
        [sys.executable, "-m", "simulacion", "-m", *argumentos, *PEQUENO, f"hydra.sweep.dir={carpeta}"],
        capture_output=True,
        text=True,
        cwd=carpeta.parent,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return carpeta


@pytest.fixture(scope="module")
def por_estrategia(tmp_path_factory):
    return barrer(tmp_path_factory.mktemp("larga") / "b", "estrategia=lamentable,arriesgada", "semilla=0,1")


@pytest.fixture(scope="module")
def por_pares(tmp_path_factory):
    return barrer(tmp_path_factory.mktemp("pares") / "b", f"estrategia={PARES}", "semilla=3")


def test_una_fila_por_corrida_y_trimestre_con_sus_overrides(por_estrategia):
    larga = pd.read_parquet(por_estrategia / "series.parquet")
    resultados = pd.read_parquet(por_estrategia / "resultados.parquet")
    overrides = ["estrategia", "semilla", *(o.partition("=")[0] for o in PEQUENO)]
    assert list(larga.columns) == list(dict.fromkeys(["trabajo", *overrides, *COLUMNAS_TABLA_LARGA, *COLUMNAS_SERIE]))
    assert len(resultados) == 4 and set(larga["trabajo"]) == set(resultados["trabajo"])
    for _, corrida in resultados.iterrows():
        suyas = larga[larga["trabajo"] == corrida.trabajo].reset_index(drop=True)
        serie = pd.read_parquet(Path(corrida.carpeta) / "series.parquet")
        pd.testing.assert_frame_equal(suyas[list(serie.columns)], serie)
        overrides = json.loads((Path(corrida.carpeta) / "estado.json").read_text(encoding="utf-8"))["overrides"]
        for override in overrides:  # estrategia=… y semilla=…, tal como se pidieron
            clave, _, valor = override.partition("=")
            assert (suyas[clave].astype(str) == valor).all(), override
        for columna in COLUMNAS_TABLA_LARGA:
            assert (suyas[columna] == corrida[columna]).all(), columna
    unida = larga.merge(resultados[["trabajo", "crecimiento_anual"]], on="trabajo", validate="many_to_one")
    assert len(unida) == len(larga)


def test_un_override_de_diccionario_da_una_columna_por_clave(por_pares):
    larga = pd.read_parquet(por_pares / "series.parquet")
    resultados = pd.read_parquet(por_pares / "resultados.parquet")
    for tabla in (larga, resultados):
        assert "estrategia.apoyo_produccion" in tabla and "estrategia.promocion_economica" in tabla
        assert (tabla["estrategia.apoyo_produccion"] == tabla["apoyo_produccion"]).all()
        assert (tabla["estrategia.promocion_economica"] == tabla["promocion_economica"]).all()
    assert sorted(set(zip(larga.apoyo_produccion, larga.promocion_economica, strict=True))) == [(0.3, 0.6), (0.9, 0.0)]
    assert columnas_de_override("+x={a:1,b:hola}") == {"x.a": 1, "x.b": "hola"}
    assert columnas_de_override("semilla=3") == {"semilla": 3}


def test_dentro_de_un_barrido_no_se_dibuja_series_png(por_estrategia):
    corridas = [c for c in por_estrategia.iterdir() if (c / "estado.json").is_file()]
    assert len(corridas) == 4
    for carpeta in corridas:
        assert (carpeta / "series.parquet").is_file() and not (carpeta / "series.png").exists()
    assert (por_estrategia / "series_estrategias.png").stat().st_size > 0  # dibujada desde la tabla larga


@pytest.mark.parametrize("pedido, hay", [([], False), (["salidas.grafico=true"], True)])
def test_salidas_grafico_lo_pide_dentro_de_un_barrido(tmp_path, pedido, hay):
    cfg = componer(*PEQUENO, *pedido)
    estado = correr_trabajo(cfg, tmp_path, pedido, tolerar_fallas=True)
    assert estado["estado"] == "completo"
    assert (tmp_path / "series.png").exists() is hay
    assert correr_trabajo(cfg, tmp_path, pedido, tolerar_fallas=True).get("omitida")  # y se reanuda igual
