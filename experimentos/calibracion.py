"""Calibración de los parámetros COMPARTIDOS (los mismos para las cuatro estrategias).

Procedimiento (documentado en docs/validacion.md):

1. Búsqueda al azar (hipercubo latino) sobre rangos plausibles de parámetros de ``economia.*``
   que gobiernan los mecanismos (costo del proyecto, riesgo del entorno, depreciación de la
   infraestructura, competencia de fuera, demanda externa, transporte...). Para cada punto se
   corren las cuatro estrategias en las semillas de calibración (100–111).
2. Para cada punto, los umbrales del clasificador (``umbrales.*``, iguales para toda estrategia)
   se eligen entre combinaciones al azar para maximizar el puntaje: el clasificador es posterior a
   la simulación, así que elegirlos no cambia ninguna corrida.
3. Puntaje = acuerdo medio + acuerdo mínimo entre estrategias + 0,1 × afirmaciones relativas que
   se cumplen. Ninguna estrategia tiene parámetros propios: sólo se buscan valores compartidos.
4. Etapa 2 (``refinar``): los mejores puntos se corren también con el territorio a la mitad y al
   doble (mismas semillas de calibración) y los umbrales se eligen de una grilla de valores redondos
   para maximizar el peor acuerdo entre estrategias y tamaños.
5. El punto elegido se evalúa en semillas que la calibración nunca vio (``validacion.py``).

Uso (desde la carpeta del repositorio)::

    .venv/bin/python experimentos/calibracion.py 48 3            # etapa 1: 48 puntos, semilla de búsqueda 3
    .venv/bin/python experimentos/calibracion.py refinar experimentos/datos/calibracion_3.csv 6

La etapa 1 escribe ``experimentos/datos/calibracion_<semilla>.csv`` (un renglón por punto,
ordenado por puntaje); la 2, ``calibracion_refinada.csv``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from hechos import AFIRMADO, ESTRATEGIAS, afirmaciones_relativas, correr_muchos, corridas_2x2, escalar

from simulacion.indicadores import DESENLACES

SEMILLAS_CALIBRACION = range(100, 112)
# Rangos de búsqueda de parámetros compartidos (economia.*)
RANGOS = {
    "economia.costo_proyecto": (30.0, 42.0),
    "economia.riesgo_innovacion": (0.25, 0.45),
    "economia.entorno_seguro": (0.42, 0.56),
    "economia.depreciacion_infra": (0.02, 0.037),
    "economia.crecimiento_demanda": (0.012, 0.025),
    "economia.tendencia_precio_externo": (-0.006, -0.003),
    "economia.elasticidad_mercado_local": (2.0, 3.5),
    "economia.costo_transporte": (0.3, 0.5),
    "economia.entorno_minimo_innovacion": (0.15, 0.4),
    "economia.prima_innovacion": (1.6, 2.2),
    "economia.efecto_infra_productiva": (0.5, 0.9),
    "economia.costo_obra": (4.0, 8.0),
    "economia.efecto_pares": (0.08, 0.18),
    "economia.capital_maximo": (50.0, 150.0),
    "territorio.transferencias": (60.0, 160.0),
}
# Rangos de los umbrales del clasificador (umbrales.*)
RANGOS_UMBRALES = {
    "crecimiento_minimo": (0.0, 0.04),
    "crecimiento_descomposicion": (-0.04, 0.0),
    "fracaso_maximo": (0.02, 0.12),
}


def hipercubo(n: int, rangos: dict, rng: np.random.Generator) -> pd.DataFrame:
    """Muestra de hipercubo latino de ``n`` puntos en ``rangos``."""
    cols = {}
    for k, (a, b) in rangos.items():
        u = (rng.permutation(n) + rng.random(n)) / n
        cols[k] = a + (b - a) * u
    return pd.DataFrame(cols)


def clasificar_vector(ind: pd.DataFrame, u: pd.DataFrame) -> np.ndarray:
    """Las reglas de ``simulacion.resultados.desenlace.clasificar`` vectorizadas: filas de ``u`` × corridas."""

    def col(nombre):
        return ind[nombre].to_numpy()[None, :]

    def umb(nombre):
        return u[nombre].to_numpy()[:, None]

    desc = col("crecimiento_anual") <= umb("crecimiento_descomposicion")
    frag = col("tasa_fracaso_innovadoras") > umb("fracaso_maximo")
    crec = col("crecimiento_anual") >= umb("crecimiento_minimo")
    return np.where(
        desc,
        CODIGO["descomposicion"],
        np.where(frag, CODIGO["fragilidad"], np.where(crec, CODIGO["crecimiento"], CODIGO["estancamiento"])),
    )


CODIGO = {desenlace: i for i, desenlace in enumerate(DESENLACES)}  # desenlace → código de clasificar_vector


def mejores_umbrales(df: pd.DataFrame, rng: np.random.Generator, n: int = 4000) -> tuple[dict, np.ndarray]:
    """Umbrales compartidos que maximizan acuerdo medio + mínimo; devuelve (umbrales, acuerdo por estrategia)."""
    u = hipercubo(n, RANGOS_UMBRALES, rng)
    clases = clasificar_vector(df, u)
    esperado = df["estrategia"].map(lambda e: CODIGO[AFIRMADO[e]]).to_numpy()[None, :]
    ok = clases == esperado
    por_estr = np.stack([ok[:, (df["estrategia"] == e).to_numpy()].mean(axis=1) for e in ESTRATEGIAS], axis=1)
    puntaje = por_estr.mean(axis=1) + por_estr.min(axis=1)
    k = int(np.argmax(puntaje))
    return u.iloc[k].round(4).to_dict(), por_estr[k]


def evaluar(punto: dict, semillas=SEMILLAS_CALIBRACION, rng=None) -> dict:
    extra = [f"{k}={v:.4g}" for k, v in punto.items()]
    df = correr_muchos(corridas_2x2(semillas, extra))
    umbrales, por_estr = mejores_umbrales(df, rng or np.random.default_rng(0))
    relativas = afirmaciones_relativas(df)
    return {
        **punto,
        **{f"umbrales.{k}": v for k, v in umbrales.items()},
        **{f"acuerdo_{e}": a for e, a in zip(ESTRATEGIAS, por_estr, strict=True)},
        "relativas": sum(relativas.values()),
        "puntaje": float(por_estr.mean() + por_estr.min() + 0.1 * sum(relativas.values())),
    }


# Etapa 2: umbrales redondos (una grilla) elegidos para que valgan a la vez en tres tamaños de territorio.
GRILLA_UMBRALES = {
    "crecimiento_minimo": (0.005, 0.0075, 0.01, 0.0125, 0.015, 0.02),
    "crecimiento_descomposicion": (-0.01, -0.015, -0.02, -0.025),
    "fracaso_maximo": (0.03, 0.04, 0.05, 0.06, 0.08),
}
FACTORES = (0.5, 1.0, 2.0)


def grilla_umbrales() -> pd.DataFrame:
    ejes = np.meshgrid(*GRILLA_UMBRALES.values(), indexing="ij")
    return pd.DataFrame({k: e.ravel() for k, e in zip(GRILLA_UMBRALES, ejes, strict=True)})


def acuerdos(df: pd.DataFrame, u: pd.DataFrame) -> np.ndarray:
    """Acuerdo por estrategia (columnas) para cada fila de umbrales ``u``."""
    ok = clasificar_vector(df, u) == df["estrategia"].map(lambda e: CODIGO[AFIRMADO[e]]).to_numpy()[None, :]
    return np.stack([ok[:, (df["estrategia"] == e).to_numpy()].mean(axis=1) for e in ESTRATEGIAS], axis=1)


def refinar(puntos: pd.DataFrame, semillas=SEMILLAS_CALIBRACION) -> pd.DataFrame:
    """Para cada punto: las cuatro estrategias en tres tamaños (0,5, 1 y 2) en las semillas de
    calibración, y los umbrales de la grilla que maximizan el peor acuerdo sobre estrategias y
    tamaños (desempate: acuerdo medio)."""
    u = grilla_umbrales()
    filas = []
    for _, punto in puntos.iterrows():
        extra = [f"{k}={v:.4g}" for k, v in punto.items() if k.startswith(("economia.", "territorio."))]
        por_tamano = [acuerdos(correr_muchos(corridas_2x2(semillas, escalar(f, extra))), u) for f in FACTORES]
        todos = np.concatenate(por_tamano, axis=1)  # umbrales × (estrategia, tamaño)
        puntaje = todos.min(axis=1) + todos.mean(axis=1)
        k = int(np.argmax(puntaje))
        fila = {
            **{c: punto[c] for c in punto.index if c.startswith(("economia.", "territorio."))},
            **{f"umbrales.{c}": u.iloc[k][c] for c in u.columns},
            "puntaje_robusto": float(puntaje[k]),
        }
        for f, a in zip(FACTORES, por_tamano, strict=True):
            fila.update({f"acuerdo_{e}_x{f:g}": a[k, j] for j, e in enumerate(ESTRATEGIAS)})
        filas.append(fila)
        print(f"punto {len(filas)}: puntaje robusto {puntaje[k]:.2f}", flush=True)
    return pd.DataFrame(filas).sort_values("puntaje_robusto", ascending=False)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "refinar":
        # Etapa 2: ``calibracion.py refinar ARCHIVO.csv N`` sobre los N mejores puntos de la etapa 1.
        tabla = pd.read_csv(sys.argv[2]).head(int(sys.argv[3]) if len(sys.argv) > 3 else 5)
        salida = Path(__file__).parent / "datos" / "calibracion_refinada.csv"
        r = refinar(tabla)
        r.to_csv(salida, index=False)
        pd.set_option("display.width", 250)
        print(r.head(3).T.to_string())
        return
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    rng = np.random.default_rng(int(sys.argv[2]) if len(sys.argv) > 2 else 0)
    salida = Path(__file__).parent / "datos" / f"calibracion_{int(sys.argv[2]) if len(sys.argv) > 2 else 0}.csv"
    salida.parent.mkdir(exist_ok=True)
    filas = []
    inicio = time.time()
    for i, punto in hipercubo(n, RANGOS, rng).iterrows():
        filas.append(evaluar(punto.to_dict(), rng=rng))
        tabla = pd.DataFrame(filas).sort_values("puntaje", ascending=False)
        tabla.to_csv(salida, index=False)
        print(
            f"[{i + 1}/{n}] {time.time() - inicio:.0f} s  puntaje {filas[-1]['puntaje']:.2f}  "
            f"mejor {tabla['puntaje'].iloc[0]:.2f}",
            flush=True,
        )
    pd.set_option("display.width", 250)
    print(tabla.head(5).T.to_string())


if __name__ == "__main__":
    main()
