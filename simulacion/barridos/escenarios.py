"""Descubrimiento de escenarios de un barrido ``experimento=escenarios``: PRIM sobre un hipercubo latino.

Cada corrida del hipercubo (:mod:`simulacion.config.disenos`) es un caso con los valores de sus
parámetros. Su celda de la matriz 2×2 sale de sus intensidades (AP > 0, PE > 0; nunca del nombre de
la estrategia) y con ella la **afirmación** de la fuente que le toca
(:data:`simulacion.estrategias.MATRIZ_FUENTE`: complementariedad → crecimiento, ...). Para cada
afirmación, entre las corridas de su celda, PRIM (Friedman y Fisher 1999; paquete ``prim``, el de
EMA Workbench) busca dos cajas de parámetros:

- **se cumple**: casos = corridas cuyo desenlace es el afirmado;
- **falla**: casos = corridas con otro desenlace.

PRIM pela la caja de a poco (``peel_alpha`` = 5 % de los casos por paso) y deja una **trayectoria**
de cajas cada vez más chicas y más puras. De ella se elige la caja de mayor **cobertura** (fracción
de los casos que quedan dentro) entre las de **densidad** (fracción de la caja que son casos) al
menos :data:`DENSIDAD_MINIMA`; si ninguna llega, la de mayor densidad. Después se quitan, de a una,
las restricciones que no son significativas (cuasi valor p de Bryant y Lempert 2010 mayor que
:data:`QP_MAXIMO`). La **masa** es la fracción de las corridas de la celda dentro de la caja.

Escribe ``escenarios.csv`` (una fila por caja y parámetro restringido, con sus estadísticas),
``escenarios_trayectorias.csv`` (la trayectoria de pelado de cada caja) y ``escenarios.png``.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from simulacion.barridos.figuras_diseno import SENTIDOS, figura_escenarios
from simulacion.barridos.grupos import rotulo_desenlace
from simulacion.barridos.respuestas import Analisis, estructura, matriz_del_diseno, muestreo_de
from simulacion.estrategias import MATRIZ_FUENTE, ORDEN_CELDAS, cuadrante, estrategias
from simulacion.resultados.salidas import escribir_atomico, pyplot

DENSIDAD_MINIMA = 0.8
QP_MAXIMO = 0.05
PEL = 0.05  # peel_alpha de PRIM
MASA_MINIMA = 0.05  # mass_min de PRIM: la caja más chica tiene al menos el 5 % de las corridas de la celda
# Columnas de escenarios.csv (una fila por caja y parámetro restringido) y de escenarios_trayectorias.csv
COLUMNAS_CAJAS = (
    "afirmacion", "hay_ap", "hay_pe", "afirmado", "corridas", "base", "sentido", "cobertura", "densidad", "masa",
    "dimensiones", "corridas_en_caja", "parametro", "minimo", "maximo", "rango_minimo", "rango_maximo", "qp",
)  # fmt: skip
COLUMNAS_TRAYECTORIAS = ("afirmacion", "sentido", "paso", "cobertura", "densidad", "masa", "dimensiones", "elegida")


def casos(completas: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Valores de los parámetros de cada corrida y las cotas de las que se muestrearon (mínimo y máximo):
    tres tablas con una fila por corrida (mismo índice que ``completas``) y una columna por parámetro.

    Las cotas son las de cada corrida porque dependen de su estrategia: la AP de complementariedad se
    muestrea en [0,11; 0,5] y la de lamentable en [0,23; 0,99]."""
    valores, bajos, altos = [], [], []
    for _, g in completas.groupby(estructura(completas), sort=False):
        muestreo = muestreo_de(g["carpeta"].iloc[0])
        nombres = list(muestreo.parametros)
        x = matriz_del_diseno(muestreo)[g["_indice"].to_numpy()]
        cotas = np.array([[float(v) for v in muestreo.parametros[n]] for n in nombres])
        valores.append(pd.DataFrame(x, index=g.index, columns=nombres))
        bajos.append(pd.DataFrame(np.tile(cotas[:, 0], (len(g), 1)), index=g.index, columns=nombres))
        altos.append(pd.DataFrame(np.tile(cotas[:, 1], (len(g), 1)), index=g.index, columns=nombres))
    return tuple(pd.concat(partes).loc[completas.index] for partes in (valores, bajos, altos))


def nombre_afirmacion(celda: tuple[bool, bool]) -> str:
    """``I · complementariedad → crecimiento``: numeral, estrategia de la celda y desenlace afirmado."""
    fuente = MATRIZ_FUENTE[celda]
    nombres = [n for n, e in estrategias().items() if cuadrante(e.apoyo_produccion, e.promocion_economica) == celda]
    quien = nombres[0] if nombres else "AP " + ("sí" if celda[0] else "no") + " · PE " + ("sí" if celda[1] else "no")
    return f"{fuente.numeral} · {quien} → {rotulo_desenlace(fuente.desenlace)}"


