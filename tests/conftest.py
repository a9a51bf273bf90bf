"""Utilidades comunes de las pruebas."""

from __future__ import annotations

import numpy as np
import pytest

from simulacion.config import Configuracion
from simulacion.estrategias import estrategias
from simulacion.modelo import ModeloTerritorial

# Nombre → (AP, PE), de configs/estrategia/ (simulacion/estrategias.py).
ESTRATEGIAS = {nombre: (e.apoyo_produccion, e.promocion_economica) for nombre, e in estrategias().items()}


def configuracion(
    semilla: int = 0, ap: float = 0.45, pe: float = 0.45, prehistoria: int | None = None, **territorio
) -> Configuracion:
    """Configuración por defecto con intensidades, prehistoria (trimestres) y territorio ajustables."""
    cfg = Configuracion(semilla=semilla)
    if prehistoria is not None:
        cfg.economia.trimestres_prehistoria = prehistoria
    cfg.estrategia.apoyo_produccion = ap
    cfg.estrategia.promocion_economica = pe
    for clave, valor in territorio.items():
        setattr(cfg.territorio, clave, valor)
    return cfg


def modelo(
    semilla: int = 0, ap: float = 0.45, pe: float = 0.45, pasos: int = 0, prehistoria: int | None = None, **territorio
) -> ModeloTerritorial:
    """Modelo construido (y avanzado ``pasos`` trimestres)."""
    m = ModeloTerritorial(configuracion(semilla, ap, pe, prehistoria, **territorio))
    for _ in range(pasos):
        m.step()
    return m


@pytest.fixture
def rng():
    return np.random.default_rng(12345)
