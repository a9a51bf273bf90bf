"""El clasificador de desenlace sobre series sintéticas: sólo mira indicadores medidos."""

from __future__ import annotations

import ast
import inspect

import numpy as np
import pandas as pd
import pytest

from simulacion.config import Umbrales
from simulacion.resultados import desenlace
from simulacion.resultados.desenlace import DESENLACES, clasificar, indicadores

PASOS = 40


def serie(crec_trim=0.0, pymes0=300, pymes_fin=300, innov_frac=0.05, salidas_innov=0, ruido=0.0, semilla=0):
    """Serie sintética con crecimiento trimestral, población e innovación dadas."""
    rng = np.random.default_rng(semilla)
    t = np.arange(PASOS)
    prod = 1000 * np.exp(crec_trim * t + ruido * rng.normal(size=PASOS))
    pymes = np.linspace(pymes0, pymes_fin, PASOS).round()
    innov = (pymes * innov_frac).round()
    sal = np.full(PASOS, salidas_innov / PASOS)
    return pd.DataFrame(
        {
            "produccion_total": prod,
            "pymes_tradicionales": pymes - innov,
            "pymes_innovadoras": innov,
            "salidas_innovadoras": sal,
        }
    )


def test_indicadores_de_una_serie_conocida():
    ind = indicadores(serie(crec_trim=np.log(1.01), pymes_fin=240, innov_frac=0.2, salidas_innov=12))
    assert ind["crecimiento_anual"] == pytest.approx(1.01**4 - 1, rel=1e-6)
    assert ind["cambio_pymes"] == pytest.approx(-0.2)
    assert ind["fraccion_innovadora"] == pytest.approx(0.2, abs=0.01)
    assert ind["volatilidad"] == pytest.approx(0.0, abs=1e-9)
    innov_anios = (np.linspace(300, 240, PASOS).round() * 0.2).round().sum() / 4
    assert ind["tasa_fracaso_innovadoras"] == pytest.approx(12 / innov_anios)


@pytest.mark.parametrize(
    ("kwargs", "esperado"),
    [
        (dict(crec_trim=0.015, innov_frac=0.25), "crecimiento"),
        (dict(crec_trim=0.0, innov_frac=0.05), "estancamiento"),
        (dict(crec_trim=0.002, innov_frac=0.05, ruido=0.01), "estancamiento"),
        (dict(crec_trim=0.005, innov_frac=0.3, salidas_innov=120), "fragilidad"),
        (dict(crec_trim=0.005, innov_frac=0.3, ruido=0.3), "fragilidad"),
        (dict(crec_trim=-0.02, pymes_fin=200), "descomposicion"),
        (dict(crec_trim=0.0, pymes_fin=180), "descomposicion"),
    ],
)
def test_clasificacion_de_series_sinteticas(kwargs, esperado):
    assert clasificar(indicadores(serie(**kwargs)), Umbrales()) == esperado


def test_umbrales_vienen_de_la_configuracion():
    ind = indicadores(serie(crec_trim=0.006))  # ~2,4 % anual
    assert clasificar(ind, Umbrales(crecimiento_minimo=0.02)) == "crecimiento"
    assert clasificar(ind, Umbrales(crecimiento_minimo=0.05)) == "estancamiento"


def test_siempre_uno_de_los_cuatro(rng):
    for k in range(200):
        s = serie(
            crec_trim=rng.normal(0, 0.02),
            pymes_fin=int(rng.integers(50, 600)),
            innov_frac=rng.uniform(0, 0.6),
            salidas_innov=int(rng.integers(0, 40)),
            ruido=rng.uniform(0, 0.3),
            semilla=k,
        )
        assert clasificar(indicadores(s), Umbrales()) in DESENLACES


def _codigo_sin_docstrings(modulo) -> str:
    arbol = ast.parse(inspect.getsource(modulo))
    for nodo in ast.walk(arbol):
        cuerpo = getattr(nodo, "body", None)
        if isinstance(cuerpo, list) and cuerpo and isinstance(cuerpo[0], ast.Expr):
            if isinstance(cuerpo[0].value, ast.Constant) and isinstance(cuerpo[0].value.value, str):
                cuerpo.pop(0)
    return ast.unparse(arbol)


def test_el_clasificador_no_ve_la_estrategia():
    assert list(inspect.signature(clasificar).parameters) == ["ind", "u"]
    codigo = _codigo_sin_docstrings(desenlace)
    for palabra in ("estrategia", "apoyo_produccion", "promocion_economica", "complementariedad", "lamentable"):
        assert palabra not in codigo


def test_serie_demasiado_corta_es_un_error():
    with pytest.raises(ValueError):
        indicadores(serie().iloc[:1])
