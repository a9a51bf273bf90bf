"""Las páginas de las salas por roles: lo común y la del participante (``/sala/XXXX``); la del
facilitador (``/sala``) en :mod:`.facilitador`. Las rutas se declaran en :mod:`simulacion.taller.rutas`.

Varias personas miran la misma sala desde su teléfono: cada página espera los avisos del registro
(:meth:`~simulacion.taller.salas.juego.Registro.esperar`) en un hilo y se redibuja cuando algo cambia
(alguien entró, decidió, el facilitador avanzó el año). La ficha de cada participante queda en la
dirección (``?ficha=…``): al recargar, o tras reiniciar el servidor, vuelve a su grupo y su rol.
"""

from __future__ import annotations

import html
import threading

import ipyvuetify as v
import solara
import traitlets

from simulacion.taller.componentes import Aviso, Deslizador
from simulacion.taller.estilo_sala import ESTILO_SALA
from simulacion.taller.sala import Cabecera, EnlaceCompartido
from simulacion.taller.salas import juego
from simulacion.taller.salas.estado import CERRADA, PAUSA, AccionRechazada, SinPermiso
from simulacion.taller.salas.roles import (
    OPCIONES_APORTE,
    ROLES,
    DecisionInvalida,
    numero,
    por_ciento,
    tasa_anual,
    tasa_trimestral,
    texto,
)
from simulacion.taller.tarjetas import ESTILO, indicador_en_vivo_html, tarjetas_en_vivo_html

TITULO = "Taller por roles: alianzas para el desarrollo económico local"
# Lo que mira cada rol de su territorio (último trimestre, con el rótulo y la unidad declarados).
COLUMNAS_ROL: dict[str, tuple[str, ...]] = {
    "municipalidad": ("presupuesto_municipal", "inversion_publica_ap", "inversion_publica_pe", "concertacion"),
    "asociacion": ("propuestas", "proyectos_cofinanciados", "proyectos_privados", "confianza_media"),
    "financiera": ("credito_otorgado", "mora", "castigos", "pymes_innovadoras"),
}
ROTULOS_APORTE = {"credito": "Con crédito", "caja": "Sólo con ahorros", "ninguno": "No van a la mesa"}

ESTILO_SALAS = """
.codigo-sala { font-size: 44px; font-weight: bold; letter-spacing: 4px; }
.qr-sala svg { width: 200px; height: 200px; }
.tabla-sala, .linea-tiempo { border-collapse: collapse; font-size: 13px; margin: 6px 0; }
.tabla-sala td, .tabla-sala th, .linea-tiempo td, .linea-tiempo th { border: 1px solid #ccc; padding: 3px 6px; }
.grupos-celda { list-style: none; padding-left: 0; margin: 4px 0; }
.punto-grupo { padding-left: 6px; margin: 3px 0; }
.reloj-sala { font-size: 20px; font-weight: bold; }
.decision-recibida { color: #2e5e4e; font-weight: bold; }
"""


# ---------------------------------------------------------------------- piezas comunes
def usar_version(registro: juego.Registro) -> int:
    """La versión del registro: la página se redibuja cuando otra persona cambia algo."""
    version, fijar = solara.use_state(registro.version)

    def vigilar(cancelar: threading.Event):
        actual = registro.version
        while not cancelar.is_set():
            nueva = registro.esperar(actual, 1.0)
            if nueva != actual:
                actual = nueva
                fijar(nueva)

    solara.use_thread(vigilar, dependencies=[], intrusive_cancel=False)
    return version


PLANTILLA_RELOJ = """
<template>
  <div class="reloj-sala" v-if="restante !== null">{{ texto }}</div>
</template>
<script>
module.exports = {
  data() { return { ahora: Date.now(), desde: Date.now() }; },
  mounted() { this.tic = setInterval(() => { this.ahora = Date.now(); }, 1000); },
  beforeDestroy() { clearInterval(this.tic); },
  beforeUnmount() { clearInterval(this.tic); },
  watch: { restante() { this.desde = Date.now(); this.ahora = this.desde; } },
  computed: {
    texto() {
      const quedan = this.en_marcha ? this.restante - (this.ahora - this.desde) / 1000 : this.restante;
      return quedan > 0 ? 'Quedan ' + Math.ceil(quedan) + ' s para decidir' : 'Se acabó el tiempo de este año';
    },
  },
};
</script>
"""


class RelojWidget(v.VuetifyTemplate):
    """La cuenta regresiva del año: el servidor manda los segundos que quedan y el navegador descuenta
    solo (ningún hilo del servidor late por cada teléfono)."""

    template = traitlets.Unicode(PLANTILLA_RELOJ).tag(sync=True)
    restante = traitlets.Float(None, allow_none=True).tag(sync=True)
    en_marcha = traitlets.Bool(True).tag(sync=True)


@solara.component
def Reloj(sala, version: int):
    """Los segundos que quedan para decidir este año (nada si la sala no tiene límite)."""
    restante = sala.segundos_restantes()
    return RelojWidget.element(restante=restante, en_marcha=sala.estado != PAUSA)


