"""Proponer iniciativas que responden a una señal de mercado, financiarlas solas e innovar."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from simulacion.modelo import ModeloTerritorial


class Innovacion:
    """Proponer iniciativas que responden a una señal de mercado, financiarlas solas e innovar.

    Parte de :class:`~simulacion.modelo.pymes.Pymes`, la dueña de los arreglos; va aparte para que
    cada archivo tenga un tema."""

    modelo: ModeloTerritorial

    def proponer(self, precio_nuevo: float) -> np.ndarray:
        """Pymes tradicionales con una iniciativa de innovación que responde a una señal de mercado.

        003, PE punto a: "La existencia de iniciativas privadas ... para aprovechar un potencial
        negocio"; punto b: "Responde a señales del mercado". La probabilidad de tener la idea crece
        con los pares innovadores y la información de las agencias ("Los territorios que aprenden")
        y con la apertura a conocimientos de fuera ("CUIDADO": una coordinación muy cerrada ...).
        Devuelve los índices de las pymes que proponen un proyecto rentable a sus ojos.
        """
        modelo, e, t = self.modelo, self.modelo.cfg.economia, self.modelo.cfg.territorio
        senal = np.clip(precio_nuevo / e.precio_innovador, 0.0, 2.0)
        aprendizaje = float(modelo.cfg.canales.aprendizaje)  # canal 3: pares e información (1 o 0)
        prob = (
            t.emprendimiento
            * senal
            * (
                e.probabilidad_idea_base
                + aprendizaje * e.efecto_pares * self.fraccion_innovadora_vecindad()
                + aprendizaje * e.efecto_informacion * self.servicio
                + e.efecto_apertura * t.apertura
            )
        )
        idea = ~self.innovadora & (modelo.azar.uniformes_por_pyme("ideas", self.ids) < prob)
        # Rentabilidad esperada: la pyme compara su precio actual con el de un producto nuevo
        # (subestima el riesgo del entorno: el optimismo del innovador, 003 "innova y arriesga").
        acceso = self.de_celda(modelo.grilla.acceso.data)
        ganancia_extra = self.produccion * (
            self.precio_puesto_fuera(precio_nuevo, acceso) * e.prima_innovacion - self.precio_protegido(acceso)
        )
        rentable = ganancia_extra * e.horizonte_proyecto > e.costo_proyecto
        return np.flatnonzero(idea & rentable)

    def emprender_sin_concertacion(self, propuestas: np.ndarray, cofinanciadas: set[int]) -> None:
        """Las propuestas que la mesa no cofinanció intentan financiarse solas (caja y crédito sin
        garantía): "la existencia de iniciativas privadas" no depende de la municipalidad (003, PE a)."""
        costo = self.modelo.cfg.economia.costo_proyecto
        for i in propuestas:
            if i not in cofinanciadas and self.comprometer_aporte(i, costo, False):
                self.innovar(i, 0.0)
                self.modelo.medicion.sumar("proyectos_privados", 1)

    def innovar(self, i: int, aporte_publico: float) -> None:
        """La pyme ``i`` ejecuta su proyecto con su caja (que ya incluye crédito y aporte público):
        compra capital y pasa a ser innovadora."""
        modelo, e = self.modelo, self.modelo.cfg.economia
        self.caja[i] -= e.costo_proyecto
        self.capital[i] += e.costo_proyecto
        self.innovadora[i] = True
        self.cofinanciada[i] = aporte_publico > 0
        modelo.libro.registrar("compras", e.costo_proyecto)
        modelo.medicion.sumar("inversion_privada", e.costo_proyecto - aporte_publico)
