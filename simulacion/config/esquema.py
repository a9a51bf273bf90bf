"""Configuración tipada del modelo (esquema único de parámetros).

Cada parámetro vive en una sola clase y tiene un valor por defecto documentado en la tabla de
parámetros de ``docs/odd.md`` (generada de este esquema). Las estrategias (grupo Hydra
``estrategia``) sólo cambian los valores de :class:`Estrategia`; ningún código consulta el nombre
de la estrategia.

Los parámetros de **contexto** (lo que la municipalidad no decide) llevan además su rango plausible y
su fuente (:mod:`simulacion.config.contexto`); el grupo Hydra ``contexto`` les da valores con nombre.

Unidades: el dinero en miles de soles (kS/), el tiempo en trimestres (un paso).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, ClassVar

from simulacion.config.contexto import (
    CRECIMIENTO_DEMANDA,
    DEPRECIACION_PRODUCTIVA,
    DEPRECIACION_VIAL,
    FRACCION_VIAL,
    PRECIO_LARGO_PLAZO,
    TENDENCIA_PRECIO,
    Plausible,
)


@dataclass(frozen=True)
class Rango:
    """Valores aceptados de un parámetro numérico: de ``minimo`` a ``maximo`` (ambos finitos).

    Lo verifica :func:`simulacion.config.verificacion.validar`; ``motivo`` explica un límite que sale del modelo.
    """

    minimo: float
    maximo: float
    abierto_abajo: bool = False  # el mínimo mismo no se acepta (debe ser mayor)
    motivo: str = ""


def rango(
    defecto, minimo, maximo, *, abierto_abajo: bool = False, motivo: str = "", plausible: Plausible | None = None
):
    """Campo con su valor por defecto y su rango aceptado (metadato ``rango``); uno de contexto, además
    con su rango plausible y su fuente (metadato ``plausible``)."""
    metadatos = {"rango": Rango(minimo, maximo, abierto_abajo, motivo)}
    if plausible is not None:
        metadatos["plausible"] = plausible
    return field(default=defecto, metadata=metadatos)


def fraccion(defecto: float, motivo: str = "", plausible: Plausible | None = None):
    """Campo con valores en [0, 1]: fracciones, probabilidades, índices."""
    return rango(defecto, 0.0, 1.0, motivo=motivo, plausible=plausible)


def positivo(defecto: float, maximo: float, motivo: str = ""):
    """Campo estrictamente mayor que 0 (divide o es una escala) y a lo sumo ``maximo``."""
    return rango(defecto, 0.0, maximo, abierto_abajo=True, motivo=motivo)


@dataclass
class Estrategia:
    """Instrumentos municipales (003, "Estrategias de apoyo a la producción y la promoción económica").

    ``apoyo_produccion`` y ``promocion_economica`` son fracciones del *mismo*
    presupuesto de inversión municipal; el resto va a otros gastos sin efecto productivo.
    """

    # Fracciones de un mismo presupuesto: su suma no puede pasar de 1 (las verifica simulacion.config.verificacion).
    SUMAS: ClassVar[tuple[tuple[str, ...], ...]] = (
        ("apoyo_produccion", "promocion_economica"),
        ("pe_fraccion_servicios", "pe_fraccion_garantia", "pe_fraccion_promocion", "pe_fraccion_formalizacion"),
    )

    nombre: str = "personalizada"
    apoyo_produccion: float = fraccion(0.45)
    promocion_economica: float = fraccion(0.45)
    # Cómo se ejecuta el AP (003, "¿Qué es apoyo a la producción?")
    # caminos; el resto: riego, electrificación, sanidad (contexto)
    ap_fraccion_vial: float = fraccion(0.5, plausible=FRACCION_VIAL)
    ap_peso_poblacion: float = fraccion(0.7)  # criterio de ubicación: población (1) o uniforme (0)
    # Cómo se ejecuta la PE (003, "¿Qué es promoción económica?", puntos a–e)
    pe_cofinanciamiento: float = fraccion(0.4)  # parte pública del costo de un proyecto concertado
    pe_fraccion_infra_proyecto: float = fraccion(0.3)  # de la parte pública: trochas hacia la finca
    pe_fraccion_servicios: float = fraccion(0.3)  # del presupuesto PE: servicios vía agencias
    pe_fraccion_garantia: float = fraccion(0.15)  # del presupuesto PE: fondo de garantía/crédito
    pe_fraccion_promocion: float = fraccion(0.05)  # del presupuesto PE: promoción del territorio
    # del presupuesto PE: formalización de pymes informales vía agencias (004; 0 = no se ofrece)
    pe_fraccion_formalizacion: float = fraccion(0.0)
    # La municipalidad empresaria (003, Caso II y "no SUSTITUIRLOS"): fracción del presupuesto de
    # inversión que se va, antes del AP y la PE, a construir y operar un mercado municipal (0 = no hay).
    mercado_municipal: float = fraccion(0.0)


@dataclass
class Territorio:
    """El territorio representativo: espacio, población inicial de actores e instituciones.

    El tamaño es escala, no riqueza (docs/odd.md §1.4): ``n_pymes`` fija el tamaño y
    lo que crece con la población crece con él, salvo que se fije a mano. Los campos en ``None``
    (por defecto) los deriva :func:`simulacion.config.escala.resolver_escala` con el factor
    ``n_pymes / PYMES_REFERENCIA``:
    el lado de la grilla (misma densidad de pymes por celda), la escala del acceso (misma forma
    del acceso al pueblo en distancias relativas), las transferencias (``transferencias_por_pyme``
    por pyme, como el FONCOMUN se reparte por habitante) y los números de empresas, agencias y
    entidades financieras (cada una con la misma caja o capital). Un territorio más pobre o más
    rico es ``transferencias_por_pyme``, no el tamaño.
    """

    PYMES_REFERENCIA: ClassVar[int] = 300  # el territorio de referencia: 300 pymes, grilla 20 × 20
    # Valores del territorio de referencia de los campos que escalan (``None`` = derivar).
    REFERENCIA: ClassVar[dict[str, float]] = {
        "lado": 20,
        "escala_acceso": 5.0,
        "n_empresas": 3,
        "n_agencias": 2,
        "n_entidades_financieras": 2,
    }

    nombre: str = "rural"
    # None: lado = 20 × √(n_pymes / 300)
    ancho: int | None = rango(None, 2, 1000, motivo="las distancias al pueblo se normalizan por la mayor")
    alto: int | None = rango(None, 2, 1000, motivo="las distancias al pueblo se normalizan por la mayor")
    n_pymes: int = rango(300, 1, 500_000)
    n_empresas: int | None = rango(None, 0, 10_000)  # None: 3 × n_pymes / 300
    # None: 2 × n_pymes / 300 (al menos 1)
    n_agencias: int | None = rango(None, 1, 1_000, motivo="la promoción económica les contrata los servicios")
    n_entidades_financieras: int | None = rango(
        None, 1, 1_000, motivo="administran el crédito y el fondo de garantía"
    )  # None: 2 × n_pymes / 300 (al menos 1)
    fraccion_innovadoras_inicial: float = fraccion(0.05)
    potencial_medio: float = positivo(1.0, 10.0)
    potencial_dispersion: float = rango(0.35, 0.0, 5.0)
    recursos_medio: float = fraccion(0.7)
    recursos_dispersion: float = rango(0.15, 0.0, 1.0)  # desvío espacial de la calidad de recursos
    infraestructura_inicial: float = fraccion(0.45)
    # celdas: distancia a la que el acceso base cae a 1/e; None: 5 × lado / 20
    escala_acceso: float | None = rango(None, 0.1, 1_000.0)
    # kS/ por trimestre desde niveles superiores; None: transferencias_por_pyme × n_pymes
    transferencias: float | None = rango(None, 0.0, 1e5)
    # kS/ por pyme y trimestre (FONCOMUN se reparte por habitante): la riqueza del territorio
    transferencias_por_pyme: float = rango(0.5, 0.0, 1e3)
    # kS/ por trimestre a cada agencia (programas nacionales, ONG)
    transferencias_agencias: float = rango(3.0, 0.0, 1e4)
    capital_entidad_financiera: float = rango(400.0, 0.0, 1e6)
    confianza_inicial: float = fraccion(0.5)
    liderazgo: float = fraccion(0.7)  # liderazgo claro (003, condición c de la concertación)
    apertura: float = fraccion(0.6)  # apertura a conocimiento externo (003, "CUIDADO", territorios que aprenden)
    emprendimiento: float = rango(1.0, 0.0, 100.0)  # propensión de los productores a tener iniciativas
    captura: float = fraccion(0.0)  # fracción de la PE desviada a "arreglos entre amigos" (003, "Control democrático")
    # fracción de las pymes informales (004: quedan fuera del crédito y de los programas); 0 = todas formales
    fraccion_informal: float = fraccion(0.0)


@dataclass
class Economia:
    """Comportamiento de productores, mercados, entorno e instituciones (parámetros compartidos)."""

    # Producción (Pymes.producir)
    elasticidad_capital: float = positivo(
        0.6,
        0.95,
        motivo="el capital objetivo crece como (·)^(1/(1−β)) y desborda cerca de 1",
    )
    productividad_media: float = positivo(1.0, 10.0)
    productividad_dispersion: float = rango(0.15, 0.0, 5.0)
    efecto_infra_productiva: float = rango(0.7, 0.0, 10.0)  # AP (riego, electrificación) sobre la productividad
    prima_innovacion: float = positivo(1.8, 10.0)  # productividad relativa de una actividad innovadora
    # semisaturación del entorno que necesita la innovación
    entorno_minimo_innovacion: float = positivo(0.16, 10.0, motivo="es una semisaturación: divide al entorno")
    # Precios y mercados (Exterior)
    precio_externo_tradicional: float = rango(0.8, 0.0, 100.0)  # precio de los competidores de fuera
    # ("el pollo está llegando": un cambio de nivel al integrarse los mercados, no una caída para
    # siempre). −0,024 × (0,8 − 0,6) = −0,0048 por trimestre al inicio, la caída de antes (−0,6 % de
    # 0,8); a 40 trimestres 0,68, a 80 0,63.
    # por trimestre, de la brecha entre el precio de fuera y su nivel de largo plazo (contexto)
    tendencia_precio_externo: float = rango(-0.024, -0.2, 0.2, plausible=TENDENCIA_PRECIO)
    # kS/ por unidad: donde se queda el precio de fuera (contexto)
    precio_externo_largo_plazo: float = rango(0.6, 0.0, 100.0, plausible=PRECIO_LARGO_PLAZO)
    margen_aislamiento: float = rango(0.45, 0.0, 100.0)  # protección de precio local que da el aislamiento
    precio_innovador: float = positivo(1.25, 100.0)  # precio de referencia de productos nuevos fuera
    costo_transporte: float = rango(0.35, 0.0, 100.0)  # castigo al precio de venta fuera sin acceso
    # unidades/trimestre de productos nuevos; None: demanda_externa_por_pyme × n_pymes (escala)
    demanda_externa_inicial: float | None = rango(None, 0.0, 1e7)
    demanda_externa_por_pyme: float = rango(4 / 3, 0.0, 1e4)  # 400 unidades en el territorio de 300 pymes
    # por trimestre, al inicio (lejos del techo) (contexto)
    crecimiento_demanda: float = rango(0.025, -0.2, 0.2, plausible=CRECIMIENTO_DEMANDA)
    # La demanda de productos nuevos crece hacia un techo (múltiplo de la inicial): crecimiento
    # logístico, el segmento de Lima que compra queso no crece para siempre (003, PE punto b).
    techo_demanda: float = rango(6.0, 1.0, 1e3)
    volatilidad_demanda: float = rango(0.04, 0.0, 1.0)
    elasticidad_demanda: float = rango(3.0, 0.1, 100.0)
    elasticidad_mercado_local: float = rango(2.4, 0.1, 100.0)
    # Los hogares gastan en lo local lo que ganan: la demanda local de productos tradicionales sigue al
    # ingreso del territorio (ventas de las pymes, promedio móvil de un año) con esta elasticidad.
    # 0 = demanda local fija. (003: "mejorar la interrelación campo-ciudad ... desarrollando mercados")
    elasticidad_ingreso_local: float = rango(0.5, 0.0, 5.0)
    efecto_vial_acceso: float = fraccion(0.6)
    # Costos y decisiones (Pymes)
    costo_fijo: float = rango(3.0, 0.0, 1e3)  # kS/ por trimestre
    # por unidad de capital y trimestre (mantenimiento, insumos)
    costo_capital: float = rango(0.28, 0.001, 10.0, motivo="el capital objetivo divide por este costo")
    impuesto_local: float = fraccion(0.015)  # fracción de las ventas que recauda la municipalidad
    depreciacion_capital: float = fraccion(0.02)
    capital_inicial: float = positivo(10.0, 1e4)
    capital_minimo: float = rango(2.0, 0.0, 1e4)
    capital_maximo: float = positivo(90.0, 1e6)  # kS/: escala máxima de un pequeño productor (tierra, mano de obra)
    colchon_caja: float = rango(0.3, 0.0, 10.0)  # caja deseada como fracción del capital
    tasa_reinversion: float = fraccion(0.5)
    trimestres_perdida_salida: int = rango(6, 1, 10_000)
    trimestres_atraso_ejecucion: int = rango(4, 1, 10_000)  # la entidad ejecuta la deuda y la pyme sale
    # Innovación (Pymes.proponer, Municipalidad.condiciones_concertacion y cofinanciar)
    probabilidad_idea_base: float = fraccion(0.01)
    efecto_pares: float = fraccion(0.15)  # aprendizaje de vecinos innovadores
    efecto_informacion: float = fraccion(0.04)  # información de agencias
    efecto_apertura: float = fraccion(0.02)  # conocimiento de fuera
    costo_proyecto: float = positivo(36.0, 1e5)  # kS/ por proyecto de innovación
    horizonte_proyecto: int = rango(8, 1, 10_000)  # trimestres en que la pyme espera recuperar su proyecto
    riesgo_innovacion: float = fraccion(0.37)  # prob. trimestral de evento adverso con entorno nulo
    # entorno (caminos + riego/sanidad) desde el cual los eventos adversos se vuelven raros
    entorno_seguro: float = rango(0.45, 0.01, 1.0, motivo="el riesgo divide al entorno por este umbral")
    # suavidad del déficit de entorno: con ella el riesgo baja sin cortarse en ``entorno_seguro``
    # (softplus; con 1000 es el corte de antes, max(0, 1 − entorno/entorno_seguro))
    suavidad_riesgo: float = rango(8.0, 1.0, 1000.0, motivo="divide al logaritmo del déficit suavizado")
    perdida_evento_adverso: float = fraccion(0.5)  # fracción del capital perdida
    efecto_servicio_riesgo: float = fraccion(0.5)  # reducción del riesgo por servicios (sanidad, asistencia)
    mejora_servicio: float = fraccion(0.03)  # mejora de productividad por servicio recibido
    # fracción del efecto de un servicio que queda al trimestre siguiente (se diluye en unos trimestres)
    persistencia_servicio: float = fraccion(0.7)
    # peso extra de una innovadora al elegir a quién atiende una agencia (frente al acceso, 0–1)
    prioridad_innovadoras_servicio: float = rango(3.0, 0.0, 1e3)
    productividad_maxima: float = positivo(2.0, 100.0)
    # Clima (Exterior)
    probabilidad_choque: float = fraccion(0.08)
    severidad_choque: float = rango(
        0.35,
        0.0,
        0.66,
        motivo="un choque llega a 1,5 veces la severidad y no puede destruir más que toda la producción",
    )
    proteccion_riego: float = fraccion(0.8)
    # Infraestructura (Municipalidad.apoyar_produccion y depreciar_infraestructura). Contexto: cuánto dura
    # cada tipo de obra; el defecto de las dos, 0,03 por trimestre (≈ 8 años), es el de antes de separarlas.
    depreciacion_infra_vial: float = fraccion(0.03, plausible=DEPRECIACION_VIAL)  # caminos
    # riego, electrificación, saneamiento
    depreciacion_infra_productiva: float = fraccion(0.03, plausible=DEPRECIACION_PRODUCTIVA)
    # kS/ por unidad de índice en una celda
    costo_obra: float = rango(4.2, 0.001, 1e5, motivo="divide al gasto en obras")
    fraccion_inversion: float = fraccion(0.5)  # del ingreso municipal que va a inversión
    # trimestres de presupuesto PE que pueden quedar sin ejecutar antes de volver al gasto general
    trimestres_fondo_pe: int = rango(4, 0, 10_000)
    # Crédito (EntidadFinanciera)
    tasa_interes: float = rango(0.03, 1e-4, 1.0, motivo="la cuota fija divide por 1 − (1 + tasa)^−plazo")  # trimestral
    prima_riesgo_innovacion: float = fraccion(0.015)
    plazo_prestamo: int = rango(12, 1, 10_000)
    apalancamiento_maximo: float = rango(0.4, 0.0, 10.0)  # préstamo máximo / capital propio
    apalancamiento_garantia: float = rango(0.6, 0.0, 10.0)  # préstamo extra / capital si cubre el fondo de garantía
    cobertura_garantia: float = fraccion(0.5)
    # Agencias
    # kS/ por pyme atendida
    costo_servicio: float = rango(0.5, 0.001, 1e3, motivo="el cupo de una agencia es caja / costo")
    # kS/ por pyme formalizada (trámites, registro, asesoría): el cupo de formalización es fondo / costo
    costo_formalizacion: float = rango(1.5, 0.001, 1e3, motivo="el cupo de formalización es fondo / costo")
    # Confianza (003, "La participación y concertación")
    confianza_minima: float = fraccion(0.3)
    liderazgo_minimo: float = fraccion(0.4)
    ganancia_confianza: float = fraccion(0.04)
    perdida_confianza: float = fraccion(0.06)
    retorno_confianza: float = fraccion(0.01)
    # peso de las obras AP entregadas en la vecindad (en costos de obra) como compromisos cumplidos
    confianza_por_obras: float = rango(0.5, 0.0, 10.0)
    # un proyecto que el fondo PE ya no alcanza a cofinanciar resta esta fracción de perdida_confianza
    perdida_confianza_rechazo: float = fraccion(0.5)
    # Prehistoria (arranque en reposo, docs/odd.md §5): trimestres previos al inicio, iguales para toda estrategia,
    # con el entorno quieto, la infraestructura mantenida como está y sin AP ni PE; no entran a la
    # serie. La población inicial se asienta en su estado estacionario antes de la política.
    trimestres_prehistoria: int = rango(24, 0, 1_000)  # trimestres sin política antes del 1 (no medidos)
    # Entradas
    tasa_entrada: float = fraccion(0.015)  # entradas por trimestre como fracción de pymes, con oportunidad
    # ganancia/capital trimestral que atrae entradas "normales"
    rentabilidad_referencia: float = positivo(0.03, 10.0, motivo="divide a la rentabilidad media")
    caja_empresa_entrante: float = rango(20.0, 0.0, 1e5)
    # capital de una pyme entrante: capital_inicial por un sorteo uniforme entre este mínimo y 1
    capital_entrante_minimo: float = fraccion(0.6)
    # Empleo (medición)
    empleo_por_capital: float = rango(0.2, 0.0, 100.0)  # puestos por kS/ de capital, además de uno por pyme
    # Desarrollo (medición, issue 24 punto 8; no cambia la dinámica): ingreso del hogar de una pyme por
    # trimestre bajo el cual su familia queda bajo la subsistencia (columna fraccion_bajo_subsistencia)
    linea_subsistencia: float = rango(0.5, 0.0, 1e4)
    # Empresas
    radio_empresa: int = rango(3, 0, 1_000)
    capacidad_compra_empresa: float = rango(15.0, 0.0, 1e6)  # kS/ por trimestre de una empresa que entra
    reinversion_empresa: float = fraccion(0.5)  # de la ganancia de una empresa, a más capacidad de compra
    atractivo_base: float = rango(0.5, 0.0, 10.0)  # atractivo para empresas sin actividad innovadora
    prima_vinculo: float = rango(0.08, 0.0, 10.0)  # sobreprecio que paga una empresa compradora
    fraccion_compra: float = fraccion(0.3)
    margen_empresa: float = fraccion(0.25)
    costo_fijo_empresa: float = rango(1.5, 0.0, 1e4)
    probabilidad_apropiacion: float = fraccion(0.02)  # 002: por innovadora del radio de una empresa y trimestre
    probabilidad_entrada_empresa: float = fraccion(0.05)
    efecto_promocion: float = rango(0.05, 0.0, 10.0)  # por kS/ de promoción acumulada
    persistencia_promocion: float = fraccion(0.9)  # fracción de la promoción acumulada que queda al trimestre siguiente
    # Mercado municipal (003, Caso II), sólo si estrategia.mercado_municipal > 0
    puestos_mercado: int = rango(20, 1, 100_000)  # comerciantes inquilinos (las pymes más cerca del pueblo)
    alquiler_puesto: float = rango(0.5, 0.0, 1e4)  # kS/ por puesto y trimestre, lo que la municipalidad planifica
    subsidio_puesto: float = rango(0.4, 0.0, 1e4)  # kS/ por puesto y trimestre en servicios (agua, luz, limpieza)
    morosidad_mercado: float = fraccion(0.7)  # fracción del alquiler que los inquilinos no pagan


@dataclass
class Gobierno:
    """Elecciones, gestiones y captura de la alianza (docs/odd.md §7, Gobierno; ``simulacion/modelo/gobierno.py``).

    Con ``periodo_electoral`` en 0 (por defecto) no hay elecciones: la gestión de la estrategia dura toda
    la corrida. Con ``velocidad_captura`` en 0 (por defecto) la captura es la constante
    ``territorio.captura``, como antes.
    """

    # trimestres entre elecciones municipales (000: los ciclos electorales); 0 = sin elecciones
    periodo_electoral: int = rango(0, 0, 10_000, motivo="0 = sin elecciones")
    # pactos suprapartidarios, mesa y plan concertados (000): parte del reparto y de la mesa que sobrevive
    institucionalizacion: float = fraccion(0.0)
    # probabilidad de reelección con obras a media intensidad y el ingreso local quieto
    reeleccion_base: float = fraccion(0.5)
    # peso en el voto de las obras AP a la vista (fracción de la inversión del período gastada en obras)
    voto_obras: float = rango(0.6, 0.0, 10.0)
    # peso en el voto del crecimiento del ingreso local del período (ventas de las pymes)
    voto_ingreso: float = rango(1.0, 0.0, 100.0)
    # trimestres que tarda una gestión nueva en reinstalar la mesa si no está institucionalizada
    trimestres_reinstalacion: int = rango(4, 0, 10_000)
    # trimestres en que un proyecto cofinanciado sigue en ejecución (su cofinanciamiento puede cortarse)
    trimestres_ejecucion: int = rango(4, 1, 10_000)
    # captura endógena (003, "Control democrático"): 0 = la constante territorio.captura
    velocidad_captura: float = fraccion(0.0)
    captura_maxima: float = fraccion(0.6)  # captura de un foro cerrado sin ningún control
    # transparencia y participación (rendición de cuentas, control ciudadano; 003): baja la captura
    control_democratico: float = fraccion(0.5)


@dataclass
class Umbrales:
    """Umbrales del clasificador de ``desenlace``, iguales para toda estrategia (docs/odd.md §4.2)."""

    # Elegidos por experimentos/calibracion.py (docs/validacion.md, Calibración): cada uno se puede mover
    # ±20 % y cada uno decide corridas.
    crecimiento_minimo: float = rango(0.021, -1.0, 10.0)  # crecimiento anual de la producción para "crecimiento"
    crecimiento_descomposicion: float = rango(-0.015, -1.0, 10.0)  # crecimiento anual bajo el cual hay descomposición
    # parte de la producción innovadora que desaparece por año sobre la cual hay "fragilidad" (el daño, no el conteo)
    perdida_innovadora_maxima: float = rango(0.012, 0.0, 100.0)


@dataclass
class Canales:
    """Interruptores de los canales causales (docs/odd.md §4.1), para ablaciones: todos encendidos por
    defecto. Apagar uno quita ese mecanismo y deja todo lo demás igual (experimentos/ablacion.py)."""

    ap_productividad: bool = True  # canal 1: riego, electricidad y sanidad suben la productividad y protegen del clima
    acceso_vial: bool = True  # canal 2: los caminos suben el acceso (exportar y competir con lo de fuera)
    cofinanciamiento: bool = True  # canal 3: la mesa cofinancia proyectos con aporte privado comprometido
    servicios: bool = True  # canal 3: los servicios de las agencias suben la productividad y bajan el riesgo
    garantia: bool = True  # canal 3: el fondo de garantía amplía el crédito de los proyectos concertados
    aprendizaje: bool = True  # canal 3: pares innovadores e información de agencias dan ideas
    riesgo_entorno: bool = True  # canal 4: la innovación fracasa y rinde menos donde el entorno es pobre
    confianza: bool = True  # canal 5: la confianza sube con compromisos cumplidos y baja con fracasos y captura
    recaudacion_local: bool = True  # canal 6: el impuesto local sigue a la actividad (si no, queda el del inicio)
    promocion_inversionistas: bool = True  # PE punto e: la promoción atrae empresas de fuera
    apropiacion: bool = True  # 002: un operador grande se apropia de ideas innovadoras
    desplazamiento_mercado: bool = True  # 003 Caso II: las inquilinas del mercado municipal no venden a privados


@dataclass
class Muestreo:
    """Diseño de un barrido que no es una grilla (``simulacion.config.muestreo``; docs/barridos.md).

    Con ``indice`` en ``None`` (por defecto) no cambia nada. Con un índice, la corrida toma los valores
    de la fila ``indice`` del diseño ``metodo`` sobre ``parametros`` (clave → [mínimo, máximo]).
    """

    indice: int | None = None  # fila del diseño que corre este trabajo
    parametros: dict[str, list[Any]] = field(default_factory=dict)  # p. ej. economia.costo_fijo: [2.0, 4.0]
    metodo: str = "morris"  # morris (cribado), sobol (índices de Sobol) o hipercubo (hipercubo latino)
    trayectorias: int = 10  # trayectorias de Morris (corridas = trayectorias × (parámetros + 1))
    muestras: int = 64  # sobol: muestras base N (corridas = N × (parámetros + 2)); hipercubo: puntos
    niveles: int = 4  # niveles de la grilla de Morris
    semilla: int = 0  # semilla del diseño (no del modelo)


@dataclass
class Salidas:
    """Archivos de cada corrida, además de ``series.parquet`` y ``resumen.json`` (docs/barridos.md).
    No cambian la simulación."""

    # series.png de cada corrida: None = sí en una corrida suelta, no dentro de un barrido (es ≈ 70 % del
    # trabajo de una corrida; las figuras del barrido salen de su tabla larga); true o false lo fuerzan
    grafico: bool | None = None


@dataclass
class Configuracion:
    """Configuración completa de una simulación."""

    semilla: int = rango(0, 0, 2**63 - 1)
    pasos: int = rango(40, 2, 2_000, motivo="el desenlace se clasifica con al menos 2 trimestres")
    estrategia: Estrategia = field(default_factory=Estrategia)
    territorio: Territorio = field(default_factory=Territorio)
    economia: Economia = field(default_factory=Economia)
    umbrales: Umbrales = field(default_factory=Umbrales)
    canales: Canales = field(default_factory=Canales)
    gobierno: Gobierno = field(default_factory=Gobierno)
    muestreo: Muestreo = field(default_factory=Muestreo)
    salidas: Salidas = field(default_factory=Salidas)


def parametros_de_contexto() -> dict[str, Plausible]:
    """Clave completa (``economia.crecimiento_demanda``) → rango plausible de cada parámetro de contexto."""
    return {
        f"{seccion.name}.{f.name}": f.metadata["plausible"]
        for seccion in fields(Configuracion)
        if is_dataclass(seccion.default_factory)
        for f in fields(seccion.default_factory)
        if "plausible" in f.metadata
    }


def registrar_esquema() -> None:
    """Registra el esquema tipado en el ConfigStore de Hydra (nombre ``esquema``), una vez por
    proceso: volver a convertirlo cuesta ≈ 0,05 s por llamada a ``simular`` (docs/rendimiento.md)."""
    from hydra.core.config_store import ConfigStore

    almacen = ConfigStore.instance()
    if "esquema.yaml" not in almacen.repo:
        almacen.store(name="esquema", node=Configuracion)
