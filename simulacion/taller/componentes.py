"""Componentes Solara genéricos del taller: el gráfico ECharts, el aviso y el deslizador con rótulo.

No saben nada del modelo: los usan los controles (:mod:`simulacion.taller.controles`) y las vistas
(:mod:`simulacion.taller.vistas`). El único detalle interno de Solara del taller (la plantilla Vue de
su gráfico ECharts) está en :func:`plantilla_echarts`.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import solara
from solara.components.echarts import EchartsWidget


def plantilla_echarts() -> str:
    """La plantilla Vue del gráfico ECharts de Solara, con una guarda: si las opciones llegan antes de
    que el navegador termine de cargar ECharts, no falla (las toma al crear el gráfico).

    Adaptador de un detalle interno (comprobado con solara 1.58.2): ``EchartsWidget.template_file``
    es ``(ruta de echarts.py, "echarts.vue")`` y el observador ``option`` de esa plantilla llama a
    ``this.chart.setOption`` sin comprobar que el gráfico exista. Si otra versión cambia el texto,
    la sustitución no encuentra nada y ``tests/test_app.py`` lo avisa.
    """
    modulo, archivo = EchartsWidget.template_file
    vue = (Path(modulo).parent / archivo).read_text(encoding="utf-8")
    return re.sub(
        r"(watch: \{\s*option\(\) \{.*?)this\.chart\.setOption\(this\.option, true\);",
        r"\1if (this.chart) this.chart.setOption(this.option, true);",
        vue,
        count=1,
        flags=re.S,
    )


PLANTILLA_ECHARTS = plantilla_echarts()


class GraficoEcharts(EchartsWidget):
    """El widget ECharts de Solara con la plantilla de :func:`plantilla_echarts`."""

    template_file = None

    def __init__(self, **kwargs):
        super().__init__(template=PLANTILLA_ECHARTS, **kwargs)


@solara.component
def Grafico(construir, rotulo: str, cambio=None, alto: int = 260, ancho: str = "100%"):
    """Un gráfico ECharts cuyas opciones arma ``construir()`` tras cada redibujo.

    ``cambio`` (por ejemplo, el trimestre) obliga a redibujar: Reacton compara las funciones por su
    código y sus variables libres, así que ``construir`` solo no basta para notar un paso del modelo.

    Las opciones (cientos de puntos) se asignan al widget en un efecto y no como argumento del
    elemento: así Reacton no las recorre al reconciliar, lo que reduce a la mitad el tiempo de un
    paso. ``rotulo`` queda como ``aria-label`` del contenedor.
    """
    elemento = GraficoEcharts.element(
        attributes={"style": f"height: {alto}px; width: {ancho};", "aria-label": rotulo},
        responsive=True,  # se redibuja al cambiar de tamaño (teléfono, modo presentación, impresión)
    )

    def actualizar():
        solara.get_widget(elemento).option = construir()

    solara.use_effect(actualizar, None)  # tras cada redibujo (sólo se redibuja si cambió algo arriba)
    return elemento


@solara.component
def Aviso(texto: str, error: bool = False, visible: bool = True):
    """Un aviso en un recuadro (los avisos de Solara no funcionan con el ipyvuetify 3 instalado)."""
    clase = "aviso-error" if error else "aviso"
    estilo = {} if visible else {"display": "none"}
    solara.HTML(tag="div", unsafe_innerHTML=html.escape(texto) if visible else "", classes=[clase], style=estilo)


@solara.component
def Deslizador(rotulo: str, valor, minimo, maximo, paso, al_cambiar):
    """Un deslizador con su rótulo (y valor) en una línea propia: los rótulos largos no lo aplastan."""
    solara.Text(rotulo, style={"font-size": "14px", "margin-bottom": "-14px"}, classes=["rotulo-deslizador"])
    deslizador = solara.SliderInt if isinstance(paso, int) else solara.SliderFloat
    deslizador("", value=valor, min=minimo, max=maximo, step=paso, on_value=al_cambiar)
