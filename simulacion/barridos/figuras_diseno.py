"""Figuras de los barridos con diseño: Morris (``sensibilidad.png``), Sobol (``sobol.png``) y PRIM (``escenarios.png``).

Un panel por salida (:mod:`.respuestas`: indicadores del clasificador y fracción de corridas en cada
desenlace) con rótulos y unidades de :mod:`simulacion.indicadores`; los parámetros en el mismo orden
en todos los paneles de una fila (los nombres una sola vez, sin superponerse); cada índice con su
intervalo de confianza del 95 %. En ``escenarios.png`` cada afirmación de la fuente lleva el color de
su celda de la matriz (:data:`simulacion.estrategias.COLORES_CELDA`) y el desenlace el suyo.
matplotlib se importa al dibujar; cada figura se guarda de forma atómica. No importa Hydra ni Mesa.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from simulacion.barridos.figuras import guardar_con_aviso
from simulacion.barridos.grupos import color_desenlace, rotulo_desenlace
from simulacion.barridos.respuestas import SALIDAS, medida
from simulacion.estrategias import COLORES_CELDA
from simulacion.resultados.salidas import pyplot

DPI = 110
COLUMNAS = 5
ALTO_PARAMETRO = 0.28  # pulgadas por parámetro en un panel
GRIS = "#999999"


def orden_de_importancia(tabla: pd.DataFrame, columna: str) -> list[str]:
    """Parámetros de menor a mayor importancia media: ``columna`` normalizada por su máximo en cada salida."""
    maximo = tabla.groupby("salida")[columna].transform("max").replace(0, np.nan)
    importancia = (tabla[columna] / maximo).fillna(0).groupby(tabla["parametro"]).mean()
    return list(importancia.sort_values(kind="stable").index)


def _rejilla(paneles: int, parametros: int, titulo: str):
    filas = -(-paneles // COLUMNAS)
    alto = max(3.0, ALTO_PARAMETRO * parametros + 1.2)
    fig, ejes = pyplot().subplots(
        filas, COLUMNAS, figsize=(4.2 + 2.9 * COLUMNAS, alto * filas + 0.6), constrained_layout=True
    )
    fig.suptitle(titulo, fontsize=13)
    ejes = np.atleast_2d(ejes)
    for sobrante in list(ejes.flat)[paneles:]:
        sobrante.set_axis_off()
    return fig, ejes


def _rotular_parametros(ejes_parametros: list, orden: list[str]) -> None:
    """Mismo orden de parámetros en cada panel; los nombres sólo en la primera columna."""
    for k, eje in enumerate(ejes_parametros):
        eje.set_yticks(range(len(orden)), orden if k % COLUMNAS == 0 else [], fontsize=8)
        eje.set_ylim(-0.6, len(orden) - 0.4)
        eje.grid(axis="x", alpha=0.3)


def unidad_de_efecto(salida: str) -> str:
    """Unidad de μ* y σ: la de la salida (puntos porcentuales para una fracción) por rango del parámetro."""
    m = medida(salida)
    return f"{'p. p.' if m.unidad == '%' else m.unidad} por rango del parámetro"


def figura_morris(resultado: pd.DataFrame, titulo: str, destino: Path) -> Path:
    """``sensibilidad.png``: μ* con su intervalo (barra y bigote) y σ (rombo) por salida, y cambios de desenlace."""
    orden = orden_de_importancia(resultado, "mu_estrella")
    posiciones = {p: i for i, p in enumerate(orden)}
    salidas = [s for s in SALIDAS if s in set(resultado["salida"])]
    fig, ejes = _rejilla(len(salidas) + 1, len(orden), titulo)
    for eje, salida in zip(ejes.flat, salidas, strict=False):
        m = medida(salida)
        g = resultado[resultado["salida"] == salida]
        y = g["parametro"].map(posiciones).to_numpy()
        eje.barh(
            y,
            m.valor_mostrado(g["mu_estrella"]),
            xerr=m.valor_mostrado(g["mu_estrella_ic"]),
            color="C0",
            alpha=0.75,
            error_kw={"elinewidth": 1, "capsize": 2},
            label="μ* ± IC 95 %",
        )
        eje.plot(m.valor_mostrado(g["sigma"]), y, "D", color="black", ms=3.5, label="σ")
        eje.set_title(m.etiqueta, fontsize=10)
        eje.set_xlabel(f"μ* y σ ({unidad_de_efecto(salida)})", fontsize=8)
        eje.set_xlim(left=0)
    eje = ejes.flat[len(salidas)]
    cambios = resultado.drop_duplicates("parametro")
    eje.barh(cambios["parametro"].map(posiciones), 100 * cambios["cambia_desenlace"], color=GRIS)
    eje.set_title("Cambia el desenlace", fontsize=10)
    eje.set_xlabel("% de los pasos de trayectoria de ese parámetro", fontsize=8)
    _rotular_parametros(list(ejes.flat)[: len(salidas) + 1], orden)
    ejes.flat[0].legend(fontsize=8, loc="lower right")
    return guardar_con_aviso(fig, destino, DPI)  # «incompleto: N/M» si falta algo


def figura_sobol(resultado: pd.DataFrame, convergencia: pd.DataFrame, titulo: str, destino: Path) -> Path:
    """``sobol.png``: índices de primer orden (S1) y totales (ST) con su intervalo, y la prueba de convergencia."""
    orden = orden_de_importancia(resultado.fillna({"ST": 0.0}), "ST")
    posiciones = {p: i for i, p in enumerate(orden)}
    salidas = [s for s in SALIDAS if s in set(resultado["salida"])]
    fig, ejes = _rejilla(len(salidas) + 1, len(orden), titulo)
    for eje, salida in zip(ejes.flat, salidas, strict=False):
        g = resultado[resultado["salida"] == salida]
        y = g["parametro"].map(posiciones).to_numpy()
        if g["ST"].isna().all():
            eje.text(0.5, 0.5, "sin variación", transform=eje.transAxes, ha="center", color=GRIS)
        for desplazamiento, columna, color, rotulo in (
            (0.2, "S1", "C0", "S1 (primer orden)"),
            (-0.2, "ST", "C1", "ST (total)"),
        ):
            eje.barh(
                y + desplazamiento,
                g[columna],
                height=0.38,
                xerr=g[f"{columna}_ic"],
                color=color,
                error_kw={"elinewidth": 1, "capsize": 2},
                label=f"{rotulo} ± IC 95 %",
            )
        eje.set_title(medida(salida).etiqueta, fontsize=10)
        eje.set_xlabel("fracción de la varianza de la salida", fontsize=8)
        eje.set_xlim(-0.1, 1.05)  # los índices van de 0 a 1; un intervalo más largo es ruido del estimador
    _rotular_parametros(list(ejes.flat)[: len(salidas)], orden)
    eje = ejes.flat[len(salidas)]
    conv = convergencia.dropna(subset=["dif_max_ST"])
    y = np.arange(len(conv))
    eje.barh(y + 0.2, conv["dif_max_ST"], height=0.38, color="C2", label="máx |ST(N) − ST(N/2)|")
    eje.barh(y - 0.2, conv["ic_max_ST"], height=0.38, color=GRIS, label="máx IC 95 % de ST")
    eje.set_yticks(y, [medida(s).etiqueta for s in conv["salida"]], fontsize=8)
    eje.yaxis.tick_right()
    eje.set_title("Convergencia por salida", fontsize=10)
    eje.set_xlabel("fracción de la varianza de la salida", fontsize=8)
    eje.grid(axis="x", alpha=0.3)
    eje.legend(fontsize=7, loc="lower right")
    ejes.flat[0].legend(fontsize=8, loc="lower right")
    return guardar_con_aviso(fig, destino, DPI)  # «incompleto: N/M» si falta algo


# --------------------------------------------------------------------------- escenarios (PRIM)
SENTIDOS = ("se cumple", "falla")


def figura_escenarios(cajas: pd.DataFrame, trayectorias: pd.DataFrame, destino: Path) -> Path:
    """``escenarios.png``: por afirmación, la trayectoria de pelado de PRIM (cobertura frente a densidad) y
    las cajas donde se cumple y donde falla, sobre el rango muestreado de cada parámetro."""
    afirmaciones = list(dict.fromkeys(cajas["afirmacion"]))
    fig, ejes = pyplot().subplots(
        len(afirmaciones), 3, figsize=(17, 3.6 * len(afirmaciones) + 0.8), constrained_layout=True, squeeze=False
    )
    for fila, afirmacion in zip(ejes, afirmaciones, strict=True):
        de_esta = cajas[cajas["afirmacion"] == afirmacion]
        celda = (bool(de_esta["hay_ap"].iloc[0]), bool(de_esta["hay_pe"].iloc[0]))
        afirmado = de_esta["afirmado"].iloc[0]
        colores = {SENTIDOS[0]: color_desenlace(afirmado), SENTIDOS[1]: GRIS}
        _panel_trayectoria(fila[0], trayectorias[trayectorias["afirmacion"] == afirmacion], colores)
        fila[0].set_title(
            f"{afirmacion}\nse cumple en {100 * de_esta['base'].iloc[0]:.0f} % de "
            f"{int(de_esta['corridas'].iloc[0])} corridas",
            fontsize=10,
            color=COLORES_CELDA[celda],
        )
        for eje, sentido in zip(fila[1:], SENTIDOS, strict=True):
            _panel_caja(eje, de_esta[de_esta["sentido"] == sentido], sentido, afirmado, colores[sentido])
    fig.suptitle(
        "Descubrimiento de escenarios (PRIM): dónde se cumple y dónde falla cada afirmación de la fuente", fontsize=13
    )
    return guardar_con_aviso(fig, destino, DPI)  # «incompleto: N/M» si falta algo


def _panel_trayectoria(eje, trayectoria: pd.DataFrame, colores: dict[str, str]) -> None:
    for sentido, g in trayectoria.groupby("sentido", sort=False):
        eje.plot(g["cobertura"], g["densidad"], "-o", ms=2.5, lw=1, color=colores[sentido], label=sentido)
        elegida = g[g["elegida"]]
        eje.plot(elegida["cobertura"], elegida["densidad"], "*", ms=13, color=colores[sentido], mec="black")
        for _, f in elegida.iterrows():
            eje.annotate(
                f"{int(f.dimensiones)} restr.",
                (f.cobertura, f.densidad),
                fontsize=7,
                xytext=(5, -10),
                textcoords="offset points",
            )
    eje.set_xlim(0, 1.02)
    eje.set_ylim(0, 1.05)
    eje.set_xlabel("cobertura (fracción de los casos dentro de la caja)", fontsize=8)
    eje.set_ylabel("densidad (fracción de la caja que son casos)", fontsize=8)
    eje.grid(alpha=0.3)
    eje.legend(fontsize=7, loc="lower left", title="★ caja elegida", title_fontsize=7)


def _panel_caja(eje, filas: pd.DataFrame, sentido: str, afirmado: str, color: str) -> None:
    caso = (
        f"{sentido}: {rotulo_desenlace(afirmado)}"
        if sentido == SENTIDOS[0]
        else f"falla: no {rotulo_desenlace(afirmado)}"
    )
    if filas.empty or filas["cobertura"].isna().all():
        eje.text(0.5, 0.5, "sin casos", transform=eje.transAxes, ha="center", color=GRIS)
        eje.set_title(caso, fontsize=10)
        eje.set_axis_off()
        return
    f0 = filas.iloc[0]
    eje.set_title(f"{caso}\ndensidad {f0.densidad:.2f} · cobertura {f0.cobertura:.2f} · masa {f0.masa:.2f}", fontsize=9)
    restringidas = filas.dropna(subset=["parametro"])
    if restringidas.empty:
        eje.text(
            0.5,
            0.5,
            "todo el espacio muestreado\n(ninguna restricción)",
            transform=eje.transAxes,
            ha="center",
            va="center",
            fontsize=9,
        )
    ancho = (restringidas["rango_maximo"] - restringidas["rango_minimo"]).replace(0, np.nan)
    bajo = ((restringidas["minimo"] - restringidas["rango_minimo"]) / ancho).to_numpy()
    alto = ((restringidas["maximo"] - restringidas["rango_minimo"]) / ancho).to_numpy()
    y = np.arange(len(restringidas))
    eje.barh(y, np.ones(len(y)), color="#eeeeee", edgecolor="#cccccc")
    eje.barh(y, alto - bajo, left=bajo, color=color, alpha=0.85)
    for i, (_, r) in enumerate(restringidas.iterrows()):
        eje.text(0.5, i, f"{r.minimo:.3g} – {r.maximo:.3g}  (qp {r.qp:.1g})", ha="center", va="center", fontsize=7)
    eje.set_yticks(y, restringidas["parametro"], fontsize=8)
    eje.set_ylim(-0.6, max(len(y), 1) - 0.4)
    eje.set_xlim(0, 1)
    eje.set_xlabel("posición en el rango muestreado (0 = mínimo, 1 = máximo)", fontsize=8)