def caja_prim(x: pd.DataFrame, y: np.ndarray) -> tuple[dict, pd.DataFrame, pd.DataFrame] | None:
    """La caja elegida de PRIM para los casos ``y`` (estadísticas, límites con cuasi valor p, trayectoria);
    ``None`` si no hay casos."""
    if not y.any():
        return None
    pyplot()  # el paquete prim importa matplotlib.pyplot: antes, el backend sin ventanas
    # prim anota en INFO, en inglés, cada caja y al importarse que le falta mpld3 (saldría en el registro de Hydra)
    logging.getLogger("prim").setLevel(logging.WARNING)
    import prim

    algoritmo = prim.Prim(x, y.astype(bool), peel_alpha=PEL, mass_min=MASA_MINIMA)
    caja = algoritmo.find_box()
    trayectoria = caja.peeling_trajectory.reset_index(drop=True)
    densas = trayectoria[trayectoria["density"] >= DENSIDAD_MINIMA]
    elegida = densas["coverage"].idxmax() if not densas.empty else trayectoria["density"].idxmax()
    caja.select(int(elegida))
    limites = caja.limits
    while not limites.empty and limites["qp values"].max() > QP_MAXIMO:
        caja.drop_restriction(limites["qp values"].idxmax())  # agrega la caja sin esa restricción y la elige
        elegida = len(caja.peeling_trajectory) - 1
        limites = caja.limits
    trayectoria = caja.peeling_trajectory.reset_index(drop=True)
    trayectoria["elegida"] = trayectoria.index == elegida
    estadisticas = {
        "cobertura": float(caja.coverage),
        "densidad": float(caja.density),
        "masa": float(caja.mass),
        "dimensiones": int(caja.res_dim),
        "corridas_en_caja": len(caja.yi),
    }
    return estadisticas, limites, trayectoria


def _filas_caja(
    comunes: dict, sentido: str, resultado, rangos: dict[str, tuple[float, float]]
) -> tuple[list[dict], list[dict]]:
    base = {**comunes, "sentido": sentido}
    if resultado is None:
        return [{**base, "cobertura": np.nan}], []
    estadisticas, limites, trayectoria = resultado
    base.update(estadisticas)
    filas = [
        {
            **base,
            "parametro": parametro,
            "minimo": float(r["min"]),
            "maximo": float(r["max"]),
            "rango_minimo": rangos[parametro][0],
            "rango_maximo": rangos[parametro][1],
            "qp": float(r["qp values"]),
        }
        for parametro, r in limites.iterrows()
    ] or [base]
    pasos = [
        {
            "afirmacion": comunes["afirmacion"],
            "sentido": sentido,
            "paso": i,
            "cobertura": float(t["coverage"]),
            "densidad": float(t["density"]),
            "masa": float(t["mass"]),
            "dimensiones": int(t["res dim"]),
            "elegida": bool(t["elegida"]),
        }
        for i, t in trayectoria.iterrows()
    ]
    return filas, pasos


