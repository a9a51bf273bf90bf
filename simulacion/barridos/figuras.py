"""Figuras de un barrido: matriz de estrategias, series por grupo y mapa AP × PE (las de los diseños
—Morris, Sobol, PRIM— están en :mod:`.figuras_diseno`).

Reglas de todas las figuras (docs/barridos.md, «Cómo leer las figuras»):

- **Unidades**: rótulos y unidades salen de :mod:`simulacion.indicadores`; cada eje dice su unidad, y
  lo que los archivos guardan como fracción y se declara en % se muestra en % (``valor_mostrado``).
- **Colores**: cada estrategia, o par (AP, PE), lleva el color de su celda de la matriz 2×2
  (:data:`simulacion.estrategias.COLORES_CELDA`, el mismo de ``estrategias.color(nombre)`` y del
  taller); si varios pares comparten celda se distinguen por el trazo. Cada desenlace lleva el suyo
  (:data:`simulacion.indicadores.ESTILO_DESENLACE`).
- **Series**: salen de la tabla larga del barrido (``series.parquet`` de su carpeta), no de cada corrida.

matplotlib se importa al dibujar (``salidas.pyplot``) y cada figura se guarda de forma atómica
(``salidas.guardar_figura``). No importa Hydra ni Mesa.
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
from simulacion.estrategias import COLORES_CELDA, ORDEN_CELDAS, color, estrategias
from simulacion.indicadores import DESENLACES, indicador
from simulacion.resultados.salidas import guardar_figura, pyplot

DPI = 110
BANDA = (0.05, 0.95)  # banda de 90 % en las series
SERIES_FIGURA = ("produccion_total", "pymes_tradicionales", "pymes_innovadoras", "confianza_media")
MAX_GRUPOS_SERIES = 8  # con más grupos, las series se agrupan por celda de la matriz
TRAZOS = ("-", "--", ":", "-.")  # grupos de una misma celda de la matriz
EJE_AP = f"apoyo a la producción, {indicador('apoyo_produccion').titulo}"
EJE_PE = f"promoción económica, {indicador('promocion_economica').titulo}"
EJE_CORRIDAS = "% de las corridas"


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


def guardar_con_aviso(fig, destino: Path, dpi: int = DPI) -> Path:
    """Guarda una figura del barrido (``salidas.guardar_figura``) con el aviso de :func:`con_aviso`, si lo hay."""
    aviso = _AVISO.get()
    if aviso:
        fig.text(0.005, 0.995, aviso, ha="left", va="top", fontsize=12, fontweight="bold", color="#b2182b")
    return guardar_figura(fig, destino, dpi)


def posicion_en_matriz(celda_ap_pe: tuple[bool, bool]) -> tuple[int, int]:
    """Fila y columna del panel: filas AP sí/no, columnas PE sí/no (como la matriz de la fuente)."""
    hay_ap, hay_pe = celda_ap_pe
    return (0 if hay_ap else 1, 0 if hay_pe else 1)


def estilos_de_grupos(completas: pd.DataFrame, grupos: pd.Series) -> dict[str, tuple[str, str]]:
    """Color y trazo de cada grupo, en el orden de la matriz: el color de la celda de sus corridas
    (``COLORES_CELDA``) y, si otro grupo ya usó esa celda, el trazo siguiente de :data:`TRAZOS`."""
    celdas = cuadrantes(completas)
    primeras = {g: celdas[grupos == g].iloc[0] for g in dict.fromkeys(grupos)}
    estilos: dict[str, tuple[str, str]] = {}
    for celda in ORDEN_CELDAS:
        de_la_celda = [g for g, c in primeras.items() if c == celda]
        for k, g in enumerate(de_la_celda):
            estilos[g] = (COLORES_CELDA[celda], TRAZOS[k % len(TRAZOS)])
    return estilos


# --------------------------------------------------------------------------- matriz


def _panel_de_celda(eje, celda_ap_pe: tuple[bool, bool], grupo: pd.DataFrame) -> None:
    """Barras del % de corridas por desenlace de una celda, con el crecimiento medio y su intervalo."""
    titulo_celda = rotulo_cuadrante(celda_ap_pe)
    for borde in eje.spines.values():  # el marco lleva el color de la celda, como las líneas de las series
        borde.set(edgecolor=COLORES_CELDA[celda_ap_pe], linewidth=2.5)
    if grupo.empty:
        eje.set_title(f"{titulo_celda}: sin corridas", color=COLORES_CELDA[celda_ap_pe])
        eje.set_yticks([])
        return
    nombres = list(dict.fromkeys(grupo["grupo"]))
    quienes = ", ".join(nombres) if len(nombres) <= 2 else f"{len(nombres)} combinaciones de AP y PE"
    por_ciento = [100 * f for f in fracciones_desenlace(grupo)]
    eje.barh([rotulo_desenlace(d) for d in DESENLACES], por_ciento, color=[color_desenlace(d) for d in DESENLACES])
    eje.invert_yaxis()
    for k, valor in enumerate(por_ciento):
        eje.text(min(valor + 1, 85), k, f"{valor:.0f} %", va="center")
    crecimiento = indicador(CRECIMIENTO)
    media, bajo, alto = (crecimiento.mostrar(v) for v in intervalo_media(grupo[CRECIMIENTO]))
    texto = f"crecimiento anual medio {media} {crecimiento.unidad} [IC 95 %: {bajo}, {alto}]"
    eje.set_title(f"{titulo_celda}: {quienes}\n{texto} · n = {len(grupo)} corridas", fontsize=10)


def figura_matriz(completas: pd.DataFrame, destino: Path) -> Path:
    """``matriz_estrategias.png``: en cada celda, % de corridas por desenlace y crecimiento medio."""
    completas = completas.assign(grupo=etiqueta_grupos(completas))
    celdas = cuadrantes(completas)
    fig, ejes = pyplot().subplots(2, 2, figsize=(13, 8), constrained_layout=True, sharex=True)
    for celda_ap_pe in ORDEN_CELDAS:
        fila, columna = posicion_en_matriz(celda_ap_pe)
        eje = ejes[fila, columna]
        eje.set_xlim(0, 100)
        if fila == 1:
            eje.set_xlabel(EJE_CORRIDAS)
        _panel_de_celda(eje, celda_ap_pe, completas[[c == celda_ap_pe for c in celdas]])
    fig.suptitle("Desenlace por estrategia: apoyo a la producción (AP) × promoción económica (PE)", fontsize=14)
    return guardar_con_aviso(fig, destino)


# --------------------------------------------------------------------------- series


def _grupos_de_series(completas: pd.DataFrame) -> pd.Series:
    """El grupo de cada corrida en las series: su estrategia o par (AP, PE); con más de
    :data:`MAX_GRUPOS_SERIES`, su celda de la matriz."""
    grupos = etiqueta_grupos(completas)
    if grupos.nunique() > MAX_GRUPOS_SERIES:
        grupos = cuadrantes(completas).map(rotulo_cuadrante)
    return grupos


def figura_series(completas: pd.DataFrame, larga: pd.DataFrame, destino: Path) -> Path:
    """``series_estrategias.png``: media y banda del 90 % entre semillas de cada grupo, desde la tabla
    larga ``larga`` (una fila por corrida y trimestre, con ``trabajo``)."""
    from matplotlib.ticker import MaxNLocator

    grupos = _grupos_de_series(completas)
    estilos = estilos_de_grupos(completas, grupos)
    series = larga.assign(grupo=larga["trabajo"].map(dict(zip(completas["trabajo"], grupos, strict=True))))
    por_paso = series.dropna(subset=["grupo"]).groupby(["grupo", "paso"])[list(SERIES_FIGURA)]
    media, bajo, alto = por_paso.mean(), por_paso.quantile(BANDA[0]), por_paso.quantile(BANDA[1])
    fig, ejes = pyplot().subplots(2, 2, figsize=(12, 8), constrained_layout=True)
    for eje, columna in zip(ejes.flat, SERIES_FIGURA, strict=True):
        medida = indicador(columna)
        for nombre, (tono, trazo) in estilos.items():
            pasos = media.loc[nombre].index
            eje.plot(pasos, medida.valor_mostrado(media.loc[nombre, columna]), color=tono, ls=trazo, label=nombre)
            banda = (medida.valor_mostrado(bajo.loc[nombre, columna]), medida.valor_mostrado(alto.loc[nombre, columna]))
            eje.fill_between(pasos, *banda, color=tono, alpha=0.15, lw=0)
        eje.set_title(medida.etiqueta)
        eje.set_ylabel(medida.unidad)
        eje.set_xlabel(indicador("paso").etiqueta.lower())
        eje.xaxis.set_major_locator(MaxNLocator(integer=True))
    ejes.flat[0].legend(fontsize=9)
    fig.suptitle("Series por estrategia: media y banda del 90 % entre semillas", fontsize=14)
    return guardar_con_aviso(fig, destino)


# --------------------------------------------------------------------------- mapa AP × PE


def hay_mapa(completas: pd.DataFrame) -> bool:
    """Un mapa tiene sentido con al menos 3 valores de AP, 3 de PE y 9 pares distintos."""
    pares = completas[["apoyo_produccion", "promocion_economica"]].drop_duplicates()
    return pares["apoyo_produccion"].nunique() >= 3 and pares["promocion_economica"].nunique() >= 3 and len(pares) >= 9


def celdas_del_mapa(completas: pd.DataFrame) -> pd.DataFrame:
    """Una fila por par (AP, PE): corridas ``n``, crecimiento medio con su intervalo del 95 %
    (``media``, ``bajo``, ``alto``, como fracción), desenlace dominante y su fracción de corridas."""
    filas = []
    for (ap, pe), g in completas.groupby(["apoyo_produccion", "promocion_economica"]):
        media, bajo, alto = intervalo_media(g[CRECIMIENTO])
        cuenta = g["desenlace"].value_counts()
        filas.append(
            {
                "apoyo_produccion": ap,
                "promocion_economica": pe,
                "n": len(g),
                "media": media,
                "bajo": bajo,
                "alto": alto,
                "dominante": cuenta.index[0],
                "fraccion_dominante": cuenta.iloc[0] / len(g),
            }
        )
    return pd.DataFrame(filas)


def _bordes(valores: np.ndarray) -> np.ndarray:
    """Bordes de las celdas centradas en ``valores`` (ordenados): a mitad de camino entre vecinos."""
    medios = (valores[1:] + valores[:-1]) / 2
    return np.concatenate([[valores[0] - (medios[0] - valores[0])], medios, [valores[-1] + (valores[-1] - medios[-1])]])


def _grilla(celdas: pd.DataFrame, columna: str, aps: np.ndarray, pes: np.ndarray) -> np.ma.MaskedArray:
    """``columna`` de ``celdas`` sobre la grilla AP × PE; sin dato (fuera del triángulo), enmascarada."""
    z = np.full((len(aps), len(pes)), np.nan)
    z[np.searchsorted(aps, celdas["apoyo_produccion"]), np.searchsorted(pes, celdas["promocion_economica"])] = celdas[
        columna
    ]
    return np.ma.masked_invalid(z)


def _marcar_estrategias(eje, aps: np.ndarray, pes: np.ndarray) -> list:
    """Marco del color de cada estrategia de la fuente en su celda de la grilla; devuelve las entradas
    de la leyenda (una estrategia fuera de la grilla va sólo en la leyenda, «no está en la grilla»)."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    bx, by = _bordes(pes), _bordes(aps)
    entradas = []
    for nombre, e in estrategias().items():
        tono = color(nombre)
        i = np.flatnonzero(np.isclose(aps, e.apoyo_produccion))
        j = np.flatnonzero(np.isclose(pes, e.promocion_economica))
        rotulo = f"{e.titulo} (AP {e.apoyo_produccion:g}, PE {e.promocion_economica:g})"
        if len(i) and len(j):
            x0, y0 = bx[j[0]], by[i[0]]
            eje.add_patch(Rectangle((x0, y0), bx[j[0] + 1] - x0, by[i[0] + 1] - y0, fill=False, ec=tono, lw=3))
        else:
            rotulo += ", no está en la grilla"
        entradas.append(Line2D([], [], color=tono, lw=3, label=rotulo))
    return entradas


