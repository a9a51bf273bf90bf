"""Qué produjo un resultado: versiones, nivel de instrucciones de numpy y la huella del modelo.

``resumen.json`` de cada corrida y ``estado.json`` de cada trabajo de un barrido llevan
``procedencia()``: la versión del paquete, las de Python, numpy, pandas, Mesa y hydra-core, el
nivel SIMD con que numpy calcula (``simd``) y la **huella del modelo**, el sha256 (12 cifras) de la
serie completa de una corrida de referencia (configuración por defecto, semilla 0, 40 trimestres,
todos los decimales).

La garantía (README, «Reproducibilidad»): con el mismo ``uv.lock`` y el mismo nivel SIMD, la misma
semilla da la misma serie bit a bit. numpy elige en tiempo de ejecución la implementación de ``exp``,
``log`` y demás según el procesador; con AVX-512 (``X86_V4``) sus últimos bits difieren de los de
AVX2 o del nivel base, y el modelo amplifica un ulp en pocos trimestres. Por eso la huella que se
publica (el anexo de la guía) es la **de referencia**: la del nivel base de numpy, calculada en un
proceso aparte con ``NPY_DISABLE_CPU_FEATURES`` (:func:`huella_de_referencia`), igual en cualquier
x86-64.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from functools import cache
from importlib import metadata

PAQUETES = ("simulacion", "numpy", "pandas", "mesa", "hydra-core")


def extensiones_simd() -> dict[str, list[str]]:
    """Las extensiones SIMD de numpy en este proceso, por su API pública: ``baseline`` (las de la
    compilación), ``found`` (las que despacha) y ``not found`` (las que podría despachar y no)."""
    import numpy as np

    return np.show_config(mode="dicts")["SIMD Extensions"]


def nivel_simd() -> str:
    """Las extensiones que numpy despacha en este proceso (``X86_V2`` si sólo el nivel base)."""
    simd = extensiones_simd()
    return " ".join(simd.get("found") or simd["baseline"])


@cache
def versiones() -> dict[str, str]:
    """Versión de Python y de cada paquete de :data:`PAQUETES`, y el nivel SIMD de numpy (una vez por
    proceso: un barrido lo anota en cada corrida)."""
    return {
        "python": sys.version.split()[0],
        **{p: metadata.version(p) for p in PAQUETES},
        "simd": nivel_simd(),
    }


@cache
def huella_del_modelo() -> str:
    """La huella del modelo en este proceso (con el nivel SIMD de este procesador); se calcula una vez
    por proceso (una corrida de 40 trimestres, ≈ 0,1 s)."""
    from simulacion.config import Configuracion
    from simulacion.resultados.ejecucion import ejecutar

    series = ejecutar(Configuracion(semilla=0, pasos=40)).series
    return hashlib.sha256(series.to_csv(float_format="%.17g").encode("utf-8")).hexdigest()[:12]


def entorno_de_referencia() -> dict[str, str]:
    """El entorno de este proceso con numpy limitado a su nivel base (sin las extensiones que despacha)."""
    simd = extensiones_simd()
    return {**os.environ, "NPY_DISABLE_CPU_FEATURES": " ".join([*simd.get("found", []), *simd.get("not found", [])])}


@cache
def huella_de_referencia() -> str:
    """La huella del modelo con numpy en su nivel base, igual en cualquier x86-64: la que publica el
    anexo de la guía. Corre en un proceso aparte (numpy fija su nivel al importarse)."""
    salida = subprocess.run(
        [sys.executable, "-m", "simulacion.resultados.procedencia"],
        env=entorno_de_referencia(),
        capture_output=True,
        text=True,
        check=True,
    )
    return salida.stdout.split()[-1]


def procedencia() -> dict[str, str]:
    """Lo que se anota en ``resumen.json`` y ``estado.json``: versiones, nivel SIMD y huella."""
    return {**versiones(), "huella_del_modelo": huella_del_modelo()}


if __name__ == "__main__":  # la huella de este proceso (huella_de_referencia lo llama con numpy en su base)
    print(nivel_simd(), huella_del_modelo())
