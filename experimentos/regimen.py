"""Los cuatro desenlaces como régimen (issue 12): tamaños × horizontes × estrategias × semillas.

Uso (desde la carpeta del repositorio; 2 procesos como máximo)::

    .venv/bin/python experimentos/regimen.py                       # semillas no vistas 5000–5029
    .venv/bin/python experimentos/regimen.py --semillas 0-29       # semillas de ajuste
    .venv/bin/python experimentos/regimen.py --tamanos 300 1200 --extra economia.tasa_entrada=0.02

Imprime:

(a) la grilla de acuerdo: fracción de semillas con el desenlace que afirma 003 (tamaño × horizonte ×
    estrategia);
(b) los ejes AP y PE (issue 12, punto 4): mediana de pymes tradicionales al final / al inicio en las
    estrategias con AP, y fracción de semillas en que la estrategia con AP (o PE) supera a su pareja
    sin AP (o PE) con la misma semilla;
(c) la trayectoria de pymes tradicionales e innovadoras en los primeros 8 trimestres (media por
    estrategia, tamaño 300);
(d) el margen del clasificador: acuerdo mínimo con cada umbral movido ±20 %, uno a la vez, y cuántas
    clasificaciones decide cada indicador (al apagarlo).

Cada (estrategia, tamaño, semilla) corre el horizonte mayor una vez: el modelo no lee ``pasos``,
así que la corrida de 40 trimestres es el prefijo de la de 80 y los horizontes menores se clasifican
con el prefijo de la serie. ``n_pymes`` se fija con el override simple ``territorio.n_pymes=N``: lo
que escala con el tamaño lo deriva el modelo (issue 12, punto 1).

Este script nombra las estrategias de la fuente para comparar con lo que afirma; el modelo nunca.
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import logging
import sys
import time
from multiprocessing import get_context
from pathlib import Path

import numpy as np
import pandas as pd

RAIZ = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RAIZ))

from simulacion.api import componer  # noqa: E402
from simulacion.config import Umbrales  # noqa: E402
from simulacion.estrategias import afirmado, nombres  # noqa: E402
from simulacion.resultados.desenlace import clasificar, indicadores  # noqa: E402
from simulacion.resultados.ejecucion import a_configuracion, ejecutar  # noqa: E402

ESTRATEGIAS = nombres()  # de configs/estrategia/, en el orden de la matriz (simulacion/estrategias.py)
AFIRMADO = afirmado()
# Ejes de 003: (con el instrumento, sin él) a igual semilla.
PARES_AP = (("lamentable", "arriesgada"), ("complementariedad", "condenados"))
PARES_PE = (("complementariedad", "lamentable"), ("arriesgada", "condenados"))
TAMANOS = (150, 300, 600, 1200)
COLUMNAS_SERIE = (
    "produccion_total",
    "pymes_tradicionales",
    "pymes_innovadoras",
    "salidas_innovadoras",
    "produccion_innovadora",
    "perdida_innovadora",
)
pd.set_option("display.width", 250)
pd.set_option("display.max_columns", 40)


def rango_semillas(texto: str) -> list[int]:
    """``"0-29,40"`` → 0, 1, …, 29, 40."""
    semillas: list[int] = []
    for parte in texto.split(","):
        a, _, b = parte.partition("-")
        semillas.extend(range(int(a), int(b or a) + 1))
    return semillas


def _correr(tarea):
    estrategia, n, semilla, cfg = tarea
    logging.getLogger("MESA").setLevel(logging.WARNING)
    cfg = copy.deepcopy(cfg)
    cfg.semilla = semilla
    r = ejecutar(cfg)
    s = r.series
    inicio = getattr(r.modelo, "estado_inicial", None)
    return estrategia, n, semilla, s[list(COLUMNAS_SERIE)].copy(), inicio


def correr_todo(tamanos, pasos, estrategias, semillas, extra, procesos):
    """Corre cada (estrategia, tamaño, semilla) ``pasos`` trimestres; ``estrategias=None``: las cuatro."""
    tareas = []
    for est in estrategias or ESTRATEGIAS:
        for n in tamanos:
            cfg = a_configuracion(componer(f"estrategia={est}", f"territorio.n_pymes={n}", f"pasos={pasos}", *extra))
            tareas.extend((est, n, s, cfg) for s in semillas)
    with get_context("fork").Pool(procesos) as pool:
        return pool.map(_correr, tareas, chunksize=4)


def tabla_corridas(resultados, horizontes, umbrales: Umbrales) -> pd.DataFrame:
    filas = []
    for est, n, semilla, serie, _inicio in resultados:
        for h in horizontes:
            s = serie.iloc[:h]
            ind = indicadores(s)
            filas.append(
                dict(
                    estrategia=est,
                    n_pymes=n,
                    semilla=semilla,
                    pasos=h,
                    desenlace=clasificar(ind, umbrales),
                    trad_ini=int(serie.pymes_tradicionales.iloc[0]),
                    innov_ini=int(serie.pymes_innovadoras.iloc[0]),
                    trad_fin=int(s.pymes_tradicionales.iloc[-1]),
                    innov_fin=int(s.pymes_innovadoras.iloc[-1]),
                    **ind,
                )
            )
    return pd.DataFrame(filas)


def grilla_acuerdo(df: pd.DataFrame) -> pd.DataFrame:
    ok = df.desenlace == df.estrategia.map(AFIRMADO)
    return df.assign(ok=ok).pivot_table(index=["n_pymes", "pasos"], columns="estrategia", values="ok", aggfunc="mean")[
        list(e for e in ESTRATEGIAS if e in set(df.estrategia))
    ]


def ejes(df: pd.DataFrame) -> pd.DataFrame:
    filas = []
    idx = df.set_index(["estrategia", "n_pymes", "pasos", "semilla"]).sort_index()
    for (n, h), g in df.groupby(["n_pymes", "pasos"]):
        fila = {"n_pymes": n, "pasos": h}
        for est in ("complementariedad", "lamentable"):
            sub = g[g.estrategia == est]
            if len(sub):
                fila[f"trad_fin/ini {est[:5]}"] = float(np.median(sub.trad_fin / sub.trad_ini))
        for nombre, pares, col in (("AP", PARES_AP, "trad_fin"), ("PE", PARES_PE, "innov_fin")):
            for con, sin in pares:
                try:
                    a = idx.loc[(con, n, h)][col]
                    b = idx.loc[(sin, n, h)][col]
                except KeyError:
                    continue
                comunes = a.index.intersection(b.index)
                fila[f"{nombre} {con[:5]}>{sin[:5]}"] = float((a[comunes] > b[comunes]).mean())
        filas.append(fila)
    return pd.DataFrame(filas).set_index(["n_pymes", "pasos"])


def margen(df: pd.DataFrame, u: Umbrales) -> pd.DataFrame:
    """Acuerdo mínimo (sobre celdas tamaño × horizonte y estrategias) con cada umbral movido ±20 %."""
    filas = []
    for campo in dataclasses.fields(Umbrales):
        for factor in (0.8, 1.2):
            u2 = dataclasses.replace(u, **{campo.name: getattr(u, campo.name) * factor})
            d = df.assign(desenlace=[clasificar(r, u2) for r in df.to_dict("records")])
            g = grilla_acuerdo(d)
            filas.append(
                dict(umbral=campo.name, factor=factor, minimo=float(g.min().min()), medio=float(g.mean().mean()))
            )
    return pd.DataFrame(filas)


# Valores que apagan un indicador (la regla que lo nombra nunca se cumple o siempre se cumple).
APAGADOS = {
    "fraccion_innovadora_minima": -1.0,
    "perdida_innovadora_maxima": 1e9,
    "volatilidad_maxima": 1e9,
    "caida_descomposicion": -1.0,
    "crecimiento_descomposicion": -1.0,
    "crecimiento_minimo": 10.0,
}  # los que no existen en el esquema actual se saltan


def decisiones(df: pd.DataFrame, u: Umbrales) -> pd.DataFrame:
    filas = []
    for campo, valor in APAGADOS.items():
        if not hasattr(u, campo):
            continue
        u2 = dataclasses.replace(u, **{campo: valor})
        nuevo = [clasificar(r, u2) for r in df.to_dict("records")]
        filas.append(dict(umbral=campo, cambian=int((np.array(nuevo) != df.desenlace.to_numpy()).sum()), de=len(df)))
    return pd.DataFrame(filas)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tamanos", type=int, nargs="+", default=list(TAMANOS))
    ap.add_argument("--horizontes", type=int, nargs="+", default=[40, 60, 80])
    ap.add_argument("--estrategias", nargs="+", default=list(ESTRATEGIAS))
    ap.add_argument("--semillas", default="5000-5029")
    ap.add_argument("--extra", nargs="*", default=[], help="overrides de Hydra para todas las corridas")
    ap.add_argument("--procesos", type=int, default=2)
    ap.add_argument("--csv", default="", help="guardar la tabla de corridas")
    ap.add_argument("--sin-margen", action="store_true")
    args = ap.parse_args()
    semillas = rango_semillas(args.semillas)
    t0 = time.time()
    res = correr_todo(args.tamanos, max(args.horizontes), args.estrategias, semillas, args.extra, args.procesos)
    u = a_configuracion(componer(*args.extra)).umbrales
    df = tabla_corridas(res, args.horizontes, u)
    print(f"# {len(res)} corridas en {time.time() - t0:.0f} s; semillas {args.semillas}; extra {args.extra}")
    print("\n(a) acuerdo con el desenlace afirmado")
    g = grilla_acuerdo(df)
    print(g.round(2).to_string())
    print(f"mínimo {g.min().min():.2f}; celdas ≥ 0,80: {(g >= 0.8).to_numpy().mean():.0%}")
    print("\nDesenlaces por estrategia (todas las celdas):")
    print(pd.crosstab(df.estrategia, df.desenlace, normalize="index").round(2).to_string())
    print("\n(b) ejes (mediana trad_fin/trad_ini en estrategias AP; fracción de semillas pareadas con > )")
    print(ejes(df).round(2).to_string())
    print("\n(c) primeros 8 trimestres (media, tamaño más cercano a 300)")
    n0 = min(args.tamanos, key=lambda n: abs(n - 300))
    tray = {}
    for est in args.estrategias:
        ss = [serie for e_, n, _s, serie, _i in res if e_ == est and n == n0]
        m = pd.concat([s.iloc[:8][["pymes_tradicionales", "pymes_innovadoras"]].reset_index(drop=True) for s in ss])
        m = m.groupby(level=0).mean()
        tray[est] = [f"{a:.0f}/{b:.0f}" for a, b in zip(m.pymes_tradicionales, m.pymes_innovadoras, strict=True)]
        ini = [i for e_, n, _s, _se, i in res if e_ == est and n == n0 and i is not None]
        if ini:
            tray[est].insert(0, "ini " + "/".join(f"{x:.0f}" for x in np.mean(ini, axis=0)))
    for est, v in tray.items():
        print(f"  {est:18s} " + "  ".join(v))
    print("\nIndicadores (mediana por estrategia, todas las celdas):")
    cols = [c for c in df.columns if c not in ("semilla", "pasos", "n_pymes", "desenlace", "estrategia")]
    print(df.groupby("estrategia")[cols].median().round(3).to_string())
    if not args.sin_margen:
        print("\n(d) margen del clasificador: acuerdo mínimo y medio con cada umbral × 0,8 / × 1,2")
        print(margen(df, u).round(2).to_string(index=False))
        print("\nClasificaciones que cambian al apagar cada indicador:")
        print(decisiones(df, u).to_string(index=False))
    if args.csv:
        df.to_csv(args.csv, index=False)


if __name__ == "__main__":
    main()
