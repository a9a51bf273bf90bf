"""Elecciones, gestiones, institucionalización, captura endógena e informalidad (issue 15; docs/odd.md §7).

Pruebas de unidad baratas: las claves y sus mensajes, las columnas y cada comportamiento del gobierno en
modelos cortos. Los hechos F11–F13 sobre muchas semillas están en ``tests/test_hechos_gobierno.py``.
"""

from __future__ import annotations

import numpy as np
import pytest
from conftest import configuracion

from simulacion.api import componer, simular
from simulacion.config.verificacion import ConfiguracionInvalida, validar
from simulacion.indicadores import COLUMNAS_SERIE
from simulacion.modelo import ModeloTerritorial

NUEVAS = ("eleccion", "gestion", "ap_vigente", "pe_vigente", "pymes_informales", "formalizaciones", "captura")


def _modelo(pasos: int = 0, semilla: int = 0, **gobierno) -> ModeloTerritorial:
    cfg = configuracion(semilla)
    for clave, valor in gobierno.items():
        setattr(cfg.gobierno, clave, valor)
    m = ModeloTerritorial(cfg)
    for _ in range(pasos):
        m.step()
    return m


# ---------------------------------------------------------------------- claves, mensajes y columnas
def test_claves_del_gobierno_y_la_informalidad_con_sus_valores_por_defecto():
    cfg = componer()
    g = cfg.gobierno
    assert (g.periodo_electoral, g.institucionalizacion, g.velocidad_captura) == (0, 0.0, 0.0)
    assert cfg.territorio.fraccion_informal == 0.0
    assert cfg.estrategia.pe_fraccion_formalizacion == 0.0
    assert (
        componer("gobierno.periodo_electoral=16", "gobierno.institucionalizacion=0.75").gobierno.periodo_electoral == 16
    )


@pytest.mark.parametrize(
    "override, clave",
    [
        ("gobierno.institucionalizacion=1.5", "gobierno.institucionalizacion"),
        ("gobierno.periodo_electoral=-4", "gobierno.periodo_electoral"),
        ("territorio.fraccion_informal=2", "territorio.fraccion_informal"),
        ("estrategia.pe_fraccion_formalizacion=0.6", "estrategia.pe_fraccion_servicios"),  # la suma de la PE pasa de 1
    ],
)
def test_valores_imposibles_dan_un_mensaje_en_castellano(override, clave):
    with pytest.raises(ConfiguracionInvalida) as error:
        validar(componer(override))
    assert clave in str(error.value) and "se acepta" in str(error.value)


def test_un_periodo_de_un_trimestre_se_acepta():
    assert validar(componer("gobierno.periodo_electoral=1")).gobierno.periodo_electoral == 1


def test_columnas_nuevas_declaradas_al_final_de_la_serie():
    """Las columnas del gobierno van juntas y detrás de las de antes (sólo las del taller, issue 14,
    las siguen): las columnas previas no cambian de lugar."""
    del_taller = ("gasto_mercado", "entradas_empresas", "salidas_empresas")
    i = COLUMNAS_SERIE.index(NUEVAS[0])
    assert COLUMNAS_SERIE[i : i + len(NUEVAS)] == NUEVAS
    # declaradas después, también al final (issue 24): el daño innovador y el desarrollo de los hogares
    posteriores = (
        "produccion_innovadora",
        "perdida_innovadora",
        "ingreso_hogar_tradicional",
        "fraccion_bajo_subsistencia",
    )
    assert set(COLUMNAS_SERIE[i:]) == set(NUEVAS) | set(del_taller) | set(posteriores)


def test_por_defecto_sin_elecciones_ni_informales_y_con_la_captura_constante():
    s = simular("pasos=6", "territorio.captura=0.2").series
    assert (s.eleccion == 0).all() and (s.gestion == 1).all()
    assert (s.ap_vigente == 0.45).all() and (s.pe_vigente == 0.45).all()
    assert (s.pymes_informales == 0).all() and (s.formalizaciones == 0).all()
    assert (s.captura == 0.2).all()


# ---------------------------------------------------------------------- elecciones y gestiones
def test_elecciones_cada_periodo_y_la_gestion_cambia_solo_si_pierde_la_que_gobierna():
    s = simular("pasos=24", "gobierno.periodo_electoral=4", "semilla=3").series
    assert list(s.paso[s.eleccion == 1]) == [4, 8, 12, 16, 20, 24]
    cambios = s.gestion.diff().fillna(0)
    assert (cambios >= 0).all() and set(s.paso[cambios > 0]) <= {4, 8, 12, 16, 20, 24}
    # el reparto sólo cambia el trimestre siguiente a un cambio de gestión, y AP + PE se conserva
    reparto_cambia = s.ap_vigente.diff().fillna(0) != 0
    assert set(s.paso[reparto_cambia] - 1) <= set(s.paso[cambios > 0])
    assert np.allclose(s.ap_vigente + s.pe_vigente, 0.9)