def estado_html(sala) -> str:
    """``Año 2 de 5 · en pausa``."""
    if sala.estado == CERRADA:
        return f"Sala {sala.codigo} cerrada: {sala.anio} de {sala.anios} años jugados."
    if sala.anio >= sala.anios:
        return f"Se jugaron los {sala.anios} años."
    pausa = " · en pausa" if sala.estado == PAUSA else ""
    return f"Año {sala.anio + 1} de {sala.anios}{pausa}"


@solara.component
def Encabezado():
    Cabecera(TITULO, (ESTILO, ESTILO_SALA, ESTILO_SALAS))
    solara.HTML(tag="div", unsafe_innerHTML=TITULO, classes=["encabezado-titulo"])


# ---------------------------------------------------------------------- participante
def mensaje_sin_sala(codigo: str) -> str:
    return f"La sala {codigo} no existe. Revise el código con el facilitador."


@solara.component
def VistaParticipante(codigo: str, ficha_inicial: str, version: int):
    """El participante: elige grupo y rol, y después decide cada año."""
    registro, router = juego.registro(), solara.use_router()
    ficha, fijar_ficha = solara.use_state(ficha_inicial)
    en_juego = registro.obtener(codigo)
    if en_juego is None:
        Aviso(mensaje_sin_sala(codigo), error=True)
        solara.Button("Escribir otro código", color="primary", on_click=lambda: router.push("/sala"))
        return
    participante, problema = None, None
    if ficha:
        try:
            participante = en_juego.sala.participante(ficha)
        except SinPermiso:
            problema = f"Este enlace no corresponde a ningún participante de la sala {codigo}: elija grupo y rol."
    solara.HTML(tag="div", unsafe_innerHTML=f"Sala <b>{codigo}</b> · {estado_html(en_juego.sala)}")
    if problema:
        Aviso(problema, error=True)
    if participante is None:
        Unirse(en_juego, fijar_ficha, version)
        return
    VistaRol(en_juego, participante, version)
    with solara.Card("Su enlace", style={"width": "100%"}):
        solara.Text("Guárdelo: con él vuelve a su grupo y su rol si se corta la conexión.", style={"font-size": "12px"})
        EnlaceCompartido(f"ficha={participante.ficha}")


@solara.component
def Unirse(en_juego, al_unirse, version: int):
    """Elegir grupo y rol (y un nombre, si se quiere); ``version`` redibuja quién ya está en cada rol."""
    sala = en_juego.sala
    grupo = solara.use_reactive("1")
    rol = solara.use_reactive(ROLES["municipalidad"].titulo)
    nombre = solara.use_reactive("")
    error = solara.use_reactive(None)
    if sala.estado == CERRADA:
        Aviso(f"La sala {sala.codigo} está cerrada.", error=True)
        return
    por_grupo = sala.por_grupo()

    def entrar():
        clave = next(r.nombre for r in ROLES.values() if r.titulo == rol.value)
        try:
            participante = en_juego.unir(int(grupo.value), clave, nombre.value)
        except AccionRechazada as exc:
            error.set(str(exc))
            return
        al_unirse(participante.ficha)

    with solara.Card("Entrar a la sala", style={"width": "100%"}):
        solara.Text("Grupo:")
        solara.ToggleButtonsSingle(value=grupo, values=[str(g) for g in range(1, sala.grupos + 1)])
        solara.Text("Rol:")
        solara.ToggleButtonsSingle(value=rol, values=[r.titulo for r in ROLES.values()])
        elegido = next(r for r in ROLES.values() if r.titulo == rol.value)
        solara.Text(elegido.descripcion, style={"font-size": "13px"})
        ya = por_grupo[int(grupo.value)][elegido.nombre]
        solara.Text(
            f"En el grupo {grupo.value} ya juegan este rol: {len(ya)} persona(s)." if ya else "Nadie lo juega todavía."
        )
        solara.InputText("Su nombre (opcional)", value=nombre, continuous_update=True)
        solara.Button("Entrar a la sala", color="primary", on_click=entrar, classes=["boton-entrar"])
        if error.value:
            Aviso(error.value, error=True)


