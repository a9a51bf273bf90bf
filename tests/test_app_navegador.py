"""La página del taller en un navegador de verdad: Playwright con el Chromium de Debian.

Arranca ``simulacion-taller`` en un puerto libre, elige una estrategia, avanza trimestres,
reproduce, cambia la capa del mapa; guarda y superpone corridas, cambia la estrategia a mitad de
corrida, enciende las elecciones y cambia de gestión, compara las estrategias con varias semillas y
descarga el material del plenario. Falla ante cualquier pedido fallido o dirigido a otra máquina que
127.0.0.1 (la página debe funcionar sin internet) y ante errores en la consola del navegador. Guarda
capturas en la carpeta temporal de la prueba. Se salta sólo si no hay Chromium (``apt-get install
chromium``)."""

from __future__ import annotations

import io
import re
import time
from pathlib import Path

import pandas as pd
import pytest
from conftest import CHROMIUM, vigilar_errores

from simulacion.indicadores import ESTILO_DESENLACE
from simulacion.resultados.desenlace import DESENLACES
from simulacion.taller import sesion as taller

sync_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no hay Chromium instalado (apt-get install chromium)")

LOCAL = ("http://127.0.0.1:", "ws://127.0.0.1:", "data:", "blob:")
ROTULOS = (
    "Reproducción",
    "Reiniciar",
    "Paso",
    "Reproducir",
    "Estrategia municipal",
    "Gestión municipal y elecciones",
    "Elecciones cada 16 trimestres",
    "Cambio de gestión",
    "Apoyo a la producción (AP)",
    "Promoción económica (PE)",
    "Caso y territorio",
    "Semilla",
    "Descargas",
    "Serie (CSV)",
    "Resumen (PDF, una página)",
    "Territorio en vivo",
    "Comparar estrategias",
    "Matriz de estrategias de la fuente",
    "Color de las celdas",
    "Riego y servicios",
)
ROTULOS_DESENLACE = {ESTILO_DESENLACE[d][0] for d in DESENLACES}  # lo que muestra la página («descomposición»)
INGLES = ("Step", "Reset", "Controls", "Model Parameters", "Information", "Play Interval", "Page 0")


def _elegir(pagina, rotulo: str, opcion: str) -> None:
    """Elige ``opcion`` en el menú desplegable rotulado ``rotulo``."""
    pagina.locator(".v-select", has_text=rotulo).first.click()
    pagina.locator(".v-overlay--active .v-list-item-title", has_text=re.compile(f"^{re.escape(opcion)}$")).click()


def _trimestre(pagina, n: int) -> None:
    pagina.locator(".trimestre-actual", has_text=re.compile(f"^Trimestre {n}$")).wait_for(timeout=30_000)


def _imagen(pagina, rotulo: str) -> str:
    """Contenido del lienzo de un gráfico (como data URL), para ver si se redibujó."""
    lienzo = pagina.locator(f'[aria-label="{rotulo}"] canvas').first
    lienzo.wait_for(timeout=30_000)
    return lienzo.evaluate("c => c.toDataURL()")


def _dibujado(pagina, rotulo: str, espera: float = 10.0) -> bool:
    """¿El lienzo del gráfico ``rotulo`` tiene algo dibujado (no es un lienzo en blanco)?"""
    limite = time.monotonic() + espera
    while time.monotonic() < limite:
        lienzo = pagina.locator(f'[aria-label="{rotulo}"] canvas').first
        if lienzo.evaluate(
            "c => { const b = document.createElement('canvas'); b.width = c.width; b.height = c.height;"
            " return c.toDataURL() !== b.toDataURL(); }"
        ):
            return True
        pagina.wait_for_timeout(100)
    return False


def _cambia(pagina, rotulo: str, antes: str, espera: float = 10.0) -> bool:
    """¿El lienzo del gráfico ``rotulo`` deja de ser ``antes`` dentro de ``espera`` segundos?"""
    limite = time.monotonic() + espera
    while time.monotonic() < limite:
        if _imagen(pagina, rotulo) != antes:
            return True
        pagina.wait_for_timeout(100)
    return False


