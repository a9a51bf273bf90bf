"""Figuras de un barrido: matriz de estrategias, series por grupo, mapa AP × PE y sensibilidad.

Rótulos, unidades y colores salen de :mod:`simulacion.indicadores`; la matriz 2×2, de
:mod:`simulacion.estrategias`. matplotlib se importa al dibujar (``salidas.pyplot``) y cada figura
se guarda de forma atómica (``salidas.guardar_figura``). No importa Hydra ni Mesa.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

import numpy as np
import pandas as pd

from simulacion.barridos.grupos import (
    CRECIMIENTO,
    color_desenlace,
    cuadrantes,
    etiqueta_grupos,
    fracciones_desenlace,
    intervalo_media,
    rotulo_cuadrante,
    rotulo_desenlace,
)
from simulacion.estrategias import ORDEN_CELDAS
from simulacion.indicadores import DESENLACES, indicador
from simulacion.resultados.salidas import guardar_figura, pyplot

DPI = 110
BANDA = (0.05, 0.95)  # banda de 90 % en las series
SERIES_FIGURA = ("produccion_total", "pymes_tradicionales", "pymes_innovadoras", "confianza_media")
MAX_GRUPOS_SERIES = 8  # con más grupos, las series se agrupan por celda de la matriz
EJE_AP = "apoyo a la producción (fracción del presupuesto de inversión)"
EJE_PE = "promoción económica (fracción del presupuesto de inversión)"


_AVISO: ContextVar[str | None] = ContextVar("aviso_de_las_figuras", default=None)


def aviso_incompleto(completas: int, esperadas: int) -> str | None:
    """«incompleto: 85/120» si el barrido tiene menos corridas completas que esperadas; si no, ``None``."""
    return f"incompleto: {completas}/{esperadas} corridas" if completas < esperadas else None


@contextmanager
def con_aviso(aviso: str | None) -> Iterator[None]:
    """Las figuras que se guardan dentro llevan ``aviso`` (p. ej. :func:`aviso_incompleto`) arriba a la izquierda."""
    marca = _AVISO.set(aviso)
    try:
        yield
    finally:
        _AVISO.reset(marca)


def _guardar(fig, destino: Path) -> Path:
    aviso = _AVISO.get()
    if aviso:
        fig.text(0.005, 0.995, aviso, ha="left", va="top", fontsize=12, fontweight="bold", color="#b2182b")
    return guardar_figura(fig, destino, DPI)


def posicion_en_matriz(celda_ap_pe: tuple[bool, bool]) -> tuple[int, int]:
    """Fila y columna del panel: filas AP sí/no, columnas PE sí/no (como la matriz de la fuente)."""
    hay_ap, hay_pe = celda_ap_pe
    return (0 if hay_ap else 1, 0 if hay_pe else 1)


# --------------------------------------------------------------------------- matriz


def _panel_de_celda(eje, titulo_celda: str, grupo: pd.DataFrame) -> None:
    """Barras de fracción por desenlace de las corridas de una celda, con el crecimiento medio."""
    if grupo.empty:
        eje.set_title(f"{titulo_celda}: sin corridas")
        eje.set_yticks([])
        return
    nombres = list(dict.fromkeys(grupo["grupo"]))
    quienes = ", ".join(nombres) if len(nombres) <= 2 else f"{len(nombres)} combinaciones de AP y PE"
    fracciones = fracciones_desenlace(grupo)
    eje.barh([rotulo_desenlace(d) for d in DESENLACES], fracciones, color=[color_desenlace(d) for d in DESENLACES])
    eje.invert_yaxis()
    for k, fraccion in enumerate(fracciones):
        eje.text(min(fraccion + 0.01, 0.85), k, f"{100 * fraccion:.0f} %", va="center")
    crecimiento = indicador(CRECIMIENTO)
    media, bajo, alto = (crecimiento.mostrar(v) for v in intervalo_media(grupo[CRECIMIENTO]))
    crecimiento_medio = f"crecimiento anual medio {media} % [IC 95 %: {bajo}, {alto}]"
    eje.set_title(f"{titulo_celda}: {quienes}\n{crecimiento_medio} · {len(grupo)} corridas", fontsize=10)


def figura_matriz(completas: pd.DataFrame, destino: Path) -> Path:
    """``matriz_estrategias.png``: en cada celda, fracción de corridas por desenlace y crecimiento medio."""
    completas = completas.assign(grupo=etiqueta_grupos(completas))
    celdas = cuadrantes(completas)
    fig, ejes = pyplot().subplots(2, 2, figsize=(13, 8), constrained_layout=True, sharex=True)
    for celda_ap_pe in ORDEN_CELDAS:
        fila, columna = posicion_en_matriz(celda_ap_pe)
        eje = ejes[fila, columna]
        eje.set_xlim(0, 1)
        if fila == 1:
            eje.set_xlabel("fracción de corridas")
        en_celda = completas[[c == celda_ap_pe for c in celdas]]
        _panel_de_celda(eje, rotulo_cuadrante(celda_ap_pe), en_celda)
    fig.suptitle("Desenlace por estrategia: apoyo a la producción (AP) × promoción económica (PE)", fontsize=14)
    return _guardar(fig, destino)


# --------------------------------------------------------------------------- series


def leer_series(completas: pd.DataFrame) -> pd.DataFrame:
    """Series de todas las corridas completas, con su grupo, en formato largo."""
    partes = []
    for _, r in completas.iterrows():
        serie = pd.read_parquet(Path(r.carpeta) / "series.parquet", columns=["paso", *SERIES_FIGURA])
        partes.append(serie.assign(grupo=r.grupo))
    return pd.concat(partes, ignore_index=True)


def figura_series(completas: pd.DataFrame, destino: Path) -> Path:
    """``series_estrategias.png``: media y banda de 90 % por grupo de producción, pymes por tipo y confianza."""
    grupos = etiqueta_grupos(completas)
    if grupos.nunique() > MAX_GRUPOS_SERIES:
        grupos = cuadrantes(completas).map(rotulo_cuadrante)
    series = leer_series(completas.assign(grupo=grupos))
    fig, ejes = pyplot().subplots(2, 2, figsize=(12, 8), constrained_layout=True)
    for eje, columna in zip(ejes.flat, SERIES_FIGURA, strict=True):
        for k, (nombre, g) in enumerate(series.groupby("grupo", sort=False)):
            por_paso = g.groupby("paso")[columna]
            media, bajo, alto = por_paso.mean(), por_paso.quantile(BANDA[0]), por_paso.quantile(BANDA[1])
            eje.plot(media.index, media.to_numpy(), color=f"C{k}", label=nombre)
            eje.fill_between(media.index, bajo.to_numpy(), alto.to_numpy(), color=f"C{k}", alpha=0.18)
        eje.set_title(indicador(columna).titulo)
        eje.set_xlabel("trimestre")
    ejes.flat[0].legend(fontsize=9)
    fig.suptitle("Series por estrategia: media y banda del 90 % entre semillas", fontsize=14)
    return _guardar(fig, destino)


# --------------------------------------------------------------------------- mapa AP × PE


def hay_mapa(completas: pd.DataFrame) -> bool:
    """Un mapa tiene sentido con al menos 3 valores de AP, 3 de PE y 9 pares distintos."""
    pares = completas[["apoyo_produccion", "promocion_economica"]].drop_duplicates()
    return pares["apoyo_produccion"].nunique() >= 3 and pares["promocion_economica"].nunique() >= 3 and len(pares) >= 9


def grillas_del_mapa(completas: pd.DataFrame):
    """Valores de AP y de PE, y sobre su grilla: crecimiento medio (mostrado), índice del desenlace
    dominante y su fracción de corridas."""
    crecimiento = indicador(CRECIMIENTO)
    aps = np.sort(completas["apoyo_produccion"].unique())
    pes = np.sort(completas["promocion_economica"].unique())
    crec, dominante, fraccion = (np.full((len(aps), len(pes)), np.nan) for _ in range(3))
    for (ap, pe), g in completas.groupby(["apoyo_produccion", "promocion_economica"]):
        i, j = np.searchsorted(aps, ap), np.searchsorted(pes, pe)
        crec[i, j] = crecimiento.valor_mostrado(g[CRECIMIENTO].mean())
        cuenta = g["desenlace"].value_counts()
        dominante[i, j] = DESENLACES.index(cuenta.index[0])
        fraccion[i, j] = cuenta.iloc[0] / len(g)
    return aps, pes, crec, dominante, fraccion


def figura_mapa(completas: pd.DataFrame, destino: Path) -> Path:
    """``mapa_ap_pe.png``: crecimiento medio y desenlace dominante sobre la grilla AP × PE."""
    from matplotlib.colors import ListedColormap

    crecimiento = indicador(CRECIMIENTO)
    aps, pes, crec, dominante, fraccion = grillas_del_mapa(completas)
    fig, (e1, e2) = pyplot().subplots(1, 2, figsize=(14, 6), constrained_layout=True)
    extension = max(np.nanmax(np.abs(crec)), 1e-9)
    imagen = e1.imshow(crec, origin="lower", cmap="RdYlGn", vmin=-extension, vmax=extension, aspect="auto")
    fig.colorbar(imagen, ax=e1, label=f"{crecimiento.titulo}, media")
    e1.set_title(f"{crecimiento.etiqueta}: media ({crecimiento.unidad})")
    colores = ListedColormap([color_desenlace(d) for d in DESENLACES])
    e2.imshow(dominante, origin="lower", cmap=colores, vmin=-0.5, vmax=len(DESENLACES) - 0.5, aspect="auto")
    e2.set_title("Desenlace dominante (fracción de semillas)")
    for (i, j), valor in np.ndenumerate(crec):
        if not np.isnan(valor):
            e1.text(j, i, crecimiento.formato.format(valor), ha="center", va="center", fontsize=8)
            rotulo = f"{rotulo_desenlace(DESENLACES[int(dominante[i, j])])}\n{100 * fraccion[i, j]:.0f} %"
            e2.text(j, i, rotulo, ha="center", va="center", fontsize=7)
    for eje in (e1, e2):
        eje.set_xticks(range(len(pes)), [f"{v:.2f}" for v in pes])
        eje.set_yticks(range(len(aps)), [f"{v:.2f}" for v in aps])
        eje.set_xlabel(EJE_PE)
        eje.set_ylabel(EJE_AP)
    fig.suptitle("Mapa AP × PE: la versión continua de la matriz de estrategias", fontsize=14)
    return _guardar(fig, destino)


# --------------------------------------------------------------------------- sensibilidad


def figura_sensibilidad(resultado: pd.DataFrame, salida: str, destino: Path) -> Path:
    """``sensibilidad.png``: plano μ*–σ de ``salida`` y fracción de cambios de desenlace por parámetro."""
    medida = indicador(salida)
    fig, (e1, e2) = pyplot().subplots(1, 2, figsize=(14, 6), constrained_layout=True)
    mu, sigma = medida.valor_mostrado(resultado["mu_estrella"]), medida.valor_mostrado(resultado["sigma"])
    e1.scatter(mu, sigma, color="C0")
    for parametro, x, y in zip(resultado["parametro"], mu, sigma, strict=True):
        e1.annotate(parametro, (x, y), fontsize=8, xytext=(4, 2), textcoords="offset points")
    tope = max(mu.max(), sigma.max(), 1e-9) * 1.1
    e1.plot([0, tope], [0, tope], color="grey", lw=0.8, ls="--", label="σ = μ*")
    e1.set_xlabel(f"μ*: efecto medio absoluto sobre {medida.etiqueta.lower()} ({medida.unidad})")
    e1.set_ylabel("σ: dispersión del efecto (no linealidad o interacciones)")
    e1.set_title(f"Morris: {medida.etiqueta.lower()}")
    e1.legend()
    orden = resultado.sort_values("cambia_desenlace")
    e2.barh(orden["parametro"], 100 * orden["cambia_desenlace"], color="C1")
    e2.set_xlabel("% de pasos de trayectoria en que cambia el desenlace")
    e2.set_title("¿Qué parámetros cambian el desenlace?")
    fig.suptitle("Sensibilidad de Morris (SALib)", fontsize=14)
    return _guardar(fig, destino)
