"""El plan de un barrido antes de correrlo (``hydra/barrido=plan``): corridas, carpeta y tiempo estimado.

La línea de comandos (:mod:`.lanzador`) lo pide después de validar cada combinación y no lanza el
barrido. El tiempo se estima midiendo un barrido de prueba de pocos trabajos iguales al primero (en
otro proceso y una carpeta temporal, con la carga que la máquina tiene ahora: :func:`medir`) y
repartiendo las corridas que faltan entre los trabajos a la vez del lanzador. No incluye el arranque
ni la agregación del final (unos segundos: tabla y figuras).

Importa Hydra (a través de :mod:`.trabajos`) y los registros; el modelo corre en el proceso de prueba.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from omegaconf import DictConfig, OmegaConf

from simulacion.barridos.registros import completa, leer_json
from simulacion.barridos.trabajos import revisar_carpeta

TRABAJOS_MEDIDOS = 3  # trabajos del barrido de prueba (el primero carga el modelo y no cuenta)
LIMITE_MEDIDA = 600  # segundos
MAX_VALORES = 6  # valores que se muestran de cada clave barrida


def procesos(lanzador: DictConfig) -> int | None:
    """Trabajos a la vez con este lanzador: 1 el básico, ``n_jobs`` los de joblib; ``None`` si depende
    de un clúster (submitit, SLURM, Ray)."""
    destino = str(lanzador.get("_target_", ""))
    if destino.endswith("BasicLauncher"):
        return 1
    if destino.endswith(("JoblibLauncher", "LanzadorLocal")):
        from joblib import cpu_count

        n = int(lanzador.get("n_jobs") or 1)
        return max(1, cpu_count() + 1 + n if n < 0 else n)
    return None


def _es_de_hydra(override: str) -> bool:
    return override.split("=", 1)[0].lstrip("+~").startswith("hydra")


def claves_barridas(trabajos: list[list[str]]) -> list[str]:
    """``clave: N valores (a, b, ...)`` de cada clave que cambia entre trabajos."""
    valores: dict[str, list[str]] = {}
    for trabajo in trabajos:
        for override in trabajo:
            clave, _, valor = override.partition("=")
            distintos = valores.setdefault(clave, [])
            if valor not in distintos:
                distintos.append(valor)
    lineas = []
    for clave, distintos in valores.items():
        if len(distintos) > 1:
            muestra = ", ".join(distintos[:MAX_VALORES]) + (", …" if len(distintos) > MAX_VALORES else "")
            lineas.append(f"{clave}: {len(distintos)} valores ({muestra})")
    return lineas


def medir(combinacion: list[str]) -> tuple[float, float]:
    """Segundos por trabajo de un barrido con la configuración ``combinacion``, medidos con Hydra, y
    segundos de arranque (del proceso hasta que el primer trabajo empieza a correr).

    Corre, como proceso aparte y con el lanzador básico, un barrido de :data:`TRABAJOS_MEDIDOS`
    trabajos iguales a ese (sólo cambia ``estrategia.nombre``, un rótulo que el modelo no lee) sin
    la agregación, en una carpeta temporal, y toma el tiempo entre el fin del primero y el del último:
    componer, registrar y correr cada trabajo, sin el arranque de Python ni la carga del modelo; el
    arranque es lo que el primero tardó de más."""
    tarea = [o for o in combinacion if not _es_de_hydra(o)]
    nombres = ",".join(f"plan_{k}" for k in range(TRABAJOS_MEDIDOS))
    with tempfile.TemporaryDirectory(prefix="plan_barrido_") as tmp:
        orden = [
            *[sys.executable, "-m", "simulacion", "-m", *tarea, f"estrategia.nombre={nombres}"],
            *["hydra/launcher=basic", f"hydra.sweep.dir={Path(tmp) / 'b'}", "~hydra.callbacks.agregacion"],
        ]
        inicio = time.time()
        proc = subprocess.run(orden, capture_output=True, text=True, cwd=tmp, timeout=LIMITE_MEDIDA)
        fines = sorted(e["fin"] for e in map(leer_json, Path(tmp).glob("b/*/estado.json")) if e and "fin" in e)
    if proc.returncode != 0 or len(fines) < 2:
        raise RuntimeError(f"no se pudo medir una corrida del barrido: {proc.stderr.strip()[-500:]}")
    por_trabajo = (fines[-1] - fines[0]) / (len(fines) - 1)
    return por_trabajo, max(0.0, fines[0] - inicio - por_trabajo)


def _duracion(segundos: float) -> str:
    if segundos < 90:
        return f"{segundos:.0f} s"
    if segundos < 5400:
        return f"{segundos / 60:.0f} min"
    return f"{segundos / 3600:.1f} h"


def plan_del_barrido(base: DictConfig, combinaciones: list[list[str]] | None) -> str:
    """Texto del plan del barrido de ``base`` (configuración con ``hydra``) y sus ``combinaciones``
    (las de :func:`simulacion.barridos.adaptador_hydra.expandir`; ``None`` con otro barredor).

    Lanza :class:`~simulacion.barridos.registros.CarpetaOcupada` si la carpeta tiene corridas de
    otro barrido, como lo haría el barrido mismo."""
    carpeta = Path(str(base.hydra.sweep.dir))
    lineas = ["Plan del barrido (no se corrió nada; para correrlo, la misma orden sin hydra/barrido=plan):"]
    if combinaciones is None:
        return "\n".join([*lineas, "  este barredor no es el básico de Hydra: no se pueden contar sus corridas aquí"])
    trabajos = [[o for o in c if not _es_de_hydra(o)] for c in combinaciones]
    revisar_carpeta(carpeta, base, trabajos)
    hechas = sum(1 for k in range(len(trabajos)) if completa(carpeta / str(k)))
    faltan = len(trabajos) - hechas
    lineas.append(f"  corridas: {len(trabajos)}")
    lineas += [f"    {linea}" for linea in claves_barridas(trabajos)]
    ya = f" (ya tiene {hechas} completas de este barrido: se omiten)" if hechas else ""
    lineas.append(f"  carpeta: {carpeta.resolve()}{ya}")
    n = procesos(base.hydra.launcher)
    lanzador = (OmegaConf.select(base, "hydra.runtime.choices") or {}).get("hydra/launcher") or "básico"
    a_la_vez = f"{n} trabajos a la vez" if n else "trabajos a la vez según el clúster"
    lineas.append(f"  lanzador: {lanzador}, {a_la_vez}")
    if faltan == 0:
        return "\n".join([*lineas, "  no falta ninguna corrida: el barrido sólo volvería a agregar"])
    segundos, arranque = medir(combinaciones[0])
    cpu = faltan * segundos
    lineas.append(
        f"  un trabajo tarda ~{segundos:.2f} s aquí (medido ahora, con la carga actual, en un barrido de prueba de "
        f"{TRABAJOS_MEDIDOS} trabajos como el primero: Hydra compone, registra y corre cada uno)"
    )
    if n:
        reloj = arranque + math.ceil(faltan / n) * segundos
        lineas.append(
            f"  estimación: ≈ {_duracion(reloj)} (arranque ~{arranque:.0f} s + {faltan} corridas × {segundos:.2f} s "
            f"/ {n} a la vez), más la agregación final (tabla y figuras, unos segundos)"
        )
    else:
        lineas.append(f"  estimación: {_duracion(cpu)} de CPU en total ({faltan} corridas), repartidas en el clúster")
    lineas.append(f"  (máquina: {os.cpu_count()} núcleos; carga media del último minuto: {os.getloadavg()[0]:.1f})")
    return "\n".join(lineas)
