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

    def cupo_formalizacion(self) -> int:
        """Cuántas pymes informales puede formalizar este trimestre: lo contratado que su caja paga."""
        return int(min(self.por_formalizar, self.caja) // self.model.cfg.economia.costo_formalizacion)

    def formalizar(self, elegidas: np.ndarray) -> None:
        """Formaliza las pymes informales ``elegidas`` (``costo_formalizacion`` cada una): desde el
        trimestre siguiente pueden pedir crédito y cofinanciamiento (004)."""
        if not len(elegidas):
            return
        modelo, e = self.model, self.model.cfg.economia
        modelo.pymes.formalizar(elegidas)
        gasto = len(elegidas) * e.costo_formalizacion
        self.caja -= gasto
        self.por_formalizar -= gasto
        modelo.libro.registrar("compras", gasto)
        modelo.medicion.sumar("formalizaciones", len(elegidas))

    def cupo_servicio(self) -> int:
        """Cuántas pymes puede atender este trimestre: su caja / ``costo_servicio`` (capacidad limitada)."""
        return max(0, int(self.caja // self.model.cfg.economia.costo_servicio))

    def atender(self, elegidas: np.ndarray) -> None:
        """Atiende a las pymes ``elegidas`` (las sortea la población: primero innovadoras, luego otras
        según el acceso; :meth:`Agencia.repartir`) y paga el servicio.

        Sube la productividad de los atendidos y reduce su riesgo; la información circula
        ("Un territorio que aprende es un espacio que se caracteriza por una buena circulación
        de la información", 003).
        """
        if not len(elegidas):
            return
        modelo = self.model
        modelo.pymes.recibir_servicio(elegidas)
        gasto = len(elegidas) * modelo.cfg.economia.costo_servicio
        self.caja -= gasto
        modelo.libro.registrar("compras", gasto)

    @staticmethod
    def repartir(modelo: ModeloTerritorial) -> None:
        """Las agencias formalizan lo contratado y atienden, cada una a pymes que otra no atendió.

        Un solo sorteo para todas (O(n) en total, no una pasada por agencia): la población sortea
        tantas pymes distintas como suman los cupos, en el orden de un sorteo sucesivo sin reposición, y
        cada agencia, en su orden, toma las siguientes de su cupo (docs/odd.md §3, fase 3)."""
        agencias, pymes = modelo.agencias, modelo.pymes
        for agencia, elegidas in zip(
            agencias, pymes.sortear_informales_a_formalizar([a.cupo_formalizacion() for a in agencias]), strict=True
        ):
            agencia.formalizar(elegidas)
        for agencia, elegidas in zip(
            agencias, pymes.sortear_atencion([a.cupo_servicio() for a in agencias]), strict=True
        ):
            agencia.atender(elegidas)
