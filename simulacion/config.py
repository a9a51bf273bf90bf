"""Configuración tipada del modelo (esquema único de parámetros).

Cada parámetro vive en una sola clase y tiene un valor por defecto documentado en
``docs/modelo.md``. Las estrategias (grupo Hydra ``estrategia``) sólo cambian los
valores de :class:`Estrategia`; ningún código consulta el nombre de la estrategia.

Unidades: el dinero en miles de soles (kS/), el tiempo en trimestres (un paso).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Estrategia:
    """Instrumentos municipales (003, "Estrategias de apoyo a la producción y la promoción económica").

    ``apoyo_produccion`` y ``promocion_economica`` son fracciones del *mismo*
    presupuesto de inversión municipal; el resto va a otros gastos sin efecto productivo.
    """

    nombre: str = "personalizada"
    apoyo_produccion: float = 0.45
    promocion_economica: float = 0.45
    # Cómo se ejecuta el AP (003, "¿Qué es apoyo a la producción?")
    ap_fraccion_vial: float = 0.5  # caminos; el resto: riego, electrificación, sanidad
    ap_peso_poblacion: float = 0.7  # criterio de ubicación: población (1) o uniforme (0)
    # Cómo se ejecuta la PE (003, "¿Qué es promoción económica?", puntos a–e)
    pe_cofinanciamiento: float = 0.4  # parte pública del costo de un proyecto concertado
    pe_fraccion_infra_proyecto: float = 0.3  # de la parte pública: trochas hacia la finca
    pe_fraccion_servicios: float = 0.3  # del presupuesto PE: servicios vía agencias
    pe_fraccion_garantia: float = 0.15  # del presupuesto PE: fondo de garantía/crédito
    pe_fraccion_promocion: float = 0.05  # del presupuesto PE: promoción del territorio


@dataclass
class Territorio:
    """El territorio representativo: espacio, población inicial de actores e instituciones."""

    nombre: str = "rural"
    ancho: int = 20
    alto: int = 20
    n_pymes: int = 300
    n_empresas: int = 3
    n_agencias: int = 2
    n_entidades_financieras: int = 2
    fraccion_innovadoras_inicial: float = 0.05
    potencial_medio: float = 1.0
    potencial_dispersion: float = 0.35
    recursos_medio: float = 0.7
    infraestructura_inicial: float = 0.35
    escala_acceso: float = 5.0  # celdas: distancia a la que el acceso base cae a 1/e
    transferencias: float = 30.0  # kS/ por trimestre desde niveles superiores
    transferencias_agencias: float = 3.0  # kS/ por trimestre a cada agencia (programas nacionales, ONG)
    capital_entidad_financiera: float = 400.0
    confianza_inicial: float = 0.5
    liderazgo: float = 0.7  # liderazgo claro (003, condición c de la concertación)
    apertura: float = 0.6  # apertura a conocimiento externo (003, "CUIDADO", territorios que aprenden)
    emprendimiento: float = 1.0  # propensión de los productores a tener iniciativas
    captura: float = 0.0  # fracción de la PE desviada a "arreglos entre amigos" (003, "Control democrático")


@dataclass
class Economia:
    """Comportamiento de productores, mercados, entorno e instituciones (parámetros compartidos)."""

    # Producción (Pyme.producir)
    elasticidad_capital: float = 0.6
    productividad_media: float = 1.0
    productividad_dispersion: float = 0.15
    efecto_infra_productiva: float = 1.0  # AP (riego, electrificación) sobre la productividad
    prima_innovacion: float = 1.7  # productividad relativa de una actividad innovadora
    entorno_minimo_innovacion: float = 0.3  # semisaturación del entorno que necesita la innovación
    # Precios y mercados (Entorno)
    precio_externo_tradicional: float = 0.8  # precio de los competidores de fuera
    tendencia_precio_externo: float = -0.002  # por trimestre ("el pollo está llegando")
    margen_aislamiento: float = 0.45  # protección de precio local que da el aislamiento
    precio_innovador: float = 1.25  # precio de referencia de productos nuevos fuera
    costo_transporte: float = 0.35  # castigo al precio de venta fuera sin acceso
    demanda_externa_inicial: float = 400.0  # unidades/trimestre de productos nuevos
    crecimiento_demanda: float = 0.03  # por trimestre
    volatilidad_demanda: float = 0.04
    elasticidad_demanda: float = 3.0
    elasticidad_mercado_local: float = 2.0
    efecto_vial_acceso: float = 0.6
    # Costos y decisiones (Pyme)
    costo_fijo: float = 3.0  # kS/ por trimestre
    costo_capital: float = 0.28  # por unidad de capital y trimestre (mantenimiento, insumos)
    impuesto_local: float = 0.015  # fracción de las ventas que recauda la municipalidad
    depreciacion_capital: float = 0.02
    capital_inicial: float = 10.0
    capital_minimo: float = 2.0
    colchon_caja: float = 0.3  # caja deseada como fracción del capital
    tasa_reinversion: float = 0.5
    trimestres_perdida_salida: int = 6
    trimestres_atraso_ejecucion: int = 4  # la entidad ejecuta la deuda y la pyme sale
    # Innovación (Pyme.proponer, Municipalidad.concertar)
    probabilidad_idea_base: float = 0.01
    efecto_pares: float = 0.08  # aprendizaje de vecinos innovadores
    efecto_informacion: float = 0.04  # información de agencias
    efecto_apertura: float = 0.02  # conocimiento de fuera
    costo_proyecto: float = 25.0  # kS/ por proyecto de innovación
    horizonte_proyecto: int = 8  # trimestres en que la pyme espera recuperar su proyecto
    riesgo_innovacion: float = 0.15  # prob. trimestral de evento adverso con entorno nulo
    perdida_evento_adverso: float = 0.5  # fracción del capital perdida
    efecto_servicio_riesgo: float = 0.5  # reducción del riesgo por servicios (sanidad, asistencia)
    mejora_servicio: float = 0.03  # mejora de productividad por servicio recibido
    productividad_maxima: float = 2.0
    # Clima (Entorno)
    probabilidad_choque: float = 0.08
    severidad_choque: float = 0.35
    proteccion_riego: float = 0.8
    # Infraestructura (Municipalidad.apoyar_produccion)
    depreciacion_infra: float = 0.015
    costo_obra: float = 4.0  # kS/ por unidad de índice en una celda
    fraccion_inversion: float = 0.5  # del ingreso municipal que va a inversión
    # Crédito (EntidadFinanciera)
    tasa_interes: float = 0.03  # trimestral
    prima_riesgo_innovacion: float = 0.015
    plazo_prestamo: int = 12
    apalancamiento_maximo: float = 0.4  # préstamo máximo / capital propio
    apalancamiento_garantia: float = 0.6  # préstamo extra / capital si cubre el fondo de garantía
    cobertura_garantia: float = 0.5
    # Agencias
    costo_servicio: float = 0.5  # kS/ por pyme atendida
    # Confianza (003, "La participación y concertación")
    confianza_minima: float = 0.3
    liderazgo_minimo: float = 0.4
    ganancia_confianza: float = 0.04
    perdida_confianza: float = 0.06
    retorno_confianza: float = 0.01
    # Entradas
    tasa_entrada: float = 0.015  # entradas por trimestre como fracción de pymes, con oportunidad
    rentabilidad_referencia: float = 0.03  # ganancia/capital trimestral que atrae entradas "normales"
    caja_empresa_entrante: float = 20.0
    # Empresas
    radio_empresa: int = 3
    prima_vinculo: float = 0.08  # sobreprecio que paga una empresa compradora
    fraccion_compra: float = 0.3
    margen_empresa: float = 0.25
    costo_fijo_empresa: float = 1.5
    probabilidad_apropiacion: float = 0.01  # 002: el operador grande se apropia de ideas
    probabilidad_entrada_empresa: float = 0.05
    efecto_promocion: float = 0.05  # por kS/ de promoción acumulada


@dataclass
class Umbrales:
    """Umbrales del clasificador de ``desenlace``, iguales para toda estrategia (modelo-conceptual §4)."""

    crecimiento_minimo: float = 0.02  # crecimiento anual de la producción para "crecimiento"
    caida_descomposicion: float = -0.2  # cambio relativo de pymes activas
    crecimiento_descomposicion: float = -0.02  # crecimiento anual bajo el cual hay descomposición
    fraccion_innovadora_minima: float = 0.15  # actividad innovadora apreciable
    fracaso_maximo: float = 0.08  # salidas innovadoras por innovadora-año
    volatilidad_maxima: float = 0.12  # desvío típico del crecimiento trimestral


@dataclass
class Muestreo:
    """Diseño de un barrido que no es una grilla (hoy: Morris, ``simulacion.diseno``; docs/barridos.md).

    Con ``indice`` en ``None`` (por defecto) no cambia nada. Con un índice, la corrida toma los valores
    de la fila ``indice`` del diseño de Morris sobre ``parametros`` (clave → [mínimo, máximo]).
    """

    indice: int | None = None  # fila del diseño que corre este trabajo
    parametros: dict[str, list[Any]] = field(default_factory=dict)  # p. ej. economia.costo_fijo: [2.0, 4.0]
    trayectorias: int = 10  # trayectorias de Morris (corridas = trayectorias × (parámetros + 1))
    niveles: int = 4  # niveles de la grilla de Morris
    semilla: int = 0  # semilla del diseño (no del modelo)


@dataclass
class Configuracion:
    """Configuración completa de una simulación."""

    semilla: int = 0
    pasos: int = 40
    estrategia: Estrategia = field(default_factory=Estrategia)
    territorio: Territorio = field(default_factory=Territorio)
    economia: Economia = field(default_factory=Economia)
    umbrales: Umbrales = field(default_factory=Umbrales)
    muestreo: Muestreo = field(default_factory=Muestreo)


def registrar_esquema() -> None:
    """Registra el esquema tipado en el ConfigStore de Hydra (nombre ``esquema``)."""
    from hydra.core.config_store import ConfigStore

    ConfigStore.instance().store(name="esquema", node=Configuracion)
