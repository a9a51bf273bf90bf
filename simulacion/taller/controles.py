"""La columna de controles del taller: reproducción, estrategia, caso y territorio, descargas.

Cada componente lee el :class:`~simulacion.taller.estado.Estado` y llama
:class:`~simulacion.taller.estado.Acciones`; los cálculos están en :mod:`simulacion.taller.sesion`.
"""

from __future__ import annotations

import html
import threading

import ipyvuetify
import solara
import traitlets

from simulacion.modelo import ModeloTerritorial
from simulacion.taller import corridas, material, sesion
from simulacion.taller.componentes import Aviso, Deslizador
from simulacion.taller.estado import Acciones, Estado
from simulacion.taller.sala import CampoSemilla

ANCHO_COMPLETO = {"width": "100%"}
TEXTO_CHICO = {"font-size": "12px"}
EXPLICACION_INTENSIDADES = (
    "AP y PE son fracciones del mismo presupuesto de inversión; lo que no va a AP ni a PE se "
    "gasta sin efecto productivo. Mover un deslizador crea una estrategia personalizada."
)
EXPLICACION_CAMBIOS = (
    "Con la corrida empezada, otra estrategia (o mover AP o PE) rige desde el trimestre siguiente y "
    "los gráficos lo marcan; «Reiniciar» vuelve al trimestre 0 con la estrategia que rige."
)

EXPLICACION_ELECCIONES = (
    "Con elecciones, el electorado premia las obras (AP) y el ingreso local: si la gestión pierde, la "
    "nueva reparte AP y PE a su manera. La institucionalización (mesa y plan concertados) ata el reparto "
    "nuevo al plan y mantiene la mesa. Cambiar estos ajustes vuelve al trimestre 0; los gráficos marcan "
    "cada elección con una línea punteada."
)
EXPLICACION_GESTION = (
    "«Cambio de gestión»: desde el trimestre siguiente gobierna una gestión nueva con la estrategia "
    "elegida, como si hubiera ganado una elección; sin institucionalización, la mesa se disuelve y los "
    "proyectos en obra pierden la parte pública. Los gráficos lo marcan con una línea a rayas."
)


@solara.component
def Trimestre(mostrado: solara.Reactive):
    """El rótulo «Trimestre N»: el trimestre de los números ya dibujados en la página.

    ``mostrado`` lo fija la página después de dibujar mapa, tarjetas y gráficos de ese trimestre
    (:func:`simulacion.taller.pagina.Page`), así el rótulo nunca se adelanta a los números: quien espera
    «Trimestre 40» (un participante, una prueba) lee los números del trimestre 40 y no los del 39."""
    solara.HTML(tag="div", unsafe_innerHTML=f"Trimestre {mostrado.value}", classes=["trimestre-actual"])


@solara.component
def Reproduccion(estado: Estado, acciones: Acciones, paso: int, mostrado: solara.Reactive):
    """Trimestre en curso, reiniciar / reproducir / paso y cuántos trimestres reproducir (``paso``: los
    trimestres jugados; ``mostrado``: el rótulo, ver :func:`Trimestre`)."""
    reproduciendo = estado.reproduciendo.value
    with solara.Card("Reproducción", style=ANCHO_COMPLETO):
        Trimestre(mostrado)
        with solara.Row(style={"flex-wrap": "wrap", "gap": "6px"}):
            solara.Button("Reiniciar", color="primary", on_click=acciones.reiniciar)
            solara.Button(
                "❚❚ Pausa" if reproduciendo else "▶ Reproducir",
                color="primary",
                on_click=acciones.alternar_reproduccion,
            )
            solara.Button("Paso", color="primary", on_click=acciones.paso, disabled=reproduciendo)
            solara.Button(
                "Guardar esta corrida",
                color="primary",
                outlined=True,
                on_click=acciones.guardar_corrida,
                disabled=paso == 0,
            )
        pasos = estado.pasos
        Deslizador(f"Trimestres a simular: {pasos.value}", pasos.value, 8, 120, 4, pasos.set)


