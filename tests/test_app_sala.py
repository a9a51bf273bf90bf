"""La página del taller en una sala de verdad (Playwright con el Chromium de Debian): enlaces que abren
una elección y reconstruyen la corrida, valores inválidos con mensajes en castellano, teléfono sin
desplazamiento horizontal y con zoom, modo presentación en un proyector, impresión, y el aviso cuando
el servidor se detiene de verdad (y la corrida que vuelve al recargar).

Un solo servidor para el módulo; las dos últimas pruebas lo detienen (la marcada ``lento`` lo vuelve a
iniciar en el mismo puerto y recarga la página).
Se salta sólo si no hay Chromium (``apt-get install chromium``).
"""

from __future__ import annotations

import re
import time

import pytest
from conftest import CHROMIUM

from simulacion.indicadores import indicador
from simulacion.taller import enlaces
from simulacion.taller import sesion as taller

sync_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no hay Chromium instalado (apt-get install chromium)")

CASO = next((op.nombre for op in taller.catalogo("caso") if op.nombre != "ninguno"), None)
DESBORDES = """() => {
  const fuera = [...document.querySelectorAll('.sala *')].filter(e => {
    const caja = e.getBoundingClientRect();
    return caja.width > 0 && caja.right > innerWidth + 1;
  }).map(e => `${e.tagName}.${e.className} ${e.getAttribute('aria-label') || ''}`);
  const desplazables = [document.scrollingElement, ...document.querySelectorAll('*')].filter(e =>
    e.scrollWidth > e.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX));
  const recortados = [...document.querySelectorAll('.sala *')].filter(e =>
    getComputedStyle(e).textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth + 1);
  return {fuera: fuera.slice(0, 5), desplazables: desplazables.map(e => e.tagName + '.' + e.className),
          recortados: recortados.map(e => `${e.tagName}.${e.className} ${e.innerText.slice(0, 30)}`),
          documento: document.scrollingElement.scrollWidth, ancho: innerWidth};
}"""


def _abrir(navegador, url: str, **opciones):
    contexto = navegador.new_context(**{"viewport": {"width": 1400, "height": 1000}, **opciones})
    pagina = contexto.new_page()
    pagina.goto(url)
    return contexto, pagina


def _trimestre(pagina, n: int, espera: float = 60_000) -> None:
    pagina.locator(".trimestre-actual", has_text=re.compile(f"^Trimestre {n}$")).wait_for(timeout=espera)


def _indicadores_esperados(n: int, **parametros) -> list[str]:
    """Producción y pymes tras ``n`` trimestres de una corrida nueva en Python, con el formato de la página."""
    modelo = taller.ModeloTaller(**parametros)
    for _ in range(n):
        modelo.step()
    serie = modelo.series
    return [indicador(c).mostrar(serie[c].iloc[-1]) for c in ("produccion_total", "pymes_innovadoras")]


def _imprimir(pagina) -> None:
    """Al imprimir: sin controles, con los ajustes, la matriz, el desenlace y los gráficos, y nada
    recortado a la primera pantalla."""
    pagina.emulate_media(media="print")
    assert not pagina.locator(".sala-controles").is_visible()
    resumen = pagina.locator(".solo-impresion")
    assert resumen.is_visible() and "Semilla: 1" in resumen.inner_text() and "Trimestre: 6" in resumen.inner_text()
    for selector in (
        ".matriz",
        ".desenlace-parcial",
        '[aria-label^="Gráfico: Producción total"]',
        '[aria-label^="Gráfico: Pymes"]',
    ):
        assert pagina.locator(selector).first.is_visible(), selector
    assert pagina.evaluate("() => document.scrollingElement.scrollHeight") > 1200
    assert len(re.findall(rb"/Type\s*/Page\b", pagina.pdf(format="A4"))) >= 2
    pagina.emulate_media(media="screen")


