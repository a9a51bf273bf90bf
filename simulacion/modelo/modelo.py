"""El modelo Mesa: un territorio con su municipalidad, pymes, empresas, agencias y entidades financieras.

El calendario de un trimestre está en :meth:`ModeloTerritorial.step` y en docs/odd.md §3. Cada
actor es dueño de su estado (``simulacion/modelo/agentes/``, ``pymes/``); el modelo sólo los
convoca en orden. Lo que se mide está declarado en :mod:`simulacion.indicadores`.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager

import numpy as np
from mesa import Model
from mesa.datacollection import DataCollector

from simulacion.config import Configuracion
from simulacion.config.escala import escala, resolver_escala
from simulacion.indicadores import COLUMNAS_SERIE
from simulacion.modelo.agentes import Agencia, Empresa, EntidadFinanciera, Municipalidad
from simulacion.modelo.azar import Azar
from simulacion.modelo.contabilidad import Libro
from simulacion.modelo.exterior import Exterior
from simulacion.modelo.gobierno import Gobierno
from simulacion.modelo.medicion import Medicion
from simulacion.modelo.pymes import Pymes
from simulacion.modelo.territorio import actualizar_acceso, calidad_entorno, crear_grilla, distancia_al_pueblo


class ModeloTerritorial(Model):
    """Alianzas público-privadas para el desarrollo económico local en un territorio rural."""

    def __init__(self, cfg: Configuracion) -> None:
        with _sin_recolector_de_ciclos():
            self._construir(cfg)

    def _construir(self, cfg: Configuracion) -> None:
        super().__init__(rng=cfg.semilla)
        cfg = resolver_escala(cfg)  # lo que crece con el tamaño del territorio (docs/odd.md §1.4)
        self.cfg = cfg
        self.escala = escala(cfg.territorio)
        t = cfg.territorio
        self.forma = (t.ancho, t.alto)
        self.libro = Libro()
        self.medicion = Medicion()
        self.azar = Azar(cfg.semilla)  # flujos con nombre por proceso y trimestre (azar.py); Mesa guarda los suyos
        self.grilla = crear_grilla(self.azar.flujo("territorio"), self.random, t)
        self.celdas_planas = list(self.grilla.all_cells)  # índice plano i·alto + j → celda (i, j)
        self.distancia = distancia_al_pueblo(self.forma)
        actualizar_acceso(self.grilla, self.distancia, t, cfg.economia)
        self.exterior = Exterior(self.azar, cfg.economia)
        pueblo = self.celdas_planas[int(np.argmin(self.distancia))]
        self.municipalidad = Municipalidad(self, pueblo)
        self.gobierno = Gobierno(self)
        self.entidades = [EntidadFinanciera(self, pueblo, k) for k in range(t.n_entidades_financieras)]
        self.agencias = [Agencia(self, pueblo) for _ in range(t.n_agencias)]
        self.pymes = Pymes(self)
        self._poblar()
        self._prehistoria(cfg.economia.trimestres_prehistoria)
        self.libro.cerrar()  # la dotación inicial y la prehistoria no son flujos de la serie
        self.datacollector = DataCollector(model_reporters={c: self.medicion.lector(c) for c in COLUMNAS_SERIE})

    def _poblar(self) -> None:
        """Pymes iniciales en equilibrio con su territorio; el mercado local y los impuestos del
        trimestre previo salen de su producción; las empresas se ubican donde hay acceso."""
        self.pymes.poblar(self.cfg.territorio.n_pymes)
        self.exterior.fijar_demanda_local(self.pymes.oferta_tradicional())
        self.municipalidad.fijar_impuestos_previos(self.pymes.valor_produccion())
        self.pymes.produccion[:] = 0.0
        empresas = self.azar.flujo("empresas")
        for celda in self.celdas_al_azar(self.cfg.territorio.n_empresas, self.grilla.acceso.data**2, empresas):
            Empresa(self, self.celdas_planas[celda], self.cfg.economia.caja_empresa_entrante)

    @staticmethod
    def celdas_al_azar(n: int, peso: np.ndarray, azar: np.random.Generator) -> np.ndarray:
        """``n`` celdas (índices planos) con probabilidad proporcional a ``peso``, sorteadas con ``azar``."""
        w = peso.ravel() + 1e-12
        return azar.choice(w.size, size=n, p=w / w.sum())

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

    # ------------------------------------------------------------------ paso
    def step(self) -> None:
        """Un trimestre (docs/odd.md §3).

        1. exterior: demanda externa, precio de fuera, choque climático;
        2. municipalidad: recauda, gasto corriente (y mercado municipal); las agencias reciben sus
           transferencias; AP; otros gastos; las pymes proponen iniciativas; PE (concertación y
           cofinanciamiento); las demás iniciativas intentan financiarse solas;
        3. agencias: atienden hasta su capacidad;
        4. producción: producir, vender (empresas compran), eventos adversos, cobranza, caja, salidas;
        5. empresas: apropiación, salida, entrada;
        6. entradas de pymes; confianza; depreciación de la infraestructura;
        7. gobierno: lo que ve el electorado, captura, elección (si toca; docs/odd.md §7);
        8. medición (una fila de la serie).
        """
        self._trimestre(con_politica=True)
        self._medir()
        self.datacollector.collect(self)

    def _trimestre(self, con_politica: bool) -> None:
        """Las fases 1–7 de un trimestre. Sin política (la prehistoria) el exterior sólo sortea el
        clima, la municipalidad no hace AP, PE ni mercado, la infraestructura se mantiene y no hay
        elecciones."""
        self.medicion.reiniciar()
        self.azar.avanzar()
        if con_politica:
            self.exterior.avanzar()
        else:
            self.exterior.sortear_choque()
        cofinanciadas = self._fase_municipal(con_politica)
        self._fase_agencias()
        oportunidad, fracasos = self._fase_produccion()
        self._fase_empresas()
        self.pymes.entrar(oportunidad)
        self.pymes.actualizar_confianza(
            cofinanciadas, fracasos, self.municipalidad.captura_visible(), self.municipalidad.obras_del_trimestre()
        )
        if con_politica:
            self.municipalidad.depreciar_infraestructura()
            self.gobierno.cerrar_trimestre()

    def _prehistoria(self, trimestres: int) -> None:
        """Trimestres previos al inicio, no medidos: el arranque en reposo (docs/odd.md §5).

        La población inicial se sortea con capitales cercanos a su óptimo, pero las entradas, las
        salidas y los ajustes de caja tardan unos trimestres en equilibrarse: sin prehistoria las
        pymes tradicionales suben y bajan ~10 % en los primeros dos años, igual con toda estrategia.
        La prehistoria corre ese ajuste en las mismas condiciones neutras para toda estrategia
        (exterior quieto salvo el clima, infraestructura mantenida, sin AP ni PE: la política empieza
        en el trimestre 1) con el generador del modelo, así que con la misma semilla todas las
        estrategias parten del mismo estado.
        """
        for _ in range(trimestres):
            self._trimestre(con_politica=False)
        self.medicion.reiniciar()
        self.exterior.anclar_mercado_local()
        innovadoras = int(self.pymes.innovadora.sum())
        self.estado_inicial = (len(self.pymes) - innovadoras, innovadoras)  # (tradicionales, innovadoras) al empezar
        self.municipalidad.empezar_gestion()

    def _fase_municipal(self, con_politica: bool) -> np.ndarray:
        """Transferencias, presupuesto, AP, PE e iniciativas sin concertación; devuelve, por celda,
        los proyectos cofinanciados este trimestre (la confianza los ve)."""
        municipalidad, pymes = self.municipalidad, self.pymes
        ap, pe = municipalidad.reparto if con_politica else (0.0, 0.0)
        self.medicion.fijar("ap_vigente", ap)
        self.medicion.fijar("pe_vigente", pe)
        inversion = municipalidad.presupuestar(con_mercado=con_politica)
        for agencia in self.agencias:  # los programas de niveles superiores llegan al mismo tiempo
            agencia.recibir_transferencia()
        municipalidad.apoyar_produccion(ap * inversion)
        municipalidad.gastar_sin_efecto_productivo(max(0.0, 1 - ap - pe) * inversion)
        propuestas = pymes.proponer(self.exterior.ultimo_precio_nuevo)
        self.medicion.fijar("propuestas", len(propuestas))
        cofinanciadas = municipalidad.promover_economia(pe * inversion, pymes.propuestas_a_la_mesa(propuestas))
        pymes.emprender_sin_concertacion(propuestas, cofinanciadas)
        marcas = np.zeros(len(pymes))
        marcas[list(cofinanciadas)] = 1.0
        return pymes.por_celda(marcas)

    def _fase_agencias(self) -> None:
        """Las agencias formalizan lo contratado y atienden, cada una a pymes que otra no atendió
        este trimestre (un sorteo para todas, :meth:`Agencia.repartir`)."""
        self.pymes.diluir_servicios()
        Agencia.repartir(self)

    def _fase_produccion(self) -> tuple[float, np.ndarray]:
        """Producción, ventas, cobranza, ajuste de caja y salidas; devuelve la oportunidad de entrada
        y el conteo por celda de proyectos cofinanciados que fracasaron."""
        pymes = self.pymes
        pymes.producir()
        pymes.valorizar()
        prima = np.zeros(len(pymes))
        for empresa in self.empresas:
            empresa.comprar(prima)
        self.municipalidad.cobrar_impuestos(float(pymes.vender(prima).sum()))
        self.medicion.fijar("produccion_total", float(pymes.ventas.sum()))
        self.exterior.seguir_ingreso(float(pymes.ventas.sum()))
        self.medicion.fijar("empleo", pymes.empleo())
        innovadoras = pymes.innovadora.copy()
        golpe = pymes.sufrir_eventos_adversos()
        EntidadFinanciera.cobrar_carteras(self)
        pymes.ajustar_caja()
        oportunidad = pymes.oportunidad_de_entrada()
        salen = pymes.salir()
        EntidadFinanciera.castigar_carteras(self, salen)
        self._medir_dano_innovador(innovadoras, salen)
        return oportunidad, pymes.retirar_insolventes(salen, golpe)

    def _medir_dano_innovador(self, innovadoras: np.ndarray, salen: np.ndarray) -> None:
        """Producción innovadora del trimestre y la parte que desapareció: de las que eran innovadoras
        al producir, las que cerraron o dejaron de innovar (el daño, no el conteo de eventos)."""
        ventas = self.pymes.ventas
        self.medicion.fijar("produccion_innovadora", float(ventas[innovadoras].sum()))
        perdidas = innovadoras & (salen | ~self.pymes.innovadora)
        self.medicion.fijar("perdida_innovadora", float(ventas[perdidas].sum()))

    def _fase_empresas(self) -> None:
        """Empresas: apropiación de ideas, salida si pierden, entrada si el territorio atrae."""
        for empresa in self.empresas:
            empresa.apropiarse()
            if empresa.debe_salir():
                empresa.salir()
        Empresa.entrar_si_atrae(self)
        self.municipalidad.olvidar_promocion()

    # ------------------------------------------------------------------ medición
    def _medir(self) -> None:
        """Estados al cierre del trimestre (los flujos ya se sumaron donde ocurrieron)."""
        pymes = self.pymes
        deuda = float(pymes.deuda.sum())
        neto = self.libro.neto()
        flujos = self.libro.cerrar()
        valores = {
            "paso": self.steps,
            "pymes_tradicionales": int((~pymes.innovadora).sum()),
            "pymes_innovadoras": int(pymes.innovadora.sum()),
            "pymes_informales": int(pymes.informal.sum()),
            "empresas": len(self.empresas),
            "mora": float(pymes.deuda[pymes.atraso > 0].sum()) / deuda if deuda > 0 else 0.0,
            "confianza_media": float(pymes.confianza.mean()) if len(pymes) else 0.0,
            "infraestructura_media": float(calidad_entorno(self.grilla).mean()),
            "precio_nuevo": self.exterior.ultimo_precio_nuevo,
            "choque_climatico": self.exterior.severidad_choque,
            "castigos": flujos["castigos"],
            "dinero_total": self.dinero_total(),
            "flujo_neto": neto,
        }
        for columna, valor in valores.items():
            self.medicion.fijar(columna, valor)


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
