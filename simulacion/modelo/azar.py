"""El azar del modelo en flujos con nombre: números aleatorios comunes (issue 24, parte 4).

Cada proceso que sortea tiene su propio flujo, derivado de ``semilla``, del nombre del proceso y del
trimestre (``SeedSequence([semilla, proceso, trimestre])``): el clima del trimestre 12 es el mismo con
toda estrategia y con un cambio pequeño de un parámetro, porque no depende de cuántos números sacaron
antes los demás procesos. Lo que se sortea pyme por pyme (ideas, eventos adversos, quién atiende una
agencia, quién entra a la mesa) sale además de la **identidad** de la pyme
(:meth:`Azar.uniformes_por_pyme`): la misma pyme recibe el mismo número aunque otras hayan entrado o
salido. Así, dos corridas con la misma semilla difieren sólo por lo que sus agentes hicieron distinto.

Mesa guarda su propio generador (``modelo.rng``, ``modelo.random``); el modelo no lo usa
(``tests/test_azar.py`` lo verifica en el código).
"""

from __future__ import annotations

import numpy as np

# Un número fijo por proceso (su posición): agregar uno al final no cambia los demás.
PROCESOS = (
    "territorio",  # el paisaje: potencial, recursos (una vez)
    "poblacion",  # la población inicial (una vez)
    "clima",  # choques climáticos
    "mercados",  # ruido de la demanda externa
    "ideas",  # iniciativas de innovación, pyme por pyme
    "eventos",  # eventos adversos del entorno, pyme por pyme
    "entradas",  # cuántas pymes entran, dónde y con cuánto capital
    "informalidad",  # cuáles de las nuevas son informales
    "servicios",  # a quiénes atienden las agencias, pyme por pyme
    "formalizacion",  # a quiénes formalizan las agencias, pyme por pyme
    "mesa_orden",  # en qué orden trata la mesa las propuestas, pyme por pyme
    "mesa_confianza",  # quién confía y entra a la mesa, pyme por pyme
    "apropiacion",  # apropiación de ideas por las empresas
    "empresas",  # llegada de empresas y dónde
    "elecciones",  # reelección, reparto del retador, supervivencia de la mesa
)


class Azar:
    """Los flujos de números al azar de un modelo, por proceso y trimestre."""

    def __init__(self, semilla: int) -> None:
        self.semilla = int(semilla)
        self.trimestre = 0  # 0: la construcción; 1, 2, … cada trimestre (también los de la prehistoria)
        self._flujos: dict[str, np.random.Generator] = {}

    def avanzar(self) -> None:
        """Empieza un trimestre nuevo: cada proceso tendrá un flujo nuevo."""
        self.trimestre += 1
        self._flujos.clear()

    def flujo(self, proceso: str) -> np.random.Generator:
        """El generador de ``proceso`` en este trimestre (el mismo objeto en todo el trimestre)."""
        generador = self._flujos.get(proceso)
        if generador is None:
            generador = self._flujos[proceso] = self._nuevo(proceso)
        return generador

    def uniformes_por_pyme(self, proceso: str, ids: np.ndarray) -> np.ndarray:
        """Un número uniforme en [0, 1) para cada identidad de ``ids``: el de una pyme no depende de
        cuántas otras hay. ``proceso`` se usa sólo así en el trimestre (su propio flujo)."""
        ids = np.asarray(ids, dtype=np.int64)
        if not len(ids):
            return np.zeros(0)
        return self._nuevo(proceso).random(int(ids.max()) + 1)[ids]

    def _nuevo(self, proceso: str) -> np.random.Generator:
        semilla = np.random.SeedSequence([self.semilla, PROCESOS.index(proceso), self.trimestre])
        return np.random.default_rng(semilla)