def _titulo_legible(titulo: str) -> str:
    """«Estrategia I (003)» → «Estrategia I de la fuente (REMURPE 2003)»: 003 es el documento de la fuente."""
    return titulo.replace("(003)", "de la fuente (REMURPE 2003)")


def _rotulo_del_caso(caso: str | None) -> str:
    """Cómo se llama en el menú la estrategia que trae un caso: «la del caso (Caso I, agua para lácteos)»."""
    titulo = next((opcion.titulo for opcion in sesion.catalogo("caso") if opcion.nombre == caso), None)
    return f"la del caso ({titulo})" if titulo else "la de la configuración"


def _descripcion_estrategia(nombre: str, propia: bool) -> str:
    """Título y descripción de ``estrategia/<nombre>.yaml``, o qué estrategia se está usando."""
    descripciones = {
        opcion.nombre: f"{_titulo_legible(opcion.titulo)}: {opcion.descripcion}"
        for opcion in sesion.catalogo("estrategia")
    }
    por_defecto = "Estrategia personalizada." if propia else "La estrategia que trae el caso elegido."
    return descripciones.get(nombre, por_defecto)


@solara.component
def ControlesEstrategia(estado: Estado, modelo: ModeloTerritorial, acciones: Acciones):
    """Elegir una de las estrategias de la fuente o mover a mano las intensidades AP y PE."""
    cambios = estado.cambios.value
    # La que rige: la del último cambio o la compuesta (la elegida, la propia o la del caso).
    actual, ap, pe = corridas.reparto_vigente(modelo, cambios)
    opciones = [opcion.nombre for opcion in sesion.catalogo("estrategia")] + [sesion.NOMBRE_PROPIA]
    opciones += [nombre for nombre in (modelo.cfg.estrategia.nombre, actual) if nombre not in opciones]
    # La estrategia que trae un caso se muestra con el título del caso, nunca con su nombre interno.
    catalogo = {opcion.nombre for opcion in sesion.catalogo("estrategia")} | {sesion.NOMBRE_PROPIA}
    rotulos = {nombre: nombre if nombre in catalogo else _rotulo_del_caso(estado.caso.value) for nombre in opciones}
    internos = {rotulo: nombre for nombre, rotulo in rotulos.items()}
    with solara.Card("Estrategia municipal", style=ANCHO_COMPLETO):
        solara.Select(
            "Estrategia",
            value=rotulos[actual],
            values=list(internos),
            on_value=lambda rotulo: acciones.elegir_estrategia(internos.get(rotulo, rotulo)),
        )
        solara.Text(_descripcion_estrategia(actual, actual == sesion.NOMBRE_PROPIA), style=TEXTO_CHICO)
        Deslizador(f"Apoyo a la producción (AP): {ap:.2f}", ap, 0.0, 1.0, 0.05, acciones.mover_ap)
        Deslizador(f"Promoción económica (PE): {pe:.2f}", pe, 0.0, 1.0, 0.05, acciones.mover_pe)
        solara.Text(EXPLICACION_INTENSIDADES, style=TEXTO_CHICO)
        solara.Text(EXPLICACION_CAMBIOS, style={**TEXTO_CHICO, "display": "block", "margin-top": "4px"})
        if cambios:
            lista = "".join(f"<li>{html.escape(cambio.texto())}</li>" for cambio in cambios)
            solara.HTML(tag="div", unsafe_innerHTML=f"Cambios en esta corrida:<ul>{lista}</ul>", classes=["cambios"])


def _rotulo_elecciones(periodo: int) -> str:
    """«Elecciones cada 16 trimestres (4 años)»: el rótulo del interruptor, con el período en vigor."""
    periodo = periodo or sesion.PERIODO_ELECTORAL_TALLER
    anios = f" ({periodo // 4} años)" if periodo % 4 == 0 else ""
    return f"Elecciones cada {periodo} trimestres{anios}"


