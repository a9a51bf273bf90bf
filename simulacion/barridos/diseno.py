"""Diseños de experimentos que no son una grilla de Hydra: cribado de Morris con SALib.

Un diseño de Morris (Morris 1991; SALib ``sample.morris``) son ``trayectorias`` caminos de
``k + 1`` puntos en los que cada paso cambia un solo parámetro. No se puede escribir como producto
cartesiano, así que el barrido de Hydra recorre un índice (``muestreo.indice=range(...)``) y cada
trabajo toma su fila del diseño, que se regenera igual en cada proceso (misma semilla del diseño).
El número de corridas es ``trayectorias × (k + 1)`` (:func:`corridas_morris`).
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import numpy as np

from simulacion.config import Configuracion, Muestreo


def problema(m: Muestreo) -> dict:
    """El ``problem`` de SALib: nombres (claves con punto) y cotas [mínimo, máximo]."""
    nombres = list(m.parametros)
    if not nombres:
        raise ValueError("muestreo.parametros está vacío: no hay parámetros para el diseño de Morris")
    cotas = [[float(v) for v in m.parametros[n]] for n in nombres]
    for n, c in zip(nombres, cotas, strict=True):
        if len(c) != 2 or not c[0] < c[1]:
            raise ValueError(f"muestreo.parametros.{n}: se esperaba [mínimo, máximo] con mínimo < máximo, llegó {c}")
    return {"num_vars": len(nombres), "names": nombres, "bounds": cotas}


@lru_cache(maxsize=8)
def _diseno(nombres: tuple, cotas: tuple, trayectorias: int, niveles: int, semilla: int) -> np.ndarray:
    from SALib.sample import morris  # import diferido: SALib tarda ~1 s en cargar

    prob = {"num_vars": len(nombres), "names": list(nombres), "bounds": [list(c) for c in cotas]}
    return morris.sample(prob, trayectorias, num_levels=niveles, seed=semilla)


def diseno_morris(m: Muestreo) -> np.ndarray:
    """Matriz del diseño, una fila por corrida (``trayectorias × (k + 1)`` filas)."""
    p = problema(m)
    cotas = tuple(tuple(c) for c in p["bounds"])
    return _diseno(tuple(p["names"]), cotas, m.trayectorias, m.niveles, m.semilla)


def corridas_morris(m: Muestreo) -> int:
    """Número de corridas del diseño: ``trayectorias × (parámetros + 1)``."""
    return m.trayectorias * (len(m.parametros) + 1)


def fila(m: Muestreo) -> dict[str, float]:
    """Valores de los parámetros en la fila ``m.indice`` del diseño."""
    x = diseno_morris(m)
    if not 0 <= m.indice < len(x):
        raise ValueError(f"muestreo.indice={m.indice} fuera del diseño de Morris (0 a {len(x) - 1})")
    return {n: float(v) for n, v in zip(m.parametros, x[m.indice], strict=True)}


def aplicar_muestreo(c: Configuracion) -> Configuracion:
    """Copia de ``c`` con los valores de su fila del diseño (sin índice, devuelve ``c`` igual).

    Un parámetro entero del esquema se redondea al entero más cercano.
    """
    if c.muestreo.indice is None:
        return c
    valores = fila(c.muestreo)
    secciones = {}
    for clave, valor in valores.items():
        seccion, _, campo = clave.partition(".")
        if not campo or seccion not in ("estrategia", "territorio", "economia", "umbrales"):
            raise ValueError(f"muestreo.parametros: '{clave}' no es un parámetro del esquema (sección.parámetro)")
        obj = secciones.get(seccion) or replace(getattr(c, seccion))
        if not hasattr(obj, campo):
            raise ValueError(f"muestreo.parametros: '{clave}' no es un parámetro del esquema")
        actual = getattr(obj, campo)
        setattr(obj, campo, round(valor) if isinstance(actual, int) else valor)
        secciones[seccion] = obj
    return replace(c, **secciones)
