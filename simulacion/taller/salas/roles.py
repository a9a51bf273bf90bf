"""Los tres roles de una sala: qué decide cada uno, cómo se revisa y cómo llega al modelo.

Cada decisión llega al modelo sólo por el método del actor dueño de lo que cambia (docs/arquitectura.md,
«Un dueño por estado»), y el modelo la usa con su comportamiento de siempre:

- **Municipalidad**: el reparto AP/PE del presupuesto de inversión (``Municipalidad.cambiar_reparto``,
  el único lugar del reparto en vigor). El modelo no tiene zonas: las obras AP se reparten por
  población (``estrategia.ap_peso_poblacion``), así que «dónde van las obras» no es una decisión de la
  sala (docs/guia_facilitador.md lo explica).
- **Asociación de productores**: si los socios llevan sus proyectos a la mesa y cómo ponen su parte
  privada (``Pymes.fijar_aporte_concertado``).
- **Entidad financiera**: la tasa, si acepta el fondo de garantía municipal y el límite de crédito
  (``EntidadFinanciera.fijar_condiciones``, en cada entidad del territorio).

Un rol que nadie tomó no decide nada: el modelo sigue con su comportamiento de siempre. Sin Solara.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from simulacion.modelo.pymes.tratos import MODOS_APORTE

if TYPE_CHECKING:
    from simulacion.modelo import ModeloTerritorial

TRIMESTRES_POR_ANIO = 4


@dataclass(frozen=True)
class Rol:
    """Un rol de la sala: su nombre en el registro, su título y lo que ve quien lo juega."""

    nombre: str
    titulo: str
    descripcion: str


ROLES: dict[str, Rol] = {
    rol.nombre: rol
    for rol in (
        Rol(
            "municipalidad",
            "Municipalidad",
            "Cada año reparte el presupuesto de inversión entre apoyo a la producción (obras) y "
            "promoción económica (mesa de concertación, cofinanciamiento, servicios, garantía).",
        ),
        Rol(
            "asociacion",
            "Asociación de productores",
            "Decide si los socios llevan sus proyectos a la mesa de concertación y cómo ponen su parte privada.",
        ),
        Rol(
            "financiera",
            "Entidad financiera",
            "Fija la tasa de interés, si acepta el fondo de garantía municipal y cuánto presta a cada productor.",
        ),
    )
}

# Cómo ponen su parte los socios (Pymes.fijar_aporte_concertado), en palabras sencillas.
OPCIONES_APORTE: dict[str, str] = {
    "credito": "Llevan sus proyectos a la mesa y ponen su parte con ahorros y, si falta, con crédito",
    "caja": "Llevan sus proyectos a la mesa, pero ponen su parte sólo con sus ahorros (sin endeudarse)",
    "ninguno": "No llevan proyectos a la mesa: cada socio con una idea la intenta solo",
}
TEXTO_APORTE = {"credito": "a la mesa, con crédito", "caja": "a la mesa, sin endeudarse", "ninguno": "no van a la mesa"}
assert tuple(OPCIONES_APORTE) == MODOS_APORTE == tuple(TEXTO_APORTE)


class DecisionInvalida(ValueError):
    """Una decisión que el modelo no puede aplicar (mensaje en castellano para el participante)."""


# ---------------------------------------------------------------------- tasas
def tasa_anual(trimestral: float) -> float:
    """La tasa anual equivalente (fracción) a una tasa trimestral."""
    return (1 + trimestral) ** TRIMESTRES_POR_ANIO - 1


def tasa_trimestral(anual: float) -> float:
    """La tasa trimestral equivalente (fracción) a una tasa anual."""
    return (1 + anual) ** (1 / TRIMESTRES_POR_ANIO) - 1


# ---------------------------------------------------------------------- revisar
def _numero(valores: dict, clave: str, rotulo: str, minimo: float, maximo: float) -> float:
    try:
        numero = float(valores[clave])
    except (KeyError, TypeError, ValueError):
        raise DecisionInvalida(f"Falta {rotulo} o no es un número.") from None
    if not minimo <= numero <= maximo:
        raise DecisionInvalida(f"{rotulo} debe estar entre {minimo:g} y {maximo:g} (se recibió {numero:g}).")
    return numero


def revisar(rol: str, valores: dict) -> dict:
    """La decisión de ``rol`` revisada y normalizada (sólo sus claves, con su tipo); una que no sirve
    es :class:`DecisionInvalida` con un mensaje en castellano."""
    if rol == "municipalidad":
        ap = _numero(valores, "ap", "El apoyo a la producción (AP)", 0.0, 1.0)
        pe = _numero(valores, "pe", "La promoción económica (PE)", 0.0, 1.0)
        if ap + pe > 1 + 1e-9:
            raise DecisionInvalida(
                "AP + PE no puede pasar del 100 % del presupuesto de inversión "
                f"(AP {por_ciento(ap)} + PE {por_ciento(pe)})."
            )
        return {"ap": round(ap, 4), "pe": round(pe, 4)}
    if rol == "asociacion":
        aporte = valores.get("aporte")
        if aporte not in OPCIONES_APORTE:
            raise DecisionInvalida("Elija cómo ponen su parte los socios.")
        return {"aporte": aporte}
    if rol == "financiera":
        tasa = _numero(valores, "tasa", "La tasa trimestral", 0.0001, 1.0)
        limite = _numero(valores, "apalancamiento", "El límite de crédito (veces el capital)", 0.0, 10.0)
        garantia = valores.get("acepta_garantia")
        if not isinstance(garantia, bool):
            raise DecisionInvalida("Diga si acepta el fondo de garantía municipal.")
        return {"tasa": round(tasa, 6), "acepta_garantia": garantia, "apalancamiento": round(limite, 4)}
    raise DecisionInvalida(f"El rol {rol!r} no existe (roles: {', '.join(ROLES)}).")


# ---------------------------------------------------------------------- el modelo
def aplicar(modelo: ModeloTerritorial, rol: str, valores: dict) -> None:
    """Aplica al modelo una decisión ya revisada (rige desde el trimestre siguiente)."""
    if rol == "municipalidad":
        modelo.municipalidad.cambiar_reparto(valores["ap"], valores["pe"])
    elif rol == "asociacion":
        modelo.pymes.fijar_aporte_concertado(valores["aporte"])
    elif rol == "financiera":
        for entidad in modelo.entidades:
            entidad.fijar_condiciones(valores["tasa"], valores["acepta_garantia"], valores["apalancamiento"])
    else:
        raise DecisionInvalida(f"El rol {rol!r} no existe.")


def vigentes(modelo: ModeloTerritorial, rol: str) -> dict:
    """Lo que rige hoy en el modelo para ``rol`` (decidido por alguien o el comportamiento de siempre):
    es lo que el formulario muestra al empezar el año."""
    if rol == "municipalidad":
        ap, pe = modelo.municipalidad.reparto
        return {"ap": ap, "pe": pe}
    if rol == "asociacion":
        return {"aporte": modelo.pymes.aporte_concertado}
    if rol == "financiera":
        entidad = modelo.entidades[0]
        return {
            "tasa": entidad.tasa,
            "acepta_garantia": entidad.acepta_garantia,
            "apalancamiento": entidad.apalancamiento,
        }
    raise DecisionInvalida(f"El rol {rol!r} no existe.")


def numero(valor: float, decimales: int = 0) -> str:
    """Un número con coma decimal (``0,30``)."""
    return f"{valor:.{decimales}f}".replace(".", ",")


def por_ciento(fraccion: float, decimales: int = 0) -> str:
    """Una fracción en por ciento (``0.2`` → ``20 %``)."""
    return f"{numero(100 * fraccion, decimales)} %"


def texto(rol: str, valores: dict) -> str:
    """La decisión en una línea para la línea de tiempo del plenario."""
    if rol == "municipalidad":
        return f"AP {por_ciento(valores['ap'])}, PE {por_ciento(valores['pe'])}"
    if rol == "asociacion":
        return TEXTO_APORTE[valores["aporte"]]
    garantia = "acepta garantía" if valores["acepta_garantia"] else "sin garantía"
    return (
        f"tasa {por_ciento(tasa_anual(valores['tasa']), 1)} anual, {garantia}, "
        f"presta hasta {numero(valores['apalancamiento'], 2)} veces el capital"
    )