@solara.component
def VistaRol(en_juego, participante, version: int):
    """Lo que ve un rol: su grupo, el año, lo que mira su rol, los indicadores y su decisión."""
    sala, rol = en_juego.sala, ROLES[participante.rol]
    series, vigente = en_juego.foto(participante.grupo)
    quien = f" ({html.escape(participante.nombre)})" if participante.nombre else ""  # lo escribió una persona
    solara.HTML(
        tag="h3",
        unsafe_innerHTML=f"Grupo {participante.grupo} · {rol.titulo}{quien}",
        classes=["rol-participante"],
    )
    solara.Text(rol.descripcion, style={"font-size": "13px"})
    if sala.estado == PAUSA:
        Aviso("La sala está en pausa: espere a que el facilitador la reanude.")
    elif en_juego.terminada:
        Aviso("El juego terminó: mire el plenario en la pantalla del facilitador.")
    else:
        Reloj(sala, version)
    trimestre = len(series)
    with solara.Card("Lo que ve su rol (último trimestre)", style={"width": "100%"}):
        tarjetas = "".join(
            f'<span class="indicador">{indicador_en_vivo_html(c, series)}</span>' for c in COLUMNAS_ROL[rol.nombre]
        )
        solara.HTML(tag="div", unsafe_innerHTML=tarjetas if trimestre else "Todavía no se jugó ningún trimestre.")
    with solara.Card("Su territorio", style={"width": "100%"}):
        if trimestre:
            solara.HTML(tag="div", unsafe_innerHTML=tarjetas_en_vivo_html(trimestre, series))
        else:
            solara.Text("El territorio empieza cuando el facilitador avance el primer año.")
    if not en_juego.terminada:
        decidida = sala.decisiones_del_anio(participante.grupo, sala.anio).get(rol.nombre)
        # Un formulario nuevo cada año (empieza con lo que rige); no se rehace cuando otro decide.
        Formulario(en_juego, participante, decidida or vigente[rol.nombre], decidida).key(f"formulario-{sala.anio}")


@solara.component
def Formulario(en_juego, participante, inicial: dict, decidida: dict | None):
    """La decisión del año para el rol del participante."""
    valores = solara.use_reactive(dict(inicial))
    mensaje = solara.use_reactive(None)
    error = solara.use_reactive(None)
    sala = en_juego.sala

    def poner(clave, valor):
        valores.set({**valores.value, clave: valor})

    def enviar():
        try:
            decision = en_juego.decidir(participante.ficha, valores.value, participante.grupo, participante.rol)
        except (DecisionInvalida, AccionRechazada, SinPermiso) as exc:
            error.set(str(exc))
            return
        error.set(None)
        mensaje.set(f"Decisión recibida para el año {decision.anio + 1}: {texto(decision.rol, decision.valores)}.")

    with solara.Card(f"Su decisión para el año {sala.anio + 1}", style={"width": "100%"}):
        if participante.rol == "municipalidad":
            CamposMunicipalidad(valores.value, poner)
        elif participante.rol == "asociacion":
            CamposAsociacion(valores.value, poner)
        else:
            CamposFinanciera(valores.value, poner)
        solara.Text("Si no envía nada, sigue rigiendo lo del año anterior.", style={"font-size": "12px"})
        solara.Button("Enviar decisión", color="primary", on_click=enviar, classes=["boton-decidir"])
        if decidida and not mensaje.value:
            solara.HTML(
                tag="div",
                unsafe_innerHTML=f"Ya decidió para este año: {texto(participante.rol, decidida)}.",
                classes=["decision-recibida"],
            )
        if mensaje.value:
            solara.HTML(tag="div", unsafe_innerHTML=mensaje.value, classes=["decision-recibida"])
        if error.value:
            Aviso(error.value, error=True)


@solara.component
def CamposMunicipalidad(valores: dict, poner):
    ap, pe = round(100 * valores["ap"]), round(100 * valores["pe"])
    Deslizador(f"Apoyo a la producción, obras (AP): {ap} %", ap, 0, 100, 5, lambda v: poner("ap", v / 100))
    Deslizador(f"Promoción económica (PE): {pe} %", pe, 0, 100, 5, lambda v: poner("pe", v / 100))
    resto = 100 - ap - pe
    if resto < 0:
        Aviso(f"AP + PE suman {ap + pe} %: no pueden pasar del 100 % del presupuesto de inversión.", error=True)
    else:
        solara.Text(f"El resto ({resto} %) se va en otros gastos sin efecto productivo.", style={"font-size": "13px"})


@solara.component
def CamposAsociacion(valores: dict, poner):
    rotulo = ROTULOS_APORTE[valores["aporte"]]
    clave_de = {r: clave for clave, r in ROTULOS_APORTE.items()}
    solara.Text("Los socios y sus proyectos:")
    solara.ToggleButtonsSingle(
        value=rotulo, values=list(ROTULOS_APORTE.values()), on_value=lambda r: poner("aporte", clave_de[r])
    )
    solara.Text(OPCIONES_APORTE[valores["aporte"]] + ".", style={"font-size": "13px"})


@solara.component
def CamposFinanciera(valores: dict, poner):
    anual = round(100 * tasa_anual(valores["tasa"]), 1)
    Deslizador(
        f"Tasa de interés anual: {numero(anual, 1)} %",
        anual,
        1.0,
        60.0,
        0.5,
        lambda v: poner("tasa", round(tasa_trimestral(v / 100), 6)),
    )
    limite = valores["apalancamiento"]
    Deslizador(
        f"Presta a cada productor hasta {numero(limite, 2)} veces su capital",
        limite,
        0.0,
        2.0,
        0.05,
        lambda v: poner("apalancamiento", v),
    )
    solara.Switch(
        label="Acepta el fondo de garantía municipal (presta más a los proyectos de la mesa)",
        value=valores["acepta_garantia"],
        on_value=lambda v: poner("acepta_garantia", bool(v)),
    )
    solara.Text(f"Tasa trimestral equivalente: {por_ciento(valores['tasa'], 2)}.", style={"font-size": "12px"})
