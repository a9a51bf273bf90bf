"""simulacion: alianzas público-privadas para el desarrollo económico local, en Mesa.

``simulacion.simular`` se importa al usarse (PEP 562): ``import simulacion.barridos.analisis`` o el proceso
principal de un barrido en paralelo no cargan Mesa ni el modelo (docs/rendimiento.md).
"""

__all__ = ["simular"]


def __getattr__(nombre: str):
    if nombre == "simular":
        from simulacion.api import simular

        return simular
    raise AttributeError(f"el módulo 'simulacion' no tiene el atributo {nombre!r}")
