"""Las dos pestañas del taller: la corrida en vivo (mapa, matriz 2×2, tarjetas, gráficos con las
marcas de los cambios de estrategia y la superposición de las corridas guardadas) y la comparación de
las estrategias de la fuente con varias semillas.

Las opciones de los gráficos salen de :mod:`simulacion.taller.graficos`, el HTML de
:mod:`simulacion.taller.tarjetas` y los cálculos de :mod:`simulacion.taller.sesion`.
"""

from __future__ import annotations

import html
import threading

import pandas as pd
import solara
import solara.lab

from simulacion.indicadores import indicador
from simulacion.modelo import ModeloTerritorial
from simulacion.taller import corridas, graficos, sesion, tarjetas
from simulacion.taller.componentes import Aviso, Deslizador, Grafico

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
def MatrizEIndicadores(modelo: ModeloTerritorial, series: pd.DataFrame, resumen: dict, cambios: tuple = ()):
    """La matriz 2×2 de la fuente (resaltada la celda del reparto que rige), el desenlace clasificado
    hasta ahora, las tarjetas de indicadores (el trimestre en curso y la corrida hasta ahora, lo que
    pide mirar la guía) y el glosario. El trimestre es el de ``series`` (una fila por trimestre jugado),
    no ``modelo.steps``: la reproducción puede estar jugando el siguiente."""
    trimestre = len(series)
    desenlace = resumen["desenlace"]
    _, ap, pe = corridas.reparto_vigente(modelo, cambios)
    matriz = tarjetas.matriz_html(ap, pe, desenlace)
    with solara.Column(style={"flex": "1", "min-width": "340px"}):
        solara.HTML(tag="div", unsafe_innerHTML=tarjetas.TITULO_MATRIZ)
        solara.HTML(tag="div", unsafe_innerHTML=matriz)
        solara.HTML(tag="div", unsafe_innerHTML=tarjetas.desenlace_parcial_html(trimestre, desenlace))
        # Un widget por grupo de tarjetas (no uno por tarjeta): menos trabajo al redibujar cada paso.
        solara.HTML(tag="div", unsafe_innerHTML=tarjetas.tarjetas_en_vivo_html(trimestre, series))
        solara.HTML(tag="div", unsafe_innerHTML=tarjetas.tarjetas_corrida_html(series, resumen))
        solara.HTML(tag="div", unsafe_innerHTML=GLOSARIO)


@solara.component
def GraficosSeries(modelo: ModeloTerritorial, series: pd.DataFrame, paso: int, cambios: tuple = ()):
    """Los paneles de ``series.png`` y los que pide la guía (:data:`~simulacion.taller.graficos.PANELES_TALLER`)
    en vivo, con la marca de cada cambio de estrategia o de gestión y la de cada elección."""
    elecciones = graficos.marcas_de_eleccion(series, cambios)
    with solara.GridFixed(columns=3):
        for titulo, columnas in graficos.PANELES_TALLER:
            Grafico(
                lambda titulo=titulo, columnas=columnas: graficos.con_marcas(
                    graficos.opcion_serie(series, titulo, columnas), cambios, elecciones=elecciones
                ),
                f"Gráfico: {titulo}",
                (id(modelo), paso, cambios),
            )


def _leyenda_corrida_html(numero: int, corrida: corridas.Corrida) -> str:
    """Una corrida guardada en la lista: su número, una muestra de su color y tipo de línea y su leyenda."""
    linea = ("solid", "dashed", "dotted", "dashed")[(numero - 1) % len(graficos.ESTILOS_LINEA)]
    muestra = f'<span style="display:inline-block;width:26px;border-top:3px {linea} {corrida.color}"></span>'
    return f'<li class="corrida-guardada">{muestra} {numero}. {html.escape(corrida.etiqueta)}</li>'


@solara.component
def Superposicion(estado, modelo: ModeloTerritorial, series: pd.DataFrame, paso: int):
    """Las corridas guardadas con «Guardar esta corrida», superpuestas a la corrida en curso."""
    guardadas = estado.corridas.value
    maximo = corridas.MAXIMO_CORRIDAS
    solara.HTML(tag="h3", unsafe_innerHTML=f"Corridas guardadas (hasta {maximo})")
    if not guardadas:
        solara.Text(
            f"«Guardar esta corrida» guarda la corrida en curso; se superponen hasta {maximo} corridas "
            "(la más antigua sale al guardar otra) con la corrida en curso, cada una con su estrategia, caso "
            "y semilla.",
            style={"font-size": "13px"},
        )
        return
    lista = "".join(_leyenda_corrida_html(k, corrida) for k, corrida in enumerate(guardadas, 1))
    solara.HTML(tag="ul", unsafe_innerHTML=lista, classes=["corridas-guardadas"])
    with solara.Row():
        solara.Button("Borrar las guardadas", outlined=True, on_click=lambda: estado.corridas.set(()))
    en_curso = None
    if len(series):
        en_curso = corridas.Corrida.de_modelo(modelo, modelo.parametros["caso"], estado.cambios.value, series)
    alto = 260 + 20 * (len(guardadas) + (en_curso is not None))
    with solara.GridFixed(columns=2):
        for columna in graficos.COLUMNAS_COMPARADAS:
            Grafico(
                lambda columna=columna: graficos.series_superpuestas(guardadas, columna, en_curso),
                f"Superposición: {indicador(columna).titulo}",
                (id(modelo), paso, guardadas, estado.cambios.value),
                alto=alto,
            )


