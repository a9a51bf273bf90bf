"""El modelo Mesa: un territorio con su municipalidad, pymes, empresas, agencias y entidades financieras.

Calendario de un paso (un trimestre), modelo-conceptual §2, con una razón documentada de cambio:
los préstamos se cobran después de vender (las pymes pagan con la venta del trimestre).

1. entorno: demanda externa, precio de fuera, choque climático;
2. municipalidad: recauda; gasto corriente; AP (obras); PE (concertación, cofinanciamiento,
   servicios, garantía, promoción); las iniciativas no concertadas intentan financiarse solas;
3. agencias: atienden hasta su capacidad;
4. pymes y empresas: producen, venden (empresas compran con sobreprecio), pagan costos;
   entidades financieras cobran cuotas; pymes ajustan su caja (reinversión o descapitalización);
   salen las insolventes (castigos); empresas invierten, se apropian o se van;
5. entradas de pymes y empresas; confianza; depreciación de la infraestructura;
6. medición de los indicadores (modelo-conceptual §4).
"""

from __future__ import annotations

import gc
from collections import defaultdict
from contextlib import contextmanager

import numpy as np
from mesa import Model
from mesa.datacollection import DataCollector

from simulacion.config import Configuracion
from simulacion.modelo.agentes import Agencia, Empresa, EntidadFinanciera, Municipalidad
from simulacion.modelo.contabilidad import Libro
from simulacion.modelo.exterior import Entorno
from simulacion.modelo.pymes import Pymes
from simulacion.modelo.territorio import actualizar_acceso, crear_grilla, distancia_al_pueblo, entorno, suma_vecindad

COLUMNAS = (
    "paso",
    "produccion_total",
    "empleo",
    "pymes_tradicionales",
    "pymes_innovadoras",
    "empresas",
    "entradas",
    "salidas",
    "salidas_innovadoras",
    "abandonos_innovacion",
    "resultado_mercado",
    "inversion_privada",
    "inversion_publica_ap",
    "inversion_publica_pe",
    "credito_otorgado",
    "mora",
    "confianza_media",
    "presupuesto_municipal",
    "proyectos_cofinanciados",
    "proyectos_privados",
    "propuestas",
    "concertacion",
    "infraestructura_media",
    "precio_nuevo",
    "choque_climatico",
    "castigos",
    "dinero_total",
    "flujo_neto",
)


