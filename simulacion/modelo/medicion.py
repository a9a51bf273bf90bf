"""La medición de cada trimestre: los valores de las columnas declaradas en
:data:`simulacion.indicadores.SERIE`, que el ``DataCollector`` de Mesa guarda como una fila.

Los flujos se suman donde ocurren (``sumar``: crédito otorgado, inversión...) y los estados se
fijan donde se deciden o al cierre del trimestre (``fijar``). Un nombre no declarado es un error
de programación: toda columna de ``series.parquet`` tiene su rótulo, unidad y descripción.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from simulacion.indicadores import COLUMNAS_SERIE

_DECLARADAS = frozenset(COLUMNAS_SERIE)


class Medicion(dict):
    """Valores del trimestre en curso por columna; las que nadie tocó valen 0."""

    def __missing__(self, columna: str) -> float:
        """Una columna declarada que nadie tocó en el trimestre vale 0."""
        _verificar(columna)
        return 0.0

    def reiniciar(self) -> None:
        """Empieza un trimestre nuevo."""
        self.clear()

    def sumar(self, columna: str, valor: float) -> None:
        """Suma ``valor`` a un flujo del trimestre."""
        _verificar(columna)
        self[columna] = self.get(columna, 0.0) + valor

    def fijar(self, columna: str, valor: Any) -> None:
        """Fija el valor de ``columna`` en el trimestre."""
        _verificar(columna)
        self[columna] = valor

    def lector(self, columna: str) -> Callable[[Any], Any]:
        """Reportero de ``DataCollector`` que lee ``columna`` de la medición del trimestre."""
        _verificar(columna)

        def leer(_modelo) -> Any:
            return self.get(columna, 0.0)

        return leer


def _verificar(columna: str) -> None:
    if columna not in _DECLARADAS:
        raise KeyError(f"columna no declarada en simulacion/indicadores/: {columna!r}")
