"""La entidad financiera: el crédito es suyo (límite, préstamo, cobranza, castigo, garantía)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from mesa.discrete_space import FixedAgent

if TYPE_CHECKING:
    from simulacion.modelo.modelo import ModeloTerritorial


class EntidadFinanciera(FixedAgent):
    """Caja rural o microfinanciera (003, rol d: "servicios financieros"; 000, sistema financiero local).

    Presta contra el capital del deudor; un fondo de garantía municipal amplía el monto que
    acepta prestar y cubre parte de los castigos ("fondos de crédito que apalanquen recursos
    privados").
    """

    def __init__(self, modelo: ModeloTerritorial, celda, indice: int) -> None:
        super().__init__(modelo)
        self.cell = celda
        self.indice = indice
        self.caja = modelo.cfg.territorio.capital_entidad_financiera
        self.fondo_garantia = 0.0
        # Condiciones que fija el taller por roles (:meth:`fijar_condiciones`); ``None``: las de
        # ``cfg.economia`` (el comportamiento de siempre).
        self.tasa_propia: float | None = None
        self.apalancamiento_propio: float | None = None
        self.acepta_garantia = True

    def fijar_condiciones(self, tasa: float | None, acepta_garantia: bool, apalancamiento: float | None) -> None:
        """Las condiciones de crédito que decide la entidad (003, roles del gobierno local, d: "servicios
        financieros"; "fondos de crédito que apalancen recursos privados, para que sean manejados por
        entidades financieras especializadas"): la tasa trimestral de su cartera, si
        acepta el fondo de garantía municipal y el límite de crédito (préstamo máximo / capital del
        deudor). ``None`` deja el valor de ``cfg.economia``."""
        if tasa is not None and not 0 < tasa <= 1:
            raise ValueError(f"la tasa trimestral debe estar entre 0 y 1 (tasa={tasa})")
        if apalancamiento is not None and not 0 <= apalancamiento <= 10:
            raise ValueError(f"el límite de crédito debe estar entre 0 y 10 veces el capital ({apalancamiento})")
        self.tasa_propia = tasa
        self.acepta_garantia = bool(acepta_garantia)
        self.apalancamiento_propio = apalancamiento

    @property
    def tasa(self) -> float:
        """La tasa trimestral de su cartera: la que fijó (:meth:`fijar_condiciones`) o la del esquema."""
        return self.model.cfg.economia.tasa_interes if self.tasa_propia is None else self.tasa_propia

    @property
    def apalancamiento(self) -> float:
        """Préstamo máximo / capital del deudor sin garantía."""
        e = self.model.cfg.economia
        return e.apalancamiento_maximo if self.apalancamiento_propio is None else self.apalancamiento_propio

    def recibir_garantia(self, monto: float) -> None:
        """El fondo de garantía o de crédito que aporta la promoción económica (003, rol d)."""
        self.fondo_garantia += monto

    def limite(self, i: int, garantizable: bool) -> float:
        """Monto máximo que presta hoy a la pyme ``i`` (sin atrasos, contra su capital). A una informal,
        nada (004: la informalidad deja a las microempresas fuera del crédito y los programas)."""
        e, pymes = self.model.cfg.economia, self.model.pymes
        if pymes.atraso[i] > 0 or pymes.informal[i]:
            return 0.0
        tope = self.apalancamiento + (e.apalancamiento_garantia if garantizable else 0.0)
        return max(0.0, min(tope * pymes.capital[i] - pymes.deuda[i], self.caja))

    def financiar(self, i: int, falta: float, garantizable: bool) -> bool:
        """Decide el préstamo de ``falta`` que pide la pyme ``i`` para su aporte a un proyecto.

        Con ``garantizable`` (proyecto concertado) y fondo suficiente, la garantía amplía el límite
        (003, rol d). Devuelve si prestó (el préstamo queda desembolsado).
        """
        e = self.model.cfg.economia
        garantia = (
            garantizable
            and self.acepta_garantia
            and self.model.cfg.canales.garantia
            and self.fondo_garantia >= e.cobertura_garantia * falta
        )
        if self.limite(i, garantia) < falta:
            return False
        self.prestar(i, falta, garantia)
        return True

    def prestar(self, i: int, monto: float, garantizado: bool) -> None:
        """Desembolsa ``monto`` a la pyme ``i`` con cuota fija; la tasa sube para innovar sin garantía."""
        e = self.model.cfg.economia
        tasa = self.tasa + (0.0 if garantizado else e.prima_riesgo_innovacion)
        self.caja -= monto
        cuota = monto * tasa / (1 - (1 + tasa) ** -e.plazo_prestamo)
        self.model.pymes.recibir_prestamo(i, monto, cuota, garantizado)
        self.model.medicion.sumar("credito_otorgado", monto)

    def cobrar(self, cobrado: float) -> None:
        """Recibe las cuotas que pagaron sus deudores este trimestre (:meth:`cobrar_carteras`)."""
        self.caja += cobrado

    def castigar(self, recuperado: float, perdido: float, perdido_garantizado: float) -> float:
        """Recupera lo que pudo de los deudores que salen; el fondo de garantía cubre parte del resto
        (:meth:`castigar_carteras`). Devuelve la deuda perdida (antes de la garantía)."""
        cubierto = min(self.fondo_garantia, perdido_garantizado * self.model.cfg.economia.cobertura_garantia)
        self.fondo_garantia -= cubierto
        self.caja += recuperado + cubierto
        self.model.libro.registrar("castigos", perdido - cubierto)
        return perdido

    @staticmethod
    def cobrar_carteras(modelo: ModeloTerritorial) -> None:
        """Cada entidad cobra las cuotas de sus deudores, a su tasa, con la caja del trimestre; lo impago
        es mora. Una pasada por la población para todas las carteras (O(n), no una por entidad)."""
        entidades = modelo.entidades
        cobrado = modelo.pymes.pagar_cuotas(np.array([f.tasa for f in entidades]))
        for entidad, monto in zip(entidades, cobrado, strict=True):
            entidad.cobrar(float(monto))

    @staticmethod
    def castigar_carteras(modelo: ModeloTerritorial, salen: np.ndarray) -> None:
        """Las pymes que salen (máscara) pagan lo que pueden a su entidad; cada entidad castiga el resto
        (una pasada por la población para todas las carteras)."""
        entidades = modelo.entidades
        por_entidad = zip(*modelo.pymes.liquidar_deudas(salen, len(entidades)), strict=True)
        for entidad, (recuperado, perdido, garantizado) in zip(entidades, por_entidad, strict=True):
            entidad.castigar(float(recuperado), float(perdido), float(garantizado))