@solara.component
def ControlesGobierno(modelo: ModeloTerritorial, acciones: Acciones):
    """Elecciones, institucionalización y «Cambio de gestión» (el gobierno local en el tiempo)."""
    opciones = [opcion.nombre for opcion in sesion.catalogo("estrategia")]
    nueva = solara.use_reactive(opciones[0] if opciones else None)
    gobierno = modelo.cfg.gobierno
    with solara.Card("Gestión municipal y elecciones", style=ANCHO_COMPLETO, classes=["controles-gobierno"]):
        solara.Switch(
            label=_rotulo_elecciones(gobierno.periodo_electoral),
            value=gobierno.periodo_electoral > 0,
            on_value=acciones.poner_elecciones,
            classes=["interruptor-elecciones"],
        )
        _deslizadores(sesion.PARAMETROS_GOBIERNO, gobierno, acciones.mover_gobierno)
        solara.Text(EXPLICACION_ELECCIONES, style=TEXTO_CHICO)
        if opciones:
            solara.Select("Estrategia de la gestión nueva", value=nueva.value, values=opciones, on_value=nueva.set)
            solara.Button(
                "Cambio de gestión",
                color="primary",
                outlined=True,
                on_click=lambda: acciones.cambiar_gestion(nueva.value),
            )
        solara.Text(EXPLICACION_GESTION, style={**TEXTO_CHICO, "display": "block", "margin-top": "4px"})


def _deslizadores(parametros: dict, seccion, mover) -> None:
    """Un deslizador por parámetro movible de ``seccion`` de la configuración (rótulo con su valor);
    al moverlo llama ``mover(clave, nuevo)``."""
    for clave, deslizable in parametros.items():
        valor = getattr(seccion, clave)
        Deslizador(
            f"{deslizable.rotulo}: {valor:g}",
            valor,
            deslizable.minimo,
            deslizable.maximo,
            deslizable.paso,
            lambda nuevo, clave=clave: mover(clave, nuevo),
        )


def _casos_por_titulo() -> dict[str, str | None]:
    """Título del caso en el menú → nombre de ``caso/<nombre>.yaml`` ("Ninguno" primero)."""
    casos = sesion.catalogo("caso")
    neutro = "ninguno" if any(opcion.nombre == "ninguno" for opcion in casos) else None
    return {"Ninguno": neutro, **{opcion.titulo: opcion.nombre for opcion in casos if opcion.nombre != "ninguno"}}


@solara.component
def ControlesCaso(estado: Estado, modelo: ModeloTerritorial, acciones: Acciones):
    """El caso de la fuente, la semilla y los parámetros del territorio que se pueden mover."""
    por_titulo = _casos_por_titulo()
    caso = estado.caso.value
    with solara.Card("Caso y territorio", style=ANCHO_COMPLETO):
        solara.Select(
            "Caso",
            value=next((titulo for titulo, nombre in por_titulo.items() if nombre == caso), "Ninguno"),
            values=list(por_titulo),
            on_value=lambda titulo: acciones.elegir_caso(por_titulo[titulo]),
        )
        for opcion in sesion.catalogo("caso"):
            if opcion.nombre == caso:
                solara.Text(f"{opcion.titulo}: {opcion.descripcion}", style=TEXTO_CHICO)
        CampoSemilla(estado.semilla.value, acciones.elegir_semilla)
        territorio = modelo.cfg.territorio
        _deslizadores(sesion.PARAMETROS_TERRITORIO, territorio, acciones.mover_territorio)


@solara.component
def Controles(estado: Estado, modelo: ModeloTerritorial, acciones: Acciones):
    """Estrategia, intensidades, gestión y elecciones, caso, territorio y semilla (no depende del
    trimestre: no se redibuja en cada paso)."""
    ControlesEstrategia(estado, modelo, acciones)
    ControlesGobierno(modelo, acciones)
    ControlesCaso(estado, modelo, acciones)


# ---------------------------------------------------------------------- descargas
PLANTILLA_DESCARGA = """
<template>
  <v-btn color="primary" variant="outlined" size="small" class="descarga" :loading="pedido"
         @click="pedido = true">{{ rotulo }}</v-btn>
</template>
<script>
module.exports = {
  watch: {
    entregas() {
      const enlace = document.createElement("a");
      enlace.download = this.nombre;
      enlace.href = URL.createObjectURL(new Blob([this.contenido], { type: this.tipo }));
      document.body.appendChild(enlace);
      enlace.click();
      document.body.removeChild(enlace);
      setTimeout(() => URL.revokeObjectURL(enlace.href), 1000);
      this.pedido = false;
    },
  },
};
</script>
"""


