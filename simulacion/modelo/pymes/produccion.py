"""Producir, vender, ajustar la caja, sufrir eventos adversos y salir."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from simulacion.modelo.territorio import calidad_entorno

if TYPE_CHECKING:
    from simulacion.modelo import ModeloTerritorial


class Produccion:
    """Producir, vender, ajustar la caja, sufrir eventos adversos y salir.

    Parte de :class:`~simulacion.modelo.pymes.Pymes`, la dueña de los arreglos; va aparte para que
    cada archivo tenga un tema."""

    modelo: ModeloTerritorial

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
        ip = self.de_celda(g.infra_productiva.data) if modelo.cfg.canales.ap_productividad else np.zeros(len(self))
        ent = self.de_celda(calidad_entorno(g))
        base = self.productividad * self.de_celda(g.potencial.data) * (0.5 + 0.5 * self.de_celda(g.recursos.data))
        if modelo.cfg.canales.riesgo_entorno:
            prima = 1 + (e.prima_innovacion - 1) * ent * (1 + e.entorno_minimo_innovacion) / (
                ent + e.entorno_minimo_innovacion
            )
        else:  # la prima de la innovación no depende del entorno
            prima = np.full(len(self), e.prima_innovacion)
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
        déficit de entorno respecto de ``entorno_seguro``; los servicios (sanidad animal, asistencia
        técnica) la reducen. La probabilidad es una función suave del entorno (``suavidad_riesgo``): no hay
        un nivel de infraestructura desde el cual el riesgo desaparece. El evento destruye parte del
        capital y la actividad innovadora desaparece (la pyme sigue, si puede, como tradicional): ese
        daño es lo que mide la fragilidad (``perdida_innovadora``). Devuelve la máscara.
        """
        modelo, e = self.modelo, self.modelo.cfg.economia
        ent = self.de_celda(calidad_entorno(modelo.grilla))
        # déficit suave (softplus): máximo con entorno nulo, raro pero no nulo sobre ``entorno_seguro``
        deficit = np.minimum(
            np.logaddexp(0.0, e.suavidad_riesgo * (1 - ent / e.entorno_seguro)) / e.suavidad_riesgo, 1.0
        )
        if not modelo.cfg.canales.riesgo_entorno:  # sin el canal 4, el entorno no hace fracasar a nadie
            deficit = np.zeros(len(self))
        prob = e.riesgo_innovacion * deficit**2 * (1 - e.efecto_servicio_riesgo * self.servicio)
        golpe = self.innovadora & (modelo.azar.uniformes_por_pyme("eventos", self.ids) < prob)
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
        aporte = faltante - venta  # el hogar cubre el resto
        modelo.libro.registrar("ventas", float(venta.sum()))
        modelo.libro.registrar("aportes", float(aporte.sum()))
        self.capital -= venta
        self.caja += faltante
        self.perdidas = np.where(self.ganancia < 0, self.perdidas + 1, 0)
        excedente = np.maximum(self.caja - e.colchon_caja * self.capital, 0.0)
        # Un pequeño productor no crece sin límite (tierra, mano de obra familiar): tope capital_maximo.
        espacio = np.maximum(e.capital_maximo - self.capital, 0.0)
        inversion = np.where(self.rendimiento_marginal() > 0, np.minimum(e.tasa_reinversion * excedente, espacio), 0.0)
        retiro = excedente - inversion
        self.ingreso_hogar = retiro - aporte  # lo que el hogar se lleva (o pone) en el trimestre
        self.capital += inversion
        self.caja -= excedente
        modelo.libro.registrar("compras", float(inversion.sum()))
        modelo.libro.registrar("retiros", float(retiro.sum()))
        modelo.medicion.sumar("inversion_privada", float(inversion.sum()))
        self.capital *= 1 - e.depreciacion_capital
        self.medir_hogares()

    def medir_hogares(self) -> None:
        """El desarrollo, no sólo el crecimiento (003: "el crecimiento de la economía no correspondía
        necesariamente con el desarrollo"): el ingreso medio de los hogares de las pymes tradicionales y la
        fracción de pymes cuyo hogar queda bajo ``economia.linea_subsistencia``.

        Se mide aquí, donde el hogar retira (``ingreso_hogar``: retiro menos lo que el hogar tuvo que
        poner), sobre las pymes que produjeron en el trimestre: las que salen después también cuentan, las
        que entran al final todavía no. Sólo mide: no cambia nada del modelo.
        """
        modelo, linea = self.modelo, self.modelo.cfg.economia.linea_subsistencia
        tradicional = ~self.innovadora
        media = float(self.ingreso_hogar[tradicional].mean()) if tradicional.any() else 0.0
        modelo.medicion.fijar("ingreso_hogar_tradicional", media)
        pobres = float((self.ingreso_hogar < linea).mean()) if len(self) else 0.0
        modelo.medicion.fijar("fraccion_bajo_subsistencia", pobres)

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
