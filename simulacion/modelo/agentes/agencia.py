"""La agencia de desarrollo: servicios con capacidad limitada."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from mesa.discrete_space import FixedAgent

if TYPE_CHECKING:
    from simulacion.modelo.modelo import ModeloTerritorial


class Agencia(FixedAgent):
    """Agencia de desarrollo o proveedor de servicios: asistencia técnica, capacitación, sanidad,
    información de mercados (003, PE punto e; 000, agencias de desarrollo). Capacidad limitada."""

    def __init__(self, modelo: ModeloTerritorial, celda) -> None:
        super().__init__(modelo)
        self.cell = celda
        self.caja = 0.0
        self.por_formalizar = 0.0  # de su caja, lo contratado por la PE para formalizar pymes

    def recibir_transferencia(self) -> None:
        """Financiamiento de niveles superiores (programas nacionales, ONG)."""
        monto = self.model.cfg.territorio.transferencias_agencias
        self.caja += monto
        self.model.libro.registrar("transferencias", monto)

    def recibir_contrato(self, monto: float) -> None:
        """Servicios que contrata la promoción económica, "temporal y subsidiariamente" (003, PE punto e)."""
        self.caja += monto

    def recibir_contrato_formalizacion(self, monto: float) -> None:
        """La PE contrata la formalización de pymes informales (004: acompañamiento a emprendedores
        informales "para fomentar una economía local transparente")."""
        self.caja += monto
        self.por_formalizar += monto

    def formalizar(self) -> None:
        """Formaliza, al azar, tantas pymes informales como paga lo contratado (``costo_formalizacion``
        cada una): desde el trimestre siguiente pueden pedir crédito y cofinanciamiento (004)."""
        modelo, e, pymes = self.model, self.model.cfg.economia, self.model.pymes
        cupo = int(min(self.por_formalizar, self.caja) // e.costo_formalizacion)
        informales = np.flatnonzero(pymes.informal)
        if cupo <= 0 or len(informales) == 0:
            return
        elegidas = modelo.rng.choice(informales, size=min(cupo, len(informales)), replace=False)
        pymes.formalizar(elegidas)
        gasto = len(elegidas) * e.costo_formalizacion
        self.caja -= gasto
        self.por_formalizar -= gasto
        modelo.libro.registrar("compras", gasto)
        modelo.medicion.sumar("formalizaciones", len(elegidas))

    def atender(self, disponibles: np.ndarray) -> np.ndarray:
        """Atiende hasta su capacidad, primero a las innovadoras, luego a otras según el acceso.

        Sube la productividad de los atendidos y reduce su riesgo; la información circula
        ("Un territorio que aprende es un espacio que se caracteriza por una buena circulación
        de la información", 003). Devuelve la máscara de atendidas.
        """
        modelo, e, pymes = self.model, self.model.cfg.economia, self.model.pymes
        cupo = int(self.caja // e.costo_servicio)
        candidatas = np.flatnonzero(disponibles)
        if cupo <= 0 or len(candidatas) == 0:
            return np.zeros(len(pymes), dtype=bool)
        peso = (
            pymes.de_celda(modelo.grilla.acceso.data)[candidatas]
            + e.prioridad_innovadoras_servicio * pymes.innovadora[candidatas]
            + 1e-6
        )
        elegidas = modelo.rng.choice(candidatas, size=min(cupo, len(candidatas)), replace=False, p=peso / peso.sum())
        pymes.recibir_servicio(elegidas)
        gasto = len(elegidas) * e.costo_servicio
        self.caja -= gasto
        modelo.libro.registrar("compras", gasto)
        atendidas = np.zeros(len(pymes), dtype=bool)
        atendidas[elegidas] = True
        return atendidas