def descubrir(
    completas: pd.DataFrame, x: pd.DataFrame, bajo: pd.DataFrame, alto: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Cajas (una fila por caja y parámetro restringido) y trayectorias de PRIM de cada afirmación, con
    los valores ``x`` de los parámetros de cada corrida y las cotas ``bajo`` y ``alto`` de las que se
    muestrearon (:func:`casos`). El rango muestreado de una caja es el de las corridas de su celda."""
    intensidades = zip(completas["apoyo_produccion"], completas["promocion_economica"], strict=True)
    celdas = pd.Series([cuadrante(ap, pe) for ap, pe in intensidades], index=completas.index)
    cajas, trayectorias = [], []
    for celda in ORDEN_CELDAS:
        en_celda = (celdas == celda).to_numpy()
        if not en_celda.any():
            continue
        afirmado = MATRIZ_FUENTE[celda].desenlace
        se_cumple = (completas["desenlace"].to_numpy() == afirmado)[en_celda]
        xc = x[en_celda]
        xc = xc.loc[:, xc.max() > xc.min()]  # un parámetro fijo en la celda (AP sin AP) no se puede pelar
        rangos = {p: (float(bajo.loc[en_celda, p].min()), float(alto.loc[en_celda, p].max())) for p in xc}
        comunes = {
            "afirmacion": nombre_afirmacion(celda),
            "hay_ap": celda[0],
            "hay_pe": celda[1],
            "afirmado": afirmado,
            "corridas": int(en_celda.sum()),
            "base": float(se_cumple.mean()),
        }
        for sentido, y in zip(SENTIDOS, (se_cumple, ~se_cumple), strict=True):
            filas, pasos = _filas_caja(comunes, sentido, caja_prim(xc, y), rangos)
            cajas += filas
            trayectorias += pasos
    return pd.DataFrame(cajas, columns=list(COLUMNAS_CAJAS)), pd.DataFrame(
        trayectorias, columns=list(COLUMNAS_TRAYECTORIAS)
    )


def texto_escenarios(cajas: pd.DataFrame) -> str:
    """Cada afirmación con su fracción de corridas y sus dos cajas, en castellano."""
    lineas = []
    for afirmacion, de_esta in cajas.groupby("afirmacion", sort=False):
        f0 = de_esta.iloc[0]
        lineas.append(f"{afirmacion}: se cumple en {100 * f0.base:.0f} % de {int(f0.corridas)} corridas")
        for sentido, caja in de_esta.groupby("sentido", sort=False):
            c = caja.iloc[0]
            if np.isnan(c.cobertura):
                lineas.append(f"  {sentido}: ninguna corrida")
                continue
            restricciones = [
                f"{r.parametro} en [{r.minimo:.3g}, {r.maximo:.3g}]"
                for r in caja.dropna(subset=["parametro"]).itertuples()
            ]
            lineas.append(
                f"  {sentido} (densidad {c.densidad:.2f}, cobertura {c.cobertura:.2f}, masa {c.masa:.2f}): "
                + ("; ".join(restricciones) or "en todo el espacio muestreado")
            )
    return "\n".join(lineas)


def analizar_escenarios(completas: pd.DataFrame, carpeta: Path) -> Analisis:
    """PRIM de un barrido ``experimento=escenarios``: ``escenarios.csv``, ``escenarios_trayectorias.csv`` y
    ``escenarios.png``."""
    cajas, trayectorias = descubrir(completas, *casos(completas))
    archivos = [carpeta / "escenarios.csv", carpeta / "escenarios_trayectorias.csv"]
    escribir_atomico(archivos[0], lambda p: cajas.to_csv(p, index=False))
    escribir_atomico(archivos[1], lambda p: trayectorias.to_csv(p, index=False))
    archivos.append(figura_escenarios(cajas, trayectorias, carpeta / "escenarios.png"))
    titulo = (
        f"Escenarios (PRIM sobre {len(completas)} corridas del hipercubo; caja elegida: la de mayor cobertura "
        f"con densidad ≥ {DENSIDAD_MINIMA}, sin restricciones de cuasi valor p > {QP_MAXIMO})"
    )
    return Analisis(cajas, titulo + "\n" + texto_escenarios(cajas), archivos)


def _numero(valor: float) -> str:
    """Número con coma decimal y 3 cifras significativas, como en la documentación."""
    return f"{valor:.3g}".replace("-", "−").replace(".", ",")


def _caja_markdown(caja: pd.DataFrame) -> str:
    c = caja.iloc[0]
    if np.isnan(c.cobertura):
        return "ninguna corrida"
    restricciones = [
        f"`{r.parametro}` {_numero(r.minimo)}–{_numero(r.maximo)}"
        for r in caja.dropna(subset=["parametro"]).itertuples()
    ]
    donde = "; ".join(restricciones) or "todo el espacio muestreado"
    estadisticas = ", ".join(f"{n} {getattr(c, n):.2f}".replace(".", ",") for n in ("densidad", "cobertura", "masa"))
    return f"{donde} ({estadisticas})"


def tabla_markdown(cajas: pd.DataFrame) -> str:
    """Tabla en Markdown de ``escenarios.csv`` (para docs/escenarios.md)."""
    lineas = ["| afirmación | se cumple en | dónde se cumple | dónde falla |", "|---|---|---|---|"]
    for afirmacion, de_esta in cajas.groupby("afirmacion", sort=False):
        f0 = de_esta.iloc[0]
        por_sentido = {s: g for s, g in de_esta.groupby("sentido", sort=False)}
        celdas = [_caja_markdown(por_sentido[s]) if s in por_sentido else "" for s in SENTIDOS]
        lineas.append(f"| {afirmacion} | {100 * f0.base:.0f} % de {int(f0.corridas)} | {celdas[0]} | {celdas[1]} |")
    return "\n".join(lineas)


def main(argv: list[str] | None = None) -> int:
    """``python -m simulacion.barridos.escenarios DIR``: la tabla de ``DIR/escenarios.csv`` en Markdown."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m simulacion.barridos.escenarios",
        description="Imprime en Markdown las cajas de PRIM de un barrido experimento=escenarios ya agregado.",
    )
    parser.add_argument("carpeta", type=Path, help="carpeta del barrido (la que tiene escenarios.csv)")
    args = parser.parse_args(argv)
    archivo = args.carpeta / "escenarios.csv"
    if not archivo.is_file():
        print(f"no existe {archivo}: agregue el barrido con simulacion-analizar {args.carpeta}", file=sys.stderr)
        return 2
    print(tabla_markdown(pd.read_csv(archivo)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
