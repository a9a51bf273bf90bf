"""La página del taller (Solara + Mesa), toda en castellano: ``simulacion-taller`` la sirve.

Usa las piezas de visualización de Mesa sobre Solara (el contador ``update_counter`` de
``mesa.visualization.utils`` para redibujar tras cada paso, el patrón reproducir/paso/reiniciar del
``ModelController`` de ``SolaraViz``) con controles propios: el esqueleto de ``SolaraViz`` trae sus
rótulos fijos en inglés ("Controls", "Step", "Reset", "Model Parameters"), y la página de un taller
con autoridades municipales debe estar en castellano.

Mapa y gráficos se dibujan en el navegador con ECharts (incluido en ``solara-assets``, sin
internet): el servidor sólo arma diccionarios, lo que mantiene un paso por debajo de 300 ms.
Las piezas de cálculo (modelo, desenlace parcial, comparación, descargas) están en
:mod:`simulacion.taller.sesion`; aquí sólo se dibuja.
"""

from __future__ import annotations

import base64
import html
import re
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd
import solara
import solara.components.echarts as _echarts
import solara.lab
from mesa.visualization.utils import force_update, update_counter
from solara.components.echarts import EchartsWidget

from simulacion.modelo import ModeloTerritorial
from simulacion.modelo.agentes import Agencia, EntidadFinanciera, Municipalidad
from simulacion.resultados.salidas import ETIQUETAS, PANELES
from simulacion.taller import sesion as taller

# Capas del mapa: nombre de la capa de la grilla → (rótulo, mínimo y máximo de la escala, colores).
CAPAS_MAPA = {
    "potencial": ("Potencial productivo", 0.0, 2.0, ["#f7fcb9", "#addd8e", "#31a354", "#006837"]),
    "infra_vial": ("Infraestructura vial (caminos)", 0.0, 1.0, ["#fff5eb", "#fdae6b", "#e6550d", "#7f2704"]),
    "infra_productiva": (
        "Infraestructura productiva (riego, electricidad, sanidad)",
        0.0,
        1.0,
        ["#f7fbff", "#9ecae1", "#3182bd", "#08306b"],
    ),
    "acceso": ("Acceso a mercados", 0.0, 1.0, ["#fcfbfd", "#bcbddc", "#807dba", "#3f007d"]),
}

# Rótulo corto de cada capa en el selector del mapa.
BOTONES_CAPA = {
    "potencial": "Potencial",
    "infra_vial": "Caminos",
    "infra_productiva": "Riego y servicios",
    "acceso": "Acceso",
}

# Tipos de actor en el mapa: rótulo → (color, símbolo, tamaño en píxeles).
ACTORES = {
    "Pyme tradicional": ("#8c6d31", "circle", 6),
    "Pyme innovadora": ("#d62728", "circle", 8),
    "Empresa mayor": ("#1f1f1f", "rect", 13),
    "Agencia de desarrollo": ("#9467bd", "triangle", 13),
    "Entidad financiera": ("#17becf", "diamond", 13),
    "Municipalidad": ("#ff7f0e", "pin", 20),
}

INDICADORES_EN_VIVO = (
    ("Producción (kS/)", "produccion_total", "{:,.1f}"),
    ("Pymes tradicionales", "pymes_tradicionales", "{:,.0f}"),
    ("Pymes innovadoras", "pymes_innovadoras", "{:,.0f}"),
    ("Confianza media", "confianza_media", "{:.2f}"),
    ("Presupuesto municipal (kS/)", "presupuesto_municipal", "{:,.1f}"),
)

LADO_MAPA = 520  # píxeles: tamaño fijo para que cada celda sea un cuadrado de la grilla
MARGEN_MAPA = {"left": 20, "right": 110, "top": 70, "bottom": 15}
INTERVALO_REPRODUCIR = 0.25  # segundos entre trimestres al reproducir
PASOS_POR_DEFECTO = 40

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


