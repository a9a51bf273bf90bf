"""Las pymes: estado en arreglos numpy (una fila por pyme activa), comportamiento vectorizado.

Cada pyme es además un agente Mesa (:class:`simulacion.modelo.agentes.Pyme`) fijo en su celda:
esa es su identidad para el espacio, el mapa y el conteo por tipo. Los comportamientos
se escriben una vez para toda la población (como ``AgentSet.do`` pero en bloque), cada uno
con el pasaje de la fuente que implementa.

:class:`Pymes` es la única dueña de sus arreglos: los demás actores le piden lo que pasa con un
método cuyo nombre lo dice (``recibir_prestamo``, ``pagar_cuotas``, ``recibir_servicio``...).
"""

from __future__ import annotations

from itertools import compress
from typing import TYPE_CHECKING

import numpy as np

from simulacion.modelo.territorio import calidad_entorno, suma_vecindad

if TYPE_CHECKING:
    from simulacion.modelo import ModeloTerritorial
    from simulacion.modelo.agentes import Pyme

CAMPOS_FLOAT = (
    "capital",
    "caja",
    "productividad",
    "deuda",
    "cuota",
    "servicio",
    "confianza",
    "produccion",
    "ventas",
    "ganancia",
)
CAMPOS_INT = ("celda", "banco", "atraso", "perdidas")
CAMPOS_BOOL = ("innovadora", "garantizada", "cofinanciada")


