"""Cada orden de docs/barridos.md corre tal como está escrita, en tamaño diminuto.

Se leen los bloques ```bash del documento. Cada línea que llama a ``simulacion`` o
``simulacion-analizar`` se corre como proceso aparte (``python -m ...``), con los mismos argumentos
más unos pocos que la achican: ``pasos``, ``territorio.n_pymes`` y lo que fija el número de corridas
(las semillas, ``muestreo.trayectorias``, ``muestreo.muestras``). Las carpetas de los barridos van a
una carpeta temporal (``$HOME`` también). Las órdenes de un clúster (SLURM) se prueban con
``hydra/barrido=plan``, que compone y valida todo sin lanzar; las de Ray, sólo si su lanzador está
instalado (docs/barridos.md lo instala en un entorno propio). Las líneas de instalación (``git``,
``python3 -m venv``) no se corren. Un comentario «código N» en la línea dice el código de salida
esperado (0 si no lo dice). Las que aun diminutas tardan (``LENTAS``: el mapa, Sobol, escenarios y
``simulacion-analizar``, que antes corre su barrido) llevan la marca ``lento``.
"""

from __future__ import annotations

import importlib.util
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parents[1]
DOC = RAIZ / "docs" / "barridos.md"
PROGRAMAS = {
    ".venv/bin/simulacion": [sys.executable, "-m", "simulacion"],
    ".venv-ray/bin/simulacion": [sys.executable, "-m", "simulacion"],
    ".venv/bin/simulacion-analizar": [sys.executable, "-m", "simulacion.barridos.analisis"],
}
INSTALACION = ("git clone ", "python3 -m venv ")
DIMINUTO = {"pasos": "6", "territorio.n_pymes": "60"}
# Lo que fija el número de corridas, en su tamaño diminuto (reemplaza lo que diga la orden).
ACHICAR = {"semilla": "0", "muestreo.trayectorias": "2", "muestreo.muestras": "2"}
# Cada experimento y lo que hay que agregarle para achicarlo (un experimento nuevo se agrega aquí).
EXPERIMENTOS = {
    "matriz": ["semilla"],
    "mapa": ["semilla"],
    "sensibilidad": ["muestreo.trayectorias"],
    "sobol": ["muestreo.muestras"],
    "escenarios": ["muestreo.muestras"],
}
DE_CLUSTER = {
    "slurm_universidad": "hydra_plugins.hydra_submitit_launcher",
    "ray_local": "hydra_plugins.hydra_ray_launcher",
}


