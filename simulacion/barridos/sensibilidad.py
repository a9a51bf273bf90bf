"""Análisis de los barridos con diseño: Morris aquí; Sobol (:mod:`.sobol`) y escenarios (:mod:`.escenarios`).

:func:`analizar_sensibilidad` es lo que llama la agregación (:func:`simulacion.barridos.analisis.analizar`)
con la tabla de cualquier barrido: si tiene ``muestreo.indice``, elige el análisis según
``muestreo.metodo`` (``morris``, ``sobol`` o ``hipercubo``).

Morris (``experimento=sensibilidad``), para cada parámetro y cada salida del punto del diseño
(:mod:`.respuestas`: los indicadores del clasificador y la fracción de corridas en cada desenlace):

- ``mu_estrella`` (μ*) con su intervalo de confianza del 95 % por remuestreo (bootstrap, SALib
  ``analyze.morris``, ``mu_estrella_ic`` es la mitad de su ancho), ``mu`` y ``sigma`` (σ). Con los
  efectos elementales en unidades normalizadas, μ* es cuánto cambia la salida al recorrer todo el
  rango del parámetro si el efecto fuera lineal;
- ``cambia_desenlace``: en qué fracción de los pasos de trayectoria en que sólo cambia ese parámetro
  cambia también el desenlace clasificado (misma semilla antes y después).

Sólo se usan trayectorias completas; las incompletas se informan. SALib se importa al analizar.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from simulacion.barridos.diseno import inicios_completos
from simulacion.barridos.figuras_diseno import figura_morris
from simulacion.barridos.respuestas import (
    SALIDAS,
    Analisis,
    corridas_del_diseno,
    medida,
    muestreo_del_barrido,
    respuestas,
    unidad_guardada,
)
from simulacion.config import Muestreo
from simulacion.config.muestreo import diseno_morris, problema_morris
from simulacion.resultados.salidas import escribir_atomico

REMUESTREOS = 1000  # bootstrap del intervalo de μ*
NIVEL = 0.95
MOSTRADOS = 5  # parámetros por salida en el texto de consola (todos en sensibilidad.csv)


def efectos_desenlace(x: np.ndarray, desenlaces: dict[int, pd.Series], inicios: list[int], k: int) -> np.ndarray:
    """Fracción de pasos de trayectoria en que cambiar el parámetro ``i`` cambia el desenlace."""
    cambios, pasos = np.zeros(k), np.zeros(k)
    for inicio in inicios:
        for j in range(inicio, inicio + k):
            i = int(np.argmax(np.abs(x[j + 1] - x[j])))
            antes, despues = desenlaces[j], desenlaces[j + 1]
            comunes = antes.index.intersection(despues.index)
            cambios[i] += float((antes[comunes] != despues[comunes]).sum())
            pasos[i] += len(comunes)
    return np.divide(cambios, pasos, out=np.full(k, np.nan), where=pasos > 0)


def indices_morris(muestreo: Muestreo, completas: pd.DataFrame, inicios: list[int]) -> pd.DataFrame:
    """μ* (con intervalo), μ, σ y cambios de desenlace por salida y parámetro, en las trayectorias ``inicios``.

    Una fila por (salida, parámetro), ordenadas por salida (en el orden de ``SALIDAS``) y μ* decreciente.
    """
    from SALib.analyze import morris  # sólo si es un diseño de Morris: SALib (con scipy.stats) tarda ~1 s en cargar

    prob, x = problema_morris(muestreo), diseno_morris(muestreo)
    k = prob["num_vars"]
    y = respuestas(completas)
    desenlaces = {i: g.set_index("semilla")["desenlace"] for i, g in completas.groupby("_indice")}
    filas = np.concatenate([np.arange(inicio, inicio + k + 1) for inicio in inicios])
    cambia = efectos_desenlace(x, desenlaces, inicios, k)
    partes = []
    for salida in SALIDAS:
        res = morris.analyze(
            prob,
            x[filas],
            y[salida].loc[filas].to_numpy(dtype=float),
            num_resamples=REMUESTREOS,
            conf_level=NIVEL,
            num_levels=muestreo.niveles,
            seed=muestreo.semilla,
        )
        parte = pd.DataFrame(
            {
                "salida": salida,
                "parametro": prob["names"],
                "mu_estrella": np.asarray(res["mu_star"], dtype=float),
                "mu_estrella_ic": np.asarray(res["mu_star_conf"], dtype=float),
                "mu": np.asarray(res["mu"], dtype=float),
                "sigma": np.asarray(res["sigma"], dtype=float),
                "cambia_desenlace": cambia,
                "unidad": unidad_guardada(salida),
            }
        ).sort_values("mu_estrella", ascending=False, kind="stable", ignore_index=True)
        parte.insert(0, "rango", np.arange(1, k + 1))
        partes.append(parte)
    return pd.concat(partes, ignore_index=True)


def analizar_morris(muestreo: Muestreo, completas: pd.DataFrame, carpeta: Path) -> Analisis:
    """Morris de un barrido ``experimento=sensibilidad``: ``sensibilidad.csv`` y ``sensibilidad.png``."""
    inicios = inicios_completos(muestreo, set(completas["_indice"]))
    if not inicios:
        return Analisis(pd.DataFrame(), "Sensibilidad: ninguna trayectoria de Morris está completa.", [])
    resultado = indices_morris(muestreo, completas, inicios)
    semillas = int(completas.groupby("_indice").size().max())
    incompletas = muestreo.trayectorias - len(inicios)
    titulo = (
        f"Sensibilidad de Morris ({len(inicios)} trayectorias completas"
        + (f", {incompletas} incompletas omitidas" if incompletas else "")
        + f", {semillas} semilla(s) por punto, {len(problema_morris(muestreo)['names'])} parámetros)"
    )
    archivos = [
        carpeta / "sensibilidad.csv",
        figura_morris(resultado, f"{titulo}, SALib", carpeta / "sensibilidad.png"),
    ]
    escribir_atomico(archivos[0], lambda p: resultado.to_csv(p, index=False))
    return Analisis(resultado, titulo + "\n" + texto_sensibilidad(resultado), archivos)


def texto_sensibilidad(resultado: pd.DataFrame, mostrados: int = MOSTRADOS) -> str:
    """Los ``mostrados`` parámetros de mayor μ* de cada salida, en la unidad mostrada."""
    lineas = []
    for salida, g in resultado.groupby("salida", sort=False):
        m = medida(salida)
        lineas.append(f"{m.etiqueta} ({m.unidad}) — μ* ± IC 95 %, σ:")
        for _, f in g.head(mostrados).iterrows():
            mu, ic, sigma = (m.valor_mostrado(v) for v in (f.mu_estrella, f.mu_estrella_ic, f.sigma))
            lineas.append(f"  {f.rango:>2} {f.parametro:<40} {mu:>8.2f} ± {ic:<7.2f} σ {sigma:.2f}")
    cambios = resultado.drop_duplicates("parametro").sort_values("cambia_desenlace", ascending=False)
    lineas.append("Pasos de trayectoria en que cambia el desenlace:")
    lineas += [
        f"     {f.parametro:<40} {100 * f.cambia_desenlace:>5.0f} %" for f in cambios.head(mostrados).itertuples()
    ]
    return "\n".join(lineas)


def analizar_sensibilidad(tabla: pd.DataFrame, carpeta: Path) -> Analisis | None:
    """El análisis del diseño del barrido (Morris, Sobol o escenarios); ``None`` si el barrido no tiene diseño."""
    completas = corridas_del_diseno(tabla)
    if completas is None:
        return None
    muestreo = muestreo_del_barrido(completas)
    if muestreo.metodo == "sobol":
        from simulacion.barridos.sobol import analizar_sobol

        return analizar_sobol(muestreo, completas, carpeta)
    if muestreo.metodo == "hipercubo":
        from simulacion.barridos.escenarios import analizar_escenarios

        return analizar_escenarios(completas, carpeta)
    return analizar_morris(muestreo, completas, carpeta)
