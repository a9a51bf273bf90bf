"""Análisis de sensibilidad de Morris de un barrido ``experimento=sensibilidad`` (SALib).

Para cada parámetro del diseño (:mod:`simulacion.barridos.diseno`):

- ``mu_estrella`` y ``sigma`` de Morris (SALib ``analyze.morris``) sobre el crecimiento anual de la
  producción (promedio entre semillas de cada punto del diseño): cuánto mueve el crecimiento y cuán
  no lineal o con interacciones es ese efecto;
- ``cambia_desenlace``: en qué fracción de los pasos de trayectoria en que sólo cambia ese parámetro
  cambia también el ``desenlace`` clasificado (misma semilla antes y después).

Sólo se usan trayectorias completas; las incompletas se informan.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from omegaconf import OmegaConf

from simulacion.barridos.diseno import diseno_morris, problema
from simulacion.barridos.trabajos import COMPLETO
from simulacion.config import Muestreo
from simulacion.resultados.salidas import escribir_atomico, pyplot

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


def efectos_desenlace(x: np.ndarray, desenlaces: dict[int, pd.Series], filas: list[int], k: int) -> np.ndarray:
    """Fracción de pasos de trayectoria en que cambiar el parámetro ``i`` cambia el desenlace."""
    cambios, pasos = np.zeros(k), np.zeros(k)
    for inicio in filas:
        for j in range(inicio, inicio + k):
            i = int(np.argmax(np.abs(x[j + 1] - x[j])))
            antes, despues = desenlaces[j], desenlaces[j + 1]
            comunes = antes.index.intersection(despues.index)
            cambios[i] += float((antes[comunes] != despues[comunes]).sum())
            pasos[i] += len(comunes)
    return np.divide(cambios, pasos, out=np.full(k, np.nan), where=pasos > 0)


def analizar_sensibilidad(tabla: pd.DataFrame, carpeta: Path) -> Sensibilidad | None:
    """Morris sobre las corridas completas de ``tabla``; ``None`` si el barrido no es un diseño de Morris."""
    if COLUMNA_INDICE not in tabla:
        return None
    completas = tabla[(tabla["estado"] == COMPLETO) & tabla[COLUMNA_INDICE].notna()].copy()
    if completas.empty:
        return None
    from SALib.analyze import morris  # sólo si es un diseño de Morris: SALib (con scipy.stats) tarda ~1 s en cargar

    m = muestreo_del_barrido(completas)
    prob, x = problema(m), diseno_morris(m)
    k = prob["num_vars"]
    completas["_indice"] = completas[COLUMNA_INDICE].astype(int)
    y = completas.groupby("_indice")[SALIDA].mean()
    desenlaces = {i: g.set_index("semilla")["desenlace"] for i, g in completas.groupby("_indice")}
    filas = [
        t * (k + 1) for t in range(m.trayectorias) if all(i in y.index for i in range(t * (k + 1), (t + 1) * (k + 1)))
    ]
    if not filas:
        return Sensibilidad(pd.DataFrame(), "Sensibilidad: ninguna trayectoria de Morris está completa.", [])
    indices = np.concatenate([np.arange(f, f + k + 1) for f in filas])
    res = morris.analyze(prob, x[indices], y.loc[indices].to_numpy(), num_levels=m.niveles, seed=m.semilla)
    resultado = pd.DataFrame(
        {
            "parametro": prob["names"],
            "mu_estrella": np.asarray(res["mu_star"]),
            "mu_estrella_ic": np.asarray(res["mu_star_conf"]),
            "mu": np.asarray(res["mu"]),
            "sigma": np.asarray(res["sigma"]),
            "cambia_desenlace": efectos_desenlace(x, desenlaces, filas, k),
        }
    ).sort_values("mu_estrella", ascending=False, ignore_index=True)
    resultado.insert(0, "rango", np.arange(1, k + 1))
    archivos = [carpeta / "sensibilidad.csv", figura_sensibilidad(resultado, carpeta / "sensibilidad.png")]
    escribir_atomico(archivos[0], lambda p: resultado.to_csv(p, index=False))
    incompletas = m.trayectorias - len(filas)
    texto = (
        f"Sensibilidad de Morris ({len(filas)} trayectorias completas"
        + (f", {incompletas} incompletas omitidas" if incompletas else "")
        + f", salida: {SALIDA})\n"
        + texto_sensibilidad(resultado)
    )
    return Sensibilidad(resultado, texto, archivos)


def texto_sensibilidad(r: pd.DataFrame) -> str:
    """Tabla ordenada en castellano."""
    lineas = [f"{'#':>2} {'parámetro':<36} {'μ* (%/año)':>11} {'± IC':>7} {'σ':>7} {'cambia desenlace':>17}"]
    for _, f in r.iterrows():
        lineas.append(
            f"{f.rango:>2} {f.parametro:<36} {100 * f.mu_estrella:>11.2f} {100 * f.mu_estrella_ic:>7.2f} "
            f"{100 * f.sigma:>7.2f} {100 * f.cambia_desenlace:>16.0f}%"
        )
    return "\n".join(lineas)


def figura_sensibilidad(r: pd.DataFrame, destino: Path) -> Path:
    """``sensibilidad.png``: plano μ*–σ del crecimiento y fracción de cambios de desenlace por parámetro."""
    plt = pyplot()

    fig, (e1, e2) = plt.subplots(1, 2, figsize=(14, 6), constrained_layout=True)
    e1.scatter(100 * r["mu_estrella"], 100 * r["sigma"], color="C0")
    for _, f in r.iterrows():
        e1.annotate(
            f.parametro, (100 * f.mu_estrella, 100 * f.sigma), fontsize=8, xytext=(4, 2), textcoords="offset points"
        )
    tope = 100 * max(r["mu_estrella"].max(), r["sigma"].max(), 1e-9) * 1.1
    e1.plot([0, tope], [0, tope], color="grey", lw=0.8, ls="--", label="σ = μ*")
    e1.set_xlabel("μ*: efecto medio absoluto sobre el crecimiento anual (puntos %)")
    e1.set_ylabel("σ: dispersión del efecto (no linealidad o interacciones)")
    e1.set_title("Morris: crecimiento anual de la producción")
    e1.legend()
    orden = r.sort_values("cambia_desenlace")
    e2.barh(orden["parametro"], 100 * orden["cambia_desenlace"], color="C1")
    e2.set_xlabel("% de pasos de trayectoria en que cambia el desenlace")
    e2.set_title("¿Qué parámetros cambian el desenlace?")
    fig.suptitle("Sensibilidad de Morris (SALib)", fontsize=14)
    from simulacion.barridos.analisis import _guardar

    return _guardar(fig, destino)