# ---------------------------------------------------------------------- opciones de ECharts
def _desplazamiento(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Desplazamiento fijo dentro de la celda para cada agente (según su ``unique_id``), para que
    las pymes de una misma celda no se tapen. Es sólo dibujo: no usa el generador del modelo."""
    fraccion = np.asarray(ids, dtype=float)
    return 0.8 * ((fraccion * 0.6180339887) % 1.0 - 0.5), 0.8 * ((fraccion * 0.7548776662) % 1.0 - 0.5)


def _puntos_actores(modelo: ModeloTerritorial) -> dict[str, list]:
    """Coordenadas (x, y) de cada tipo de actor; los del pueblo se reparten alrededor del centro."""
    p, alto = modelo.pymes, modelo.forma[1]
    ids = np.fromiter((a.unique_id for a in p.agentes), dtype=float, count=len(p))
    i, j = np.divmod(p.celda, alto)
    dx, dy = _desplazamiento(ids)
    x, y = np.round(i + dx, 3), np.round(j + dy, 3)
    puntos = {
        "Pyme tradicional": np.column_stack([x, y])[~p.innovadora].tolist(),
        "Pyme innovadora": np.column_stack([x, y])[p.innovadora].tolist(),
        "Empresa mayor": [list(e.cell.coordinate) for e in modelo.empresas],
    }
    pueblo = (
        ("Agencia de desarrollo", list(modelo.agents_by_type.get(Agencia, [])), -0.3),
        ("Entidad financiera", list(modelo.agents_by_type.get(EntidadFinanciera, [])), 0.3),
        ("Municipalidad", list(modelo.agents_by_type.get(Municipalidad, [])), 0.0),
    )
    for rotulo, agentes, dy0 in pueblo:
        puntos[rotulo] = [
            [a.cell.coordinate[0] + 0.25 * (k - (len(agentes) - 1) / 2), a.cell.coordinate[1] + dy0]
            for k, a in enumerate(agentes)
        ]
    return puntos


def opcion_mapa(modelo: ModeloTerritorial, capa: str) -> dict:
    """Mapa del territorio: celdas coloreadas por ``capa`` y los actores por tipo, con leyenda."""
    rotulo, vmin, vmax, colores = CAPAS_MAPA[capa]
    datos = getattr(modelo.grilla, capa).data
    ancho, alto = datos.shape
    ii, jj = np.indices(datos.shape)
    celdas = np.column_stack([ii.ravel(), jj.ravel(), np.round(datos.ravel(), 3)]).tolist()
    ancho_px = LADO_MAPA - MARGEN_MAPA["left"] - MARGEN_MAPA["right"]
    alto_px = LADO_MAPA - MARGEN_MAPA["top"] - MARGEN_MAPA["bottom"]
    eje = {"type": "value", "show": False}
    series = [
        {
            "name": rotulo,
            "type": "scatter",
            "symbol": "rect",
            "symbolSize": [ancho_px / ancho + 0.6, alto_px / alto + 0.6],
            "data": celdas,
            "silent": True,
            "z": 1,
        }
    ]
    for nombre, puntos in _puntos_actores(modelo).items():
        color, simbolo, tamano = ACTORES[nombre]
        series.append(
            {
                "name": nombre,
                "type": "scatter",
                "symbol": simbolo,
                "symbolSize": tamano,
                "itemStyle": {"color": color, "borderColor": "#ffffff", "borderWidth": 0.5},
                "data": puntos,
                "z": 3,
            }
        )
    return {
        "animation": False,
        "title": {"text": f"Territorio: {rotulo.lower()}", "textStyle": {"fontSize": 13}},
        "legend": {"top": 24, "data": list(ACTORES), "textStyle": {"fontSize": 11}},
        "grid": MARGEN_MAPA,
        "xAxis": {**eje, "min": -0.5, "max": ancho - 0.5},
        "yAxis": {**eje, "min": -0.5, "max": alto - 0.5},
        "visualMap": {
            "seriesIndex": 0,
            "dimension": 2,
            "min": vmin,
            "max": vmax,
            "text": ["alto", "bajo"],
            "inRange": {"color": colores},
            "right": 5,
            "top": "middle",
            "itemHeight": 160,
        },
        "tooltip": {"trigger": "item"},
        "series": series,
    }


def opcion_lineas(titulo: str, pasos: pd.Series, lineas: dict[str, pd.Series], leyenda: bool) -> dict:
    """Gráfico ECharts de líneas sobre los trimestres ``pasos``: una línea por entrada de ``lineas``."""
    return {
        "animation": False,
        "title": {"text": titulo, "textStyle": {"fontSize": 13}},
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 22, "data": list(lineas)} if leyenda else {"show": False},
        "grid": {"left": 55, "right": 15, "top": 55 if leyenda else 35, "bottom": 38},
        "xAxis": {
            "type": "category",
            "data": pasos.astype(int).tolist(),
            "name": "trimestre",
            "nameLocation": "middle",
            "nameGap": 24,
        },
        "yAxis": {"type": "value", "scale": True},
        "series": [
            {
                "name": nombre,
                "type": "line",
                "showSymbol": False,
                "data": np.round(valores.to_numpy(dtype=float), 3).tolist(),
            }
            for nombre, valores in lineas.items()
        ],
    }


def opcion_serie(series: pd.DataFrame, titulo: str, columnas: tuple[str, ...]) -> dict:
    """Gráfico de líneas de una o varias columnas de la serie, rótulos en castellano."""
    lineas = {ETIQUETAS.get(c, c): series[c] for c in columnas}
    return opcion_lineas(titulo, series["paso"], lineas, leyenda=len(columnas) > 1)


def opcion_comparacion(resultados: dict, titulo: str, columna: str) -> dict:
    """Una columna de la serie para cada estrategia comparada (una línea por estrategia)."""
    primera = next(iter(resultados.values())).series
    lineas = {nombre: r.series[columna] for nombre, r in resultados.items()}
    return opcion_lineas(titulo, primera["paso"], lineas, leyenda=True)


def matriz_html(ap: float, pe: float, desenlace: str) -> str:
    """La matriz 2×2 de 003 con la celda de las intensidades actuales resaltada."""
    actual = taller.cuadrante(ap, pe)

    def celda(hay_ap: bool, hay_pe: bool) -> str:
        nombre, afirma = taller.MATRIZ_FUENTE[(hay_ap, hay_pe)]
        if (hay_ap, hay_pe) != actual:
            return f"<td>{nombre}<br><small>la fuente afirma: {afirma}</small></td>"
        return (
            f'<td class="actual" data-actual="si">{nombre}<br><small>la fuente afirma: {afirma}</small>'
            f"<br>esta simulación (AP {ap:.2f}, PE {pe:.2f}):<br>"
            f'<span class="desenlace-actual">{desenlace}</span></td>'
        )

    return (
        '<table class="matriz">'
        "<tr><th></th><th>Con promoción económica (PE)</th><th>Sin promoción económica</th></tr>"
        f"<tr><th>Con apoyo a la producción (AP)</th>{celda(True, True)}{celda(True, False)}</tr>"
        f"<tr><th>Sin apoyo a la producción</th>{celda(False, True)}{celda(False, False)}</tr>"
        "</table>"
    )


# ---------------------------------------------------------------------- componentes
def _plantilla_echarts() -> str:
    """La plantilla Vue de ECharts de Solara, con una guarda: si las opciones llegan antes de que el
    navegador termine de cargar ECharts, no falla (las toma al crear el gráfico)."""
    vue = (Path(_echarts.__file__).parent / "echarts.vue").read_text(encoding="utf-8")
    return re.sub(
        r"(watch: \{\s*option\(\) \{.*?)this\.chart\.setOption\(this\.option, true\);",
        r"\1if (this.chart) this.chart.setOption(this.option, true);",
        vue,
        count=1,
        flags=re.S,
    )


class GraficoEcharts(EchartsWidget):
    """El widget ECharts de Solara con la plantilla de :func:`_plantilla_echarts`."""

    template_file = None

    def __init__(self, **kwargs):
        super().__init__(template=_PLANTILLA_ECHARTS, **kwargs)


_PLANTILLA_ECHARTS = _plantilla_echarts()


@solara.component
def Aviso(texto: str, error: bool = False, visible: bool = True):
    """Un aviso en un recuadro (los avisos de Solara no funcionan con el ipyvuetify 3 instalado)."""
    clase = "aviso-error" if error else "aviso"
    estilo = {} if visible else {"display": "none"}
    solara.HTML(tag="div", unsafe_innerHTML=html.escape(texto) if visible else "", classes=[clase], style=estilo)


@solara.component
def Grafico(construir, rotulo: str, cambio=None, alto: int = 260, ancho: str = "100%"):
    """Un gráfico ECharts cuyas opciones arma ``construir()`` tras cada redibujo.

    ``cambio`` (por ejemplo, el trimestre) obliga a redibujar: Reacton compara las funciones por su
    código y sus variables libres, así que ``construir`` solo no basta para notar un paso del modelo.

    Las opciones (cientos de puntos) se asignan al widget en un efecto y no como argumento del
    elemento: así Reacton no las recorre al reconciliar, lo que reduce a la mitad el tiempo de un
    paso. ``rotulo`` queda como ``aria-label`` del contenedor.
    """
    elemento = GraficoEcharts.element(attributes={"style": f"height: {alto}px; width: {ancho};", "aria-label": rotulo})

    def actualizar():
        solara.get_widget(elemento).option = construir()

    solara.use_effect(actualizar, None)  # tras cada redibujo (sólo se redibuja si cambió algo arriba)
    return elemento


@solara.component
def Deslizador(rotulo: str, valor, minimo, maximo, paso, al_cambiar):
    """Un deslizador con su rótulo (y valor) en una línea propia: los rótulos largos no lo aplastan."""
    solara.Text(rotulo, style={"font-size": "14px", "margin-bottom": "-14px"}, classes=["rotulo-deslizador"])
    deslizador = solara.SliderInt if isinstance(paso, int) else solara.SliderFloat
    deslizador("", value=valor, min=minimo, max=maximo, step=paso, on_value=al_cambiar)


@solara.component
def Trimestre(modelo: ModeloTerritorial, paso: int):
    """El trimestre en curso (``paso``: para que se redibuje tras cada paso)."""
    solara.HTML(tag="div", unsafe_innerHTML=f"Trimestre {modelo.steps}", classes=["trimestre-actual"])


@solara.component
def Reproduccion(estado: dict, modelo: ModeloTerritorial, acciones: dict, paso: int):
    """Trimestre en curso, reiniciar / reproducir / paso y cuántos trimestres reproducir."""
    e = estado
    with solara.Card("Reproducción", style={"width": "100%"}):
        Trimestre(modelo, paso)
        with solara.Row(style={"flex-wrap": "wrap", "gap": "6px"}):
            solara.Button("Reiniciar", color="primary", on_click=acciones["reiniciar"])
            solara.Button(
                "❚❚ Pausa" if e["reproduciendo"].value else "▶ Reproducir",
                color="primary",
                on_click=lambda: e["reproduciendo"].set(not e["reproduciendo"].value),
            )
            solara.Button("Paso", color="primary", on_click=acciones["paso"], disabled=e["reproduciendo"].value)
        Deslizador(f"Trimestres a simular: {e['pasos'].value}", e["pasos"].value, 8, 120, 4, e["pasos"].set)


@solara.component
def Controles(estado: dict, modelo: ModeloTerritorial, acciones: dict):
    """Estrategia, intensidades, caso, territorio y semilla (no depende del trimestre: no se
    redibuja en cada paso)."""
    estrategias = taller.catalogo("estrategia")
    casos = taller.catalogo("caso")
    e = estado
    propia = e["ap"].value is not None or e["pe"].value is not None
    ancho = {"width": "100%"}
    with solara.Card("Estrategia municipal", style=ancho):
        actual = modelo.cfg.estrategia.nombre  # la compuesta: la elegida, la propia o la del caso
        opciones = [op.nombre for op in estrategias] + [taller.NOMBRE_PROPIA]
        solara.Select(
            "Estrategia",
            value=actual,
            values=opciones if actual in opciones else [*opciones, actual],
            on_value=acciones["elegir_estrategia"],
        )
        descripcion = {op.nombre: f"{op.titulo}: {op.descripcion}" for op in estrategias}.get(
            actual, "Estrategia personalizada." if propia else "La estrategia que trae el caso elegido."
        )
        solara.Text(descripcion, style={"font-size": "12px"})
        ap, pe = modelo.cfg.estrategia.apoyo_produccion, modelo.cfg.estrategia.promocion_economica
        intensidad = acciones["intensidad"]
        Deslizador(f"Apoyo a la producción (AP): {ap:.2f}", ap, 0.0, 1.0, 0.05, lambda v: intensidad("ap", v))
        Deslizador(f"Promoción económica (PE): {pe:.2f}", pe, 0.0, 1.0, 0.05, lambda v: intensidad("pe", v))
        solara.Text(
            "AP y PE son fracciones del mismo presupuesto de inversión; lo que no va a AP ni a PE se "
            "gasta sin efecto productivo. Mover un deslizador crea una estrategia personalizada.",
            style={"font-size": "12px"},
        )
    with solara.Card("Caso y territorio", style=ancho):
        neutro = "ninguno" if any(op.nombre == "ninguno" for op in casos) else None
        por_titulo = {"Ninguno": neutro, **{op.titulo: op.nombre for op in casos if op.nombre != "ninguno"}}
        solara.Select(
            "Caso",
            value=next((t for t, n in por_titulo.items() if n == e["caso"].value), "Ninguno"),
            values=list(por_titulo),
            on_value=lambda titulo: acciones["elegir_caso"](por_titulo[titulo]),
        )
        for op in casos:
            if op.nombre == e["caso"].value:
                solara.Text(f"{op.titulo}: {op.descripcion}", style={"font-size": "12px"})
        solara.InputInt("Semilla", value=e["semilla"].value, on_value=acciones["semilla"])
        t = modelo.cfg.territorio
        for clave, (rotulo, minimo, maximo, paso) in taller.PARAMETROS_TERRITORIO.items():
            valor = getattr(t, clave)
            Deslizador(
                f"{rotulo}: {valor:g}",
                valor,
                minimo,
                maximo,
                paso,
                lambda v, clave=clave: acciones["territorio"](clave, v),
            )


@solara.component
def Descargas(modelo: ModeloTerritorial, bloqueo: threading.Lock, paso: int):
    """Serie (CSV) y gráficos (PNG) de la corrida hasta el trimestre en curso.

    Se preparan al pedirlas y se bajan con un enlace ``data:`` (el ``FileDownload`` de Solara no se
    dibuja con el ipyvuetify 3 instalado)."""
    enlaces = solara.use_reactive(None)

    def preparar():
        with bloqueo:
            datos = (modelo, modelo.steps, taller.series_csv(modelo), taller.graficos_png(modelo))
        enlaces.set(datos)

    solara.Button("Preparar descargas", color="primary", outlined=True, on_click=preparar)
    if enlaces.value is None or enlaces.value[0] is not modelo:
        solara.Text("Prepara la serie y los gráficos del trimestre en curso.", style={"font-size": "12px"})
        return
    _, trimestre, csv, png = enlaces.value
    nombre = f"{modelo.cfg.estrategia.nombre}_s{modelo.cfg.semilla}_t{trimestre}"
    solara.HTML(
        tag="div",
        unsafe_innerHTML=(
            f"Hasta el trimestre {trimestre}:<br>"
            f'<a class="descarga" download="series_{nombre}.csv" '
            f'href="data:text/csv;base64,{base64.b64encode(csv).decode()}">Descargar series (CSV)</a><br>'
            f'<a class="descarga" download="graficos_{nombre}.png" '
            f'href="data:image/png;base64,{base64.b64encode(png).decode()}">Descargar gráficos (PNG)</a>'
        ),
    )


@solara.component
def VistaEnVivo(modelo: ModeloTerritorial, capa: solara.Reactive, bloqueo: threading.Lock, paso: int):
    """Mapa, matriz 2×2, indicadores y gráficos de la corrida en curso (``paso``: se redibuja tras cada paso)."""
    with bloqueo:  # no leer el modelo a mitad de un paso de la reproducción
        series = modelo.datacollector.get_model_vars_dataframe().reset_index(drop=True)
        desenlace = taller.desenlace_parcial(modelo)

    def mapa():
        with bloqueo:
            return opcion_mapa(modelo, capa.value)

    s = modelo.cfg.estrategia
    with solara.Row(style={"flex-wrap": "wrap", "align-items": "flex-start"}):
        with solara.Column(style={"width": f"{LADO_MAPA + 10}px"}):
            solara.Text("Color de las celdas:", style={"font-size": "13px"})
            solara.ToggleButtonsSingle(
                value=BOTONES_CAPA[capa.value],
                values=list(BOTONES_CAPA.values()),
                on_value=lambda rotulo: capa.set(next(k for k, v in BOTONES_CAPA.items() if v == rotulo)),
                style={"flex-wrap": "wrap"},
            )
            Grafico(mapa, "Mapa del territorio", (id(modelo), paso, capa.value), alto=LADO_MAPA, ancho=f"{LADO_MAPA}px")
        with solara.Column(style={"flex": "1", "min-width": "340px"}):
            solara.HTML(
                tag="div",
                unsafe_innerHTML="<b>Matriz de estrategias de la fuente</b> (REMURPE 2003, «Estrategias de apoyo a "
                "la producción y la promoción económica»)",
            )
            solara.HTML(tag="div", unsafe_innerHTML=matriz_html(s.apoyo_produccion, s.promocion_economica, desenlace))
            solara.HTML(
                tag="div",
                unsafe_innerHTML=f"Desenlace clasificado hasta ahora (trimestre {modelo.steps}): "
                f'<b class="desenlace-parcial">{desenlace}</b>. El clasificador sólo mira indicadores medidos '
                "(crecimiento, pymes, innovación, fracasos, volatilidad), nunca el nombre de la estrategia.",
            )
            with solara.Div(classes=["indicadores-en-vivo"]):
                for rotulo, columna, formato in INDICADORES_EN_VIVO:
                    valor = formato.format(series[columna].iloc[-1]) if len(series) else "sin datos"
                    solara.HTML(tag="span", unsafe_innerHTML=f"{rotulo}: <b>{valor}</b>", classes=["indicador"])
    # Siempre presente (oculto con datos): así los gráficos de abajo no cambian de lugar en el árbol.
    Aviso(
        "Sin datos todavía: presione «Paso» o «▶ Reproducir» para avanzar trimestre a trimestre.",
        visible=len(series) == 0,
    )
    with solara.GridFixed(columns=3):
        for titulo, columnas in PANELES:
            Grafico(
                lambda titulo=titulo, columnas=columnas: opcion_serie(series, titulo, columnas),
                f"Gráfico: {titulo}",
                (id(modelo), paso),
            )


@solara.component
def VistaComparar(parametros: dict, pasos: int):
    """Las cuatro estrategias de la fuente en la misma semilla, caso y territorio, lado a lado."""
    resultados = solara.use_reactive(None)
    error = solara.use_reactive(None)

    def correr():
        error.set(None)
        try:
            resultados.set(taller.comparar(pasos, **parametros))
        except Exception as exc:  # el error se muestra en la página, en castellano
            error.set(f"No se pudo comparar: {exc}")

    tarea = solara.lab.use_task(correr, dependencies=None, prefer_threaded=True)
    solara.HTML(
        tag="div",
        unsafe_innerHTML=f"Corre cada estrategia de la fuente durante <b>{pasos} trimestres</b> con la misma "
        "semilla, el mismo caso y el mismo territorio que la vista en vivo; sólo cambian las intensidades AP y PE.",
    )
    solara.Button("Comparar las cuatro estrategias", color="primary", on_click=tarea, disabled=tarea.pending)
    if tarea.pending:
        solara.ProgressLinear(True)
        solara.Text("Corriendo las cuatro estrategias…")
    if error.value:
        Aviso(error.value, error=True)
    r = resultados.value
    if not r:
        return
    with solara.Row(style={"flex-wrap": "wrap"}, classes=["comparacion"]):
        for nombre, res in r.items():
            x = res.resumen
            with solara.Card(nombre, style={"min-width": "220px", "flex": "1"}):
                solara.HTML(
                    tag="div",
                    unsafe_innerHTML=(
                        f"AP {x['apoyo_produccion']:.2f}, PE {x['promocion_economica']:.2f}<br>"
                        f'desenlace: <b class="desenlace-comparado">{x["desenlace"]}</b><br>'
                        f"crecimiento anual: {100 * x['crecimiento_anual']:+.1f} %<br>"
                        f"cambio de pymes: {100 * x['cambio_pymes']:+.1f} %<br>"
                        f"fracción innovadora: {100 * x['fraccion_innovadora']:.1f} %<br>"
                        f"fracaso de innovadoras: {x['tasa_fracaso_innovadoras']:.3f} por año<br>"
                        f"volatilidad: {x['volatilidad']:.3f}"
                    ),
                )
    with solara.GridFixed(columns=2):
        for titulo, columna in (
            ("Producción total (kS/ por trimestre)", "produccion_total"),
            ("Pymes innovadoras", "pymes_innovadoras"),
            ("Pymes tradicionales", "pymes_tradicionales"),
            ("Confianza media", "confianza_media"),
        ):
            Grafico(
                lambda titulo=titulo, columna=columna: opcion_comparacion(r, titulo, columna),
                f"Comparación: {titulo}",
                id(r),
            )


@solara.component
def Page():
    """La página del taller."""
    casos = {op.nombre for op in taller.catalogo("caso")}
    estado = {
        "estrategia": solara.use_reactive(None),  # None: la de config.yaml (o la del caso)
        "ap": solara.use_reactive(None),
        "pe": solara.use_reactive(None),
        "caso": solara.use_reactive("ninguno" if "ninguno" in casos else None),
        "semilla": solara.use_reactive(0),
        "territorio": solara.use_reactive({}),
        "pasos": solara.use_reactive(PASOS_POR_DEFECTO),
        "reproduciendo": solara.use_reactive(False),
    }
    reinicios = solara.use_reactive(0)
    capa = solara.use_reactive("potencial")
    pestana = solara.use_reactive(0)
    error = solara.use_reactive(None)
    bloqueo = solara.use_memo(threading.Lock, [])
    e = estado
    parametros = {
        "estrategia": e["estrategia"].value,
        "caso": e["caso"].value,
        "ap": e["ap"].value,
        "pe": e["pe"].value,
        "semilla": e["semilla"].value,
        "territorio": dict(e["territorio"].value),
    }

    def crear():
        try:
            error.set(None)
            return taller.ModeloTaller(**parametros)
        except Exception as exc:  # configuración inválida: se muestra en castellano y se sigue
            error.set(f"No se pudo crear el modelo con estos parámetros: {exc}")
            return taller.ModeloTaller()

    dependencias = [*[repr(v) for v in parametros.values()], reinicios.value]
    modelo = solara.use_memo(crear, dependencias)
    # Un solo suscriptor del contador de Mesa (``force_update`` lo incrementa tras cada paso): la
    # página se redibuja en una pasada y cada parte recibe el trimestre como argumento.
    update_counter.get()
    trimestre = modelo.steps

    def paso():
        with bloqueo:
            modelo.step()
        force_update()

    def reproducir():
        while e["reproduciendo"].value and modelo.steps < e["pasos"].value:
            inicio = time.perf_counter()
            paso()
            time.sleep(max(0.0, INTERVALO_REPRODUCIR - (time.perf_counter() - inicio)))
        e["reproduciendo"].set(False)

    solara.lab.use_task(reproducir, dependencies=[e["reproduciendo"].value, modelo], prefer_threaded=True)

    def reiniciar():
        e["reproduciendo"].set(False)
        reinicios.set(reinicios.value + 1)

    def elegir_estrategia(nombre):
        if nombre == taller.NOMBRE_PROPIA:
            e["ap"].set(modelo.cfg.estrategia.apoyo_produccion)
            e["pe"].set(modelo.cfg.estrategia.promocion_economica)
            return
        e["reproduciendo"].set(False)
        e["ap"].set(None)
        e["pe"].set(None)
        nombres = {op.nombre for op in taller.catalogo("estrategia")}
        e["estrategia"].set(nombre if nombre in nombres else None)  # si no, la que trae el caso

    def intensidad(clave, valor):
        otro = "pe" if clave == "ap" else "ap"
        if e[otro].value is None:
            actual = modelo.cfg.estrategia
            e[otro].set(actual.promocion_economica if otro == "pe" else actual.apoyo_produccion)
        e["reproduciendo"].set(False)
        valor = round(float(valor), 2)
        e[clave].set(valor)
        if e[otro].value + valor > 1:  # AP y PE son fracciones del mismo presupuesto
            e[otro].set(round(1 - valor, 2))

    def elegir_caso(nombre):
        e["reproduciendo"].set(False)
        e["territorio"].set({})
        e["estrategia"].set(None)  # el caso trae su estrategia; luego se puede elegir otra
        e["ap"].set(None)
        e["pe"].set(None)
        e["caso"].set(nombre)

    def territorio(clave, valor):
        e["reproduciendo"].set(False)
        e["territorio"].set({**e["territorio"].value, clave: valor})

    # Las mismas funciones mientras no cambie el modelo: así los controles no se redibujan en cada paso.
    acciones = solara.use_memo(
        lambda: {
            "bloqueo": bloqueo,
            "reiniciar": reiniciar,
            "paso": paso,
            "elegir_estrategia": elegir_estrategia,
            "intensidad": intensidad,
            "elegir_caso": elegir_caso,
            "semilla": lambda v: e["semilla"].set(int(v)),
            "territorio": territorio,
        },
        [modelo],
    )

    solara.Title("Taller: alianzas público-privadas para el desarrollo económico local")
    solara.Style(ESTILO)
    pestanas = ("Territorio en vivo", "Comparar estrategias")
    solara.HTML(
        tag="div",
        unsafe_innerHTML="Taller: alianzas público-privadas para el desarrollo económico local",
        classes=["encabezado"],
    )
    with solara.Row(style={"align-items": "flex-start", "flex-wrap": "nowrap"}):
        with solara.Column(style={"width": "370px", "min-width": "370px"}):
            Reproduccion(estado, modelo, acciones, trimestre)
            Controles(estado, modelo, acciones)
            with solara.Card("Descargas", style={"width": "100%"}):
                Descargas(modelo, bloqueo, trimestre)
        with solara.Column(style={"flex": "1", "min-width": "0"}):
            if error.value:
                Aviso(error.value, error=True)
            with solara.v.Tabs(v_model=pestana.value, on_v_model=pestana.set):
                for rotulo in pestanas:
                    solara.v.Tab(children=[rotulo])
            if pestana.value == 0:
                VistaEnVivo(modelo, capa, bloqueo, trimestre)
            else:
                VistaComparar(modelo.parametros, e["pasos"].value)
