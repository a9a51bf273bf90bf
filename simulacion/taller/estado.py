"""El estado de la página del taller y lo que hacen sus botones.

:class:`Estado` reúne lo que elige el facilitador (estrategia, intensidades, caso, semilla,
territorio, trimestres a reproducir); :func:`usar_modelo` arma el modelo con esa elección y
:class:`Acciones` lo cambia o avanza. Los componentes de :mod:`simulacion.taller.controles` y
:mod:`simulacion.taller.vistas` sólo leen el estado y llaman acciones.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import solara
from mesa.visualization.utils import force_update

from simulacion.taller.sesion import NOMBRE_PROPIA, ModeloTaller, catalogo

INTERVALO_REPRODUCIR = 0.25  # segundos entre trimestres al reproducir
MAXIMO_SIN_DIBUJAR = 1.0  # segundos: al reproducir atrasado, se redibuja al menos así de seguido
PASOS_POR_DEFECTO = 40


@dataclass(frozen=True)
class Estado:
    """Los valores reactivos de la página (cada uno, un ``solara.Reactive``)."""

    estrategia: solara.Reactive  # nombre de estrategia/<nombre>.yaml; None: la de config.yaml o del caso
    ap: solara.Reactive  # intensidad AP puesta a mano (None: la de la estrategia)
    pe: solara.Reactive  # intensidad PE puesta a mano (None: la de la estrategia)
    caso: solara.Reactive
    semilla: solara.Reactive
    territorio: solara.Reactive  # claves de territorio.* cambiadas con los deslizadores
    pasos: solara.Reactive  # trimestres a reproducir
    reproduciendo: solara.Reactive

    def parametros(self) -> dict:
        """Los argumentos de :class:`~simulacion.taller.sesion.ModeloTaller` para esta elección."""
        return {
            "estrategia": self.estrategia.value,
            "caso": self.caso.value,
            "ap": self.ap.value,
            "pe": self.pe.value,
            "semilla": self.semilla.value,
            "territorio": dict(self.territorio.value),
        }

    @property
    def propia(self) -> bool:
        """¿Hay intensidades puestas a mano (estrategia personalizada)?"""
        return self.ap.value is not None or self.pe.value is not None


def usar_estado() -> Estado:
    """Crea (o recupera, en cada redibujo) el estado de la página. Empieza sin caso ("ninguno")."""
    casos = {opcion.nombre for opcion in catalogo("caso")}
    return Estado(
        estrategia=solara.use_reactive(None),
        ap=solara.use_reactive(None),
        pe=solara.use_reactive(None),
        caso=solara.use_reactive("ninguno" if "ninguno" in casos else None),
        semilla=solara.use_reactive(0),
        territorio=solara.use_reactive({}),
        pasos=solara.use_reactive(PASOS_POR_DEFECTO),
        reproduciendo=solara.use_reactive(False),
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
            error.set(f"No se pudo crear el modelo con estos parámetros: {exc}")
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
        """Vuelve al trimestre 0 con la misma elección."""
        self.estado.reproduciendo.set(False)
        self.reinicios.set(self.reinicios.value + 1)

    # ------------------------------------------------------------------ elección
    def elegir_estrategia(self, nombre: str) -> None:
        """Una estrategia del catálogo; ``personalizada`` fija a mano las intensidades actuales."""
        estado, actual = self.estado, self.modelo.cfg.estrategia
        if nombre == NOMBRE_PROPIA:
            estado.ap.set(actual.apoyo_produccion)
            estado.pe.set(actual.promocion_economica)
            return
        estado.reproduciendo.set(False)
        estado.ap.set(None)
        estado.pe.set(None)
        nombres = {opcion.nombre for opcion in catalogo("estrategia")}
        estado.estrategia.set(nombre if nombre in nombres else None)  # si no, la que trae el caso

    def mover_ap(self, valor: float) -> None:
        self._mover_intensidad(self.estado.ap, self.estado.pe, "promocion_economica", valor)

    def mover_pe(self, valor: float) -> None:
        self._mover_intensidad(self.estado.pe, self.estado.ap, "apoyo_produccion", valor)

    def _mover_intensidad(self, movida: solara.Reactive, otra: solara.Reactive, clave_otra: str, valor) -> None:
        """Fija una intensidad a mano; la otra queda como estaba, pero AP + PE no pasa de 1 (son
        fracciones del mismo presupuesto)."""
        if otra.value is None:
            otra.set(getattr(self.modelo.cfg.estrategia, clave_otra))
        self.estado.reproduciendo.set(False)
        valor = round(float(valor), 2)
        movida.set(valor)
        if otra.value + valor > 1:
            otra.set(round(1 - valor, 2))

    def elegir_caso(self, nombre: str | None) -> None:
        """Un caso de la fuente: trae su territorio y su estrategia (luego se puede elegir otra)."""
        estado = self.estado
        estado.reproduciendo.set(False)
        estado.territorio.set({})
        estado.estrategia.set(None)
        estado.ap.set(None)
        estado.pe.set(None)
        estado.caso.set(nombre)

    def elegir_semilla(self, valor) -> None:
        self.estado.semilla.set(int(valor))

    def mover_territorio(self, clave: str, valor) -> None:
        """Cambia una clave de ``territorio.*`` (se crea un modelo nuevo)."""
        self.estado.reproduciendo.set(False)
        self.estado.territorio.set({**self.estado.territorio.value, clave: valor})