def ordenes_del_documento() -> list[str]:
    """Las líneas de los bloques ```bash (con las continuaciones ``\\`` unidas)."""
    lineas = []
    for bloque in re.findall(r"```bash\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S):
        lineas += [linea for linea in bloque.replace("\\\n", " ").splitlines() if linea.strip()]
    return lineas


ORDENES = ordenes_del_documento()


def test_el_documento_solo_tiene_ordenes_que_esta_prueba_sabe_correr():
    assert len(ORDENES) >= 10
    for linea in ORDENES:
        palabras = shlex.split(linea, comments=True)
        assert palabras[0] in PROGRAMAS or linea.startswith(INSTALACION), linea
        for palabra in palabras:
            if palabra.startswith("experimento="):
                assert palabra.split("=", 1)[1] in EXPERIMENTOS, f"agregue {palabra} a EXPERIMENTOS ({linea})"


def diminuta(linea: str, tmp: Path) -> tuple[list[str], int, list[list[str]]]:
    """La orden achicada, su código de salida esperado y las órdenes que deben correr antes."""
    esperado = re.search(r"#.*código (\d+)", linea)
    palabras = shlex.split(linea.replace("$HOME", str(tmp / "home")), comments=True)
    programa, argumentos = PROGRAMAS[palabras[0]], palabras[1:]
    if palabras[0].endswith("simulacion-analizar"):  # la carpeta que el documento supone hecha
        carpeta = Path(argumentos[0])
        experimento = carpeta.name.rsplit("_", 1)[-1]
        previa = [*PROGRAMAS[".venv/bin/simulacion"], f"experimento={experimento}", f"hydra.sweep.dir={carpeta}"]
        return [*programa, *argumentos], 0, [achicar(previa, tmp)]
    return achicar([*programa, *argumentos], tmp), int(esperado.group(1)) if esperado else 0, []


def achicar(orden: list[str], tmp: Path) -> list[str]:
    """Reemplaza o agrega los overrides diminutos junto a los de la orden (argparse no acepta overrides
    después de una opción como ``--resolve``)."""
    claves = {p.split("=", 1)[0].lstrip("+~"): p for p in orden if "=" in p and not p.startswith("-")}
    experimento = claves.get("experimento", "=").split("=", 1)[1]
    salida = [p for p in orden if p.split("=", 1)[0].lstrip("+~") not in {*DIMINUTO, *ACHICAR}]
    achicadas = {c: ACHICAR[c] for c in ACHICAR if c in claves or c in EXPERIMENTOS.get(experimento, [])}
    agregar = [f"{c}={v}" for c, v in {**DIMINUTO, **achicadas}.items()]
    if "hydra.sweep.dir" not in claves and "--cfg" not in orden:
        agregar.append(f"hydra.sweep.dir={tmp / 'barrido'}")
    lanzador = claves.get("hydra/launcher", "=").split("=", 1)[1]
    if lanzador in DE_CLUSTER:
        agregar.append("hydra/barrido=plan")
    primero = next((i for i, p in enumerate(salida) if "=" in p and not p.startswith("-")), len(salida))
    return [*salida[:primero], *agregar, *salida[primero:]]


def distintas() -> dict[str, list[str]]:
    """Una orden por forma diminuta (``muestreo.muestras=128`` y sin él dan la misma) y sus líneas."""
    grupos: dict[str, list[str]] = {}
    for linea in ORDENES:
        if not linea.startswith(INSTALACION):
            orden, _, _ = diminuta(linea, Path("/tmp/x"))
            grupos.setdefault(shlex.join(orden), []).append(linea)
    return {lineas[0]: lineas for lineas in grupos.values()}


DISTINTAS = distintas()
# Aun diminutas, estas corren decenas de trabajos o dos procesos (≈ 1 min cada una con la máquina
# cargada): se corren con `pytest -m lento`.
LENTAS = ("experimento=mapa", "experimento=sobol", "experimento=escenarios", "simulacion-analizar")


def _marcas(linea: str) -> list:
    lenta = any(p in linea for p in LENTAS) and "hydra/launcher=slurm" not in linea
    return [pytest.mark.lento] if lenta else []


@pytest.mark.parametrize(
    "linea",
    [
        pytest.param(linea, marks=_marcas(linea), id=f"{i}:{linea.split('#')[0].strip()[:70]}")
        for i, linea in enumerate(DISTINTAS)
    ],
)
def test_cada_orden_del_documento_corre(linea, tmp_path):
    """La orden de ``linea`` (y de las líneas que se achican igual, ``DISTINTAS[linea]``)."""
    lanzador = re.search(r"hydra/launcher=(\w+)", linea)
    if lanzador and lanzador.group(1) in DE_CLUSTER and not importlib.util.find_spec(DE_CLUSTER[lanzador.group(1)]):
        pytest.skip(f"el lanzador {lanzador.group(1)} no está instalado en este entorno")
    orden, esperado, previas = diminuta(linea, tmp_path)
    for previa in previas:
        proc = subprocess.run(previa, capture_output=True, text=True, cwd=tmp_path, timeout=600)
        assert proc.returncode == 0, proc.stderr
    proc = subprocess.run(orden, capture_output=True, text=True, cwd=tmp_path, timeout=600)
    salida = proc.stdout + proc.stderr
    assert proc.returncode == esperado, f"{shlex.join(orden)}\n{salida[-3000:]}"
    assert "Traceback" not in salida and "raised" not in salida, salida[-3000:]  # callbacks de Hydra que fallan