def test_el_electorado_premia_las_obras_y_el_ingreso():
    m = _modelo(voto_obras=0.6, voto_ingreso=1.0, reeleccion_base=0.5)
    g = m.gobierno
    g.obras_periodo, g.inversion_periodo, g.ingresos_periodo = 90.0, 100.0, [100.0] * 8
    con_obras = g.probabilidad_reeleccion()
    g.obras_periodo = 10.0
    sin_obras = g.probabilidad_reeleccion()
    g.ingresos_periodo = [100.0] * 4 + [120.0] * 4
    con_ingreso = g.probabilidad_reeleccion()
    assert con_obras == pytest.approx(0.5 + 0.6 * 0.4)
    assert sin_obras == pytest.approx(0.5 - 0.6 * 0.4)
    assert con_ingreso == pytest.approx(sin_obras + 0.2)


def test_sin_institucionalizar_la_gestion_nueva_pone_su_reparto_y_disuelve_la_mesa():
    m = _modelo(pasos=3, institucionalizacion=0.0, trimestres_reinstalacion=4)
    m.municipalidad.fondo_pe = 5.0
    m.gobierno.cambiar_gestion(0.8, 0.1)
    assert m.municipalidad.reparto == pytest.approx((0.8, 0.1))
    assert m.gobierno.gestion == 2 and m.municipalidad.fondo_pe == 0.0
    assert not m.gobierno.mesa_en_pie()
    for _ in range(4):
        m.step()
    assert m.gobierno.mesa_en_pie()


def test_institucionalizada_el_plan_ata_el_reparto_y_la_mesa_sigue():
    m = _modelo(pasos=3, institucionalizacion=1.0)
    m.municipalidad.fondo_pe = 5.0
    m.gobierno.cambiar_gestion(0.8, 0.1)
    assert m.municipalidad.reparto == pytest.approx((0.45, 0.45))  # el de la estrategia, el plan concertado
    assert m.municipalidad.fondo_pe == 5.0 and m.gobierno.mesa_en_pie()


def test_sin_mesa_no_hay_concertacion():
    m = _modelo(pasos=2)
    m.gobierno.mesa_suspendida = 3
    m.step()
    assert m.datacollector.get_model_vars_dataframe().concertacion.iloc[-1] == 0


def test_el_cofinanciamiento_interrumpido_quita_capital_y_confianza_a_los_proyectos_en_obra():
    m = _modelo(pasos=3, trimestres_ejecucion=4)
    pymes = m.pymes
    en_obra = np.flatnonzero(pymes.cofinanciada_en > 0)
    assert len(en_obra) > 0
    otras = np.flatnonzero(pymes.cofinanciada_en == 0)
    capital, confianza, capital_otras = pymes.capital.copy(), pymes.confianza.copy(), pymes.capital[otras].copy()
    m.gobierno.interrumpir_compromisos()
    assert (pymes.capital[en_obra] < capital[en_obra]).all()
    assert (pymes.confianza[en_obra] < confianza[en_obra]).all()
    assert (pymes.capital[otras] == capital_otras).all()


# ---------------------------------------------------------------------- informalidad y formalización
def test_las_informales_no_reciben_credito_ni_cofinanciamiento():
    s = simular("pasos=8", "territorio.fraccion_informal=1", "estrategia=arriesgada").series
    assert (s.credito_otorgado == 0).all() and (s.proyectos_cofinanciados == 0).all()
    assert (s.pymes_informales == s.pymes_tradicionales + s.pymes_innovadoras).all()


def test_la_pe_formaliza_informales_via_agencias_con_un_costo():
    base = ["pasos=8", "territorio.fraccion_informal=0.5", "estrategia=arriesgada"]
    sin = simular(*base).series
    con = simular(*base, "estrategia.pe_fraccion_formalizacion=0.2").series
    assert sin.formalizaciones.sum() == 0
    assert con.formalizaciones.sum() > 0
    assert con.pymes_informales.iloc[-1] < sin.pymes_informales.iloc[-1]


# ---------------------------------------------------------------------- captura endógena
def test_la_captura_sube_sin_control_y_baja_con_control_democratico():
    comun = ["pasos=12", "estrategia=complementariedad", "gobierno.velocidad_captura=0.3", "territorio.captura=0.2"]
    sin_control = simular(*comun, "gobierno.control_democratico=0").series
    con_control = simular(*comun, "gobierno.control_democratico=1").series
    assert sin_control.captura.iloc[-1] > 0.2  # objetivo 0,6 × (1 − confianza) > 0,2
    assert con_control.captura.iloc[-1] < 0.05  # objetivo 0: la transparencia la deshace
