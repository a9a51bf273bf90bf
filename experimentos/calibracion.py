"""Calibración del régimen en un solo comando, con la elección final y el redondeo (issue 12, punto 8).

Modelado orientado a patrones: el blanco son los cuatro desenlaces que afirma ``003`` (F1–F4), y no
en un punto sino como régimen, en los 4 tamaños × 3 horizontes de ``regimen.py``. Sólo se buscan
valores COMPARTIDOS (los mismos para las cuatro estrategias).

Procedimiento:

1. Para cada candidato de la grilla de parámetros del modelo (``ESPACIO_MODELO``, valores ya
   redondos), las cuatro estrategias corren en los 4 tamaños con las **semillas de calibración 0–29**
   (80 trimestres; los horizontes de 40 y 60 son prefijos). Las corridas quedan en
   ``experimentos/datos/calibracion/`` y ``--reusar`` las vuelve a leer.
2. Para cada candidato, cada combinación de umbrales de la grilla ``GRILLA_UMBRALES`` (valores
   redondos: el clasificador es posterior a la simulación, así que elegir umbrales no cambia ninguna
   corrida) recibe tres puntajes sobre las 48 celdas tamaño × horizonte × estrategia:

   - ``robusto``: el peor acuerdo de celda con los umbrales tal cual y con cada uno movido × 0,8 y
     × 1,2, de a uno (el margen que pide el punto 5);
   - ``minimo``: el peor acuerdo de celda con los umbrales tal cual;
   - ``medio``: el acuerdo medio.

3. Elección: el mayor ``robusto``; a igualdad, el mayor ``minimo``, luego el mayor ``medio``; a
   igualdad de los tres, el del medio de los empatados en el orden de las grillas (candidatos del
   modelo en el orden de ``ESPACIO_MODELO``, umbrales de menor a mayor): el centro de la meseta.
   No hay otro paso a mano: los valores elegidos son los de la grilla, ya redondos, y el script
   dice si coinciden con los valores por defecto de ``simulacion/config/esquema.py``.

Uso (desde la carpeta del repositorio; ≈ 8 min por candidato con 2 procesos en la máquina cargada, 4 candidatos)::

    .venv/bin/python experimentos/calibracion.py            # corre y elige
    .venv/bin/python experimentos/calibracion.py --reusar   # elige con las corridas guardadas
    .venv/bin/python experimentos/calibracion.py --solo-umbrales   # sólo los umbrales, modelo por defecto

Escribe ``experimentos/datos/calibracion.csv`` (un renglón por candidato × umbrales, ordenado por
puntaje). La evaluación en semillas que la calibración nunca vio es otro comando (``regimen.py
--semillas 7000-7029``, docs/validacion.md).
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from regimen import TAMANOS, correr_todo, rango_semillas, tabla_corridas

RAIZ = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RAIZ))

from simulacion.api import componer  # noqa: E402
from simulacion.config import Umbrales  # noqa: E402
from simulacion.estrategias import afirmado  # noqa: E402
from simulacion.resultados.desenlace import clasificar  # noqa: E402
from simulacion.resultados.ejecucion import a_configuracion  # noqa: E402

SEMILLAS_CALIBRACION = "0-29"
HORIZONTES = (40, 60, 80)
# Parámetros del modelo que se buscan (cada candidato corre todas las celdas).
# territorio.infraestructura_inicial: la infraestructura de partida respecto de su estacionario con
# AP; de ella depende cuánto "crece" una economía sólo por subir la infraestructura a su nuevo nivel
# (docs/validacion.md, puntos débiles).
ESPACIO_MODELO: dict[str, tuple[float, ...]] = {
    "territorio.infraestructura_inicial": (0.35, 0.45, 0.5, 0.55),
}
GRILLA_UMBRALES: dict[str, tuple[float, ...]] = {
    "crecimiento_minimo": tuple(np.round(np.arange(0.012, 0.0301, 0.001), 3)),
    "crecimiento_descomposicion": (-0.005, -0.01, -0.015, -0.02, -0.025, -0.03),
    "perdida_innovadora_maxima": (0.006, 0.008, 0.01, 0.012, 0.014, 0.016, 0.018, 0.02),
}
FACTORES_MARGEN = (0.8, 1.2)
DATOS = RAIZ / "experimentos" / "datos"


def candidatos_modelo() -> list[dict[str, float]]:
    claves = list(ESPACIO_MODELO)
    return [dict(zip(claves, v, strict=True)) for v in itertools.product(*ESPACIO_MODELO.values())]


def _archivo(candidato: dict[str, float]) -> Path:
    nombre = "_".join(f"{k.split('.')[-1]}={v:g}" for k, v in candidato.items())
    return DATOS / "calibracion" / f"{nombre}.csv"


def corridas(candidato: dict[str, float], semillas: list[int], reusar: bool, procesos: int) -> pd.DataFrame:
    """Tabla de corridas (indicadores por estrategia, tamaño, semilla y horizonte) del candidato."""
    archivo = _archivo(candidato)
    if reusar and archivo.exists():
        return pd.read_csv(archivo)
    extra = [f"{k}={v}" for k, v in candidato.items()]
    res = correr_todo(TAMANOS, max(HORIZONTES), None, semillas, extra, procesos)
    df = tabla_corridas(res, HORIZONTES, a_configuracion(componer(*extra)).umbrales)
    archivo.parent.mkdir(parents=True, exist_ok=True)
    df.to_csv(archivo, index=False)
    return df


def _variantes(u: Umbrales) -> list[Umbrales]:
    """Los umbrales tal cual y con cada uno movido por cada factor de margen, de a uno."""
    return [u] + [
        dataclasses.replace(u, **{c.name: getattr(u, c.name) * f})
        for c in dataclasses.fields(Umbrales)
        for f in FACTORES_MARGEN
    ]


def puntajes(df: pd.DataFrame) -> pd.DataFrame:
    """Puntajes (robusto, mínimo, medio) de cada combinación de umbrales de la grilla."""
    registros = df.to_dict("records")
    esperado = df.estrategia.map(afirmado()).to_numpy()
    celdas = df.groupby(["n_pymes", "pasos", "estrategia"]).ngroup().to_numpy()
    n_celdas = celdas.max() + 1
    memoria: dict[tuple, np.ndarray] = {}

    def acuerdo_por_celda(u: Umbrales) -> np.ndarray:
        clave = dataclasses.astuple(u)
        if clave not in memoria:
            ok = np.array([clasificar(r, u) for r in registros]) == esperado
            memoria[clave] = np.bincount(celdas, ok, n_celdas) / np.bincount(celdas, minlength=n_celdas)
        return memoria[clave]

    filas = []
    for valores in itertools.product(*GRILLA_UMBRALES.values()):
        u = Umbrales(**dict(zip(GRILLA_UMBRALES, valores, strict=True)))
        nominal = acuerdo_por_celda(u)
        robusto = min(acuerdo_por_celda(v).min() for v in _variantes(u))
        fila = dict(zip(GRILLA_UMBRALES, valores, strict=True))
        filas.append(fila | dict(robusto=robusto, minimo=nominal.min(), medio=nominal.mean()))
    return pd.DataFrame(filas)


def elegir(tabla: pd.DataFrame) -> pd.Series:
    """La regla de elección del docstring: los mejores en (robusto, mínimo, medio) y, entre los
    empatados, el del medio en el orden de las grillas (el centro de la meseta, no su borde)."""
    puntaje = ["robusto", "minimo", "medio"]
    empatados = tabla[(tabla[puntaje] == tabla.sort_values(puntaje, ascending=False).iloc[0][puntaje]).all(axis=1)]
    return empatados.iloc[len(empatados) // 2]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--semillas", default=SEMILLAS_CALIBRACION)
    ap.add_argument("--reusar", action="store_true", help="leer las corridas guardadas de cada candidato")
    ap.add_argument("--procesos", type=int, default=2)
    ap.add_argument(
        "--solo-umbrales",
        action="store_true",
        help="sólo los umbrales, con los valores del modelo por defecto (un candidato: ≈ 8 min en vez de 32)",
    )
    args = ap.parse_args()
    if args.solo_umbrales:
        cfg = a_configuracion(componer())
        for clave in ESPACIO_MODELO:
            ESPACIO_MODELO[clave] = (getattr(getattr(cfg, clave.split(".")[0]), clave.split(".")[1]),)
    semillas = rango_semillas(args.semillas)
    tablas = []
    t0 = time.time()
    for i, cand in enumerate(candidatos_modelo(), 1):
        df = corridas(cand, semillas, args.reusar, args.procesos)
        p = puntajes(df).assign(**cand)
        tablas.append(p)
        mejor = elegir(p)
        print(
            f"[{i}/{len(candidatos_modelo())}] {cand}: robusto {mejor.robusto:.2f}, mínimo {mejor.minimo:.2f}, "
            f"medio {mejor.medio:.3f} ({time.time() - t0:.0f} s)",
            flush=True,
        )
    tabla = pd.concat(tablas, ignore_index=True)
    tabla = tabla[list(ESPACIO_MODELO) + [c for c in tabla.columns if c not in ESPACIO_MODELO]]
    tabla.sort_values(["robusto", "minimo", "medio"], ascending=False, kind="stable").to_csv(
        DATOS / "calibracion.csv", index=False
    )
    eleccion = elegir(tabla)
    print("\nElección (semillas de calibración " + args.semillas + "):")
    print(eleccion.to_string())
    _comparar_con_defectos(eleccion)


def _comparar_con_defectos(eleccion: pd.Series) -> None:
    cfg = a_configuracion(componer())
    actuales = {k: getattr(getattr(cfg, k.split(".")[0]), k.split(".")[1]) for k in ESPACIO_MODELO}
    actuales |= {f"umbrales.{k}": getattr(cfg.umbrales, k) for k in GRILLA_UMBRALES}
    elegidos = {k: eleccion[k] for k in ESPACIO_MODELO} | {f"umbrales.{k}": eleccion[k] for k in GRILLA_UMBRALES}
    distintos = {k: (actuales[k], v) for k, v in elegidos.items() if not np.isclose(actuales[k], v)}
    if not distintos:
        print("\nLos valores elegidos son los valores por defecto de simulacion/config/esquema.py.")
    for k, (antes, ahora) in distintos.items():
        print(f"\nDISTINTO del valor por defecto: {k} = {antes:g} en el esquema, {ahora:g} elegido")


if __name__ == "__main__":
    main()
