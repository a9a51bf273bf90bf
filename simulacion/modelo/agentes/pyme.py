"""La pyme como agente Mesa: su identidad en el espacio."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mesa.discrete_space import FixedAgent

if TYPE_CHECKING:
    from simulacion.modelo.modelo import ModeloTerritorial


class Pyme(FixedAgent):
    """Pequeño productor, micro o pequeña empresa, asociación (003, "El rol de los innovadores").

    Su estado está en la fila ``fila`` de ``modelo.pymes`` (:class:`~simulacion.modelo.pymes.Pymes`),
    que es su único dueño; las propiedades lo exponen para el mapa y la inspección.
    """

    def __init__(self, modelo: ModeloTerritorial, celda) -> None:
        super().__init__(modelo)
        self.cell = celda

    @property
    def fila(self) -> int:
        """Fila de esta pyme en ``modelo.pymes`` (cambia cuando salen pymes anteriores)."""
        return self.model.pymes.fila_de(self.unique_id)

    @property
    def innovadora(self) -> bool:
        return bool(self.model.pymes.innovadora[self.fila])

    @property
    def capital(self) -> float:
        return float(self.model.pymes.capital[self.fila])

    @property
    def tipo(self) -> str:
        return "innovadora" if self.innovadora else "tradicional"
