"""Muestreo de una corrida: la fila ``muestreo.indice`` del diseño aplicada a la configuración.

Es una transformación de la configuración (como la verificación): la corrida
(:func:`simulacion.resultados.ejecucion.ejecutar`) la aplica antes de construir el modelo, sin
importar nada de los barridos. El diseño de Morris (Morris 1991; SALib ``sample.morris``) son
``trayectorias`` caminos de ``k + 1`` puntos en los que cada paso cambia un solo parámetro; cada
proceso lo regenera igual (misma semilla del diseño). SALib se importa sólo cuando una corrida pide
una fila del diseño. Los diseños de Sobol y del hipercubo latino (``muestreo.metodo``) y los rangos
relativos (``${alrededor:…}``) están en :mod:`simulacion.config.disenos`. Contar corridas y analizar
el diseño es cosa de :mod:`simulacion.barridos`.

No importa Mesa, el modelo ni los barridos.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from simulacion.config.esquema import Configuracion, Muestreo
from simulacion.config.verificacion import campo as campo_del_esquema

if TYPE_CHECKING:
    import numpy as np

SECCIONES_MUESTREABLES = ("estrategia", "territorio", "economia", "umbrales")


def problema_morris(muestreo: Muestreo) -> dict:
    """El ``problem`` de SALib: nombres (claves con punto) y cotas [mínimo, máximo]."""
    nombres = list(muestreo.parametros)
    if not nombres:
        raise ValueError("muestreo.parametros está vacío: no hay parámetros para el diseño de Morris")
    cotas = [[float(v) for v in muestreo.parametros[n]] for n in nombres]
    for nombre, cota in zip(nombres, cotas, strict=True):
        if len(cota) != 2 or not cota[0] < cota[1]:
            raise ValueError(
                f"muestreo.parametros.{nombre}: se esperaba [mínimo, máximo] con mínimo < máximo, llegó {cota}"
            )
    return {"num_vars": len(nombres), "names": nombres, "bounds": cotas}


@lru_cache(maxsize=8)
def _matriz_morris(nombres: tuple, cotas: tuple, trayectorias: int, niveles: int, semilla: int) -> np.ndarray:
    from SALib.sample import morris  # import diferido: SALib tarda ~1 s en cargar

    prob = {"num_vars": len(nombres), "names": list(nombres), "bounds": [list(c) for c in cotas]}
    return morris.sample(prob, trayectorias, num_levels=niveles, seed=semilla)


def diseno_morris(muestreo: Muestreo) -> np.ndarray:
    """Matriz del diseño, una fila por corrida (``trayectorias × (k + 1)`` filas)."""
    prob = problema_morris(muestreo)
    cotas = tuple(tuple(c) for c in prob["bounds"])
    return _matriz_morris(tuple(prob["names"]), cotas, muestreo.trayectorias, muestreo.niveles, muestreo.semilla)


def diseno(muestreo: Muestreo) -> np.ndarray:
    """Matriz del diseño ``muestreo.metodo`` (morris, sobol o hipercubo), una fila por corrida."""
    if muestreo.metodo == "morris":
        return diseno_morris(muestreo)
    from simulacion.config.disenos import matriz

    return matriz(muestreo)


def fila(muestreo: Muestreo) -> dict[str, float]:
    """Valores de los parámetros en la fila ``muestreo.indice`` del diseño."""
    matriz = diseno(muestreo)
    if not 0 <= muestreo.indice < len(matriz):
        raise ValueError(
            f"muestreo.indice={muestreo.indice} fuera del diseño ({muestreo.metodo}: 0 a {len(matriz) - 1})"
        )
    return {n: float(v) for n, v in zip(muestreo.parametros, matriz[muestreo.indice], strict=True)}


def es_parametro(clave: str) -> bool:
    """Si ``clave`` nombra un parámetro de una sección muestreable con su nombre completo (``economia.costo_obra``)."""
    seccion, _, campo = clave.partition(".")
    return bool(campo) and seccion in SECCIONES_MUESTREABLES


def valores_del_diseno(c: Configuracion) -> dict[str, float | int]:
    """Los valores con que corre ``c`` en cada parámetro de su diseño, con su nombre completo
    (``{"economia.costo_proyecto": 41.3, ...}``); vacío si ``c`` no toma una fila de un diseño.

    ``c`` es la configuración ya muestreada (:func:`aplicar_muestreo`): un parámetro entero queda
    redondeado, como corrió. Van a ``resumen.json`` y de ahí a ``resultados.csv`` y a la tabla larga.
    """
    if c.muestreo.indice is None:
        return {}
    valores = {}
    for clave in c.muestreo.parametros:
        seccion, _, campo = clave.partition(".")
        valores[clave] = getattr(getattr(c, seccion), campo)
    return valores


def aplicar_muestreo(c: Configuracion) -> Configuracion:
    """Copia de ``c`` con los valores de su fila del diseño (sin índice, devuelve ``c`` igual).

    Un parámetro entero del esquema se redondea al entero más cercano.
    """
    if c.muestreo.indice is None:
        return c
    secciones = {}
    for clave, valor in fila(c.muestreo).items():
        seccion, _, campo = clave.partition(".")
        if not es_parametro(clave):
            raise ValueError(f"muestreo.parametros: '{clave}' no es un parámetro del esquema (sección.parámetro)")
        copia = secciones.get(seccion) or replace(getattr(c, seccion))
        if not hasattr(copia, campo):
            raise ValueError(f"muestreo.parametros: '{clave}' no es un parámetro del esquema")
        tipo = campo_del_esquema(clave)  # el tipo del esquema: el valor puede ser None (se deriva del tamaño)
        setattr(copia, campo, round(valor) if tipo is not None and tipo[0] is int else valor)
        secciones[seccion] = copia
    return replace(c, **secciones)