@solara.component
def VistaEnVivo(modelo: ModeloTerritorial, capa: solara.Reactive, bloqueo: threading.Lock, paso: int, estado=None):
    """Mapa, matriz 2×2, indicadores y gráficos de la corrida en curso (``paso``: se redibuja tras cada
    paso) y, con el ``estado`` de la página, las marcas de sus cambios y las corridas guardadas."""
    cambios = estado.cambios.value if estado is not None else ()
    with bloqueo:  # no leer el modelo a mitad de un paso de la reproducción
        parcial = sesion.resultado_parcial(modelo)
    series = parcial.series
    with solara.Row(style={"flex-wrap": "wrap", "align-items": "flex-start"}):
        Mapa(modelo, capa, bloqueo, paso)
        MatrizEIndicadores(modelo, series, parcial.resumen, cambios)
    # Siempre presente (oculto con datos): así los gráficos de abajo no cambian de lugar en el árbol.
    Aviso(AVISO_SIN_DATOS, visible=len(series) == 0)
    GraficosSeries(modelo, series, paso, cambios)
    if estado is not None:
        with solara.Column(classes=["superposicion"]):
            Superposicion(estado, modelo, series, paso)


# ---------------------------------------------------------------------- comparar
@solara.component
def ResumenesComparados(comparacion: corridas.Comparacion):
    """Una tarjeta por estrategia: intensidades, cuántas veces dio cada desenlace e indicadores."""
    with solara.Row(style={"flex-wrap": "wrap"}, classes=["comparacion"]):
        for fila in comparacion.filas:
            with solara.Card(fila.nombre, style={"min-width": "220px", "flex": "1"}):
                solara.HTML(tag="div", unsafe_innerHTML=tarjetas.resumen_semillas_html(fila))


@solara.component
def GraficosComparados(comparacion: corridas.Comparacion):
    """Las columnas de :data:`~simulacion.taller.graficos.COLUMNAS_COMPARADAS`: la mediana de cada estrategia."""
    with solara.GridFixed(columns=2):
        for columna in graficos.COLUMNAS_COMPARADAS:
            Grafico(
                lambda columna=columna: graficos.opcion_comparacion_semillas(comparacion, columna),
                f"Comparación: {indicador(columna).titulo}",
                id(comparacion),
            )


@solara.component
def VistaComparar(estado, parametros: dict):
    """Las estrategias de la fuente (y la del caso, si hay uno) con varias semillas, el mismo caso y el
    mismo territorio. El resultado queda en el estado de la página (no se pierde al cambiar de
    pestaña) con su clave: si cambia la semilla, el caso, el territorio, los trimestres o las
    semillas, ya no se muestra."""
    n, pasos = estado.n_semillas.value, estado.pasos.value
    clave = corridas.ClaveComparacion.de(
        parametros["caso"], parametros["semilla"], n, pasos, parametros["territorio"], parametros.get("gobierno")
    )
    comparacion, progreso = estado.comparacion.value, estado.progreso.value
    error = solara.use_reactive(None)

    def correr():
        error.set(None)
        estado.progreso.set((0, 1))
        try:
            estado.comparacion.set(corridas.comparar_semillas(clave, lambda h, t: estado.progreso.set((h, t))))
        except Exception as exc:  # el error se muestra en la página, en castellano
            error.set(f"No se pudo comparar: {exc}")
        finally:
            estado.progreso.set(None)

    tarea = solara.lab.use_task(correr, dependencies=None, prefer_threaded=True)
    filas = corridas.filas_a_comparar(parametros["caso"])
    del_caso = " y la del caso" if any(estrategia is None for _, estrategia in filas) else ""
    solara.HTML(
        tag="div",
        unsafe_innerHTML=f"Corre cada estrategia de la fuente{del_caso} con "
        f"<b>{clave.rotulo()}</b>: las semillas siguen a la de la página, y el caso y el territorio son los "
        "de la vista en vivo (también las elecciones); sólo cambian las intensidades AP y PE.",
    )
    Deslizador(f"Semillas por estrategia: {n}", n, 1, 10, 1, estado.n_semillas.set)
    solara.Button(
        f"Comparar ({len(filas) * n} corridas)", color="primary", on_click=tarea, disabled=progreso is not None
    )
    if progreso is not None:
        hechas, total = progreso
        solara.ProgressLinear(value=100 * hechas / total)
        solara.Text(f"Corriendo… {hechas} de {total} corridas.")
    if error.value:
        Aviso(error.value, error=True)
    if comparacion is None:
        return
    if comparacion.clave != clave:
        Aviso(
            f"La comparación anterior ({comparacion.clave.rotulo()}) se borró: cambió la semilla, el caso, el "
            "territorio, los trimestres o las semillas por estrategia. Vuelva a comparar."
        )
        return
    solara.HTML(
        tag="div", unsafe_innerHTML=f"Resultados: {html.escape(clave.rotulo())}", classes=["rotulo-comparacion"]
    )
    ResumenesComparados(comparacion)
    GraficosComparados(comparacion)
