"""simulacion: alianzas público-privadas para el desarrollo económico local, en Mesa.

``simulacion.simular`` (una corrida) y ``simulacion.experimentar`` (un barrido) se importan al usarse
(PEP 562): ``import simulacion.barridos.analisis`` o el proceso principal de un barrido en paralelo no
cargan Mesa ni el modelo (docs/rendimiento.md).
"""

__all__ = ["experimentar", "simular"]


def __getattr__(nombre: str):
    if nombre == "simular":
        from simulacion.api import simular

        return simular
    if nombre == "experimentar":
        from simulacion.barridos.experimentar import experimentar

        return experimentar
    raise AttributeError(f"el módulo 'simulacion' no tiene el atributo {nombre!r}")
