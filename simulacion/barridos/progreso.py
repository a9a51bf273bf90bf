"""Progreso de un barrido en curso: una barra (tqdm) con cuenta, ritmo y tiempo restante.

Los trabajos corren en el mismo proceso (lanzador básico), en trabajadores de joblib o en nodos de un
clúster, y ninguno avisa al proceso que lanzó el barrido. Por eso la barra la mueve un hilo de ese
proceso que cuenta, cada :data:`INTERVALO` segundos, las corridas terminadas en la carpeta del barrido
(:func:`simulacion.barridos.registros.terminadas`: las completas al empezar, que se omiten, más cada
``estado.json`` escrito desde entonces). Funciona igual con cualquier lanzador.

La barra sólo se dibuja si la salida de errores es una terminal; en un registro (clúster, pruebas)
no se dibuja y cada trabajo anota su línea (:func:`simulacion.barridos.trabajos.trabajo_de_barrido`).
El barrido en curso queda anotado aquí para que la línea de comandos, si el usuario lo interrumpe
(Ctrl-C), pueda dar la orden que lo completa (:func:`terminar`).

Importa tqdm (al iniciar) y los registros; ni Hydra ni Mesa.
"""

from __future__ import annotations

import shutil
import sys
import threading
from pathlib import Path
from typing import IO

from simulacion.barridos.registros import terminadas

INTERVALO = 0.5  # segundos entre dos cuentas de la carpeta


def barra(total: int | None, inicial: int = 0, archivo: IO[str] | None = None, mostrar: bool | None = None):
    """La barra de corridas (tqdm) en castellano: cuenta, tiempo transcurrido y restante, ritmo. Con
    ``mostrar=None`` se dibuja sólo si ``archivo`` (por defecto la salida de errores) es una terminal."""
    from tqdm import tqdm

    return tqdm(
        total=total,
        initial=inicial,
        desc="corridas",
        unit="corrida",
        file=archivo if archivo is not None else sys.stderr,
        disable=None if mostrar is None else not mostrar,  # None: sólo en una terminal
        ncols=shutil.get_terminal_size((100, 20)).columns,  # una terminal sin tamaño (0) no dibujaría nada
        smoothing=0.1,
        bar_format="{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} "
        "[{elapsed} transcurrido, faltan ~{remaining}, ritmo {rate_fmt}]",
    )


class Seguimiento:
    """La barra de un barrido y el hilo que la mueve."""

    def __init__(
        self,
        carpeta: Path,
        total: int | None,
        previas: list[Path],
        inicio: float,
        archivo: IO[str] | None = None,
        mostrar: bool | None = None,
    ) -> None:
        self.carpeta, self.previas, self.inicio = Path(carpeta), list(previas), inicio
        self._alto = threading.Event()
        self.barra = barra(total, len(self.previas), archivo, mostrar)
        self._hilo = threading.Thread(target=self._seguir, name="progreso-del-barrido", daemon=True)
        self._hilo.start()

    def actualizar(self) -> int:
        """Cuenta las corridas terminadas y mueve la barra; devuelve la cuenta."""
        hechas = terminadas(self.carpeta, self.previas, self.inicio)
        if hechas > self.barra.n:
            self.barra.update(hechas - self.barra.n)
        return hechas

    def _seguir(self) -> None:
        while not self._alto.wait(INTERVALO):
            self.actualizar()

    def cerrar(self) -> None:
        """Detiene el hilo, da la última cuenta y cierra la barra."""
        self._alto.set()
        self._hilo.join(timeout=5)
        self.actualizar()
        self.barra.close()


_ACTUAL: Seguimiento | None = None


def iniciar(carpeta: Path, total: int | None, previas: list[Path], inicio: float) -> Seguimiento:
    """Empieza a seguir el barrido de ``carpeta`` (lo llama el callback al empezar el barrido)."""
    global _ACTUAL
    terminar()
    _ACTUAL = Seguimiento(carpeta, total, previas, inicio)
    return _ACTUAL


def terminar() -> Path | None:
    """Cierra la barra del barrido en curso y devuelve su carpeta (``None`` si no había uno)."""
    global _ACTUAL
    actual, _ACTUAL = _ACTUAL, None
    if actual is None:
        return None
    actual.cerrar()
    return actual.carpeta
