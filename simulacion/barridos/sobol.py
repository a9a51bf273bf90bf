"""Índices de Sobol de un barrido ``experimento=sobol`` (SALib ``analyze.sobol``, estimadores de Saltelli y Jansen).

El diseño (:mod:`simulacion.config.disenos`) son ``N`` bloques de ``k + 2`` corridas (A, los k AB y B de
una muestra base). Para cada salida del punto del diseño (:mod:`.respuestas`) y cada parámetro:

- ``S1``: índice de primer orden, la fracción de la varianza de la salida que explica el parámetro solo;
- ``ST``: índice total, lo que explica con todas sus interacciones (``ST − S1`` mide las interacciones);
- ``S1_ic`` y ``ST_ic``: mitad del intervalo de confianza del 95 % por remuestreo (bootstrap);
- ``S1_mitad`` y ``ST_mitad``: los mismos índices con sólo los primeros ``N / 2`` bloques, que son a su
  vez un diseño de Sobol. La **prueba de convergencia** compara: si ``máx |ST(N) − ST(N/2)|`` es
  pequeño frente a los índices que importan, duplicar ``N`` no cambiaría las conclusiones.

Sólo se usan bloques completos (una corrida faltante descarta su bloque). Una salida que no varía
en todo el diseño (p. ej. un desenlace que nunca ocurre) no tiene índices. SALib se importa al analizar.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from simulacion.barridos.figuras_diseno import figura_sobol
from simulacion.barridos.respuestas import SALIDAS, Analisis, medida, respuestas
from simulacion.config import Muestreo
from simulacion.config.disenos import cotas
from simulacion.resultados.salidas import escribir_atomico

REMUESTREOS = 1000
NIVEL = 0.95
MOSTRADOS = 5


def bloques_completos(muestreo: Muestreo, indices: set[int]) -> list[int]:
    """Muestras base cuyas ``k + 2`` corridas están todas en ``indices``."""
    largo = len(muestreo.parametros) + 2
    return [b for b in range(muestreo.muestras) if all(b * largo + j in indices for j in range(largo))]


def _indices(problema: dict, y: np.ndarray, semilla: int) -> dict[str, np.ndarray]:
    from SALib.analyze import sobol  # SALib (con scipy.stats) tarda ~1 s en cargar

    if y.size == 0 or np.ptp(y) == 0:
        nan = np.full(problema["num_vars"], np.nan)
        return {"S1": nan, "S1_conf": nan, "ST": nan, "ST_conf": nan}
    return sobol.analyze(
        problema, y, calc_second_order=False, num_resamples=REMUESTREOS, conf_level=NIVEL, seed=semilla
    )


def indices_sobol(muestreo: Muestreo, completas: pd.DataFrame, bloques: list[int]) -> pd.DataFrame:
    """S1, ST, sus intervalos y los mismos con la mitad de los bloques, por salida y parámetro."""
    nombres, limites = cotas(muestreo, estrictas=True)
    problema = {"num_vars": len(nombres), "names": list(nombres), "bounds": [list(c) for c in limites]}
    largo = len(nombres) + 2
    y = respuestas(completas)

    def filas(b: list[int]) -> np.ndarray:
        return np.concatenate([np.arange(i * largo, (i + 1) * largo) for i in b]) if b else np.array([], int)

    todas, mitad = filas(bloques), filas(bloques[: len(bloques) // 2])
    partes = []
    for salida in SALIDAS:
        valores = y[salida]
        res = _indices(problema, valores.loc[todas].to_numpy(dtype=float), muestreo.semilla)
        res_mitad = _indices(problema, valores.loc[mitad].to_numpy(dtype=float), muestreo.semilla)
        parte = pd.DataFrame(
            {
                "salida": salida,
                "parametro": list(nombres),
                "S1": np.asarray(res["S1"], dtype=float),
                "S1_ic": np.asarray(res["S1_conf"], dtype=float),
                "ST": np.asarray(res["ST"], dtype=float),
                "ST_ic": np.asarray(res["ST_conf"], dtype=float),
                "S1_mitad": np.asarray(res_mitad["S1"], dtype=float),
                "ST_mitad": np.asarray(res_mitad["ST"], dtype=float),
            }
        ).sort_values("ST", ascending=False, kind="stable", na_position="last", ignore_index=True)
        parte.insert(0, "rango", np.arange(1, len(nombres) + 1))
        partes.append(parte)
    return pd.concat(partes, ignore_index=True)


def convergencia(resultado: pd.DataFrame) -> pd.DataFrame:
    """Por salida: ``máx |ST(N) − ST(N/2)|``, ``máx |S1(N) − S1(N/2)|`` y el mayor intervalo de ST."""
    dif = resultado.assign(
        dif_ST=(resultado["ST"] - resultado["ST_mitad"]).abs(), dif_S1=(resultado["S1"] - resultado["S1_mitad"]).abs()
    )
    return (
        dif.groupby("salida", sort=False)
        .agg(dif_max_ST=("dif_ST", "max"), dif_max_S1=("dif_S1", "max"), ic_max_ST=("ST_ic", "max"))
        .reset_index()
    )


def analizar_sobol(muestreo: Muestreo, completas: pd.DataFrame, carpeta: Path) -> Analisis:
    """Sobol de un barrido ``experimento=sobol``: ``sobol.csv`` y ``sobol.png``."""
    bloques = bloques_completos(muestreo, set(completas["_indice"]))
    if len(bloques) < 2:
        return Analisis(pd.DataFrame(), "Sobol: hacen falta al menos 2 muestras base completas.", [])
    resultado = indices_sobol(muestreo, completas, bloques)
    conv = convergencia(resultado)
    semillas = int(completas.groupby("_indice").size().max())
    faltan = muestreo.muestras - len(bloques)
    titulo = (
        f"N = {len(bloques)} muestras base completas"
        + (f" ({faltan} incompletas omitidas)" if faltan else "")
        + f", {len(muestreo.parametros)} parámetros, {semillas} semilla(s) por punto; convergencia frente a N/2 = "
        + f"{len(bloques) // 2}"
    )
    archivos = [
        carpeta / "sobol.csv",
        figura_sobol(resultado, conv, f"Índices de Sobol (SALib): {titulo}", carpeta / "sobol.png"),
    ]
    escribir_atomico(archivos[0], lambda p: resultado.to_csv(p, index=False))
    return Analisis(resultado, f"Índices de Sobol ({titulo})\n" + texto_sobol(resultado, conv), archivos)


def texto_sobol(resultado: pd.DataFrame, conv: pd.DataFrame, mostrados: int = MOSTRADOS) -> str:
    """Los ``mostrados`` parámetros de mayor ST por salida y la convergencia de cada salida."""
    lineas = []
    por_salida = conv.set_index("salida")
    for salida, g in resultado.groupby("salida", sort=False):
        c = por_salida.loc[salida]
        if np.isnan(c["dif_max_ST"]):
            lineas.append(f"{medida(salida).etiqueta}: sin variación en el diseño, sin índices")
            continue
        lineas.append(
            f"{medida(salida).etiqueta} — S1 ± IC, ST ± IC (convergencia: máx |ST(N) − ST(N/2)| = "
            f"{c['dif_max_ST']:.2f}, máx IC de ST = {c['ic_max_ST']:.2f}):"
        )
        for _, f in g.head(mostrados).iterrows():
            lineas.append(
                f"  {f.rango:>2} {f.parametro:<40} S1 {f.S1:5.2f} ± {f.S1_ic:4.2f}   ST {f.ST:5.2f} ± {f.ST_ic:4.2f}"
            )
    return "\n".join(lineas)
