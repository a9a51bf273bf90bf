"""Carga del taller: K participantes en un mismo ``simulacion-taller``, cada uno juega 40 trimestres.

Uso (desde la carpeta del repositorio, con el Chromium de Debian):

    .venv/bin/python experimentos/carga_taller.py                      # K = 6, 12 y 30
    .venv/bin/python experimentos/carga_taller.py --usuarios 2 --pasos 8  # prueba corta
    # antes y después de un cambio, alternados para cada K (otra carpeta con su simulacion/)
    git archive <commit> simulacion | tar -x -C /tmp/antes
    .venv/bin/python experimentos/carga_taller.py --antes /tmp/antes

Para cada K arranca un servidor nuevo en 127.0.0.1 (un puerto libre), abre K contextos de
Playwright en un único Chromium (cada contexto es un participante con su propia sesión), espera a
que las K páginas muestren «Trimestre 0» y pulsa «▶ Reproducir» en todas a la vez. Informa:

- el tiempo de carga de la página (hasta «Trimestre 0») y el de jugar los trimestres (del clic
  hasta «Trimestre 40»): mediana y máximo entre participantes; el mínimo posible es
  40 × 0,25 s = 10 s (``INTERVALO_REPRODUCIR``);
- la memoria del servidor (RSS de ``/proc`` vía psutil): antes de abrir las páginas, máxima durante
  la corrida y al final, y por participante;
- el CPU del servidor y del navegador (todos sus procesos) durante la reproducción, y el CPU del
  servidor por trimestre y participante.

Todo está acotado: cada espera tiene su límite (``--limite``) y el servidor se detiene al terminar.
La máquina es compartida: anote ``uptime`` con las cifras (el script lo imprime).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psutil

RAIZ = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RAIZ))

from simulacion.taller.estado import INTERVALO_REPRODUCIR, PASOS_POR_DEFECTO  # noqa: E402
from simulacion.taller.navegador import (  # noqa: E402
    ARGUMENTOS_CHROMIUM,
    ServidorTaller,
)

MB = 1024 * 1024
# ¿La página llegó al trimestre ``n``? (con menos de 40, la reproducción sigue: sólo se mide hasta ``n``)
LLEGO = "n => parseInt(document.querySelector('.trimestre-actual').innerText.split(' ')[1]) >= n"


@dataclass
class Medicion:
    """Lo medido con K participantes."""

    usuarios: int
    pasos: int
    carga_s: list[float] = field(default_factory=list)  # hasta «Trimestre 0», por participante
    juego_s: list[float] = field(default_factory=list)  # del clic a «Trimestre <pasos>», por participante
    rss_inicial: float = 0.0  # MB, servidor arrancado sin páginas
    rss_maximo: float = 0.0
    rss_final: float = 0.0
    cpu_servidor_s: float = 0.0  # durante la reproducción
    cpu_navegador_s: float = 0.0
    reloj_s: float = 0.0  # de la primera pulsación al último «Trimestre <pasos>»
    errores: list[str] = field(default_factory=list)


class Muestreo:
    """Muestrea el RSS de un proceso cada ``intervalo`` segundos en un hilo (guarda el máximo)."""

    def __init__(self, proceso: psutil.Process, intervalo: float = 0.25):
        self.proceso, self.intervalo, self.maximo = proceso, intervalo, 0
        self._fin = threading.Event()
        self._hilo = threading.Thread(target=self._correr, daemon=True)

    def _correr(self) -> None:
        while not self._fin.is_set():
            self.maximo = max(self.maximo, self.proceso.memory_info().rss)
            self._fin.wait(self.intervalo)

    def __enter__(self):
        self._hilo.start()
        return self

    def __exit__(self, *_):
        self._fin.set()
        self._hilo.join()


def cpu(procesos: list[psutil.Process]) -> float:
    """CPU (usuario + sistema, con los hijos terminados) de una lista de procesos vivos."""
    total = 0.0
    for proceso in procesos:
        try:
            tiempos = proceso.cpu_times()
            total += tiempos.user + tiempos.system
        except psutil.NoSuchProcess:
            pass
    return total


def procesos_navegador(navegador_pid: int | None) -> list[psutil.Process]:
    """El proceso de Chromium y todos sus hijos (renderizadores, GPU, red)."""
    if navegador_pid is None:
        return []
    raiz = psutil.Process(navegador_pid)
    return [raiz, *raiz.children(recursive=True)]


async def participante(navegador, url: str, pasos: int, limite_ms: float, senales, medicion, k):
    """Un participante: abre la página, espera la largada, reproduce y espera «Trimestre <pasos>»; cierra
    su contexto recién cuando terminaron todos (así el CPU de sus procesos todavía se puede leer)."""
    listos, largada, hechos, cerrar = senales
    contexto = await navegador.new_context(viewport={"width": 1366, "height": 900})
    try:
        pagina = await contexto.new_page()
        inicio = time.monotonic()
        await pagina.goto(url, timeout=limite_ms)
        await pagina.locator(".trimestre-actual", has_text=re.compile(r"^Trimestre 0$")).wait_for(timeout=limite_ms)
        medicion.carga_s.append(time.monotonic() - inicio)
        listos.append(k)
        await largada.wait()
        inicio = time.monotonic()
        await pagina.get_by_role("button", name="▶ Reproducir").click(timeout=limite_ms)
        await pagina.wait_for_function(LLEGO, arg=pasos, timeout=limite_ms, polling=50)
        medicion.juego_s.append(time.monotonic() - inicio)
    except Exception as exc:  # se informa y se sigue con los demás
        medicion.errores.append(f"participante {k}: {type(exc).__name__}: {str(exc).splitlines()[0]}")
    finally:
        hechos.append(k)
        await cerrar.wait()
        await contexto.close()


async def medir_con_navegador(url: str, usuarios: int, pasos: int, limite_s: float, servidor, medicion) -> None:
    """Abre los K contextos, da la largada cuando todos cargaron y mide CPU durante la reproducción."""
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        navegador = await p.chromium.launch(executable_path=shutil.which("chromium"), args=ARGUMENTOS_CHROMIUM)
        try:
            pid = navegador_pid(navegador)
            senales = listos, largada, hechos, cerrar = [], asyncio.Event(), [], asyncio.Event()
            tareas = [
                asyncio.create_task(participante(navegador, url, pasos, 1000 * limite_s, senales, medicion, k))
                for k in range(usuarios)
            ]
            await esperar(lambda: len(listos) + len(hechos) >= usuarios, limite_s)
            await asyncio.sleep(1.0)  # que terminen de dibujarse
            navegador_procesos = procesos_navegador(pid)
            cpu_servidor, cpu_navegador = cpu([servidor]), cpu(navegador_procesos)
            inicio = time.monotonic()
            largada.set()
            await esperar(lambda: len(hechos) >= usuarios, limite_s + 30)
            medicion.reloj_s = time.monotonic() - inicio
            medicion.cpu_servidor_s = cpu([servidor]) - cpu_servidor
            medicion.cpu_navegador_s = cpu(navegador_procesos) - cpu_navegador
            cerrar.set()
            await asyncio.wait_for(asyncio.gather(*tareas), timeout=60)
        finally:
            await navegador.close()


async def esperar(condicion, limite_s: float) -> None:
    """Espera hasta que ``condicion()`` se cumpla o pasen ``limite_s`` segundos."""
    limite = time.monotonic() + limite_s
    while not condicion() and time.monotonic() < limite:
        await asyncio.sleep(0.1)


def navegador_pid(navegador) -> int | None:
    """El pid del Chromium lanzado por Playwright (el hijo ``chromium`` del controlador de Playwright)."""
    for proceso in psutil.Process().children(recursive=True):
        try:
            if "chromium" in proceso.name() and "--type=" not in " ".join(proceso.cmdline()):
                return proceso.pid
        except psutil.Error:
            continue
    return None


@contextmanager
def servidor_de_carga(registro: Path, raiz: Path = RAIZ, **variables: str):
    """Un ``simulacion-taller`` nuevo con el paquete ``simulacion`` de ``raiz`` (y ``variables`` de entorno
    de más) en un puerto libre; da su dirección y su proceso (psutil), ya asentado; al salir lo detiene."""
    entorno = {**os.environ, "PYTHONPATH": str(raiz), **variables}
    servidor = ServidorTaller(registro, entorno=entorno, carpeta=raiz)
    try:
        url = servidor.iniciar(120)
        proceso = psutil.Process(servidor.proceso.pid)
        time.sleep(1.0)
        yield url, proceso
    finally:
        servidor.detener()


def medir(usuarios: int, pasos: int, limite_s: float, raiz: Path = RAIZ) -> Medicion:
    """Un servidor nuevo con el paquete ``simulacion`` de ``raiz``, K participantes, y lo medido."""
    medicion = Medicion(usuarios, pasos)
    registro = Path(tempfile.mkdtemp(prefix="carga_taller_")) / "servidor.log"
    with servidor_de_carga(registro, raiz) as (url, servidor):
        medicion.rss_inicial = servidor.memory_info().rss / MB
        with Muestreo(servidor) as muestreo:
            asyncio.run(medir_con_navegador(url, usuarios, pasos, limite_s, servidor, medicion))
            medicion.rss_final = servidor.memory_info().rss / MB
        medicion.rss_maximo = muestreo.maximo / MB
    if "Traceback" in registro.read_text():
        medicion.errores.append(f"el servidor registró un error: {registro}")
    return medicion


def fila(m: Medicion, version: str = "") -> str:
    """Una fila de la tabla de docs/rendimiento.md."""
    juego = m.juego_s or [float("nan")]
    carga = m.carga_s or [float("nan")]
    por_trimestre = 1000 * m.cpu_servidor_s / max(1, m.usuarios * m.pasos)
    return (
        f"| {m.usuarios} {version} | {statistics.median(carga):.1f} / {max(carga):.1f} s "
        f"| **{statistics.median(juego):.1f}** / {max(juego):.1f} s "
        f"| {m.rss_inicial:.0f} → {m.rss_maximo:.0f} MB ({(m.rss_maximo - m.rss_inicial) / m.usuarios:.0f} MB c/u) "
        f"| {m.cpu_servidor_s:.0f} s ({por_trimestre:.0f} ms por trimestre y participante) "
        f"| {m.cpu_navegador_s:.0f} s | {len(m.juego_s)}/{m.usuarios} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--usuarios", type=int, nargs="+", default=[6, 12, 30], help="valores de K (6 12 30)")
    parser.add_argument("--pasos", type=int, default=PASOS_POR_DEFECTO, help="trimestres a jugar (los de la página)")
    parser.add_argument("--limite", type=float, default=600.0, help="segundos máximos de cada espera")
    parser.add_argument(
        "--antes",
        type=Path,
        help="carpeta con otro paquete simulacion/ (p. ej. de git archive): para cada K se mide antes ese y luego este",
    )
    args = parser.parse_args()
    if not 1 <= args.pasos <= PASOS_POR_DEFECTO:
        parser.error(f"la página reproduce {PASOS_POR_DEFECTO} trimestres por defecto: --pasos entre 1 y ese número")
    if shutil.which("chromium") is None:
        parser.error("no hay Chromium instalado (apt-get install chromium)")

    print(f"mínimo posible: {args.pasos} × {INTERVALO_REPRODUCIR} s = {args.pasos * INTERVALO_REPRODUCIR:.0f} s")
    versiones = [("antes", args.antes.resolve()), ("después", RAIZ)] if args.antes else [("", RAIZ)]
    print(
        f"| participantes | carga de la página (mediana / máx.) | jugar {args.pasos} trimestres (mediana / máx.) "
        "| memoria del servidor (RSS) | CPU del servidor | CPU del navegador | terminaron |"
    )
    print("|---|---|---|---|---|---|---|")
    for usuarios in args.usuarios:
        for version, raiz in versiones:
            carga = os.getloadavg()
            m = medir(usuarios, args.pasos, args.limite, raiz)
            print(fila(m, version), flush=True)
            print(f"    carga media antes: {carga[0]:.1f}, reloj de la reproducción {m.reloj_s:.1f} s", flush=True)
            for error in m.errores:
                print(f"    {error}", flush=True)


if __name__ == "__main__":
    main()
