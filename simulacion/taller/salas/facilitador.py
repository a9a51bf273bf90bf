"""La página del facilitador (``/sala``): abrir una sala, mostrar su código y su QR, ver quién entró,
manejar los años y proyectar el plenario. Quien no abrió la sala escribe aquí su código.

La ficha del facilitador queda en la dirección (``?codigo=XXXX&facilitador=…``): al recargar, o tras
reiniciar el servidor, vuelve a manejar la misma sala.
"""

from __future__ import annotations

import html

import segno
import solara

from simulacion.indicadores import indicador
from simulacion.taller import material
from simulacion.taller.componentes import Aviso, Deslizador, Grafico
from simulacion.taller.controles import DescargaArmada
from simulacion.taller.sala import CampoSemilla, EnlaceCompartido
from simulacion.taller.salas import juego, plenario
from simulacion.taller.salas.estado import ABIERTA, CERRADA, PAUSA, AccionRechazada, SinPermiso, normalizar_codigo
from simulacion.taller.salas.paginas import Reloj, estado_html, mensaje_sin_sala
from simulacion.taller.salas.roles import ROLES
from simulacion.taller.servidor import direccion_para_telefonos
from simulacion.taller.sesion import catalogo
from simulacion.taller.tarjetas import desenlace_html

SIN_CASO = "Ninguno (el territorio rural representativo)"
TIPO_XLSX = material.TIPO_XLSX


@solara.component
def VistaFacilitador(consulta: dict, version: int):
    """``/sala``: el panel de la sala del facilitador, o abrir una / escribir un código."""
    registro = juego.registro()
    codigo, fijar_codigo = solara.use_state(normalizar_codigo(consulta.get("codigo", "")))
    ficha, fijar_ficha = solara.use_state(consulta.get("facilitador", ""))
    en_juego = registro.obtener(codigo) if codigo else None
    if en_juego is not None and ficha:
        try:
            en_juego.sala.revisar_facilitador(ficha)
        except SinPermiso:
            en_juego = None
    if en_juego is None:

        def al_crear(nuevo):
            fijar_codigo(nuevo.codigo)
            fijar_ficha(nuevo.sala.ficha_facilitador)

        with solara.Row(style={"flex-wrap": "wrap", "align-items": "flex-start", "gap": "12px"}):
            EntrarConCodigo()
            AbrirSala(al_crear)
        return
    PanelSala(en_juego, ficha, version)


@solara.component
def EntrarConCodigo():
    """Para los participantes: escribir el código que muestra el facilitador."""
    router = solara.use_router()
    texto = solara.use_reactive("")
    error = solara.use_reactive(None)

    def entrar():
        codigo = normalizar_codigo(texto.value)
        if juego.registro().obtener(codigo) is None:
            error.set(mensaje_sin_sala(codigo or "(vacía)"))
            return
        router.push(f"/sala/{codigo}")

    with solara.Card("¿Participa? Escriba el código de la sala", style={"max-width": "420px"}):
        solara.InputText("Código de sala", value=texto, continuous_update=True)
        solara.Button("Entrar", color="primary", on_click=entrar, classes=["boton-codigo"])
        if error.value:
            Aviso(error.value, error=True)


@solara.component
def AbrirSala(al_crear):
    """Para el facilitador: caso, semilla, grupos, segundos por decisión y años; «Abrir la sala»."""
    catalogo_casos = catalogo("caso")  # «ninguno», si existe, es el territorio sin caso (como en la página)
    neutro = "ninguno" if any(opcion.nombre == "ninguno" for opcion in catalogo_casos) else None
    casos = {SIN_CASO: neutro, **{o.titulo: o.nombre for o in catalogo_casos if o.nombre != "ninguno"}}
    caso = solara.use_reactive(SIN_CASO)
    semilla = solara.use_reactive(0)
    grupos = solara.use_reactive(2)
    segundos = solara.use_reactive(0)
    anios = solara.use_reactive(5)
    error = solara.use_reactive(None)

    def abrir():
        try:
            nuevo = juego.registro().crear(casos[caso.value], semilla.value, grupos.value, segundos.value, anios.value)
        except AccionRechazada as exc:
            error.set(str(exc))
            return
        juego.preparar(nuevo)
        al_crear(nuevo)

    with solara.Card("¿Facilita? Abra una sala", style={"max-width": "460px"}):
        solara.Select("Caso o territorio", values=list(casos), value=caso)
        CampoSemilla(semilla.value, semilla.set)
        Deslizador("Grupos (cada uno con su territorio)", grupos.value, 1, 8, 1, grupos.set)
        Deslizador("Segundos para decidir cada año (0: sin límite)", segundos.value, 0, 600, 30, segundos.set)
        Deslizador("Años de juego", anios.value, 1, juego.MAXIMO_ANIOS, 1, anios.set)
        solara.Button("Abrir la sala", color="primary", on_click=abrir, classes=["boton-abrir"])
        if error.value:
            Aviso(error.value, error=True)


