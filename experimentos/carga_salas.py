"""Carga de las salas por roles: N participantes en G grupos, un facilitador, varios años.

Uso (desde la carpeta del repositorio, con el Chromium de Debian):

    .venv/bin/python experimentos/carga_salas.py                                  # 30 en 6 grupos, 3 años
    .venv/bin/python experimentos/carga_salas.py --participantes 4 --grupos 2 --anios 1   # prueba corta
    .venv/bin/python experimentos/carga_salas.py --participantes 4 --grupos 2 --capturas docs/figuras

La máquina es compartida: la medición completa (30 contextos de Chromium) ocupa los dos núcleos
varios minutos; córrala con la máquina libre y anote ``uptime`` con las cifras (el script lo imprime).

Arranca un ``simulacion-taller`` nuevo en 127.0.0.1 (puerto libre) con las salas en una carpeta
temporal donde antes se abrió la sala (``Registro.crear``; el servidor la lee al iniciar). Abre un
contexto de Playwright por participante (cada uno, su propia sesión, como un teléfono) y uno para el
facilitador en ``/sala?codigo=…&facilitador=…``. El participante ``k`` entra al grupo ``k mod G`` con
el rol ``k // G mod 3``. Cada año todos envían su decisión a la vez y, cuando llegaron todas, el
facilitador pulsa «Avanzar un año». Informa (mediana / máximo):

- entrar: de abrir ``/sala/XXXX`` a ver su grupo y rol (incluye bajar la página);
- decisión: del clic en «Enviar decisión» a ver «Decisión recibida» (ida y vuelta al servidor);
- avanzar: del clic en «Avanzar un año» a ver «Año N de …» en la pantalla del facilitador, y hasta
  que el último teléfono muestra el formulario del año nuevo;
- memoria y CPU del servidor (psutil), como ``experimentos/carga_taller.py``, cuyas piezas usa.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

RAIZ = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RAIZ))
sys.path.insert(0, str(RAIZ / "experimentos"))

from carga_taller import MB, Muestreo, cpu, servidor_de_carga  # noqa: E402

from simulacion.taller.navegador import ARGUMENTOS_CHROMIUM  # noqa: E402
from simulacion.taller.salas.juego import Registro  # noqa: E402
from simulacion.taller.salas.roles import ROLES  # noqa: E402
from simulacion.taller.servidor import VARIABLE_SALAS  # noqa: E402

TITULOS = [rol.titulo for rol in ROLES.values()]


@dataclass
class Medicion:
    participantes: int
    grupos: int
    anios: int
    entrar_s: list[float] = field(default_factory=list)
    decision_s: list[float] = field(default_factory=list)
    avanzar_s: list[float] = field(default_factory=list)  # hasta la pantalla del facilitador
    propagar_s: list[float] = field(default_factory=list)  # hasta el último teléfono
    rss_inicial: float = 0.0
    rss_maximo: float = 0.0
    cpu_servidor_s: float = 0.0
    reloj_s: float = 0.0
    errores: list[str] = field(default_factory=list)


def texto_med(valores: list[float]) -> str:
    if not valores:
        return "sin datos"
    return f"{statistics.median(valores):.2f} / {max(valores):.2f} s"


async def participante(navegador, url: str, codigo: str, k: int, grupos: int, limite_ms: float, m: Medicion):
    """Entra a la sala y devuelve su página (y su contexto, para cerrarlo al final)."""
    grupo, rol = 1 + k % grupos, TITULOS[(k // grupos) % len(TITULOS)]
    contexto = await navegador.new_context(viewport={"width": 412, "height": 900})
    pagina = await contexto.new_page()
    inicio = time.monotonic()
    await pagina.goto(f"{url}sala/{codigo}", timeout=limite_ms)
    await pagina.get_by_role("button", name=str(grupo), exact=True).click(timeout=limite_ms)
    await pagina.get_by_role("button", name=rol, exact=True).click(timeout=limite_ms)
    descripcion = next(r.descripcion for r in ROLES.values() if r.titulo == rol)
    await pagina.get_by_text(descripcion).wait_for(timeout=limite_ms)
    await pagina.get_by_label("Su nombre (opcional)").fill(f"P{k}", timeout=limite_ms)
    await pagina.get_by_role("button", name="Entrar a la sala").click(timeout=limite_ms)
    await pagina.get_by_text(f"Grupo {grupo} · {rol} (P{k})").wait_for(timeout=limite_ms)
    m.entrar_s.append(time.monotonic() - inicio)
    return contexto, pagina


async def decidir(pagina, anio: int, limite_ms: float, m: Medicion) -> None:
    """Envía la decisión del año y mide la ida y vuelta. El primer año, la municipalidad de cada grupo
    par quita toda la PE (tecla Inicio en su deslizador): así los grupos se separan en el plenario."""
    if anio == 1 and await pagina.get_by_text("· Municipalidad").count():
        grupo = int((await pagina.locator(".rol-participante").inner_text()).split("·")[0].split()[1])
        if grupo % 2 == 0:
            await pagina.get_by_role("slider").nth(1).press("Home")
            await pagina.get_by_text("Promoción económica (PE): 0 %").wait_for(timeout=limite_ms)
    inicio = time.monotonic()
    await pagina.get_by_role("button", name="Enviar decisión").click(timeout=limite_ms)
    await pagina.get_by_text(f"Decisión recibida para el año {anio}").wait_for(timeout=limite_ms)
    m.decision_s.append(time.monotonic() - inicio)


async def jugar(url: str, codigo: str, ficha: str, args, servidor: psutil.Process, m: Medicion) -> None:
    from playwright.async_api import async_playwright

    limite_ms = 1000 * args.limite
    async with async_playwright() as p:
        navegador = await p.chromium.launch(executable_path=shutil.which("chromium"), args=ARGUMENTOS_CHROMIUM)
        try:
            facilitador = await (await navegador.new_context()).new_page()
            await facilitador.goto(f"{url}sala?codigo={codigo}&facilitador={ficha}", timeout=limite_ms)
            await facilitador.get_by_text(f"Año 1 de {args.anios}").wait_for(timeout=limite_ms)
            inicio_total, cpu_inicial = time.monotonic(), cpu([servidor])
            resultados = await asyncio.gather(
                *(
                    participante(navegador, url, codigo, k, args.grupos, limite_ms, m)
                    for k in range(args.participantes)
                ),
                return_exceptions=True,
            )
            paginas = [r[1] for r in resultados if not isinstance(r, BaseException)]
            m.errores += [
                f"entrar: {type(r).__name__}: {str(r).splitlines()[0]}"
                for r in resultados
                if isinstance(r, BaseException)
            ]
            for anio in range(1, args.anios + 1):
                hechos = await asyncio.gather(
                    *(decidir(pg, anio, limite_ms, m) for pg in paginas), return_exceptions=True
                )
                m.errores += [f"decidir año {anio}: {type(r).__name__}" for r in hechos if isinstance(r, BaseException)]
                inicio = time.monotonic()
                await facilitador.get_by_role("button", name="Avanzar un año").click(timeout=limite_ms)
                await (
                    facilitador.get_by_text(f"Año {anio + 1} de {args.anios}")
                    .or_(facilitador.get_by_text(f"Se jugaron los {args.anios} años"))
                    .first.wait_for(timeout=limite_ms)
                )
                m.avanzar_s.append(time.monotonic() - inicio)
                if anio < args.anios:
                    await asyncio.gather(
                        *(
                            pg.get_by_text(f"Su decisión para el año {anio + 1}").wait_for(timeout=limite_ms)
                            for pg in paginas
                        )
                    )
                    m.propagar_s.append(time.monotonic() - inicio)
                    if args.capturas and anio == 1 and paginas:
                        await capturar_telefono(paginas[0], args.capturas)
            m.reloj_s = time.monotonic() - inicio_total
            m.cpu_servidor_s = cpu([servidor]) - cpu_inicial
            if args.capturas:
                await capturar(facilitador, paginas, args.capturas)
        finally:
            await navegador.close()


async def capturar(facilitador, paginas, carpeta: Path) -> None:
    """Capturas para la guía: el panel del facilitador, el plenario y un teléfono. La disposición de
    Solara desplaza su propio contenedor (no la ventana): con una ventana alta entra todo el panel y
    se recorta cada parte por su recuadro."""
    carpeta.mkdir(parents=True, exist_ok=True)
    await facilitador.set_viewport_size({"width": 1280, "height": 3200})
    await facilitador.wait_for_timeout(2000)  # que los gráficos terminen de dibujarse
    await facilitador.screenshot(path=str(carpeta / "salas_facilitador.png"), clip=_recuadro(0, 0, 1280, 900))
    caja = await facilitador.locator(".plenario").bounding_box()
    await facilitador.screenshot(path=str(carpeta / "salas_plenario.png"), clip=caja)


async def capturar_telefono(pagina, carpeta: Path) -> None:
    """El teléfono de la municipalidad del grupo 1 a mitad del juego, entero (ventana alta)."""
    carpeta.mkdir(parents=True, exist_ok=True)
    await pagina.set_viewport_size({"width": 412, "height": 1900})
    await pagina.wait_for_timeout(1000)
    await pagina.screenshot(path=str(carpeta / "salas_telefono.png"))


def _recuadro(x: float, y: float, ancho: float, alto: float) -> dict:
    return {"x": x, "y": y, "width": ancho, "height": alto}


def medir(args) -> Medicion:
    m = Medicion(args.participantes, args.grupos, args.anios)
    carpeta = Path(tempfile.mkdtemp(prefix="carga_salas_"))
    sala = Registro(carpeta / "salas").crear(grupos=args.grupos, anios=args.anios).sala
    registro = carpeta / "servidor.log"
    with servidor_de_carga(registro, RAIZ, **{VARIABLE_SALAS: str(carpeta / "salas")}) as (url, servidor):
        m.rss_inicial = servidor.memory_info().rss / MB
        with Muestreo(servidor) as muestreo:
            asyncio.run(jugar(url, sala.codigo, sala.ficha_facilitador, args, servidor, m))
        m.rss_maximo = muestreo.maximo / MB
    if "Traceback" in registro.read_text():
        m.errores.append(f"el servidor registró un error: {registro}")
    return m


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participantes", type=int, default=30)
    parser.add_argument("--grupos", type=int, default=6)
    parser.add_argument("--anios", type=int, default=3)
    parser.add_argument("--limite", type=float, default=300.0, help="segundos máximos de cada espera")
    parser.add_argument("--capturas", type=Path, help="carpeta donde guardar capturas (p. ej. docs/figuras)")
    args = parser.parse_args()
    if shutil.which("chromium") is None:
        parser.error("no hay Chromium instalado (apt-get install chromium)")
    carga = os.getloadavg()
    m = medir(args)
    print(f"{m.participantes} participantes en {m.grupos} grupos, {m.anios} años; carga media antes: {carga[0]:.1f}")
    print(f"  entrar (mediana / máx.):            {texto_med(m.entrar_s)}")
    print(f"  decisión, ida y vuelta:             {texto_med(m.decision_s)}")
    print(f"  «Avanzar un año» (facilitador):     {texto_med(m.avanzar_s)}")
    print(f"  ... hasta el último teléfono:       {texto_med(m.propagar_s)}")
    memoria = f"RSS {m.rss_inicial:.0f} → {m.rss_maximo:.0f} MB"
    print(f"  servidor: {memoria}, CPU {m.cpu_servidor_s:.0f} s en {m.reloj_s:.0f} s")
    for error in m.errores:
        print(f"  {error}")


if __name__ == "__main__":
    main()
