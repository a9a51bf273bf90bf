"""Clasificación del desenlace a partir de indicadores medidos (docs/odd.md §4.2).

El clasificador recibe sólo la serie de indicadores y los umbrales: nunca la estrategia ni sus
intensidades. Los mismos umbrales valen para toda estrategia.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simulacion.config import Umbrales
from simulacion.indicadores import DESENLACES

__all__ = ["DESENLACES", "clasificar", "indicadores"]

TRIMESTRES_POR_ANIO = 4


def indicadores(series: pd.DataFrame) -> dict[str, float]:
    """Indicadores del desenlace calculados sobre la serie trimestral.

    - ``crecimiento_anual``: crecimiento anual de la producción, de la tendencia log-lineal de toda
      la serie (mínimos cuadrados: usa todos los trimestres, así que un choque en el primer o el
      último año no la mueve como movía la comparación de extremos);
    - ``cambio_pymes_anual``: cambio anual del número de pymes activas, de la misma tendencia (una
      tasa, sin dependencia del horizonte, en vez del cambio acumulado);
    - ``fraccion_innovadora``: fracción de pymes innovadoras al final;
    - ``tasa_fracaso_innovadoras``: salidas de innovadoras por innovadora-año;
    - ``volatilidad``: desvío típico del crecimiento trimestral (log) de la producción.
    """
    n = len(series)
    if n < 2:
        raise ValueError("se necesitan al menos 2 pasos para clasificar el desenlace")
    produccion = series["produccion_total"].to_numpy(dtype=float)
    crecimiento = tendencia_anual(produccion)
    pymes = (series["pymes_tradicionales"] + series["pymes_innovadoras"]).to_numpy(dtype=float)
    cambio_pymes = tendencia_anual(pymes)
    innovadoras = series["pymes_innovadoras"].to_numpy(dtype=float)
    anios_innovadora = innovadoras.sum() / TRIMESTRES_POR_ANIO
    salidas_innov = float(series["salidas_innovadoras"].sum())
    produccion_innov = float(series["produccion_innovadora"].sum())
    perdida = float(series["perdida_innovadora"].sum())
    log_prod = np.log(np.maximum(produccion, 1e-9))
    return {
        "crecimiento_anual": float(crecimiento),
        "cambio_pymes_anual": float(cambio_pymes),
        "fraccion_innovadora": float(innovadoras[-1] / pymes[-1]) if pymes[-1] > 0 else 0.0,
        "tasa_fracaso_innovadoras": float(salidas_innov / anios_innovadora) if anios_innovadora > 0 else 0.0,
        "perdida_innovadora_anual": TRIMESTRES_POR_ANIO * perdida / produccion_innov if produccion_innov > 0 else 0.0,
        "volatilidad": float(np.diff(log_prod).std()),
    }


def tendencia_anual(x: np.ndarray) -> float:
    """Tasa anual de la tendencia log-lineal de una serie trimestral: ``exp(4 · pendiente) − 1``.

    Un valor nulo (la economía se extinguió) cuenta como 1e-9: la tendencia cae a casi −100 %.
    """
    t = np.arange(len(x), dtype=float)
    pendiente = np.polyfit(t, np.log(np.maximum(x, 1e-9)), 1)[0]
    return float(np.expm1(TRIMESTRES_POR_ANIO * pendiente))


def clasificar(ind: dict[str, float], u: Umbrales) -> str:
    """Reglas en orden (documentadas en docs/odd.md §4.2):

    1. ``descomposicion``: la producción decrece claramente (``crecimiento_descomposicion``);
    2. ``fragilidad``: el entorno destruye una parte grande de la actividad innovadora: la producción
       innovadora que desaparece por año (innovadoras que cierran o dejan de innovar) pasa de
       ``perdida_innovadora_maxima`` ("atendidas, pero debilitadas por el entorno poco favorable";
       "desaparecer por las condiciones adversas del entorno", 003). Es un daño medido, no un conteo
       de eventos: un evento que no destruye nada no suma;
    3. ``crecimiento``: la producción crece al menos ``crecimiento_minimo`` al año;
    4. ``estancamiento``: todo lo demás.

    Cada regla decide corridas: las que no decidían ninguna en la grilla de tamaños y horizontes
    (caída acumulada de pymes, fracción innovadora mínima, volatilidad máxima) se quitaron
    (docs/validacion.md); sus indicadores se siguen midiendo y reportando.
    """
    if ind["crecimiento_anual"] <= u.crecimiento_descomposicion:
        return "descomposicion"
    if ind["perdida_innovadora_anual"] > u.perdida_innovadora_maxima:
        return "fragilidad"
    if ind["crecimiento_anual"] >= u.crecimiento_minimo:
        return "crecimiento"
    return "estancamiento"
