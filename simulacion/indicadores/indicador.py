"""La clase :class:`Indicador`: una columna medida o informada, con su rótulo, unidad, formato,
descripción, forma de medirse y, para el taller, su explicación llana y su eje fijo. Las declaraciones
están en :mod:`simulacion.indicadores` y :mod:`simulacion.indicadores.guia`."""

from __future__ import annotations

from dataclasses import dataclass

KS_TRIM = "kS/ por trimestre"
# Las palabras de las unidades que cuentan cosas, en singular (``1 empresa``, no ``1 empresas``).
SINGULAR = {
    "corridas": "corrida",
    "empresas": "empresa",
    "personas": "persona",
    "proyectos": "proyecto",
    "pymes": "pyme",
    "salidas": "salida",
    "semillas": "semilla",
    "trimestres": "trimestre",
}


def concordar(unidad: str, mostrado: str) -> str:
    """La unidad de ``mostrado`` (el número ya escrito) con el número bien puesto: en singular tras un
    uno entero (``1 empresa``, ``-1 pyme``, ``1 proyecto por trimestre``); si no, como se declaró
    (``0 empresas``, ``2 empresas``, ``1.0 empresas``: con decimales va en plural)."""
    if mostrado.strip().lstrip("+-−") != "1":
        return unidad
    primera, espacio, resto = unidad.partition(" ")
    return SINGULAR.get(primera, primera) + espacio + resto


def contar(n: int, plural: str) -> str:
    """``1 trimestre``, ``40 trimestres``: un número entero con la palabra que cuenta (en plural)."""
    return f"{n} {concordar(plural, str(n))}"


@dataclass(frozen=True)
class Indicador:
    """Una columna medida o informada."""

    nombre: str  # nombre de la columna en los archivos
    etiqueta: str  # rótulo corto en castellano (leyendas, tarjetas)
    unidad: str  # unidad de lo mostrado ("" si no tiene)
    descripcion: str  # qué es
    medicion: str  # cómo y cuándo se mide
    formato: str = "{:,.1f}"  # formato de lo mostrado (después de pasar a % si corresponde)
    por_ciento: bool = False  # se guarda como fracción y se muestra en %
    corta: str = ""  # rótulo de leyenda dentro de un panel que ya nombra el grupo ("tradicionales")
    ayuda: str = ""  # explicación llana para el glosario del taller (:mod:`simulacion.indicadores.guia`)
    eje: tuple[float | None, float | None] | None = None  # eje fijo (mínimo, máximo) en la unidad mostrada

    @property
    def glosario(self) -> str:
        """Explicación en castellano llano: la ``ayuda`` o la descripción sin marcas de código."""
        return self.ayuda or self.descripcion.replace("``", "")

    @property
    def leyenda(self) -> str:
        """Rótulo de leyenda: el corto si se declaró, si no la etiqueta."""
        return self.corta or self.etiqueta

    @property
    def titulo(self) -> str:
        """Rótulo con su unidad, para ejes y encabezados: ``Producción total (kS/ por trimestre)``."""
        return f"{self.etiqueta} ({self.unidad})" if self.unidad else self.etiqueta

    def valor_mostrado(self, valor: float) -> float:
        """El valor en la unidad mostrada (×100 si se declara en %)."""
        return 100 * valor if self.por_ciento else valor

    def unidad_de(self, valor: float) -> str:
        """La unidad tras el valor mostrado, en singular después de un uno (:func:`concordar`)."""
        return concordar(self.unidad, self.mostrar(valor))

    def mostrar(self, valor: float) -> str:
        """El valor con su formato (sin unidad), p. ej. ``+2.8`` para 0,028 en ``%/año``."""
        return self.formato.format(self.valor_mostrado(valor))
