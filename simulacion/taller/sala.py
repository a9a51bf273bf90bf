"""La página en una sala de verdad: aviso de conexión perdida, enlace de la corrida y campo de semilla.

- :func:`VigiaConexion`: cada :data:`PERIODO_LATIDO_MS` el navegador manda un latido al servidor por la
  misma conexión que usa la página (un método del widget) y el servidor lo devuelve. Si no vuelve en
  :data:`SILENCIO_MS`, el navegador pregunta al servidor por HTTP: si no responde, muestra el aviso de
  conexión perdida; si responde pero la página sigue sin latidos :data:`SILENCIO_SESION_MS` (el
  servidor se reinició y la sesión ya no existe), también. El aviso dice qué hacer: volver a iniciar
  ``simulacion-taller`` y recargar, y la dirección (:mod:`simulacion.taller.enlaces`) reconstruye la
  corrida. No usa detalles internos de Solara: sólo un widget de ipyvue y ``fetch``.
- :func:`EnlaceCompartido`: escribe la elección en la dirección (``history.replaceState``, sin recargar
  ni agregar entradas al historial) y la copia al portapapeles con «Copiar enlace».
- :func:`CampoSemilla`: la semilla como texto, con un mensaje en castellano si no vale.
"""

from __future__ import annotations

import ipyvuetify as v
import solara
import traitlets

from simulacion.taller import enlaces
from simulacion.taller.componentes import Aviso

PERIODO_LATIDO_MS = 2000
SILENCIO_MS = 5000  # sin latidos: se pregunta al servidor por HTTP
SILENCIO_SESION_MS = 20000  # sin latidos aunque el servidor responda: la sesión se perdió
VIEWPORT = "width=device-width, initial-scale=1"  # sin maximum-scale ni user-scalable=no: se puede ampliar

AVISO_CAIDO = (
    "Se perdió la conexión con el servidor. Vuelva a iniciar simulacion-taller en la computadora del "
    "facilitador y recargue la página (F5): la corrida se reconstruye con los mismos ajustes."
)
AVISO_VOLVIO = (
    "Se perdió la conexión con el servidor y esta página ya no está enlazada con él. El servidor "
    "responde de nuevo: recargue la página (F5) y la corrida se reconstruye con los mismos ajustes."
)

PLANTILLA_VIGIA = """
<template>
  <div v-if="estado" class="conexion-perdida" role="alert">
    <b>{{ estado === 'caido' ? aviso_caido : aviso_volvio }}</b>
    <button class="conexion-recargar" @click="recargar">Recargar la página</button>
  </div>
</template>
<script>
module.exports = {
  data() {
    // pendiente: cuándo salió el latido más viejo sin respuesta (null: todos respondidos). Se mide
    // desde ahí y no desde la última respuesta: en una pestaña oculta el navegador espacia los
    // latidos (hasta uno por minuto) y eso no es una conexión perdida.
    return { estado: null, enviado: 0, pendiente: null, sondeando: false };
  },
  mounted() {
    this.reloj = setInterval(this.revisar, this.periodo);
  },
  beforeDestroy() { clearInterval(this.reloj); },
  beforeUnmount() { clearInterval(this.reloj); },
  watch: {
    eco() {
      this.pendiente = null;
      this.estado = null;
    },
  },
  methods: {
    silencioso() { return this.pendiente === null ? 0 : Date.now() - this.pendiente; },
    revisar() {
      if (this.pendiente === null) this.pendiente = Date.now();
      try { this.latido(++this.enviado); } catch (e) { /* sin conexión: lo dirá el silencio */ }
      if (this.silencioso() > this.silencio && !this.sondeando) this.sondear();
    },
    async sondear() {
      this.sondeando = true;
      let responde = false;
      try {
        const control = new AbortController();
        const corte = setTimeout(() => control.abort(), 2500);
        const r = await fetch(window.location.pathname, { cache: 'no-store', signal: control.signal });
        clearTimeout(corte);
        responde = r.ok;
      } catch (e) { responde = false; }
      this.sondeando = false;
      const silencio = this.silencioso();
      if (silencio < this.silencio) return;  // volvió un latido mientras tanto
      if (!responde) this.estado = 'caido';
      else if (this.estado || silencio > this.silencio_sesion) this.estado = 'volvio';
    },
    recargar() { window.location.reload(); },
  },
};
</script>
"""


