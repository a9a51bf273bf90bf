"""El dinero sólo se crea o destruye por fuentes y sumideros con nombre; no hay existencias negativas."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import ESTRATEGIAS, modelo

from simulacion.modelo.agentes import EntidadFinanciera
from simulacion.modelo.contabilidad import Libro


def existencias_no_negativas(m) -> list[str]:
    """Lista de violaciones: cajas, capitales, deudas, fondos e infraestructura fuera de rango."""
    p, g = m.pymes, m.grilla
    problemas = []
    chequeos = {
        "caja municipal": [m.municipalidad.caja, m.municipalidad.fondo_pe],
        "entidades": [x for f in m.entidades for x in (f.caja, f.fondo_garantia)],
        "agencias": [a.caja for a in m.agencias],
        "empresas": [x for f in m.empresas for x in (f.caja, f.capacidad)],
        "pymes": [p.caja.min(initial=0), p.capital.min(initial=0), p.deuda.min(initial=0), p.cuota.min(initial=0)],
    }
    for nombre, valores in chequeos.items():
        if min(valores, default=0.0) < -1e-9:
            problemas.append(nombre)
    for capa in ("infra_vial", "infra_productiva", "acceso"):
        datos = getattr(g, capa).data
        if datos.min() < 0 or datos.max() > 1 + 1e-12:
            problemas.append(capa)
    return problemas


def verificar_contabilidad(m, pasos: int) -> None:
    """Corre ``pasos`` trimestres verificando en cada uno la identidad contable y las existencias."""
    anterior = m.dinero_total()
    for _ in range(pasos):
        m.step()
        ahora = m.dinero_total()
        assert ahora - anterior == pytest.approx(m.medicion["flujo_neto"], abs=1e-6 * max(1.0, abs(ahora)))
        assert existencias_no_negativas(m) == []
        anterior = ahora


@pytest.mark.parametrize("estrategia", list(ESTRATEGIAS))
@pytest.mark.parametrize("semilla", [0, 1])
def test_identidad_contable_en_cada_paso(estrategia, semilla):
    ap, pe = ESTRATEGIAS[estrategia]
    verificar_contabilidad(modelo(semilla, ap, pe, captura=0.2), 40)  # con captura: otro sumidero con nombre


def test_entradas_menos_salidas_es_el_cambio_de_pymes():
    m = modelo(3, 0.45, 0.45)
    antes = len(m.pymes)
    for _ in range(30):
        m.step()
        ahora = len(m.pymes)
        assert ahora - antes == m.medicion["entradas"] - m.medicion["salidas"]
        antes = ahora


def test_libro_rechaza_cuentas_sin_nombre_y_montos_negativos():
    libro = Libro()
    with pytest.raises(KeyError):
        libro.registrar("magia", 1.0)
    with pytest.raises(ValueError):
        libro.registrar("ventas", -5.0)
    libro.registrar("ventas", 3.0)
    libro.registrar("compras", 1.0)
    assert libro.neto() == pytest.approx(2.0)
    assert libro.cerrar()["ventas"] == 3.0
    assert libro.neto() == 0.0


def test_castigos_no_mueven_dinero_pero_se_registran():
    """Un castigo borra un derecho de cobro: queda en la serie, no en el flujo neto."""
    m = modelo(2, 0.0, 0.9, pasos=0)
    p = m.pymes
    entidad = m.entidades[0]
    i = int(np.flatnonzero(p.banco == 0)[0])
    entidad.prestar(i, 5.0, garantizado=False)
    p.caja[i] = 1.0
    salen = np.zeros(len(p), dtype=bool)
    salen[i] = True
    EntidadFinanciera.castigar_carteras(m, salen)  # la entidad castiga lo que la pyme no pudo pagar
    assert p.deuda[i] == 0.0 and p.caja[i] == 0.0
    assert m.libro.flujos["castigos"] == pytest.approx(4.0)
    assert m.libro.neto() == pytest.approx(0.0)
