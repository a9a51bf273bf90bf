"""El desarrollo, no sólo el crecimiento (issue 24, punto 8): el ingreso de los hogares de las pymes
tradicionales y la fracción de pymes bajo la línea de subsistencia se miden en el modelo, sobre los
arreglos de las pymes, y la línea sólo mide (docs/validacion.md, F14; simulacion/indicadores/desarrollo.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from simulacion import simular
from simulacion.api import componer
from simulacion.modelo import ModeloTerritorial

CHICO = ("semilla=5", "territorio.n_pymes=120", "pasos=6")


def test_ingreso_y_linea_medidos_sobre_los_arreglos_de_las_pymes():
    """Cada trimestre, ``ingreso_hogar_tradicional`` es la media de ``Pymes.ingreso_hogar`` de las
    tradicionales y ``fraccion_bajo_subsistencia`` la fracción de pymes con ingreso bajo la línea, sobre
    las pymes que ajustaron su caja; y el ingreso de todos los hogares suma lo que el libro anotó como
    retiros menos aportes en ese ajuste (la caja que sale del negocio hacia los hogares). Un aporte casi
    no ocurre (una pyme sale antes de que la venta de su capital no alcance): la prueba lo provoca en una.

    Visto en rojo: con ``tradicional = self.innovadora`` en ``Produccion.medir_hogares`` (la media de las
    innovadoras) y con ``self.ingreso_hogar = retiro`` (sin restar el aporte) en ``ajustar_caja``.
    """
    modelo = ModeloTerritorial(componer(*CHICO))
    pymes, libro = modelo.pymes, modelo.libro
    original = pymes.ajustar_caja
    vistos = []

    def espiar():
        if not vistos:  # un hogar que tiene que poner plata: la venta del capital no cubre el faltante
            pymes.caja[0] = -(pymes.capital[0] + 5.0)
        antes = libro.flujos["retiros"] - libro.flujos["aportes"]
        original()
        neto = libro.flujos["retiros"] - libro.flujos["aportes"] - antes
        vistos.append((pymes.ingreso_hogar.copy(), pymes.innovadora.copy(), neto))

    pymes.ajustar_caja = espiar
    for _ in range(6):
        modelo.step()
    series = modelo.datacollector.get_model_vars_dataframe()
    linea = modelo.cfg.economia.linea_subsistencia
    assert linea == pytest.approx(0.5)  # el valor documentado (docs/odd.md, tabla de parámetros)
    assert vistos[0][0][0] == pytest.approx(-5.0)  # retiró 0 y puso 5
    for t, (ingreso, innovadora, neto) in enumerate(vistos):
        assert series["ingreso_hogar_tradicional"].iloc[t] == pytest.approx(ingreso[~innovadora].mean())
        assert series["fraccion_bajo_subsistencia"].iloc[t] == pytest.approx((ingreso < linea).mean())
        assert ingreso.sum() == pytest.approx(neto)
    assert 0 < series["fraccion_bajo_subsistencia"].mean() < 1


def test_la_linea_de_subsistencia_se_cambia_en_la_configuracion_y_solo_mide():
    """``economia.linea_subsistencia`` mueve la fracción bajo la línea (más alta, más pymes debajo; 0:
    sólo los hogares que tuvieron que poner plata; enorme: todas) y nada más: las demás columnas quedan
    idénticas bit a bit.

    Visto en rojo: con ``linea = 0.5`` fijo en ``Produccion.medir_hogares`` (en vez de leer la
    configuración) la fracción no se mueve con la línea.
    """
    series = {x: simular(*CHICO, f"economia.linea_subsistencia={x}").series for x in (0.0, 0.5, 2.0, 10000.0)}
    fracciones = pd.DataFrame({x: s["fraccion_bajo_subsistencia"] for x, s in series.items()})
    assert (fracciones.diff(axis=1).iloc[:, 1:] >= 0).all().all()
    assert fracciones[2.0].mean() > fracciones[0.5].mean() > fracciones[0.0].mean()
    assert (fracciones[10000.0] == 1.0).all()
    otras = [c for c in series[0.5].columns if c != "fraccion_bajo_subsistencia"]
    for s in series.values():
        pd.testing.assert_frame_equal(s[otras], series[0.5][otras])