class VigiaWidget(v.VuetifyTemplate):
    """El latido y el aviso de conexión perdida (plantilla :data:`PLANTILLA_VIGIA`)."""

    template = traitlets.Unicode(PLANTILLA_VIGIA).tag(sync=True)
    eco = traitlets.Int(0).tag(sync=True)
    periodo = traitlets.Int(PERIODO_LATIDO_MS).tag(sync=True)
    silencio = traitlets.Int(SILENCIO_MS).tag(sync=True)
    silencio_sesion = traitlets.Int(SILENCIO_SESION_MS).tag(sync=True)
    aviso_caido = traitlets.Unicode(AVISO_CAIDO).tag(sync=True)
    aviso_volvio = traitlets.Unicode(AVISO_VOLVIO).tag(sync=True)

    def vue_latido(self, numero):
        """El servidor devuelve el latido: el navegador sabe así que la conexión sigue viva."""
        self.eco = int(numero)


@solara.component
def VigiaConexion():
    """Aviso visible (en castellano) si la página pierde la conexión con el servidor."""
    return VigiaWidget.element()


PLANTILLA_ENLACE = """
<template>
  <div class="enlace-compartido">
    <input class="enlace-texto" readonly :value="direccion" aria-label="Enlace de esta corrida"
           @focus="$event.target.select()" />
    <v-btn color="primary" variant="outlined" outlined class="enlace-copiar" @click="copiar">Copiar enlace</v-btn>
    <div v-if="copiado === 'si'" class="enlace-copiado">Enlace copiado: péguelo donde quiera compartirlo.</div>
    <div v-if="copiado === 'no'" class="enlace-copiado">
      No se pudo copiar solo: seleccione el enlace de arriba y cópielo con Ctrl+C.
    </div>
  </div>
</template>
<script>
module.exports = {
  data() { return { copiado: '' }; },
  computed: {
    direccion() {
      return window.location.origin + window.location.pathname + (this.consulta ? '?' + this.consulta : '');
    },
  },
  mounted() { this.escribir(); },
  watch: {
    consulta() { this.escribir(); this.copiado = ''; },
  },
  methods: {
    escribir() {
      const direccion = this.direccion;
      if (direccion !== window.location.href) window.history.replaceState(window.history.state, '', direccion);
    },
    async copiar() {
      let copiado = false;
      try {
        await navigator.clipboard.writeText(this.direccion);
        copiado = true;
      } catch (e) {
        // http://<IP>:8765 en la red del aula no es un «contexto seguro»: sin navigator.clipboard
        const campo = this.$el.querySelector('.enlace-texto');
        campo.focus();
        campo.select();
        try { copiado = document.execCommand('copy'); } catch (e2) { copiado = false; }
      }
      this.copiado = copiado ? 'si' : 'no';
    },
  },
};
</script>
"""


class EnlaceWidget(v.VuetifyTemplate):
    """La dirección de la corrida: la escribe en la barra del navegador y la copia (:data:`PLANTILLA_ENLACE`)."""

    template = traitlets.Unicode(PLANTILLA_ENLACE).tag(sync=True)
    consulta = traitlets.Unicode("").tag(sync=True)


@solara.component
def Cabecera(titulo: str, estilos: tuple[str, ...]):
    """Lo común de cada página del taller: título de la pestaña, hojas de estilo, ``viewport`` que deja
    hacer zoom (:data:`VIEWPORT`) y el vigía de la conexión (:func:`VigiaConexion`)."""
    solara.Title(titulo)
    for estilo in estilos:
        solara.Style(estilo)
    with solara.Head():
        solara.Meta(name="viewport", content=VIEWPORT)
    VigiaConexion()


@solara.component
def EnlaceCompartido(consulta: str):
    """El enlace de esta corrida (``consulta``: la parte ``?…`` sin el ``?``) y el botón «Copiar enlace»."""
    return EnlaceWidget.element(consulta=consulta)


@solara.component
def CampoSemilla(semilla: int, al_cambiar):
    """La semilla, escrita a mano. Si el texto no es una semilla válida («abc», «-5»), muestra por qué
    en castellano y la simulación sigue con la semilla anterior."""
    texto, fijar_texto = solara.use_state(str(semilla))
    mensaje, fijar_mensaje = solara.use_state(None)

    def seguir_a_la_semilla():  # la semilla cambió por otro lado (un enlace, «Valores por defecto»)
        fijar_texto(str(semilla))
        fijar_mensaje(None)

    solara.use_effect(seguir_a_la_semilla, [semilla])

    def escribir(nuevo: str):
        fijar_texto(nuevo)
        valor, problema = enlaces.revisar_semilla(nuevo)
        fijar_mensaje(problema and f"{problema} La simulación sigue con la semilla {semilla}.")
        if valor is not None:
            al_cambiar(valor)

    solara.InputText("Semilla", value=texto, on_value=escribir, continuous_update=False, error=bool(mensaje))
    if mensaje:
        Aviso(mensaje, error=True)