def qr_svg(direccion: str) -> str:
    """El código QR de ``direccion`` como SVG (segno)."""
    return segno.make(direccion, error="m").svg_inline(scale=5, border=2)


@solara.component
def PanelSala(en_juego, ficha: str, version: int):
    """El panel de una sala: código, QR, controles, participantes y plenario."""
    sala = en_juego.sala
    error = solara.use_reactive(None)
    base, alcanzable = direccion_para_telefonos()
    direccion = f"{base}/sala/{sala.codigo}"

    def accion(hacer):
        def correr():
            try:
                hacer(ficha)
            except (AccionRechazada, SinPermiso) as exc:
                error.set(str(exc))
                return
            error.set(None)

        return correr

    with solara.Row(style={"flex-wrap": "wrap", "align-items": "flex-start", "gap": "16px"}):
        with solara.Column():
            solara.HTML(tag="div", unsafe_innerHTML=f"Código de sala: {sala.codigo}", classes=["codigo-sala"])
            solara.HTML(tag="div", unsafe_innerHTML=qr_svg(direccion), classes=["qr-sala"])
            solara.HTML(
                tag="div", unsafe_innerHTML=f"Los teléfonos abren: <b>{direccion}</b>", classes=["direccion-sala"]
            )
            if not alcanzable:
                Aviso(
                    "El servidor escucha sólo en esta computadora (127.0.0.1): para que entren los teléfonos de la "
                    "misma red, vuelva a iniciarlo con «simulacion-taller --host 0.0.0.0»."
                )
        with solara.Column(style={"min-width": "320px", "flex": "1"}):
            solara.HTML(tag="div", unsafe_innerHTML=estado_html(sala), classes=["estado-sala"])
            if sala.estado == ABIERTA and not en_juego.terminada:
                Reloj(sala, version)
            with solara.Row(style={"flex-wrap": "wrap", "gap": "6px"}):
                jugando = sala.estado == ABIERTA and not en_juego.terminada
                solara.Button(
                    "Avanzar un año", color="primary", on_click=accion(en_juego.avanzar), disabled=not jugando
                )
                if sala.estado == PAUSA:
                    solara.Button("Reanudar", color="primary", outlined=True, on_click=accion(en_juego.reanudar))
                else:
                    solara.Button(
                        "Pausa", color="primary", outlined=True, on_click=accion(en_juego.pausar), disabled=not jugando
                    )
                solara.Button(
                    "Cerrar sala",
                    color="error",
                    outlined=True,
                    on_click=accion(en_juego.cerrar),
                    disabled=sala.estado == CERRADA,
                )
            if error.value:
                Aviso(error.value, error=True)
            Participantes(sala, version)
            EnlaceFacilitador(sala.codigo, ficha)
    Plenario(en_juego, version)


@solara.component
def EnlaceFacilitador(codigo: str, ficha: str):
    """El enlace del facilitador (lleva su ficha): siempre en la dirección, a la vista sólo si se pide
    (el panel se proyecta; con la ficha, cualquiera manejaría la sala)."""
    visible = solara.use_reactive(False)
    with solara.Card("Su enlace de facilitador", style={"width": "100%"}):
        solara.Text(
            "Con él vuelve a manejar esta sala tras recargar o reiniciar el servidor. No lo proyecte: "
            "en el proyector, use el navegador a pantalla completa (F11) para ocultar la dirección.",
            style={"font-size": "12px"},
        )
        solara.Switch(label="Mostrar mi enlace", value=visible)
        with solara.Div(style={} if visible.value else {"display": "none"}):
            EnlaceCompartido(f"codigo={codigo}&facilitador={ficha}")


@solara.component
def Controles(en_juego, accion, version: int):
    """«Avanzar un año», «Pausa» / «Reanudar» y «Cerrar sala»."""
    sala = en_juego.sala
    jugando = sala.estado == ABIERTA and not en_juego.terminada
    with solara.Row(style={"flex-wrap": "wrap", "gap": "6px"}):
        solara.Button("Avanzar un año", color="primary", on_click=accion(en_juego.avanzar), disabled=not jugando)
        if sala.estado == PAUSA:
            solara.Button("Reanudar", color="primary", outlined=True, on_click=accion(en_juego.reanudar))
        else:
            solara.Button(
                "Pausa", color="primary", outlined=True, on_click=accion(en_juego.pausar), disabled=not jugando
            )
        cerrada = sala.estado == CERRADA
        solara.Button("Cerrar sala", color="error", outlined=True, on_click=accion(en_juego.cerrar), disabled=cerrada)