def _abrir(navegador, url: str):
    """Un contexto nuevo de 1600×1100 con la página abierta en el trimestre 0 y sus errores vigilados."""
    contexto = navegador.new_context(viewport={"width": 1600, "height": 1100})
    pagina = contexto.new_page()
    errores = vigilar_errores(pagina)
    pagina.goto(url)
    _trimestre(pagina, 0)
    return contexto, pagina, errores


def _textos(localizador, n: int, espera: float) -> list[str]:
    """Los textos de los ``n`` elementos de ``localizador`` en cuanto estén los ``n`` a la vez (un redibujo
    puede quitarlos y volver a ponerlos entre esperar uno y leerlos todos); lo último leído si no."""
    limite = time.monotonic() + espera
    textos = localizador.all_inner_texts()
    while len(textos) != n and time.monotonic() < limite:
        time.sleep(0.2)
        textos = localizador.all_inner_texts()
    return textos


def test_taller_en_el_navegador(servidor, navegador, tmp_path):
    url, log = servidor.url, servidor.registro
    pedidos_externos, fallidos = [], []
    contexto = navegador.new_context(viewport={"width": 1600, "height": 1100}, accept_downloads=True)
    contexto.route(
        re.compile(r"^(?!(http|ws)://127\.0\.0\.1:|data:|blob:)"),
        lambda ruta: (pedidos_externos.append(ruta.request.url), ruta.abort()),
    )
    pagina = contexto.new_page()
    pagina.on("requestfailed", lambda r: fallidos.append(f"{r.url}: {r.failure}"))
    pagina.on("response", lambda r: fallidos.append(f"{r.url}: HTTP {r.status}") if r.status >= 400 else None)
    errores = vigilar_errores(pagina)

    pagina.goto(url)
    _trimestre(pagina, 0)
    texto = pagina.inner_text("body")
    for rotulo in ROTULOS:  # los botones se muestran en mayúsculas (CSS)
        assert rotulo.lower() in texto.lower(), rotulo
    for palabra in INGLES:
        assert not re.search(rf"\b{re.escape(palabra)}\b", texto, re.I), palabra
    assert "sin datos" in pagina.locator("td.actual").inner_text()

    # Elegir una estrategia por su nombre: la matriz resalta la celda AP sí / PE no.
    _elegir(pagina, "Estrategia", "lamentable")
    pagina.locator("td.actual", has_text="AP 0.90, PE 0.00").wait_for(timeout=30_000)
    assert "lamentable" in pagina.locator("td.actual").inner_text()
    _trimestre(pagina, 0)
    antes = {r: _imagen(pagina, r) for r in ("Gráfico: Producción total (kS/ por trimestre)", "Mapa del territorio")}

    for n in range(1, 5):
        pagina.get_by_role("button", name="Paso").click()
        _trimestre(pagina, n)
    for rotulo, imagen in antes.items():
        assert _cambia(pagina, rotulo, imagen), f"no se redibujó: {rotulo}"
    desenlace = pagina.locator("td.actual .desenlace-actual").inner_text()
    assert desenlace in ROTULOS_DESENLACE
    assert pagina.locator(".desenlace-parcial").inner_text() == desenlace
    assert re.search(r"Pymes innovadoras ⓘ: \d+ pymes", pagina.locator(".indicadores-en-vivo").inner_text())
    assert "sin datos" not in pagina.locator(".indicadores-en-vivo").inner_text()

    # Reproducir y pausar.
    pagina.get_by_role("button", name="▶ Reproducir").click()
    pagina.wait_for_function(
        "() => parseInt(document.querySelector('.trimestre-actual').innerText.split(' ')[1]) >= 7", timeout=30_000
    )
    pagina.get_by_role("button", name="❚❚ Pausa").click()
    pagina.get_by_role("button", name="▶ Reproducir").wait_for(timeout=10_000)
    trimestre = int(pagina.locator(".trimestre-actual").inner_text().split()[-1])
    assert trimestre >= 7

    # Capa del mapa: otra capa colorea las celdas de otra manera.
    mapa = _imagen(pagina, "Mapa del territorio")
    pagina.get_by_role("button", name="Acceso", exact=True).click()
    assert _cambia(pagina, "Mapa del territorio", mapa)
    pagina.screenshot(path=tmp_path / "taller_en_vivo.png", full_page=True)

    # Un caso de la fuente trae su estrategia; elegir después una de las cuatro la impone.
    casos = [op for op in taller.catalogo("caso") if op.nombre != "ninguno"]
    if casos:
        caso = casos[0]
        _elegir(pagina, "Caso", caso.titulo)
        pagina.get_by_text(caso.descripcion).wait_for(timeout=30_000)
        _trimestre(pagina, 0)
        s = taller.ModeloTaller(estrategia=None, caso=caso.nombre).cfg.estrategia
        pagina.locator("td.actual", has_text=f"AP {s.apoyo_produccion:.2f}, PE {s.promocion_economica:.2f}").wait_for()
        _elegir(pagina, "Estrategia", "condenados")
        pagina.locator("td.actual", has_text="AP 0.00, PE 0.00").wait_for(timeout=30_000)
        assert "condenados" in pagina.locator("td.actual").inner_text()
        for n in (1, 2):
            pagina.get_by_role("button", name="Paso").click()
            _trimestre(pagina, n)
        for rotulo in ("Gráfico: Producción total (kS/ por trimestre)", "Mapa del territorio"):
            assert _dibujado(pagina, rotulo), f"gráfico en blanco tras cambiar de caso y estrategia: {rotulo}"

    contexto.close()

    assert not pedidos_externos, pedidos_externos
    assert not fallidos, fallidos
    assert not errores, errores
    assert "Traceback" not in log.read_text()
    assert io.BytesIO((tmp_path / "taller_en_vivo.png").read_bytes()).getbuffer().nbytes > 10_000