class BotonDescarga(ipyvuetify.VuetifyTemplate):
    """Un botón que baja un archivo armado en el servidor recién al pulsarlo.

    Al pulsar, el navegador pone ``pedido`` en verdadero; el servidor arma el archivo, llena
    ``nombre`` y ``contenido`` y suma uno a ``entregas``, y el navegador lo baja. Reemplaza a
    ``solara.FileDownload``, que no se dibuja con el ipyvuetify 3 instalado (su plantilla incrusta
    widgets hijos); el mecanismo es el mismo."""

    template = traitlets.Unicode(PLANTILLA_DESCARGA).tag(sync=True)
    rotulo = traitlets.Unicode("").tag(sync=True)
    tipo = traitlets.Unicode("application/octet-stream").tag(sync=True)
    nombre = traitlets.Unicode("").tag(sync=True)
    contenido = traitlets.Bytes(b"").tag(sync=True)
    pedido = traitlets.Bool(False).tag(sync=True)
    entregas = traitlets.Int(0).tag(sync=True)


@solara.component
def DescargaArmada(rotulo: str, tipo: str, armar, error: solara.Reactive, dependencias: tuple = ()):
    """Un botón de descarga (:class:`BotonDescarga`) que arma el archivo con ``armar() -> (nombre,
    contenido)`` recién al pulsarlo; si falla, el error va a ``error`` en castellano. ``dependencias``:
    cuándo volver a conectar el botón (lo que ``armar`` lee)."""
    elemento = BotonDescarga.element(rotulo=rotulo, tipo=tipo)

    def conectar():
        boton = solara.get_widget(elemento)

        def al_pedir(cambio):
            if not cambio["new"]:  # el navegador ya lo bajó: no se guarda en la sesión
                boton.contenido = b""
                return
            try:
                nombre, contenido = armar()
            except Exception as exc:  # se muestra en la página, en castellano
                error.set(f"No se pudo armar «{rotulo}»: {exc}")
                boton.pedido = False
                return
            error.set(None)
            boton.nombre, boton.contenido = nombre, contenido
            boton.entregas += 1

        boton.observe(al_pedir, "pedido")
        return lambda: boton.unobserve(al_pedir, "pedido")

    solara.use_effect(conectar, list(dependencias))
    return elemento


@solara.component
def Descarga(formato: material.Formato, foto, error: solara.Reactive):
    """El botón de un formato: al pulsarlo arma el archivo con la foto de la corrida en curso."""
    return DescargaArmada(formato.rotulo, formato.tipo, lambda: material.archivo(foto(), formato), error, (foto,))


@solara.component
def Descargas(modelo: ModeloTerritorial, bloqueo: threading.Lock):
    """Material para el plenario: serie (CSV), serie y ajustes (Excel), resumen (PDF) y gráficos (PNG).

    Cada archivo se arma al pulsar su botón con todo lo jugado hasta ese momento
    (:mod:`simulacion.taller.material`): nunca se ofrece un archivo viejo, y el componente no se
    redibuja en cada trimestre."""
    error = solara.use_reactive(None)

    def tomar_foto() -> material.Corrida:
        with bloqueo:  # el modelo quieto: nadie lo avanza mientras se toma la foto
            return material.corrida_de(modelo)

    foto = solara.use_memo(lambda: tomar_foto, [modelo])  # la misma función mientras no cambie el modelo
    with solara.Card("Descargas", style=ANCHO_COMPLETO):
        solara.Text("Material para el plenario, con todo lo jugado hasta el momento de pulsar:", style=TEXTO_CHICO)
        with solara.Row(style={"flex-wrap": "wrap", "gap": "6px"}):
            for formato in material.FORMATOS:
                Descarga(formato, foto, error)
        if error.value:
            Aviso(error.value, error=True)
