"""El gobierno local en el tiempo: elecciones, gestiones, institucionalización y captura de la alianza.

No es un agente Mesa (como el :class:`~simulacion.modelo.exterior.Exterior`): es el calendario político
de la municipalidad. El reparto AP/PE en vigor sigue siendo de la municipalidad
(:meth:`~simulacion.modelo.agentes.Municipalidad.cambiar_reparto`); el gobierno decide cuándo cambia
de gestión y con qué reparto, y qué compromisos de la gestión anterior sobreviven (docs/odd.md §7).

Con los valores por defecto (``gobierno.periodo_electoral`` = 0, ``gobierno.velocidad_captura`` = 0) no
sortea nada y la captura es la constante ``territorio.captura``: los resultados son los de antes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from simulacion.modelo.modelo import ModeloTerritorial

TRIMESTRES_INGRESO = 4  # trimestres con que el electorado compara el ingreso local al empezar y al terminar


class Gobierno:
    """Elecciones y gestiones municipales, la mesa entre gestiones y la captura de la alianza."""

    def __init__(self, modelo: ModeloTerritorial) -> None:
        self.modelo = modelo
        self.gestion = 1  # la gestión que elige la estrategia
        self.captura = float(modelo.cfg.territorio.captura)  # fracción del fondo PE desviada en vigor
        self.mesa_suspendida = 0  # trimestres que faltan para que una gestión nueva reinstale la mesa
        self._empezar_periodo()

    @property
    def plan(self) -> tuple[float, float]:
        """El reparto (AP, PE) del plan concertado de largo plazo: el de la estrategia."""
        s = self.modelo.cfg.estrategia
        return (s.apoyo_produccion, s.promocion_economica)

    def _empezar_periodo(self) -> None:
        """Lo que el electorado ve de una gestión se cuenta desde el inicio de su período."""
        self.obras_periodo = 0.0  # kS/ gastados en obras AP en el período
        self.inversion_periodo = 0.0  # kS/ de presupuesto de inversión del período
        self.ingresos_periodo: list[float] = []  # ventas de las pymes de cada trimestre del período

    def mesa_en_pie(self) -> bool:
        """La mesa de concertación puede reunirse (no la disolvió una gestión nueva hace poco)."""
        return self.mesa_suspendida == 0

    # ------------------------------------------------------------------ fase de gobierno
    def cerrar_trimestre(self) -> None:
        """Fase de gobierno, al cierre de un trimestre con política: registra lo que el electorado ve,
        mueve la captura, celebra la elección si toca y mide ``eleccion``, ``gestion`` y ``captura``."""
        modelo, g = self.modelo, self.modelo.cfg.gobierno
        medicion = modelo.medicion
        self.obras_periodo += medicion["inversion_publica_ap"]
        self.inversion_periodo += modelo.cfg.economia.fraccion_inversion * medicion["presupuesto_municipal"]
        self.ingresos_periodo.append(medicion["produccion_total"])
        self.mesa_suspendida = max(0, self.mesa_suspendida - 1)
        self.mover_captura()
        eleccion = g.periodo_electoral > 0 and modelo.steps % g.periodo_electoral == 0
        if eleccion:
            self.celebrar_eleccion()
        medicion.fijar("eleccion", int(eleccion))
        medicion.fijar("gestion", self.gestion)
        medicion.fijar("captura", self.captura)

    def probabilidad_reeleccion(self) -> float:
        """El electorado premia lo que ve: obras AP entregadas y el ingreso local.

        000 ("Las inversiones locales para el desarrollo ... requieren tiempos más largos de maduración
        que los que encierran los ciclos electorales") y 003 ("apostar por las actividades tradicionales
        (OBRAS)"): p = ``reeleccion_base`` + ``voto_obras`` × (obras − ½) + ``voto_ingreso`` × crecimiento
        del ingreso, entre 0 y 1. Obras: fracción del presupuesto de inversión del período gastada en
        obras AP; crecimiento: ventas del último año del período sobre las del primero, menos 1 (con
        períodos de menos de 8 trimestres, de la primera y la última mitad; con 1 trimestre, 0)."""
        g = self.modelo.cfg.gobierno
        obras = self.obras_periodo / self.inversion_periodo if self.inversion_periodo > 0 else 0.0
        ingresos = self.ingresos_periodo
        k = min(TRIMESTRES_INGRESO, len(ingresos) // 2)
        inicio = float(np.mean(ingresos[:k])) if k else 0.0
        crecimiento = float(np.mean(ingresos[-k:])) / inicio - 1 if inicio > 0 else 0.0
        p = g.reeleccion_base + g.voto_obras * (obras - 0.5) + g.voto_ingreso * crecimiento
        return float(np.clip(p, 0.0, 1.0))

    def celebrar_eleccion(self) -> None:
        """Elección municipal: la gestión sigue con probabilidad :meth:`probabilidad_reeleccion`; si
        pierde, gobierna el retador con su reparto (:meth:`propuesta_retador`) desde el trimestre
        siguiente."""
        if self.modelo.azar.flujo("elecciones").random() < self.probabilidad_reeleccion():
            self._empezar_periodo()
            return
        self.cambiar_gestion(*self.propuesta_retador())

    def propuesta_retador(self) -> tuple[float, float]:
        """El retador conserva cuánto del presupuesto de inversión va a AP + PE (el margen que deja el
        gasto corriente) y sortea cómo repartirlo: la parte del AP es uniforme entre 0 y 1.

        002: "en caso de cambio de condiciones o de orientación política de autoridades, los programas
        suelen ser reorientados totalmente". Que las gestiones se inclinen hacia el AP no está en la
        regla: sale de la elección, si el electorado premia las obras (F12)."""
        total = sum(self.modelo.municipalidad.reparto)
        parte_ap = float(self.modelo.azar.flujo("elecciones").random())
        return (parte_ap * total, (1 - parte_ap) * total)

    def cambiar_gestion(self, apoyo_produccion: float, promocion_economica: float) -> None:
        """Una gestión nueva gobierna desde el trimestre siguiente (por elección o, en el taller, a mano).

        000: "Las iniciativas de desarrollo económico local deben institucionalizarse mediante ... pactos
        locales de carácter suprapartidario ... a fin de evitar la incertidumbre provocada por los cambios
        de responsables políticos locales". Con ``institucionalizacion`` = i, el plan concertado ata el
        reparto nuevo en la fracción i (reparto = (1 − i) × el pedido + i × el del plan) y la mesa con sus
        compromisos PE sobrevive con probabilidad i; si no sobrevive, :meth:`interrumpir_compromisos`."""
        i = self.modelo.cfg.gobierno.institucionalizacion
        ap_plan, pe_plan = self.plan
        ap = (1 - i) * apoyo_produccion + i * ap_plan
        pe = (1 - i) * promocion_economica + i * pe_plan
        if self.modelo.azar.flujo("elecciones").random() >= i:
            self.interrumpir_compromisos()
        self.gestion += 1
        self.modelo.municipalidad.cambiar_reparto(ap, pe)
        self._empezar_periodo()

    def interrumpir_compromisos(self) -> None:
        """La gestión nueva no reconoce la mesa ni los compromisos PE de la anterior.

        002: los programas "suelen ser reorientados totalmente". La mesa se disuelve y tarda
        ``trimestres_reinstalacion`` en volver a reunirse; el fondo PE sin ejecutar vuelve al gasto
        general; los proyectos cofinanciados aún en ejecución quedan sin la parte pública que faltaba
        (:meth:`~simulacion.modelo.pymes.Pymes.perder_cofinanciamiento`): sus pymes pierden capital y
        confianza."""
        modelo, g = self.modelo, self.modelo.cfg.gobierno
        modelo.municipalidad.disolver_mesa()
        self.mesa_suspendida = g.trimestres_reinstalacion
        modelo.pymes.perder_cofinanciamiento(modelo.steps, g.trimestres_ejecucion)

    # ------------------------------------------------------------------ captura
    def mover_captura(self) -> None:
        """Captura endógena (con ``velocidad_captura`` > 0; si no, queda la constante ``territorio.captura``).

        003, "Control democrático": "Es importante contar con mecanismos transparentes sobre la alianza
        público privado ... para evitar los 'arreglos y negociados' entre amigos o familiares, de espaldas
        a la población"; 002: "reiterado acceso de los mismos beneficiarios". En un trimestre con mesa, la
        captura se mueve hacia ``captura_maxima`` × cerrazón × (1 − ``control_democratico``). La cerrazón
        es 1 − la confianza media: a la mesa se sienta quien confía (``Municipalidad.cofinanciar``), y con
        poca confianza queda en manos de pocos, los de siempre. La captura visible resta confianza
        (``Pymes.actualizar_confianza``): sin control, un círculo vicioso."""
        g, modelo = self.modelo.cfg.gobierno, self.modelo
        if g.velocidad_captura <= 0 or not modelo.municipalidad.hubo_concertacion:
            return
        pymes = modelo.pymes
        cerrazon = 1 - (float(pymes.confianza.mean()) if len(pymes) else 0.0)
        objetivo = g.captura_maxima * cerrazon * (1 - g.control_democratico)
        self.captura += g.velocidad_captura * (objetivo - self.captura)
