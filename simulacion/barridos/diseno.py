"""Diseños de experimentos que no son una grilla de Hydra (Morris, Sobol, hipercubo) del lado del barrido.

Un diseño de Morris no se puede escribir como producto cartesiano, así que el barrido de Hydra
recorre un índice (``muestreo.indice=range(...)``) y cada trabajo toma su fila del diseño
(:func:`simulacion.config.muestreo.aplicar_muestreo`, que la corrida aplica sin importar este
paquete). Aquí se cuenta el diseño: cuántas corridas pide (``trayectorias × (k + 1)``, también como
resolvedor ``${corridas_morris:T,P}`` de la configuración; ``${corridas_sobol:N,P}`` = ``N × (k + 2)``
para Sobol) y qué trayectorias de un barrido están completas (:mod:`.sensibilidad`).
"""

from __future__ import annotations

from collections.abc import Collection, Sized
from typing import Any

from omegaconf import OmegaConf

from simulacion.config import Muestreo


def corridas(trayectorias: int, n_parametros: int) -> int:
    """Corridas de un diseño de Morris: ``trayectorias × (parámetros + 1)``."""
    return int(trayectorias) * (int(n_parametros) + 1)


def corridas_morris(muestreo: Muestreo) -> int:
    """Número de corridas del diseño de ``muestreo``."""
    return corridas(muestreo.trayectorias, len(muestreo.parametros))


def inicios_completos(muestreo: Muestreo, indices_corridos: Collection[int]) -> list[int]:
    """Primera fila de cada trayectoria cuyas ``k + 1`` filas están todas en ``indices_corridos``."""
    largo = len(muestreo.parametros) + 1
    return [
        t * largo
        for t in range(muestreo.trayectorias)
        if all(i in indices_corridos for i in range(t * largo, (t + 1) * largo))
    ]


def _resolvedor_corridas_morris(trayectorias: Any, parametros: Sized) -> int:
    return corridas(trayectorias, len(parametros))


def _resolvedor_corridas_sobol(muestras: Any, parametros: Sized) -> int:
    return int(muestras) * (len(parametros) + 2)


def registrar_resolvedores() -> None:
    """``${corridas_morris:T,P}`` = T × (número de parámetros + 1), de experimento=sensibilidad, y
    ``${corridas_sobol:N,P}`` = N × (número de parámetros + 2), de experimento=sobol."""
    if not OmegaConf.has_resolver("corridas_morris"):
        OmegaConf.register_new_resolver("corridas_morris", _resolvedor_corridas_morris)
    if not OmegaConf.has_resolver("corridas_sobol"):
        OmegaConf.register_new_resolver("corridas_sobol", _resolvedor_corridas_sobol)
