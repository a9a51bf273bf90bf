"""El exterior (no es un agente): demanda externa de productos nuevos, precios de fuera, clima.

(La *calidad del entorno* local para innovar —caminos, riego, sanidad— es otra cosa: está en
:func:`simulacion.modelo.territorio.calidad_entorno`.)

Fuente: docs/odd.md §2 (el exterior no es un agente); 003, ejemplo del queso (la demanda
de Lima como señal de mercado) y testimonio de Puno (precios de fuera más bajos).
"""

from __future__ import annotations

import numpy as np

from simulacion.config import Economia


class Exterior:
    """Señales externas que se mueven cada trimestre con el generador del modelo."""

    def __init__(self, rng: np.random.Generator, e: Economia) -> None:
        self.rng = rng
        self.e = e
        self.demanda = e.demanda_externa_inicial
        self.precio_externo = e.precio_externo_tradicional
        self.severidad_choque = 0.0
        self.ultimo_precio_nuevo = e.precio_innovador
        self.demanda_local = 0.0  # la fija el modelo con la oferta tradicional inicial

    def fijar_demanda_local(self, oferta_tradicional_inicial: float) -> None:
        """Los hogares del territorio compran, al inicio, la oferta tradicional al precio de referencia."""
        self.demanda_local = oferta_tradicional_inicial

    def avanzar(self) -> None:
        """Paso 1 del calendario: la demanda externa crece con ruido, el precio de fuera baja,
        y puede caer un choque climático (sequía, helada) de severidad aleatoria."""
        e = self.e
        self.demanda *= float(np.exp(e.crecimiento_demanda + e.volatilidad_demanda * self.rng.normal()))
        self.precio_externo *= 1 + e.tendencia_precio_externo
        hay_choque = self.rng.random() < e.probabilidad_choque
        self.severidad_choque = float(e.severidad_choque * self.rng.uniform(0.5, 1.5)) if hay_choque else 0.0

    def precio_nuevo(self, oferta: float) -> float:
        """Precio de los productos nuevos fuera: cae cuando la oferta local supera la demanda.

        La demanda es una cantidad por trimestre ("media tonelada de queso por mes ... a x precio",
        003, PE punto b); con elasticidad constante, el precio se acota entre 30 % y 150 % del de
        referencia.
        """
        e = self.e
        relativo = (self.demanda / max(oferta, 1e-9)) ** (1 / e.elasticidad_demanda)
        self.ultimo_precio_nuevo = float(e.precio_innovador * np.clip(relativo, 0.3, 1.5))
        return self.ultimo_precio_nuevo

    def saturacion_local(self, oferta_tradicional: float) -> float:
        """Factor del precio tradicional por el tamaño del mercado local (hogares del territorio):
        más oferta tradicional que demanda local baja el precio (acotado entre 0,5 y 1,5)."""
        if self.demanda_local <= 0:
            return 1.0
        relativo = (self.demanda_local / max(oferta_tradicional, 1e-9)) ** (1 / self.e.elasticidad_mercado_local)
        return float(np.clip(relativo, 0.5, 1.5))
