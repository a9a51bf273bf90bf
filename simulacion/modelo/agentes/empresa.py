"""La empresa mayor: compradora, procesadora o inversionista de fuera."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from mesa.discrete_space import FixedAgent

from simulacion.modelo.territorio import calidad_entorno

if TYPE_CHECKING:
    from simulacion.modelo.modelo import ModeloTerritorial


class Empresa(FixedAgent):
    """Empresa mayor: compradora, procesadora o inversionista de fuera (docs/odd.md §2).

    Compra a las pymes de su radio con un sobreprecio (encadenamientos productivos), invierte
    si gana, se va si pierde; a veces se apropia de la idea de una pyme (002, "un gran operador").
    """

    def __init__(self, modelo: ModeloTerritorial, celda, caja: float) -> None:
        super().__init__(modelo)
        self.cell = celda
        self.caja = caja
        self.capacidad = modelo.cfg.economia.capacidad_compra_empresa  # kS/ de compras por trimestre
        self.perdidas = 0
        self._zona: tuple[int | None, np.ndarray | None] = (None, None)  # (radio, celdas dentro)
        modelo.libro.registrar("aportes", caja)

    @classmethod
    def entrar_si_atrae(cls, modelo: ModeloTerritorial) -> None:
        """Entran empresas nuevas (en promedio ``probabilidad_entrada_empresa`` por trimestre y por
        territorio de referencia) según el atractivo del territorio
        (entorno, actividad innovadora) y la promoción hacia inversionistas de fuera (003, PE punto e).

        Una municipalidad empresaria desplaza a los privados (003, Caso II: "no SUSTITUIRLOS"): la
        entrada cae en la fracción de las ventas locales que ya pasa por su mercado.
        """
        e, pymes, canales = modelo.cfg.economia, modelo.pymes, modelo.cfg.canales
        if not len(pymes):
            return
        atractivo = float(np.mean(pymes.de_celda(calidad_entorno(modelo.grilla)))) * (
            e.atractivo_base + float(pymes.innovadora.mean())
        )
        # la promoción cuenta por pyme-equivalente (kS/ acumulados / escala), no en valor absoluto
        promocion_por_escala = modelo.municipalidad.promocion_acumulada / modelo.escala
        promocion = 1 + e.efecto_promocion * promocion_por_escala * canales.promocion_inversionistas
        prob = e.probabilidad_entrada_empresa * min(1.0, atractivo) * promocion
        if canales.desplazamiento_mercado:  # lo que vende el mercado municipal no lo compran privados (003)
            prob *= 1 - pymes.cuota_mercado_municipal()
        # entradas esperadas por trimestre proporcionales al tamaño del territorio
        azar = modelo.azar.flujo("empresas")
        celdas = modelo.celdas_al_azar(int(azar.poisson(prob * modelo.escala)), modelo.grilla.acceso.data**2, azar)
        for celda in celdas:
            cls(modelo, modelo.celdas_planas[celda], e.caja_empresa_entrante)
        modelo.medicion.sumar("entradas_empresas", len(celdas))

    def proveedoras(self) -> np.ndarray:
        """Filas (crecientes) de las pymes a distancia de Chebyshev ≤ radio de la empresa.

        La empresa no se mueve: las celdas de su radio se calculan una vez (por valor del radio), y
        las pymes de esas celdas se leen del índice por celda de la población: cuesta lo que la zona,
        no lo que el territorio (docs/rendimiento.md, «Escala»)."""
        radio = self.model.cfg.economia.radio_empresa
        if self._zona[0] != radio:
            (ci, cj), (ancho, alto) = self.cell.coordinate, self.model.forma
            fi, fj = np.meshgrid(
                np.arange(max(0, ci - radio), min(ancho, ci + radio + 1)),
                np.arange(max(0, cj - radio), min(alto, cj + radio + 1)),
                indexing="ij",
            )
            self._zona = (radio, (fi * alto + fj).ravel())
        return self.model.pymes.filas_en_celdas(self._zona[1])

    def comprar(self, prima: np.ndarray) -> None:
        """Compra parte de la producción de sus proveedoras pagando ``prima_vinculo`` sobre el precio
        y la revende fuera con su margen. Acumula en ``prima`` lo que paga de más a cada pyme."""
        modelo, e = self.model, self.model.cfg.economia
        red = self.proveedoras()
        if modelo.cfg.canales.desplazamiento_mercado:  # las inquilinas venden en el mercado municipal
            red = red[~modelo.pymes.inquilina[red]]
        valor = e.fraccion_compra * modelo.pymes.ventas[red]
        escala = min(1.0, self.capacidad / max(float(valor.sum()), 1e-9))
        valor *= escala
        sobreprecio = e.prima_vinculo * valor
        pagado = float(sobreprecio.sum())
        ingreso = float(valor.sum()) * e.margen_empresa
        resultado = ingreso - pagado - e.costo_fijo_empresa
        modelo.libro.registrar("ventas", ingreso)
        modelo.libro.registrar("compras", e.costo_fijo_empresa)
        self.caja += ingreso - e.costo_fijo_empresa
        if self.caja < 0:  # la casa matriz cubre el faltante; las pérdidas la harán salir
            modelo.libro.registrar("aportes", -self.caja)
            self.caja = 0.0
        pago = min(pagado, self.caja)
        prima[red] += sobreprecio * (pago / pagado if pagado > 0 else 0.0)
        self.caja -= pago
        self.perdidas = self.perdidas + 1 if resultado < 0 else 0
        if resultado > 0:
            self.invertir(resultado)

    def invertir(self, resultado: float) -> None:
        """Reinvierte parte de su ganancia en capacidad de compra (encadenamientos que crecen)."""
        inversion = min(self.model.cfg.economia.reinversion_empresa * resultado, self.caja)
        self.caja -= inversion
        self.capacidad += inversion
        self.model.libro.registrar("compras", inversion)
        self.model.medicion.sumar("inversion_privada", inversion)

    def apropiarse(self) -> None:
        """Se queda con el negocio de proveedoras innovadoras (002: "existe el peligro de que una
        operadora grande se apropie de la idea de las Pymes, abortando el impacto en empleo local").

        Cada innovadora de su radio corre el riesgo ``probabilidad_apropiacion`` por trimestre: el
        peligro crece con los encadenamientos, que son también los que pagan sobreprecio (``comprar``).
        """
        modelo, e, pymes = self.model, self.model.cfg.economia, self.model.pymes
        if not modelo.cfg.canales.apropiacion:
            return
        red = self.proveedoras()
        expuestas = red[pymes.innovadora[red]]
        for i in expuestas[modelo.azar.flujo("apropiacion").random(len(expuestas)) < e.probabilidad_apropiacion]:
            pymes.sufrir_apropiacion(i)

    def debe_salir(self) -> bool:
        """Se va cuando el territorio decae y acumula pérdidas o se queda sin caja."""
        return self.perdidas >= self.model.cfg.economia.trimestres_perdida_salida

    def salir(self) -> None:
        """Retira su caja y deja el territorio."""
        self.model.libro.registrar("retiros", max(self.caja, 0.0))
        self.model.medicion.sumar("salidas_empresas", 1)
        self.remove()
