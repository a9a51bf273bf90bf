"""Las salas por roles en un navegador de verdad (issue 16): Playwright con el Chromium de Debian.

Un ``simulacion-taller`` propio (las salas en una carpeta temporal, ``SIMULACION_SALAS``), un
facilitador y tres participantes en dos grupos, tres años, y el plenario. Cada participante es una
página propia (una sesión de Solara aparte, como un teléfono; la ficha va en su dirección) en un
contexto de pantalla de teléfono compartido: así los archivos de la página se bajan una vez. La
carga con un contexto por teléfono está en ``experimentos/carga_salas.py``.

La caída del servidor a mitad de la sala está en ``tests/test_salas_reinicio.py`` (un archivo aparte:
las pruebas en paralelo la corren en otro proceso).
"""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from conftest import CHROMIUM, PLAZO_NAVEGADOR, vigilar_errores

from simulacion.indicadores import ESTILO_DESENLACE
from simulacion.resultados.desenlace import DESENLACES
from simulacion.taller.salas.roles import ROLES
from simulacion.taller.tarjetas import titulo_celda

pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no hay Chromium instalado (apt-get install chromium)")

ESPERA = PLAZO_NAVEGADOR  # ms: plazo para fallar; cada espera termina cuando aparece lo esperado
ROTULOS_DESENLACE = {ESTILO_DESENLACE[d][0] for d in DESENLACES}
INGLES = ("Step", "Reset", "Submit", "Page not found", "Traceback")


def _telefonos(navegador, n: int):
    """Un contexto con pantalla de teléfono y ``n`` páginas (cada una, otra sesión de Solara)."""
    contexto = navegador.new_context(viewport={"width": 412, "height": 900})
    return contexto, [contexto.new_page() for _ in range(n)]


def _abrir_sala(pagina, url: str, grupos: int = 2) -> str:
    """El facilitador abre una sala con ``grupos`` grupos; devuelve su código."""
    pagina.goto(url + "sala")
    pagina.get_by_role("button", name="Abrir la sala").click()
    codigo = pagina.locator(".codigo-sala").inner_text(timeout=ESPERA).split(":")[1].strip()
    assert 4 <= len(codigo) <= 6 and codigo.isalnum() and codigo == codigo.upper()
    pagina.wait_for_url(f"**codigo={codigo}**", timeout=ESPERA)  # el enlace del facilitador
    return codigo


def _entrar(pagina, url: str, codigo: str, grupo: int, rol: str, nombre: str, abrir: bool = True) -> None:
    """Entra a la sala con ``grupo``, ``rol`` y ``nombre`` (``abrir=False``: la página ya va hacia ella)."""
    if abrir:
        pagina.goto(f"{url}sala/{codigo}")
    pagina.get_by_role("button", name=str(grupo), exact=True).click()
    pagina.get_by_text(f"En el grupo {grupo}").or_(pagina.get_by_text("Nadie lo juega")).first.wait_for(timeout=ESPERA)
    pagina.get_by_role("button", name=rol, exact=True).click()
    descripcion = next(r.descripcion for r in ROLES.values() if r.titulo == rol)
    pagina.get_by_text(descripcion).wait_for(timeout=ESPERA)  # el servidor ya sabe qué rol eligió
    pagina.get_by_label("Su nombre (opcional)").fill(nombre)
    pagina.get_by_role("button", name="Entrar a la sala").click()
    try:
        pagina.get_by_text(f"Grupo {grupo} · {rol} ({nombre})").wait_for(timeout=ESPERA)
    except Exception:
        pagina.screenshot(path=f"/tmp/fallo_{nombre}.png", full_page=True)
        raise
    pagina.wait_for_url("**ficha=**", timeout=ESPERA)


RUBROS = ("Apoyo a la producción, obras (AP)", "Promoción económica (PE)")


def _mover(pagina, indice: int, desde: int, hasta: int) -> None:
    """Mueve el deslizador AP (``indice`` 0) o PE (1) de la municipalidad de ``desde`` a ``hasta`` % con
    el teclado, de a un paso de 5 %, esperando que el servidor muestre cada valor (como una persona)."""
    deslizador = pagina.get_by_role("slider").nth(indice)
    deslizador.focus()
    paso = 5 if hasta > desde else -5
    for valor in range(desde + paso, hasta + paso, paso):
        deslizador.press("ArrowRight" if paso > 0 else "ArrowLeft")
        pagina.get_by_text(f"{RUBROS[indice]}: {valor} %").wait_for(timeout=ESPERA)


def _enviar(pagina, anio: int) -> None:
    pagina.get_by_role("button", name="Enviar decisión").click()
    pagina.get_by_text(f"Decisión recibida para el año {anio}").wait_for(timeout=ESPERA)


def _avanzar(facilitador, anio_nuevo: int) -> None:
    facilitador.get_by_role("button", name="Avanzar un año").click()
    facilitador.get_by_text(f"Año {anio_nuevo} de 5").wait_for(timeout=ESPERA)


def _descargar(pagina, rotulo: str) -> bytes:
    with pagina.expect_download(timeout=ESPERA) as descarga:
        pagina.get_by_role("button", name=rotulo).click()
    return open(descarga.value.path(), "rb").read()