class ModeloTerritorial(Model):
    """Alianzas público-privadas para el desarrollo económico local en un territorio rural."""

    def __init__(self, cfg: Configuracion) -> None:
        with _sin_recolector_de_ciclos():
            self._construir(cfg)

    def _construir(self, cfg: Configuracion) -> None:
        super().__init__(rng=cfg.semilla)
        self.cfg = cfg
        t = cfg.territorio
        self.forma = (t.ancho, t.alto)
        self.libro = Libro()
        self.medicion: dict[str, float] = defaultdict(float)
        self.grilla = crear_grilla(self.rng, self.random, t)
        self.celdas_planas = [self.grilla._cells[(i, j)] for i in range(t.ancho) for j in range(t.alto)]
        self.distancia = distancia_al_pueblo(self.forma)
        actualizar_acceso(self.grilla, self.distancia, t, cfg.economia)
        self.entorno = Entorno(self.rng, cfg.economia)
        pueblo = self.celdas_planas[int(np.argmin(self.distancia))]
        self.municipalidad = Municipalidad(self, pueblo)
        self.entidades = [EntidadFinanciera(self, pueblo, k) for k in range(t.n_entidades_financieras)]
        self.agencias = [Agencia(self, pueblo) for _ in range(t.n_agencias)]
        self.pymes = Pymes(self)
        self._poblar(t)
        self.libro.cerrar()  # la dotación inicial no es un flujo
        self.datacollector = DataCollector(model_reporters={c: _lector(c) for c in COLUMNAS})

    # ------------------------------------------------------------------ población inicial
    def _poblar(self, t) -> None:
        """Pymes iniciales en equilibrio con su territorio: se sortean candidatas (más en celdas de
        mejor potencial), cada una con el capital que sus condiciones justifican, y se quedan las
        ``n_pymes`` viables (las inviables ya habrían salido antes del inicio)."""
        e = self.cfg.economia
        n = t.n_pymes
        celdas = self._celdas_al_azar(3 * n, self.grilla.potencial.data)
        innov = self.rng.random(3 * n) < t.fraccion_innovadoras_inicial
        p = self.pymes
        p.agregar(celdas, innov, np.full(3 * n, e.capital_inicial), identidad=False)
        p.producir()
        p.ventas = p.produccion * p.precios()
        p.capital = np.clip(
            p.capital_objetivo() * self.rng.uniform(0.8, 1.2, 3 * n), 1.5 * e.capital_minimo, 5 * e.capital_inicial
        )
        p.producir()
        ganancia = p.produccion * p.precios() - e.costo_fijo - e.costo_capital * p.capital
        viables = np.flatnonzero(ganancia > 0)[:n]
        quedan = np.zeros(3 * n, dtype=bool)
        quedan[viables] = True
        p.compactar(quedan)
        p.dar_identidad()  # agentes Mesa sólo para las que se quedan
        p.caja = e.colchon_caja * p.capital
        self.entorno.demanda_local = float(p.produccion[~p.innovadora].sum())
        # La municipalidad arranca con lo recaudado el trimestre previo al inicio.
        self.municipalidad.impuestos = e.impuesto_local * float((p.produccion * p.precios()).sum())
        self.municipalidad.caja = self.municipalidad.impuestos
        p.produccion[:] = 0.0
        for celda in self._celdas_al_azar(t.n_empresas, self.grilla.acceso.data**2):
            Empresa(self, self.celdas_planas[celda], e.caja_empresa_entrante)

    def _celdas_al_azar(self, n: int, peso: np.ndarray) -> np.ndarray:
        """``n`` celdas (índices planos) con probabilidad proporcional a ``peso``."""
        w = peso.ravel() + 1e-12
        return self.rng.choice(w.size, size=n, p=w / w.sum())

    @property
    def empresas(self) -> list[Empresa]:
        return list(self.agents_by_type.get(Empresa, []))

    def dinero_total(self) -> float:
        """Caja de todos los actores: lo que la contabilidad conserva salvo fuentes y sumideros."""
        return (
            self.municipalidad.caja
            + sum(f.caja + f.fondo_garantia for f in self.entidades)
            + sum(a.caja for a in self.agencias)
            + sum(f.caja for f in self.empresas)
            + float(self.pymes.caja.sum())
        )

    # ------------------------------------------------------------------ crédito
    def comprometer_aporte_privado(self, i: int, monto: float, garantizable: bool) -> bool:
        """La pyme ``i`` compromete ``monto``: con su caja y, si falta, con un préstamo.

        Con ``garantizable`` (proyecto concertado) el fondo de garantía amplía el préstamo posible
        (003, rol d). Devuelve si el aporte quedó comprometido (el préstamo ya desembolsado).
        """
        p, e = self.pymes, self.cfg.economia
        falta = monto - p.caja[i]
        if falta <= 0:
            return True
        entidad = self.entidades[p.banco[i]] if self.entidades else None
        if entidad is None:
            return False
        garantia = garantizable and entidad.fondo_garantia >= e.cobertura_garantia * falta
        if entidad.limite(i, garantia) < falta:
            return False
        entidad.prestar(i, falta, garantia)
        return True

    # ------------------------------------------------------------------ paso
    def step(self) -> None:
        """Un trimestre del calendario descrito en el módulo."""
        self.medicion = defaultdict(float)
        self.entorno.avanzar()
        aprobadas = self._fase_municipal()
        self._fase_agencias()
        oportunidad, salen_cofinanciadas = self._fase_produccion()
        self._fase_empresas()
        self._entradas(oportunidad)
        self._actualizar_confianza(aprobadas, salen_cofinanciadas)
        self.municipalidad.depreciar_infraestructura()
        self._medir()
        self.datacollector.collect(self)

    def _fase_municipal(self) -> np.ndarray:
        """Presupuesto, AP, PE e iniciativas privadas sin concertación; devuelve celdas de proyectos
        cofinanciados (conteo por celda) para la confianza."""
        m, s = self.municipalidad, self.cfg.estrategia
        ingresos = m.recaudar()
        for agencia in self.agencias:
            agencia.recibir_transferencia()
        self.medicion["presupuesto_municipal"] = ingresos
        inversion = m.operar_mercado(m.gastar_corriente(ingresos))
        m.apoyar_produccion(s.apoyo_produccion * inversion)
        otros = max(0.0, 1 - s.apoyo_produccion - s.promocion_economica) * inversion
        m._gastar("compras", otros)
        propuestas = self.pymes.proponer(self.entorno.ultimo_precio_nuevo)
        self.medicion["propuestas"] = len(propuestas)
        cofinanciadas = m.promover_economia(s.promocion_economica * inversion, propuestas)
        for i in propuestas:
            if i not in cofinanciadas and self.comprometer_aporte_privado(i, self.cfg.economia.costo_proyecto, False):
                self.pymes.innovar(i, 0.0)
                self.medicion["proyectos_privados"] += 1
        marcas = np.zeros(len(self.pymes))
        marcas[list(cofinanciadas)] = 1.0
        return self.pymes.por_celda(marcas)

    def _fase_agencias(self) -> None:
        p = self.pymes
        p.servicio *= 0.7  # el efecto de un servicio se diluye en unos trimestres
        disponibles = np.ones(len(p), dtype=bool)
        for agencia in self.agencias:
            disponibles &= ~agencia.atender(disponibles)

    def _fase_produccion(self) -> tuple[float, np.ndarray]:
        """Producción, ventas, cobranza, ajuste de caja y salidas; devuelve la oportunidad de entrada
        y el conteo por celda de proyectos cofinanciados que fracasaron."""
        p, e = self.pymes, self.cfg.economia
        p.producir()
        p.ventas = p.produccion * p.precios()
        prima = np.zeros(len(p))
        for empresa in self.empresas:
            empresa.comprar(prima)
        impuesto = p.vender(prima)
        self.municipalidad.caja += float(impuesto.sum())
        self.municipalidad.impuestos += float(impuesto.sum())
        self.medicion["produccion_total"] = float(p.ventas.sum())
        self.medicion["empleo"] = float((1 + 0.2 * p.capital).sum())
        golpe = p.sufrir_eventos_adversos()
        for entidad in self.entidades:
            entidad.cobrar()
        p.ajustar_caja()
        rentabilidad = float(np.mean(p.ganancia / np.maximum(p.capital, 1e-9))) if len(p) else 0.0
        oportunidad = float(np.clip(rentabilidad / e.rentabilidad_referencia, 0.0, 2.0))
        salen = p.salir()
        for entidad in self.entidades:
            entidad.castigar(salen)
        self.libro.registrar("retiros", float(p.caja[salen].sum()))
        self.medicion["salidas"] = int(salen.sum())
        # Fracasos de la innovación: innovadoras que salen y actividades innovadoras que desaparecen.
        abandonos = int(golpe.sum())
        self.medicion["abandonos_innovacion"] = abandonos
        self.medicion["salidas_innovadoras"] = int((salen & p.innovadora).sum()) + abandonos
        fracasos = p.por_celda(((salen | golpe) & p.cofinanciada).astype(float))
        p.retirar(salen)
        return oportunidad, fracasos

    def _fase_empresas(self) -> None:
        """Empresas: apropiación de ideas, salida si pierden, entrada si el territorio atrae."""
        e, m = self.cfg.economia, self.municipalidad
        for empresa in self.empresas:
            empresa.apropiarse()
            if empresa.debe_salir():
                empresa.salir()
        p = self.pymes
        if len(p):
            atractivo = float(np.mean(p.de_celda(entorno(self.grilla)))) * (0.5 + float(p.innovadora.mean()))
            prob = (
                e.probabilidad_entrada_empresa * min(1.0, atractivo) * (1 + e.efecto_promocion * m.promocion_acumulada)
            )
            if self.cfg.estrategia.mercado_municipal > 0:  # la municipalidad empresaria sustituye a privados (003)
                prob *= 1 - e.desplazamiento_mercado
            if self.rng.random() < prob:
                celda = self._celdas_al_azar(1, self.grilla.acceso.data**2)[0]
                Empresa(self, self.celdas_planas[celda], e.caja_empresa_entrante)
        m.promocion_acumulada *= 0.9

    def _entradas(self, oportunidad: float) -> None:
        """Nuevas pymes donde hay oportunidades (modelo-conceptual §2): más entradas cuando las
        pymes ganan, en celdas de buen potencial y acceso."""
        e = self.cfg.economia
        n = int(self.rng.poisson(e.tasa_entrada * max(len(self.pymes), 10) * oportunidad))
        self.medicion["entradas"] = n
        if n:
            g = self.grilla
            celdas = self._celdas_al_azar(n, g.potencial.data * (0.5 + g.acceso.data))
            capital = e.capital_inicial * self.rng.uniform(0.6, 1.0, n)
            self.pymes.agregar(celdas, np.zeros(n, dtype=bool), capital)

    def _actualizar_confianza(self, aprobadas: np.ndarray, fracasos: np.ndarray) -> None:
        """La confianza crece con compromisos cumplidos (proyectos cofinanciados en la vecindad)
        y cae con fracasos visibles y con la captura (003, "La construcción de mecanismos de
        participación y concertación está asociada con la construcción de la confianza")."""
        p, e, t = self.pymes, self.cfg.economia, self.cfg.territorio
        if not len(p):
            return
        buenas = np.tanh(p.de_celda(suma_vecindad(aprobadas)))
        malas = np.tanh(p.de_celda(suma_vecindad(fracasos)))
        captura = t.captura if self.municipalidad.hubo_concertacion else 0.0
        c = p.confianza
        c += e.ganancia_confianza * (1 - c) * buenas - e.perdida_confianza * c * (malas + captura)
        c += e.retorno_confianza * (t.confianza_inicial - c)
        np.clip(c, 0.0, 1.0, out=c)

    # ------------------------------------------------------------------ medición
    def _medir(self) -> None:
        p, g = self.pymes, self.grilla
        deuda = float(p.deuda.sum())
        neto = self.libro.neto()
        flujos = self.libro.cerrar()
        self.medicion.update(
            paso=self.steps,
            pymes_tradicionales=int((~p.innovadora).sum()),
            pymes_innovadoras=int(p.innovadora.sum()),
            empresas=len(self.empresas),
            mora=float(p.deuda[p.atraso > 0].sum()) / deuda if deuda > 0 else 0.0,
            confianza_media=float(p.confianza.mean()) if len(p) else 0.0,
            concertacion=int(self.municipalidad.hubo_concertacion),
            infraestructura_media=float(entorno(g).mean()),
            precio_nuevo=self.entorno.ultimo_precio_nuevo,
            choque_climatico=self.entorno.severidad_choque,
            castigos=flujos["castigos"],
            dinero_total=self.dinero_total(),
            flujo_neto=neto,
        )


@contextmanager
def _sin_recolector_de_ciclos():
    """Pausa el recolector de ciclos de Python mientras se crean decenas de miles de objetos (celdas
    y agentes Mesa): sus pasadas completas vuelven superlineal la construcción (docs/rendimiento.md).
    No cambia ningún resultado; si ya estaba pausado, lo deja así."""
    activo = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if activo:
            gc.enable()


def _lector(columna: str):
    """Reportero de DataCollector que lee la medición del paso."""

    def leer(modelo: ModeloTerritorial):
        return modelo.medicion.get(columna, 0.0)

    return leer
