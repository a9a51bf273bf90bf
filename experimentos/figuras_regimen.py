"""Figuras del régimen (issue 12) para docs/validacion.md, a partir de la tabla de `regimen.py --csv`.

Uso (desde la carpeta del repositorio)::

    .venv/bin/python experimentos/figuras_regimen.py                 # las cuatro figuras
    .venv/bin/python experimentos/figuras_regimen.py --sin-reposo    # sólo las tres que leen el CSV
    .venv/bin/python experimentos/figuras_regimen.py --csv experimentos/datos/regimen_5000_5029.csv

Escribe en ``docs/figuras/``:

- ``regimen_acuerdo.png``: fracción de semillas con el desenlace que afirma 003, tamaño × horizonte,
  una grilla por estrategia, con el objetivo 0,8 marcado;
- ``regimen_ejes.png``: los ejes AP y PE en las series crudas: pymes tradicionales al final / al
  inicio (con la línea 0,85) e innovadoras al final / al inicio, por estrategia, tamaño y horizonte;
- ``regimen_decision.png``: el espacio de decisión del clasificador (crecimiento anual × fracaso de
  innovadoras), cada corrida un punto, con los umbrales y las regiones de cada desenlace;
- ``regimen_reposo.png``: pymes tradicionales e innovadoras en los primeros 12 trimestres por
  estrategia, con la prehistoria por defecto y sin ella. Ésta es la única que corre el modelo
  (``regimen.correr_todo``; 8 semillas de 300 pymes, 2 procesos: ≈ 1 min).

Las tres primeras sólo leen el CSV indicado. El color de cada estrategia es el de su celda de la
matriz (``simulacion.estrategias.color``); el clasificador nunca ve la estrategia.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

RAIZ = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RAIZ))
sys.path.insert(0, str(RAIZ / "experimentos"))

from simulacion.api import componer  # noqa: E402
from simulacion.estrategias import afirmado, color, estrategias, nombres  # noqa: E402
from simulacion.indicadores import ESTILO_DESENLACE, indicador  # noqa: E402
from simulacion.resultados.desenlace import clasificar  # noqa: E402
from simulacion.resultados.ejecucion import a_configuracion  # noqa: E402
from simulacion.resultados.salidas import guardar_figura, pyplot  # noqa: E402

CSV_POR_DEFECTO = "experimentos/datos/regimen_9000_9029.csv"
FIGURAS = RAIZ / "docs" / "figuras"
OBJETIVO_ACUERDO = 0.8  # issue 12: el desenlace afirmado en ≥ 80 % de las semillas no vistas
OBJETIVO_TRADICIONALES = 0.85  # issue 12, punto 4: mediana de tradicionales al final ≥ 85 % del inicio
TRIMESTRES_REPOSO = 12
ESTILO_REF = ("--", ":")  # líneas de referencia de los ejes AP y PE
UNIDAD_TAMANO = "pymes al inicio (territorio.n_pymes)"


def _rotulo(nombre: str) -> str:
    """``I: complementariedad``."""
    return f"{estrategias()[nombre].celda.numeral}: {nombre}"


def _afirmado(nombre: str) -> str:
    """Desenlace que afirma 003 para la estrategia, con su rótulo (``descomposición``)."""
    return ESTILO_DESENLACE[afirmado()[nombre]][0]


def _leyenda_estrategias(fig, ncol: int = 4, y: float = 0.005, extra_manejadores=(), **extra) -> None:
    plt = pyplot()
    manejadores = [
        plt.Line2D([], [], color=color(e), marker="o", lw=2, label=f"{_rotulo(e)} (→ {_afirmado(e)})")
        for e in nombres()
    ]
    manejadores += list(extra_manejadores)
    fig.legend(handles=manejadores, loc="lower center", ncol=ncol, frameon=False, bbox_to_anchor=(0.5, y), **extra)


def _coma(texto: str) -> str:
    """Decimales con coma, como el resto de los documentos."""
    return texto.replace(".", ",")


def _semillas_texto(df: pd.DataFrame) -> str:
    s = sorted(df.semilla.unique())
    return f"semillas {s[0]}–{s[-1]} ({len(s)})"


# --------------------------------------------------------------------------------- 1. acuerdo
def figura_acuerdo(df: pd.DataFrame, destino: Path) -> Path:
    plt = pyplot()
    from matplotlib.colors import BoundaryNorm, ListedColormap

    ests = [e for e in nombres() if e in set(df.estrategia)]
    ok = df.desenlace == df.estrategia.map(afirmado())
    grilla = df.assign(ok=ok).pivot_table(index=["n_pymes", "pasos"], columns="estrategia", values="ok", aggfunc="mean")
    tamanos = sorted(df.n_pymes.unique())
    horizontes = sorted(df.pasos.unique())
    # Escala discreta: bajo el objetivo en rojos, sobre él en verdes (0,8 es un borde de la escala).
    bordes = [0.0, 0.5, 0.6, 0.7, OBJETIVO_ACUERDO, 0.9, 0.95, 1.0001]
    colores = ["#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#d9f0d3", "#7fbf7b", "#1b7837"]
    cmap, norma = ListedColormap(colores), BoundaryNorm(bordes, len(colores))

    fig, ejes = plt.subplots(1, len(ests), figsize=(3.1 * len(ests) + 1.2, 4.3), sharey=True)
    ejes = np.atleast_1d(ejes)
    fig.subplots_adjust(left=0.085, right=0.9, top=0.8, bottom=0.14, wspace=0.08)
    for eje, est in zip(ejes, ests, strict=True):
        m = np.array([[grilla.loc[(n, h), est] for h in horizontes] for n in tamanos])
        im = eje.imshow(m, cmap=cmap, norm=norma, origin="lower", aspect="auto")
        for i, _n in enumerate(tamanos):
            for j, _h in enumerate(horizontes):
                v = m[i, j]
                bajo = v < OBJETIVO_ACUERDO
                eje.text(
                    j,
                    i,
                    f"{v:.2f}".replace(".", ","),
                    ha="center",
                    va="center",
                    fontsize=10,
                    fontweight="bold" if bajo else "normal",
                    color="white" if (v >= 0.95 or v < 0.6) else "black",
                )
                if bajo:
                    eje.add_patch(plt.Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, ec="black", lw=2))
        eje.set_xticks(range(len(horizontes)), [str(h) for h in horizontes])
        eje.set_yticks(range(len(tamanos)), [f"{n:,}".replace(",", " ") for n in tamanos])
        eje.set_xlabel("horizonte (trimestres)")
        eje.set_title(f"{_rotulo(est)}\n→ {_afirmado(est)}", color=color(est), fontsize=10.5, fontweight="bold")
        for lado in eje.spines.values():
            lado.set_edgecolor(color(est))
            lado.set_linewidth(2.5)
    ejes[0].set_ylabel(f"tamaño ({UNIDAD_TAMANO})", fontsize=9)
    cax = fig.add_axes([0.915, 0.14, 0.015, 0.66])
    cb = fig.colorbar(im, cax=cax, ticks=[0.5, 0.6, 0.7, 0.8, 0.9, 1.0])
    cb.ax.axhline(OBJETIVO_ACUERDO, color="black", lw=2.5)
    cb.set_label("fracción de semillas con el desenlace afirmado", fontsize=8.5)
    cb.ax.set_yticklabels(["≤ 0,5", "0,6", "0,7", "0,8 objetivo", "0,9", "1"], fontsize=8)
    bajo = int((grilla[ests] < OBJETIVO_ACUERDO).to_numpy().sum())
    fig.suptitle(
        f"Acuerdo con el desenlace que afirma 003, {_semillas_texto(df)}: "
        f"{grilla[ests].size - bajo} de {grilla[ests].size} celdas ≥ 0,8 (recuadradas las que no)",
        fontsize=11,
    )
    return guardar_figura(fig, destino, dpi=120)


# --------------------------------------------------------------------------------- 2. ejes
def _cuantiles(g: pd.Series) -> tuple[float, float, float]:
    return float(g.quantile(0.25)), float(g.median()), float(g.quantile(0.75))


def figura_ejes(df: pd.DataFrame, destino: Path) -> Path:
    plt = pyplot()
    ests = [e for e in nombres() if e in set(df.estrategia)]
    tamanos = sorted(df.n_pymes.unique())
    horizontes = sorted(df.pasos.unique())
    df = df.assign(
        r_trad=df.trad_fin / df.trad_ini,
        r_innov=df.innov_fin / df.innov_ini.where(df.innov_ini > 0),
    )
    filas = (
        (
            "r_trad",
            "(a) Eje AP: pymes tradicionales al final / al inicio",
            "tradicionales al final / al inicio\n(pymes / pymes)",
            OBJETIVO_TRADICIONALES,
            "(a) 0,85: objetivo de la mediana con AP",
        ),
        (
            "r_innov",
            "(b) Eje PE: pymes innovadoras al final / al inicio",
            "innovadoras al final / al inicio\n(pymes / pymes)",
            1.0,
            "(b) 1: tantas innovadoras como al inicio",
        ),
    )
    fig, ejes = plt.subplots(2, len(horizontes), figsize=(4.2 * len(horizontes) + 0.6, 8.2), sharey="row", sharex=True)
    ejes = np.atleast_2d(ejes)
    fig.subplots_adjust(left=0.09, right=0.985, top=0.9, bottom=0.145, wspace=0.06, hspace=0.32)
    x = np.arange(len(tamanos))
    desplaz = np.linspace(-0.18, 0.18, len(ests))
    for fila, (col, titulo, rotulo_y, ref, _rotulo_ref) in enumerate(filas):
        for k, h in enumerate(horizontes):
            eje = ejes[fila, k]
            for d, est in zip(desplaz, ests, strict=True):
                q = [_cuantiles(df[(df.estrategia == est) & (df.n_pymes == n) & (df.pasos == h)][col]) for n in tamanos]
                p25, med, p75 = (np.array(v) for v in zip(*q, strict=True))
                eje.errorbar(
                    x + d,
                    med,
                    yerr=[med - p25, p75 - med],
                    color=color(est),
                    marker="o",
                    ms=5,
                    lw=1.4,
                    capsize=2.5,
                    label=_rotulo(est),
                )
            eje.axhline(ref, color="0.3", ls=ESTILO_REF[fila], lw=1.2)
            if k == 0:
                eje.set_ylabel(rotulo_y, fontsize=9.5)
            eje.set_title(
                f"{titulo}\n{h} trimestres ({h // 4} años)" if k == 1 else f"\n{h} trimestres ({h // 4} años)"
            )
            eje.set_xticks(x, [f"{n:,}".replace(",", " ") for n in tamanos])
            eje.set_xlim(-0.5, len(tamanos) - 0.5)
            eje.grid(axis="y", alpha=0.3)
            if fila == 1:
                eje.set_xlabel(f"tamaño ({UNIDAD_TAMANO})", fontsize=9)
    fig.suptitle(
        f"Los dos ejes de la matriz en las series crudas ({_semillas_texto(df)}; "
        "mediana y cuartiles 25–75 % por celda)",
        fontsize=11.5,
    )
    refs = [plt.Line2D([], [], color="0.3", ls=ESTILO_REF[i], lw=1.2, label=f[4]) for i, f in enumerate(filas)]
    _leyenda_estrategias(fig, ncol=3, extra_manejadores=refs)
    return guardar_figura(fig, destino, dpi=120)


# --------------------------------------------------------------------------------- 3. decisión
def figura_decision(df: pd.DataFrame, destino: Path, u) -> Path:
    plt = pyplot()
    ests = [e for e in nombres() if e in set(df.estrategia)]
    horizontes = sorted(df.pasos.unique())
    ix, iy = indicador("crecimiento_anual"), indicador("perdida_innovadora_anual")
    x_min = min(100 * df.crecimiento_anual.min(), 100 * u.crecimiento_descomposicion) - 0.6
    x_max = max(100 * df.crecimiento_anual.max(), 100 * u.crecimiento_minimo) + 0.6
    y_max = max(df.perdida_innovadora_anual.max(), u.perdida_innovadora_maxima) * 1.25
    xd, xc, yf = 100 * u.crecimiento_descomposicion, 100 * u.crecimiento_minimo, u.perdida_innovadora_maxima
    # Los umbrales dibujados son los de la configuración actual; el CSV pudo hacerse con otros.
    distintas = int((df.desenlace != [clasificar(r, u) for r in df.to_dict("records")]).sum())
    if distintas:
        print(f"aviso: {distintas} de {len(df)} corridas del CSV tienen otro desenlace con los umbrales actuales")
    aviso = f" ({distintas} corridas del CSV se clasificaron con otros umbrales)" if distintas else ""
    # Regiones (simulacion/resultados/desenlace.py: clasificar, reglas en orden).
    regiones = {
        "descomposicion": [(x_min, 0), (xd, 0), (xd, y_max), (x_min, y_max)],
        "fragilidad": [(xd, yf), (x_max, yf), (x_max, y_max), (xd, y_max)],
        "crecimiento": [(xc, 0), (x_max, 0), (x_max, yf), (xc, yf)],
        "estancamiento": [(xd, 0), (xc, 0), (xc, yf), (xd, yf)],
    }
    fig, ejes = plt.subplots(1, len(horizontes), figsize=(5.0 * len(horizontes), 5.6), sharey=True)
    ejes = np.atleast_1d(ejes)
    fig.subplots_adjust(left=0.07, right=0.99, top=0.8, bottom=0.2, wspace=0.05)
    rng = np.random.default_rng(0)
    for eje, h in zip(ejes, horizontes, strict=True):
        for desenlace, poligono in regiones.items():
            eje.add_patch(plt.Polygon(poligono, closed=True, fc=ESTILO_DESENLACE[desenlace][1], alpha=0.16, lw=0))
        eje.axvline(xd, color="0.25", lw=1.1)
        eje.plot([xd, x_max], [yf, yf], color="0.25", lw=1.1)
        eje.plot([xc, xc], [0, yf], color="0.25", lw=1.1)
        sub = df[df.pasos == h]
        for est in ests:
            s = sub[sub.estrategia == est]
            eje.scatter(
                100 * s.crecimiento_anual,
                s.perdida_innovadora_anual + rng.uniform(0, 0.0008, len(s)),  # separa los ceros apilados
                s=11,
                color=color(est),
                alpha=0.65,
                lw=0,
            )
        eje.set_yscale("symlog", linthresh=0.02, linscale=1.3)
        eje.set_ylim(0, y_max)
        eje.set_xlim(x_min, x_max)
        marcas = [0, 0.005, 0.01, 0.015, yf, 0.1, 0.2, 0.5]
        eje.set_yticks(marcas, [f"{v:g}".replace(".", ",") for v in marcas])
        eje.set_xlabel(ix.titulo)
        ok = (sub.desenlace == sub.estrategia.map(afirmado())).mean()
        eje.set_title(
            f"{h} trimestres ({h // 4} años)\n{len(sub)} corridas; {ok:.0%} con el desenlace afirmado", fontsize=10
        )
        # Rótulos de las regiones (en coordenadas de datos; y en la escala symlog).
        estilo = dict(fontsize=9, fontweight="bold", color="0.15", ha="center")
        eje.text((x_min + xd) / 2, 0.01, ESTILO_DESENLACE["descomposicion"][0], va="center", **estilo)
        eje.text((xd + x_max) / 2, y_max * 0.7, ESTILO_DESENLACE["fragilidad"][0], va="top", **estilo)
        eje.text((xc + x_max) / 2 + 0.6, 0.0125, ESTILO_DESENLACE["crecimiento"][0], va="center", **estilo)
        eje.text((xd + xc) / 2, 0.0125, "estanca-\nmiento", va="center", **estilo)
        umbral = dict(fontsize=7.5, color="0.25")
        eje.text(xd - 0.1, 0.004, f"crecimiento_descomposicion\n{_coma(f'{xd:+.1f}')} %/año", ha="right", **umbral)
        eje.text(xc + 0.1, 0.0215, f"crecimiento_minimo\n{_coma(f'{xc:+.1f}')} %/año", ha="left", va="center", **umbral)
        eje.text(
            x_max - 0.1, yf * 1.04, f"perdida_innovadora_maxima {_coma(f'{yf:g}')}", ha="right", va="bottom", **umbral
        )
    ejes[0].set_ylabel(f"{iy.titulo}\n(escala lineal bajo 0,02 y logarítmica sobre)", fontsize=9)
    fig.suptitle(
        "Espacio de decisión del clasificador: cada punto es una corrida (todos los tamaños), "
        f"{_semillas_texto(df)}{aviso}\nUmbrales: crecimiento_descomposicion, crecimiento_minimo, "
        "perdida_innovadora_maxima (simulacion/resultados/desenlace.py). "
        "El clasificador no ve la estrategia: el color sólo sirve para leer",
        fontsize=10.5,
    )
    _leyenda_estrategias(fig, y=0.01)
    return guardar_figura(fig, destino, dpi=120)


# --------------------------------------------------------------------------------- 4. reposo
def figura_reposo(semillas: list[int], procesos: int, destino: Path) -> Path:
    from regimen import correr_todo  # experimentos/regimen.py: corre y devuelve series e inicio
    from reposo import QUIETO  # experimentos/reposo.py: política y entorno quietos

    plt = pyplot()
    ests = list(nombres())
    por_defecto = a_configuracion(componer()).economia.trimestres_prehistoria
    variantes = (
        (0, "sin prehistoria (economia.trimestres_prehistoria=0)"),
        (por_defecto, f"prehistoria de {por_defecto} trimestres (por defecto)"),
    )
    medias: dict[tuple[int, str], np.ndarray] = {}
    for prehistoria, _ in variantes:
        extra = [f"economia.trimestres_prehistoria={prehistoria}"]
        res = correr_todo([300], TRIMESTRES_REPOSO, ests, semillas, extra, procesos)
        res += [
            ("quieto", *r[1:])
            for r in correr_todo([300], TRIMESTRES_REPOSO, ["condenados"], semillas, [*QUIETO, *extra], procesos)
        ]
        for est in [*ests, "quieto"]:
            filas = [
                np.column_stack(
                    [
                        np.r_[ini[0], serie.pymes_tradicionales.to_numpy()],
                        np.r_[ini[1], serie.pymes_innovadoras.to_numpy()],
                    ]
                )
                for e, _n, _s, serie, ini in res
                if e == est
            ]
            medias[(prehistoria, est)] = np.mean(filas, axis=0)
    for (prehistoria, est), m in medias.items():
        print(
            f"prehistoria {prehistoria:2d} {est:18s} trad/innov 0–{TRIMESTRES_REPOSO}: "
            + " ".join(f"{a:.0f}/{b:.0f}" for a, b in m)
        )
    t = np.arange(TRIMESTRES_REPOSO + 1)
    fig, ejes = plt.subplots(2, 2, figsize=(11, 8.0), sharex=True, sharey="row")
    fig.subplots_adjust(left=0.085, right=0.985, top=0.88, bottom=0.2, wspace=0.05, hspace=0.12)
    for k, (prehistoria, titulo) in enumerate(variantes):
        for fila, col in enumerate(("pymes_tradicionales", "pymes_innovadoras")):
            eje = ejes[fila, k]
            for est in ests:
                eje.plot(t, medias[(prehistoria, est)][:, fila], color=color(est), marker="o", ms=3.5, lw=1.6)
            eje.plot(t, medias[(prehistoria, "quieto")][:, fila], color="0.55", ls=":", lw=2)
            eje.axvspan(-0.5, 0.5, color="0.9", zorder=0)
            eje.grid(alpha=0.3)
            if fila == 0:
                eje.set_title(titulo)
            else:
                eje.set_xlabel("trimestre (0 = estado inicial, tras la prehistoria si la hay)")
            if k == 0:
                eje.set_ylabel(indicador(col).titulo + "\nmedia de las semillas")
    eje = ejes[0, 0]
    eje.set_xticks(t)
    eje.set_xlim(-0.5, TRIMESTRES_REPOSO + 0.3)
    fig.suptitle(
        f"Arranque en reposo: primeros {TRIMESTRES_REPOSO} trimestres con 300 pymes, media de "
        f"{len(semillas)} semillas ({semillas[0]}–{semillas[-1]})\ncada estrategia con su política desde el "
        "trimestre 1; punteada: sin AP ni PE, con precio y demanda de fuera quietos (experimentos/reposo.py)",
        fontsize=11,
    )
    _leyenda_estrategias(fig, y=0.04, ncol=2)
    fig.legend(
        handles=[plt.Line2D([], [], color="0.55", ls=":", lw=2, label="sin AP ni PE, entorno quieto (reposo.py)")],
        loc="lower center",
        frameon=False,
        bbox_to_anchor=(0.5, -0.005),
    )
    return guardar_figura(fig, destino, dpi=120)


def main() -> None:
    ap = argparse.ArgumentParser(
        description="Figuras del régimen (issue 12) para docs/validacion.md: acuerdo, ejes AP y PE, "
        "espacio de decisión del clasificador y arranque en reposo. Escribe docs/figuras/regimen_*.png.",
        add_help=False,
    )
    ap.add_argument("-h", "--help", action="help", help="mostrar esta ayuda y salir")
    ap.add_argument(
        "--csv", default=CSV_POR_DEFECTO, help=f"tabla por corrida de regimen.py --csv (por defecto {CSV_POR_DEFECTO})"
    )
    ap.add_argument("--destino", default=str(FIGURAS), help="carpeta de las figuras (por defecto docs/figuras)")
    ap.add_argument("--sin-reposo", action="store_true", help="no correr el modelo: omitir regimen_reposo.png")
    ap.add_argument("--semillas-reposo", default="7000-7007", help="semillas del arranque en reposo (a lo sumo 8)")
    ap.add_argument("--procesos", type=int, default=2, help="procesos para el arranque en reposo (a lo sumo 2)")
    args = ap.parse_args()
    destino = Path(args.destino)
    destino.mkdir(parents=True, exist_ok=True)
    df = pd.read_csv(args.csv)
    u = a_configuracion(componer()).umbrales
    for ruta in (
        figura_acuerdo(df, destino / "regimen_acuerdo.png"),
        figura_ejes(df, destino / "regimen_ejes.png"),
        figura_decision(df, destino / "regimen_decision.png", u),
    ):
        print(ruta)
    if not args.sin_reposo:
        from regimen import rango_semillas

        semillas = rango_semillas(args.semillas_reposo)
        if len(semillas) > 8 or not 1 <= args.procesos <= 2:
            ap.error("el arranque en reposo usa a lo sumo 8 semillas y 2 procesos")
        print(figura_reposo(semillas, args.procesos, destino / "regimen_reposo.png"))


if __name__ == "__main__":
    main()
