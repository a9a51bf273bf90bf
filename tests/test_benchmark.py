"""Benchmark (pytest-benchmark) y pruebas rápidas de las herramientas de experimentos/benchmark.py.

Las pruebas de tiempo están marcadas ``lento`` (fuera de la corrida por defecto) y no afirman tiempos
absolutos: registran las medidas, y una sola afirma una razón medida en la misma corrida (el costo por
pyme y trimestre no crece con el territorio). Para correrlas::

    .venv/bin/python -m pytest -m lento tests/test_benchmark.py --benchmark-group-by=group

Los números y su lectura están en docs/rendimiento.md.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

EXPERIMENTOS = Path(__file__).resolve().parents[1] / "experimentos"


def _cargar(nombre: str):
    spec = importlib.util.spec_from_file_location(nombre, EXPERIMENTOS / f"{nombre}.py")
    modulo = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(nombre, modulo)
    spec.loader.exec_module(modulo)
    return modulo


bm = _cargar("benchmark")
huellas = _cargar("huellas")
lanzadores = _cargar("barrido_lanzadores")


# ---------------------------------------------------------------------- herramientas (rápidas)
@pytest.mark.parametrize("n", [300, 3_000, 30_000])
def test_la_grilla_crece_con_n_y_mantiene_la_densidad_por_defecto(n):
    lado = bm.lado_para(n)
    assert abs(n / lado**2 - bm.DENSIDAD) / bm.DENSIDAD < 0.02
    cfg = bm.configuracion_escalada(n)
    assert (cfg.territorio.ancho, cfg.territorio.alto, cfg.territorio.n_pymes) == (lado, lado, n)


def test_pasos_agente_es_la_suma_de_agentes_activos_en_ambos_modelos():
    boltzmann = bm.medir("boltzmann", 50, 3)
    assert boltzmann.pasos_agente == 50 * 3  # Boltzmann no tiene altas ni bajas
    propio = bm.medir("territorial", 200, 4, semilla=3)
    m = bm.modelo_territorial(200, semilla=3)
    esperado = 0
    for _ in range(4):
        m.step()
        esperado += len(m.agents) + len(m.pymes)  # las pymes son filas, no objetos Mesa registrados
    assert propio.pasos_agente == esperado
    assert propio.tiempo_pasos > 0 and propio.us_por_paso_agente > 0


def test_la_huella_detecta_un_cambio_de_un_ulp():
    h = huellas.huella(("pasos=3", "territorio.n_pymes=60", "territorio.ancho=9", "territorio.alto=9"))
    assert huellas.diferencias(h, h) == []
    otra = {**h, "series": h["series"].copy(), "pymes": dict(h["pymes"])}
    otra["series"].loc[2, "produccion_total"] = np.nextafter(otra["series"].loc[2, "produccion_total"], np.inf)
    distintas = huellas.diferencias(h, otra)
    assert len(distintas) == 1 and distintas[0].startswith("serie.produccion_total")
    capital = h["pymes"]["capital"].copy()
    capital[0] = np.nextafter(capital[0], 0.0)
    assert huellas.diferencias(h, {**h, "pymes": {**h["pymes"], "capital": capital}}) == ["pymes.capital"]


def test_resumen_de_objetivos_usa_las_filas_medidas():
    filas = [
        {"n": 3_000, "razon_total_vs_boltzmann": 2.0, "us_paso_agente": 1.0, "construccion_s": 0.2},
        {"n": 300_000, "us_paso_agente": 1.1, "construccion_s": 22.0, "pasos_s": 7.5, "pasos": 40, "pico_mb": 900.0},
    ]
    lineas = bm.resumen_objetivos(filas)
    assert "2.00x" in lineas[0] and "1.10" in lineas[1] and "1.10" in lineas[2]
    assert "29.5 s" in lineas[3] and "900 MB" in lineas[4]


def test_comparar_lanzadores_alterna_y_divide_el_reloj_del_basico(monkeypatch, capsys):
    """Cada ronda corre el básico y luego cada lanzador; la razón es reloj básico / reloj del lanzador."""
    relojes = {"hydra/launcher=basic": 60.0, "": 30.0, "hydra/launcher=joblib": 40.0}
    orden = []

    def correr_falso(experimento, extra, carpeta):
        orden.append(extra[0] if extra else "")
        return {"reloj": relojes[orden[-1]], "cpu": 1.0, "carga": 0.5}

    monkeypatch.setattr(lanzadores, "correr_barrido", correr_falso)
    filas = lanzadores.comparar_lanzadores("matriz", 2, ["local", "joblib"], ())
    assert orden == ["hydra/launcher=basic", "", "hydra/launcher=joblib"] * 2
    assert [f["local"]["razon"] for f in filas] == [2.0, 2.0] and filas[0]["joblib"]["razon"] == 1.5
    assert "razón básico/local: mediana 2.00×" in capsys.readouterr().out


# ---------------------------------------------------------------------- benchmark (lento)
@pytest.mark.lento
@pytest.mark.parametrize("n", [300, 3_000, 30_000])
@pytest.mark.parametrize("nombre", ["territorial", "boltzmann"])
def test_benchmark_paso(benchmark, nombre, n):
    """Tiempo de un paso de cada modelo con ``n`` agentes en la misma grilla (grupo por tamaño)."""
    benchmark.group = f"paso con {n} agentes"
    modelo = bm.CONSTRUCTORES[nombre](n, 0)
    benchmark.pedantic(modelo.step, rounds=10, warmup_rounds=1, iterations=1)
    benchmark.extra_info["agentes_al_final"] = bm.agentes_activos(modelo)
    assert modelo.steps == 11


@pytest.mark.lento
def test_el_costo_por_pyme_y_trimestre_no_crece_con_el_territorio():
    """La razón que importa para la escala (issue 23), medida en una misma corrida: el tiempo de CPU por
    paso-agente con 30.000 pymes no pasa de 1,2 veces el de 3.000 (medido: 0,85; con cada actor
    recorriendo todas las pymes era 3,1; docs/rendimiento.md, «Escala»). Vista en rojo: con
    ``Pymes.filas_en_celdas`` recorriendo todas las pymes (``np.isin``) en vez del índice por celda, la
    razón sube a 1,34."""
    chico, grande = (
        min((bm.medir("territorial", n, 8) for _ in range(2)), key=lambda m: m.tiempo_pasos) for n in (3_000, 30_000)
    )
    razon = grande.us_por_paso_agente / chico.us_por_paso_agente
    assert razon <= 1.2, (
        f"µs por paso-agente: {chico.us_por_paso_agente:.2f} con 3.000, {grande.us_por_paso_agente:.2f} con 30.000"
    )
