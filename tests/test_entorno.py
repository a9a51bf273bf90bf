"""El entorno es el de ``uv.lock`` (README, «Reproducibilidad»).

Vistas en rojo: con ``"tqdm>=99"`` en ``pyproject.toml`` falla la primera («uv.lock no corresponde»);
con ``pip install pandas==3.1.1`` en el entorno, la segunda nombra pandas.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]


def uv() -> str:
    """El ``uv`` del entorno (lo instala la primera orden del README)."""
    ruta = shutil.which("uv", path=str(Path(sys.executable).parent))
    assert ruta, "no hay uv en el entorno: instálelo como dice el README («Inicio rápido»)"
    return ruta


def test_uv_lock_concuerda_con_pyproject():
    """``uv lock --check`` (sin red) falla si alguien cambió una dependencia sin volver a fijar."""
    proc = subprocess.run([uv(), "lock", "--check", "--offline"], cwd=RAIZ, capture_output=True, text=True)
    assert proc.returncode == 0, (
        "uv.lock no corresponde a pyproject.toml: corra `.venv/bin/uv lock` y registre uv.lock junto con "
        f"el cambio de dependencias.\n{proc.stderr}"
    )


def test_el_entorno_instalado_es_el_del_lock():
    """Cada paquete fijado en ``uv.lock`` que está instalado tiene la versión fijada (así la huella del
    modelo de las pruebas es la de las versiones fijadas, no la de lo que pip eligió ese día)."""
    fijadas = {p["name"]: p["version"] for p in tomllib.loads((RAIZ / "uv.lock").read_text())["package"]}
    instaladas = {d.metadata["Name"].lower().replace("_", "-"): d.version for d in metadata.distributions()}
    distintas = {
        nombre: (instaladas[nombre], version)
        for nombre, version in fijadas.items()
        if nombre in instaladas and instaladas[nombre] != version
    }
    assert not distintas, f"versiones instaladas distintas de uv.lock (instalada, fijada): {distintas}"
    assert {"numpy", "pandas", "mesa", "hydra-core"} <= set(fijadas) & set(instaladas)
