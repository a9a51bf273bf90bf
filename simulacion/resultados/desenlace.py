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

    - ``crecimiento_anual``: crecimiento anualizado de la producción entre el primer y el último
      año (promedios de 4 trimestres, que suavizan choques);
    - ``cambio_pymes``: cambio relativo de pymes activas entre el primer y el último paso;
    - ``fraccion_innovadora``: fracción de pymes innovadoras al final;
    - ``tasa_fracaso_innovadoras``: salidas de innovadoras por innovadora-año;
    - ``volatilidad``: desvío típico del crecimiento trimestral (log) de la producción.
    """
    n = len(series)
    if n < 2:
        raise ValueError("se necesitan al menos 2 pasos para clasificar el desenlace")
    ventana = min(TRIMESTRES_POR_ANIO, max(1, n // 2))
    produccion = series["produccion_total"].to_numpy(dtype=float)
    inicio, fin = produccion[:ventana].mean(), produccion[-ventana:].mean()
    anios = max((n - ventana) / TRIMESTRES_POR_ANIO, 0.25)
    crecimiento = (fin / inicio) ** (1 / anios) - 1 if inicio > 0 and fin > 0 else -1.0
    pymes = (series["pymes_tradicionales"] + series["pymes_innovadoras"]).to_numpy(dtype=float)
    innovadoras = series["pymes_innovadoras"].to_numpy(dtype=float)
    anios_innovadora = innovadoras.sum() / TRIMESTRES_POR_ANIO
    salidas_innov = float(series["salidas_innovadoras"].sum())
    log_prod = np.log(np.maximum(produccion, 1e-9))
    return {
        "crecimiento_anual": float(crecimiento),
        "cambio_pymes": float(pymes[-1] / pymes[0] - 1) if pymes[0] > 0 else -1.0,
        "fraccion_innovadora": float(innovadoras[-1] / pymes[-1]) if pymes[-1] > 0 else 0.0,
        "tasa_fracaso_innovadoras": float(salidas_innov / anios_innovadora) if anios_innovadora > 0 else 0.0,
        "volatilidad": float(np.diff(log_prod).std()),
    }


def clasificar(ind: dict[str, float], u: Umbrales) -> str:
    """Reglas en orden (documentadas en docs/odd.md §4.2 y docs/modelo.md):

    1. ``descomposicion``: la población de pymes cae fuerte o la producción decrece claramente;
    2. ``fragilidad``: hay actividad innovadora apreciable pero fracasa mucho o es volátil;
    3. ``crecimiento``: la producción crece al menos ``crecimiento_minimo`` al año;
    4. ``estancamiento``: todo lo demás.
    """
    if ind["cambio_pymes"] <= u.caida_descomposicion or ind["crecimiento_anual"] <= u.crecimiento_descomposicion:
        return "descomposicion"
    innovadora = ind["fraccion_innovadora"] >= u.fraccion_innovadora_minima
    inestable = ind["tasa_fracaso_innovadoras"] > u.fracaso_maximo or ind["volatilidad"] > u.volatilidad_maxima
    if innovadora and inestable:
        return "fragilidad"
    if ind["crecimiento_anual"] >= u.crecimiento_minimo:
        return "crecimiento"
    return "estancamiento"