def test_facilitador_y_tres_participantes_en_dos_grupos_juegan_tres_anios(servidor_salas, navegador, tmp_path):
    servidor, carpeta = servidor_salas
    url = servidor.url
    contexto_f = navegador.new_context(viewport={"width": 1280, "height": 1000})
    facilitador = contexto_f.new_page()
    errores = vigilar_errores(facilitador)
    codigo = _abrir_sala(facilitador, url)
    contexto_t, (ana, beto, carla) = _telefonos(navegador, 3)
    for pagina, destino in ((ana, f"sala/{codigo}"), (beto, f"sala/{codigo}"), (carla, "sala")):
        pagina.goto(url + destino, wait_until="commit")  # las tres cargan a la vez
    _entrar(ana, url, codigo, 1, "Municipalidad", "Ana", abrir=False)
    _entrar(beto, url, codigo, 1, "Entidad financiera", "Beto", abrir=False)
    # Carla escribe el código en /sala en vez de abrir el enlace: primero uno equivocado
    carla.get_by_label("Código de sala").fill("zzzz")
    carla.get_by_role("button", name="Entrar", exact=True).click()
    carla.get_by_text("La sala ZZZZ no existe").wait_for(timeout=ESPERA)
    carla.get_by_label("Código de sala").fill(codigo.lower())
    carla.get_by_role("button", name="Entrar", exact=True).click()
    carla.wait_for_url(f"**/sala/{codigo}", timeout=ESPERA)
    _entrar(carla, url, codigo, 2, "Municipalidad", "Carla", abrir=False)
    participantes = facilitador.locator(".participantes")
    for nombre in ("Ana", "Beto", "Carla"):
        participantes.get_by_text(nombre).wait_for(timeout=ESPERA)  # el facilitador ve quién entró

    # Año 1: el grupo 1 sube la PE (AP 35 %, PE 55 %), el banco no acepta la garantía; el grupo 2 quita
    # toda la PE (AP 45 %, PE 0 %). Año 2: sólo decide Ana; año 3: nadie (sigue lo anterior).
    _mover(ana, 0, 45, 35)
    _mover(ana, 1, 45, 55)
    _enviar(ana, 1)
    beto.locator("label", has_text="Acepta el fondo de garantía municipal").click()  # el interruptor: de sí a no
    _enviar(beto, 1)
    carla.get_by_role("slider").nth(1).press("Home")  # PE al mínimo de una vez
    carla.get_by_text(f"{RUBROS[1]}: 0 %").wait_for(timeout=ESPERA)
    _enviar(carla, 1)
    facilitador.locator('tr[data-grupo="2"]').get_by_text("decidió").wait_for(timeout=ESPERA)
    _avanzar(facilitador, 2)
    for telefono in (ana, beto, carla):
        telefono.get_by_text("Su decisión para el año 2").wait_for(timeout=ESPERA)
        telefono.get_by_text("En el trimestre 4:").wait_for(timeout=ESPERA)
    _mover(ana, 0, 35, 40)
    _enviar(ana, 2)
    _avanzar(facilitador, 3)
    _avanzar(facilitador, 4)
    ana.get_by_text("Su decisión para el año 4").wait_for(timeout=ESPERA)

    # Plenario: cada grupo en la matriz con su desenlace, la línea de tiempo y las descargas.
    plenario = facilitador.locator(".plenario")
    for grupo in (1, 2):
        punto = plenario.locator(f'li.punto-grupo[data-grupo="{grupo}"]')
        assert punto.locator(".desenlace-grupo").inner_text(timeout=ESPERA) in ROTULOS_DESENLACE
    # el grupo 2 no ejecutó PE: su punto cae en la columna «Sin promoción económica» (la 3.ª)
    celda_2 = plenario.locator("table.matriz-grupos td:has(li[data-grupo='2'])")
    assert titulo_celda((True, False)) in celda_2.inner_text()
    tiempo = plenario.locator("table.linea-tiempo").inner_text()
    assert "AP 35 %, PE 55 %" in tiempo and "AP 40 %, PE 55 %" in tiempo and "AP 45 %, PE 0 %" in tiempo
    assert "sin garantía" in tiempo and "lo juega el modelo" in tiempo
    assert len(plenario.locator("[aria-label^='Trayectorias de los grupos']").all()) == 4
    facilitador.screenshot(path=str(tmp_path / "plenario.png"), full_page=True)
    series = pd.read_csv(io.BytesIO(_descargar(facilitador, "Series de todos los grupos (CSV)")), sep=";", decimal=",")
    assert series["Grupo"].value_counts().to_dict() == {1: 12, 2: 12}
    libro = pd.read_excel(io.BytesIO(_descargar(facilitador, "Grupos, decisiones y series (Excel)")), sheet_name=None)
    assert set(libro) == {"Grupos", "Decisiones", "Series"}
    assert libro["Grupos"]["Desenlace"].isin(ROTULOS_DESENLACE).all()
    # el PDF (una página por grupo) usa el mismo botón; su contenido lo prueba tests/test_salas.py
    guardada = json.loads((carpeta / f"{codigo}.json").read_text())
    assert guardada["anio"] == 3 and len(guardada["decisiones"]) == 4
    texto = facilitador.locator("body").inner_text()
    assert not [palabra for palabra in INGLES if palabra in texto] and not errores
    for contexto in (contexto_f, contexto_t):
        contexto.close()
