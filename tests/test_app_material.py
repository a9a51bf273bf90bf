"""El material para el plenario del taller (:mod:`simulacion.taller.material`), sin navegador: CSV con
cada trimestre jugado, encabezados en castellano con unidades y el redondeo declarado; Excel con la
serie y los ajustes; un PDF de una página A4; el PNG con caso, semilla y el color de la estrategia.
La descarga en el navegador está en ``tests/test_app_navegador.py``."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from simulacion.estrategias import COLORES_CELDA, cuadrante
from simulacion.indicadores import COLUMNAS_SERIE, indicador
from simulacion.taller import material
from simulacion.taller import sesion as taller

PASOS = 6


@pytest.fixture(scope="module")
def modelo():
    """Caso III con un territorio cambiado y 6 trimestres jugados (pocas pymes: barato)."""
    m = taller.ModeloTaller(caso="truchas", semilla=3, territorio={"n_pymes": 120})
    for _ in range(PASOS):
        m.step()
    return m


@pytest.fixture(scope="module")
def corrida(modelo):
    return material.corrida_de(modelo)


def _leer_csv(contenido: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(contenido), sep=";", decimal=",", encoding="utf-8-sig")


def test_decimales_del_formato_declarado():
    assert material.decimales(indicador("produccion_total")) == 1
    assert material.decimales(indicador("infraestructura_media")) == 3
    assert material.decimales(indicador("pymes_innovadoras")) == 0
    assert material.decimales(indicador("crecimiento_anual")) == 1  # "{:+.1f}"
    assert material.decimales(indicador("estrategia")) is None


def test_csv_con_cada_trimestre_y_encabezados_en_castellano(corrida, modelo):
    tabla = _leer_csv(material.csv(corrida))
    assert list(tabla.columns) == [indicador(c).titulo for c in COLUMNAS_SERIE]
    assert "Producción total (kS/ por trimestre)" in tabla.columns and "Mora (%)" in tabla.columns
    assert tabla["Trimestre"].tolist() == list(range(1, PASOS + 1))
    series = modelo.series
    for columna in COLUMNAS_SERIE:
        declarado = indicador(columna)
        esperado = series[columna].to_numpy(dtype=float) * (100 if declarado.por_ciento else 1)
        np.testing.assert_allclose(tabla[declarado.titulo], np.round(esperado, material.decimales(declarado)))


def test_csv_sin_mas_decimales_que_los_declarados(corrida):
    filas = list(csv.reader(io.StringIO(material.csv(corrida).decode("utf-8-sig")), delimiter=";"))
    encabezados, valores = filas[0], filas[1:]
    por_titulo = {indicador(c).titulo: indicador(c) for c in COLUMNAS_SERIE}
    for k, titulo in enumerate(encabezados):
        permitidos = material.decimales(por_titulo[titulo])
        for fila in valores:
            decimales = len(fila[k].partition(",")[2])
            assert decimales <= permitidos, (titulo, fila[k])


def test_archivo_se_arma_con_lo_jugado_al_pedirlo():
    """Lo que se descarga es la corrida en el momento de pedirlo, no la de un pedido anterior."""
    m = taller.ModeloTaller(semilla=1, territorio={"n_pymes": 60})
    formato = material.FORMATOS[0]
    assert _leer_csv(material.archivo(m, formato)[1]).empty
    for _ in range(3):
        m.step()
    nombre, contenido = material.archivo(m, formato)
    assert len(_leer_csv(contenido)) == 3 and nombre.endswith("_semilla1_t3.csv")


def test_excel_con_la_serie_y_los_ajustes(corrida, modelo):
    from openpyxl import load_workbook

    libro = load_workbook(io.BytesIO(material.excel(corrida)), read_only=True)
    assert libro.sheetnames == ["Serie", "Ajustes y desenlace"]
    serie = list(libro["Serie"].values)
    assert list(serie[0]) == [indicador(c).titulo for c in COLUMNAS_SERIE]
    assert [fila[0] for fila in serie[1:]] == list(range(1, PASOS + 1))
    ajustes = {fila[0]: fila[1] for fila in list(libro["Ajustes y desenlace"].values)[1:]}
    caso = next(op.titulo for op in taller.catalogo("caso") if op.nombre == "truchas")
    assert ajustes["Caso"] == caso and ajustes["Semilla"] == 3 and ajustes["Trimestres jugados"] == PASOS
    estrategia = modelo.cfg.estrategia
    assert ajustes["Apoyo a la producción (AP)"] == pytest.approx(estrategia.apoyo_produccion)
    assert ajustes["Promoción económica (PE)"] == pytest.approx(estrategia.promocion_economica)
    assert ajustes["Pymes al inicio (cambiado en la página)"] == 120
    assert ajustes["Liderazgo local"] == pytest.approx(modelo.cfg.territorio.liderazgo)
    assert ajustes["Desenlace"] == corrida.desenlace
    crecimiento = indicador("crecimiento_anual")
    assert ajustes[crecimiento.etiqueta] == round(100 * corrida.resumen["crecimiento_anual"], 1)


def test_pdf_de_una_pagina_a4(corrida):
    contenido = material.pdf(corrida)
    assert contenido.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", contenido)) == 1
    caja = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", contenido)
    ancho, alto = float(caja.group(1)), float(caja.group(2))
    assert ancho == pytest.approx(595.28, abs=0.5) and alto == pytest.approx(841.89, abs=0.5)  # A4 en puntos


def test_png_con_caso_semilla_y_color_de_la_estrategia(corrida):
    figura = material.figura_png(corrida)
    titulo = figura.get_suptitle()
    assert "Caso III" in titulo and "semilla 3" in titulo and f"trimestre {PASOS}" in titulo
    color = COLORES_CELDA[cuadrante(corrida.ap, corrida.pe)]
    lineas = [linea for eje in figura.axes for linea in eje.get_lines()]
    assert lineas and all(linea.get_color() == color for linea in lineas)
    assert material.png(corrida)[:8] == b"\x89PNG\r\n\x1a\n"


def test_material_no_importa_solara():
    codigo = "import sys, simulacion.taller.material; assert 'solara' not in sys.modules"
    subprocess.run([sys.executable, "-c", codigo], check=True)


def test_ajustes_con_elecciones():
    """Con el interruptor «Elecciones», la hoja de ajustes lo dice (y la institucionalización); sin
    elecciones ni cambios en la página, no agrega filas."""
    con = {
        a.rotulo: a.valor for a in material.corrida_de(taller.ModeloTaller(gobierno={"periodo_electoral": 16})).ajustes
    }
    assert con["Elecciones (cambiado en la página)"] == "cada 16"
    assert con["Institucionalización de la concertación (mesa y plan)"] == 0
    sin = {a.rotulo for a in material.corrida_de(taller.ModeloTaller()).ajustes}
    assert not any(rotulo.startswith(("Elecciones", "Institucionalización")) for rotulo in sin)


def test_singular_tras_un_uno_en_la_pagina_y_el_material():
    """«1 empresa», no «1 empresas»: tarjetas de la página, hoja de ajustes del PDF y rótulos."""
    from simulacion.indicadores import POR_NOMBRE, concordar, contar
    from simulacion.indicadores.indicador import SINGULAR
    from simulacion.taller import corridas, tarjetas

    assert [contar(n, "trimestres") for n in (0, 1, 2)] == ["0 trimestres", "1 trimestre", "2 trimestres"]
    assert concordar("proyectos por trimestre", "1") == "proyecto por trimestre"
    assert concordar("pymes", "-1") == "pyme" and concordar("empresas", "1.0") == "empresas"
    assert concordar("kS/", "1") == "kS/" and concordar("%", "+1") == "%"
    # Cada unidad declarada que cuenta cosas («empresas», «pymes por trimestre») sabe su singular.
    for declarado in POR_NOMBRE.values():
        primera = declarado.unidad.split(" ")[0]
        if len(primera) > 2 and primera.isalpha() and primera.endswith("s"):
            assert primera in SINGULAR, declarado.nombre
    llegaron = tarjetas.tarjeta_html(indicador("entradas_empresas_suma"), 1)
    assert "<small>empresa</small>" in llegaron and "empresas</small>" not in llegaron
    assert "<small>empresas</small>" in tarjetas.tarjeta_html(indicador("entradas_empresas_suma"), 2)
    assert material.Ajuste("Trimestres jugados", 1, "trimestres").texto() == "1 trimestre"
    clave = corridas.ClaveComparacion.de(None, 0, 1, 1, {})
    assert clave.rotulo() == "semilla 0 · sin caso · 1 trimestre"


def test_pdf_muestra_el_desarrollo_con_sus_unidades(corrida):
    """El PDF de la corrida tiene, además de los seis gráficos de ``series.png``, el ingreso de los hogares
    tradicionales en kS/ y las pymes bajo la línea de subsistencia en % (× 100 la fracción guardada); el PNG
    queda con sus seis.

    Visto en rojo: sin ``*PANELES_DESARROLLO`` en los paneles de ``figura_pdf`` (los dos títulos faltan) y
    sin ``declarado.valor_mostrado`` en ``_dibujar_paneles`` (la línea queda en fracción bajo un rótulo en %).
    """
    figura = material.figura_pdf(corrida)
    ejes = {eje.get_title(): eje for eje in figura.axes if eje.get_title()}
    ingreso = "Ingreso de los hogares tradicionales (kS/ por hogar y trimestre)"
    bajo = "Pymes bajo la línea de subsistencia (%)"
    assert ingreso in ejes and bajo in ejes
    serie = corrida.series
    np.testing.assert_allclose(ejes[ingreso].get_lines()[0].get_ydata(), serie["ingreso_hogar_tradicional"])
    np.testing.assert_allclose(ejes[bajo].get_lines()[0].get_ydata(), 100 * serie["fraccion_bajo_subsistencia"])
    assert ejes[bajo].get_ylim() == (0, 100)
    assert not {ingreso, bajo} & {eje.get_title() for eje in material.figura_png(corrida).axes}
