"""F14: el desarrollo no es sólo crecimiento (issue 24, punto 8; docs/validacion.md, F14).

003: "el crecimiento de la economía no correspondía necesariamente con el desarrollo". Las cuatro
estrategias, pareadas por semilla (el mismo territorio y los mismos números aleatorios al empezar), en
semillas nunca corridas antes de declarar las columnas y la línea de subsistencia (7100–7129), 40
trimestres, territorio por defecto. Corre con :func:`simulacion.experimentar` (el barrido ``matriz``
con otras semillas) y mide, por corrida, sobre la serie:

- ``ingreso_final``: ``ingreso_hogar_tradicional`` medio del último año (trimestres 37–40): un trimestre
  solo sube y baja con el clima;
- ``ingreso_inicio``: lo mismo en el primer año (trimestres 1–4);
- ``pobres_final``: ``fraccion_bajo_subsistencia`` media del último año;
- ``crecimiento_anual``: el del desenlace (la producción).

Uso (≈ 1 min con 2 procesos; la tabla por corrida, en ``experimentos/datos/validacion_f14.csv``)::

    .venv/bin/python experimentos/desarrollo.py                   # semillas 7100–7129, 2 procesos
    .venv/bin/python experimentos/desarrollo.py --semillas 7100 7105 --procesos 1
    .venv/bin/python experimentos/desarrollo.py --leer experimentos/datos/validacion_f14.csv   # sin correr

Vive fuera del paquete porque nombra las estrategias de la fuente; no toca ningún parámetro del modelo.
"""

from __future__ import annotations

import argparse
import re
from itertools import combinations

import pandas as pd

from simulacion import experimentar
from simulacion.estrategias import nombres

ESTRATEGIAS = nombres()
SEMILLAS = range(7100, 7130)
ANIO = 4  # trimestres


def por_corrida(tabla: pd.DataFrame, larga: pd.DataFrame) -> pd.DataFrame:
    """Una fila por corrida (estrategia, semilla): crecimiento, ingreso de los hogares tradicionales y
    fracción bajo la línea al empezar y al final (medias de un año)."""
    larga = larga.sort_values(["estrategia", "semilla", "paso"])
    grupos = larga.groupby(["estrategia", "semilla"])
    medidas = pd.DataFrame(
        {
            "ingreso_inicio": grupos["ingreso_hogar_tradicional"].apply(lambda s: s.iloc[:ANIO].mean()),
            "ingreso_final": grupos["ingreso_hogar_tradicional"].apply(lambda s: s.iloc[-ANIO:].mean()),
            "pobres_inicio": grupos["fraccion_bajo_subsistencia"].apply(lambda s: s.iloc[:ANIO].mean()),
            "pobres_final": grupos["fraccion_bajo_subsistencia"].apply(lambda s: s.iloc[-ANIO:].mean()),
            "produccion_inicio": grupos["produccion_total"].apply(lambda s: s.iloc[:ANIO].mean()),
            "produccion_final": grupos["produccion_total"].apply(lambda s: s.iloc[-ANIO:].mean()),
        }
    ).reset_index()
    resumen = tabla[["estrategia", "semilla", "crecimiento_anual", "desenlace"]]
    return medidas.merge(resumen, on=["estrategia", "semilla"])


def medianas(df: pd.DataFrame) -> pd.DataFrame:
    """Medianas por estrategia (en el orden de la matriz)."""
    columnas = ["crecimiento_anual", "ingreso_inicio", "ingreso_final", "pobres_inicio", "pobres_final"]
    m = df.groupby("estrategia")[columnas].median().reindex(list(ESTRATEGIAS))
    m["cambio_ingreso"] = df.assign(c=df.ingreso_final / df.ingreso_inicio - 1).groupby("estrategia")["c"].median()
    m["cambio_produccion"] = (
        df.assign(c=df.produccion_final / df.produccion_inicio - 1).groupby("estrategia")["c"].median()
    )
    separados = (df.produccion_final > df.produccion_inicio) & (df.ingreso_final < df.ingreso_inicio)
    m["crece_y_baja_ingreso"] = separados.groupby(df.estrategia).mean()
    return m


