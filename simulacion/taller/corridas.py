"""Corridas guardadas, cambios de reparto a mitad de corrida y la comparación con varias semillas.

Lógica pura del taller (sin Solara): la página guarda estos objetos en su estado
(:mod:`simulacion.taller.estado`) y los dibuja con :mod:`simulacion.taller.graficos` y
:mod:`simulacion.taller.tarjetas`.

- :class:`Cambio` y :func:`avanzar`: el registro de los cambios del reparto AP/PE de una corrida
  (``Municipalidad.cambiar_reparto``) y de los cambios de gestión puestos a mano
  (``Gobierno.cambiar_gestion``: :attr:`Cambio.gestion`). Con la misma elección inicial, el mismo
  registro y la misma semilla, :func:`avanzar` vuelve a dar la misma serie: así se puede reproducir
  una corrida. Las elecciones no van en el registro: las celebra el modelo (``gobierno.periodo_electoral``).
- :class:`Corrida` y :func:`guardar`: hasta :data:`MAXIMO_CORRIDAS` corridas guardadas para
  superponerlas, cada una con su leyenda (estrategia, caso, semilla y cambios).
- :class:`ClaveComparacion`, :func:`comparar_semillas` y :func:`texto_desenlaces`: cada estrategia
  con varias semillas y cuántas veces dio cada desenlace («crecimiento en 4 de 5»).

Ningún código de este módulo pregunta el nombre de una estrategia: sólo lo muestra.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import NamedTuple

import pandas as pd

from simulacion.estrategias import color_de_reparto, nombres
from simulacion.indicadores import DESENLACES, ESTILO_DESENLACE, contar
from simulacion.modelo import ModeloTerritorial
from simulacion.resultados.ejecucion import Resultado, a_configuracion, ejecutar, serie_de
from simulacion.taller.sesion import NOMBRE_PROPIA, catalogo, componer_seguro, overrides

MAXIMO_CORRIDAS = 4  # corridas guardadas que se superponen (más, y la figura no se lee)
SEMILLAS_POR_DEFECTO = 5  # semillas por estrategia al comparar


# ---------------------------------------------------------------------- cambios de reparto
@dataclass(frozen=True)
class Cambio:
    """Un cambio del reparto AP/PE del presupuesto de inversión a mitad de corrida.

    Se decide con ``trimestre`` trimestres jugados y rige desde el siguiente (:attr:`desde`), como
    ``Municipalidad.cambiar_reparto``. ``rotulo`` dice qué se eligió (el nombre de la estrategia o
    ``personalizada``): es lo que muestran la leyenda y la marca de los gráficos, nunca lo que lee el
    modelo. Con ``gestion``, es un cambio de gestión (``Gobierno.cambiar_gestion``): gobierna una
    gestión nueva con ese reparto, y lo que sobrevive de la anterior lo decide
    ``gobierno.institucionalizacion``, como tras una elección perdida."""

    trimestre: int
    ap: float
    pe: float
    rotulo: str
    gestion: bool = False

    @property
    def desde(self) -> int:
        """El primer trimestre con el reparto nuevo."""
        return self.trimestre + 1

    @property
    def nombre(self) -> str:
        """Lo que dicen la leyenda y la marca: ``lamentable`` o ``gestión nueva: lamentable``."""
        return f"gestión nueva: {self.rotulo}" if self.gestion else self.rotulo

    def texto(self) -> str:
        """``lamentable (AP 0.90, PE 0.00) desde el trimestre 9`` (``gestión nueva: lamentable …``)."""
        return f"{self.nombre} (AP {self.ap:.2f}, PE {self.pe:.2f}) desde el trimestre {self.desde}"


def registrar_cambio(cambios: tuple[Cambio, ...], nuevo: Cambio) -> tuple[Cambio, ...]:
    """El registro con ``nuevo`` al final; si el último cambio es un cambio de reparto del mismo
    trimestre y ``nuevo`` también, lo reemplaza (mover un deslizador varias veces antes del paso
    siguiente deja un solo cambio: el que rige). Un cambio de gestión nunca se reemplaza ni reemplaza:
    ya ocurrió en el modelo (la mesa pudo disolverse) y la reproducción debe repetirlo."""
    ultimo = cambios[-1] if cambios else None
    if ultimo and ultimo.trimestre == nuevo.trimestre and not (ultimo.gestion or nuevo.gestion):
        cambios = cambios[:-1]
    return (*cambios, nuevo)


def aplicar(modelo: ModeloTerritorial, cambio: Cambio) -> None:
    """Aplica un cambio al modelo (rige desde el trimestre siguiente): el mismo código en vivo y al
    reproducir, así la reproducción es idéntica."""
    if cambio.gestion:
        modelo.gobierno.cambiar_gestion(cambio.ap, cambio.pe)
    else:
        modelo.municipalidad.cambiar_reparto(cambio.ap, cambio.pe)


def aplicar_cambios(modelo: ModeloTerritorial, cambios: Iterable[Cambio]) -> None:
    """Aplica al modelo, en orden, los cambios decididos en su trimestre actual (rigen desde el siguiente)."""
    for cambio in cambios:
        if cambio.trimestre == modelo.steps:
            aplicar(modelo, cambio)


def avanzar(modelo: ModeloTerritorial, cambios: Iterable[Cambio], hasta: int) -> None:
    """Avanza el modelo hasta ``hasta`` trimestres jugados aplicando cada cambio en su trimestre:
    la reproducción determinista de una corrida con cambios (misma elección inicial y semilla)."""
    cambios = tuple(cambios)
    while modelo.steps < hasta:
        aplicar_cambios(modelo, cambios)
        modelo.step()
    aplicar_cambios(modelo, cambios)  # uno decidido en el último trimestre ya rige para el siguiente


def reparto_vigente(modelo: ModeloTerritorial, cambios: tuple[Cambio, ...]) -> tuple[str, float, float]:
    """(rótulo, AP, PE) del reparto que rige desde el trimestre siguiente (``Municipalidad.reparto``).

    El rótulo es el del último cambio, o el de la estrategia con que empezó la corrida, si su reparto
    es el que rige; si no (lo cambió una elección, o la institucionalización ató el de una gestión
    nueva al plan), ``personalizada``."""
    ap, pe = modelo.municipalidad.reparto
    if cambios:
        rotulo, pedido = cambios[-1].rotulo, (cambios[-1].ap, cambios[-1].pe)
    else:
        estrategia = modelo.cfg.estrategia
        rotulo, pedido = estrategia.nombre, (estrategia.apoyo_produccion, estrategia.promocion_economica)
    if (float(pedido[0]), float(pedido[1])) != (ap, pe):
        rotulo = NOMBRE_PROPIA
    return rotulo, ap, pe


# ---------------------------------------------------------------------- corridas guardadas
def titulo_caso(caso: str | None) -> str:
    """El título del caso para leyendas y rótulos (``sin caso`` si no hay)."""
    if caso in (None, "ninguno"):
        return "sin caso"
    return next((opcion.titulo for opcion in catalogo("caso") if opcion.nombre == caso), caso)


@dataclass(frozen=True, eq=False)
class Corrida:
    """Una corrida guardada: cómo empezó, sus cambios y su serie hasta el trimestre en que se guardó."""

    estrategia: str  # nombre de la estrategia con que empezó
    ap: float  # reparto con que empezó
    pe: float
    caso: str | None
    semilla: int
    cambios: tuple[Cambio, ...]
    series: pd.DataFrame

    @classmethod
    def de_modelo(
        cls,
        modelo: ModeloTerritorial,
        caso: str | None,
        cambios: tuple[Cambio, ...],
        series: pd.DataFrame | None = None,
    ) -> Corrida:
        """La corrida en curso de ``modelo`` (con ``series``, la serie ya leída; si no, una copia de la suya)."""
        estrategia = modelo.cfg.estrategia
        return cls(
            estrategia.nombre,
            estrategia.apoyo_produccion,
            estrategia.promocion_economica,
            caso,
            modelo.cfg.semilla,
            tuple(cambios),
            serie_de(modelo).copy() if series is None else series,
        )

    @property
    def etiqueta(self) -> str:
        """La leyenda: ``complementariedad → lamentable (trimestre 9) · sin caso · semilla 0``."""
        cambios = "".join(f" → {c.nombre} (trimestre {c.desde})" for c in self.cambios)
        return f"{self.estrategia}{cambios} · {titulo_caso(self.caso)} · semilla {self.semilla}"

    @property
    def color(self) -> str:
        """El color de la estrategia con que empezó (el de su celda de la matriz)."""
        return color_de_reparto(self.ap, self.pe)


def guardar(corridas: tuple[Corrida, ...], nueva: Corrida, maximo: int = MAXIMO_CORRIDAS) -> tuple[Corrida, ...]:
    """Las corridas guardadas con ``nueva`` al final; si pasan de ``maximo``, sale la más antigua."""
    return (*corridas, nueva)[-maximo:]


# ---------------------------------------------------------------------- comparar con varias semillas
class ClaveComparacion(NamedTuple):
    """Lo que define una comparación: si la página cambia algo de esto, la comparación ya no vale."""

    caso: str | None
    semillas: tuple[int, ...]
    pasos: int
    territorio: tuple[tuple[str, object], ...]  # claves de territorio.* cambiadas, ordenadas
    gobierno: tuple[tuple[str, object], ...] = ()  # claves de gobierno.* cambiadas (elecciones), ordenadas

    @classmethod
    def de(
        cls, caso: str | None, semilla: int, n_semillas: int, pasos: int, territorio: dict, gobierno: dict | None = None
    ) -> ClaveComparacion:
        """``n_semillas`` semillas seguidas desde ``semilla`` (la de la página)."""
        semillas = tuple(range(semilla, semilla + n_semillas))
        return cls(caso, semillas, pasos, tuple(sorted(territorio.items())), tuple(sorted((gobierno or {}).items())))

    def rotulo(self) -> str:
        """``5 semillas (0 a 4) · sin caso · 40 trimestres`` (``· elecciones cambiadas``, si las hay)."""
        s = self.semillas
        semillas = f"semilla {s[0]}" if len(s) == 1 else f"{len(s)} semillas ({s[0]} a {s[-1]})"
        territorio = " · territorio cambiado" if self.territorio else ""
        gobierno = " · elecciones cambiadas" if self.gobierno else ""
        return f"{semillas} · {titulo_caso(self.caso)} · {contar(self.pasos, 'trimestres')}{territorio}{gobierno}"


@dataclass(frozen=True, eq=False)
class Fila:
    """Una estrategia comparada: su rótulo, su reparto y un resultado por semilla."""

    nombre: str
    ap: float
    pe: float
    resultados: tuple[Resultado, ...]

    @property
    def desenlaces(self) -> list[str]:
        return [resultado.resumen["desenlace"] for resultado in self.resultados]

    @property
    def texto(self) -> str:
        """``crecimiento en 4 de 5, estancamiento en 1 de 5`` (:func:`texto_desenlaces`)."""
        return texto_desenlaces(self.desenlaces)

    @property
    def color(self) -> str:
        return color_de_reparto(self.ap, self.pe)

    def mediana(self, columna: str) -> pd.Series:
        """La mediana de ``columna`` entre las semillas, trimestre a trimestre."""
        return pd.concat([resultado.series[columna] for resultado in self.resultados], axis=1).median(axis=1)

    def mediana_resumen(self, clave: str) -> float:
        """La mediana de un indicador del desenlace entre las semillas."""
        return float(pd.Series([resultado.resumen[clave] for resultado in self.resultados]).median())


@dataclass(frozen=True, eq=False)
class Comparacion:
    clave: ClaveComparacion
    filas: tuple[Fila, ...]


def texto_desenlaces(desenlaces: list[str]) -> str:
    """``crecimiento en 4 de 5, estancamiento en 1 de 5``: los desenlaces de mayor a menor frecuencia
    (a igual frecuencia, en el orden de la fuente), con su rótulo declarado."""
    cuenta = Counter(desenlaces)
    orden = sorted(cuenta, key=lambda d: (-cuenta[d], DESENLACES.index(d) if d in DESENLACES else len(DESENLACES)))
    total = len(desenlaces)
    return ", ".join(f"{ESTILO_DESENLACE.get(d, (d,))[0]} en {cuenta[d]} de {total}" for d in orden)


def filas_a_comparar(caso: str | None) -> list[tuple[str, str | None]]:
    """(rótulo, estrategia a cargar) de cada fila: las de la fuente y, con un caso, la del caso."""
    filas = [(nombre, nombre) for nombre in nombres()]
    if caso not in (None, "ninguno"):
        filas.append((f"la del caso ({titulo_caso(caso)})", None))
    return filas


def comparar_semillas(clave: ClaveComparacion, al_avanzar: Callable[[int, int], None] | None = None) -> Comparacion:
    """Corre cada fila de :func:`filas_a_comparar` con cada semilla de ``clave`` (con
    :func:`~simulacion.taller.sesion.overrides`, como la página: la estrategia se impone a la del
    caso); cada corrida es la de :func:`simulacion.api.simular` con esa semilla.
    ``al_avanzar(hechas, total)`` avisa el progreso."""
    filas, territorio, gobierno = filas_a_comparar(clave.caso), dict(clave.territorio), dict(clave.gobierno)
    total, hechas, resultado = len(filas) * len(clave.semillas), 0, []
    for rotulo, estrategia in filas:
        # Se compone una vez por fila (es lo más lento) y cambia sólo la semilla: la misma configuración
        # que con ``semilla=<s>`` en los overrides.
        pedido = overrides(estrategia, clave.caso, pasos=clave.pasos, territorio=territorio, gobierno=gobierno)
        base = a_configuracion(componer_seguro(*pedido))
        corridas = []
        for semilla in clave.semillas:
            corrida = ejecutar(replace(base, semilla=semilla))
            corridas.append(Resultado(corrida.series, corrida.resumen, None))  # sin el modelo: memoria
            hechas += 1
            if al_avanzar:
                al_avanzar(hechas, total)
        primera = corridas[0].resumen
        resultado.append(Fila(rotulo, primera["apoyo_produccion"], primera["promocion_economica"], tuple(corridas)))
    return Comparacion(clave, tuple(resultado))
