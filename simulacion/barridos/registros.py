"""Registros en disco de un barrido: ``estado.json`` y ``error.log`` de cada trabajo, ``barrido.json``.

Hydra 1.3 no reanuda barridos, no llama ``on_multirun_end`` si un trabajo lanzó una excepción y
no devuelve al proceso padre lo que los trabajos hacen en otros procesos (joblib, SLURM). Por eso
cada trabajo deja su propio registro en su carpeta:

- ``estado.json`` (escrito de forma atómica y **al final**, después de los tres archivos de la
  corrida): ``estado`` (``completo`` o ``error``), los overrides del trabajo, una huella de su
  configuración, la duración y el mensaje de error si lo hubo;
- ``error.log``: la traza de una corrida que falló.

Una corrida sólo cuenta como terminada si su ``estado.json`` dice ``completo``: un proceso muerto a
mitad de camino (``SIGKILL``) no deja ``estado.json`` y la agregación la informa como faltante.

Lo escriben los trabajos (:mod:`.trabajos`) y lo leen la agregación (:mod:`.analisis`) y el
progreso. Sólo importa la escritura de archivos de una corrida; ni Hydra ni Mesa.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from simulacion.resultados.salidas import ARCHIVOS

ESTADO = "estado.json"
ERROR = "error.log"
BARRIDO = "barrido.json"
COMPLETO, FALLIDO, FALTANTE = "completo", "error", "faltante"


def leer_json(ruta: Path) -> dict | None:
    """Lee un JSON; ``None`` si no existe o no se puede leer."""
    try:
        return json.loads(Path(ruta).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def completa(carpeta: Path, firma: str | None = None) -> bool:
    """``True`` si ``carpeta`` tiene una corrida completa (y con huella ``firma``, si se da)."""
    estado = leer_json(Path(carpeta) / ESTADO)
    if not estado or estado.get("estado") != COMPLETO:
        return False
    if firma is not None and estado.get("huella") != firma:
        return False
    return all((Path(carpeta) / a).is_file() for a in ARCHIVOS)


def limpiar(carpeta: Path) -> None:
    """Borra lo que haya dejado una corrida anterior o interrumpida en ``carpeta``.

    Primero ``estado.json`` (así, si esta limpieza se interrumpe, la carpeta ya no cuenta como
    completa), después los archivos de la corrida, la traza de error y temporales huérfanos.
    """
    carpeta = Path(carpeta)
    for nombre in (ESTADO, *ARCHIVOS, ERROR):
        (carpeta / nombre).unlink(missing_ok=True)
    for tmp in carpeta.glob(".*.tmp"):
        tmp.unlink(missing_ok=True)


def progreso(carpeta_barrido: Path) -> str:
    """``terminadas/total`` y tiempo transcurrido del barrido, leídos de su carpeta."""
    carpeta_barrido = Path(carpeta_barrido)
    barrido = leer_json(carpeta_barrido / BARRIDO) or {}
    terminadas = sum(1 for _ in carpeta_barrido.glob(f"*/{ESTADO}"))
    total = barrido.get("total") or "?"
    texto = f"{terminadas}/{total} corridas terminadas"
    if "inicio" in barrido:
        texto += f", {time.time() - barrido['inicio']:.0f} s transcurridos"
    return texto
