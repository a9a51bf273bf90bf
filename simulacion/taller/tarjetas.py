"""HTML de la página del taller: la matriz 2×2 de la fuente, las tarjetas de indicadores, el resumen
de cada estrategia comparada y la hoja de estilo.

Funciones puras (texto in, texto out): no importan Solara ni el modelo. La matriz sale de
:mod:`simulacion.estrategias`; rótulos, unidades, formatos y colores de los desenlaces, de
:mod:`simulacion.indicadores`.
"""

from __future__ import annotations

import html

import pandas as pd

from simulacion.estrategias import MATRIZ_FUENTE, cuadrante, estrategias
from simulacion.indicadores import ESTILO_DESENLACE, Indicador, indicador
from simulacion.indicadores.guia import TOTAL_POR_NOMBRE, total
from simulacion.resultados.ejecucion import SIN_DATOS

# Columnas de la serie que muestran las tarjetas de la vista en vivo (último trimestre).
INDICADORES_EN_VIVO: tuple[str, ...] = (
    "produccion_total",
    "pymes_tradicionales",
    "pymes_innovadoras",
    "empresas",
    "confianza_media",
    "mora",
    "credito_otorgado",
    "inversion_privada",
    "presupuesto_municipal",
    "ingreso_hogar_tradicional",
    "fraccion_bajo_subsistencia",
)

# Lo que la guía del facilitador pide mirar sobre toda la corrida hasta ahora: el crecimiento del
# desenlace y los totales declarados en :data:`simulacion.indicadores.TOTALES`.
INDICADORES_CORRIDA: tuple[str, ...] = (
    "crecimiento_anual",
    "pymes_tradicionales_cambio",
    "proyectos_cofinanciados_suma",
    "concertacion_media",
    "mora_maximo",
    "credito_otorgado_suma",
    "inversion_privada_suma",
    "inversion_publica_pe_suma",
    "gasto_mercado_suma",
    "resultado_mercado_suma",
    "entradas_empresas_suma",
    "salidas_empresas_suma",
)

# Lo que se explica en el glosario además de los indicadores (términos de la página).
TERMINOS: tuple[tuple[str, str], ...] = (
    ("kS/", "Miles de soles. 1 kS/ = 1 000 soles. Las cifras de dinero de la simulación son ilustrativas."),
    ("Trimestre", "Un paso de la simulación son tres meses; 40 trimestres son 10 años."),
    (
        "003",
        "El documento de REMURPE «Promoción municipal de las economías locales» (2003), la fuente del "
        "taller. «Estrategia I (003)» es la estrategia I de su matriz de estrategias.",
    ),
    (
        "AP y PE",
        "Apoyo a la producción (obras para todos: caminos, riego, electricidad, sanidad) y promoción "
        "económica (proyectos concertados con los productores, servicios, garantía, promoción): la parte "
        "del presupuesto de inversión municipal que va a cada una.",
    ),
    (
        "Desenlace",
        "crecimiento, estancamiento, fragilidad o descomposición: lo decide el clasificador mirando sólo "
        "indicadores medidos (crecimiento, producción innovadora perdida), nunca el nombre de la estrategia.",
    ),
)