@pytest.mark.skipif(CASO is None, reason="todavía no hay casos en configs/caso/")
def test_enlace_abre_la_eleccion_y_reconstruye_la_corrida(servidor, navegador):
    """Un enlace abre la elección y reproduce la corrida; la dirección sigue a la página; imprimir,
    copiar el enlace, el modo presentación y «Valores por defecto»."""
    consulta = f"caso={CASO}&semilla=1&estrategia=lamentable&trimestre=5"
    contexto, pagina = _abrir(navegador, f"{servidor.url}?{consulta}")
    contexto.grant_permissions(["clipboard-read", "clipboard-write"])
    _trimestre(pagina, 5)
    celda = pagina.locator("td.actual")
    assert "AP 0.90, PE 0.00" in celda.inner_text() and "lamentable" in celda.inner_text()
    assert pagina.locator(".v-select", has_text="Estrategia").first.inner_text().endswith("lamentable")
    titulo = next(op.titulo for op in taller.catalogo("caso") if op.nombre == CASO)
    assert titulo in pagina.locator(".v-select", has_text="Caso").first.inner_text()
    sync_api.expect(pagina.get_by_label("Semilla")).to_have_value("1")
    # La misma elección y semilla dan los mismos números que una corrida nueva.
    texto = pagina.locator(".indicadores-en-vivo").inner_text()
    for valor in _indicadores_esperados(5, estrategia="lamentable", caso=CASO, semilla=1):
        assert valor in texto
    # La dirección sigue a la página (y trae el trimestre alcanzado); «Copiar enlace» copia esa dirección.
    pagina.get_by_role("button", name="Paso").click()
    _trimestre(pagina, 6)
    pagina.wait_for_function("() => location.search.includes('trimestre=6')", timeout=10_000)
    assert enlaces.leer_enlace(pagina.url.split("?")[1]).valores == {
        "caso": CASO,
        "semilla": 1,
        "estrategia": "lamentable",
        "trimestre": 6,
    }
    _imprimir(pagina)
    pagina.get_by_role("button", name="Copiar enlace").click()
    pagina.get_by_text("Enlace copiado").wait_for(timeout=5_000)
    assert pagina.evaluate("() => navigator.clipboard.readText()") == pagina.url
    _presentacion(pagina)
    # «Valores por defecto»: la elección sin enlace, en el trimestre 0.
    pagina.get_by_role("button", name="Valores por defecto").click()
    pagina.locator("td.actual", has_text="AP 0.45, PE 0.45").wait_for(timeout=30_000)
    _trimestre(pagina, 0)
    pagina.wait_for_function("() => location.search === ''", timeout=10_000)
    sync_api.expect(pagina.get_by_label("Semilla")).to_have_value("0")
    contexto.close()


def _sin_desbordes(pagina, donde: str) -> None:
    """Nada más ancho que la pantalla del teléfono (ni el documento ni un contenedor que se desplace) y
    ningún texto cortado con «…»."""
    medida = pagina.evaluate(DESBORDES)
    assert medida["documento"] <= medida["ancho"] == 390, (donde, medida)
    assert not medida["fuera"] and not medida["desplazables"] and not medida["recortados"], (donde, medida)


def test_telefono_con_un_enlace_invalido(servidor, navegador):
    """Un teléfono abre un enlace con valores que no sirven: avisos sencillos, la página sigue con los
    valores por defecto, sin desplazamiento horizontal y con zoom, también con corridas superpuestas y
    en «Comparar estrategias» (el enlace pide 8 trimestres: la comparación es corta)."""
    contexto, pagina = _abrir(
        navegador,
        f"{servidor.url}?semilla=abc&caso=no_existe&ap=2&pasos=8",
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    )
    _trimestre(pagina, 0)
    errores = pagina.locator(".aviso-error").all_inner_texts()
    assert any(t.startswith("Semilla: «abc» no sirve") for t in errores), errores
    assert any(t.startswith("Caso: «no_existe» no sirve") for t in errores), errores
    assert any(t.startswith("Apoyo a la producción (AP): «2» no sirve") for t in errores), errores
    pagina.get_by_role("button", name="Paso").click()  # la página sigue, con los valores por defecto
    _trimestre(pagina, 1)
    assert "AP 0.45, PE 0.45" in pagina.locator("td.actual").inner_text()
    # Una semilla inválida escrita a mano: mensaje en castellano y la corrida sigue con la anterior.
    for malo in ("-5", "abc"):
        campo = pagina.get_by_label("Semilla")
        campo.fill(malo)
        campo.press("Enter")
        pagina.get_by_text(f"«{malo}» no es una semilla válida").wait_for(timeout=10_000)
        _trimestre(pagina, 1)
    texto = pagina.inner_text("body")
    assert "HYDRA_FULL_ERROR" not in texto and "Traceback" not in texto and "must be" not in texto
    pagina.locator('[aria-label^="Gráfico: Producción total"] canvas').wait_for(timeout=30_000)
    _sin_desbordes(pagina, "en vivo")
    # Contador, desenlace y gráfico principal: a su ancho y alcanzables desplazándose hacia abajo.
    for selector in (".trimestre-actual", ".desenlace-parcial", '[aria-label^="Gráfico: Producción total"]'):
        elemento = pagina.locator(selector).first
        elemento.scroll_into_view_if_needed()
        caja = elemento.bounding_box()
        assert caja and caja["x"] >= 0 and caja["x"] + caja["width"] <= 390 and 0 <= caja["y"] < 844, selector
    # Una corrida guardada, superpuesta a la corrida en curso.
    pagina.get_by_role("button", name="Guardar esta corrida").click()
    pagina.locator('[aria-label^="Superposición"] canvas').first.wait_for(timeout=30_000)
    _sin_desbordes(pagina, "superposición")
    # «Comparar estrategias» con una semilla por estrategia: las tarjetas de cada estrategia.
    pagina.get_by_role("tab", name="Comparar estrategias").click()
    pagina.locator(".vista-comparar [role=slider]").first.press("Home")
    pagina.get_by_text("Semillas por estrategia: 1").wait_for(timeout=30_000)
    pagina.get_by_role("button", name=re.compile("^Comparar")).click()
    pagina.locator('[aria-label^="Comparación"] canvas').first.wait_for(timeout=120_000)
    _sin_desbordes(pagina, "comparar")
    # Zoom con dos dedos: la escala de la vista cambia (con user-scalable=no quedaría en 1).
    cdp = contexto.new_cdp_session(pagina)
    cdp.send("Input.synthesizePinchGesture", {"x": 195, "y": 400, "scaleFactor": 2.0, "relativeSpeed": 800})
    pagina.wait_for_function("() => window.visualViewport.scale > 1.2", timeout=10_000)
    contexto.close()


