"""El territorio: una grilla de Mesa cuyas celdas llevan las propiedades del espacio.

Capas (``PropertyLayer`` de Mesa, una matriz numpy por propiedad):

- ``potencial``: potencial productivo (suelos, pastos, clima), espacialmente correlacionado;
- ``recursos``: calidad de los recursos naturales;
- ``infra_vial``: caminos (índice 0–1), la da el AP y la PE en los proyectos;
- ``infra_productiva``: riego, electrificación, sanidad (índice 0–1);
- ``acceso``: acceso a mercados, derivado de la distancia al pueblo y de los caminos.

Fuente: docs/odd.md §2 (entidades y escalas); 003, "El desarrollo local: urbano y rural".
"""

from __future__ import annotations

import numpy as np
from mesa.discrete_space import OrthogonalMooreGrid, PropertyLayer

from simulacion.config import Economia, Territorio

CAPAS = ("potencial", "recursos", "infra_vial", "infra_productiva", "acceso")


def _campo_suave(rng: np.random.Generator, forma: tuple[int, int], pasadas: int = 3) -> np.ndarray:
    """Ruido blanco suavizado con promedios de vecindad: un campo con manchas (media 0, desvío 1)."""
    z = rng.normal(size=forma)
    for _ in range(pasadas):
        z = suma_vecindad(z) / 9
    return (z - z.mean()) / (z.std() + 1e-12)


def crear_grilla(rng: np.random.Generator, random, t: Territorio) -> OrthogonalMooreGrid:
    """Crea la grilla con sus capas iniciales; el pueblo-mercado queda en el centro."""
    forma = (t.ancho, t.alto)
    grilla = OrthogonalMooreGrid(forma, torus=False, random=random)
    potencial = np.clip(t.potencial_medio * (1 + t.potencial_dispersion * _campo_suave(rng, forma)), 0.2, 2.0)
    recursos = np.clip(t.recursos_medio + t.recursos_dispersion * _campo_suave(rng, forma), 0.0, 1.0)
    distancia = distancia_al_pueblo(forma)
    # Más infraestructura cerca del pueblo: las obras se concentran en lo urbano
    # (003, "El desarrollo local: urbano y rural").
    infra = np.clip(t.infraestructura_inicial * (1.3 - 0.6 * distancia / distancia.max()), 0.0, 1.0)
    for nombre, datos in (
        ("potencial", potencial),
        ("recursos", recursos),
        ("infra_vial", infra.copy()),
        ("infra_productiva", infra.copy()),
        ("acceso", np.zeros(forma)),
    ):
        grilla.add_property_layer(PropertyLayer.from_data(nombre, datos.astype(float)))
    return grilla


def distancia_al_pueblo(forma: tuple[int, int]) -> np.ndarray:
    """Distancia euclídea de cada celda al pueblo-mercado (centro de la grilla)."""
    i, j = np.indices(forma)
    ci, cj = (forma[0] - 1) / 2, (forma[1] - 1) / 2
    return np.hypot(i - ci, j - cj)


def actualizar_acceso(grilla: OrthogonalMooreGrid, distancia: np.ndarray, t: Territorio, e: Economia) -> None:
    """Acceso a mercados = acceso base por cercanía al pueblo + efecto de los caminos (canal 2).

    003, "¿Qué es apoyo a la producción?": "al llegar las carreteras, llegan productos más
    competitivos..." — el acceso abre la exportación y también la competencia externa.
    """
    base = np.exp(-distancia / t.escala_acceso)
    grilla.acceso.data[:] = np.clip(base + e.efecto_vial_acceso * grilla.infra_vial.data * (1 - base), 0.0, 1.0)


def calidad_entorno(grilla: OrthogonalMooreGrid) -> np.ndarray:
    """Calidad del entorno para innovar: caminos, electricidad, sanidad (003, "Iniciar las acciones
    de promoción económica sin apoyo a la producción ...")."""
    return 0.5 * (grilla.infra_vial.data + grilla.infra_productiva.data)


def suma_vecindad(x: np.ndarray) -> np.ndarray:
    """Suma de cada celda y sus 8 vecinas (vecindad de Moore, sin toro), vectorizada."""
    n0, n1 = x.shape
    p = np.zeros((n0 + 2, n1 + 2), dtype=x.dtype)  # borde de ceros, como np.pad(x, 1) pero sin su costo fijo
    p[1:-1, 1:-1] = x
    return sum(p[1 + di : 1 + di + n0, 1 + dj : 1 + dj + n1] for di in (-1, 0, 1) for dj in (-1, 0, 1))
