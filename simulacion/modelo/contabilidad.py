"""Libro de flujos de dinero: el dinero sólo entra o sale del territorio por cuentas con nombre.

Fuentes (entran al territorio): transferencias de niveles superiores, ventas a hogares y a
compradores de fuera, aportes de capital de fuera (nuevos emprendedores, empresas entrantes).
Sumideros (salen): compras de insumos, obras y bienes de capital, retiros de los dueños
(consumo, salidas) y desvíos por captura. Los castigos de préstamos no mueven dinero:
se registran aparte (``castigos``) porque borran un derecho de cobro, no caja.
"""

from __future__ import annotations

from collections import defaultdict

FUENTES = ("transferencias", "ventas", "aportes")
SUMIDEROS = ("compras", "retiros", "captura")


class Libro:
    """Acumula los flujos de un paso; ``cerrar`` devuelve el neto y reinicia."""

    def __init__(self) -> None:
        self.flujos: dict[str, float] = defaultdict(float)

    def registrar(self, cuenta: str, monto: float) -> None:
        """Anota ``monto`` (≥ 0) en ``cuenta``; una cuenta desconocida es un error de programación."""
        if cuenta not in FUENTES and cuenta not in SUMIDEROS and cuenta != "castigos":
            raise KeyError(f"cuenta desconocida: {cuenta}")
        if monto < -1e-9:
            raise ValueError(f"monto negativo en {cuenta}: {monto}")
        self.flujos[cuenta] += float(monto)

    def neto(self) -> float:
        """Fuentes menos sumideros del paso."""
        return sum(self.flujos[c] for c in FUENTES) - sum(self.flujos[c] for c in SUMIDEROS)

    def cerrar(self) -> dict[str, float]:
        """Devuelve los flujos del paso (todas las cuentas) y reinicia el libro."""
        resultado = {c: self.flujos[c] for c in (*FUENTES, *SUMIDEROS, "castigos")}
        self.flujos = defaultdict(float)
        return resultado
