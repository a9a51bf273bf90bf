"""Lo que la guía del facilitador pide mirar en el taller, declarado aquí para no pasar de 500 líneas en
``__init__``: las columnas de la serie que agregó el taller (gasto en el mercado, empresas que llegan y se
van), la explicación llana (ⓘ, glosario) y el eje fijo de cada indicador que muestra la página, y los
totales de la corrida hasta ahora (proyectos cofinanciados acumulados, trimestres con mesa…).

:mod:`simulacion.indicadores` lo importa después de declarar :class:`Indicador` y lo funde en ``SERIE``,
``DESENLACE`` y ``POR_NOMBRE``: para el resto del programa es la misma declaración única.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from simulacion.indicadores.indicador import KS_TRIM, Indicador

# Columnas de la serie del taller (al final de ``SERIE``: no cambian el orden de las anteriores).
COLUMNAS_GUIA: tuple[Indicador, ...] = (
    Indicador(
        "gasto_mercado",
        "Gasto en el mercado municipal",
        KS_TRIM,
        "Presupuesto de inversión que la municipalidad gasta en el mercado municipal (obra, servicios "
        "y subsidio a los inquilinos; Caso II); 0 si no hay mercado.",
        "En la fase municipal, antes de repartir AP y PE.",
        ayuda="Lo que la municipalidad gasta en su mercado (obra, servicios, subsidio a los comerciantes) "
        "antes de repartir el resto entre obras (AP) y promoción (PE).",
        eje=(0.0, None),
    ),
    Indicador(
        "entradas_empresas",
        "Empresas que llegan",
        "empresas por trimestre",
        "Empresas compradoras o inversionistas que se instalan en el trimestre.",
        "Conteo en la fase de empresas.",
        "{:,.0f}",
        ayuda="Empresas mayores (compradoras o inversionistas) que llegan al territorio en el trimestre.",
        eje=(0.0, None),
    ),
    Indicador(
        "salidas_empresas",
        "Empresas que se van",
        "empresas por trimestre",
        "Empresas compradoras o inversionistas que dejan el territorio en el trimestre (por pérdidas).",
        "Conteo en la fase de empresas.",
        "{:,.0f}",
        ayuda="Empresas mayores que se van del territorio en el trimestre porque pierden plata.",
        eje=(0.0, None),
    ),
)

# Explicación llana y eje fijo (en la unidad mostrada; None: libre) de cada indicador que muestra la página.
GLOSARIO: dict[str, tuple[str, tuple[float | None, float | None] | None]] = {
    "produccion_total": (
        "Lo que venden todas las pymes del territorio en el trimestre, en miles de soles (kS/).",
        (0.0, None),
    ),
    "empleo": (
        "Personas que trabajan en las pymes.",
        (0.0, None),
    ),
    "pymes_tradicionales": (
        "Pymes que producen lo de siempre (cultivos, crianzas, comercio).",
        (0.0, None),
    ),
    "pymes_innovadoras": (
        "Pymes que producen algo nuevo para vender fuera (un producto o un proceso nuevo).",
        (0.0, None),
    ),
    "empresas": (
        "Empresas mayores que compran a las pymes o invierten en el territorio.",
        (0.0, None),
    ),
    "entradas": (
        "Pymes que abren en el trimestre.",
        (0.0, None),
    ),
    "salidas": (
        "Pymes que cierran en el trimestre (sin plata, con pérdidas o por deudas).",
        (0.0, None),
    ),
    "salidas_innovadoras": (
        (
            "Innovaciones que fracasan en el trimestre: innovadoras que cierran o que vuelven a lo "
            "tradicional tras un golpe (plaga, helada, un comprador que no paga)."
        ),
        (0.0, None),
    ),
    "resultado_mercado": (
        ("Alquiler que cobra la municipalidad en su mercado menos lo que gasta en él: negativo si pierde plata."),
        None,
    ),
    "inversion_privada": (
        ("Lo que invierten los privados: las pymes en su negocio y en proyectos nuevos, y las empresas mayores."),
        (0.0, None),
    ),
    "inversion_publica_ap": (
        "Lo que la municipalidad gasta en obras para todos (caminos, riego, electricidad, sanidad).",
        (0.0, None),
    ),
    "inversion_publica_pe": (
        (
            "Lo que la municipalidad gasta en promoción económica: su parte de proyectos concertados, "
            "servicios a productores, fondo de garantía y promoción. Sólo se gasta si un privado pone su "
            "parte."
        ),
        (0.0, None),
    ),
    "credito_otorgado": (
        "Préstamos que dan los bancos y cajas a las pymes en el trimestre.",
        (0.0, None),
    ),
    "mora": (
        "Parte de lo que deben las pymes que está atrasada (préstamos que no se pagan a tiempo).",
        (0.0, 100.0),
    ),
    "confianza_media": (
        "Cuánto confían las pymes en la concertación con la municipalidad: 0 nada, 1 total.",
        (0.0, 1.0),
    ),
    "presupuesto_municipal": (
        "Lo que recibe la municipalidad en el trimestre: transferencias del Estado más impuestos locales.",
        (0.0, None),
    ),
    "proyectos_cofinanciados": (
        (
            "Proyectos de innovación en que la municipalidad pone una parte y el productor la otra (acordados"
            " en la mesa de concertación)."
        ),
        (0.0, None),
    ),
    "proyectos_privados": (
        "Proyectos de innovación que el productor paga solo, con su plata o con crédito.",
        (0.0, None),
    ),
    "concertacion": (
        (
            "1 si la mesa de concertación (municipalidad, productores, empresas, agencias) se reunió y acordó"
            " en el trimestre; 0 si no."
        ),
        (0.0, 1.0),
    ),
    "infraestructura_media": (
        "Calidad media de caminos, riego, electricidad y sanidad: 0 nada, 1 completa.",
        (0.0, 1.0),
    ),
    "crecimiento_anual": (
        (
            "Cuánto crece (o cae) la producción por año, en promedio en toda la corrida: +3 %/año es que cada"
            " año se produce 3 % más."
        ),
        None,
    ),
    "cambio_pymes_anual": (
        "Cuánto crece (o cae) por año el número de pymes, en promedio en toda la corrida.",
        None,
    ),
    "fraccion_innovadora": (
        "De cada 100 pymes al final, cuántas son innovadoras.",
        None,
    ),
    "tasa_fracaso_innovadoras": (
        (
            "Cuántas innovaciones fracasan por año por cada pyme innovadora: 0,03 es que de cada 100 "
            "innovadoras fracasan 3 por año; 1 es que en promedio todas fracasan en un año."
        ),
        None,
    ),
    "volatilidad": (
        (
            "Cuánto sube y baja la producción de un trimestre a otro: 0,05 son saltos típicos de alrededor de"
            " 5 %; más alto es una economía más insegura."
        ),
        None,
    ),
}


def con_glosario(indicadores: tuple[Indicador, ...]) -> tuple[Indicador, ...]:
    """Los indicadores con su ``ayuda`` y su ``eje`` de :data:`GLOSARIO` (los demás, como estaban)."""
    return tuple(
        replace(i, ayuda=GLOSARIO[i.nombre][0], eje=GLOSARIO[i.nombre][1]) if i.nombre in GLOSARIO else i
        for i in indicadores
    )


# --------------------------------------------------------------------------------- totales de la corrida
# Lo que la guía del facilitador pide mirar sobre la corrida hasta ahora (el taller y
# ``experimentos/taller_casos.py`` lo calculan con :func:`total`): columna de la serie y operación.
OPERACIONES_TOTAL: dict[str, str] = {
    "suma": "Suma de la columna en los trimestres jugados.",
    "media": "Media de la columna en los trimestres jugados.",
    "maximo": "Máximo de la columna en los trimestres jugados.",
    "cambio": "Último trimestre / primer trimestre − 1.",
}


@dataclass(frozen=True)
class Total:
    """Un total de la corrida: ``operacion`` (ver :data:`OPERACIONES_TOTAL`) sobre ``columna``."""

    columna: str
    operacion: str
    indicador: Indicador


def _total(columna: str, operacion: str, etiqueta: str, unidad: str, ayuda: str, formato: str, **extra) -> Total:
    medicion = OPERACIONES_TOTAL[operacion].replace("la columna", f"``{columna}``")
    return Total(
        columna, operacion, Indicador(f"{columna}_{operacion}", etiqueta, unidad, ayuda, medicion, formato, **extra)
    )


TOTALES: tuple[Total, ...] = (
    _total(
        "proyectos_cofinanciados",
        "suma",
        "Proyectos cofinanciados acumulados",
        "proyectos",
        "Proyectos de innovación con aporte municipal concertado desde el trimestre 1.",
        "{:,.0f}",
    ),
    _total(
        "concertacion",
        "media",
        "Trimestres con mesa de concertación",
        "% de los trimestres",
        "De cada 100 trimestres jugados, en cuántos se reunió y acordó la mesa de concertación.",
        "{:.0f}",
        por_ciento=True,
    ),
    _total(
        "mora",
        "maximo",
        "Mora máxima",
        "%",
        "La mora más alta de la corrida: la parte de la deuda de las pymes atrasada en el peor trimestre.",
        "{:.1f}",
        por_ciento=True,
    ),
    _total(
        "credito_otorgado",
        "suma",
        "Crédito otorgado acumulado",
        "kS/",
        "Préstamos dados a las pymes desde el trimestre 1, en miles de soles.",
        "{:,.0f}",
    ),
    _total(
        "inversion_privada",
        "suma",
        "Inversión privada acumulada",
        "kS/",
        "Lo invertido por pymes y empresas desde el trimestre 1, en miles de soles.",
        "{:,.0f}",
    ),
    _total(
        "inversion_publica_pe",
        "suma",
        "Inversión pública PE acumulada",
        "kS/",
        "Lo gastado por la municipalidad en promoción económica desde el trimestre 1, en miles de soles.",
        "{:,.0f}",
    ),
    _total(
        "gasto_mercado",
        "suma",
        "Gasto en el mercado municipal acumulado",
        "kS/",
        "Lo gastado por la municipalidad en su mercado desde el trimestre 1, en miles de soles.",
        "{:,.0f}",
    ),
    _total(
        "resultado_mercado",
        "suma",
        "Resultado del mercado municipal acumulado",
        "kS/",
        "Alquiler cobrado menos gasto en el mercado desde el trimestre 1: negativo si la municipalidad pierde.",
        "{:+,.0f}",
    ),
    _total(
        "entradas_empresas",
        "suma",
        "Empresas que llegaron",
        "empresas",
        "Empresas mayores que se instalaron desde el trimestre 1.",
        "{:,.0f}",
    ),
    _total(
        "salidas_empresas",
        "suma",
        "Empresas que se fueron",
        "empresas",
        "Empresas mayores que dejaron el territorio desde el trimestre 1.",
        "{:,.0f}",
    ),
    _total(
        "pymes_tradicionales",
        "cambio",
        "Cambio de pymes tradicionales",
        "%",
        "Cuánto cambió el número de pymes tradicionales entre el trimestre 1 y el último.",
        "{:+.0f}",
        por_ciento=True,
    ),
)
TOTAL_POR_NOMBRE: dict[str, Total] = {t.indicador.nombre: t for t in TOTALES}


def total(nombre: str, series) -> float:
    """El total ``nombre`` de :data:`TOTALES` sobre ``series`` (un ``DataFrame`` con al menos una fila)."""
    declarado = TOTAL_POR_NOMBRE[nombre]
    columna = series[declarado.columna]
    if declarado.operacion == "suma":
        return float(columna.sum())
    if declarado.operacion == "media":
        return float(columna.mean())
    if declarado.operacion == "maximo":
        return float(columna.max())
    primero = float(columna.iloc[0])
    return float(columna.iloc[-1]) / primero - 1 if primero else 0.0
