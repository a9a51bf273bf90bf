"""La guía del facilitador y la página del taller dicen lo mismo.

Primero, pruebas sin navegador de lo que hace legible la página: glosario (ⓘ) y unidades de cada
indicador mostrado, ejes fijos, acentos, ventanitas de los actores con sentido y totales de la corrida.
Después, un recorrido en un navegador de verdad (Playwright con el Chromium de Debian; un servidor y
un navegador para todo el módulo) por cada punto de control de cada ejercicio de
``docs/guia_facilitador.md``: elige en la página lo que el ejercicio pide, juega los trimestres y lee
cada número que la guía nombra. Que esos números sean los del modelo lo prueba
``tests/test_casos.py::test_la_guia_trae_los_puntos_de_control_del_modelo``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import vigilar_errores

from simulacion.estrategias import nombres
from simulacion.indicadores import ESTILO_DESENLACE, indicador
from simulacion.indicadores.guia import TOTALES, total
from simulacion.taller import graficos, tarjetas
from simulacion.taller import sesion as taller
from simulacion.taller.navegador import JUGAR

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "experimentos"))
import taller_casos  # noqa: E402

MOSTRADOS = tuple(
    dict.fromkeys(
        (
            *tarjetas.INDICADORES_EN_VIVO,
            *tarjetas.INDICADORES_CORRIDA,
            *tarjetas.INDICADORES_COMPARADOS,
            *(c for _, columnas in graficos.PANELES_TALLER for c in columnas),
            *graficos.COLUMNAS_COMPARADAS,
        )
    )
)


# ---------------------------------------------------------------------- sin navegador
@pytest.mark.parametrize("nombre", MOSTRADOS)
def test_cada_indicador_mostrado_tiene_glosario_y_unidad(nombre):
    declarado = indicador(nombre)
    assert declarado.unidad, nombre
    assert len(declarado.glosario) > 20 and "``" not in declarado.glosario, nombre
    vistas = pytest.importorskip("simulacion.taller.vistas")
    assert declarado.titulo in vistas.GLOSARIO and declarado.glosario in vistas.GLOSARIO


def test_glosario_explica_los_terminos_de_la_pagina():
    vistas = pytest.importorskip("simulacion.taller.vistas")
    for termino in ("kS/", "003", "Volatilidad trimestral", "Fracaso de innovadoras", "descomposición"):
        assert termino in vistas.GLOSARIO, termino
    tarjeta = tarjetas.tarjeta_html(indicador("volatilidad"), 0.049)
    assert 'class="glosario"' in tarjeta and "ⓘ" in tarjeta and indicador("volatilidad").glosario in tarjeta
    assert "desvío del log" in tarjeta  # la unidad junto al valor


def test_ejes_fijos_y_con_sentido():
    m = taller.ModeloTaller(semilla=1)
    for _ in range(3):
        m.step()
    paneles = dict(graficos.PANELES_TALLER)
    titulo = next(t for t in paneles if t.startswith("Confianza"))
    assert {k: graficos.opcion_serie(m.series, titulo, paneles[titulo])["yAxis"].get(k) for k in ("min", "max")} == {
        "min": 0.0,
        "max": 1.0,
    }
    produccion = graficos.opcion_serie(m.series, "Producción", ("produccion_total",))["yAxis"]
    assert produccion["min"] == 0.0 and "scale" not in produccion
    mora = graficos.opcion_serie(m.series, "Mora", ("mora",))
    assert mora["yAxis"]["max"] == 100.0  # la mora se dibuja en %, como se rotula
    np.testing.assert_allclose(mora["series"][0]["data"], np.round(100 * m.series["mora"], 3))


def test_paneles_del_taller_muestran_lo_que_pide_la_guia():
    columnas = {c for _, cs in graficos.PANELES_TALLER for c in cs}
    assert {"proyectos_cofinanciados", "credito_otorgado", "mora", "inversion_privada"} <= columnas
    mostrados = set(tarjetas.INDICADORES_EN_VIVO) | set(tarjetas.INDICADORES_CORRIDA)
    for nombre in (
        "proyectos_cofinanciados_suma",
        "concertacion_media",
        "mora",
        "credito_otorgado",
        "gasto_mercado_suma",
        "entradas_empresas_suma",
        "salidas_empresas_suma",
        "inversion_privada",
    ):
        assert nombre in mostrados, nombre


def test_desenlace_con_acento_y_nombre_en_data():
    texto = tarjetas.desenlace_html("descomposicion", "x")
    assert ">descomposición</b>" in texto and 'data-desenlace="descomposicion"' in texto
    assert "descomposicion<" not in tarjetas.matriz_html(0.0, 0.0, "descomposicion")


def test_ventanitas_de_los_actores_sin_numeros_internos():
    m = taller.ModeloTaller(semilla=1)
    m.step()
    for serie in graficos.opcion_mapa(m, "potencial")["series"][1:]:
        assert serie["tooltip"]["formatter"] == "<b>{a}</b><br/>{b}"  # {a}: el tipo de actor
        for punto in serie["data"]:
            assert re.match(r"^(capital|compradora|en el pueblo) .*kS/", punto["name"]), punto["name"]
    pymes = graficos.opcion_mapa(m, "potencial")["series"][1]["data"]
    capital = m.pymes.capital[~m.pymes.innovadora][0]
    assert pymes[0]["name"].startswith(f"capital {capital:,.1f} kS/")


def test_totales_de_la_corrida():
    series = pd.DataFrame(
        {
            "proyectos_cofinanciados": [1, 0, 2],
            "concertacion": [1, 0, 1],
            "mora": [0.0, 0.25, 0.1],
            "pymes_tradicionales": [100, 90, 80],
        }
    )
    assert total("proyectos_cofinanciados_suma", series) == 3
    assert total("concertacion_media", series) == pytest.approx(2 / 3)
    assert total("mora_maximo", series) == 0.25
    assert total("pymes_tradicionales_cambio", series) == pytest.approx(-0.2)
    assert {t.operacion for t in TOTALES} <= {"suma", "media", "maximo", "cambio"}


def test_la_estrategia_del_caso_se_nombra_con_el_titulo_del_caso():
    from simulacion.taller.controles import _descripcion_estrategia, _rotulo_del_caso

    caso = next(op for op in taller.catalogo("caso") if op.nombre == "agua_lacteos")
    assert _rotulo_del_caso("agua_lacteos") == f"la del caso ({caso.titulo})"
    assert "agua_lacteos" not in _rotulo_del_caso("agua_lacteos")
    assert "REMURPE 2003" in _descripcion_estrategia("lamentable", False)


# ---------------------------------------------------------------------- en el navegador
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def pagina_del_taller(servidor, navegador):
    """Una página de Chromium del servidor del módulo (``tests/conftest.py``) para todo el recorrido."""
    pagina = navegador.new_page(viewport={"width": 1600, "height": 1100})
    errores = vigilar_errores(pagina)
    pagina.goto(servidor.url)
    _trimestre(pagina, 0)
    yield pagina
    pagina.close()
    assert not errores, errores
    assert "Traceback" not in servidor.registro.read_text()


def _trimestre(pagina, n: int) -> None:
    pagina.locator(".trimestre-actual", has_text=re.compile(f"^Trimestre {n}$")).wait_for(timeout=60_000)


def _elegir(pagina, rotulo: str, opcion: str) -> None:
    """Elige ``opcion`` en el menú cuyo rótulo es exactamente ``rotulo`` (el menú «Estrategia» puede
    decir «la del caso (Caso I…)»: no basta buscar el texto)."""
    etiqueta = pagina.locator("label", has_text=re.compile(f"^{re.escape(rotulo)}$"))
    pagina.locator(".v-select").filter(has=etiqueta).first.click()
    pagina.locator(".v-overlay--active .v-list-item-title", has_text=re.compile(f"^{re.escape(opcion)}$")).click()


def _mover(pagina, clave: str, valor: float) -> None:
    """Lleva el deslizador de ``territorio.<clave>`` a ``valor``: un clic en su lugar de la barra y,
    si quedó a un paso, las flechas del teclado."""
    deslizable = taller.PARAMETROS_TERRITORIO[clave]
    rotulo = pagina.locator(".rotulo-deslizador", has_text=deslizable.rotulo).first
    barra = rotulo.locator("xpath=following::div[contains(@class, 'v-slider')][1]")
    barra.scroll_into_view_if_needed()
    caja = barra.locator(".v-slider-track").bounding_box()
    fraccion = (valor - deslizable.minimo) / (deslizable.maximo - deslizable.minimo)
    pagina.mouse.click(caja["x"] + fraccion * caja["width"], caja["y"] + caja["height"] / 2)
    buscado = f"{deslizable.rotulo}: {valor:g}"
    for _ in range(6):
        try:
            pagina.locator(".rotulo-deslizador", has_text=buscado).wait_for(timeout=15_000)
            return
        except sync_api.TimeoutError:
            actual = float(rotulo.inner_text().rsplit(":", 1)[1])
            barra.locator("[role=slider]").press("ArrowRight" if actual < valor else "ArrowLeft")
    raise AssertionError(f"no se pudo llevar {deslizable.rotulo} a {valor:g}")


def _intensidades(punto) -> str:
    """«AP 0.90, PE 0.00» de la estrategia del punto de control, como la muestra la matriz."""
    o = taller.overrides(punto.estrategia, punto.caso)
    s = taller.componer_seguro(*o).estrategia
    return tarjetas.intensidades_html(s.apoyo_produccion, s.promocion_economica)


def _preparar(pagina, punto) -> None:
    """Elige en la página lo que pide el punto de control (caso, estrategia, territorio)."""
    titulo = taller_casos.titulo_caso(punto.caso)
    etiqueta = pagina.locator("label", has_text=re.compile("^Caso$"))
    if titulo in pagina.locator(".v-select").filter(has=etiqueta).first.inner_text():
        # elegir el mismo caso puede no avisar al servidor: pasar por otro devuelve el territorio por defecto
        otro = next(op.titulo for op in taller.catalogo("caso") if op.titulo != titulo and op.nombre != "ninguno")
        _elegir(pagina, "Caso", otro)
        pagina.get_by_text(f"la del caso ({otro})").first.wait_for(timeout=60_000)
    _elegir(pagina, "Caso", titulo)
    if punto.estrategia:
        _elegir(pagina, "Estrategia", punto.estrategia)
    for clave, valor in punto.territorio:
        _mover(pagina, clave, valor)
    pagina.locator("td.actual", has_text=_intensidades(punto)).wait_for(timeout=30_000)
    _trimestre(pagina, 0)
    _verificar_territorio(pagina, punto)


def _verificar_territorio(pagina, punto) -> None:
    """Cada deslizador del territorio muestra el valor del punto de control (y ningún clic movió otro)."""
    o = taller.overrides(punto.estrategia, punto.caso, territorio=dict(punto.territorio))
    territorio = taller.componer_seguro(*o).territorio
    for clave, deslizable in taller.PARAMETROS_TERRITORIO.items():
        if getattr(territorio, clave) is None:  # se deriva de las pymes al inicio (verificadas)
            continue
        texto = f"{deslizable.rotulo}: {getattr(territorio, clave):g}"
        pagina.locator(".rotulo-deslizador", has_text=re.compile(f"^{re.escape(texto)}$")).wait_for(timeout=10_000)
    etiqueta = pagina.locator("label", has_text=re.compile("^Semilla$"))
    assert pagina.locator(".v-input").filter(has=etiqueta).locator("input").first.input_value() == str(punto.semilla)


def _leer(pagina, contenedor: str = "body", n: int = 0) -> dict[str, str]:
    """Los números de :data:`taller_casos.COLUMNAS_PUNTO` que muestra la página."""
    valores = {"desenlace": pagina.locator(".desenlace-parcial").inner_text()}
    for nombre in taller_casos.COLUMNAS_PUNTO[1:]:
        valores[nombre] = pagina.locator(f'{contenedor} [data-indicador="{nombre}"] .valor').nth(n).inner_text()
    return valores


def _filas_de_la_guia():
    filas = taller_casos.filas_de_la_guia(taller_casos.GUIA.read_text(encoding="utf-8"))
    assert [punto for punto, _ in filas] == list(taller_casos.PUNTOS_DE_CONTROL)
    return filas


def _recorrer(pagina, filas) -> list[tuple]:
    """Juega en la página cada punto de control «en vivo» de ``filas`` y devuelve lo que no coincide
    con la guía: (punto, número, lo que dice la guía, lo que muestra la página)."""
    distintos = []
    for punto, esperado in filas:
        pagina.get_by_role("tab", name="Territorio en vivo").click()
        _preparar(pagina, punto)
        pagina.evaluate(JUGAR, punto.pasos)
        _trimestre(pagina, punto.pasos)
        leido = _leer(pagina)
        distintos += [(punto, c, esperado[c], leido[c]) for c in esperado if esperado[c] != leido[c]]
    return distintos


def _comparar(pagina, filas) -> list[tuple]:
    """Ejercicio 2: «Comparar estrategias» con sus semillas por defecto; la cuenta de desenlaces y la
    mediana del crecimiento de cada estrategia."""
    comparar = {p.estrategia: e for p, e in filas if p.vista == "comparar"}
    _preparar(pagina, taller_casos.PuntoDeControl("", "ninguno", None))
    pagina.get_by_role("tab", name="Comparar estrategias").click()
    pagina.get_by_text(f"Semillas por estrategia: {taller_casos.SEMILLAS_COMPARAR}").wait_for(timeout=60_000)
    pagina.get_by_role("button", name=re.compile("^Comparar")).click()
    pagina.locator(".desenlaces-comparados").nth(len(comparar) - 1).wait_for(timeout=300_000)
    distintos = []
    for i, nombre in enumerate(nombres()):
        leido = {
            "desenlace": pagina.locator(".desenlaces-comparados").nth(i).inner_text(),
            "crecimiento_anual": pagina.locator('[data-indicador="crecimiento_anual"] .valor').nth(i).inner_text(),
        }
        distintos += [(nombre, c, comparar[nombre][c], v) for c, v in leido.items() if comparar[nombre][c] != v]
    return distintos


# Un punto por ejercicio en la prueba de siempre (el resto, en la lenta): las estrategias sin caso, el
# caso discutido en el issue 14 (Caso II), un deslizador del territorio y la comparación.
RAPIDOS = (
    taller_casos.PuntoDeControl("Ejercicio 1", "ninguno", "lamentable"),
    taller_casos.PuntoDeControl("Ejercicio 3", "mercado_municipal", None),
    taller_casos.PuntoDeControl("Ejercicio 4", "ninguno", "arriesgada", (("liderazgo", 0.3),)),
)


def test_la_pagina_muestra_los_numeros_de_la_guia_un_punto_por_ejercicio(pagina_del_taller):
    filas = _filas_de_la_guia()
    distintos = _recorrer(pagina_del_taller, [(p, e) for p, e in filas if p in RAPIDOS])
    distintos += _comparar(pagina_del_taller, filas)
    assert not distintos, "la página no muestra lo que dice la guía:\n" + "\n".join(map(str, distintos))


@pytest.mark.lento
def test_la_pagina_muestra_los_numeros_de_todos_los_puntos_de_control(pagina_del_taller):
    filas = [(p, e) for p, e in _filas_de_la_guia() if p.vista == "en vivo" and p not in RAPIDOS]
    distintos = _recorrer(pagina_del_taller, filas)
    assert not distintos, "la página no muestra lo que dice la guía:\n" + "\n".join(map(str, distintos))


def test_rotulos_de_la_pagina_con_acentos_y_sin_nombres_internos(pagina_del_taller):
    pagina = pagina_del_taller
    pagina.get_by_role("tab", name="Territorio en vivo").click()
    titulo = taller_casos.titulo_caso("truchas")
    _elegir(pagina, "Caso", titulo)
    etiqueta = pagina.locator("label", has_text=re.compile("^Estrategia$"))
    menu = pagina.locator(".v-select").filter(has=etiqueta).first
    menu.filter(has_text=f"la del caso ({titulo})").wait_for(timeout=60_000)  # no «truchas» a secas
    _trimestre(pagina, 0)
    texto = pagina.inner_text("body")
    assert not re.findall(r"\b[a-z]+_[a-z_]+\b", texto), re.findall(r"\b[a-z]+_[a-z_]+\b", texto)
    assert ESTILO_DESENLACE["descomposicion"][0] in pagina.locator(".glosario-pagina").text_content()


# Cada cambio del DOM anota el rótulo «Trimestre N» y el trimestre que dicen los números ya dibujados.
VIGILAR_TRIMESTRE = """() => {
  window.__adelantos = [];
  const numero = (selector, patron) => {
    const e = document.querySelector(selector);
    const m = e && e.innerText.match(patron);
    return m ? parseInt(m[1]) : null;
  };
  window.__vigia = new MutationObserver(() => {
    const rotulo = numero('.trimestre-actual', /^Trimestre (\\d+)$/);
    const tarjetas = numero('.indicadores-en-vivo', /./) === null ? null
      : numero('.vista-en-vivo', /En el trimestre (\\d+)/);
    const desenlace = numero('.vista-en-vivo', /hasta ahora \\(trimestre (\\d+)/);
    for (const otro of [tarjetas, desenlace]) {
      if (rotulo !== null && otro !== null && rotulo > otro) window.__adelantos.push([rotulo, otro]);
    }
  });
  window.__vigia.observe(document.body, {subtree: true, childList: true, characterData: true});
}"""


def test_el_rotulo_del_trimestre_no_se_adelanta_a_los_numeros(pagina_del_taller):
    """Quien espera «Trimestre N» (un participante, el recorrido de arriba) lee los números del
    trimestre N: el rótulo cambia después de las tarjetas y el desenlace, nunca antes (con la máquina
    cargada, la página llegó a mostrar «Trimestre 40» con los totales del 39)."""
    pagina = pagina_del_taller
    pagina.get_by_role("tab", name="Territorio en vivo").click()
    pagina.locator(".indicadores-en-vivo").wait_for(timeout=60_000)
    inicio = int(pagina.locator(".trimestre-actual").inner_text().split()[-1])
    pagina.evaluate(VIGILAR_TRIMESTRE)
    pagina.evaluate(JUGAR, inicio + 3)  # antes del arreglo, el rótulo se adelantaba en cada paso
    _trimestre(pagina, inicio + 3)
    adelantos = pagina.evaluate("() => { window.__vigia.disconnect(); return window.__adelantos; }")
    assert not adelantos, f"el rótulo (primero) se adelantó a los números (segundo): {adelantos}"
