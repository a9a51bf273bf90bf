"""Matar el servidor en medio de una sala (issue 16): SIGKILL a mitad del juego, se vuelve a iniciar en
el mismo puerto y cada decisión sigue ahí: en el disco, en el panel del facilitador y en el teléfono de
cada participante, que vuelve a su rol con su enlace; el año decidido antes de la caída se juega con su
decisión. El mecanismo sin servidor (guardar y volver a leer la carpeta) está en ``tests/test_salas.py``.
Usa el servidor de las salas de ``tests/conftest.py`` y las utilidades de ``tests/test_salas_navegador.py``.
"""

from __future__ import annotations

import json

import pytest
from conftest import CHROMIUM
from test_salas_navegador import ESPERA, _abrir_sala, _avanzar, _entrar, _enviar, _mover, _telefonos

pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no hay Chromium instalado (apt-get install chromium)")


def test_matar_y_reiniciar_el_servidor_no_pierde_ninguna_decision(servidor_salas, navegador):
    servidor, carpeta = servidor_salas
    url = servidor.url
    contexto_f = navegador.new_context()
    facilitador = contexto_f.new_page()
    facilitador.goto(url + "sala/ZZZZ")  # un código que no existe, en la dirección
    facilitador.get_by_text("La sala ZZZZ no existe").wait_for(timeout=ESPERA)
    codigo = _abrir_sala(facilitador, url)
    direccion_facilitador = facilitador.url
    contexto_t, (ana, dora) = _telefonos(navegador, 2)
    _entrar(ana, url, codigo, 1, "Municipalidad", "Ana")
    _entrar(dora, url, codigo, 2, "Asociación de productores", "Dora")
    _mover(ana, 1, 45, 50)
    _enviar(ana, 1)
    dora.get_by_role("button", name="No van a la mesa").click()
    _enviar(dora, 1)
    _avanzar(facilitador, 2)
    # el teléfono ya muestra el año nuevo antes de mover (si no, la tecla cae en el deslizador del año
    # anterior, que la página reemplaza: así falló una vez en CI)
    ana.get_by_text("Su decisión para el año 2").wait_for(timeout=ESPERA)
    _mover(ana, 0, 45, 30)
    _enviar(ana, 2)  # decidida y todavía sin jugar
    antes = json.loads((carpeta / f"{codigo}.json").read_text())

    servidor.proceso.kill()  # SIGKILL: sin ocasión de guardar nada al salir
    servidor.proceso.wait(timeout=20)
    servidor.iniciar()
    assert json.loads((carpeta / f"{codigo}.json").read_text()) == antes
    # cada uno recarga su enlace y vuelve a su rol; el facilitador, a su sala
    for pagina, grupo, rol in ((ana, 1, "Municipalidad"), (dora, 2, "Asociación de productores")):
        pagina.reload()
        pagina.get_by_text(f"Grupo {grupo} · {rol}").wait_for(timeout=ESPERA)
    ana.get_by_text("Ya decidió para este año: AP 30 %, PE 50 %").wait_for(timeout=ESPERA)
    facilitador.goto(direccion_facilitador)
    facilitador.get_by_text("Año 2 de 5").wait_for(timeout=ESPERA)
    facilitador.locator('tr[data-grupo="1"]').get_by_text("decidió").wait_for(timeout=ESPERA)
    tiempo = facilitador.locator("table.linea-tiempo").inner_text(timeout=ESPERA)
    assert "AP 45 %, PE 50 %" in tiempo and "no van a la mesa" in tiempo and "AP 30 %, PE 50 %" in tiempo
    # y la sala sigue: el año decidido antes de la caída se juega con su decisión
    _avanzar(facilitador, 3)
    despues = json.loads((carpeta / f"{codigo}.json").read_text())
    assert despues["decisiones"] == antes["decisiones"] and despues["anio"] == 2
    for contexto in (contexto_f, contexto_t):
        contexto.close()
