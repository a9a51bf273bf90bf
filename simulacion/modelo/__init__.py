"""El modelo Mesa: el territorio, sus actores, la población de pymes, el exterior, la contabilidad
y la medición. No importa barridos, taller ni escritura de archivos (docs/arquitectura.md)."""

from simulacion.modelo.modelo import ModeloTerritorial

__all__ = ["ModeloTerritorial"]
