"""El estado de la página del taller y lo que hacen sus botones.

:class:`Estado` reúne lo que elige el facilitador (estrategia, intensidades, caso, semilla,
territorio, elecciones, trimestres a reproducir) y lo que deja la sesión (los cambios de reparto de la corrida en
curso, las corridas guardadas y la última comparación); :func:`usar_modelo` arma el modelo con esa
elección y :class:`Acciones` lo cambia o avanza. Con la corrida empezada, elegir otra estrategia o
mover AP/PE no rehace el modelo: cambia el reparto desde el trimestre siguiente y queda en el registro
de cambios (:mod:`simulacion.taller.corridas`), que basta para reproducir la corrida. Los componentes
de :mod:`simulacion.taller.controles` y :mod:`simulacion.taller.vistas` sólo leen el estado y llaman
acciones.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import solara
from mesa.visualization.utils import force_update

from simulacion.estrategias import estrategias
from simulacion.taller import corridas
from simulacion.taller.enlaces import PASOS_POR_DEFECTO, mensaje_sencillo, por_defecto  # noqa: F401 (PASOS_POR_DEFECTO: se importaba de aquí)
from simulacion.taller.sesion import NOMBRE_PROPIA, PERIODO_ELECTORAL_TALLER, ModeloTaller, catalogo

INTERVALO_REPRODUCIR = 0.25  # segundos entre trimestres al reproducir
MAXIMO_SIN_DIBUJAR = 1.0  # segundos: al reproducir atrasado, se redibuja al menos así de seguido


@dataclass(frozen=True)
class Estado:
    """Los valores reactivos de la página (cada uno, un ``solara.Reactive``)."""

    estrategia: solara.Reactive  # nombre de estrategia/<nombre>.yaml; None: la de config.yaml o del caso
    ap: solara.Reactive  # intensidad AP puesta a mano (None: la de la estrategia)
    pe: solara.Reactive  # intensidad PE puesta a mano (None: la de la estrategia)
    caso: solara.Reactive
    semilla: solara.Reactive
    territorio: solara.Reactive  # claves de territorio.* cambiadas con los deslizadores
    gobierno: solara.Reactive  # claves de gobierno.* cambiadas («Elecciones», institucionalización)
    pasos: solara.Reactive  # trimestres a reproducir
    reproduciendo: solara.Reactive
    cambios: solara.Reactive  # tuple[corridas.Cambio, ...] de la corrida en curso (sin ellos: ())
    corridas: solara.Reactive  # tuple[corridas.Corrida, ...] guardadas para superponer
    comparacion: solara.Reactive  # la última corridas.Comparacion (o None); vale mientras su clave sea la actual
    progreso: solara.Reactive  # (hechas, total) mientras se compara; None si no
    n_semillas: solara.Reactive  # semillas por estrategia al comparar

    def parametros(self) -> dict:
        """Los argumentos de :class:`~simulacion.taller.sesion.ModeloTaller` para esta elección."""
        return {
            "estrategia": self.estrategia.value,
            "caso": self.caso.value,
            "ap": self.ap.value,
            "pe": self.pe.value,
            "semilla": self.semilla.value,
            "territorio": dict(self.territorio.value),
            "gobierno": dict(self.gobierno.value),
        }

    @property
    def propia(self) -> bool:
        """¿Hay intensidades puestas a mano (estrategia personalizada)?"""
        return self.ap.value is not None or self.pe.value is not None


def usar_estado(inicial: dict | None = None) -> Estado:
    """Crea (o recupera, en cada redibujo) el estado de la página. Empieza sin caso ("ninguno"), salvo
    los valores de ``inicial`` (los de un enlace: :func:`simulacion.taller.enlaces.leer_enlace`)."""
    inicial = {**por_defecto(), **(inicial or {})}
    return Estado(
        estrategia=solara.use_reactive(inicial.get("estrategia")),
        ap=solara.use_reactive(inicial.get("ap")),
        pe=solara.use_reactive(inicial.get("pe")),
        caso=solara.use_reactive(inicial["caso"]),
        semilla=solara.use_reactive(inicial["semilla"]),
        territorio=solara.use_reactive(dict(inicial.get("territorio", {}))),
        gobierno=solara.use_reactive(dict(inicial.get("gobierno", {}))),
        pasos=solara.use_reactive(inicial["pasos"]),
        reproduciendo=solara.use_reactive(False),
        cambios=solara.use_reactive(tuple(inicial.get("cambios", ()))),
        corridas=solara.use_reactive(()),
        comparacion=solara.use_reactive(None),
        progreso=solara.use_reactive(None),
        n_semillas=solara.use_reactive(corridas.SEMILLAS_POR_DEFECTO),
    )


def usar_modelo(estado: Estado, reinicios: solara.Reactive, error: solara.Reactive) -> ModeloTaller:
    """El modelo de la elección actual; se vuelve a crear al cambiarla o al reiniciar. Si la elección
    no es válida, deja el mensaje (en castellano) en ``error`` y usa el modelo por defecto."""
    parametros = estado.parametros()

    def crear() -> ModeloTaller:
        try:
            error.set(None)
            return ModeloTaller(**parametros)
        except Exception as exc:  # configuración inválida: se muestra en castellano y se sigue
            mensaje = mensaje_sencillo(exc)
            error.set(f"No se pudo crear el modelo con estos parámetros: {mensaje} Se usan los valores por defecto.")
            return ModeloTaller()

    dependencias = [*[repr(valor) for valor in parametros.values()], reinicios.value]
    return solara.use_memo(crear, dependencias)


class Acciones:
    """Lo que hacen los botones y controles con un modelo: avanzar, reproducir, reiniciar y cambiar
    la elección. Se crea una vez por modelo, así los controles no se redibujan en cada paso."""

    def __init__(self, estado: Estado, modelo: ModeloTaller, bloqueo: threading.Lock, reinicios: solara.Reactive):
        self.estado = estado
        self.modelo = modelo
        self.bloqueo = bloqueo  # un paso a la vez, y nadie lee el modelo a mitad de un paso
        self.reinicios = reinicios

    # ------------------------------------------------------------------ reproducción
    def avanzar(self) -> None:
        """Avanza un trimestre del modelo, sin redibujar."""
        with self.bloqueo:
            self.modelo.step()

    def paso(self) -> None:
        """Avanza un trimestre y avisa a la página (el contador de Mesa) que se redibuje."""
        self.avanzar()
        force_update()

    def reproducir(self) -> None:
        """Avanza un trimestre cada :data:`INTERVALO_REPRODUCIR` segundos mientras se reproduce.

        Redibujar la página cuesta mucho más que un trimestre del modelo (docs/rendimiento.md, «Taller:
        carga»). Si el redibujo se atrasa (muchos participantes en un servidor), los trimestres
        atrasados se avanzan sin redibujar y se redibuja una vez: el ritmo sigue siendo el mismo y la
        corrida también (se saltan cuadros, no trimestres); el último trimestre siempre se dibuja."""
        estado = self.estado
        proximo = dibujado = time.perf_counter()
        while estado.reproduciendo.value and self.modelo.steps < estado.pasos.value:
            self.avanzar()
            ahora = time.perf_counter()
            proximo = max(proximo + INTERVALO_REPRODUCIR, ahora - MAXIMO_SIN_DIBUJAR)  # atraso acotado
            final = self.modelo.steps >= estado.pasos.value
            if ahora < proximo or final or ahora - dibujado >= MAXIMO_SIN_DIBUJAR:
                force_update()
                dibujado = time.perf_counter()
                time.sleep(max(0.0, proximo - dibujado))
        estado.reproduciendo.set(False)

    def alternar_reproduccion(self) -> None:
        self.estado.reproduciendo.set(not self.estado.reproduciendo.value)

    def reiniciar(self) -> None:
        """Vuelve al trimestre 0 con la estrategia que rige ahora (la del último cambio, si lo hubo)."""
        cambios, antes = self.estado.cambios.value, repr(self.estado.parametros())
        self._empezar_de_nuevo()
        if cambios:
            self._fijar_eleccion(cambios[-1])
        if repr(self.estado.parametros()) == antes:  # si la elección cambió, ya se rehace el modelo
            self.reinicios.set(self.reinicios.value + 1)

    def restablecer(self, defecto: dict) -> None:
        """«Valores por defecto»: la elección con que abre la página sin enlace (``defecto``:
        :func:`simulacion.taller.enlaces.por_defecto`), sin cambios de reparto, en el trimestre 0."""
        estado = self.estado
        self._empezar_de_nuevo()
        estado.estrategia.set(None)
        estado.ap.set(None)
        estado.pe.set(None)
        estado.caso.set(defecto["caso"])
        estado.semilla.set(defecto["semilla"])
        estado.territorio.set({})
        estado.gobierno.set({})
        estado.pasos.set(defecto["pasos"])

    def _empezar_de_nuevo(self) -> None:
        """Lo que hace toda elección que rehace el modelo: pausa y olvida los cambios de la corrida."""
        self.estado.reproduciendo.set(False)
        self.estado.cambios.set(())

    def _fijar_eleccion(self, cambio: corridas.Cambio) -> None:
        """La elección inicial que reproduce el reparto de ``cambio`` desde el trimestre 0: la
        estrategia del catálogo con ese nombre, la del caso o, si no, las intensidades a mano."""
        estado, base = self.estado, self.modelo.cfg.estrategia
        if cambio.rotulo in estrategias():
            estado.estrategia.set(cambio.rotulo)
            estado.ap.set(None)
            estado.pe.set(None)
        elif cambio.rotulo != base.nombre or estado.propia:
            estado.ap.set(cambio.ap)
            estado.pe.set(cambio.pe)

    # ------------------------------------------------------------------ a mitad de corrida
    @property
    def empezada(self) -> bool:
        """¿Ya se jugó algún trimestre? Entonces los cambios de estrategia rigen desde el siguiente."""
        return self.modelo.steps > 0

    def cambiar_reparto(self, rotulo: str, ap: float, pe: float, gestion: bool = False) -> None:
        """Cambia el reparto AP/PE de la corrida en curso desde el trimestre siguiente (con ``gestion``,
        por una gestión nueva) y lo anota en el registro de cambios (bajo el bloqueo: nunca a mitad de
        un paso). Un reparto igual al que rige no es un cambio; una gestión nueva siempre lo es."""
        estado = self.estado
        with self.bloqueo:
            if not gestion and corridas.reparto_vigente(self.modelo, estado.cambios.value) == (rotulo, ap, pe):
                return
            cambio = corridas.Cambio(self.modelo.steps, ap, pe, rotulo, gestion)
            corridas.aplicar(self.modelo, cambio)
            registro = corridas.registrar_cambio(estado.cambios.value, cambio)
        # Fuera del bloqueo: desde un botón, ``set`` redibuja enseguida, y el dibujo toma el bloqueo.
        estado.cambios.set(registro)

    def cambiar_gestion(self, nombre: str) -> None:
        """«Cambio de gestión»: desde el trimestre siguiente gobierna una gestión nueva con la
        estrategia ``nombre`` (``Gobierno.cambiar_gestion``: lo que sobrevive de la anterior lo decide
        la institucionalización). En el trimestre 0 no hay gestión anterior: es elegir la estrategia."""
        if not self.empezada:
            self.elegir_estrategia(nombre)
            return
        self.cambiar_reparto(nombre, *self.reparto_de(nombre), gestion=True)

    def reparto_de(self, nombre: str) -> tuple[float, float]:
        """(AP, PE) de la estrategia ``nombre``: la del catálogo o, si es la de la corrida, la suya."""
        if nombre in estrategias():
            elegida = estrategias()[nombre]
            return elegida.apoyo_produccion, elegida.promocion_economica
        base = self.modelo.cfg.estrategia
        return base.apoyo_produccion, base.promocion_economica

    # ------------------------------------------------------------------ corridas guardadas
    def guardar_corrida(self) -> None:
        """Guarda la corrida en curso (hasta :data:`~simulacion.taller.corridas.MAXIMO_CORRIDAS`)."""
        estado = self.estado
        with self.bloqueo:
            corrida = corridas.Corrida.de_modelo(self.modelo, self.modelo.parametros["caso"], estado.cambios.value)
        estado.corridas.set(corridas.guardar(estado.corridas.value, corrida))

    def borrar_corridas(self) -> None:
        self.estado.corridas.set(())

    # ------------------------------------------------------------------ elección
    def elegir_estrategia(self, nombre: str) -> None:
        """Una estrategia del catálogo; ``personalizada`` fija a mano las intensidades actuales."""
        estado, actual = self.estado, self.modelo.cfg.estrategia
        if self.empezada:  # rige desde el trimestre siguiente; «personalizada» deja el reparto que rige
            if nombre != NOMBRE_PROPIA:
                self.cambiar_reparto(nombre, *self.reparto_de(nombre))
            return
        if nombre == NOMBRE_PROPIA:
            estado.ap.set(actual.apoyo_produccion)
            estado.pe.set(actual.promocion_economica)
            return
        self._empezar_de_nuevo()
        estado.ap.set(None)
        estado.pe.set(None)
        nombres = {opcion.nombre for opcion in catalogo("estrategia")}
        estado.estrategia.set(nombre if nombre in nombres else None)  # si no, la que trae el caso

    def mover_ap(self, valor: float) -> None:
        if self.empezada:
            _, _, pe = corridas.reparto_vigente(self.modelo, self.estado.cambios.value)
            ap = round(float(valor), 2)
            self.cambiar_reparto(NOMBRE_PROPIA, ap, min(pe, round(1 - ap, 2)))
            return
        self._mover_intensidad(self.estado.ap, self.estado.pe, "promocion_economica", valor)

    def mover_pe(self, valor: float) -> None:
        if self.empezada:
            _, ap, _ = corridas.reparto_vigente(self.modelo, self.estado.cambios.value)
            pe = round(float(valor), 2)
            self.cambiar_reparto(NOMBRE_PROPIA, min(ap, round(1 - pe, 2)), pe)
            return
        self._mover_intensidad(self.estado.pe, self.estado.ap, "apoyo_produccion", valor)

    def _mover_intensidad(self, movida: solara.Reactive, otra: solara.Reactive, clave_otra: str, valor) -> None:
        """Fija una intensidad a mano; la otra queda como estaba, pero AP + PE no pasa de 1 (son
        fracciones del mismo presupuesto)."""
        if otra.value is None:
            otra.set(getattr(self.modelo.cfg.estrategia, clave_otra))
        self._empezar_de_nuevo()
        valor = round(float(valor), 2)
        movida.set(valor)
        if otra.value + valor > 1:
            otra.set(round(1 - valor, 2))

    def elegir_caso(self, nombre: str | None) -> None:
        """Un caso de la fuente: trae su territorio y su estrategia (luego se puede elegir otra)."""
        estado = self.estado
        self._empezar_de_nuevo()
        estado.territorio.set({})
        estado.gobierno.set({})
        estado.estrategia.set(None)
        estado.ap.set(None)
        estado.pe.set(None)
        estado.caso.set(nombre)

    def elegir_semilla(self, valor) -> None:
        self._empezar_de_nuevo()
        self.estado.semilla.set(int(valor))

    def mover_territorio(self, clave: str, valor) -> None:
        """Cambia una clave de ``territorio.*`` (se crea un modelo nuevo)."""
        self._empezar_de_nuevo()
        self.estado.territorio.set({**self.estado.territorio.value, clave: valor})

    def mover_gobierno(self, clave: str, valor) -> None:
        """Cambia una clave de ``gobierno.*`` (se crea un modelo nuevo, como con el territorio)."""
        self._empezar_de_nuevo()
        self.estado.gobierno.set({**self.estado.gobierno.value, clave: valor})

    def poner_elecciones(self, encendidas: bool) -> None:
        """El interruptor «Elecciones»: cada :data:`~simulacion.taller.sesion.PERIODO_ELECTORAL_TALLER`
        trimestres, o ninguna (``gobierno.periodo_electoral`` = 0, aunque el caso las traiga)."""
        self.mover_gobierno("periodo_electoral", PERIODO_ELECTORAL_TALLER if encendidas else 0)
