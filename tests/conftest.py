"""Utilidades comunes de las pruebas: configuraciones y modelos, y el servidor del taller y el navegador
de las pruebas en un navegador (``tests/test_app_navegador.py``, ``test_app_sala.py``, ``test_app_guia.py``)."""

from __future__ import annotations

import os
import shutil
import time

import numpy as np
import pytest

from simulacion.config import Configuracion
from simulacion.estrategias import estrategias
from simulacion.modelo import ModeloTerritorial

# Nombre → (AP, PE), de configs/estrategia/ (simulacion/estrategias.py).
ESTRATEGIAS = {nombre: (e.apoyo_produccion, e.promocion_economica) for nombre, e in estrategias().items()}


def configuracion(
    semilla: int = 0, ap: float = 0.45, pe: float = 0.45, prehistoria: int | None = None, **territorio
) -> Configuracion:
    """Configuración por defecto con intensidades, prehistoria (trimestres) y territorio ajustables."""
    cfg = Configuracion(semilla=semilla)
    if prehistoria is not None:
        cfg.economia.trimestres_prehistoria = prehistoria
    cfg.estrategia.apoyo_produccion = ap
    cfg.estrategia.promocion_economica = pe
    for clave, valor in territorio.items():
        setattr(cfg.territorio, clave, valor)
    return cfg


def modelo(
    semilla: int = 0, ap: float = 0.45, pe: float = 0.45, pasos: int = 0, prehistoria: int | None = None, **territorio
) -> ModeloTerritorial:
    """Modelo construido (y avanzado ``pasos`` trimestres)."""
    m = ModeloTerritorial(configuracion(semilla, ap, pe, prehistoria, **territorio))
    for _ in range(pasos):
        m.step()
    return m


@pytest.fixture
def rng():
    return np.random.default_rng(12345)


def esperar(condicion, plazo: float = 20.0) -> None:
    """Espera hasta que ``condicion()`` se cumpla; si no se cumple en ``plazo`` segundos, falla.

    Para la página armada en el proceso (``solara.render``): las tareas de la página (reproducir,
    reconstruir el enlace) corren en hilos, y cuando uno de ellos está redibujando, un clic del hilo de
    la prueba le deja su redibujo a ese hilo (reacton no espera el candado) y vuelve antes de que la
    página muestre el cambio."""
    limite = time.monotonic() + plazo
    while not condicion() and time.monotonic() < limite:
        time.sleep(0.05)
    assert condicion(), f"no se cumplió en {plazo:g} s"


# ---------------------------------------------------------------------- el taller en un navegador
# Plazo (ms) para fallar de una espera en el navegador: con los 2 núcleos cargados (pruebas en paralelo,
# un servidor que arranca de nuevo) la primera carga de una página pasó de 30 s una vez en CI.
PLAZO_NAVEGADOR = 90_000
CHROMIUM = shutil.which("chromium")  # el de Debian (apt-get install chromium); nunca se baja otro


@pytest.fixture(scope="module")
def servidor(tmp_path_factory):
    """Un ``simulacion-taller`` de verdad para todo el módulo, en un puerto libre de 127.0.0.1
    (:class:`~simulacion.taller.navegador.ServidorTaller`: ``url``, ``registro`` con su salida; se puede
    detener y volver a iniciar en el mismo puerto). Se detiene al terminar el módulo."""
    from simulacion.taller.navegador import ServidorTaller

    servidor = ServidorTaller(tmp_path_factory.mktemp("taller") / "servidor.log")
    servidor.iniciar()
    yield servidor
    servidor.detener()


@pytest.fixture(scope="module")
def navegador():
    """El Chromium de Debian con Playwright, uno para todo el módulo (se salta si no hay Chromium)."""
    if CHROMIUM is None:
        pytest.skip("no hay Chromium instalado (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    from simulacion.taller.navegador import ARGUMENTOS_CHROMIUM

    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGUMENTOS_CHROMIUM)
        nuevo_contexto = chromium.new_context

        def contexto_con_plazo(**opciones):
            """Cada contexto espera hasta :data:`PLAZO_NAVEGADOR` lo que no nombra su plazo (clic, goto,
            reload): las esperas son por condición y el plazo sólo cuenta para fallar."""
            contexto = nuevo_contexto(**opciones)
            contexto.set_default_timeout(PLAZO_NAVEGADOR)
            return contexto

        chromium.new_context = contexto_con_plazo
        yield chromium
        chromium.close()


# La plantilla de ECharts de Solara llama a ``echarts.init`` sobre un elemento que Vue ya quitó cuando
# se cambia de pestaña o se redibuja mientras se dibuja: escribe este error (en la consola o como error
# no atrapado de la página, según el momento) y el gráfico se dibuja en el render siguiente (las pruebas
# verifican que cada gráfico se dibuje). No es un error de la página.
RUIDO_DE_SOLARA = ("Initialize failed: invalid dom.",)


def vigilar_errores(pagina) -> list[str]:
    """Lista (que se va llenando) de los errores de la página: los de la consola y los no atrapados,
    sin el ruido conocido de la plantilla de ECharts (:data:`RUIDO_DE_SOLARA`)."""
    errores: list[str] = []

    def anotar(texto: str) -> None:
        if texto not in RUIDO_DE_SOLARA:
            errores.append(texto)

    pagina.on("console", lambda m: anotar(m.text) if m.type == "error" else None)
    pagina.on("pageerror", lambda e: anotar(str(e)))
    return errores


@pytest.fixture(scope="module")
def carpeta_salas(tmp_path_factory):
    """Las salas por roles del módulo en una carpeta temporal (``SIMULACION_SALAS``, que el servidor hereda)."""
    carpeta = tmp_path_factory.mktemp("salas") / "salas"
    from simulacion.taller.servidor import VARIABLE_SALAS

    anterior = os.environ.get(VARIABLE_SALAS)
    os.environ[VARIABLE_SALAS] = str(carpeta)
    yield carpeta
    if anterior is None:
        os.environ.pop(VARIABLE_SALAS, None)
    else:
        os.environ[VARIABLE_SALAS] = anterior


@pytest.fixture(scope="module")
def servidor_salas(carpeta_salas, servidor):
    """El ``simulacion-taller`` de conftest, iniciado después de fijar la carpeta de las salas."""
    return servidor, carpeta_salas
