"""F11–F13 (docs/odd.md §1.3; docs/validacion.md, F11–F13) sobre muchas semillas.

Las versiones ``lento`` corren los experimentos de ``experimentos/validacion.py gobierno`` en las semillas
3600–3629 (las de docs/validacion.md; los mecanismos se probaron con 3500–3509 y ningún valor se eligió
con ellas). La versión barata de F13 corre en la suite por defecto con otras semillas (3700–3707) y 40
trimestres. F11 y F12 no tienen versión barata con sentido (hacen falta 80 trimestres y decenas de
semillas para ver una fracción de desenlaces o una deriva); sus mecanismos se prueban de a uno en
``tests/test_gobierno.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "experimentos"))
from hechos import (  # noqa: E402
    F11_CONDICIONES,
    F12_CONDICIONES,
    F13_CONDICIONES,
    INFORMAL,
    apalancamiento_pe,
    condiciones,
    pareados,
)

SEMILLAS = range(3600, 3630)


def _media_mayor(d: np.ndarray) -> bool:
    """La media de ``d`` es positiva con margen de 2 errores estándar."""
    return d.mean() - 2 * d.std(ddof=1) / np.sqrt(len(d)) > 0


def test_f13_la_informalidad_deja_fuera_de_la_mesa_y_la_formalizacion_devuelve_proyectos():
    """Barata: arriesgada con todas formales, mitad informal y mitad informal con formalización (40
    trimestres, 8 semillas): la informalidad quita proyectos cofinanciados en casi todas las semillas y
    la formalización los devuelve."""
    comun = ("estrategia=arriesgada", "pasos=40")
    tabla = {
        "formales": comun,
        "informal": (*comun, *INFORMAL),
        "formalizada": (*comun, *INFORMAL, "estrategia.pe_fraccion_formalizacion=0.1"),
    }
    df = condiciones(tabla, range(3700, 3708))
    formales, informal, formalizada = (df[df.condicion == c] for c in tabla)
    assert (pareados(formales, informal, "proyectos_cofinanciados") > 0).mean() >= 0.75
    assert (pareados(formalizada, informal, "proyectos_cofinanciados") > 0).mean() >= 0.75
    assert formalizada.formalizaciones.mean() > 0 and informal.formalizaciones.sum() == 0


@pytest.mark.lento
def test_f11_elecciones_sin_institucionalizar_cortan_el_crecimiento_e_institucionalizar_lo_recupera():
    df = condiciones(F11_CONDICIONES, SEMILLAS)
    sin, rota, inst = (df[df.condicion == c] for c in F11_CONDICIONES)
    crece = {n: float((d.desenlace == "crecimiento").mean()) for n, d in (("sin", sin), ("rota", rota), ("inst", inst))}
    assert crece["rota"] < crece["sin"]  # las elecciones sin institucionalizar cortan el crecimiento
    assert crece["inst"] - crece["rota"] >= 0.5 * (crece["sin"] - crece["rota"])  # recupera la mayor parte
    assert (pareados(inst, rota, "crecimiento_anual") > 0).mean() > 0.5  # pareado: más crecimiento en la mayoría


@pytest.mark.lento
def test_f12_si_el_electorado_premia_las_obras_las_gestiones_derivan_al_ap():
    df = condiciones(F12_CONDICIONES, SEMILLAS)
    no_mira, premia = (df[df.condicion == c] for c in F12_CONDICIONES)
    plan = 0.45
    assert premia.ap_vigente_fin.mean() > plan and premia.ap_vigente_fin.mean() > no_mira.ap_vigente_fin.mean()
    assert (premia.ap_vigente_fin > plan + 1e-9).mean() > (no_mira.ap_vigente_fin > plan + 1e-9).mean()
    d = pareados(premia, no_mira, "ap_vigente_fin")
    assert (d > 0).sum() > (d < 0).sum()  # entre las semillas en que difieren, más AP si premia las obras


@pytest.mark.lento
def test_f13_la_informalidad_baja_el_apalancamiento_de_la_pe():
    df = apalancamiento_pe(SEMILLAS)
    formales, informal, formalizada = (df[df.condicion == c] for c in F13_CONDICIONES)
    assert _media_mayor(pareados(formales, informal, "apalancamiento_pe"))
    # la formalización devuelve proyectos e inversión privada (no el cociente: docs/validacion.md, F13)
    assert _media_mayor(pareados(formalizada, informal, "proyectos_cofinanciados"))
    assert _media_mayor(pareados(formalizada, informal, "inversion_privada"))
