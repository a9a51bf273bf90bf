"""El exterior (no es un agente): demanda externa de productos nuevos, precios de fuera, clima.

(La *calidad del entorno* local para innovar —caminos, riego, sanidad— es otra cosa: está en
:func:`simulacion.modelo.territorio.calidad_entorno`.)

Fuente: docs/odd.md §2 (el exterior no es un agente); 003, ejemplo del queso (la demanda
de Lima como señal de mercado) y testimonio de Puno (precios de fuera más bajos).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from simulacion.config import Economia

if TYPE_CHECKING:
    from simulacion.modelo.azar import Azar


class Exterior:
    """Señales externas que se mueven cada trimestre con sus flujos de azar (``mercados``, ``clima``):
    las mismas con toda estrategia."""

    def __init__(self, azar: Azar, e: Economia) -> None:
        self.azar = azar
        self.e = e
        self.demanda = e.demanda_externa_inicial
        self.precio_externo = e.precio_externo_tradicional
        self.severidad_choque = 0.0
        self.ultimo_precio_nuevo = e.precio_innovador
        self.demanda_local = 0.0  # la fija el modelo con la oferta tradicional inicial
        self._ingreso_base: float | None = None  # ingreso de referencia del mercado local (primer trimestre)
        self._demanda_base = 0.0
        self._ingreso_medio = 0.0

    def fijar_demanda_local(self, oferta_tradicional_inicial: float) -> None:
        """Los hogares del territorio compran, al inicio, la oferta tradicional al precio de referencia."""
        self.demanda_local = oferta_tradicional_inicial

    def avanzar(self) -> None:
        """Paso 1 del calendario: la demanda externa crece hacia su techo con ruido, el precio de fuera
        se acerca a su nivel de largo plazo, y puede caer un choque climático.

        Largo plazo (docs/odd.md §7): la demanda externa crece de forma logística hasta
        ``techo_demanda`` veces la inicial (el segmento de Lima que compra queso no crece para
        siempre, 003 PE punto b) y ahí fluctúa; el precio de fuera de los tradicionales baja hacia
        ``precio_externo_largo_plazo`` y ahí se queda ("el pollo está llegando a todos los
        pueblitos": un cambio de nivel al integrarse los mercados, no una caída para siempre).
        """
        e = self.e
        # Con techo 1 no hay crecimiento; una tendencia negativa no se acelera (freno acotado a [0, 1]).
        relativo = max(self.demanda, 1e-12) / max(e.demanda_externa_inicial, 1e-12)
        freno = float(np.clip(1 - np.log(relativo) / np.log(e.techo_demanda), 0.0, 1.0)) if e.techo_demanda > 1 else 0.0
        self.demanda *= float(
            np.exp(e.crecimiento_demanda * freno + e.volatilidad_demanda * self.azar.flujo("mercados").normal())
        )
        piso = e.precio_externo_largo_plazo
        # Con tendencia positiva la brecha crece (se aleja del nivel); un precio no baja de 0.
        self.precio_externo = max(0.0, piso + (self.precio_externo - piso) * (1 + e.tendencia_precio_externo))
        self.sortear_choque()

    def sortear_choque(self) -> None:
        """Un choque climático (sequía, helada) de severidad aleatoria, o ninguno."""
        e = self.e
        clima = self.azar.flujo("clima")
        hay_choque = clima.random() < e.probabilidad_choque
        self.severidad_choque = float(e.severidad_choque * clima.uniform(0.5, 1.5)) if hay_choque else 0.0

    def seguir_ingreso(self, ingreso: float) -> None:
        """La demanda local de productos tradicionales sigue al ingreso del territorio.

        Los hogares (productores y sus familias) gastan en el pueblo parte de lo que ganan: cuando el
        territorio vende más (también afuera: queso, café), compran más carne, papa y maíz del lugar;
        cuando se descompone, el mercado local se achica con él. 003, "El desarrollo local: urbano y
        rural": "mejorar la interrelación campo-ciudad buscando la complementariedad, ...
        desarrollando mercados". Con ``elasticidad_ingreso_local`` 0 la demanda local queda fija.
        """
        if self._ingreso_base is None:
            self._ingreso_base, self._demanda_base, self._ingreso_medio = ingreso, self.demanda_local, ingreso
        self._ingreso_medio += 0.25 * (ingreso - self._ingreso_medio)  # promedio móvil (≈ un año)
        relativo = self._ingreso_medio / max(self._ingreso_base, 1e-9)
        self.demanda_local = self._demanda_base * relativo**self.e.elasticidad_ingreso_local

    def anclar_mercado_local(self) -> None:
        """El ingreso y la demanda local de ahora son la referencia (al terminar la prehistoria)."""
        if self._ingreso_base is not None:
            self._ingreso_base, self._demanda_base = self._ingreso_medio, self.demanda_local

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
