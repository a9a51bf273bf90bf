"""Las cuatro estrategias de la fuente y su matriz 2×2, definidas una sola vez.

Las estrategias son los archivos ``configs/estrategia/*.yaml`` (sólo números: intensidades AP y PE).
Aquí se leen, y se declara lo que la fuente dice de cada celda de la matriz (003, "Estrategias de
apoyo a la producción y la promoción económica"): su numeral y el desenlace que afirma. La celda de
una estrategia se deduce de sus intensidades, nunca de su nombre. Lo leen el análisis de barridos,
el taller, los experimentos y las pruebas; el modelo y el clasificador no lo ven.

Este módulo no importa Mesa ni el modelo.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

PAQUETE_CONFIGS = "simulacion.configs"


@dataclass(frozen=True)
class Celda:
    """Lo que la fuente dice de una combinación (hay AP, hay PE)."""

    numeral: str  # "I" … "IV", como las numera 003
    desenlace: str  # desenlace que afirma la fuente
    texto: str  # cómo lo dice (resumido)


# (hay apoyo a la producción, hay promoción económica) → lo que afirma 003.
MATRIZ_FUENTE: dict[tuple[bool, bool], Celda] = {
    (True, True): Celda("I", "crecimiento", "más actividades tradicionales e innovadoras atendidas"),
    (True, False): Celda("II", "estancamiento", "tradicionales atendidas, pocas innovadoras"),
    (False, True): Celda("III", "fragilidad", "innovadoras atendidas pero debilitadas por el entorno"),
    (False, False): Celda("IV", "descomposicion", "ambas abandonadas"),
}
ORDEN_CELDAS: tuple[tuple[bool, bool], ...] = tuple(MATRIZ_FUENTE)


def cuadrante(ap: float, pe: float) -> tuple[bool, bool]:
    """Celda de la matriz 2×2: (hay apoyo a la producción, hay promoción económica)."""
    return (ap > 0, pe > 0)


@dataclass(frozen=True)
class EstrategiaFuente:
    """Una estrategia de ``configs/estrategia/`` con su celda de la matriz."""

    nombre: str
    apoyo_produccion: float
    promocion_economica: float

    @property
    def celda(self) -> Celda:
        return MATRIZ_FUENTE[cuadrante(self.apoyo_produccion, self.promocion_economica)]

    @property
    def afirmado(self) -> str:
        """Desenlace que la fuente afirma para esta estrategia."""
        return self.celda.desenlace

    @property
    def titulo(self) -> str:
        """``Estrategia I: complementariedad``."""
        return f"Estrategia {self.celda.numeral}: {self.nombre}"


@cache
def estrategias() -> dict[str, EstrategiaFuente]:
    """Las estrategias de ``configs/estrategia/``, en el orden de la matriz (I a IV)."""
    carpeta = resources.files(PAQUETE_CONFIGS) / "estrategia"
    leidas = []
    for archivo in carpeta.iterdir():
        if archivo.name.endswith(".yaml"):
            datos = yaml.safe_load(archivo.read_text(encoding="utf-8")) or {}
            leidas.append(
                EstrategiaFuente(
                    datos.get("nombre", archivo.name.removesuffix(".yaml")),
                    float(datos.get("apoyo_produccion", 0.0)),
                    float(datos.get("promocion_economica", 0.0)),
                )
            )
    leidas.sort(key=lambda e: (ORDEN_CELDAS.index(cuadrante(e.apoyo_produccion, e.promocion_economica)), e.nombre))
    return {e.nombre: e for e in leidas}


def nombres() -> tuple[str, ...]:
    """Nombres de las estrategias en el orden de la matriz."""
    return tuple(estrategias())


def afirmado() -> dict[str, str]:
    """Estrategia → desenlace que afirma la fuente."""
    return {n: e.afirmado for n, e in estrategias().items()}


# Color de cada celda de la matriz (hay AP, hay PE) en las figuras: paleta de Okabe e Ito, legible con
# daltonismo y distinta de los colores de los desenlaces (``simulacion.indicadores.ESTILO_DESENLACE``).
COLORES_CELDA: dict[tuple[bool, bool], str] = {
    (True, True): "#0072B2",  # I: azul
    (True, False): "#E69F00",  # II: naranja
    (False, True): "#CC79A7",  # III: púrpura rojizo
    (False, False): "#000000",  # IV: negro
}


def color(nombre: str) -> str:
    """Color de la estrategia ``nombre`` en las figuras: el de su celda de la matriz (por intensidades)."""
    e = estrategias()[nombre]
    return color_de_reparto(e.apoyo_produccion, e.promocion_economica)


def color_de_reparto(ap: float, pe: float) -> str:
    """Color de un reparto AP/PE cualquiera (la estrategia de un caso, una personalizada): el de su celda."""
    return COLORES_CELDA[cuadrante(ap, pe)]
