"""La pyme como objeto: su identidad y su lugar, para el mapa y la inspección."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulacion.modelo.modelo import ModeloTerritorial


class Pyme:
    """Pequeño productor, micro o pequeña empresa, asociación (003, "El rol de los innovadores").

    Su estado y su comportamiento están en ``modelo.pymes`` (:class:`~simulacion.modelo.pymes.Pymes`),
    una fila por pyme, que es su único dueño. Este objeto es la vista de una de ellas, con la interfaz
    de un agente de Mesa (``unique_id``, ``model``, ``cell``); se crea cuando se pide
    (``modelo.pymes.agente(fila)``), no se registra en el modelo y no guarda estado: con 300.000
    pymes, un objeto Mesa por pyme costaba más que su comportamiento (docs/rendimiento.md, «Escala»).
    """

    __slots__ = ("model", "unique_id")

    def __init__(self, modelo: ModeloTerritorial, unique_id: int) -> None:
        self.model = modelo
        self.unique_id = unique_id

    @property
    def fila(self) -> int:
        """Fila de esta pyme en ``modelo.pymes`` (cambia cuando salen pymes anteriores)."""
        return self.model.pymes.fila_de(self.unique_id)

    @property
    def cell(self):
        """La celda de Mesa donde produce."""
        return self.model.celdas_planas[int(self.model.pymes.celda[self.fila])]

    @property
    def innovadora(self) -> bool:
        return bool(self.model.pymes.innovadora[self.fila])

    @property
    def capital(self) -> float:
        return float(self.model.pymes.capital[self.fila])

    @property
    def tipo(self) -> str:
        return "innovadora" if self.innovadora else "tradicional"
