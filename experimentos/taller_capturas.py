"""Capturas de la página del taller para la guía y tiempo de un paso (servidor y navegador).

Uso (desde la carpeta del repositorio, con Chromium instalado):

    .venv/bin/python experimentos/taller_capturas.py            # capturas en docs/figuras/ y tiempos
    .venv/bin/python experimentos/taller_capturas.py --sin-capturas --pasos 30
    .venv/bin/python experimentos/taller_capturas.py --solo-sala      # teléfono, proyector, conexión perdida

Mide dos cosas en el tamaño por defecto (territorio 20×20, 300 pymes):

1. en el servidor: un clic en «Paso» con la página armada en el mismo proceso (el paso del modelo
   más el redibujo: componentes, matriz, opciones del mapa y de los seis gráficos);
2. en el navegador (Chromium de Debian, Playwright): desde el clic en «Paso» hasta que el rótulo
   «Trimestre N» cambia, y hasta la última modificación de la página (gráficos incluidos).
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RAIZ))

from simulacion.taller import pagina  # noqa: E402
from simulacion.taller.navegador import ARGUMENTOS_CHROMIUM, JUGAR, ServidorTaller, servidor_en_segundo_plano  # noqa: E402

MEDIR_PASOS = """async (n) => {
  const boton = [...document.querySelectorAll('button')].find(b => b.innerText.trim().toUpperCase() === 'PASO');
  const rotulo = () => document.querySelector('.trimestre-actual').innerText;
  let ultimo = 0;
  new MutationObserver(() => { ultimo = performance.now(); })
    .observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
  const r = [];
  for (let i = 0; i < n; i++) {
    const antes = rotulo();
    const t0 = performance.now();
    boton.click();
    while (rotulo() === antes) await new Promise(res => setTimeout(res, 2));
    const t1 = performance.now();
    await new Promise(res => setTimeout(res, 500));
    r.push([t1 - t0, ultimo - t0]);
  }
  return r;
}"""


def tiempo_servidor(pasos: int) -> list[float]:
    """Milisegundos por clic en «Paso» en el servidor: el paso del modelo más el redibujo de la
    página (Reacton reconcilia los componentes y los gráficos reciben sus opciones), con la página
    armada en el mismo proceso (``solara.render``), sin navegador ni red."""
    import ipyvuetify as v
    import solara

    _, contexto = solara.render(pagina.Page(), handle_error=False)
    boton = contexto.find(v.Btn, children=["Paso"]).widget
    tiempos = []
    for _ in range(pasos):
        inicio = time.perf_counter()
        boton.click()
        tiempos.append(1000 * (time.perf_counter() - inicio))
    return tiempos


def elegir(pagina, rotulo: str, opcion: str) -> None:
    """Elige ``opcion`` en el menú cuyo rótulo es exactamente ``rotulo``."""
    etiqueta = pagina.locator("label", has_text=re.compile(f"^{re.escape(rotulo)}$"))
    pagina.locator(".v-select").filter(has=etiqueta).first.click()
    pagina.locator(".v-overlay--active .v-list-item-title", has_text=opcion).first.click()


def cifras_de_la_guia(pagina, carpeta: Path) -> None:
    """Caso II a 40 trimestres: la matriz y las tarjetas (las cifras que pide la guía), y el glosario."""
    elegir(pagina, "Caso", "Caso II, mercado municipal")
    pagina.locator("td.actual", has_text="AP 0.45, PE 0.45").wait_for()
    trimestre(pagina, 0)
    pagina.evaluate(JUGAR, 40)
    trimestre(pagina, 40)
    time.sleep(1)
    arriba = pagina.locator("table.matriz").bounding_box()
    abajo = pagina.locator(".indicadores-corrida").bounding_box()
    alto = abajo["y"] + abajo["height"] - arriba["y"] + 8
    recorte = {"x": arriba["x"] - 4, "y": arriba["y"] - 4, "width": arriba["width"] + 8, "height": alto}
    pagina.screenshot(path=carpeta / "taller_cifras_caso_ii.png", clip=recorte, full_page=True)
    glosario = pagina.locator(".glosario-pagina")
    glosario.locator("summary").click()
    time.sleep(0.5)
    glosario.screenshot(path=carpeta / "taller_glosario.png")


def trimestre(pagina, n: int) -> None:
    pagina.locator(".trimestre-actual", has_text=f"Trimestre {n}").first.wait_for(timeout=60_000)


def pasos(pagina, desde: int, hasta: int) -> None:
    for n in range(desde + 1, hasta + 1):
        pagina.get_by_role("button", name="Paso").click()
        trimestre(pagina, n)


def capturas_sala(carpeta: Path) -> None:
    """La página en la sala: un teléfono (390 × 844, la página entera), el modo presentación en un
    proyector de 1024 × 768 y el aviso que aparece al detener el servidor."""
    from playwright.sync_api import sync_playwright

    servidor = ServidorTaller(Path(tempfile.mkdtemp(prefix="taller_")) / "servidor.log")
    url = servidor.iniciar()
    try:
        with sync_playwright() as p:
            navegador = p.chromium.launch(executable_path=shutil.which("chromium"), args=ARGUMENTOS_CHROMIUM)
            telefono = navegador.new_context(
                viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, device_scale_factor=1
            ).new_page()
            telefono.goto(url + "?estrategia=complementariedad&trimestre=12")
            trimestre(telefono, 12)
            time.sleep(2)
            # La página se desplaza dentro de un contenedor de Solara: para la captura se muestra entera.
            telefono.add_style_tag(content=".v-main > div { height: auto !important; overflow: visible !important; }")
            time.sleep(1)
            telefono.screenshot(path=carpeta / "taller_telefono.png", full_page=True)

            proyector = navegador.new_page(viewport={"width": 1024, "height": 768})
            proyector.goto(url + "?estrategia=arriesgada&trimestre=20&presentacion=1")
            trimestre(proyector, 20)
            proyector.locator('[aria-label^="Gráfico: Producción total"] canvas').wait_for(timeout=60_000)
            time.sleep(3)
            proyector.screenshot(path=carpeta / "taller_presentacion.png")

            servidor.detener()
            proyector.locator(".conexion-perdida").wait_for(timeout=15_000)
            proyector.screenshot(path=carpeta / "taller_conexion_perdida.png")
            navegador.close()
    finally:
        servidor.detener()
    print(f"capturas de la sala en {carpeta}")


def guardar(pagina, n: int) -> None:
    """«Guardar esta corrida» y espera a que la lista tenga ``n`` corridas guardadas."""
    pagina.get_by_role("button", name="Guardar esta corrida").click()
    pagina.locator(".corrida-guardada").nth(n - 1).wait_for()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pasos", type=int, default=30, help="pasos medidos (por defecto 30)")
    parser.add_argument("--sin-capturas", action="store_true", help="sólo medir tiempos")
    parser.add_argument("--solo-sala", action="store_true", help="sólo las capturas de teléfono, proyector y conexión")
    parser.add_argument("--carpeta", type=Path, default=RAIZ / "docs" / "figuras")
    parser.add_argument("--solo-cifras", action="store_true", help="sólo las capturas de las cifras de la guía")
    args = parser.parse_args()
    if args.solo_sala:
        capturas_sala(args.carpeta)
        return

    servidor = tiempo_servidor(args.pasos)
    print(
        f"servidor (paso + redibujo), {args.pasos} pasos: mediana {statistics.median(servidor):.1f} ms, "
        f"máximo {max(servidor):.1f} ms"
    )

    from playwright.sync_api import sync_playwright

    registro = Path(tempfile.mkdtemp(prefix="taller_")) / "servidor.log"
    with servidor_en_segundo_plano(registro) as url, sync_playwright() as p:
        navegador = p.chromium.launch(executable_path=shutil.which("chromium"), args=ARGUMENTOS_CHROMIUM)
        pagina = navegador.new_page(viewport={"width": 1600, "height": 1000})
        pagina.goto(url)
        trimestre(pagina, 0)
        time.sleep(2)
        r = pagina.evaluate(MEDIR_PASOS, args.pasos)
        rotulo = [x[0] for x in r]
        todo = [x[1] for x in r]
        print(
            f"navegador, {args.pasos} pasos: rótulo «Trimestre N» mediana {statistics.median(rotulo):.0f} ms "
            f"(máximo {max(rotulo):.0f}); página completa mediana {statistics.median(todo):.0f} ms "
            f"(p90 {sorted(todo)[int(0.9 * len(todo))]:.0f}, máximo {max(todo):.0f})"
        )
        if args.sin_capturas:
            return
        args.carpeta.mkdir(parents=True, exist_ok=True)
        if args.solo_cifras:
            cifras_de_la_guia(pagina, args.carpeta)
            return
        pagina.set_viewport_size({"width": 1600, "height": 1250})
        pagina.get_by_role("button", name="Reiniciar").click()
        trimestre(pagina, 0)
        pasos(pagina, 0, 20)
        time.sleep(1)
        pagina.screenshot(path=args.carpeta / "taller_en_vivo.png")

        guardar(pagina, 1)

        # Con la corrida empezada, otra estrategia rige desde el trimestre siguiente: «Reiniciar» vuelve
        # al trimestre 0 con ella.
        elegir(pagina, "Estrategia", "arriesgada")
        pagina.locator("td.actual", has_text="PE 0.90").wait_for()
        pagina.get_by_role("button", name="Reiniciar").click()
        trimestre(pagina, 0)
        pasos(pagina, 0, 20)
        pagina.get_by_role("button", name="Caminos", exact=True).click()
        time.sleep(1)
        pagina.screenshot(path=args.carpeta / "taller_arriesgada_caminos.png")
        guardar(pagina, 2)

        # La corrida en curso: complementariedad y, desde el trimestre 11, lamentable.
        elegir(pagina, "Estrategia", "complementariedad")
        pagina.get_by_role("button", name="Reiniciar").click()
        trimestre(pagina, 0)
        pasos(pagina, 0, 10)
        elegir(pagina, "Estrategia", "lamentable")
        pagina.locator(".cambios", has_text="desde el trimestre 11").wait_for()
        pasos(pagina, 10, 20)
        superposicion = pagina.locator(".superposicion")
        superposicion.scroll_into_view_if_needed()
        time.sleep(1)
        superposicion.screenshot(path=args.carpeta / "taller_superpuestas.png")

        pagina.get_by_role("tab", name="Comparar estrategias").click()
        pagina.get_by_role("button", name="Comparar").click()
        pagina.locator(".desenlaces-comparados").nth(3).wait_for(timeout=600_000)
        time.sleep(1)
        pagina.screenshot(path=args.carpeta / "taller_comparar.png")
        pagina.get_by_role("tab", name="Territorio en vivo").click()
        cifras_de_la_guia(pagina, args.carpeta)
        navegador.close()
    print(f"capturas en {args.carpeta}")
    capturas_sala(args.carpeta)


if __name__ == "__main__":
    main()
