"""Propiedades que valen para TODA configuración válida (Hypothesis).

Cada ejemplo es una configuración al azar dentro de los rangos declarados en ``simulacion/config/esquema.py``
(los mismos que acepta :func:`simulacion.config.verificacion.validar`), en un territorio chico y pocos
trimestres para que la prueba sea rápida. En cada trimestre se verifica:

- ningún número de la serie es NaN ni infinito;
- no hay existencias negativas (cajas, capitales, deudas, fondos, infraestructura en [0, 1]);
- la identidad contable: el cambio del dinero total es el flujo neto de fuentes y sumideros;
- entradas − salidas = cambio en el número de pymes;

y al final, que el clasificador devuelve uno de los cuatro desenlaces.

Ejemplos: ``EJEMPLOS`` por prueba (variable de entorno ``PROPIEDADES_EJEMPLOS``, 120 por defecto),
con ``derandomize`` para que la corrida por defecto sea reproducible; para explorar más:
``PROPIEDADES_EJEMPLOS=2000 PROPIEDADES_AL_AZAR=1 .venv/bin/python -m pytest tests/test_propiedades.py``.
"""

from __future__ import annotations

import math
import os
import typing
from dataclasses import fields, is_dataclass

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_contabilidad import existencias_no_negativas

from simulacion.config import Configuracion, Rango
from simulacion.config.verificacion import validar
from simulacion.modelo import ModeloTerritorial
from simulacion.resultados.desenlace import DESENLACES, clasificar, indicadores

EJEMPLOS = int(os.environ.get("PROPIEDADES_EJEMPLOS", "120"))
AJUSTES = settings(
    max_examples=EJEMPLOS,
    deadline=None,
    derandomize=not os.environ.get("PROPIEDADES_AL_AZAR"),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Tamaño chico para la velocidad (los demás campos recorren todo su rango declarado).
CHICO = {
    "pasos": (2, 8),
    "territorio.ancho": (2, 7),
    "territorio.alto": (2, 7),
    "territorio.n_pymes": (1, 40),
    "territorio.n_empresas": (0, 3),
    "territorio.n_agencias": (1, 3),
    "territorio.n_entidades_financieras": (1, 3),
    "economia.radio_empresa": (0, 8),
    "economia.puestos_mercado": (1, 30),
    "economia.trimestres_prehistoria": (0, 3),  # con tasa_entrada alta las entradas crecen como 3^trimestres
}


def _valor(clave: str, tipo, r: Rango) -> st.SearchStrategy:
    """Valores de un campo: enteros o reales dentro del rango, con énfasis en los bordes."""
    if clave in CHICO:
        return st.integers(*CHICO[clave])
    if tipo is int:
        return st.integers(int(r.minimo), min(int(r.maximo), 10**6))
    return st.floats(r.minimo, r.maximo, exclude_min=r.abierto_abajo, allow_nan=False, allow_infinity=False)


def _campos_numericos(tipo=Configuracion, prefijo=""):
    pistas = typing.get_type_hints(tipo)
    for f in fields(tipo):
        if is_dataclass(pistas[f.name]):
            yield from _campos_numericos(pistas[f.name], f"{prefijo}{f.name}.")
        elif "rango" in f.metadata:
            yield f"{prefijo}{f.name}", pistas[f.name], f.metadata["rango"]


def _asignar(cfg: Configuracion, clave: str, valor) -> None:
    *ruta, hoja = clave.split(".")
    obj = cfg
    for parte in ruta:
        obj = getattr(obj, parte)
    setattr(obj, hoja, valor)


@st.composite
def configuraciones_validas(draw) -> Configuracion:
    """Una configuración válida al azar: cada campo numérico en su rango; las fracciones de un mismo
    presupuesto se reescalan si suman más de 1."""
    cfg = Configuracion()
    for clave, tipo, r in _campos_numericos():
        _asignar(cfg, clave, draw(_valor(clave, tipo, r), label=clave))
    for claves in Configuracion().estrategia.SUMAS:
        total = sum(getattr(cfg.estrategia, k) for k in claves)
        if total > 1:
            for k in claves:
                setattr(cfg.estrategia, k, getattr(cfg.estrategia, k) / total * (1 - 1e-12))
    return validar(cfg)  # si el generador produjera algo inválido, la prueba lo dice


def _espiar_flujos(m: ModeloTerritorial) -> list[dict[str, float]]:
    """Guarda los flujos de cada paso que el modelo cierra en su libro (para escalar la tolerancia)."""
    guardados: list[dict[str, float]] = []
    cerrar = m.libro.cerrar

    def espia() -> dict[str, float]:
        guardados.append(cerrar())
        return guardados[-1]

    m.libro.cerrar = espia
    return guardados


def _finitos(m: ModeloTerritorial) -> list[str]:
    fila = {k: m.medicion.get(k, 0.0) for k in m.datacollector.model_reporters}
    return [k for k, v in fila.items() if not math.isfinite(float(v))]


@AJUSTES
@given(cfg=configuraciones_validas())
def test_toda_configuracion_valida_conserva_el_dinero_y_no_produce_nan(cfg):
    m = ModeloTerritorial(cfg)
    flujos = _espiar_flujos(m)
    anterior, pymes = m.dinero_total(), len(m.pymes)
    for _ in range(cfg.pasos):
        m.step()
        ahora = m.dinero_total()
        assert _finitos(m) == [], f"paso {m.steps}"
        assert existencias_no_negativas(m) == [], f"paso {m.steps}"
        # Tolerancia: redondeo relativo 1e-9 del mayor de los saldos y del volumen bruto de flujos del paso.
        escala = max(1.0, abs(ahora), abs(anterior), sum(abs(v) for v in flujos[-1].values()))
        assert ahora - anterior == pytest.approx(m.medicion["flujo_neto"], abs=1e-9 * escala)
        assert len(m.pymes) - pymes == m.medicion["entradas"] - m.medicion["salidas"]
        for arreglo in (m.pymes.capital, m.pymes.caja, m.pymes.productividad, m.pymes.confianza):
            assert np.isfinite(arreglo).all()
        anterior, pymes = ahora, len(m.pymes)
    series = m.datacollector.get_model_vars_dataframe()
    assert clasificar(indicadores(series), cfg.umbrales) in DESENLACES


@AJUSTES
@given(
    crecimiento=st.floats(-1e6, 1e6) | st.just(float("nan")) | st.just(float("inf")),
    cambio=st.floats(-1.0, 1e6),
    innovadora=st.floats(0.0, 1.0),
    fracaso=st.floats(0.0, 1e6),
    perdida=st.floats(0.0, 1e6) | st.just(float("nan")),
    volatilidad=st.floats(0.0, 1e6),
    cfg=configuraciones_validas(),
)
def test_el_clasificador_siempre_da_uno_de_los_cuatro_desenlaces(
    crecimiento, cambio, innovadora, fracaso, perdida, volatilidad, cfg
):
    """También con indicadores extremos o no finitos (una producción que se anula)."""
    ind = {
        "crecimiento_anual": crecimiento,
        "cambio_pymes_anual": cambio,
        "fraccion_innovadora": innovadora,
        "tasa_fracaso_innovadoras": fracaso,
        "perdida_innovadora_anual": perdida,
        "volatilidad": volatilidad,
    }
    assert clasificar(ind, cfg.umbrales) in DESENLACES
