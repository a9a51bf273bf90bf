"""El tamaño del territorio es escala, no riqueza (docs/odd.md §1.4).

``territorio.n_pymes`` fija el tamaño; lo que crece con la población crece con él salvo que el
usuario lo fije: el lado de la grilla (misma densidad de pymes por celda), la escala del acceso, los
números de empresas, agencias y entidades financieras, las transferencias (por pyme, como el
FONCOMUN se reparte por habitante) y la demanda externa de productos nuevos. Un territorio más pobre
o más rico es ``territorio.transferencias_por_pyme``, no el tamaño.
"""

from __future__ import annotations

import copy

from simulacion.config.esquema import Configuracion, Territorio


def escala(t: Territorio) -> float:
    """Factor de tamaño del territorio respecto del de referencia (``n_pymes / 300``)."""
    return t.n_pymes / Territorio.PYMES_REFERENCIA


def resolver_escala(cfg: Configuracion) -> Configuracion:
    """Copia de ``cfg`` con los campos en ``None`` derivados del tamaño.

    Con el territorio de referencia (300 pymes) da los valores de siempre: grilla 20 × 20, escala de
    acceso 5, 3 empresas, 2 agencias, 2 entidades, 150 kS/ de transferencias y 400 unidades de
    demanda externa. Un campo fijado a mano no cambia.
    """
    c = copy.deepcopy(cfg)
    t, e, ref = c.territorio, c.economia, Territorio.REFERENCIA
    f = escala(t)
    lado = max(2, round(ref["lado"] * f**0.5))
    if t.ancho is None:
        t.ancho = lado
    if t.alto is None:
        t.alto = lado
    if t.escala_acceso is None:
        t.escala_acceso = ref["escala_acceso"] * max(t.ancho, t.alto) / ref["lado"]
    if t.n_empresas is None:
        t.n_empresas = round(ref["n_empresas"] * f)
    if t.n_agencias is None:
        t.n_agencias = max(1, round(ref["n_agencias"] * f))
    if t.n_entidades_financieras is None:
        t.n_entidades_financieras = max(1, round(ref["n_entidades_financieras"] * f))
    if t.transferencias is None:
        t.transferencias = t.transferencias_por_pyme * t.n_pymes
    if e.demanda_externa_inicial is None:
        e.demanda_externa_inicial = e.demanda_externa_por_pyme * t.n_pymes
    return c