# Indicadores del desenlace en la tarjeta de cada estrategia comparada.
INDICADORES_COMPARADOS: tuple[str, ...] = (
    "crecimiento_anual",
    "cambio_pymes_anual",
    "fraccion_innovadora",
    "perdida_innovadora_anual",
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
.grupo-indicadores { margin: 8px 0 2px 0; font-weight: bold; font-size: 13px; color: #2e5e4e; }
.glosario { cursor: help; color: #3182bd; text-decoration: none; border: none; font-size: 13px; }
.glosario-lista dt { font-weight: bold; margin-top: 4px; }
.glosario-lista dd { margin-left: 12px; }
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
    """Un desenlace clasificado, subrayado con su color declarado. El texto es su rótulo declarado
    (``descomposición``), el nombre queda en ``data-desenlace``; ``clase`` lo identifica en la página."""
    rotulo, color = ESTILO_DESENLACE.get(desenlace, (desenlace, COLOR_SIN_DESENLACE))
    return (
        f'<b class="{clase}" data-desenlace="{html.escape(desenlace)}" '
        f'style="border-bottom: 3px solid {color}">{html.escape(rotulo)}</b>'
    )


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
    unidad = f" <small>{html.escape(declarado.unidad_de(valor))}</small>" if declarado.unidad else ""
    return f'<b class="valor">{declarado.mostrar(valor)}</b>{unidad}'


def ayuda_html(declarado: Indicador) -> str:
    """El ⓘ con la explicación llana declarada del indicador (se lee al pasar el puntero o tocarlo)."""
    texto = html.escape(declarado.glosario, quote=True)
    return f'<abbr class="glosario" title="{texto}" tabindex="0" aria-label="{texto}">ⓘ</abbr>'


def rotulo_html(declarado: Indicador) -> str:
    """Rótulo de una tarjeta con su ⓘ."""
    return f"{html.escape(declarado.etiqueta)} {ayuda_html(declarado)}"


def tarjeta_html(declarado: Indicador, valor: float | None) -> str:
    """Una tarjeta: rótulo con ⓘ y valor con su unidad (``sin datos`` si no hay valor). El nombre de la
    columna queda en ``data-indicador`` (lo leen las pruebas de la guía)."""
    contenido = valor_html(declarado, valor) if valor is not None else f'<b class="valor">{SIN_DATOS}</b>'
    return f'<span data-indicador="{declarado.nombre}">{rotulo_html(declarado)}: {contenido}</span>'


def indicador_en_vivo_html(nombre: str, series: pd.DataFrame) -> str:
    """Tarjeta de una columna de la serie: su rótulo y su valor en el último trimestre."""
    return tarjeta_html(indicador(nombre), series[nombre].iloc[-1] if len(series) else None)


def indicador_corrida_html(nombre: str, series: pd.DataFrame, resumen: dict) -> str:
    """Tarjeta de un indicador de toda la corrida hasta ahora: un indicador del desenlace (de
    ``resumen``) o un total declarado (:func:`simulacion.indicadores.total`)."""
    if nombre in TOTAL_POR_NOMBRE:
        valor = total(nombre, series) if len(series) else None
    else:
        valor = resumen.get(nombre)
        valor = None if valor is None or pd.isna(valor) else valor
    return tarjeta_html(indicador(nombre), valor)


def _grupo_html(titulo: str, clase: str, contenidos: list[str]) -> str:
    tarjetas = "".join(f'<span class="indicador">{contenido}</span>' for contenido in contenidos)
    return f'<div class="grupo-indicadores">{html.escape(titulo)}</div><div class="{clase}">{tarjetas}</div>'


def tarjetas_en_vivo_html(trimestre: int, series: pd.DataFrame) -> str:
    """Las tarjetas de :data:`INDICADORES_EN_VIVO` (el último trimestre)."""
    contenidos = [indicador_en_vivo_html(nombre, series) for nombre in INDICADORES_EN_VIVO]
    return _grupo_html(f"En el trimestre {trimestre}:", "indicadores-en-vivo", contenidos)


def tarjetas_corrida_html(series: pd.DataFrame, resumen: dict) -> str:
    """Las tarjetas de :data:`INDICADORES_CORRIDA` (toda la corrida hasta ahora)."""
    contenidos = [indicador_corrida_html(nombre, series, resumen) for nombre in INDICADORES_CORRIDA]
    return _grupo_html("Desde el trimestre 1:", "indicadores-corrida", contenidos)


def glosario_html(nombres: tuple[str, ...]) -> str:
    """El glosario de la página: los términos de :data:`TERMINOS` y cada indicador mostrado, con su
    unidad y su explicación declarada."""
    filas = [f"<dt>{html.escape(t)}</dt><dd>{html.escape(d)}</dd>" for t, d in TERMINOS]
    for nombre in dict.fromkeys(nombres):
        declarado = indicador(nombre)
        filas.append(f"<dt>{html.escape(declarado.titulo)}</dt><dd>{html.escape(declarado.glosario)}</dd>")
    return (
        '<details class="glosario-pagina"><summary>Glosario: qué es cada cifra</summary>'
        f'<dl class="glosario-lista">{"".join(filas)}</dl></details>'
    )


def resumen_comparado_html(resumen: dict) -> str:
    """Tarjeta de una estrategia comparada: intensidades, desenlace e indicadores del desenlace."""
    lineas = [
        intensidades_html(resumen["apoyo_produccion"], resumen["promocion_economica"]),
        f"desenlace: {desenlace_html(resumen['desenlace'], 'desenlace-comparado')}",
    ]
    for nombre in INDICADORES_COMPARADOS:
        lineas.append(tarjeta_html(indicador(nombre), resumen[nombre]))
    return "<br>".join(lineas)


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
        lineas.append(tarjeta_html(indicador(nombre), fila.mediana_resumen(nombre)))
    return "<br>".join(linea for linea in lineas if linea)
