"""La página del taller (Solara + Mesa), toda en castellano: ``simulacion-taller`` la sirve
(``simulacion.taller.pagina:Page``).

Usa las piezas de visualización de Mesa sobre Solara (el contador ``update_counter`` de
``mesa.visualization.utils`` para redibujar tras cada paso, el patrón reproducir/paso/reiniciar del
``ModelController`` de ``SolaraViz``) con controles propios: el esqueleto de ``SolaraViz`` trae sus
rótulos fijos en inglés ("Controls", "Step", "Reset", "Model Parameters"), y la página de un taller
con autoridades municipales debe estar en castellano.

Mapa y gráficos se dibujan en el navegador con ECharts (incluido en ``solara-assets``, sin
internet): el servidor sólo arma diccionarios, lo que mantiene un paso por debajo de 300 ms.
Aquí sólo se arma la página: estado y acciones en :mod:`~simulacion.taller.estado`, la columna de
controles en :mod:`~simulacion.taller.controles` y las pestañas en :mod:`~simulacion.taller.vistas`.
La dirección lleva la elección (:mod:`~simulacion.taller.enlaces`): al abrir un enlace o recargar, la
corrida se reconstruye hasta el mismo trimestre. El aviso de conexión perdida y el enlace están en
:mod:`~simulacion.taller.sala`; teléfono, modo presentación e impresión, en
:mod:`~simulacion.taller.estilo_sala`.
"""

from __future__ import annotations

import threading

import solara
import solara.lab
from mesa.visualization.utils import force_update, update_counter

from simulacion.taller import corridas, enlaces
from simulacion.taller.componentes import Aviso
from simulacion.taller.controles import Controles, Descargas, Reproduccion, Trimestre
from simulacion.taller.estado import Acciones, Estado, usar_estado, usar_modelo
from simulacion.taller.estilo_sala import ESTILO_SALA
from simulacion.taller.sala import Cabecera, EnlaceCompartido
from simulacion.taller.sesion import ModeloTaller, catalogo
from simulacion.taller.tarjetas import ESTILO, intensidades_html
from simulacion.taller.vistas import VistaComparar, VistaEnVivo

TITULO = "Taller: alianzas público-privadas para el desarrollo económico local"
PESTANAS = ("Territorio en vivo", "Comparar estrategias")


@solara.component
def Pestanas(pestana: solara.Reactive):
    """Los rótulos de las pestañas (el contenido lo elige :func:`Page`)."""
    with solara.v.Tabs(v_model=pestana.value, on_v_model=pestana.set, class_="sala-pestanas"):
        for rotulo in PESTANAS:
            solara.v.Tab(children=[rotulo])


def reconstruir(modelo: ModeloTaller, hasta: int, cambios: tuple, bloqueo: threading.Lock) -> None:
    """Avanza ``modelo`` hasta el trimestre ``hasta`` (el de un enlace o una página recargada) con los
    cambios de reparto del enlace en su trimestre (:func:`~simulacion.taller.corridas.avanzar`): con
    la misma elección y semilla, los mismos números que la corrida original."""
    with bloqueo:
        corridas.avanzar(modelo, cambios, hasta)
    force_update()


@solara.component
def EnlaceYAjustes(consulta: str, avisos: list[str], al_restablecer):
    """El enlace de esta corrida, «Copiar enlace», «Valores por defecto» y los avisos del enlace abierto."""
    with solara.Card("Enlace de esta corrida", style={"width": "100%"}, classes=["sala-enlace"]):
        solara.Text(
            "Abre la misma elección y el mismo trimestre en otro navegador (o tras recargar).",
            style={"font-size": "12px"},
        )
        EnlaceCompartido(consulta)
        solara.Button("Valores por defecto", color="primary", outlined=True, on_click=al_restablecer)
        for aviso in avisos:
            Aviso(aviso, error=True)


def resumen_ajustes_html(modelo: ModeloTaller, trimestre: int) -> str:
    """Los ajustes de la corrida en una línea (para la hoja impresa, donde no salen los controles)."""
    cfg = modelo.cfg
    casos = {opcion.nombre: opcion.titulo for opcion in catalogo("caso")}
    caso = casos.get(modelo.parametros["caso"], "ninguno")
    cambios = ", ".join(f"{clave} = {valor:g}" for clave, valor in modelo.parametros["territorio"].items())
    periodo = cfg.gobierno.periodo_electoral
    elecciones = (
        f" Elecciones cada {periodo} trimestres (institucionalización {cfg.gobierno.institucionalizacion:g})."
        if periodo
        else ""
    )
    return (
        f"<b>{TITULO}</b><br>Caso: {caso}. Estrategia: {cfg.estrategia.nombre} "
        f"({intensidades_html(cfg.estrategia.apoyo_produccion, cfg.estrategia.promocion_economica)}). "
        f"Semilla: {cfg.semilla}. Trimestre: {trimestre}."
        + (f" Territorio cambiado: {cambios}." if cambios else "")
        + elecciones
    )