def _presentacion(pagina) -> None:
    """Modo presentación en un proyector: la matriz y el gráfico principal en la primera pantalla, con
    letra grande; el interruptor lo pone y lo saca, y la dirección lo lleva."""
    pagina.get_by_label("Modo presentación").check()
    pagina.locator(".modo-presentacion").wait_for(timeout=30_000)
    pagina.wait_for_function("() => location.search.includes('presentacion=1')", timeout=10_000)
    grafico = pagina.locator('[aria-label^="Gráfico: Producción total"]')
    for ancho, alto in ((1024, 768), (1280, 720)):
        pagina.set_viewport_size({"width": ancho, "height": alto})
        pagina.wait_for_timeout(300)  # los gráficos toman el nuevo tamaño
        for caja in (pagina.locator(".matriz").bounding_box(), grafico.bounding_box()):
            assert caja["x"] >= 0 and caja["x"] + caja["width"] <= ancho, (ancho, caja)
            assert caja["y"] + caja["height"] <= alto, (alto, caja)
    assert float(pagina.locator(".matriz").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 18
    pagina.get_by_label("Modo presentación").uncheck()
    pagina.locator(".modo-normal").wait_for(timeout=30_000)
    pagina.wait_for_function("() => !location.search.includes('presentacion')", timeout=10_000)


def _detener_y_esperar_el_aviso(servidor, pagina) -> None:
    """Detiene el servidor de verdad y espera el aviso de conexión perdida (a lo sumo 10 s)."""
    assert not pagina.locator(".conexion-perdida").is_visible()
    servidor.detener()
    inicio = time.monotonic()
    aviso = pagina.locator(".conexion-perdida")
    aviso.wait_for(timeout=10_000)
    demora = time.monotonic() - inicio
    assert "Se perdió la conexión con el servidor" in aviso.inner_text() and "recargue" in aviso.inner_text()
    assert demora < 10, demora


def test_aviso_al_detener_el_servidor(servidor, navegador):
    """Detiene el servidor (por eso va al final del módulo): el aviso aparece y la dirección conserva
    la elección y el trimestre, con los que la página se reconstruye al recargar (como un enlace)."""
    if servidor.proceso is None or servidor.proceso.poll() is not None:
        servidor.iniciar()
    contexto, pagina = _abrir(navegador, f"{servidor.url}?estrategia=arriesgada&semilla=3")
    _trimestre(pagina, 0)
    pagina.get_by_role("button", name="Paso").click()
    _trimestre(pagina, 1)
    pagina.wait_for_function("() => location.search.includes('trimestre=1')", timeout=10_000)
    _detener_y_esperar_el_aviso(servidor, pagina)
    valores = enlaces.leer_enlace(pagina.url.split("?")[1]).valores
    assert valores == {"estrategia": "arriesgada", "semilla": 3, "trimestre": 1}
    contexto.close()


@pytest.mark.lento
def test_corrida_vuelve_al_reiniciar_el_servidor_y_recargar(servidor, navegador):
    """El recorrido completo: servidor detenido, aviso, servidor de vuelta, «Recargar la página» y la
    corrida reconstruida con los mismos ajustes (lento: arranca el servidor otra vez)."""
    if servidor.proceso is None or servidor.proceso.poll() is not None:
        servidor.iniciar()
    contexto, pagina = _abrir(navegador, f"{servidor.url}?estrategia=arriesgada&semilla=3&trimestre=2")
    _trimestre(pagina, 2)
    _detener_y_esperar_el_aviso(servidor, pagina)
    servidor.iniciar()
    pagina.get_by_role("button", name="Recargar la página").click()
    _trimestre(pagina, 2)
    assert "AP 0.00, PE 0.90" in pagina.locator("td.actual").inner_text()
    sync_api.expect(pagina.get_by_label("Semilla")).to_have_value("3")
    assert not pagina.locator(".conexion-perdida").is_visible()
    contexto.close()
