"""Huella de resultados: series, resumen y estado final de las pymes de corridas fijas, bit a bit.

``benchmark.py huella --guardar DIR`` antes de un cambio y ``--comparar DIR`` después
(docs/rendimiento.md): un cambio de un ulp en cualquier columna se informa.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np


def huella(overrides: tuple[str, ...]) -> dict:
    """Serie, resumen y estado final de las pymes de una corrida (vía la API, como la CLI)."""
    from simulacion.api import simular
    from simulacion.modelo.pymes import CAMPOS_BOOL, CAMPOS_FLOAT, CAMPOS_INT

    r = simular(*overrides)
    p = r.modelo.pymes
    return {
        "series": r.series,
        "resumen": r.resumen,
        "pymes": {c: getattr(p, c).copy() for c in (*CAMPOS_FLOAT, *CAMPOS_INT, *CAMPOS_BOOL)},
    }


def diferencias(a: dict, b: dict) -> list[str]:
    """Qué difiere entre dos huellas (vacío si son idénticas bit a bit)."""
    malas = []
    # Columnas nuevas al final se aceptan (no cambian las de antes); faltar o cambiar de orden, no.
    viejas = list(a["series"].columns)
    if list(b["series"].columns)[: len(viejas)] != viejas or len(a["series"]) != len(b["series"]):
        return ["columnas o forma de la serie"]
    for c in viejas:
        x, y = a["series"][c].to_numpy(), b["series"][c].to_numpy()
        if x.tobytes() != y.tobytes():
            malas.append(f"serie.{c} (máx. dif. {np.max(np.abs(x.astype(float) - y.astype(float))):.3g})")
    if a["resumen"] != b["resumen"]:
        malas.append("resumen")
    for c, x in a["pymes"].items():  # campos nuevos de las pymes se aceptan; los de antes, idénticos
        y = b["pymes"].get(c, np.zeros(0))
        if x.shape != y.shape or x.tobytes() != y.tobytes():
            malas.append(f"pymes.{c}")
    return malas


def comando_huella(corridas: dict[str, tuple[str, ...]], guardar: Path | None, comparar: Path | None) -> int:
    """Guarda las huellas de ``corridas`` en una carpeta o las compara con las guardadas ahí."""
    carpeta = guardar or comparar
    carpeta.mkdir(parents=True, exist_ok=True)
    distintas = 0
    for nombre, overrides in corridas.items():
        actual = huella(overrides)
        archivo = carpeta / f"{nombre}.pkl"
        if guardar:
            archivo.write_bytes(pickle.dumps(actual))
            print(f"guardada {nombre}")
            continue
        malas = diferencias(pickle.loads(archivo.read_bytes()), actual)
        distintas += bool(malas)
        print(f"{nombre}: {'IDÉNTICA' if not malas else 'DISTINTA: ' + ', '.join(malas)}", flush=True)
    if comparar:
        print("todas idénticas bit a bit" if not distintas else f"{distintas} corridas distintas")
    return int(distintas > 0)
