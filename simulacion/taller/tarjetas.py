"""HTML de la página del taller: la matriz 2×2 de la fuente, las tarjetas de indicadores, el resumen
de cada estrategia comparada, los enlaces de descarga y la hoja de estilo.

Funciones puras (texto in, texto out): no importan Solara ni el modelo. La matriz sale de
:mod:`simulacion.estrategias`; rótulos, unidades, formatos y colores de los desenlaces, de
:mod:`simulacion.indicadores`.
"""

from __future__ import annotations

import base64
import html

import pandas as pd

from simulacion.estrategias import MATRIZ_FUENTE, cuadrante, estrategias
from simulacion.indicadores import ESTILO_DESENLACE, Indicador, indicador
from simulacion.resultados.ejecucion import SIN_DATOS

# Columnas de la serie que muestran las tarjetas de la vista en vivo (último trimestre).
INDICADORES_EN_VIVO: tuple[str, ...] = (
    "produccion_total",
    "pymes_tradicionales",
    "pymes_innovadoras",
    "confianza_media",
    "presupuesto_municipal",
)

# Indicadores del desenlace en la tarjeta de cada estrategia comparada.
INDICADORES_COMPARADOS: tuple[str, ...] = (
    "crecimiento_anual",
    "cambio_pymes_anual",
    "fraccion_innovadora",
    "tasa_fracaso_innovadoras",
    "volatilidad",
)

COLOR_SIN_DESENLACE = "#cccccc"  # subrayado de «sin datos»

ESTILO = """
.matriz { border-collapse: collapse; width: 100%; font-size: 14px; }
.matriz th, .matriz td { border: 1px solid #999; padding: 6px; text-align: center; }
.matriz th { background: #f0f0f0; }
.matriz td.actual { background: #fff3b0; outline: 3px solid #e6a700; font-weight: bold; }
.indicador { display: inline-block; margin: 0 14px 6px 0; }
.indicador b { font-size: 18px; }
.encabezado { background: #2e5e4e; color: white; font-size: 20px; padding: 10px 16px; width: 100%; }
.trimestre-actual { font-size: 18px; font-weight: bold; margin-bottom: 6px; }
.aviso, .aviso-error { border: 1px solid #3182bd; background: #eef5fc; padding: 8px; margin: 6px 0; }
.aviso-error { border-color: #c0392b; background: #fdecea; }
"""

TITULO_MATRIZ = (
    "<b>Matriz de estrategias de la fuente</b> (REMURPE 2003, «Estrategias de apoyo a la producción y la "
    "promoción económica»)"
)


# ---------------------------------------------------------------------- desenlaces
def desenlace_html(desenlace: str, clase: str) -> str:
    """Un desenlace clasificado, subrayado con su color declarado. El texto es el nombre del desenlace
    (el que leen las pruebas); ``clase`` lo identifica en la página."""
    color = ESTILO_DESENLACE.get(desenlace, (desenlace, COLOR_SIN_DESENLACE))[1]
    return f'<b class="{clase}" style="border-bottom: 3px solid {color}">{html.escape(desenlace)}</b>'


def afirmado_html(desenlace: str) -> str:
    """El desenlace que afirma la fuente, con su rótulo declarado (``descomposición``)."""
    return html.escape(ESTILO_DESENLACE[desenlace][0])


# ---------------------------------------------------------------------- matriz
def titulo_celda(celda: tuple[bool, bool]) -> str:
    """Nombre de la celda (hay AP, hay PE): ``Estrategia I: complementariedad``, el título de la
    estrategia de ``configs/estrategia/`` que cae en ella (o sólo el numeral, si no hay ninguna)."""
    for estrategia in estrategias().values():
        if cuadrante(estrategia.apoyo_produccion, estrategia.promocion_economica) == celda:
            return estrategia.titulo
    return f"Estrategia {MATRIZ_FUENTE[celda].numeral}"


def intensidades_html(ap: float, pe: float) -> str:
    """``AP 0.90, PE 0.00`` con los rótulos y formatos declarados."""
    apoyo, promocion = indicador("apoyo_produccion"), indicador("promocion_economica")
    return f"{apoyo.etiqueta} {apoyo.mostrar(ap)}, {promocion.etiqueta} {promocion.mostrar(pe)}"


