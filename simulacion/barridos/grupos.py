"""Grupos de corridas de un barrido y su resumen: una fila por par (AP, PE), la tabla en castellano.

Las corridas se agrupan por los **números** ``apoyo_produccion`` y ``promocion_economica`` de su
``resumen.json``; el nombre de la estrategia sólo se usa como etiqueta. La celda de la matriz 2×2
de la fuente sale de :mod:`simulacion.estrategias`; rótulos, unidades y colores, de
:mod:`simulacion.indicadores`. No importa Hydra, Mesa ni matplotlib.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simulacion.estrategias import MATRIZ_FUENTE, cuadrante
from simulacion.indicadores import DESENLACES, ESTILO_DESENLACE, indicador

NIVEL_CONFIANZA = 0.95  # intervalo del crecimiento medio
CRECIMIENTO = "crecimiento_anual"  # indicador que se promedia por grupo


def rotulo_desenlace(desenlace: str) -> str:
    """Rótulo de un desenlace (con tilde: ``descomposición``)."""
    return ESTILO_DESENLACE[desenlace][0]


def color_desenlace(desenlace: str) -> str:
    """Color de un desenlace, el mismo en toda figura y en el taller."""
    return ESTILO_DESENLACE[desenlace][1]


def rotulo_cuadrante(celda_ap_pe: tuple[bool, bool]) -> str:
    """``I · AP sí · PE sí``: numeral de la fuente y presencia de cada componente."""
    hay_ap, hay_pe = celda_ap_pe
    numeral = MATRIZ_FUENTE[celda_ap_pe].numeral
    return f"{numeral} · AP {'sí' if hay_ap else 'no'} · PE {'sí' if hay_pe else 'no'}"


def cuadrantes(completas: pd.DataFrame) -> pd.Series:
    """Celda de la matriz 2×2 de cada corrida, ``(hay AP, hay PE)``."""
    pares = zip(completas["apoyo_produccion"], completas["promocion_economica"], strict=True)
    return pd.Series([cuadrante(ap, pe) for ap, pe in pares], index=completas.index, dtype=object)


def etiqueta_grupos(completas: pd.DataFrame) -> pd.Series:
    """Etiqueta de cada corrida: el nombre de la estrategia si identifica un par (AP, PE), si no los números."""
    pares = completas.groupby("estrategia")[["apoyo_produccion", "promocion_economica"]].nunique()
    nombres_unicos = (pares.max(axis=1) == 1).all() and completas.groupby(["apoyo_produccion", "promocion_economica"])[
        "estrategia"
    ].nunique().max() == 1
    if nombres_unicos:
        return completas["estrategia"].astype(str)
    return completas.apply(lambda r: f"AP {r.apoyo_produccion:.2f} · PE {r.promocion_economica:.2f}", axis=1)


def intervalo_media(valores: np.ndarray) -> tuple[float, float, float]:
    """Media y su intervalo de confianza t de Student al ``NIVEL_CONFIANZA``."""
    from scipy.special import stdtrit  # cuantil de la t de Student; scipy.stats tarda ~1 s en importarse

    v = np.asarray(valores, dtype=float)
    media = float(v.mean())
    if len(v) < 2:
        return media, float("nan"), float("nan")
    medio = float(stdtrit(len(v) - 1, 0.5 + NIVEL_CONFIANZA / 2) * v.std(ddof=1) / np.sqrt(len(v)))
    return media, media - medio, media + medio


def fracciones_desenlace(grupo: pd.DataFrame) -> list[float]:
    """Fracción de las corridas de ``grupo`` en cada desenlace, en el orden de ``DESENLACES``."""
    return [float((grupo["desenlace"] == d).mean()) for d in DESENLACES]


def _fila_resumen(g: pd.DataFrame, **claves) -> dict:
    """Corridas, fracción por desenlace y crecimiento medio con su intervalo de un grupo de corridas."""
    media, bajo, alto = intervalo_media(g[CRECIMIENTO])
    fila = {**claves, "corridas": len(g)}
    fila.update(zip(DESENLACES, fracciones_desenlace(g), strict=True))
    fila.update(crecimiento_medio=media, crecimiento_ic_bajo=bajo, crecimiento_ic_alto=alto)
    return fila


def resumir(completas: pd.DataFrame) -> pd.DataFrame:
    """Una fila por par (AP, PE): corridas, fracción por desenlace y crecimiento medio con su intervalo."""
    completas = completas.assign(grupo=etiqueta_grupos(completas))
    filas = [
        _fila_resumen(g, grupo=g["grupo"].iloc[0], apoyo_produccion=ap, promocion_economica=pe)
        for (ap, pe), g in completas.groupby(["apoyo_produccion", "promocion_economica"], sort=False)
    ]
    return pd.DataFrame(filas)


def resumir_por_cuadrante(completas: pd.DataFrame) -> pd.DataFrame:
    """Una fila por celda de la matriz 2×2 de la fuente (hay AP, hay PE), con las corridas de todos
    sus pares (AP, PE): la vista de la terminal cuando un barrido tiene demasiados pares."""
    celdas = cuadrantes(completas)
    filas = []
    for celda in MATRIZ_FUENTE:
        g = completas[celdas == celda]
        if len(g):
            filas.append(
                _fila_resumen(
                    g, grupo=rotulo_cuadrante(celda), pares=len(g.groupby(["apoyo_produccion", "promocion_economica"]))
                )
            )
    return pd.DataFrame(filas)


MAXIMO_FILAS_TERMINAL = 24  # más pares (AP, PE) que esto: la terminal resume por celda de la matriz


def tabla_texto(resumen: pd.DataFrame, completas: pd.DataFrame | None = None) -> str:
    """La tabla resumen en castellano, para la terminal: fracciones de desenlace en % y el crecimiento
    en su unidad mostrada (``%/año``), como en las figuras; ``resumen`` los guarda como fracciones.

    Con más de ``MAXIMO_FILAS_TERMINAL`` pares (un hipercubo: un par por corrida) y las ``completas``
    a mano, muestra una fila por celda de la matriz 2×2 de la fuente y dice dónde está la tabla por par."""
    if completas is not None and len(resumen) > MAXIMO_FILAS_TERMINAL:
        aviso = (
            f"{len(resumen)} pares (AP, PE) distintos: la terminal los resume por celda de la matriz 2×2 "
            "de la fuente (la tabla por corrida está en resultados.csv)."
        )
        return aviso + "\n" + _tabla(resumir_por_cuadrante(completas), "celda de la matriz", "pares")
    return _tabla(resumen, "estrategia", None)


def _tabla(resumen: pd.DataFrame, titulo: str, pares: str | None) -> str:
    crecimiento = indicador(CRECIMIENTO)
    ancho = 24
    primeras = f"{'AP':>5} {'PE':>5}" if pares is None else f"{'pares':>11}"
    cab = f"{titulo:<{ancho}} {primeras} {'n':>4}  " + " ".join(f"{rotulo_desenlace(d):>14}" for d in DESENLACES)
    cab += f"   crecimiento anual medio ({crecimiento.unidad}) [IC 95 %]"
    lineas = [cab, "-" * len(cab)]
    for _, r in resumen.iterrows():
        partes = " ".join(f"{100 * r[d]:>13.0f}%" for d in DESENLACES)
        ic = f"[{crecimiento.mostrar(r.crecimiento_ic_bajo)}, {crecimiento.mostrar(r.crecimiento_ic_alto)}]"
        numeros = f"{r.apoyo_produccion:>5.2f} {r.promocion_economica:>5.2f}" if pares is None else f"{r[pares]:>11d}"
        lineas.append(
            f"{str(r.grupo)[:ancho]:<{ancho}} {numeros} {r.corridas:>4d}  "
            f"{partes}   {crecimiento.mostrar(r.crecimiento_medio)} {ic}"
        )
    return "\n".join(lineas)
