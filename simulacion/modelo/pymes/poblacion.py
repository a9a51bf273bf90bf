"""La población de pymes: estado en arreglos numpy (una fila por pyme activa), altas y bajas,
vistas por celda. Su comportamiento está en ``produccion.py``, ``innovacion.py`` y ``tratos.py``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from simulacion.modelo.pymes.innovacion import Innovacion
from simulacion.modelo.pymes.produccion import Produccion
from simulacion.modelo.pymes.tratos import Tratos
from simulacion.modelo.territorio import suma_vecindad

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
    "ingreso_hogar",  # retiro del hogar menos lo que puso, en el último ajuste de caja (Produccion.medir_hogares)
)
CAMPOS_INT = ("celda", "banco", "atraso", "perdidas", "cofinanciada_en")  # cofinanciada_en: trimestre (0 = nunca)
CAMPOS_BOOL = ("innovadora", "garantizada", "cofinanciada", "inquilina", "informal")


class Pymes(Produccion, Innovacion, Tratos):
    """Población de pymes (tradicionales e innovadoras) como estructura de arreglos."""

    def __init__(self, modelo: ModeloTerritorial) -> None:
        self.modelo = modelo
        # La identidad de cada fila (``Pyme.unique_id``): creciente, las altas van al final. Las pymes no
        # son objetos Mesa registrados: :meth:`agente` da la vista de una cuando alguien la pide (el mapa,
        # un cuaderno); crear y borrar un objeto por alta y baja era el 20 % de un trimestre con 100.000.
        self.ids = np.zeros(0, dtype=np.int64)
        self.siguiente_id = 1
        for c in CAMPOS_FLOAT:
            setattr(self, c, np.zeros(0))
        for c in CAMPOS_INT:
            setattr(self, c, np.zeros(0, dtype=np.int64))
        for c in CAMPOS_BOOL:
            setattr(self, c, np.zeros(0, dtype=bool))
        # Lo que la asociación de productores decide sobre los proyectos concertados (el taller por
        # roles, ``Tratos.fijar_aporte_concertado``); por defecto, el comportamiento de siempre.
        self.aporte_concertado = "credito"
        self._indice_celdas: tuple[np.ndarray, np.ndarray] | None = None  # ver :meth:`filas_en_celdas`

    def __len__(self) -> int:
        return len(self.celda)

    # ------------------------------------------------------------------ altas y bajas
    def agregar(
        self,
        celdas: np.ndarray,
        innovadora: np.ndarray,
        capital: np.ndarray,
        azar: np.random.Generator,
        identidad: bool = True,
    ) -> None:
        """Da de alta pymes en ``celdas`` (índices planos); su caja inicial la aportan los hogares. Su
        productividad y su entidad financiera se sortean con ``azar`` (el flujo de quien las da de alta).

        Con ``identidad=False`` sólo se agregan las filas (candidatas de la población inicial): su
        ``unique_id`` se da después con :meth:`dar_identidad`, y sólo a las que se quedan.
        """
        modelo = self.modelo
        e = modelo.cfg.economia
        n = len(celdas)
        nuevas = {
            "capital": capital,
            "caja": e.colchon_caja * capital,
            "productividad": np.clip(
                azar.normal(e.productividad_media, e.productividad_dispersion, n), 0.5, e.productividad_maxima
            ),
            "confianza": np.full(n, modelo.cfg.territorio.confianza_inicial),
            "celda": celdas,
            "banco": azar.integers(0, max(1, len(modelo.entidades)), n),
            "innovadora": innovadora,
        }
        for c in (*CAMPOS_FLOAT, *CAMPOS_INT, *CAMPOS_BOOL):
            viejo = getattr(self, c)
            agregado = nuevas.get(c, np.zeros(n, dtype=viejo.dtype))
            setattr(self, c, np.concatenate([viejo, np.asarray(agregado, dtype=viejo.dtype)]))
        self._indice_celdas = None
        modelo.libro.registrar("aportes", float(nuevas["caja"].sum()))
        if identidad:
            self.dar_identidad()

    def poblar(self, n: int) -> None:
        """Población inicial en equilibrio con su territorio: se sortean ``3 n`` candidatas (más en
        celdas de mejor potencial), cada una con el capital que sus condiciones justifican, y se quedan
        las ``n`` viables (las inviables ya habrían salido antes del inicio). Deja calculada la
        producción del trimestre previo (:meth:`valor_produccion`, :meth:`oferta_tradicional`)."""
        modelo, e, t = self.modelo, self.modelo.cfg.economia, self.modelo.cfg.territorio
        azar = modelo.azar.flujo("poblacion")
        celdas = modelo.celdas_al_azar(3 * n, modelo.grilla.potencial.data, azar)
        innov = azar.random(3 * n) < t.fraccion_innovadoras_inicial
        self.agregar(celdas, innov, np.full(3 * n, e.capital_inicial), azar, identidad=False)
        self.producir()
        self.valorizar()
        self.capital = np.clip(
            self.capital_objetivo() * azar.uniform(0.8, 1.2, 3 * n), 1.5 * e.capital_minimo, 5 * e.capital_inicial
        )
        self.producir()
        ganancia = self.produccion * self.precios() - e.costo_fijo - e.costo_capital * self.capital
        viables = np.flatnonzero(ganancia > 0)[:n]
        quedan = np.zeros(3 * n, dtype=bool)
        quedan[viables] = True
        self.compactar(quedan)
        self.dar_identidad()  # identidad sólo para las que se quedan
        self.caja = e.colchon_caja * self.capital
        self.informal[:] = self.sortear_informales(self.ids)

    def entrar(self, oportunidad: float) -> None:
        """Nuevas pymes donde hay oportunidades (docs/odd.md §2, la pyme): más entradas cuando las
        pymes ganan, en celdas de buen potencial y acceso."""
        modelo, e = self.modelo, self.modelo.cfg.economia
        azar = modelo.azar.flujo("entradas")
        n = int(azar.poisson(e.tasa_entrada * max(len(self), 10) * oportunidad))
        modelo.medicion.fijar("entradas", n)
        if n:
            g = modelo.grilla
            celdas = modelo.celdas_al_azar(n, g.potencial.data * (0.5 + g.acceso.data), azar)
            capital = e.capital_inicial * azar.uniform(e.capital_entrante_minimo, 1.0, n)
            self.agregar(celdas, np.zeros(n, dtype=bool), capital, azar)
            self.informal[-n:] = self.sortear_informales(self.ids[-n:])

    def sortear_informales(self, ids: np.ndarray) -> np.ndarray:
        """Cuáles de las pymes nuevas ``ids`` son informales: cada una con ``territorio.fraccion_informal``
        (004: "en las microempresas y cuentapropistas es donde existe una mayor tasa de informalidad")."""
        fraccion = self.modelo.cfg.territorio.fraccion_informal
        return self.modelo.azar.uniformes_por_pyme("informalidad", ids) < fraccion

    def dar_identidad(self) -> None:
        """Da su ``unique_id`` a las filas que aún no lo tienen (las últimas)."""
        nuevas = len(self) - len(self.ids)
        self.ids = np.concatenate([self.ids, np.arange(self.siguiente_id, self.siguiente_id + nuevas)])
        self.siguiente_id += nuevas

    def agente(self, fila: int) -> Pyme:
        """La pyme de la fila ``fila`` como objeto (:class:`~simulacion.modelo.agentes.Pyme`), para el mapa o
        la inspección; su estado sigue en estos arreglos."""
        from simulacion.modelo.agentes import Pyme

        return Pyme(self.modelo, int(self.ids[fila]))

    def fila_de(self, unique_id: int) -> int:
        """Fila de la pyme con ese ``unique_id`` (los ids crecen con las filas: búsqueda binaria)."""
        return int(np.searchsorted(self.ids, unique_id))

    def retirar(self, salen: np.ndarray) -> None:
        """Da de baja las filas ``salen`` (máscara) y compacta los arreglos."""
        if salen.any():
            self.compactar(~salen)

    def compactar(self, quedan: np.ndarray) -> None:
        """Conserva sólo las filas ``quedan`` (máscara), en su orden; sin tocar agentes Mesa.

        Las filas sin identidad (si las hay) son las últimas: ``ids`` se recorta con la parte de la
        máscara que le corresponde.
        """
        for c in (*CAMPOS_FLOAT, *CAMPOS_INT, *CAMPOS_BOOL):
            setattr(self, c, getattr(self, c)[quedan])
        self._indice_celdas = None
        self.ids = self.ids[quedan[: len(self.ids)]]

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

    # ------------------------------------------------------------------ vistas de celda
    def de_celda(self, capa: np.ndarray) -> np.ndarray:
        """Valor de una capa del territorio en la celda de cada pyme."""
        return capa.ravel()[self.celda]

    def filas_en_celdas(self, celdas: np.ndarray) -> np.ndarray:
        """Filas (en orden creciente) de las pymes de ``celdas`` (índices planos, sin repetir).

        Un índice celda → pymes (las filas ordenadas por celda y el comienzo de cada celda) se arma una
        vez, en O(n), y vale hasta la próxima alta o baja; cada consulta cuesta lo que devuelve más
        las celdas que pide, no el tamaño de la población (docs/rendimiento.md, «Escala»)."""
        if self._indice_celdas is None:
            forma = self.modelo.forma
            orden = np.argsort(self.celda, kind="stable")
            inicio = np.zeros(forma[0] * forma[1] + 1, dtype=np.int64)
            np.cumsum(np.bincount(self.celda, minlength=forma[0] * forma[1]), out=inicio[1:])
            self._indice_celdas = (orden, inicio)
        orden, inicio = self._indice_celdas
        desde, hasta = inicio[celdas], inicio[celdas + 1]
        largos = hasta - desde
        if not largos.sum():
            return np.zeros(0, dtype=np.int64)
        # posiciones desde[k], …, hasta[k] − 1 de cada celda, en un solo arreglo
        posiciones = np.arange(largos.sum()) - np.repeat(np.cumsum(largos) - largos - desde, largos)
        return np.sort(orden[posiciones])

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
