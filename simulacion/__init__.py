"""simulacion: alianzas público-privadas para el desarrollo económico local, en Mesa."""

from simulacion.api import simular

__all__ = ["simular"]