def figura_mapa(completas: pd.DataFrame, destino: Path) -> Path:
    """``mapa_ap_pe.png``: sobre el triángulo AP + PE ≤ 1, el crecimiento medio con su intervalo y el
    desenlace dominante, cada celda con su número de corridas, y las cuatro estrategias marcadas."""
    from matplotlib.colors import ListedColormap

    crecimiento = indicador(CRECIMIENTO)
    celdas = celdas_del_mapa(completas)
    aps, pes = np.sort(celdas["apoyo_produccion"].unique()), np.sort(celdas["promocion_economica"].unique())
    bx, by = _bordes(pes), _bordes(aps)
    fig, (e1, e2) = pyplot().subplots(1, 2, figsize=(16, 7.5), constrained_layout=True)
    media = crecimiento.valor_mostrado(_grilla(celdas, "media", aps, pes))
    extension = max(float(np.ma.max(np.abs(media))), 1e-9)
    imagen = e1.pcolormesh(bx, by, media, cmap="RdYlGn", vmin=-extension, vmax=extension)
    fig.colorbar(imagen, ax=e1, label=f"{crecimiento.titulo}, media de las semillas")
    e1.set_title(f"{crecimiento.etiqueta}: media ± medio IC 95 % ({crecimiento.unidad}) y n")
    indices = celdas["dominante"].map(DESENLACES.index).astype(float)
    colores = ListedColormap([color_desenlace(d) for d in DESENLACES])
    dominante = _grilla(celdas.assign(indice=indices), "indice", aps, pes)
    e2.pcolormesh(bx, by, dominante, cmap=colores, vmin=-0.5, vmax=len(DESENLACES) - 0.5)
    e2.set_title("Desenlace más frecuente: % de las semillas y n")
    for _, c in celdas.iterrows():
        medio_ic = crecimiento.valor_mostrado((c.alto - c.bajo) / 2)
        texto = f"{crecimiento.mostrar(c.media)}\n±{medio_ic:.1f}\nn={c.n}"
        e1.text(c.promocion_economica, c.apoyo_produccion, texto, ha="center", va="center", fontsize=7)
        texto = f"{rotulo_desenlace(c.dominante)}\n{100 * c.fraccion_dominante:.0f} %\nn={c.n}"
        e2.text(c.promocion_economica, c.apoyo_produccion, texto, ha="center", va="center", fontsize=7)
    for eje in (e1, e2):
        eje.plot([0, 1], [1, 0], color="grey", lw=1, ls="--", label="AP + PE = 1 (todo el presupuesto de inversión)")
        entradas = _marcar_estrategias(eje, aps, pes)
        eje.set(xlim=(bx[0], max(bx[-1], 1.0)), ylim=(by[0], max(by[-1], 1.0)), aspect="equal")
        eje.set_xticks(pes, [f"{v:.2f}" for v in pes])
        eje.set_yticks(aps, [f"{v:.2f}" for v in aps])
        eje.set_xlabel(EJE_PE)
        eje.set_ylabel(EJE_AP)
    fig.legend(handles=[*entradas, *e2.get_legend_handles_labels()[0]], loc="outside lower center", ncol=3, fontsize=9)
    fig.suptitle("Mapa AP × PE: la versión continua de la matriz de estrategias", fontsize=14)
    return guardar_con_aviso(fig, destino)
