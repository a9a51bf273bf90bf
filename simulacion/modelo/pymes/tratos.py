"""Lo que otros actores les hacen: crédito, servicios, cofinanciamiento, subsidios, confianza."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from simulacion.modelo.territorio import suma_vecindad

if TYPE_CHECKING:
    from simulacion.modelo import ModeloTerritorial


MODOS_APORTE = ("credito", "caja", "ninguno")  # Tratos.fijar_aporte_concertado


class Tratos:
    """Lo que otros actores les hacen: crédito, servicios, cofinanciamiento, subsidios, confianza.

    Parte de :class:`~simulacion.modelo.pymes.Pymes`, la dueña de los arreglos; va aparte para que
    cada archivo tenga un tema."""

    modelo: ModeloTerritorial

    def recibir_prestamo(self, i: int, monto: float, cuota: float, garantizado: bool) -> None:
        """La pyme ``i`` recibe un préstamo de ``monto`` con cuota trimestral ``cuota``."""
        self.caja[i] += monto
        self.deuda[i] += monto
        self.cuota[i] += cuota
        self.garantizada[i] |= garantizado

    def fijar_aporte_concertado(self, modo: str) -> None:
        """Lo que la asociación de productores decide para los proyectos que van a la mesa (003, PE
        punto c: "Luego de definir las inversiones necesarias y el aporte del sector privado"; punto d:
        la inversión pública sólo "cuando se tenga asegurado, concertado, inversiones privadas"):

        - ``"credito"`` (por defecto): los socios ponen su parte con caja y, si falta, con crédito;
        - ``"caja"``: sólo con su caja (no se endeudan por un proyecto concertado);
        - ``"ninguno"``: no presentan proyectos a la mesa (:meth:`propuestas_a_la_mesa`); quien tiene una
          idea intenta financiarla solo.
        """
        if modo not in MODOS_APORTE:
            raise ValueError(f"aporte concertado desconocido: {modo!r} (se espera uno de {', '.join(MODOS_APORTE)})")
        self.aporte_concertado = modo

    def propuestas_a_la_mesa(self, propuestas: np.ndarray) -> np.ndarray:
        """Las propuestas que la asociación lleva a la mesa de concertación: todas, salvo que decidió
        no presentar ninguna (:meth:`fijar_aporte_concertado`)."""
        return propuestas[:0] if self.aporte_concertado == "ninguno" else propuestas

    def pagar_cuotas(self, tasas: np.ndarray) -> np.ndarray:
        """Los deudores pagan su cuota con la caja del trimestre; la deuda devenga la tasa de su entidad
        (``tasas[banco]``); lo impago suma un trimestre de atraso. Devuelve lo cobrado por entidad."""
        mios = self.deuda > 0
        if not mios.any():
            return np.zeros(len(tasas))
        adeudado = self.deuda[mios] * (1 + tasas[self.banco[mios]])
        pago = np.minimum(np.minimum(self.cuota[mios], np.maximum(self.caja[mios], 0.0)), adeudado)
        self.caja[mios] -= pago
        self.deuda[mios] = adeudado - pago
        self.atraso[mios] = np.where(pago < np.minimum(self.cuota[mios], adeudado) - 1e-9, self.atraso[mios] + 1, 0)
        saldadas = mios & (self.deuda < 1e-6)
        self.deuda[saldadas] = 0.0
        self.cuota[saldadas] = 0.0
        self.garantizada[saldadas] = False
        return np.bincount(self.banco[mios], weights=pago, minlength=len(tasas))

    def liquidar_deudas(self, salen: np.ndarray, entidades: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Las que salen (máscara) pagan a su entidad lo que su caja alcanza; el resto se pierde.
        Devuelve, por entidad, (recuperado, perdido, perdido de deudas garantizadas)."""
        mios = salen & (self.deuda > 0)
        recuperado = np.minimum(self.caja[mios], self.deuda[mios])
        self.caja[mios] -= recuperado
        perdido = self.deuda[mios] - recuperado
        self.deuda[mios] = 0.0
        banco = self.banco[mios]
        return tuple(
            np.bincount(banco, weights=w, minlength=entidades)
            for w in (recuperado, perdido, perdido * self.garantizada[mios])
        )

    def comprometer_aporte(self, i: int, monto: float, garantizable: bool) -> bool:
        """La pyme ``i`` compromete ``monto``: con su caja y, si falta, pidiendo el resto a su entidad
        financiera (que decide; con ``garantizable`` puede usar el fondo de garantía, 003 rol d).
        Devuelve si el aporte quedó comprometido (el préstamo, si hizo falta, ya desembolsado).

        En un proyecto concertado (``garantizable``) manda lo que decidió la asociación
        (:meth:`fijar_aporte_concertado`): con ``"caja"`` los socios no se endeudan por su parte."""
        falta = monto - self.caja[i]
        if falta <= 0:
            return True
        if garantizable and self.aporte_concertado != "credito":
            return False
        return self.modelo.entidades[self.banco[i]].financiar(i, falta, garantizable)

    def recibir_servicio(self, elegidas: np.ndarray) -> None:
        """Asistencia técnica, sanidad, información: sube la productividad hacia la máxima y deja el
        servicio vigente (reduce el riesgo de eventos adversos; 003, PE punto e)."""
        e = self.modelo.cfg.economia
        if not self.modelo.cfg.canales.servicios:  # sin el canal, el servicio se paga pero no sirve
            return
        self.servicio[elegidas] = 1.0
        self.productividad[elegidas] += e.mejora_servicio * (e.productividad_maxima - self.productividad[elegidas])

    def diluir_servicios(self) -> None:
        """El efecto de un servicio se diluye en unos trimestres (``persistencia_servicio``)."""
        self.servicio *= self.modelo.cfg.economia.persistencia_servicio

    def recibir_cofinanciamiento(self, i: int, publico: float) -> None:
        """La parte pública de un proyecto concertado llega a la pyme ``i``, que lo ejecuta."""
        self.caja[i] += publico
        self.innovar(i, publico)
        self.cofinanciada_en[i] = self.modelo.steps

    def perder_cofinanciamiento(self, trimestre: int, ejecucion: int) -> None:
        """Cofinanciamiento interrumpido (una gestión nueva no reconoce los compromisos, 002): un proyecto
        cofinanciado hace menos de ``ejecucion`` trimestres sigue en obra, y la parte pública que faltaba
        (1 − (edad + 1) / ``ejecucion`` de lo público) no llega: la pyme pierde ese capital y su
        confianza, y el compromiso roto se ve en la vecindad como un fracaso (la regla de
        :meth:`actualizar_confianza`, 003: la concertación "está asociada con la construcción de la
        confianza")."""
        e, s = self.modelo.cfg.economia, self.modelo.cfg.estrategia
        edad = trimestre - self.cofinanciada_en
        en_obra = np.flatnonzero((self.cofinanciada_en > 0) & (edad < ejecucion))
        falta = (1 - (edad[en_obra] + 1) / ejecucion) * s.pe_cofinanciamiento * e.costo_proyecto
        self.capital[en_obra] = np.maximum(self.capital[en_obra] - falta, 0.0)
        for i in en_obra:
            self.perder_confianza(i, e.perdida_confianza)
        if len(en_obra) and self.modelo.cfg.canales.confianza:
            rotos = np.zeros(len(self))
            rotos[en_obra] = 1.0
            visto = np.tanh(self.de_celda(suma_vecindad(self.por_celda(rotos))))
            self.confianza -= e.perdida_confianza * self.confianza * visto

    def sortear_atencion(self, cupos: list[int]) -> list[np.ndarray]:
        """Qué pymes atiende cada agencia (``cupos``, en el orden de las agencias): primero las
        innovadoras (``prioridad_innovadoras_servicio``), luego otras según el acceso (003, PE punto e).
        Una pyme la atiende a lo sumo una agencia."""
        e = self.modelo.cfg.economia
        peso = self.de_celda(self.modelo.grilla.acceso.data) + e.prioridad_innovadoras_servicio * self.innovadora + 1e-6
        return repartir(self.sorteo_sin_reposicion(peso, sum(cupos), "servicios"), cupos)

    def sortear_informales_a_formalizar(self, cupos: list[int]) -> list[np.ndarray]:
        """Qué pymes informales formaliza cada agencia (``cupos``), al azar y sin repetir (004)."""
        informales = np.flatnonzero(self.informal)
        k = min(sum(cupos), len(informales))
        if k <= 0:
            return repartir(informales[:0], cupos)
        orden = np.argsort(self.modelo.azar.uniformes_por_pyme("formalizacion", self.ids[informales]), kind="stable")
        return repartir(informales[orden[:k]], cupos)

    def sorteo_sin_reposicion(self, peso: np.ndarray, k: int, proceso: str) -> np.ndarray:
        """``k`` filas distintas con probabilidad proporcional a ``peso``, en el orden en que saldrían de
        un sorteo sucesivo sin reposición: la clave ``log(u) / peso`` de Efraimidis y Spirakis (2006),
        con ``u`` el número de cada pyme en el flujo de ``proceso``; las ``k`` mayores de mayor a menor.
        Una pasada por la población, cualquiera sea ``k``."""
        k = min(k, len(peso))
        if k <= 0:
            return np.zeros(0, dtype=np.int64)
        clave = np.log(self.modelo.azar.uniformes_por_pyme(proceso, self.ids)) / peso
        mejores = np.argpartition(-clave, k - 1)[:k]
        return mejores[np.argsort(-clave[mejores], kind="stable")]

    def formalizar(self, indices: np.ndarray) -> None:
        """Las pymes ``indices`` quedan formales (004): desde ahora califican a crédito y cofinanciamiento."""
        self.informal[indices] = False

    def recibir_subsidio(self, indices: np.ndarray, monto: float) -> None:
        """Servicios que no pagan (el mercado municipal subsidiado, 003 Caso II): ``monto`` cada una."""
        self.caja[indices] += monto

    def ocupar_puestos(self, indices: np.ndarray) -> None:
        """Las pymes ``indices`` son este trimestre las inquilinas del mercado municipal (003, Caso II):
        venden ahí, no a los comerciantes privados."""
        self.inquilina[:] = False
        self.inquilina[indices] = True

    def cuota_mercado_municipal(self) -> float:
        """Fracción de las ventas de las pymes que pasa por el mercado municipal (0 si no hay)."""
        total = float(self.ventas.sum())
        return float(self.ventas[self.inquilina].sum()) / total if total > 0 else 0.0

    def pagar_alquiler(self, indices: np.ndarray, alquiler: float) -> float:
        """Pagan hasta ``alquiler`` cada una, si su caja alcanza; devuelve lo pagado."""
        pago = np.minimum(alquiler, np.maximum(self.caja[indices], 0.0))
        self.caja[indices] -= pago
        return float(pago.sum())

    def perder_confianza(self, i: int, monto: float) -> None:
        """La confianza de la pyme ``i`` cae ``monto`` (sin bajar de 0); con ``canales.confianza``
        apagado la confianza no se mueve (canal 5)."""
        if self.modelo.cfg.canales.confianza:
            self.confianza[i] = max(0.0, self.confianza[i] - monto)

    def sufrir_apropiacion(self, i: int) -> None:
        """Un operador grande se queda con el negocio innovador de la pyme ``i`` (002): la pyme vuelve
        a lo tradicional y desconfía."""
        self.innovadora[i] = False
        self.perder_confianza(i, self.modelo.cfg.economia.perdida_confianza)

    def actualizar_confianza(
        self, aprobadas: np.ndarray, fracasos: np.ndarray, captura: float, obras: np.ndarray
    ) -> None:
        """La confianza crece con compromisos cumplidos a la vista (proyectos cofinanciados y obras AP
        entregadas en la vecindad, por celda en ``aprobadas`` y ``obras``) y cae con fracasos visibles
        (``fracasos``) y con la captura (003, "La construcción de mecanismos de participación y
        concertación está asociada con la construcción de la confianza"); vuelve despacio a la
        confianza inicial del territorio. Así una municipalidad que cumple sus obras puede abrir la
        mesa en un territorio desconfiado, y una que sólo promete proyectos no (F8)."""
        if not len(self) or not self.modelo.cfg.canales.confianza:
            return
        e, t = self.modelo.cfg.economia, self.modelo.cfg.territorio
        # compromisos cumplidos a la vista: proyectos cofinanciados y obras AP entregadas en la vecindad
        buenas = np.tanh(self.de_celda(suma_vecindad(aprobadas)))
        buenas = buenas + e.confianza_por_obras * np.tanh(self.de_celda(suma_vecindad(obras)))
        malas = np.tanh(self.de_celda(suma_vecindad(fracasos)))
        c = self.confianza
        c += e.ganancia_confianza * (1 - c) * buenas - e.perdida_confianza * c * (malas + captura)
        c += e.retorno_confianza * (t.confianza_inicial - c)
        np.clip(c, 0.0, 1.0, out=c)


def repartir(elegidas: np.ndarray, cupos: list[int]) -> list[np.ndarray]:
    """Parte ``elegidas`` (en su orden) en tramos de ``cupos``; si no alcanzan, los últimos quedan cortos."""
    return np.split(elegidas, np.cumsum(cupos)[:-1]) if cupos else []