def comparaciones(df: pd.DataFrame) -> pd.DataFrame:
    """Para cada par de estrategias (a, b), la fracción de semillas en que ``a`` tiene más crecimiento, más
    ingreso de los hogares tradicionales en el último año y menos pymes bajo la línea; y la fracción en que
    crecimiento e ingreso se ordenan al revés (``a`` crece más pero sus hogares tradicionales ganan menos,
    o al revés): donde el crecimiento y el desarrollo se separan."""
    ancho = df.pivot(index="semilla", columns="estrategia")
    filas = []
    for a, b in combinations(ESTRATEGIAS, 2):
        crece = ancho["crecimiento_anual"][a] > ancho["crecimiento_anual"][b]
        gana = ancho["ingreso_final"][a] > ancho["ingreso_final"][b]
        menos_pobres = ancho["pobres_final"][a] < ancho["pobres_final"][b]
        filas.append(
            {
                "a": a,
                "b": b,
                "crece_mas": crece.mean(),
                "ingreso_mayor": gana.mean(),
                "menos_bajo_linea": menos_pobres.mean(),
                "separados": (crece != gana).mean(),
            }
        )
    return pd.DataFrame(filas)


def f14(semillas=SEMILLAS, procesos: int = 2) -> pd.DataFrame:
    """Las corridas de F14: cuatro estrategias × ``semillas``, 40 trimestres; una fila por corrida."""
    tabla, larga = experimentar(
        "matriz", "pasos=40", estrategias=list(ESTRATEGIAS), semillas=list(semillas), procesos=procesos, series=True
    )
    return por_corrida(tabla, larga)


def texto(df: pd.DataFrame) -> str:
    """Las dos tablas de docs/validacion.md (F14) en Markdown."""
    m = medianas(df)
    n = df.semilla.nunique()
    lineas = [
        f"Medianas de {n} semillas:",
        "",
        "| estrategia | crecimiento anual | cambio de la producción (año 1 → año 10) | ingreso del hogar "
        "tradicional, año 1 (kS/ por hogar y trimestre) | ingreso, año 10 | cambio del ingreso | bajo la línea, "
        "año 1 | bajo la línea, año 10 | semillas en que la producción sube y el ingreso baja |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for e, f in m.iterrows():
        lineas.append(
            f"| {e} | {100 * f.crecimiento_anual:+.1f} % | {100 * f.cambio_produccion:+.0f} % | "
            f"{f.ingreso_inicio:.2f} | {f.ingreso_final:.2f} | {100 * f.cambio_ingreso:+.0f} % | "
            f"{100 * f.pobres_inicio:.0f} % | {100 * f.pobres_final:.0f} % | {100 * f.crece_y_baja_ingreso:.0f} % |"
        )
    lineas += [
        "",
        f"Pareado por semilla ({n} semillas): fracción de semillas en que la primera estrategia…",
        "",
        "| a frente a b | crece más | ingreso del hogar tradicional mayor (año 10) | menos pymes bajo la línea "
        "(año 10) | crecimiento e ingreso ordenados al revés |",
        "|---|---|---|---|---|",
    ]
    for _, c in comparaciones(df).iterrows():
        lineas.append(
            f"| {c.a} frente a {c.b} | {100 * c.crece_mas:.0f} % | {100 * c.ingreso_mayor:.0f} % | "
            f"{100 * c.menos_bajo_linea:.0f} % | {100 * c.separados:.0f} % |"
        )
    correlacion = df.groupby("estrategia")[["crecimiento_anual", "ingreso_final"]].corr(method="spearman")
    rho = {e: correlacion.loc[(e, "crecimiento_anual"), "ingreso_final"] for e in ESTRATEGIAS}
    lineas += [
        "",
        "Correlación de Spearman, entre semillas de una misma estrategia, del crecimiento anual con el ingreso "
        "del hogar tradicional del año 10: " + ", ".join(f"{e} {r:+.2f}" for e, r in rho.items()) + ".",
    ]
    return re.sub(r"(\d)\.(\d)", r"\1,\2", "\n".join(lineas))  # decimales con coma, como en los docs


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="F14: crecimiento y desarrollo por estrategia (docs/validacion.md).")
    parser.add_argument(
        "--semillas",
        nargs=2,
        type=int,
        default=(SEMILLAS.start, SEMILLAS.stop - 1),
        metavar=("DESDE", "HASTA"),
        help="semillas, ambos extremos incluidos (7100 7129)",
    )
    parser.add_argument("--procesos", type=int, default=2, help="corridas a la vez (2)")
    parser.add_argument("--csv", default=None, help="guardar la tabla por corrida en este archivo")
    parser.add_argument("--leer", default=None, help="no correr: leer la tabla por corrida de este archivo")
    args = parser.parse_args(argv)
    if args.leer:
        df = pd.read_csv(args.leer)
    else:
        df = f14(range(args.semillas[0], args.semillas[1] + 1), args.procesos)
    if args.csv:
        df.to_csv(args.csv, index=False)
    print(texto(df))


if __name__ == "__main__":
    main()
