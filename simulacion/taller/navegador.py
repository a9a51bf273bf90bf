"""Apoyo para las pruebas en el navegador y las capturas de la guía (no lo usa la página).

Lo importan ``tests/test_app_navegador.py`` y ``experimentos/taller_capturas.py``: los argumentos del
Chromium de Debian y un ``simulacion-taller`` de verdad en un subproceso, en un puerto libre.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

# Chromium de Debian sin red: sin sandbox por correr como root, y sin las conexiones de fondo que la
# red cerrada rechazaría.
ARGUMENTOS_CHROMIUM = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# JavaScript para ``pagina.evaluate(JUGAR, n)``: pulsa «Paso» hasta que el rótulo diga «Trimestre n»,
# esperando cada trimestre antes del siguiente (la guía y sus capturas juegan así).
JUGAR = """async (n) => {
  const boton = [...document.querySelectorAll('button')].find(b => b.innerText.trim().toUpperCase() === 'PASO');
  const rotulo = () => document.querySelector('.trimestre-actual').innerText;
  while (parseInt(rotulo().split(' ')[1]) < n) {
    const antes = rotulo();
    boton.click();
    while (rotulo() === antes) await new Promise(res => setTimeout(res, 5));
  }
}"""


def puerto_libre() -> int:
    """Un puerto TCP libre en 127.0.0.1."""
    with socket.socket() as conexion:
        conexion.bind(("127.0.0.1", 0))
        return conexion.getsockname()[1]


def comando_taller() -> list[str]:
    """El comando ``simulacion-taller`` del entorno en uso (o ``python -m simulacion.taller``)."""
    script = Path(sys.executable).parent / "simulacion-taller"
    return [str(script)] if script.exists() else [sys.executable, "-m", "simulacion.taller"]


def esperar_respuesta(url: str, proceso: subprocess.Popen, registro: Path, espera: float) -> None:
    """Espera hasta que ``url`` responda; falla si el proceso termina o pasan ``espera`` segundos."""
    limite = time.monotonic() + espera
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            if proceso.poll() is not None or time.monotonic() > limite:
                raise RuntimeError(f"simulacion-taller no respondió:\n{Path(registro).read_text()}") from None
            time.sleep(0.3)


class ServidorTaller:
    """``simulacion-taller`` en un subproceso, en un puerto fijo: se puede detener y volver a iniciar
    en el mismo puerto (la prueba del aviso de conexión perdida). La salida queda en ``registro``;
    ``entorno`` y ``carpeta``, si se dan, son las variables de entorno y la carpeta de trabajo del proceso
    (las mediciones de carga: otro paquete en ``PYTHONPATH``, la carpeta de las salas)."""

    def __init__(
        self, registro: Path, puerto: int | None = None, entorno: dict | None = None, carpeta: Path | None = None
    ) -> None:
        self.registro = Path(registro)
        self.entorno, self.carpeta = entorno, carpeta
        self.puerto = puerto or puerto_libre()
        self.url = f"http://127.0.0.1:{self.puerto}/"
        self.proceso: subprocess.Popen | None = None

    def iniciar(self, espera: float = 90.0) -> str:
        """Arranca el servidor y espera a que la página responda; devuelve su dirección."""
        with open(self.registro, "a") as salida:
            self.proceso = subprocess.Popen(
                [*comando_taller(), "--puerto", str(self.puerto)],
                stdout=salida,
                stderr=subprocess.STDOUT,
                cwd=self.carpeta,
                env=self.entorno,
            )
        esperar_respuesta(self.url, self.proceso, self.registro, espera)
        return self.url

    def detener(self) -> None:
        """Termina el servidor (como Ctrl+C) y espera a que salga."""
        if self.proceso is not None and self.proceso.poll() is None:
            self.proceso.terminate()
            try:
                self.proceso.wait(timeout=20)
            except subprocess.TimeoutExpired:  # no atendió la señal (p. ej. a mitad del arranque)
                self.proceso.kill()
                self.proceso.wait(timeout=20)


@contextmanager
def servidor_en_segundo_plano(registro: Path, puerto: int | None = None, espera: float = 90.0):
    """Arranca ``simulacion-taller`` en un subproceso, espera a que la página responda y devuelve su
    dirección; al salir lo termina. La salida del servidor queda en ``registro``."""
    Path(registro).write_text("")
    servidor = ServidorTaller(registro, puerto)
    try:
        yield servidor.iniciar(espera)
    finally:
        servidor.detener()
