"""El plan de un barrido antes de correrlo (``hydra/barrido=plan``): corridas, carpeta y tiempo estimado.

La línea de comandos (:mod:`.lanzador`) lo pide después de validar cada combinación y no lanza nada.
El tiempo se estima midiendo aquí mismo unas pocas corridas del barrido (componer la configuración,
correr el modelo y escribir los archivos, como un trabajo), con la carga que la máquina tiene ahora,
y repartiendo las que faltan entre los procesos del lanzador. No incluye la agregación del final
(unos segundos: tabla y figuras).

Importa Hydra (a través de :mod:`.trabajos`), la API y, al medir, el modelo (Mesa).
"""

from __future__ import annotations

import math
import os
import tempfile
import time
from pathlib import Path

from omegaconf import DictConfig, OmegaConf

from simulacion.barridos.registros import completa
from simulacion.barridos.trabajos import correr_trabajo, revisar_carpeta

MAX_MEDIDAS = 2  # corridas medidas después de la primera (que además carga el modelo)
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


def medir(combinaciones: list[list[str]]) -> tuple[float, int]:
    """Segundos por corrida (componer, correr y escribir, como un trabajo) y cuántas se midieron.

    La primera corrida también carga el modelo: sólo cuenta si es la única del barrido."""
    from simulacion.api import componer

    elegidas = list(dict.fromkeys([0, len(combinaciones) // 2, len(combinaciones) - 1]))[: MAX_MEDIDAS + 1]
    tiempos = []
    with tempfile.TemporaryDirectory(prefix="plan_barrido_") as tmp:
        for k in elegidas:
            inicio = time.perf_counter()
            cfg = componer(*combinaciones[k])
            correr_trabajo(cfg, Path(tmp) / str(k), combinaciones[k], tolerar_fallas=False)
            tiempos.append(time.perf_counter() - inicio)
    medidos = tiempos[1:] or tiempos
    return sum(medidos) / len(medidos), len(medidos)


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
    segundos, medidas = medir(combinaciones)
    cpu = faltan * segundos
    lineas.append(
        f"  una corrida tarda ~{segundos:.2f} s aquí (media de {medidas}, medida ahora con la carga actual; "
        f"componer, correr y escribir sus archivos)"
    )
    if n:
        reloj = math.ceil(faltan / n) * segundos
        lineas.append(
            f"  estimación: {faltan} corridas × {segundos:.2f} s / {n} a la vez ≈ {_duracion(reloj)} "
            "(más el arranque y la agregación final, unos segundos)"
        )
    else:
        lineas.append(f"  estimación: {_duracion(cpu)} de CPU en total ({faltan} corridas), repartidas en el clúster")
    lineas.append(f"  (máquina: {os.cpu_count()} núcleos; carga media del último minuto: {os.getloadavg()[0]:.1f})")
    return "\n".join(lineas)
