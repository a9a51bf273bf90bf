"""CLI de Hydra, API ``simular`` y contrato de salida."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import pandas as pd
import pytest

from simulacion import simular
from simulacion.resultados.procedencia import huella_del_modelo, versiones
from simulacion.resultados.salidas import escribir_atomico

RAIZ = Path(__file__).resolve().parents[1]
COLUMNAS_MINIMAS = (
    "paso produccion_total empleo pymes_tradicionales pymes_innovadoras empresas entradas salidas "
    "salidas_innovadoras inversion_privada inversion_publica_ap inversion_publica_pe credito_otorgado mora "
    "confianza_media presupuesto_municipal"
).split()


def correr_cli(tmp_path, *overrides):
    salida = tmp_path / "corrida"
    proc = subprocess.run(
        [sys.executable, "-m", "simulacion", *overrides, f"hydra.run.dir={salida}"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    return proc, salida


def test_cli_escribe_los_tres_archivos_y_coincide_con_simular(tmp_path):
    overrides = ("estrategia=lamentable", "semilla=7", "pasos=12", "territorio.n_pymes=120")
    proc, salida = correr_cli(tmp_path, *overrides)
    assert proc.returncode == 0, proc.stderr
    assert "desenlace" in proc.stdout
    for nombre in ("series.parquet", "resumen.json", "series.png"):
        assert (salida / nombre).stat().st_size > 0
    assert not list(salida.glob(".*.tmp"))
    series = pd.read_parquet(salida / "series.parquet")
    resumen = json.loads((salida / "resumen.json").read_text(encoding="utf-8"))
    assert set(COLUMNAS_MINIMAS) <= set(series.columns)
    assert len(series) == 12
    for clave in (
        "estrategia",
        "semilla",
        "apoyo_produccion",
        "promocion_economica",
        "desenlace",
        "crecimiento_anual",
        "cambio_pymes_anual",
        "fraccion_innovadora",
        "tasa_fracaso_innovadoras",
        "volatilidad",
    ):
        assert clave in resumen
    assert resumen["estrategia"] == "lamentable" and resumen["semilla"] == 7
    r = simular(*overrides)
    pd.testing.assert_frame_equal(series, r.series)
    procedencia = resumen.pop("procedencia")
    assert r.resumen == resumen
    # qué produjo el resultado: versiones y huella del modelo (la de este procesador y este entorno)
    assert procedencia == {**versiones(), "huella_del_modelo": huella_del_modelo()}
    assert set(procedencia) >= {"simulacion", "numpy", "pandas", "mesa", "hydra-core", "simd"}
    assert procedencia["numpy"] == metadata.version("numpy") and len(procedencia["huella_del_modelo"]) == 12


def test_simular_acepta_estrategia_personalizada_sin_escribir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = simular("estrategia.apoyo_produccion=0.3", "estrategia.promocion_economica=0.6", "pasos=6", "semilla=2")
    assert r.resumen["apoyo_produccion"] == 0.3 and r.resumen["promocion_economica"] == 0.6
    assert len(r.series) == 6
    assert r.modelo.steps == 6
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("estrategia", ["complementariedad", "lamentable", "arriesgada", "condenados"])
def test_las_cuatro_estrategias_solo_cambian_parametros(estrategia):
    r = simular(f"estrategia={estrategia}", "pasos=4")
    cfg = r.modelo.cfg.estrategia
    assert 0 <= cfg.apoyo_produccion <= 1 and 0 <= cfg.promocion_economica <= 1
    assert cfg.apoyo_produccion + cfg.promocion_economica <= 1


def test_el_codigo_del_modelo_no_compara_nombres_de_estrategia():
    nombres = ("complementariedad", "lamentable", "arriesgada", "condenados")
    for archivo in (RAIZ / "simulacion").rglob("*.py"):
        texto = archivo.read_text(encoding="utf-8")
        for nombre in nombres:
            assert f'"{nombre}"' not in texto and f"'{nombre}'" not in texto, (archivo, nombre)


def test_escritura_atomica_no_deja_archivo_si_falla(tmp_path):
    destino = tmp_path / "resumen.json"

    def falla(p):
        p.write_text("medio")
        raise RuntimeError("corte")

    with pytest.raises(RuntimeError):
        escribir_atomico(destino, falla)
    assert not destino.exists()
    assert list(tmp_path.iterdir()) == []


def test_la_rueda_incluye_las_configuraciones(tmp_path):
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(RAIZ),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    (rueda,) = tmp_path.glob("simulacion-*.whl")
    nombres = zipfile.ZipFile(rueda).namelist()
    for cfg in (
        "config.yaml",
        "__init__.py",
        "estrategia/complementariedad.yaml",
        "estrategia/condenados.yaml",
        "territorio/rural.yaml",
    ):
        assert f"simulacion/configs/{cfg}" in nombres
    # el lanzador local es un plugin de Hydra; hydra_plugins sigue siendo un espacio de nombres compartido
    assert "hydra_plugins/simulacion_lanzador/lanzador_local.py" in nombres
    assert "hydra_plugins/__init__.py" not in nombres