def participantes_html(sala) -> str:
    """Una fila por grupo, una columna por rol: quién lo juega y si ya decidió este año."""
    cabeza = "".join(f"<th>{rol.titulo}</th>" for rol in ROLES.values())
    filas = []
    for grupo, por_rol in sala.por_grupo().items():
        decididas = sala.decisiones_del_anio(grupo, sala.anio)
        celdas = []
        for rol, personas in por_rol.items():
            if not personas:
                celdas.append("<td><i>lo juega el modelo</i></td>")
                continue
            nombres = ", ".join(html.escape(p.nombre) or "(sin nombre)" for p in personas)  # escritos por personas
            hecho = " ✓ decidió" if rol in decididas else ""
            celdas.append(f'<td data-rol="{rol}">{len(personas)}: {nombres}{hecho}</td>')
        filas.append(f'<tr data-grupo="{grupo}"><th>Grupo {grupo}</th>{"".join(celdas)}</tr>')
    return f'<table class="tabla-sala participantes"><tr><th></th>{cabeza}</tr>{"".join(filas)}</table>'


@solara.component
def Participantes(sala, version: int):
    """Quién entró, por grupo y rol (``version``: la sala cambia en su lugar; así se redibuja)."""
    with solara.Card(f"Quién entró ({len(sala.participantes)} personas)", style={"width": "100%"}):
        solara.HTML(tag="div", unsafe_innerHTML=participantes_html(sala))


# ---------------------------------------------------------------------- plenario
@solara.component
def Plenario(en_juego, version: int):
    """Trayectorias de los grupos lado a lado, la matriz 2×2 con su desenlace, la línea de tiempo y
    las descargas de la sesión."""
    series = en_juego.series()
    cfg = en_juego.configuracion()
    puntos = plenario.puntos(series, cfg) if any(len(s) for s in series.values()) else []
    with solara.Card("Plenario", style={"width": "100%"}, classes=["plenario"]):
        if not puntos:
            solara.Text("El plenario aparece cuando se juegue el primer año.")
            return
        resumen = " · ".join(f"Grupo {p.grupo}: {desenlace_html(p.desenlace, 'desenlace-resumen')}" for p in puntos)
        solara.HTML(
            tag="div", unsafe_innerHTML=f"Desenlace clasificado hasta ahora: {resumen}", classes=["resumen-grupos"]
        )
        with solara.Row(style={"flex-wrap": "wrap"}):
            for columna in plenario.COLUMNAS_PLENARIO:
                with solara.Column(style={"width": "48%", "min-width": "300px"}):
                    Grafico(
                        lambda columna=columna: plenario.opcion_trayectorias(series, columna),
                        f"Trayectorias de los grupos: {indicador(columna).titulo}",
                        cambio=version,
                    )
        solara.HTML(
            tag="div",
            unsafe_innerHTML="<b>Cada grupo en la matriz 2×2</b> (AP y PE <i>ejecutados</i>: lo gastado sobre el "
            "presupuesto de inversión)" + plenario.matriz_grupos_html(puntos),
        )
        solara.HTML(tag="div", unsafe_innerHTML="<b>Línea de tiempo de las decisiones</b>")
        solara.HTML(tag="div", unsafe_innerHTML=plenario.linea_de_tiempo_html(en_juego.sala))
        Descargas(en_juego)


@solara.component
def Descargas(en_juego):
    """La sesión entera: CSV (series de todos los grupos), Excel (grupos, decisiones y series) y un PDF
    con una página por grupo. Cada archivo se arma al pulsar, con lo jugado hasta ese momento."""
    error = solara.use_reactive(None)
    codigo = en_juego.codigo

    def foto():
        with en_juego.bloqueo:
            series = en_juego.series()
            cfg = en_juego.configuracion()
            puntos = plenario.puntos(series, cfg)
            corridas = [
                plenario.corrida_de_grupo(material.corrida_de(en_juego.modelos()[p.grupo]), p, en_juego.sala)
                for p in puntos
            ]
        return series, puntos, corridas

    def csv():
        return f"sala_{codigo}_series.csv", plenario.csv(foto()[0])

    def excel():
        series, puntos, _ = foto()
        return f"sala_{codigo}.xlsx", plenario.excel(series, puntos, en_juego.sala)

    def pdf():
        return f"sala_{codigo}_grupos.pdf", plenario.pdf(foto()[2])

    with solara.Row(style={"flex-wrap": "wrap", "gap": "6px"}):
        DescargaArmada("Series de todos los grupos (CSV)", "text/csv", csv, error)
        DescargaArmada("Grupos, decisiones y series (Excel)", TIPO_XLSX, excel, error)
        DescargaArmada("Una página por grupo (PDF)", "application/pdf", pdf, error)
    if error.value:
        Aviso(error.value, error=True)
