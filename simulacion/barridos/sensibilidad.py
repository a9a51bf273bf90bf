"""Análisis de sensibilidad de Morris de un barrido ``experimento=sensibilidad`` (SALib).

Para cada parámetro del diseño (:func:`simulacion.config.muestreo.diseno_morris`):

- ``mu_estrella`` y ``sigma`` de Morris (SALib ``analyze.morris``) sobre el crecimiento anual de la
  producción (promedio entre semillas de cada punto del diseño): cuánto mueve el crecimiento y cuán
  no lineal o con interacciones es ese efecto;
- ``cambia_desenlace``: en qué fracción de los pasos de trayectoria en que sólo cambia ese parámetro
  cambia también el ``desenlace`` clasificado (misma semilla antes y después).

Sólo se usan trayectorias completas; las incompletas se informan. Importa los registros, el diseño
y las figuras del barrido; SALib, sólo si el barrido es un diseño de Morris.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from omegaconf import OmegaConf

from simulacion.barridos.diseno import inicios_completos
from simulacion.barridos.figuras import figura_sensibilidad
from simulacion.barridos.registros import COMPLETO
from simulacion.config import Muestreo
from simulacion.config.muestreo import diseno_morris, problema_morris
from simulacion.indicadores import indicador
from simulacion.resultados.salidas import escribir_atomico

COLUMNA_INDICE = "muestreo.indice"
SALIDA = "crecimiento_anual"


@dataclass
class Sensibilidad:
    tabla: pd.DataFrame
    texto: str
    archivos: list[Path]


def muestreo_del_barrido(completas: pd.DataFrame) -> Muestreo:
    """El ``muestreo`` con que corrió el barrido, leído de la configuración de una corrida completa."""
    carpeta = Path(completas["carpeta"].iloc[0])
    cfg = OmegaConf.load(carpeta / ".hydra" / "config.yaml")
    return Muestreo(**OmegaConf.to_container(cfg.muestreo, resolve=True))


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


def _corridas_de_morris(tabla: pd.DataFrame) -> pd.DataFrame | None:
    """Corridas completas con índice del diseño; ``None`` si el barrido no es un diseño de Morris."""
    if COLUMNA_INDICE not in tabla:
        return None
    completas = tabla[(tabla["estado"] == COMPLETO) & tabla[COLUMNA_INDICE].notna()].copy()
    if completas.empty:
        return None
    return completas.assign(_indice=completas[COLUMNA_INDICE].astype(int))


def indices_morris(muestreo: Muestreo, completas: pd.DataFrame, inicios: list[int]) -> pd.DataFrame:
    """μ*, σ y cambios de desenlace por parámetro sobre las trayectorias que empiezan en ``inicios``."""
    from SALib.analyze import morris  # sólo si es un diseño de Morris: SALib (con scipy.stats) tarda ~1 s en cargar

    prob, x = problema_morris(muestreo), diseno_morris(muestreo)
    k = prob["num_vars"]
    y = completas.groupby("_indice")[SALIDA].mean()
    desenlaces = {i: g.set_index("semilla")["desenlace"] for i, g in completas.groupby("_indice")}
    filas = np.concatenate([np.arange(inicio, inicio + k + 1) for inicio in inicios])
    res = morris.analyze(prob, x[filas], y.loc[filas].to_numpy(), num_levels=muestreo.niveles, seed=muestreo.semilla)
    resultado = pd.DataFrame(
        {
            "parametro": prob["names"],
            "mu_estrella": np.asarray(res["mu_star"]),
            "mu_estrella_ic": np.asarray(res["mu_star_conf"]),
            "mu": np.asarray(res["mu"]),
            "sigma": np.asarray(res["sigma"]),
            "cambia_desenlace": efectos_desenlace(x, desenlaces, inicios, k),
        }
    ).sort_values("mu_estrella", ascending=False, ignore_index=True)
    resultado.insert(0, "rango", np.arange(1, k + 1))
    return resultado


def analizar_sensibilidad(tabla: pd.DataFrame, carpeta: Path) -> Sensibilidad | None:
    """Morris sobre las corridas completas de ``tabla``; ``None`` si el barrido no es un diseño de Morris."""
    completas = _corridas_de_morris(tabla)
    if completas is None:
        return None
    muestreo = muestreo_del_barrido(completas)
    inicios = inicios_completos(muestreo, set(completas["_indice"]))
    if not inicios:
        return Sensibilidad(pd.DataFrame(), "Sensibilidad: ninguna trayectoria de Morris está completa.", [])
    resultado = indices_morris(muestreo, completas, inicios)
    archivos = [carpeta / "sensibilidad.csv", figura_sensibilidad(resultado, SALIDA, carpeta / "sensibilidad.png")]
    escribir_atomico(archivos[0], lambda p: resultado.to_csv(p, index=False))
    incompletas = muestreo.trayectorias - len(inicios)
    texto = (
        f"Sensibilidad de Morris ({len(inicios)} trayectorias completas"
        + (f", {incompletas} incompletas omitidas" if incompletas else "")
        + f", salida: {SALIDA})\n"
        + texto_sensibilidad(resultado)
    )
    return Sensibilidad(resultado, texto, archivos)


def texto_sensibilidad(resultado: pd.DataFrame) -> str:
    """Tabla ordenada en castellano."""
    medida = indicador(SALIDA)
    mu_estrella = f"μ* ({medida.unidad})"
    lineas = [f"{'#':>2} {'parámetro':<36} {mu_estrella:>11} {'± IC':>7} {'σ':>7} {'cambia desenlace':>17}"]
    for _, f in resultado.iterrows():
        mu, ic, sigma = (medida.valor_mostrado(v) for v in (f.mu_estrella, f.mu_estrella_ic, f.sigma))
        lineas.append(
            f"{f.rango:>2} {f.parametro:<36} {mu:>11.2f} {ic:>7.2f} {sigma:>7.2f} {100 * f.cambia_desenlace:>16.0f}%"
        )
    return "\n".join(lineas)