@solara.component
def BarraPresentacion(estado: Estado, acciones: Acciones, mostrado: solara.Reactive):
    """En modo presentación, el trimestre y los botones de reproducción en una franja arriba."""
    reproduciendo = estado.reproduciendo.value
    with solara.Row(classes=["barra-presentacion"], style={"align-items": "center", "flex-wrap": "wrap"}):
        Trimestre(mostrado)
        solara.Button("Reiniciar", color="primary", on_click=acciones.reiniciar)
        solara.Button(
            "❚❚ Pausa" if reproduciendo else "▶ Reproducir", color="primary", on_click=acciones.alternar_reproduccion
        )
        solara.Button("Paso", color="primary", on_click=acciones.paso, disabled=reproduciendo)


@solara.component
def Page():
    """La página del taller: controles a la izquierda, la pestaña elegida a la derecha.

    La elección sale de la dirección al abrir (:mod:`simulacion.taller.enlaces`) y vuelve a ella tras
    cada cambio y cada trimestre; si trae un trimestre, la corrida se reproduce hasta él.
    """
    router = solara.use_router()
    enlace = solara.use_memo(lambda: enlaces.leer_enlace(router.search), [])
    estado = usar_estado(enlace.valores)
    presentacion = solara.use_reactive(enlace.valores.get("presentacion", False))
    objetivo = solara.use_reactive(enlace.valores.get("trimestre", 0))  # trimestre por reconstruir
    reinicios = solara.use_reactive(0)
    error = solara.use_reactive(None)
    capa = solara.use_reactive("potencial")
    pestana = solara.use_reactive(0)
    bloqueo = solara.use_memo(threading.Lock, [])
    modelo = usar_modelo(estado, reinicios, error)
    # Un solo suscriptor del contador de Mesa (``Acciones.paso`` lo incrementa tras cada paso): la
    # página se redibuja en una pasada y cada parte recibe el trimestre como argumento.
    update_counter.get()
    with bloqueo:  # Mesa cuenta el trimestre al empezar el paso: a mitad de un paso, todavía no se jugó
        trimestre = modelo.steps
    # El rótulo «Trimestre N» cambia después de dibujar los números del trimestre N (ver ``Trimestre``).
    # (No ``use_reactive(trimestre)``: ése se pondría al día en este mismo redibujo, antes que los números.)
    mostrado = solara.use_memo(lambda: solara.reactive(trimestre), [])
    solara.use_effect(lambda: mostrado.set(trimestre), [trimestre, modelo])
    # Las mismas acciones mientras no cambie el modelo: así los controles no se redibujan en cada paso.
    acciones = solara.use_memo(lambda: Acciones(estado, modelo, bloqueo, reinicios), [modelo])
    solara.lab.use_task(acciones.reproducir, dependencies=[estado.reproduciendo.value, modelo], prefer_threaded=True)

    def reconstruir_enlace():
        if objetivo.value or estado.cambios.value:
            reconstruir(modelo, objetivo.value, estado.cambios.value, bloqueo)
            objetivo.set(0)

    solara.lab.use_task(reconstruir_enlace, dependencies=[modelo], prefer_threaded=True)
    alcanzado = max(trimestre, objetivo.value)
    valores = {
        **estado.parametros(),
        # «Paso» sigue tras los trimestres a simular: el enlace los estira hasta el alcanzado (si no, no
        # se podría reconstruir esa corrida, p. ej. un cambio de gestión tras el último trimestre).
        "pasos": max(estado.pasos.value, alcanzado),
        "cambios": estado.cambios.value,
        "presentacion": presentacion.value,
    }
    consulta = enlaces.escribir_enlace({**valores, "trimestre": alcanzado})

    Cabecera(TITULO, (ESTILO, ESTILO_SALA))
    with solara.Div(classes=["sala", "modo-presentacion" if presentacion.value else "modo-normal"]):
        with solara.Row(classes=["encabezado"], style={"align-items": "center", "justify-content": "space-between"}):
            solara.HTML(tag="span", unsafe_innerHTML=TITULO, classes=["encabezado-titulo"])
            solara.Switch(label="Modo presentación", value=presentacion, classes=["interruptor-presentacion"])
        solara.HTML(tag="div", unsafe_innerHTML=resumen_ajustes_html(modelo, trimestre), classes=["solo-impresion"])
        if presentacion.value:
            BarraPresentacion(estado, acciones, mostrado)
        with solara.Row(classes=["sala-fila"], style={"align-items": "flex-start", "flex-wrap": "nowrap"}):
            with solara.Column(classes=["sala-controles"], style={"width": "370px", "min-width": "370px"}):
                if not presentacion.value:
                    Reproduccion(estado, acciones, trimestre, mostrado)
                Controles(estado, modelo, acciones)
                EnlaceYAjustes(consulta, enlace.avisos, lambda: acciones.restablecer(enlaces.por_defecto()))
                Descargas(modelo, bloqueo)
            with solara.Column(classes=["sala-contenido"], style={"flex": "1", "min-width": "0"}):
                if error.value:
                    Aviso(error.value, error=True)
                if objetivo.value:
                    Aviso(f"Reconstruyendo la corrida del enlace hasta el trimestre {objetivo.value}…")
                Pestanas(pestana)
                with solara.Div(classes=["vista-en-vivo" if pestana.value == 0 else "vista-comparar"]):
                    if pestana.value == 0:
                        VistaEnVivo(modelo, capa, bloqueo, trimestre, estado)
                    else:
                        VistaComparar(estado, modelo.parametros)
