"""Interruptores de los canales causales (``canales.*``, docs/odd.md §4.1): apagar uno conserva la
contabilidad y quita exactamente su efecto. Cada prueba compara la misma semilla con el canal
encendido y apagado, así que falla si el interruptor no llega al mecanismo."""

from __future__ import annotations

from dataclasses import fields

import numpy as np
import pytest
from conftest import configuracion
from test_contabilidad import verificar_contabilidad

from simulacion.config import Canales
from simulacion.modelo import ModeloTerritorial

CANALES = [f.name for f in fields(Canales)]


def correr(semilla=0, ap=0.45, pe=0.45, pasos=16, apagado: str | None = None, **territorio) -> ModeloTerritorial:
    cfg = configuracion(semilla, ap, pe, **territorio)
    if apagado:
        setattr(cfg.canales, apagado, False)
    m = ModeloTerritorial(cfg)
    for _ in range(pasos):
        m.step()
    return m


def serie(m: ModeloTerritorial, columna: str) -> np.ndarray:
    return m.datacollector.get_model_vars_dataframe()[columna].to_numpy()


@pytest.mark.parametrize("canal", CANALES)
def test_apagar_un_canal_conserva_el_dinero(canal):
    cfg = configuracion(1, 0.45, 0.45, captura=0.1)
    cfg.estrategia.mercado_municipal = 0.1
    setattr(cfg.canales, canal, False)
    verificar_contabilidad(ModeloTerritorial(cfg), 12)


def test_canal_1_sin_ap_productivo_el_ap_produce_menos():
    con, sin = correr(ap=0.9, pe=0.0), correr(ap=0.9, pe=0.0, apagado="ap_productividad")
    assert serie(sin, "produccion_total")[-4:].sum() < serie(con, "produccion_total")[-4:].sum()


def test_canal_2_sin_caminos_el_acceso_no_cambia():
    sin = ModeloTerritorial(configuracion(0, 0.9, 0.0))
    sin.cfg.canales.acceso_vial = False
    inicial = sin.grilla.acceso.data.copy()
    for _ in range(8):
        sin.step()
    assert np.array_equal(sin.grilla.acceso.data, inicial)
    con = correr(ap=0.9, pe=0.0, pasos=8)
    assert not np.array_equal(con.grilla.acceso.data, inicial)


def test_canal_3_sin_cofinanciamiento_no_hay_proyectos_concertados():
    con, sin = correr(ap=0.0, pe=0.9), correr(ap=0.0, pe=0.9, apagado="cofinanciamiento")
    assert serie(con, "proyectos_cofinanciados").sum() > 0
    assert serie(sin, "proyectos_cofinanciados").sum() == 0


def test_canal_3_sin_servicios_la_productividad_no_sube():
    con, sin = correr(pasos=12), correr(pasos=12, apagado="servicios")
    assert sin.pymes.servicio.max() == 0.0 and con.pymes.servicio.max() > 0.0


def test_canal_3_sin_garantia_hay_menos_credito():
    con = sum(serie(correr(s, pasos=20), "credito_otorgado").sum() for s in range(3))
    sin = sum(serie(correr(s, pasos=20, apagado="garantia"), "credito_otorgado").sum() for s in range(3))
    assert sin < con


def test_canal_3_sin_aprendizaje_hay_menos_propuestas():
    con = sum(serie(correr(s), "propuestas").sum() for s in range(3))
    sin = sum(serie(correr(s, apagado="aprendizaje"), "propuestas").sum() for s in range(3))
    assert sin < con


def test_canal_4_sin_riesgo_del_entorno_no_hay_innovaciones_perdidas():
    con, sin = correr(ap=0.0, pe=0.9, pasos=20), correr(ap=0.0, pe=0.9, pasos=20, apagado="riesgo_entorno")
    assert serie(con, "abandonos_innovacion").sum() > 0
    assert serie(sin, "abandonos_innovacion").sum() == 0


def test_canal_5_sin_dinamica_de_confianza_la_confianza_no_se_mueve():
    sin = correr(pasos=12, apagado="confianza")
    assert np.all(serie(sin, "confianza_media") == sin.cfg.territorio.confianza_inicial)
    assert np.any(serie(correr(pasos=12), "confianza_media") != sin.cfg.territorio.confianza_inicial)


def test_canal_6_sin_recaudacion_local_el_presupuesto_no_sigue_a_la_actividad():
    sin = serie(correr(apagado="recaudacion_local"), "presupuesto_municipal")
    con = serie(correr(), "presupuesto_municipal")
    assert np.allclose(sin[1:], sin[1]) and not np.allclose(con[1:], con[1])


def test_apropiacion_apagada_no_quita_innovadoras():
    def con_apropiacion(apagado=False):
        cfg = configuracion(0, 0.45, 0.45)
        cfg.economia.probabilidad_apropiacion = 1.0  # toda innovadora del radio de una empresa, cada trimestre
        cfg.canales.apropiacion = not apagado
        m = ModeloTerritorial(cfg)
        for _ in range(10):
            m.step()
        return serie(m, "pymes_innovadoras")[-1]

    assert con_apropiacion(apagado=True) > con_apropiacion()
