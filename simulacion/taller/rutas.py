"""Las rutas de ``simulacion-taller`` (lo que sirve Solara, :data:`simulacion.taller.servidor.PAGINA`):

- ``/``: la página del taller (:func:`simulacion.taller.pagina.Page`);
- ``/sala``: el facilitador abre una sala o un participante escribe su código
  (:mod:`simulacion.taller.salas.facilitador`);
- ``/sala/XXXX``: un participante en la sala ``XXXX`` (:mod:`simulacion.taller.salas.paginas`).

Todas con la disposición de siempre de Solara (``AppLayout``) sin la barra de navegación entre rutas:
cada público llega a la suya por su dirección.
"""

from __future__ import annotations

from urllib.parse import parse_qs

import solara

from simulacion.taller.pagina import Page as PaginaTaller
from simulacion.taller.salas import juego
from simulacion.taller.salas.estado import normalizar_codigo
from simulacion.taller.salas.facilitador import VistaFacilitador
from simulacion.taller.salas.paginas import Encabezado, VistaParticipante, usar_version


@solara.component
def PaginaSala():
    """``/sala`` o ``/sala/XXXX``, según la dirección."""
    router = solara.use_router()
    partes = [parte for parte in router.parts if parte]
    consulta = {clave: valores[-1] for clave, valores in parse_qs(router.search or "").items()}
    version = usar_version(juego.registro())
    Encabezado()
    with solara.Column(classes=["sala-salas"], style={"padding": "8px", "width": "100%", "max-width": "1200px"}):
        if len(partes) >= 2:
            VistaParticipante(normalizar_codigo(partes[1]), consulta.get("ficha", ""), version)
        else:
            VistaFacilitador(consulta, version)


@solara.component
def Disposicion(children=[]):  # noqa: B006 (la firma que Solara espera de una disposición)
    """La disposición de siempre (``AppLayout``) sin pestañas de navegación entre las rutas."""
    return solara.AppLayout(children=children, navigation=False)


routes = [
    solara.Route(path="/", component=PaginaTaller, layout=Disposicion, label="Taller"),
    solara.Route(path="sala", component=PaginaSala, label="Sala por roles"),
]