def _descargar(pagina, boton: str) -> tuple[str, Path]:
    """Pulsa el botón de descarga ``boton``; devuelve el nombre propuesto y el archivo bajado."""
    with pagina.expect_download(timeout=60_000) as descarga:
        pagina.get_by_role("button", name=boton).click()
    return descarga.value.suggested_filename, Path(descarga.value.path())


def _serie_csv(ruta: Path) -> pd.DataFrame:
    return pd.read_csv(ruta, sep=";", decimal=",", encoding="utf-8-sig")


def test_descargas_con_todo_lo_jugado(servidor, navegador):
    """El CSV tiene cada trimestre jugado hasta el clic, también tras seguir jugando con el mismo
    botón (nunca un archivo viejo); el PDF es un PDF."""
    url, log = servidor.url, servidor.registro
    contexto = navegador.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    pagina = contexto.new_page()
    pagina.goto(url)
    _trimestre(pagina, 0)
    vacia = _serie_csv(_descargar(pagina, "Serie (CSV)")[1])
    assert vacia.empty and "Producción total (kS/ por trimestre)" in vacia.columns
    for n in range(1, 4):
        pagina.get_by_role("button", name="Paso").click()
        _trimestre(pagina, n)
    serie = _serie_csv(_descargar(pagina, "Serie (CSV)")[1])
    assert serie["Trimestre"].tolist() == [1, 2, 3]
    for n in (4, 5):
        pagina.get_by_role("button", name="Paso").click()
        _trimestre(pagina, n)
    nombre, ruta = _descargar(pagina, "Serie (CSV)")
    assert nombre.endswith("_semilla0_t5.csv") and _serie_csv(ruta)["Trimestre"].tolist() == [1, 2, 3, 4, 5]
    nombre, ruta = _descargar(pagina, "Resumen (PDF, una página)")
    assert nombre.endswith("_t5.pdf") and ruta.read_bytes().startswith(b"%PDF")
    contexto.close()
    assert "Traceback" not in log.read_text()


OPCION_ECHARTS = """e => {
  const modulos = window.requirejs.s.contexts._.defined;
  const echarts = modulos[Object.keys(modulos).find(m => m.includes('/echarts@'))];
  const grafico = echarts && echarts.getInstanceByDom(e);
  return grafico ? grafico.getOption() : null;
}"""


def _opcion(pagina, prefijo: str, listo, espera: float = 15.0) -> dict:
    """Las opciones que dibujó ECharts en el gráfico cuyo rótulo empieza con ``prefijo``, en cuanto
    ``listo(opciones)`` se cumple (falla si no se cumple en ``espera`` segundos)."""
    limite = time.monotonic() + espera
    while True:
        opcion = pagina.locator(f'[aria-label^="{prefijo}"]').first.evaluate(OPCION_ECHARTS)
        if opcion and listo(opcion):
            return opcion
        assert time.monotonic() < limite, f"{prefijo}: {opcion and opcion.get('series')}"
        pagina.wait_for_timeout(100)


