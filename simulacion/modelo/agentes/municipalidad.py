"""La municipalidad: recauda y reparte su presupuesto de inversión entre AP y PE."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from mesa.discrete_space import FixedAgent

from simulacion.modelo.territorio import actualizar_acceso

if TYPE_CHECKING:
    from simulacion.modelo.modelo import ModeloTerritorial


class Municipalidad(FixedAgent):
    """El gobierno local: recauda, y reparte su presupuesto de inversión entre AP y PE.

    003, "El rol del gobierno local"; docs/odd.md §2. La estrategia sólo fija las
    fracciones y la forma de ejecutar cada instrumento.
    """

    def __init__(self, modelo: ModeloTerritorial, celda) -> None:
        super().__init__(modelo)
        self.cell = celda
        self.caja = 0.0
        self.fondo_pe = 0.0  # presupuesto PE aún no comprometido (queda en caja)
        self.impuestos = 0.0  # recaudados el trimestre anterior
        self.impuestos_iniciales = 0.0  # los del trimestre previo al inicio
        self.promocion_acumulada = 0.0
        self.hubo_concertacion = False
        # El reparto en vigor (AP, PE) del presupuesto de inversión: lo fija la estrategia al empezar
        # la gestión y sólo lo cambia :meth:`cambiar_reparto` (una gestión nueva, el taller).
        self.reparto = (0.0, 0.0)
        self.obras = np.zeros(modelo.forma)  # kS/ de obras AP por celda en el trimestre (compromisos a la vista)

    # -------------------------------------------------------------- presupuesto
    def fijar_impuestos_previos(self, ventas: float) -> None:
        """Arranca con lo recaudado el trimestre previo al inicio sobre ``ventas`` del territorio."""
        self.impuestos = self.model.cfg.economia.impuesto_local * ventas
        self.impuestos_iniciales = self.impuestos
        self.caja = self.impuestos

    def cobrar_impuestos(self, monto: float) -> None:
        """Impuesto local sobre las ventas del trimestre: se gasta el trimestre siguiente (canal 6).

        Sin el canal 6 la recaudación no sigue a la actividad: queda la del trimestre previo al inicio."""
        if not self.model.cfg.canales.recaudacion_local:
            diferencia, monto = self.impuestos_iniciales - monto, self.impuestos_iniciales
            # la diferencia la pone (o se la lleva) el nivel superior: el dinero se conserva
            self.model.libro.registrar("transferencias" if diferencia > 0 else "compras", abs(diferencia))
        self.caja += monto
        self.impuestos += monto

    def obras_del_trimestre(self) -> np.ndarray:
        """Obras AP entregadas en cada celda este trimestre, en unidades de costo de obra."""
        return self.obras / self.model.cfg.economia.costo_obra

    def presupuestar(self, con_mercado: bool = True) -> float:
        """Recauda, paga el gasto corriente y, si lo hay, el mercado municipal; devuelve el
        presupuesto de inversión que queda para AP y PE."""
        inversion = self.gastar_corriente(self.recaudar())
        return self.operar_mercado(inversion) if con_mercado else inversion

    def empezar_gestion(self) -> None:
        """La gestión que elige la estrategia empieza en el trimestre 1: sin promoción acumulada ni
        mesa de concertación de antes."""
        self.promocion_acumulada = 0.0
        self.hubo_concertacion = False
        estrategia = self.model.cfg.estrategia
        self.cambiar_reparto(estrategia.apoyo_produccion, estrategia.promocion_economica)

    def cambiar_reparto(self, apoyo_produccion: float, promocion_economica: float) -> None:
        """Fija el reparto del presupuesto de inversión entre AP y PE desde el trimestre siguiente.

        003, "Estrategias de apoyo a la producción y la promoción económica": ambas son fracciones del
        mismo presupuesto; el resto va a gastos sin efecto productivo. Un reparto imposible es un error
        en castellano (``ValueError``)."""
        if not (0 <= apoyo_produccion <= 1 and 0 <= promocion_economica <= 1):
            raise ValueError(f"AP y PE son fracciones entre 0 y 1 (AP={apoyo_produccion}, PE={promocion_economica})")
        if apoyo_produccion + promocion_economica > 1 + 1e-9:
            raise ValueError(
                f"AP + PE no puede pasar de 1: son fracciones del mismo presupuesto "
                f"(AP={apoyo_produccion} + PE={promocion_economica})"
            )
        self.reparto = (float(apoyo_produccion), float(promocion_economica))

    def recaudar(self) -> float:
        """Ingresos = transferencias de niveles superiores + impuestos locales sobre la actividad
        del trimestre anterior (canal 6: una economía que crece financia a su municipalidad)."""
        modelo, t = self.model, self.model.cfg.territorio
        modelo.libro.registrar("transferencias", t.transferencias)
        ingresos = t.transferencias + self.impuestos
        self.caja += t.transferencias
        self.impuestos = 0.0
        modelo.medicion.fijar("presupuesto_municipal", ingresos)
        return ingresos

    def gastar_corriente(self, ingresos: float) -> float:
        """Gasto corriente y otros gastos; devuelve el presupuesto de inversión del trimestre."""
        e = self.model.cfg.economia
        corriente = (1 - e.fraccion_inversion) * ingresos
        self.gastar("compras", corriente)
        return e.fraccion_inversion * ingresos

    def gastar(self, cuenta: str, monto: float) -> float:
        """Gasta ``monto`` (a lo sumo su caja) en la cuenta ``cuenta`` del libro; devuelve lo gastado."""
        monto = min(monto, self.caja)
        self.caja -= monto
        self.model.libro.registrar(cuenta, monto)
        return monto

    def gastar_sin_efecto_productivo(self, monto: float) -> None:
        """Lo que la estrategia no asigna a AP ni a PE se va en otros gastos (estrategia IV, 003)."""
        self.gastar("compras", monto)

    # -------------------------------------------------------------- municipalidad empresaria
    def operar_mercado(self, inversion: float) -> float:
        """Caso II (003): "El municipio construye y decide alquilar la infraestructura del mercado y
        subsidiar los servicios básicos del mercado, pero los comerciantes son morosos por lo tanto el
        municipio pierde los ingresos que había planificado. Sin embargo, los comerciantes logran
        incrementar sus ingresos".

        Gasta ``estrategia.mercado_municipal`` del presupuesto de inversión en la obra y sus servicios;
        de eso, los servicios subsidiados llegan a los inquilinos (las ``puestos_mercado`` pymes más
        cercanas al pueblo) como menores costos; cobra el alquiler, del que los morosos no pagan
        ``morosidad_mercado``. El desplazamiento de privados sale de la competencia: las inquilinas
        venden en el mercado y no a las empresas (``Empresa.comprar``), y una empresa nueva ve un
        mercado privado más chico (``Empresa.entrar_si_atrae``).
        Devuelve el presupuesto de inversión que queda para AP y PE.
        """
        modelo, e, s, pymes = self.model, self.model.cfg.economia, self.model.cfg.estrategia, self.model.pymes
        if s.mercado_municipal <= 0:
            return inversion
        gasto = min(s.mercado_municipal * inversion, self.caja)
        self.caja -= gasto
        inquilinos = np.argsort(pymes.de_celda(modelo.distancia), kind="stable")[: e.puestos_mercado]
        pymes.ocupar_puestos(inquilinos)
        subsidio = min(gasto, e.subsidio_puesto * len(inquilinos))
        pymes.recibir_subsidio(inquilinos, subsidio / max(len(inquilinos), 1))  # servicios que no pagan
        modelo.libro.registrar("compras", gasto - subsidio)  # obra, mantenimiento, servicios de terceros
        alquiler = pymes.pagar_alquiler(inquilinos, (1 - e.morosidad_mercado) * e.alquiler_puesto)
        self.caja += alquiler
        modelo.medicion.sumar("resultado_mercado", alquiler - gasto)
        modelo.medicion.sumar("gasto_mercado", gasto)
        return inversion - gasto

    # -------------------------------------------------------------- AP
    def apoyar_produccion(self, presupuesto: float) -> None:
        """Obras de infraestructura indiscriminadas: caminos y riego/electrificación/sanidad.

        003: "oferta pública indiscriminada, unilateral"; se ubican por criterios no económicos
        (población, presión, reparto parejo), no donde hay proyectos privados. Las obras de cada
        celda quedan a la vista del trimestre (:meth:`obras_del_trimestre`): son compromisos cumplidos.
        """
        modelo, s = self.model, self.model.cfg.estrategia
        self.obras = np.zeros(modelo.forma)
        gasto = self.gastar("compras", presupuesto)
        modelo.medicion.sumar("inversion_publica_ap", gasto)
        if gasto <= 0:
            return
        poblacion = modelo.pymes.por_celda()
        peso = (1 - s.ap_peso_poblacion) / poblacion.size + s.ap_peso_poblacion * poblacion / max(poblacion.sum(), 1)
        self.obras += gasto * peso
        self.construir(modelo.grilla.infra_vial.data, gasto * s.ap_fraccion_vial * peso)
        self.construir(modelo.grilla.infra_productiva.data, gasto * (1 - s.ap_fraccion_vial) * peso)

    def construir(self, capa: np.ndarray, gasto: np.ndarray) -> None:
        """Invierte ``gasto`` (por celda) en una capa de infraestructura, con rendimientos decrecientes."""
        capa += (1 - capa) * (1 - np.exp(-gasto / self.model.cfg.economia.costo_obra))

    # -------------------------------------------------------------- PE
    def condiciones_concertacion(self, propuestas: np.ndarray) -> bool:
        """Las tres condiciones de 003 ("¿Cuáles son las condiciones para iniciar un proceso de
        concertación?") más la confianza y un programa PE con fondos: (a) gran oportunidad
        (hay propuestas que responden a una señal de mercado), (b) los actores no pueden solos
        (alguna propuesta no se financia sola), (c) liderazgos claros; y confianza suficiente."""
        e, t, pymes = self.model.cfg.economia, self.model.cfg.territorio, self.model.pymes
        if len(propuestas) == 0 or self.fondo_pe <= 0 or not self.model.gobierno.mesa_en_pie():
            return False
        no_pueden_solas = bool((pymes.caja[propuestas] < e.costo_proyecto).any())
        confianza = float(pymes.confianza.mean()) if len(pymes) else 0.0
        return no_pueden_solas and t.liderazgo >= e.liderazgo_minimo and confianza >= e.confianza_minima

    def promover_economia(self, presupuesto: float, propuestas: np.ndarray) -> set[int]:
        """Promoción económica: mesa de concertación, cofinanciamiento con aporte privado
        comprometido, servicios vía agencias, fondo de garantía y promoción del territorio.

        003, PE puntos c–e: "Se realiza inversión pública solo si se asegura apalancar recursos
        privados". Sin concertación el presupuesto PE queda sin ejecutar (F8). Devuelve las
        pymes cofinanciadas.
        """
        modelo, s = self.model, self.model.cfg.estrategia
        self.fondo_pe += presupuesto
        self.hubo_concertacion = self.condiciones_concertacion(propuestas)
        modelo.medicion.fijar("concertacion", int(self.hubo_concertacion))
        if not self.hubo_concertacion:
            self._devolver_excedente_pe(presupuesto)
            return set()
        desviado = self.gastar("captura", modelo.gobierno.captura * self.fondo_pe)
        self.fondo_pe -= desviado
        servicios = self._pe_gasto(s.pe_fraccion_servicios * presupuesto)
        for agencia, parte in zip(modelo.agencias, _partes(len(modelo.agencias)), strict=True):
            agencia.recibir_contrato(servicios * parte)
        garantia = self._pe_gasto(s.pe_fraccion_garantia * presupuesto)
        for entidad, parte in zip(modelo.entidades, _partes(len(modelo.entidades)), strict=True):
            entidad.recibir_garantia(garantia * parte)
        promocion = self._pe_gasto(s.pe_fraccion_promocion * presupuesto)
        modelo.libro.registrar("compras", promocion)
        self.promocion_acumulada += promocion
        if s.pe_fraccion_formalizacion > 0:  # 004: formalizar a las informales, vía agencias
            formalizacion = self._pe_gasto(s.pe_fraccion_formalizacion * presupuesto)
            for agencia, parte in zip(modelo.agencias, _partes(len(modelo.agencias)), strict=True):
                agencia.recibir_contrato_formalizacion(formalizacion * parte)
        if not modelo.cfg.canales.cofinanciamiento:  # sin el canal, la mesa no cofinancia nada
            self._devolver_excedente_pe(presupuesto)
            return set()
        return self.cofinanciar(propuestas)

    def _pe_gasto(self, monto: float) -> float:
        """Saca ``monto`` del fondo PE y de la caja (transferencia a otro actor o gasto)."""
        monto = min(monto, self.fondo_pe, self.caja)
        self.fondo_pe -= monto
        self.caja -= monto
        self.model.medicion.sumar("inversion_publica_pe", monto)
        return monto

    def _devolver_excedente_pe(self, presupuesto: float) -> None:
        """El fondo PE no crece sin límite: lo que pasa de ``trimestres_fondo_pe`` trimestres de
        presupuesto sin ejecutar vuelve al gasto general."""
        exceso = self.fondo_pe - self.model.cfg.economia.trimestres_fondo_pe * presupuesto
        if exceso > 0:
            self.fondo_pe -= self.gastar("compras", exceso)

    def cofinanciar(self, propuestas: np.ndarray) -> set[int]:
        """Cofinancia los proyectos cuyo aporte privado está comprometido (caja + crédito).

        Participan quienes confían (la pyme ``i`` entra con probabilidad ``confianza[i]``); la
        parte pública va a la pyme y, además, a trochas hacia su finca (ejemplo del queso, 003).
        Un proyecto sin aporte privado comprometido no recibe nada; uno que el fondo ya no alcanza
        a cofinanciar resta confianza a quien lo propuso. Una pyme informal no califica (004: "se
        consideran empresas constituidas formalmente, quedando marginados de los beneficios quienes se
        encuentren en la informalidad").
        """
        modelo, e, s, pymes = self.model, self.model.cfg.economia, self.model.cfg.estrategia, self.model.pymes
        aprobadas: set[int] = set()
        ids = pymes.ids[propuestas]  # el orden y la confianza de cada una salen de su identidad (azar.py)
        confia = modelo.azar.uniformes_por_pyme("mesa_confianza", ids) < pymes.confianza[propuestas]
        for k in np.argsort(modelo.azar.uniformes_por_pyme("mesa_orden", ids), kind="stable"):
            i = propuestas[k]
            if pymes.informal[i]:  # 004: los programas piden empresas formales
                continue
            if not confia[k]:
                continue
            publico = s.pe_cofinanciamiento * e.costo_proyecto
            trocha = s.pe_fraccion_infra_proyecto * publico
            if publico + trocha > min(self.fondo_pe, self.caja):
                pymes.perder_confianza(i, e.perdida_confianza_rechazo * e.perdida_confianza)
                continue
            if not pymes.comprometer_aporte(i, e.costo_proyecto - publico, garantizable=True):
                continue
            self._pe_gasto(publico + trocha)
            modelo.libro.registrar("compras", trocha)
            k = pymes.celda[i]  # sólo la celda de la finca: O(1) por proyecto, no O(celdas)
            self.construir(modelo.grilla.infra_vial.data.reshape(-1)[k : k + 1], np.array([trocha]))
            pymes.recibir_cofinanciamiento(i, publico)
            aprobadas.add(int(i))
        modelo.medicion.sumar("proyectos_cofinanciados", len(aprobadas))
        return aprobadas

    def captura_visible(self) -> float:
        """La captura ("arreglos y negociados", 003 "Control democrático") sólo se ve, y resta
        confianza, cuando hubo mesa de concertación."""
        return self.model.gobierno.captura if self.hubo_concertacion else 0.0

    def disolver_mesa(self) -> None:
        """Una gestión nueva que no reconoce la mesa (002: programas "reorientados totalmente"): el fondo
        PE sin ejecutar vuelve al gasto general y la mesa deja de reunirse."""
        self.fondo_pe -= self.gastar("compras", self.fondo_pe)
        self.hubo_concertacion = False

    # -------------------------------------------------------------- mantenimiento
    def olvidar_promocion(self) -> None:
        """La promoción hacia inversionistas de fuera se olvida poco a poco."""
        self.promocion_acumulada *= self.model.cfg.economia.persistencia_promocion

    def depreciar_infraestructura(self) -> None:
        """La infraestructura se deprecia cada trimestre, cada tipo de obra a su tasa (docs/odd.md §2): los
        caminos (``depreciacion_infra_vial``) y el riego, la electrificación y el saneamiento
        (``depreciacion_infra_productiva``); el acceso se recalcula. 003: la municipalidad de San Miguel
        del Faique "realiza el mantenimiento de la carretera"; sin mantenimiento, la obra se pierde."""
        modelo = self.model
        economia = modelo.cfg.economia
        modelo.grilla.infra_vial.data *= 1 - economia.depreciacion_infra_vial
        modelo.grilla.infra_productiva.data *= 1 - economia.depreciacion_infra_productiva
        if modelo.cfg.canales.acceso_vial:  # sin el canal 2, el acceso queda el del inicio
            actualizar_acceso(modelo.grilla, modelo.distancia, modelo.cfg.territorio, modelo.cfg.economia)


def _partes(n: int) -> list[float]:
    """Reparto igual entre ``n`` receptores."""
    return [1.0 / n] * n if n else []
