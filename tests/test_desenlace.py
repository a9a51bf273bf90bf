"""El clasificador de desenlace sobre series sintéticas: sólo mira indicadores medidos."""

from __future__ import annotations

import ast
import inspect

import numpy as np
import pandas as pd
import pytest

from simulacion.config import Umbrales
from simulacion.resultados import desenlace
from simulacion.resultados.desenlace import DESENLACES, clasificar, indicadores, tendencia_anual

PASOS = 40


def serie(
    crec_trim=0.0, pymes0=300, pymes_fin=300, innov_frac=0.05, salidas_innov=0, ruido=0.0, semilla=0, perdida_trim=0.0
):
    """Serie sintética con crecimiento trimestral, población e innovación dadas; ``perdida_trim`` es la
    parte de la producción innovadora que desaparece cada trimestre."""
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
            "produccion_innovadora": prod * innov_frac,
            "perdida_innovadora": prod * innov_frac * perdida_trim,
        }
    )


def test_indicadores_de_una_serie_conocida():
    ind = indicadores(
        serie(crec_trim=np.log(1.01), pymes_fin=240, innov_frac=0.2, salidas_innov=12, perdida_trim=0.005)
    )
    assert ind["crecimiento_anual"] == pytest.approx(1.01**4 - 1, rel=1e-6)
    # tasa anual de la tendencia log-lineal (antes: cambio acumulado −0,2, que dependía del horizonte)
    assert ind["cambio_pymes_anual"] == pytest.approx(tendencia_anual(np.linspace(300, 240, PASOS).round()))
    assert ind["cambio_pymes_anual"] < 0
    assert ind["fraccion_innovadora"] == pytest.approx(0.2, abs=0.01)
    assert ind["volatilidad"] == pytest.approx(0.0, abs=1e-9)
    innov_anios = (np.linspace(300, 240, PASOS).round() * 0.2).round().sum() / 4
    assert ind["tasa_fracaso_innovadoras"] == pytest.approx(12 / innov_anios)
    assert ind["perdida_innovadora_anual"] == pytest.approx(4 * 0.005)


@pytest.mark.parametrize(
    ("kwargs", "esperado"),
    [
        (dict(crec_trim=0.015, innov_frac=0.25), "crecimiento"),
        (dict(crec_trim=0.0, innov_frac=0.05), "estancamiento"),
        (dict(crec_trim=0.002, innov_frac=0.05, ruido=0.01), "estancamiento"),
        (dict(crec_trim=0.005, innov_frac=0.3, salidas_innov=120, perdida_trim=0.01), "fragilidad"),
        # muchos fracasos contados sin producción perdida no son fragilidad (issue 24: el daño decide)
        (dict(crec_trim=0.005, innov_frac=0.3, salidas_innov=120), "estancamiento"),
        # la volatilidad y la caída de pymes ya no clasifican solas (no decidían ninguna corrida)
        (dict(crec_trim=0.005, innov_frac=0.3, ruido=0.3, salidas_innov=120, perdida_trim=0.01), "fragilidad"),
        (dict(crec_trim=-0.02, pymes_fin=200), "descomposicion"),
        (dict(crec_trim=0.0, pymes_fin=180), "estancamiento"),
    ],
)
def test_clasificacion_de_series_sinteticas(kwargs, esperado):
    assert clasificar(indicadores(serie(**kwargs)), Umbrales()) == esperado


def test_umbrales_vienen_de_la_configuracion():
    ind = indicadores(serie(crec_trim=0.006))  # ~2,4 % anual
    assert clasificar(ind, Umbrales(crecimiento_minimo=0.02)) == "crecimiento"
    assert clasificar(ind, Umbrales(crecimiento_minimo=0.05)) == "estancamiento"


def test_cada_regla_decide_en_su_umbral_y_en_su_orden():
    """Cada regla cambia el desenlace justo en su umbral, y el orden de las reglas importa: si una
    regla se rompe, se salta o cambia de lugar, esta prueba falla (no es un «siempre uno de cuatro»)."""
    u = Umbrales()
    base = {
        "crecimiento_anual": 0.0,
        "cambio_pymes_anual": 0.0,
        "fraccion_innovadora": 0.1,
        "tasa_fracaso_innovadoras": 0.0,
        "perdida_innovadora_anual": 0.0,
        "volatilidad": 0.05,
    }
    assert clasificar(base, u) == "estancamiento"
    assert clasificar({**base, "crecimiento_anual": u.crecimiento_minimo}, u) == "crecimiento"
    assert clasificar({**base, "crecimiento_anual": u.crecimiento_minimo - 1e-9}, u) == "estancamiento"
    assert clasificar({**base, "perdida_innovadora_anual": u.perdida_innovadora_maxima + 1e-9}, u) == "fragilidad"
    assert clasificar({**base, "perdida_innovadora_anual": u.perdida_innovadora_maxima}, u) == "estancamiento"
    assert clasificar({**base, "crecimiento_anual": u.crecimiento_descomposicion}, u) == "descomposicion"
    assert clasificar({**base, "crecimiento_anual": u.crecimiento_descomposicion + 1e-9}, u) == "estancamiento"
    # orden: la descomposición antes que la fragilidad, la fragilidad antes que el crecimiento
    assert clasificar({**base, "crecimiento_anual": -0.5, "perdida_innovadora_anual": 1.0}, u) == "descomposicion"
    assert clasificar({**base, "crecimiento_anual": 0.1, "perdida_innovadora_anual": 1.0}, u) == "fragilidad"
    # el conteo de fracasos ya no decide: sin daño medido no hay fragilidad
    assert clasificar({**base, "crecimiento_anual": 0.1, "tasa_fracaso_innovadoras": 1.0}, u) == "crecimiento"


def test_series_al_azar_llegan_a_los_cuatro_desenlaces(rng):
    """Ninguna regla queda muerta: series sintéticas variadas producen cada uno de los cuatro."""
    vistos = set()
    for k in range(200):
        s = serie(
            crec_trim=rng.normal(0, 0.02),
            pymes_fin=int(rng.integers(50, 600)),
            innov_frac=rng.uniform(0, 0.6),
            salidas_innov=int(rng.integers(0, 40)),
            perdida_trim=rng.uniform(0, 0.01),
            ruido=rng.uniform(0, 0.3),
            semilla=k,
        )
        vistos.add(clasificar(indicadores(s), Umbrales()))
    assert vistos == set(DESENLACES)


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