def _deslizar(pagina, rotulo: str, teclas: int) -> None:
    """Mueve ``teclas`` pasos a la izquierda el deslizador rotulado ``rotulo`` (con el teclado)."""
    deslizador = pagina.locator(".rotulo-deslizador", has_text=rotulo).first
    deslizador = deslizador.locator("xpath=following::*[@role='slider'][1]")
    deslizador.focus()
    for _ in range(teclas):
        deslizador.press("ArrowLeft")


def _paso(pagina, n: int) -> None:
    pagina.get_by_role("button", name="Paso").click()
    _trimestre(pagina, n)


def test_guardar_superponer_cambiar_estrategia_y_comparar(servidor, navegador, tmp_path):
    """Guardar dos corridas las superpone con dos entradas de leyenda; otra estrategia a mitad de
    corrida sigue la corrida y los gráficos marcan el cambio; «Comparar» con 2 semillas dice
    «… en k de 2» por estrategia, con su rótulo, y el resultado sobrevive a cambiar de pestaña pero no
    a cambiar la semilla."""
    log = servidor.registro
    contexto, pagina, errores = _abrir(navegador, servidor.url)
    _deslizar(pagina, "Trimestres a simular", 8)  # 40 → 8: la comparación queda barata
    pagina.locator(".rotulo-deslizador", has_text="Trimestres a simular: 8").wait_for(timeout=10_000)

    for n in (1, 2, 3):
        _paso(pagina, n)
    pagina.get_by_role("button", name="Guardar esta corrida").click()
    pagina.locator(".corrida-guardada").first.wait_for(timeout=10_000)

    # Otra estrategia a mitad de corrida: la corrida sigue y el cambio rige desde el trimestre 4.
    _elegir(pagina, "Estrategia", "lamentable")
    pagina.locator(".cambios", has_text="lamentable (AP 0.90, PE 0.00) desde el trimestre 4").wait_for(timeout=10_000)
    pagina.locator("td.actual", has_text="AP 0.90, PE 0.00").wait_for(timeout=10_000)
    _trimestre(pagina, 3)
    _paso(pagina, 4)
    opcion = _opcion(pagina, "Gráfico: Producción total", lambda o: len(o["xAxis"][0]["data"]) == 4)
    marcas = opcion["series"][0].get("markLine", {}).get("data", [])
    assert [(m["name"], m["xAxis"]) for m in marcas] == [("→ lamentable", "4")]

    pagina.get_by_role("button", name="Guardar esta corrida").click()
    pagina.locator(".corrida-guardada").nth(1).wait_for(timeout=10_000)
    assert pagina.locator(".corrida-guardada").count() == 2
    opcion = _opcion(pagina, "Superposición: Producción total", lambda o: len(o["series"]) == 3)
    guardadas = [nombre for nombre in opcion["legend"][0]["data"] if not nombre.startswith("en curso")]
    assert guardadas == [
        "1. complementariedad · sin caso · semilla 0",
        "2. complementariedad → lamentable (trimestre 4) · sin caso · semilla 0",
    ]
    assert "markLine" in opcion["series"][1] and "markLine" not in opcion["series"][0]
    pagina.screenshot(path=tmp_path / "taller_superpuestas.png", full_page=True)

    # Comparar: cada estrategia con 2 semillas (5 → 2 con el teclado).
    pagina.get_by_role("tab", name="Comparar estrategias").click()
    _deslizar(pagina, "Semillas por estrategia", 3)
    pagina.get_by_role("button", name="Comparar (8 corridas)").click()
    comparados = pagina.locator(".desenlaces-comparados")
    textos = _textos(comparados, 4, espera=90)
    assert len(textos) == 4 and all(re.fullmatch(r"\w+ en [12] de 2(, \w+ en 1 de 2)?", t) for t in textos), textos
    assert (
        pagina.locator(".rotulo-comparacion").inner_text() == "Resultados: 2 semillas (0 a 1) · sin caso · 8 trimestres"
    )
    for nombre in ("complementariedad", "lamentable", "arriesgada", "condenados"):
        assert pagina.locator(".comparacion").get_by_text(nombre, exact=True).count() == 1
    _opcion(pagina, "Comparación: Producción total", lambda o: len(o["series"]) == 4)

    # Cambiar de pestaña no borra la comparación; cambiar la semilla, sí.
    pagina.get_by_role("tab", name="Territorio en vivo").click()
    assert _dibujado(pagina, "Mapa del territorio")
    pagina.get_by_role("tab", name="Comparar estrategias").click()
    comparados.nth(3).wait_for(timeout=10_000)
    pagina.get_by_label("Semilla").fill("3")
    pagina.get_by_label("Semilla").press("Enter")
    pagina.get_by_text("se borró").wait_for(timeout=10_000)
    assert comparados.count() == 0
    contexto.close()

    assert not errores, errores
    assert "Traceback" not in log.read_text()