def _celda_html(celda: tuple[bool, bool], actual: tuple[bool, bool], ap: float, pe: float, desenlace: str) -> str:
    """Una celda de la matriz; la de las intensidades actuales, resaltada y con el desenlace simulado."""
    fuente = (
        f"{titulo_celda(celda)}<br><small>la fuente afirma: {afirmado_html(MATRIZ_FUENTE[celda].desenlace)}</small>"
    )
    if celda != actual:
        return f"<td>{fuente}</td>"
    return (
        f'<td class="actual" data-actual="si">{fuente}'
        f"<br>esta simulación ({intensidades_html(ap, pe)}):<br>"
        f"{desenlace_html(desenlace, 'desenlace-actual')}</td>"
    )


def matriz_html(ap: float, pe: float, desenlace: str) -> str:
    """La matriz 2×2 de 003 con la celda de las intensidades actuales resaltada."""
    actual = cuadrante(ap, pe)

    def fila(hay_ap: bool) -> str:
        return "".join(_celda_html((hay_ap, hay_pe), actual, ap, pe, desenlace) for hay_pe in (True, False))

    return (
        '<table class="matriz">'
        "<tr><th></th><th>Con promoción económica (PE)</th><th>Sin promoción económica</th></tr>"
        f"<tr><th>Con apoyo a la producción (AP)</th>{fila(True)}</tr>"
        f"<tr><th>Sin apoyo a la producción</th>{fila(False)}</tr>"
        "</table>"
    )


def desenlace_parcial_html(trimestre: int, desenlace: str) -> str:
    """El desenlace clasificado hasta ahora, con lo que mira el clasificador."""
    return (
        f"Desenlace clasificado hasta ahora (trimestre {trimestre}): "
        f"{desenlace_html(desenlace, 'desenlace-parcial')}. El clasificador sólo mira indicadores medidos "
        "(crecimiento, pymes, innovación, fracasos, volatilidad), nunca el nombre de la estrategia."
    )


# ---------------------------------------------------------------------- tarjetas
def valor_html(declarado: Indicador, valor: float) -> str:
    """Un valor con su formato declarado, en negrita, seguido de su unidad."""
    unidad = f" <small>{html.escape(declarado.unidad)}</small>" if declarado.unidad else ""
    return f"<b>{declarado.mostrar(valor)}</b>{unidad}"


def indicador_en_vivo_html(nombre: str, series: pd.DataFrame) -> str:
    """Tarjeta de una columna de la serie: su rótulo y su valor en el último trimestre."""
    declarado = indicador(nombre)
    valor = valor_html(declarado, series[nombre].iloc[-1]) if len(series) else f"<b>{SIN_DATOS}</b>"
    return f"{declarado.etiqueta}: {valor}"


def resumen_comparado_html(resumen: dict) -> str:
    """Tarjeta de una estrategia comparada: intensidades, desenlace e indicadores del desenlace."""
    lineas = [
        intensidades_html(resumen["apoyo_produccion"], resumen["promocion_economica"]),
        f"desenlace: {desenlace_html(resumen['desenlace'], 'desenlace-comparado')}",
    ]
    for nombre in INDICADORES_COMPARADOS:
        declarado = indicador(nombre)
        lineas.append(f"{declarado.etiqueta}: {valor_html(declarado, resumen[nombre])}")
    return "<br>".join(lineas)


def enlaces_descarga_html(trimestre: int, nombre: str, csv: bytes, png: bytes) -> str:
    """Enlaces ``data:`` a la serie (CSV) y los gráficos (PNG) preparados hasta ``trimestre``."""
    return (
        f"Hasta el trimestre {trimestre}:<br>"
        f'<a class="descarga" download="series_{nombre}.csv" '
        f'href="data:text/csv;base64,{base64.b64encode(csv).decode()}">Descargar series (CSV)</a><br>'
        f'<a class="descarga" download="graficos_{nombre}.png" '
        f'href="data:image/png;base64,{base64.b64encode(png).decode()}">Descargar gráficos (PNG)</a>'
    )


def resumen_semillas_html(fila) -> str:
    """Tarjeta de una estrategia comparada con varias semillas (:class:`~simulacion.taller.corridas.Fila`):
    intensidades, cuántas veces dio cada desenlace («crecimiento en 4 de 5») y la mediana de los
    indicadores del desenlace."""
    n = len(fila.resultados)
    lineas = [
        intensidades_html(fila.ap, fila.pe),
        f'desenlace: <b class="desenlaces-comparados">{html.escape(fila.texto)}</b>',
        f"<small>mediana de {n} semillas:</small>" if n > 1 else "",
    ]
    for nombre in INDICADORES_COMPARADOS:
        declarado = indicador(nombre)
        lineas.append(f"{declarado.etiqueta}: {valor_html(declarado, fila.mediana_resumen(nombre))}")
    return "<br>".join(linea for linea in lineas if linea)
