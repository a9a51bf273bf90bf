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
"""

from __future__ import annotations

import threading

import solara
import solara.lab
from mesa.visualization.utils import update_counter

from simulacion.taller.componentes import Aviso
from simulacion.taller.controles import Controles, Descargas, Reproduccion
from simulacion.taller.estado import Acciones, usar_estado, usar_modelo
from simulacion.taller.tarjetas import ESTILO
from simulacion.taller.vistas import VistaComparar, VistaEnVivo

TITULO = "Taller: alianzas público-privadas para el desarrollo económico local"
PESTANAS = ("Territorio en vivo", "Comparar estrategias")


@solara.component
def Pestanas(pestana: solara.Reactive):
    """Los rótulos de las pestañas (el contenido lo elige :func:`Page`)."""
    with solara.v.Tabs(v_model=pestana.value, on_v_model=pestana.set):
        for rotulo in PESTANAS:
            solara.v.Tab(children=[rotulo])


@solara.component
def Page():
    """La página del taller: controles a la izquierda, la pestaña elegida a la derecha."""
    estado = usar_estado()
    reinicios = solara.use_reactive(0)
    error = solara.use_reactive(None)
    capa = solara.use_reactive("potencial")
    pestana = solara.use_reactive(0)
    bloqueo = solara.use_memo(threading.Lock, [])
    modelo = usar_modelo(estado, reinicios, error)
    # Un solo suscriptor del contador de Mesa (``Acciones.paso`` lo incrementa tras cada paso): la
    # página se redibuja en una pasada y cada parte recibe el trimestre como argumento.
    update_counter.get()
    trimestre = modelo.steps
    # Las mismas acciones mientras no cambie el modelo: así los controles no se redibujan en cada paso.
    acciones = solara.use_memo(lambda: Acciones(estado, modelo, bloqueo, reinicios), [modelo])
    solara.lab.use_task(acciones.reproducir, dependencies=[estado.reproduciendo.value, modelo], prefer_threaded=True)

    solara.Title(TITULO)
    solara.Style(ESTILO)
    solara.HTML(tag="div", unsafe_innerHTML=TITULO, classes=["encabezado"])
    with solara.Row(style={"align-items": "flex-start", "flex-wrap": "nowrap"}):
        with solara.Column(style={"width": "370px", "min-width": "370px"}):
            Reproduccion(estado, modelo, acciones, trimestre)
            Controles(estado, modelo, acciones)
            Descargas(modelo, bloqueo, trimestre)
        with solara.Column(style={"flex": "1", "min-width": "0"}):
            if error.value:
                Aviso(error.value, error=True)
            Pestanas(pestana)
            if pestana.value == 0:
                VistaEnVivo(modelo, capa, bloqueo, trimestre, estado)
            else:
                VistaComparar(estado, modelo.parametros)
