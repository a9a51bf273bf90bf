"""Reloj de un barrido con cada lanzador de Hydra frente al básico (``benchmark.py barrido``).

Corre ``simulacion experimento=...`` como proceso aparte, en rondas alternadas (el básico y luego
cada lanzador, cada corrida en una carpeta nueva) para que la carga de la máquina afecte a todos por
igual; informa reloj, CPU (con los trabajadores de joblib) y la razón básico / lanzador.
Resultados y lectura en docs/rendimiento.md.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# nombre → overrides; "local" (joblib con el estado de Hydra una vez por trabajador) es el de los experimentos
LANZADORES = {"básico": ("hydra/launcher=basic",), "local": (), "joblib": ("hydra/launcher=joblib",)}


def correr_barrido(experimento: str, extra: tuple[str, ...], carpeta: Path) -> dict:
    """Corre ``simulacion experimento=...`` en un proceso aparte; reloj y CPU (usuario + sistema, con
    sus hijos: los trabajadores de joblib)."""
    comando = [str(Path(sys.executable).with_name("simulacion")), f"experimento={experimento}", *extra]
    comando.append(f"hydra.sweep.dir={carpeta}")
    carga = os.getloadavg()[0]
    antes = resource.getrusage(resource.RUSAGE_CHILDREN)
    inicio = time.perf_counter()
    proceso = subprocess.run(comando, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    reloj = time.perf_counter() - inicio
    if proceso.returncode != 0:
        raise SystemExit(f"falló {' '.join(comando)}:\n{proceso.stderr}")
    despues = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (despues.ru_utime - antes.ru_utime) + (despues.ru_stime - antes.ru_stime)
    return {"reloj": reloj, "cpu": cpu, "carga": carga}


def comparar_lanzadores(experimento: str, pares: int, lanzadores: list[str], extra: tuple[str, ...]) -> list[dict]:
    """``pares`` rondas; en cada una corre el lanzador básico y luego cada uno de ``lanzadores``
    (alternados, cada corrida en una carpeta nueva) e imprime la razón de reloj básico / lanzador."""
    filas = []
    with tempfile.TemporaryDirectory(prefix="barrido_") as tmp:
        for i in range(pares):
            ronda = {}
            for nombre in ["básico", *lanzadores]:
                ronda[nombre] = correr_barrido(experimento, LANZADORES[nombre] + extra, Path(tmp) / f"{i}_{len(ronda)}")
            for nombre in lanzadores:
                ronda[nombre]["razon"] = ronda["básico"]["reloj"] / ronda[nombre]["reloj"]
            filas.append(ronda)
            partes = [
                f"{nombre} {medida['reloj']:.1f} s (CPU {medida['cpu']:.1f} s, carga {medida['carga']:.1f})"
                + (f" {medida['razon']:.2f}×" if "razon" in medida else "")
                for nombre, medida in ronda.items()
            ]
            print(f"ronda {i + 1}: " + " · ".join(partes), flush=True)
    print(f"(meta del barrido {experimento} con joblib en 2 núcleos: ≥ 1,7x más rápido que el básico)")
    for nombre in lanzadores:
        razones = sorted(f[nombre]["razon"] for f in filas)
        mediana = razones[len(razones) // 2]
        print(
            f"razón básico/{nombre}: mediana {mediana:.2f}×, mín {razones[0]:.2f}×, máx {razones[-1]:.2f}×",
            flush=True,
        )
    return filas
