"""Las optimizaciones de rendimiento no cambian el comportamiento (docs/rendimiento.md).

Cada prueba compara la forma rápida con la forma directa que reemplazó, bit a bit.
"""

from __future__ import annotations

import numpy as np
import pytest
from conftest import modelo

from simulacion.modelo.agentes import Municipalidad
from simulacion.modelo.territorio import suma_vecindad


def test_obra_en_una_celda_igual_que_sobre_toda_la_grilla(rng):
    """La trocha de un proyecto se construye sólo en su celda: mismo resultado que con un gasto
    de cero en todas las demás celdas (la forma anterior, O(celdas) por proyecto)."""
    m = modelo(0, pasos=0)
    muni = m.municipalidad
    for _ in range(50):
        capa = rng.uniform(0.0, 1.0, m.forma)
        k = int(rng.integers(capa.size))
        trocha = float(rng.uniform(0.0, 20.0))
        directa = capa.copy()
        gasto = np.zeros(capa.size)
        gasto[k] = trocha
        Municipalidad.construir(muni, directa, gasto.reshape(m.forma))
        rapida = capa.copy()
        muni.construir(rapida.reshape(-1)[k : k + 1], np.array([trocha]))
        assert rapida.tobytes() == directa.tobytes()


def test_la_capa_vial_se_modifica_en_su_lugar():
    m = modelo(0, pasos=0)
    datos = m.grilla.infra_vial.data
    assert np.shares_memory(datos.reshape(-1)[3:4], datos)


def test_la_poblacion_inicial_solo_da_identidad_a_las_pymes_que_quedan():
    """Las candidatas del poblamiento que no quedan no gastan identidad (ids consecutivos desde 1), y la
    vista de cada pyme (``Pymes.agente``) lee la fila de su id, también después de altas y bajas."""
    m = modelo(4, 0.0, 0.9, n_pymes=150, prehistoria=0)  # el poblamiento solo: la prehistoria da altas y bajas
    p = m.pymes
    assert list(p.ids) == list(range(1, len(p) + 1)) and 0 < len(p) <= 150  # las viables entre 450 candidatas
    assert not any(type(a).__name__ == "Pyme" for a in m.agents)  # no son objetos Mesa registrados
    for _ in range(4):
        m.step()
    assert len(p.ids) == len(p) and (np.diff(p.ids) > 0).all()
    for fila in (0, len(p) // 2, len(p) - 1):
        pyme = p.agente(fila)
        assert (
            pyme.fila == fila
            and pyme.capital == p.capital[fila]
            and pyme.cell.coordinate == divmod(int(p.celda[fila]), m.forma[1])
        )


def test_zona_de_proveedoras_igual_a_la_distancia_de_chebyshev():
    """Las proveedoras de cada empresa (su zona precalculada y el índice por celda de la población) son
    las pymes a distancia de Chebyshev ≤ radio calculada pyme por pyme, también si cambia el radio y
    después de un trimestre con altas y bajas (el índice se rehace). Vista en rojo: sin rehacer el
    índice en ``Pymes.compactar`` falla después del trimestre."""
    m = modelo(1, pasos=5, ancho=23, alto=17)  # no cuadrada: filas y columnas no se confunden
    p = m.pymes
    for trimestre in range(2):
        for empresa in m.empresas:
            for radio in (3, 1, 0, 40):
                m.cfg.economia.radio_empresa = radio
                ci, cj = empresa.cell.coordinate
                fi, fj = np.divmod(p.celda, m.forma[1])
                directa = np.flatnonzero((np.abs(fi - ci) <= radio) & (np.abs(fj - cj) <= radio))
                assert np.array_equal(empresa.proveedoras(), directa), (trimestre, radio)
        m.cfg.economia.radio_empresa = 3
        m.step()


def test_suma_de_vecindad_igual_que_con_np_pad(rng):
    for forma in ((1, 1), (3, 7), (20, 20), (63, 63)):
        x = rng.normal(size=forma)
        q = np.pad(x, 1)
        n0, n1 = forma
        directa = sum(q[1 + di : 1 + di + n0, 1 + dj : 1 + dj + n1] for di in (-1, 0, 1) for dj in (-1, 0, 1))
        assert suma_vecindad(x).tobytes() == directa.tobytes()


def test_la_construccion_deja_el_recolector_como_estaba():
    """La construcción pausa el recolector de ciclos (rendimiento) y lo restituye, aun si falla."""
    import gc

    assert gc.isenabled()
    modelo(0, pasos=0, n_pymes=30)
    assert gc.isenabled()
    gc.disable()
    try:
        modelo(0, pasos=0, n_pymes=30)
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(ValueError):
        modelo(0, pasos=0, n_pymes=30, ancho=0)  # grilla imposible: Mesa rechaza la dimensión
    assert gc.isenabled()


def test_el_esquema_se_registra_una_sola_vez_y_sigue_valiendo():
    """``registrar_esquema`` no vuelve a convertir el esquema en cada ``simular`` (rendimiento),
    y la configuración compuesta sigue tipada con él."""
    from hydra.core.config_store import ConfigStore

    from simulacion.api import componer
    from simulacion.config import registrar_esquema

    registrar_esquema()
    nodo = ConfigStore.instance().repo["esquema.yaml"]
    cfg = componer("semilla=3")
    registrar_esquema()
    assert ConfigStore.instance().repo["esquema.yaml"] is nodo
    assert cfg.semilla == 3 and cfg.territorio.n_pymes > 0
    with pytest.raises(Exception, match="semilla"):
        componer("semilla=no_es_un_entero")
