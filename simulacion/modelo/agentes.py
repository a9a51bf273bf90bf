"""Los actores del territorio como agentes Mesa: una clase pequeña por actor.

El estado de las pymes vive en :mod:`simulacion.modelo.pymes` (arreglos); la clase :class:`Pyme`
es su identidad en el espacio. Los demás actores son pocos y se escriben agente por agente.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from mesa.discrete_space import FixedAgent

from simulacion.modelo.territorio import actualizar_acceso

if TYPE_CHECKING:
    from simulacion.modelo import ModeloTerritorial


class Pyme(FixedAgent):
    """Pequeño productor, micro o pequeña empresa, asociación (003, "El rol de los innovadores").

    Su estado está en la fila ``fila`` de ``modelo.pymes``; las propiedades lo exponen.
    """

    def __init__(self, modelo: ModeloTerritorial, celda) -> None:
        super().__init__(modelo)
        self.cell = celda

    @property
    def fila(self) -> int:
        """Fila de esta pyme en ``modelo.pymes`` (cambia cuando salen pymes anteriores)."""
        return self.model.pymes.fila_de(self.unique_id)

    @property
    def innovadora(self) -> bool:
        return bool(self.model.pymes.innovadora[self.fila])

    @property
    def capital(self) -> float:
        return float(self.model.pymes.capital[self.fila])

    @property
    def tipo(self) -> str:
        return "innovadora" if self.innovadora else "tradicional"


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

    def limite(self, i: int, garantizable: bool) -> float:
        """Monto máximo que presta hoy a la pyme ``i`` (sin atrasos, contra su capital)."""
        e, p = self.model.cfg.economia, self.model.pymes
        if p.atraso[i] > 0:
            return 0.0
        tope = e.apalancamiento_maximo + (e.apalancamiento_garantia if garantizable else 0.0)
        return max(0.0, min(tope * p.capital[i] - p.deuda[i], self.caja))

    def prestar(self, i: int, monto: float, garantizado: bool) -> None:
        """Desembolsa ``monto`` a la pyme ``i`` con cuota fija; la tasa sube para innovar sin garantía."""
        e, p, m = self.model.cfg.economia, self.model.pymes, self.model
        tasa = e.tasa_interes + (0.0 if garantizado else e.prima_riesgo_innovacion)
        self.caja -= monto
        p.caja[i] += monto
        p.deuda[i] += monto
        p.cuota[i] += monto * tasa / (1 - (1 + tasa) ** -e.plazo_prestamo)
        p.garantizada[i] |= garantizado
        m.medicion["credito_otorgado"] += monto

    def cobrar(self) -> None:
        """Cobra las cuotas de sus deudores con la caja del trimestre; lo impago es mora."""
        e, p = self.model.cfg.economia, self.model.pymes
        mios = (p.banco == self.indice) & (p.deuda > 0)
        if not mios.any():
            return
        adeudado = p.deuda[mios] * (1 + e.tasa_interes)
        pago = np.minimum(np.minimum(p.cuota[mios], np.maximum(p.caja[mios], 0.0)), adeudado)
        p.caja[mios] -= pago
        p.deuda[mios] = adeudado - pago
        p.atraso[mios] = np.where(pago < np.minimum(p.cuota[mios], adeudado) - 1e-9, p.atraso[mios] + 1, 0)
        saldadas = mios & (p.deuda < 1e-6)
        p.deuda[saldadas] = 0.0
        p.cuota[saldadas] = 0.0
        p.garantizada[saldadas] = False
        self.caja += float(pago.sum())

    def castigar(self, salen: np.ndarray) -> float:
        """Recupera lo que puede de los deudores que salen; el fondo de garantía cubre parte del resto."""
        e, p, m = self.model.cfg.economia, self.model.pymes, self.model
        mios = salen & (p.banco == self.indice) & (p.deuda > 0)
        recuperado = np.minimum(p.caja[mios], p.deuda[mios])
        p.caja[mios] -= recuperado
        perdido = p.deuda[mios] - recuperado
        cubierto = min(self.fondo_garantia, float((perdido * p.garantizada[mios]).sum()) * e.cobertura_garantia)
        self.fondo_garantia -= cubierto
        self.caja += float(recuperado.sum()) + cubierto
        p.deuda[mios] = 0.0
        m.libro.registrar("castigos", float(perdido.sum()) - cubierto)
        return float(perdido.sum())


class Agencia(FixedAgent):
    """Agencia de desarrollo o proveedor de servicios: asistencia técnica, capacitación, sanidad,
    información de mercados (003, PE punto e; 000, agencias de desarrollo). Capacidad limitada."""

    def __init__(self, modelo: ModeloTerritorial, celda) -> None:
        super().__init__(modelo)
        self.cell = celda
        self.caja = 0.0

    def recibir_transferencia(self) -> None:
        """Financiamiento de niveles superiores (programas nacionales, ONG)."""
        monto = self.model.cfg.territorio.transferencias_agencias
        self.caja += monto
        self.model.libro.registrar("transferencias", monto)

    def atender(self, disponibles: np.ndarray) -> np.ndarray:
        """Atiende hasta su capacidad, primero a las innovadoras, luego a otras según el acceso.

        Sube la productividad de los atendidos y reduce su riesgo; la información circula
        ("Un territorio que aprende es un espacio que se caracteriza por una buena circulación
        de la información", 003). Devuelve la máscara de atendidas.
        """
        m, e, p = self.model, self.model.cfg.economia, self.model.pymes
        cupo = int(self.caja // e.costo_servicio)
        candidatas = np.flatnonzero(disponibles)
        if cupo <= 0 or len(candidatas) == 0:
            return np.zeros(len(p), dtype=bool)
        peso = p.de_celda(m.grilla.acceso.data)[candidatas] + 3.0 * p.innovadora[candidatas] + 1e-6
        elegidas = m.rng.choice(candidatas, size=min(cupo, len(candidatas)), replace=False, p=peso / peso.sum())
        p.servicio[elegidas] = 1.0
        p.productividad[elegidas] += e.mejora_servicio * (e.productividad_maxima - p.productividad[elegidas])
        gasto = len(elegidas) * e.costo_servicio
        self.caja -= gasto
        m.libro.registrar("compras", gasto)
        atendidas = np.zeros(len(p), dtype=bool)
        atendidas[elegidas] = True
        return atendidas


class Empresa(FixedAgent):
    """Empresa mayor: compradora, procesadora o inversionista de fuera (modelo-conceptual §2).

    Compra a las pymes de su radio con un sobreprecio (encadenamientos productivos), invierte
    si gana, se va si pierde; a veces se apropia de la idea de una pyme (002, "un gran operador").
    """

    def __init__(self, modelo: ModeloTerritorial, celda, caja: float) -> None:
        super().__init__(modelo)
        self.cell = celda
        self.caja = caja
        self.capacidad = 15.0  # kS/ de compras por trimestre
        self.perdidas = 0
        self._zona: tuple[int | None, np.ndarray | None] = (None, None)  # (radio, celdas dentro)
        modelo.libro.registrar("aportes", caja)

    def proveedoras(self) -> np.ndarray:
        """Máscara de pymes a distancia de Chebyshev ≤ radio de la empresa.

        La empresa no se mueve: las celdas de su radio se calculan una vez (por valor del radio)."""
        r = self.model.cfg.economia.radio_empresa
        if self._zona[0] != r:
            ci, cj = self.cell.coordinate
            fi, fj = np.indices(self.model.forma)
            self._zona = (r, ((np.abs(fi - ci) <= r) & (np.abs(fj - cj) <= r)).ravel())
        return self._zona[1][self.model.pymes.celda]

    def comprar(self, prima: np.ndarray) -> None:
        """Compra parte de la producción de sus proveedoras pagando ``prima_vinculo`` sobre el precio
        y la revende fuera con su margen. Acumula en ``prima`` lo que paga de más a cada pyme."""
        m, e, p = self.model, self.model.cfg.economia, self.model.pymes
        red = self.proveedoras()
        valor = e.fraccion_compra * p.ventas * red
        escala = min(1.0, self.capacidad / max(float(valor.sum()), 1e-9))
        valor *= escala
        sobreprecio = e.prima_vinculo * valor
        pagado = float(sobreprecio.sum())
        ingreso = float(valor.sum()) * e.margen_empresa
        resultado = ingreso - pagado - e.costo_fijo_empresa
        m.libro.registrar("ventas", ingreso)
        m.libro.registrar("compras", e.costo_fijo_empresa)
        self.caja += ingreso - e.costo_fijo_empresa
        if self.caja < 0:  # la casa matriz cubre el faltante; las pérdidas la harán salir
            m.libro.registrar("aportes", -self.caja)
            self.caja = 0.0
        pago = min(pagado, self.caja)
        prima += sobreprecio * (pago / pagado if pagado > 0 else 0.0)
        self.caja -= pago
        self.perdidas = self.perdidas + 1 if resultado < 0 else 0
        if resultado > 0:
            inversion = min(0.5 * resultado, self.caja)
            self.caja -= inversion
            self.capacidad += inversion
            m.libro.registrar("compras", inversion)
            m.medicion["inversion_privada"] += inversion

    def apropiarse(self) -> None:
        """Con baja probabilidad, se queda con el negocio de una proveedora innovadora (002)."""
        m, e, p = self.model, self.model.cfg.economia, self.model.pymes
        if m.rng.random() >= e.probabilidad_apropiacion:
            return
        victimas = np.flatnonzero(self.proveedoras() & p.innovadora)
        if len(victimas):
            i = m.rng.choice(victimas)
            p.innovadora[i] = False
            p.confianza[i] = max(0.0, p.confianza[i] - e.perdida_confianza)

    def debe_salir(self) -> bool:
        """Se va cuando el territorio decae y acumula pérdidas o se queda sin caja."""
        return self.perdidas >= self.model.cfg.economia.trimestres_perdida_salida

    def salir(self) -> None:
        """Retira su caja y deja el territorio."""
        self.model.libro.registrar("retiros", max(self.caja, 0.0))
        self.remove()


class Municipalidad(FixedAgent):
    """El gobierno local: recauda, y reparte su presupuesto de inversión entre AP y PE.

    003, "El rol del gobierno local"; modelo-conceptual §2. La estrategia sólo fija las
    fracciones y la forma de ejecutar cada instrumento.
    """

    def __init__(self, modelo: ModeloTerritorial, celda) -> None:
        super().__init__(modelo)
        self.cell = celda
        self.caja = 0.0
        self.fondo_pe = 0.0  # presupuesto PE aún no comprometido (queda en caja)
        self.impuestos = 0.0  # recaudados el trimestre anterior
        self.promocion_acumulada = 0.0
        self.hubo_concertacion = False

    # -------------------------------------------------------------- presupuesto
    def recaudar(self) -> float:
        """Ingresos = transferencias de niveles superiores + impuestos locales sobre la actividad
        del trimestre anterior (canal 6: una economía que crece financia a su municipalidad)."""
        m, t = self.model, self.model.cfg.territorio
        m.libro.registrar("transferencias", t.transferencias)
        ingresos = t.transferencias + self.impuestos
        self.caja += t.transferencias
        self.impuestos = 0.0
        return ingresos

    def gastar_corriente(self, ingresos: float) -> float:
        """Gasto corriente y otros gastos; devuelve el presupuesto de inversión del trimestre."""
        e = self.model.cfg.economia
        corriente = (1 - e.fraccion_inversion) * ingresos
        self._gastar("compras", corriente)
        return e.fraccion_inversion * ingresos

    def _gastar(self, cuenta: str, monto: float) -> float:
        monto = min(monto, self.caja)
        self.caja -= monto
        self.model.libro.registrar(cuenta, monto)
        return monto

    # -------------------------------------------------------------- municipalidad empresaria
    def operar_mercado(self, inversion: float) -> float:
        """Caso II (003): "El municipio construye y decide alquilar la infraestructura del mercado y
        subsidiar los servicios básicos del mercado, pero los comerciantes son morosos por lo tanto el
        municipio pierde los ingresos que había planificado. Sin embargo, los comerciantes logran
        incrementar sus ingresos".

        Gasta ``estrategia.mercado_municipal`` del presupuesto de inversión en la obra y sus servicios;
        de eso, los servicios subsidiados llegan a los inquilinos (las ``puestos_mercado`` pymes más
        cercanas al pueblo) como menores costos; cobra el alquiler, del que los morosos no pagan
        ``morosidad_mercado``. El desplazamiento de privados está en ``ModeloTerritorial._fase_empresas``.
        Devuelve el presupuesto de inversión que queda para AP y PE.
        """
        m, e, s, p = self.model, self.model.cfg.economia, self.model.cfg.estrategia, self.model.pymes
        if s.mercado_municipal <= 0:
            return inversion
        gasto = min(s.mercado_municipal * inversion, self.caja)
        self.caja -= gasto
        inquilinos = np.argsort(p.de_celda(m.distancia), kind="stable")[: e.puestos_mercado]
        subsidio = min(gasto, e.subsidio_puesto * len(inquilinos))
        p.caja[inquilinos] += subsidio / max(len(inquilinos), 1)  # servicios que no pagan
        m.libro.registrar("compras", gasto - subsidio)  # obra, mantenimiento, servicios de terceros
        alquiler = np.minimum((1 - e.morosidad_mercado) * e.alquiler_puesto, np.maximum(p.caja[inquilinos], 0.0))
        p.caja[inquilinos] -= alquiler
        self.caja += float(alquiler.sum())
        m.medicion["resultado_mercado"] += float(alquiler.sum()) - gasto
        return inversion - gasto

    # -------------------------------------------------------------- AP
    def apoyar_produccion(self, presupuesto: float) -> None:
        """Obras de infraestructura indiscriminadas: caminos y riego/electrificación/sanidad.

        003: "oferta pública indiscriminada, unilateral"; se ubican por criterios no económicos
        (población, presión, reparto parejo), no donde hay proyectos privados.
        """
        m, s = self.model, self.model.cfg.estrategia
        gasto = self._gastar("compras", presupuesto)
        m.medicion["inversion_publica_ap"] += gasto
        if gasto <= 0:
            return
        poblacion = m.pymes.por_celda()
        peso = (1 - s.ap_peso_poblacion) / poblacion.size + s.ap_peso_poblacion * poblacion / max(poblacion.sum(), 1)
        self.construir(m.grilla.infra_vial.data, gasto * s.ap_fraccion_vial * peso)
        self.construir(m.grilla.infra_productiva.data, gasto * (1 - s.ap_fraccion_vial) * peso)

    def construir(self, capa: np.ndarray, gasto: np.ndarray) -> None:
        """Invierte ``gasto`` (por celda) en una capa de infraestructura, con rendimientos decrecientes."""
        capa += (1 - capa) * (1 - np.exp(-gasto / self.model.cfg.economia.costo_obra))

    # -------------------------------------------------------------- PE
    def condiciones_concertacion(self, propuestas: np.ndarray) -> bool:
        """Las tres condiciones de 003 ("¿Cuáles son las condiciones para iniciar un proceso de
        concertación?") más la confianza y un programa PE con fondos: (a) gran oportunidad
        (hay propuestas que responden a una señal de mercado), (b) los actores no pueden solos
        (alguna propuesta no se financia sola), (c) liderazgos claros; y confianza suficiente."""
        e, t, p = self.model.cfg.economia, self.model.cfg.territorio, self.model.pymes
        if len(propuestas) == 0 or self.fondo_pe <= 0:
            return False
        no_pueden_solas = bool((p.caja[propuestas] < e.costo_proyecto).any())
        confianza = float(p.confianza.mean()) if len(p) else 0.0
        return no_pueden_solas and t.liderazgo >= e.liderazgo_minimo and confianza >= e.confianza_minima

    def promover_economia(self, presupuesto: float, propuestas: np.ndarray) -> set[int]:
        """Promoción económica: mesa de concertación, cofinanciamiento con aporte privado
        comprometido, servicios vía agencias, fondo de garantía y promoción del territorio.

        003, PE puntos c–e: "Se realiza inversión pública solo si se asegura apalancar recursos
        privados". Sin concertación el presupuesto PE queda sin ejecutar (F8). Devuelve las
        pymes cofinanciadas.
        """
        m, s, t = self.model, self.model.cfg.estrategia, self.model.cfg.territorio
        self.fondo_pe += presupuesto
        self.hubo_concertacion = self.condiciones_concertacion(propuestas)
        if not self.hubo_concertacion:
            self._devolver_excedente_pe(presupuesto)
            return set()
        desviado = self._gastar("captura", t.captura * self.fondo_pe)
        self.fondo_pe -= desviado
        servicios = self._pe_gasto(s.pe_fraccion_servicios * presupuesto)
        for agencia, parte in zip(m.agencias, _partes(len(m.agencias)), strict=True):
            agencia.caja += servicios * parte
        garantia = self._pe_gasto(s.pe_fraccion_garantia * presupuesto)
        for entidad, parte in zip(m.entidades, _partes(len(m.entidades)), strict=True):
            entidad.fondo_garantia += garantia * parte
        promocion = self._pe_gasto(s.pe_fraccion_promocion * presupuesto)
        m.libro.registrar("compras", promocion)
        self.promocion_acumulada += promocion
        return self.cofinanciar(propuestas)

    def _pe_gasto(self, monto: float) -> float:
        """Saca ``monto`` del fondo PE y de la caja (transferencia a otro actor o gasto)."""
        monto = min(monto, self.fondo_pe, self.caja)
        self.fondo_pe -= monto
        self.caja -= monto
        self.model.medicion["inversion_publica_pe"] += monto
        return monto

    def _devolver_excedente_pe(self, presupuesto: float) -> None:
        """El fondo PE no crece sin límite: más de un año sin ejecutar vuelve al gasto general."""
        exceso = self.fondo_pe - 4 * presupuesto
        if exceso > 0:
            self.fondo_pe -= self._gastar("compras", exceso)

    def cofinanciar(self, propuestas: np.ndarray) -> set[int]:
        """Cofinancia los proyectos cuyo aporte privado está comprometido (caja + crédito).

        Participan quienes confían (la pyme ``i`` entra con probabilidad ``confianza[i]``); la
        parte pública va a la pyme y, además, a trochas hacia su finca (ejemplo del queso, 003).
        Un proyecto sin aporte privado comprometido no recibe nada.
        """
        m, e, s, p = self.model, self.model.cfg.economia, self.model.cfg.estrategia, self.model.pymes
        aprobadas: set[int] = set()
        for i in m.rng.permutation(propuestas):
            if m.rng.random() >= p.confianza[i]:
                continue
            publico = s.pe_cofinanciamiento * e.costo_proyecto
            trocha = s.pe_fraccion_infra_proyecto * publico
            if publico + trocha > min(self.fondo_pe, self.caja):
                p.confianza[i] = max(0.0, p.confianza[i] - 0.5 * e.perdida_confianza)
                continue
            if not m.comprometer_aporte_privado(i, e.costo_proyecto - publico, garantizable=True):
                continue
            self._pe_gasto(publico + trocha)
            m.libro.registrar("compras", trocha)
            k = p.celda[i]  # sólo la celda de la finca: O(1) por proyecto, no O(celdas)
            self.construir(m.grilla.infra_vial.data.reshape(-1)[k : k + 1], np.array([trocha]))
            p.caja[i] += publico
            p.innovar(i, publico)
            aprobadas.add(int(i))
        m.medicion["proyectos_cofinanciados"] += len(aprobadas)
        return aprobadas

    # -------------------------------------------------------------- mantenimiento
    def depreciar_infraestructura(self) -> None:
        """La infraestructura se deprecia cada trimestre (modelo-conceptual §2); el acceso se recalcula."""
        m = self.model
        factor = 1 - m.cfg.economia.depreciacion_infra
        m.grilla.infra_vial.data *= factor
        m.grilla.infra_productiva.data *= factor
        actualizar_acceso(m.grilla, m.distancia, m.cfg.territorio, m.cfg.economia)


def _partes(n: int) -> list[float]:
    """Reparto igual entre ``n`` receptores."""
    return [1.0 / n] * n if n else []