class Pymes:
    """Población de pymes (tradicionales e innovadoras) como estructura de arreglos."""

    def __init__(self, modelo: ModeloTerritorial) -> None:
        self.modelo = modelo
        # El agente Mesa de cada fila con identidad. Una lista y no un arreglo de objetos de numpy: el
        # recolector de ciclos no ve dentro de esos arreglos, y el ciclo agente → modelo → pymes → agente
        # dejaba vivo cada modelo terminado (un barrido en un proceso acumulaba todos).
        self.agentes: list[Pyme] = []
        self.ids = np.zeros(0, dtype=np.int64)  # su ``unique_id``: creciente, las altas van al final
        for c in CAMPOS_FLOAT:
            setattr(self, c, np.zeros(0))
        for c in CAMPOS_INT:
            setattr(self, c, np.zeros(0, dtype=np.int64))
        for c in CAMPOS_BOOL:
            setattr(self, c, np.zeros(0, dtype=bool))

    def __len__(self) -> int:
        return len(self.celda)

    # ------------------------------------------------------------------ altas y bajas
    def agregar(self, celdas: np.ndarray, innovadora: np.ndarray, capital: np.ndarray, identidad: bool = True) -> None:
        """Da de alta pymes en ``celdas`` (índices planos); su caja inicial la aportan los hogares.

        Con ``identidad=False`` sólo se agregan las filas (candidatas de la población inicial): su
        agente Mesa se crea después con :meth:`dar_identidad`, y sólo para las que se quedan.
        """
        modelo = self.modelo
        e = modelo.cfg.economia
        n = len(celdas)
        nuevas = {
            "capital": capital,
            "caja": e.colchon_caja * capital,
            "productividad": np.clip(
                modelo.rng.normal(e.productividad_media, e.productividad_dispersion, n), 0.5, e.productividad_maxima
            ),
            "confianza": np.full(n, modelo.cfg.territorio.confianza_inicial),
            "celda": celdas,
            "banco": modelo.rng.integers(0, max(1, len(modelo.entidades)), n),
            "innovadora": innovadora,
        }
        for c in (*CAMPOS_FLOAT, *CAMPOS_INT, *CAMPOS_BOOL):
            viejo = getattr(self, c)
            agregado = nuevas.get(c, np.zeros(n, dtype=viejo.dtype))
            setattr(self, c, np.concatenate([viejo, np.asarray(agregado, dtype=viejo.dtype)]))
        modelo.libro.registrar("aportes", float(nuevas["caja"].sum()))
        if identidad:
            self.dar_identidad()

    def poblar(self, n: int) -> None:
        """Población inicial en equilibrio con su territorio: se sortean ``3 n`` candidatas (más en
        celdas de mejor potencial), cada una con el capital que sus condiciones justifican, y se quedan
        las ``n`` viables (las inviables ya habrían salido antes del inicio). Deja calculada la
        producción del trimestre previo (:meth:`valor_produccion`, :meth:`oferta_tradicional`)."""
        modelo, e, t = self.modelo, self.modelo.cfg.economia, self.modelo.cfg.territorio
        celdas = modelo.celdas_al_azar(3 * n, modelo.grilla.potencial.data)
        innov = modelo.rng.random(3 * n) < t.fraccion_innovadoras_inicial
        self.agregar(celdas, innov, np.full(3 * n, e.capital_inicial), identidad=False)
        self.producir()
        self.valorizar()
        self.capital = np.clip(
            self.capital_objetivo() * modelo.rng.uniform(0.8, 1.2, 3 * n), 1.5 * e.capital_minimo, 5 * e.capital_inicial
        )
        self.producir()
        ganancia = self.produccion * self.precios() - e.costo_fijo - e.costo_capital * self.capital
        viables = np.flatnonzero(ganancia > 0)[:n]
        quedan = np.zeros(3 * n, dtype=bool)
        quedan[viables] = True
        self.compactar(quedan)
        self.dar_identidad()  # agentes Mesa sólo para las que se quedan
        self.caja = e.colchon_caja * self.capital

    def entrar(self, oportunidad: float) -> None:
        """Nuevas pymes donde hay oportunidades (docs/odd.md §2, la pyme): más entradas cuando las
        pymes ganan, en celdas de buen potencial y acceso."""
        modelo, e = self.modelo, self.modelo.cfg.economia
        n = int(modelo.rng.poisson(e.tasa_entrada * max(len(self), 10) * oportunidad))
        modelo.medicion.fijar("entradas", n)
        if n:
            g = modelo.grilla
            celdas = modelo.celdas_al_azar(n, g.potencial.data * (0.5 + g.acceso.data))
            capital = e.capital_inicial * modelo.rng.uniform(e.capital_entrante_minimo, 1.0, n)
            self.agregar(celdas, np.zeros(n, dtype=bool), capital)

    def dar_identidad(self) -> None:
        """Crea el agente Mesa (:class:`~simulacion.modelo.agentes.Pyme`) de las filas que aún no lo tienen."""
        from simulacion.modelo.agentes import Pyme

        modelo = self.modelo
        nuevos = [Pyme(modelo, modelo.celdas_planas[celda]) for celda in self.celda[len(self.agentes) :]]
        self.agentes.extend(nuevos)
        self.ids = np.concatenate([self.ids, np.fromiter((a.unique_id for a in nuevos), dtype=np.int64)])

    def fila_de(self, unique_id: int) -> int:
        """Fila de la pyme con ese ``unique_id`` (los ids crecen con las filas: búsqueda binaria)."""
        return int(np.searchsorted(self.ids, unique_id))

    def retirar(self, salen: np.ndarray) -> None:
        """Da de baja las filas ``salen`` (máscara): borra sus agentes Mesa y compacta los arreglos."""
        if not salen.any():
            return
        for agente in compress(self.agentes, salen):
            agente.remove()
        self.compactar(~salen)

    def compactar(self, quedan: np.ndarray) -> None:
        """Conserva sólo las filas ``quedan`` (máscara), en su orden; sin tocar agentes Mesa.

        Las filas sin identidad (si las hay) son las últimas: ``agentes`` e ``ids`` se recortan
        con la parte de la máscara que les corresponde.
        """
        for c in (*CAMPOS_FLOAT, *CAMPOS_INT, *CAMPOS_BOOL):
            setattr(self, c, getattr(self, c)[quedan])
        con_identidad = quedan[: len(self.agentes)]
        self.agentes = list(compress(self.agentes, con_identidad))
        self.ids = self.ids[con_identidad]

    def retirar_insolventes(self, salen: np.ndarray, golpe: np.ndarray) -> np.ndarray:
        """Cierran las pymes ``salen``: retiran su caja, se cuentan los fracasos de la innovación
        (innovadoras que salen y actividades innovadoras perdidas por ``golpe``) y se dan de baja.

        Devuelve, por celda, los proyectos cofinanciados que fracasaron (la confianza los ve)."""
        modelo = self.modelo
        modelo.libro.registrar("retiros", float(self.caja[salen].sum()))
        modelo.medicion.fijar("salidas", int(salen.sum()))
        abandonos = int(golpe.sum())
        modelo.medicion.fijar("abandonos_innovacion", abandonos)
        modelo.medicion.fijar("salidas_innovadoras", int((salen & self.innovadora).sum()) + abandonos)
        fracasos = self.por_celda(((salen | golpe) & self.cofinanciada).astype(float))
        self.retirar(salen)
        return fracasos

    # ------------------------------------------------------------------ lo que otros actores les hacen
    def recibir_prestamo(self, i: int, monto: float, cuota: float, garantizado: bool) -> None:
        """La pyme ``i`` recibe un préstamo de ``monto`` con cuota trimestral ``cuota``."""
        self.caja[i] += monto
        self.deuda[i] += monto
        self.cuota[i] += cuota
        self.garantizada[i] |= garantizado

    def pagar_cuotas(self, banco: int, tasa: float) -> float:
        """Los deudores de la entidad ``banco`` pagan su cuota con la caja del trimestre; la deuda
        devenga ``tasa``; lo impago suma un trimestre de atraso. Devuelve lo cobrado."""
        mios = (self.banco == banco) & (self.deuda > 0)
        if not mios.any():
            return 0.0
        adeudado = self.deuda[mios] * (1 + tasa)
        pago = np.minimum(np.minimum(self.cuota[mios], np.maximum(self.caja[mios], 0.0)), adeudado)
        self.caja[mios] -= pago
        self.deuda[mios] = adeudado - pago
        self.atraso[mios] = np.where(pago < np.minimum(self.cuota[mios], adeudado) - 1e-9, self.atraso[mios] + 1, 0)
        saldadas = mios & (self.deuda < 1e-6)
        self.deuda[saldadas] = 0.0
        self.cuota[saldadas] = 0.0
        self.garantizada[saldadas] = False
        return float(pago.sum())

    def liquidar_deudas(self, salen: np.ndarray, banco: int) -> tuple[float, float, float]:
        """Las que salen (máscara) pagan a la entidad ``banco`` lo que su caja alcanza; el resto se
        pierde. Devuelve (recuperado, perdido, perdido de deudas garantizadas)."""
        mios = salen & (self.banco == banco) & (self.deuda > 0)
        recuperado = np.minimum(self.caja[mios], self.deuda[mios])
        self.caja[mios] -= recuperado
        perdido = self.deuda[mios] - recuperado
        garantizado = float((perdido * self.garantizada[mios]).sum())
        self.deuda[mios] = 0.0
        return float(recuperado.sum()), float(perdido.sum()), garantizado

    def comprometer_aporte(self, i: int, monto: float, garantizable: bool) -> bool:
        """La pyme ``i`` compromete ``monto``: con su caja y, si falta, pidiendo el resto a su entidad
        financiera (que decide; con ``garantizable`` puede usar el fondo de garantía, 003 rol d).
        Devuelve si el aporte quedó comprometido (el préstamo, si hizo falta, ya desembolsado)."""
        falta = monto - self.caja[i]
        if falta <= 0:
            return True
        return self.modelo.entidades[self.banco[i]].financiar(i, falta, garantizable)

    def recibir_servicio(self, elegidas: np.ndarray) -> None:
        """Asistencia técnica, sanidad, información: sube la productividad hacia la máxima y deja el
        servicio vigente (reduce el riesgo de eventos adversos; 003, PE punto e)."""
        e = self.modelo.cfg.economia
        self.servicio[elegidas] = 1.0
        self.productividad[elegidas] += e.mejora_servicio * (e.productividad_maxima - self.productividad[elegidas])

    def diluir_servicios(self) -> None:
        """El efecto de un servicio se diluye en unos trimestres (``persistencia_servicio``)."""
        self.servicio *= self.modelo.cfg.economia.persistencia_servicio

    def recibir_cofinanciamiento(self, i: int, publico: float) -> None:
        """La parte pública de un proyecto concertado llega a la pyme ``i``, que lo ejecuta."""
        self.caja[i] += publico
        self.innovar(i, publico)

    def recibir_subsidio(self, indices: np.ndarray, monto: float) -> None:
        """Servicios que no pagan (el mercado municipal subsidiado, 003 Caso II): ``monto`` cada una."""
        self.caja[indices] += monto

    def pagar_alquiler(self, indices: np.ndarray, alquiler: float) -> float:
        """Pagan hasta ``alquiler`` cada una, si su caja alcanza; devuelve lo pagado."""
        pago = np.minimum(alquiler, np.maximum(self.caja[indices], 0.0))
        self.caja[indices] -= pago
        return float(pago.sum())

    def perder_confianza(self, i: int, monto: float) -> None:
        """La confianza de la pyme ``i`` cae ``monto`` (sin bajar de 0)."""
        self.confianza[i] = max(0.0, self.confianza[i] - monto)

    def sufrir_apropiacion(self, i: int) -> None:
        """Un operador grande se queda con el negocio innovador de la pyme ``i`` (002): la pyme vuelve
        a lo tradicional y desconfía."""
        self.innovadora[i] = False
        self.perder_confianza(i, self.modelo.cfg.economia.perdida_confianza)

    def actualizar_confianza(self, aprobadas: np.ndarray, fracasos: np.ndarray, captura: float) -> None:
        """La confianza crece con compromisos cumplidos (proyectos cofinanciados en la vecindad, por
        celda en ``aprobadas``) y cae con fracasos visibles (``fracasos``) y con la captura (003, "La
        construcción de mecanismos de participación y concertación está asociada con la construcción
        de la confianza"); vuelve despacio a la confianza inicial del territorio."""
        if not len(self):
            return
        e, t = self.modelo.cfg.economia, self.modelo.cfg.territorio
        buenas = np.tanh(self.de_celda(suma_vecindad(aprobadas)))
        malas = np.tanh(self.de_celda(suma_vecindad(fracasos)))
        c = self.confianza
        c += e.ganancia_confianza * (1 - c) * buenas - e.perdida_confianza * c * (malas + captura)
        c += e.retorno_confianza * (t.confianza_inicial - c)
        np.clip(c, 0.0, 1.0, out=c)

    # ------------------------------------------------------------------ vistas de celda
    def de_celda(self, capa: np.ndarray) -> np.ndarray:
        """Valor de una capa del territorio en la celda de cada pyme."""
        return capa.ravel()[self.celda]

    def por_celda(self, valores: np.ndarray | None = None) -> np.ndarray:
        """Suma por celda (matriz del tamaño de la grilla) de ``valores`` (por defecto, conteo)."""
        forma = self.modelo.forma
        return np.bincount(self.celda, weights=valores, minlength=forma[0] * forma[1]).reshape(forma)

    def valor_produccion(self) -> float:
        """Valor de la producción a los precios de hoy (base del impuesto inicial)."""
        return float((self.produccion * self.precios()).sum())

    def oferta_tradicional(self) -> float:
        """Producción tradicional total (lo que compran los hogares del territorio)."""
        return float(self.produccion[~self.innovadora].sum())

    def empleo(self) -> float:
        """Puestos de trabajo: uno por pyme más ``empleo_por_capital`` por unidad de capital."""
        return float((1 + self.modelo.cfg.economia.empleo_por_capital * self.capital).sum())

    def oportunidad_de_entrada(self) -> float:
        """Rentabilidad media relativa a la de referencia (0 a 2): atrae nuevas pymes."""
        e = self.modelo.cfg.economia
        rentabilidad = float(np.mean(self.ganancia / np.maximum(self.capital, 1e-9))) if len(self) else 0.0
        return float(np.clip(rentabilidad / e.rentabilidad_referencia, 0.0, 2.0))

    def fraccion_innovadora_vecindad(self) -> np.ndarray:
        """Fracción de pymes innovadoras en la vecindad de Moore de cada pyme (aprendizaje de pares)."""
        total = suma_vecindad(self.por_celda())
        innov = suma_vecindad(self.por_celda(self.innovadora.astype(float)))
        return self.de_celda(innov / np.maximum(total, 1))

    # ------------------------------------------------------------------ comportamiento
    def producir(self) -> None:
        """Producen con su capital, su productividad y las condiciones de su celda.

        AP (riego, electrificación) eleva la productividad de *todos* los productores de la celda
        (003, "Los beneficiarios del apoyo a la producción son todos los productores localizados
        en la zona donde se efectúa la obra"); un choque climático se amortigua con riego ("que
        ahora estará protegido de posibles sequías"). La actividad innovadora rinde más, pero su
        prima depende del entorno (003: "tomar el riesgo de ver a las actividades innovadoras
        desaparecer por las condiciones adversas del entorno").
        """
        modelo, e, g = self.modelo, self.modelo.cfg.economia, self.modelo.grilla
        ip = self.de_celda(g.infra_productiva.data)
        ent = self.de_celda(calidad_entorno(g))
        base = self.productividad * self.de_celda(g.potencial.data) * (0.5 + 0.5 * self.de_celda(g.recursos.data))
        prima = 1 + (e.prima_innovacion - 1) * ent * (1 + e.entorno_minimo_innovacion) / (
            ent + e.entorno_minimo_innovacion
        )
        choque = modelo.exterior.severidad_choque * (1 - e.proteccion_riego * ip)
        self.produccion = (
            base
            * (1 + e.efecto_infra_productiva * ip)
            * np.where(self.innovadora, prima, 1.0)
            * np.power(self.capital, e.elasticidad_capital)
            * (1 - choque)
        )

    def valorizar(self) -> None:
        """Las ventas del trimestre a los precios de cada una (antes del sobreprecio de las empresas)."""
        self.ventas = self.produccion * self.precios()

    def precios(self) -> np.ndarray:
        """Precio que recibe cada pyme en su celda.

        Tradicional: el precio de fuera más la protección que da el aislamiento, que se pierde
        con el acceso (003, Puno: "al llegar las carreteras, llegan productos más competitivos").
        El mercado local se satura si la oferta tradicional crece más que la demanda de los hogares.
        Innovadora: el precio de la demanda externa menos el transporte, que baja con el acceso.
        """
        modelo = self.modelo
        acceso = self.de_celda(modelo.grilla.acceso.data)
        q_nueva = float(self.produccion[self.innovadora].sum())
        p_nuevo = modelo.exterior.precio_nuevo(q_nueva)
        tradicional = self.precio_protegido(acceso) * modelo.exterior.saturacion_local(self.oferta_tradicional())
        innovador = np.maximum(self.precio_puesto_fuera(p_nuevo, acceso), 0.0)
        return np.where(self.innovadora, innovador, tradicional)

    def precio_protegido(self, acceso: np.ndarray) -> np.ndarray:
        """Precio de fuera más la protección por aislamiento, que el acceso se lleva."""
        modelo, e = self.modelo, self.modelo.cfg.economia
        return modelo.exterior.precio_externo + e.margen_aislamiento * (1 - acceso)

    def precio_puesto_fuera(self, precio_nuevo: float, acceso: np.ndarray) -> np.ndarray:
        """Lo que queda del precio externo de un producto nuevo tras pagar el transporte."""
        return precio_nuevo - self.modelo.cfg.economia.costo_transporte * (1 - acceso)

    def vender(self, prima_vinculo: np.ndarray) -> np.ndarray:
        """Cobran ``ventas`` (ya valorizadas) a hogares y compradores de fuera (fuentes), más el
        sobreprecio que pagan las empresas; pagan costos e impuesto local. Devuelve el impuesto."""
        modelo, e = self.modelo, self.modelo.cfg.economia
        modelo.libro.registrar("ventas", float(self.ventas.sum()))
        self.ventas += prima_vinculo  # pagado por las empresas compradoras (transferencia interna)
        impuesto = e.impuesto_local * self.ventas
        costos = e.costo_fijo + e.costo_capital * self.capital
        modelo.libro.registrar("compras", float(costos.sum()))
        self.ganancia = self.ventas - impuesto - costos
        self.caja += self.ganancia
        return impuesto

    def rendimiento_marginal(self) -> np.ndarray:
        """Ganancia de una unidad más de capital por trimestre, con los precios del trimestre."""
        e = self.modelo.cfg.economia
        return e.elasticidad_capital * self.ventas / np.maximum(self.capital, 1e-9) - (
            e.costo_capital + e.depreciacion_capital
        )

    def capital_objetivo(self) -> np.ndarray:
        """Capital con el que el rendimiento marginal se anula, dadas producción y precio actuales."""
        e = self.modelo.cfg.economia
        por_unidad = self.ventas / np.power(np.maximum(self.capital, 1e-9), e.elasticidad_capital)
        return np.power(
            e.elasticidad_capital * por_unidad / (e.costo_capital + e.depreciacion_capital),
            1 / (1 - e.elasticidad_capital),
        )

    def sufrir_eventos_adversos(self) -> np.ndarray:
        """Innovadoras en entornos pobres sufren eventos adversos (plagas, caminos cortados, sin sanidad).

        003, "El apoyo a la producción y la promoción económica local son complementarios": "Iniciar
        las acciones de promoción económica sin apoyo a la producción, es tomar el riesgo de ver a las
        actividades innovadoras desaparecer por las condiciones adversas del entorno, como la falta de
        caminos, electricidad, sanidad animal o vegetal" (canal 4). La probabilidad crece con el
        déficit de entorno por debajo de ``entorno_seguro``; los servicios (sanidad animal, asistencia
        técnica) la reducen. El evento destruye parte del capital y la actividad
        innovadora desaparece (la pyme sigue, si puede, como tradicional). Devuelve la máscara.
        """
        modelo, e = self.modelo, self.modelo.cfg.economia
        ent = self.de_celda(calidad_entorno(modelo.grilla))
        deficit = np.clip(1 - ent / e.entorno_seguro, 0.0, 1.0)
        prob = e.riesgo_innovacion * deficit**2 * (1 - e.efecto_servicio_riesgo * self.servicio)
        golpe = self.innovadora & (modelo.rng.random(len(self)) < prob)
        self.capital[golpe] *= 1 - e.perdida_evento_adverso
        self.innovadora[golpe] = False  # "ver a las actividades innovadoras desaparecer" (003)
        return golpe

    def ajustar_caja(self) -> None:
        """Cubren faltantes vendiendo capital; con excedente reinvierten y retiran para el hogar.

        Reinvierten sólo si el capital adicional rinde más de lo que cuesta (productores
        racionales: el capital converge al que sus condiciones justifican). La reinversión es la
        inversión privada propia; la descapitalización (vender el ganado, comerse la semilla) es el
        camino hacia la salida.
        """
        modelo, e = self.modelo, self.modelo.cfg.economia
        faltante = np.maximum(-self.caja, 0.0)
        venta = np.minimum(faltante, self.capital)  # venta de activos para cubrir costos
        modelo.libro.registrar("ventas", float(venta.sum()))
        modelo.libro.registrar("aportes", float((faltante - venta).sum()))  # el hogar cubre el resto
        self.capital -= venta
        self.caja += faltante
        self.perdidas = np.where(self.ganancia < 0, self.perdidas + 1, 0)
        excedente = np.maximum(self.caja - e.colchon_caja * self.capital, 0.0)
        # Un pequeño productor no crece sin límite (tierra, mano de obra familiar): tope capital_maximo.
        espacio = np.maximum(e.capital_maximo - self.capital, 0.0)
        inversion = np.where(self.rendimiento_marginal() > 0, np.minimum(e.tasa_reinversion * excedente, espacio), 0.0)
        retiro = excedente - inversion
        self.capital += inversion
        self.caja -= excedente
        modelo.libro.registrar("compras", float(inversion.sum()))
        modelo.libro.registrar("retiros", float(retiro.sum()))
        modelo.medicion.sumar("inversion_privada", float(inversion.sum()))
        self.capital *= 1 - e.depreciacion_capital

    def proponer(self, precio_nuevo: float) -> np.ndarray:
        """Pymes tradicionales con una iniciativa de innovación que responde a una señal de mercado.

        003, PE punto a: "La existencia de iniciativas privadas ... para aprovechar un potencial
        negocio"; punto b: "Responde a señales del mercado". La probabilidad de tener la idea crece
        con los pares innovadores y la información de las agencias ("Los territorios que aprenden")
        y con la apertura a conocimientos de fuera ("CUIDADO": una coordinación muy cerrada ...).
        Devuelve los índices de las pymes que proponen un proyecto rentable a sus ojos.
        """
        modelo, e, t = self.modelo, self.modelo.cfg.economia, self.modelo.cfg.territorio
        senal = np.clip(precio_nuevo / e.precio_innovador, 0.0, 2.0)
        prob = (
            t.emprendimiento
            * senal
            * (
                e.probabilidad_idea_base
                + e.efecto_pares * self.fraccion_innovadora_vecindad()
                + e.efecto_informacion * self.servicio
                + e.efecto_apertura * t.apertura
            )
        )
        idea = ~self.innovadora & (modelo.rng.random(len(self)) < prob)
        # Rentabilidad esperada: la pyme compara su precio actual con el de un producto nuevo
        # (subestima el riesgo del entorno: el optimismo del innovador, 003 "innova y arriesga").
        acceso = self.de_celda(modelo.grilla.acceso.data)
        ganancia_extra = self.produccion * (
            self.precio_puesto_fuera(precio_nuevo, acceso) * e.prima_innovacion - self.precio_protegido(acceso)
        )
        rentable = ganancia_extra * e.horizonte_proyecto > e.costo_proyecto
        return np.flatnonzero(idea & rentable)

    def emprender_sin_concertacion(self, propuestas: np.ndarray, cofinanciadas: set[int]) -> None:
        """Las propuestas que la mesa no cofinanció intentan financiarse solas (caja y crédito sin
        garantía): "la existencia de iniciativas privadas" no depende de la municipalidad (003, PE a)."""
        costo = self.modelo.cfg.economia.costo_proyecto
        for i in propuestas:
            if i not in cofinanciadas and self.comprometer_aporte(i, costo, False):
                self.innovar(i, 0.0)
                self.modelo.medicion.sumar("proyectos_privados", 1)

    def innovar(self, i: int, aporte_publico: float) -> None:
        """La pyme ``i`` ejecuta su proyecto con su caja (que ya incluye crédito y aporte público):
        compra capital y pasa a ser innovadora."""
        modelo, e = self.modelo, self.modelo.cfg.economia
        self.caja[i] -= e.costo_proyecto
        self.capital[i] += e.costo_proyecto
        self.innovadora[i] = True
        self.cofinanciada[i] = aporte_publico > 0
        modelo.libro.registrar("compras", e.costo_proyecto)
        modelo.medicion.sumar("inversion_privada", e.costo_proyecto - aporte_publico)

    def salir(self) -> np.ndarray:
        """Salen las insolventes: capital bajo el mínimo, pérdidas persistentes o deuda ejecutada
        por atrasos (docs/odd.md §2: la pyme sale tras pérdidas o cuando es insolvente)."""
        e = self.modelo.cfg.economia
        return (
            (self.capital < e.capital_minimo)
            | (self.perdidas >= e.trimestres_perdida_salida)
            | (self.atraso >= e.trimestres_atraso_ejecucion)
            | (self.deuda > self.capital + self.caja)  # quiebra: patrimonio negativo, la entidad ejecuta
        )
