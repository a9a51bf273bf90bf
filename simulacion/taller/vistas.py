"""Las dos pestañas del taller: la corrida en vivo (mapa, matriz 2×2, tarjetas y gráficos) y la
comparación de las cuatro estrategias de la fuente.

Las opciones de los gráficos salen de :mod:`simulacion.taller.graficos`, el HTML de
:mod:`simulacion.taller.tarjetas` y los cálculos de :mod:`simulacion.taller.sesion`.
"""

from __future__ import annotations

import threading

import pandas as pd
import solara
import solara.lab

from simulacion.indicadores import indicador
from simulacion.modelo import ModeloTerritorial
from simulacion.taller import graficos, sesion, tarjetas
from simulacion.taller.componentes import Aviso, Grafico

# El glosario de la página: cada indicador de las tarjetas y de los gráficos, con su explicación declarada.
GLOSARIO = tarjetas.glosario_html(
    (
        *tarjetas.INDICADORES_EN_VIVO,
        *tarjetas.INDICADORES_CORRIDA,
        *tarjetas.INDICADORES_COMPARADOS,
        *(columna for _, columnas in graficos.PANELES_TALLER for columna in columnas),
        *graficos.COLUMNAS_COMPARADAS,
    )
)
AVISO_SIN_DATOS = "Sin datos todavía: presione «Paso» o «▶ Reproducir» para avanzar trimestre a trimestre."


# ---------------------------------------------------------------------- en vivo
@solara.component
def Mapa(modelo: ModeloTerritorial, capa: solara.Reactive, bloqueo: threading.Lock, paso: int):
    """El selector de capa y el mapa del territorio con sus actores."""
    botones = graficos.BOTONES_CAPA

    def opcion():
        with bloqueo:
            return graficos.opcion_mapa(modelo, capa.value)

    lado = graficos.LADO_MAPA
    with solara.Column(style={"width": f"{lado + 10}px"}):
        solara.Text("Color de las celdas:", style={"font-size": "13px"})
        solara.ToggleButtonsSingle(
            value=botones[capa.value],
            values=list(botones.values()),
            on_value=lambda rotulo: capa.set(next(clave for clave, boton in botones.items() if boton == rotulo)),
            style={"flex-wrap": "wrap"},
        )
        Grafico(opcion, "Mapa del territorio", (id(modelo), paso, capa.value), alto=lado, ancho=f"{lado}px")


@solara.component
def MatrizEIndicadores(modelo: ModeloTerritorial, series: pd.DataFrame, resumen: dict):
    """La matriz 2×2 de la fuente, el desenlace clasificado hasta ahora, las tarjetas de indicadores
    (el trimestre en curso y la corrida hasta ahora, lo que pide mirar la guía) y el glosario."""
    estrategia, desenlace = modelo.cfg.estrategia, resumen["desenlace"]
    matriz = tarjetas.matriz_html(estrategia.apoyo_produccion, estrategia.promocion_economica, desenlace)
    with solara.Column(style={"flex": "1", "min-width": "340px"}):
        solara.HTML(tag="div", unsafe_innerHTML=tarjetas.TITULO_MATRIZ)
        solara.HTML(tag="div", unsafe_innerHTML=matriz)
        solara.HTML(tag="div", unsafe_innerHTML=tarjetas.desenlace_parcial_html(modelo.steps, desenlace))
        # Un widget por grupo de tarjetas (no uno por tarjeta): menos trabajo al redibujar cada paso.
        solara.HTML(tag="div", unsafe_innerHTML=tarjetas.tarjetas_en_vivo_html(modelo.steps, series))
        solara.HTML(tag="div", unsafe_innerHTML=tarjetas.tarjetas_corrida_html(series, resumen))
        solara.HTML(tag="div", unsafe_innerHTML=GLOSARIO)


@solara.component
def GraficosSeries(modelo: ModeloTerritorial, series: pd.DataFrame, paso: int):
    """Los paneles de ``series.png`` y los que pide la guía (:data:`~simulacion.taller.graficos.PANELES_TALLER`)."""
    with solara.GridFixed(columns=3):
        for titulo, columnas in graficos.PANELES_TALLER:
            Grafico(
                lambda titulo=titulo, columnas=columnas: graficos.opcion_serie(series, titulo, columnas),
                f"Gráfico: {titulo}",
                (id(modelo), paso),
            )


@solara.component
def VistaEnVivo(modelo: ModeloTerritorial, capa: solara.Reactive, bloqueo: threading.Lock, paso: int):
    """Mapa, matriz 2×2, indicadores y gráficos de la corrida en curso (``paso``: se redibuja tras cada paso)."""
    with bloqueo:  # no leer el modelo a mitad de un paso de la reproducción
        parcial = sesion.resultado_parcial(modelo)
    series = parcial.series
    with solara.Row(style={"flex-wrap": "wrap", "align-items": "flex-start"}):
        Mapa(modelo, capa, bloqueo, paso)
        MatrizEIndicadores(modelo, series, parcial.resumen)
    # Siempre presente (oculto con datos): así los gráficos de abajo no cambian de lugar en el árbol.
    Aviso(AVISO_SIN_DATOS, visible=len(series) == 0)
    GraficosSeries(modelo, series, paso)


# ---------------------------------------------------------------------- comparar
@solara.component
def ResumenesComparados(resultados: dict):
    """Una tarjeta por estrategia: intensidades, desenlace e indicadores del desenlace."""
    with solara.Row(style={"flex-wrap": "wrap"}, classes=["comparacion"]):
        for nombre, resultado in resultados.items():
            with solara.Card(nombre, style={"min-width": "220px", "flex": "1"}):
                solara.HTML(tag="div", unsafe_innerHTML=tarjetas.resumen_comparado_html(resultado.resumen))


@solara.component
def GraficosComparados(resultados: dict):
    """Las columnas de :data:`~simulacion.taller.graficos.COLUMNAS_COMPARADAS`, una línea por estrategia."""
    with solara.GridFixed(columns=2):
        for columna in graficos.COLUMNAS_COMPARADAS:
            Grafico(
                lambda columna=columna: graficos.opcion_comparacion(resultados, columna),
                f"Comparación: {indicador(columna).titulo}",
                id(resultados),
            )


@solara.component
def VistaComparar(parametros: dict, pasos: int):
    """Las cuatro estrategias de la fuente en la misma semilla, caso y territorio, lado a lado."""
    resultados = solara.use_reactive(None)
    error = solara.use_reactive(None)

    def correr():
        error.set(None)
        try:
            resultados.set(sesion.comparar(pasos, **parametros))
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
    if resultados.value:
        ResumenesComparados(resultados.value)
        GraficosComparados(resultados.value)