def _marcas(pagina, trimestres: int) -> list[dict]:
    """Las marcas (``markLine``) del gráfico de producción cuando ya dibuja ``trimestres`` trimestres."""
    opcion = _opcion(pagina, "Gráfico: Producción total", lambda o: len(o["xAxis"][0]["data"]) == trimestres)
    return opcion["series"][0].get("markLine", {}).get("data", [])


def test_elecciones_y_cambio_de_gestion(servidor, navegador):
    """El interruptor «Elecciones» (apagado al abrir): tras el trimestre 16 el gráfico marca la elección
    con una línea punteada; «Cambio de gestión» con otra estrategia la marca a rayas y la lista de
    cambios la nombra; recargar la página (como tras perder la conexión) reconstruye las dos marcas."""
    log = servidor.registro
    contexto, pagina, errores = _abrir(navegador, servidor.url)
    interruptor = pagina.get_by_label("Elecciones cada 16 trimestres (4 años)")
    assert not interruptor.is_checked()
    _deslizar(pagina, "Trimestres a simular", 5)  # 40 → 20: la reproducción para sola tras la elección
    pagina.locator(".rotulo-deslizador", has_text="Trimestres a simular: 20").wait_for(timeout=10_000)
    interruptor.check()
    pagina.wait_for_function("() => location.search.includes('periodo_electoral=16')", timeout=10_000)
    pagina.get_by_role("button", name="▶ Reproducir").click()
    pagina.locator(".trimestre-actual", has_text=re.compile("^Trimestre 20$")).wait_for(timeout=90_000)
    eleccion = [m for m in _marcas(pagina, 20) if m["name"].startswith("elección")]
    assert [m["xAxis"] for m in eleccion] == ["16"] and eleccion[0]["lineStyle"]["type"] == "dotted"

    # «Cambio de gestión»: una gestión nueva con lamentable desde el trimestre 21.
    _elegir(pagina, "Estrategia de la gestión nueva", "lamentable")
    pagina.get_by_role("button", name="Cambio de gestión").click()
    texto = "gestión nueva: lamentable (AP 0.90, PE 0.00) desde el trimestre 21"
    pagina.locator(".cambios", has_text=texto).wait_for(timeout=10_000)
    pagina.locator("td.actual", has_text="AP 0.90, PE 0.00").wait_for(timeout=10_000)
    _paso(pagina, 21)
    marcas = [(m["name"], m["xAxis"]) for m in _marcas(pagina, 21)]
    assert marcas[0] == ("→ gestión nueva: lamentable", "21") and marcas[1][1] == "16", marcas

    # Recargar: la dirección lleva las elecciones y el cambio de gestión; la corrida se reconstruye igual.
    pagina.wait_for_function("() => location.search.includes('trimestre=21')", timeout=10_000)
    assert "cambios=20:0.9:0:lamentable:gestion" in pagina.url
    pagina.reload()
    _trimestre(pagina, 21)
    assert [(m["name"], m["xAxis"]) for m in _marcas(pagina, 21)] == marcas
    assert pagina.get_by_label("Elecciones cada 16 trimestres (4 años)").is_checked()
    contexto.close()

    assert not errores, errores
    assert "Traceback" not in log.read_text()
