"""Opciones de ECharts de la página del taller: el mapa del territorio, las series de la corrida en
curso y la comparación de estrategias.

Sólo arma diccionarios (el navegador dibuja con ECharts, incluido en ``solara-assets``): no importa
Solara, así que se prueba sin servidor. Rótulos y unidades de las columnas salen de
:mod:`simulacion.indicadores`; los paneles de la corrida, de :data:`simulacion.resultados.salidas.PANELES`;
el color de cada estrategia en la comparación, de :func:`simulacion.estrategias.color` (el mismo que en
las figuras de los barridos).
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

import numpy as np
import pandas as pd

from simulacion.estrategias import color
from simulacion.indicadores import Indicador, indicador
from simulacion.modelo import ModeloTerritorial
from simulacion.modelo.agentes import Agencia, EntidadFinanciera, Municipalidad
from simulacion.resultados.salidas import PANELES, PANELES_DESARROLLO, titulo_panel


class Capa(NamedTuple):
    """Una capa de la grilla que colorea las celdas del mapa."""

    rotulo: str
    minimo: float  # extremos de la escala de colores
    maximo: float
    colores: list[str]


class EstiloActor(NamedTuple):
    """Cómo se dibuja un tipo de actor en el mapa."""

    color: str
    simbolo: str
    tamano: int  # píxeles


# Capas del mapa: nombre de la capa de la grilla → rótulo, escala y colores.
CAPAS_MAPA: dict[str, Capa] = {
    "potencial": Capa("Potencial productivo", 0.0, 2.0, ["#f7fcb9", "#addd8e", "#31a354", "#006837"]),
    "infra_vial": Capa("Infraestructura vial (caminos)", 0.0, 1.0, ["#fff5eb", "#fdae6b", "#e6550d", "#7f2704"]),
    "infra_productiva": Capa(
        "Infraestructura productiva (riego, electricidad, sanidad)",
        0.0,
        1.0,
        ["#f7fbff", "#9ecae1", "#3182bd", "#08306b"],
    ),
    "acceso": Capa("Acceso a mercados", 0.0, 1.0, ["#fcfbfd", "#bcbddc", "#807dba", "#3f007d"]),
}

# Rótulo corto de cada capa en el selector del mapa.
BOTONES_CAPA: dict[str, str] = {
    "potencial": "Potencial",
    "infra_vial": "Caminos",
    "infra_productiva": "Riego y servicios",
    "acceso": "Acceso",
}

# Tipos de actor en el mapa (el rótulo es el de la leyenda).
ACTORES: dict[str, EstiloActor] = {
    "Pyme tradicional": EstiloActor("#8c6d31", "circle", 6),
    "Pyme innovadora": EstiloActor("#d62728", "circle", 8),
    "Empresa mayor": EstiloActor("#1f1f1f", "rect", 13),
    "Agencia de desarrollo": EstiloActor("#9467bd", "triangle", 13),
    "Entidad financiera": EstiloActor("#17becf", "diamond", 13),
    "Municipalidad": EstiloActor("#ff7f0e", "pin", 20),
}

# Columnas de la serie que la vista «Comparar estrategias» dibuja, una línea por estrategia.
COLUMNAS_COMPARADAS: tuple[str, ...] = (
    "produccion_total",
    "pymes_innovadoras",
    "pymes_tradicionales",
    "confianza_media",
)

# Paneles de la vista en vivo: los de ``series.png``, los que la guía pide mirar (proyectos, crédito, mora) y
# los del desarrollo (ingreso de los hogares tradicionales, pymes bajo la línea de subsistencia).
PANELES_TALLER: tuple[tuple[str, tuple[str, ...]], ...] = (
    *PANELES,
    *(
        (titulo_panel(nombre, columnas), columnas)
        for nombre, columnas in (
            ("Proyectos de innovación", ("proyectos_cofinanciados", "proyectos_privados")),
            ("Crédito otorgado", ("credito_otorgado",)),
            ("Mora", ("mora",)),
        )
    ),
    *PANELES_DESARROLLO,
)

LADO_MAPA = 520  # píxeles: tamaño fijo para que cada celda sea un cuadrado de la grilla
MARGEN_MAPA = {"left": 20, "right": 110, "top": 70, "bottom": 15}


# ---------------------------------------------------------------------- mapa
def desplazamiento(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Desplazamiento fijo dentro de la celda para cada agente (según su ``unique_id``), para que
    las pymes de una misma celda no se tapen. Es sólo dibujo: no usa el generador del modelo."""
    fraccion = np.asarray(ids, dtype=float)
    return 0.8 * ((fraccion * 0.6180339887) % 1.0 - 0.5), 0.8 * ((fraccion * 0.7548776662) % 1.0 - 0.5)


def _puntos_pymes(modelo: ModeloTerritorial) -> dict[str, list]:
    """Coordenadas de las pymes, cada una dentro de su celda, separadas por tipo."""
    pymes, alto = modelo.pymes, modelo.forma[1]
    ids = pymes.ids.astype(float)
    columna, fila = np.divmod(pymes.celda, alto)
    dx, dy = desplazamiento(ids)
    coordenadas = np.column_stack([np.round(columna + dx, 3), np.round(fila + dy, 3)])
    return {
        "Pyme tradicional": coordenadas[~pymes.innovadora].tolist(),
        "Pyme innovadora": coordenadas[pymes.innovadora].tolist(),
    }


def _puntos_pueblo(modelo: ModeloTerritorial) -> dict[str, list]:
    """Coordenadas de los actores del pueblo, repartidos alrededor de su celda (una fila por tipo)."""
    pueblo = (
        ("Agencia de desarrollo", list(modelo.agents_by_type.get(Agencia, [])), -0.3),
        ("Entidad financiera", list(modelo.agents_by_type.get(EntidadFinanciera, [])), 0.3),
        ("Municipalidad", list(modelo.agents_by_type.get(Municipalidad, [])), 0.0),
    )
    puntos = {}
    for rotulo, agentes, dy in pueblo:
        centro = (len(agentes) - 1) / 2
        puntos[rotulo] = [
            [agente.cell.coordinate[0] + 0.25 * (k - centro), agente.cell.coordinate[1] + dy]
            for k, agente in enumerate(agentes)
        ]
    return puntos


def puntos_actores(modelo: ModeloTerritorial) -> dict[str, list]:
    """Coordenadas (x, y) de cada tipo de actor de :data:`ACTORES`."""
    empresas = {"Empresa mayor": [list(empresa.cell.coordinate) for empresa in modelo.empresas]}
    return {**_puntos_pymes(modelo), **empresas, **_puntos_pueblo(modelo)}


def _kS(valor: float) -> str:
    return f"{valor:,.1f} kS/"


def detalles_actores(modelo: ModeloTerritorial) -> dict[str, list[str]]:
    """El texto de la ventanita de cada actor de :func:`puntos_actores` (mismo orden): qué tiene,
    en kS/, nunca su número interno."""
    pymes = modelo.pymes
    detalles_pymes = [
        f"capital {_kS(capital)} · ventas {_kS(ventas)} por trimestre · caja {_kS(caja)}"
        + (f" · deuda {_kS(deuda)}" if deuda > 0 else "")
        for capital, ventas, caja, deuda in zip(pymes.capital, pymes.ventas, pymes.caja, pymes.deuda, strict=True)
    ]
    innovadora = pymes.innovadora.tolist()
    pueblo = {
        "Agencia de desarrollo": Agencia,
        "Entidad financiera": EntidadFinanciera,
        "Municipalidad": Municipalidad,
    }
    return {
        "Pyme tradicional": [d for d, i in zip(detalles_pymes, innovadora, strict=True) if not i],
        "Pyme innovadora": [d for d, i in zip(detalles_pymes, innovadora, strict=True) if i],
        "Empresa mayor": [f"compradora o inversionista · caja {_kS(e.caja)}" for e in modelo.empresas],
        **{
            rotulo: [f"en el pueblo · caja {_kS(a.caja)}" for a in modelo.agents_by_type.get(clase, [])]
            for rotulo, clase in pueblo.items()
        },
    }


def _serie_celdas(capa: Capa, datos: np.ndarray) -> dict:
    """La serie ECharts de las celdas: un cuadrado por celda con el valor de la capa."""
    ancho, alto = datos.shape
    ancho_px = LADO_MAPA - MARGEN_MAPA["left"] - MARGEN_MAPA["right"]
    alto_px = LADO_MAPA - MARGEN_MAPA["top"] - MARGEN_MAPA["bottom"]
    ii, jj = np.indices(datos.shape)
    return {
        "name": capa.rotulo,
        "type": "scatter",
        "symbol": "rect",
        "symbolSize": [ancho_px / ancho + 0.6, alto_px / alto + 0.6],
        "data": np.column_stack([ii.ravel(), jj.ravel(), np.round(datos.ravel(), 3)]).tolist(),
        "silent": True,
        "z": 1,
    }


def _serie_actores(nombre: str, puntos: list, detalles: list[str]) -> dict:
    """La serie ECharts de un tipo de actor, con su color, símbolo, tamaño y la ventanita de cada uno
    (tipo de actor y ``detalles``)."""
    estilo = ACTORES[nombre]
    return {
        "name": nombre,
        "type": "scatter",
        "symbol": estilo.simbolo,
        "symbolSize": estilo.tamano,
        "itemStyle": {"color": estilo.color, "borderColor": "#ffffff", "borderWidth": 0.5},
        "data": [{"value": punto, "name": detalle} for punto, detalle in zip(puntos, detalles, strict=True)],
        "tooltip": {"formatter": "<b>{a}</b><br/>{b}"},
        "z": 3,
    }


def _escala(capa: Capa) -> dict:
    """La escala de colores de las celdas (``visualMap`` de ECharts), a la derecha del mapa."""
    return {
        "seriesIndex": 0,
        "dimension": 2,
        "min": capa.minimo,
        "max": capa.maximo,
        "text": ["alto", "bajo"],
        "inRange": {"color": capa.colores},
        "right": 5,
        "top": "middle",
        "itemHeight": 160,
    }


def opcion_mapa(modelo: ModeloTerritorial, nombre_capa: str) -> dict:
    """Mapa del territorio: celdas coloreadas por la capa ``nombre_capa`` y los actores por tipo."""
    capa = CAPAS_MAPA[nombre_capa]
    datos = getattr(modelo.grilla, nombre_capa).data
    ancho, alto = datos.shape
    eje = {"type": "value", "show": False}
    series = [_serie_celdas(capa, datos)]
    detalles = detalles_actores(modelo)
    series += [_serie_actores(nombre, puntos, detalles[nombre]) for nombre, puntos in puntos_actores(modelo).items()]
    return {
        "animation": False,
        "title": {"text": f"Territorio: {capa.rotulo.lower()}", "textStyle": {"fontSize": 13}},
        "legend": {"top": 24, "data": list(ACTORES), "textStyle": {"fontSize": 11}},
        "grid": MARGEN_MAPA,
        "xAxis": {**eje, "min": -0.5, "max": ancho - 0.5},
        "yAxis": {**eje, "min": -0.5, "max": alto - 0.5},
        "visualMap": _escala(capa),
        "tooltip": {"trigger": "item"},
        "series": series,
    }


# ---------------------------------------------------------------------- líneas
def eje_y(declarado: Indicador) -> dict:
    """El eje vertical con los extremos declarados del indicador (fijos: una subida de 0,50 a 0,53 no
    parece enorme); sin declaración, ECharts lo ajusta a los datos."""
    if declarado.eje is None:
        return {"type": "value", "scale": True}
    minimo, maximo = declarado.eje
    eje = {"type": "value"}
    if minimo is not None:
        eje["min"] = minimo
    if maximo is not None:
        eje["max"] = maximo
    return eje


def opcion_lineas(
    titulo: str,
    pasos: pd.Series | np.ndarray,
    lineas: dict[str, pd.Series | np.ndarray],
    leyenda: bool,
    colores: dict[str, str] | None = None,
    eje: dict | None = None,
) -> dict:
    """Gráfico ECharts de líneas sobre los trimestres ``pasos``: una línea por entrada de ``lineas``,
    con el color de ``colores`` si lo tiene (si no, el de la paleta de ECharts) y el eje vertical
    ``eje`` (por defecto, ajustado a los datos)."""
    return {
        "animation": False,
        "title": {"text": titulo, "textStyle": {"fontSize": 13}},
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 22, "data": list(lineas)} if leyenda else {"show": False},
        "grid": {"left": 55, "right": 15, "top": 55 if leyenda else 35, "bottom": 38},
        "xAxis": {
            "type": "category",
            "data": np.asarray(pasos).astype(int).tolist(),
            "name": "trimestre",
            "nameLocation": "middle",
            "nameGap": 24,
        },
        "yAxis": eje or {"type": "value", "scale": True},
        "series": [
            {
                "name": nombre,
                "type": "line",
                "showSymbol": False,
                "data": np.round(np.asarray(valores, dtype=float), 3).tolist(),
                **_color(colores, nombre),
            }
            for nombre, valores in lineas.items()
        ],
    }


def _color(colores: dict[str, str] | None, nombre: str) -> dict:
    """El color de una línea (y de su marca en la leyenda), si se fijó."""
    if not colores or nombre not in colores:
        return {}
    return {"itemStyle": {"color": colores[nombre]}, "lineStyle": {"color": colores[nombre]}}


def opcion_serie(series: pd.DataFrame, titulo: str, columnas: tuple[str, ...]) -> dict:
    """Un panel de la corrida en curso: una o varias columnas de la serie, con sus leyendas declaradas."""
    declarados = [indicador(columna) for columna in columnas]
    lineas = {d.leyenda: d.valor_mostrado(series[d.nombre].to_numpy(dtype=float)) for d in declarados}
    pasos = series["paso"].to_numpy()
    return opcion_lineas(titulo, pasos, lineas, leyenda=len(columnas) > 1, eje=eje_y(declarados[0]))


def opcion_comparacion(resultados: dict, columna: str) -> dict:
    """Una columna de la serie para cada estrategia comparada (una línea por estrategia, con su color
    de :func:`simulacion.estrategias.color`), con el rótulo y la unidad declarados de la columna como título."""
    primera = next(iter(resultados.values())).series
    declarado = indicador(columna)
    lineas = {nombre: declarado.valor_mostrado(resultado.series[columna]) for nombre, resultado in resultados.items()}
    colores = {nombre: color(nombre) for nombre in resultados}
    return opcion_lineas(declarado.titulo, primera["paso"], lineas, leyenda=True, colores=colores, eje=eje_y(declarado))


# ---------------------------------------------------------------------- superposiciones y cambios
# Tipo de línea de cada corrida superpuesta (la 1.ª continua, …): dos corridas con la misma estrategia
# tienen el mismo color, pero no la misma línea.
ESTILOS_LINEA: tuple = ("solid", "dashed", "dotted", [10, 4, 2, 4])
COLOR_MARCA = "#555555"  # la marca de un cambio en los gráficos de la corrida en curso
COLOR_ELECCION = "#7b3294"  # la marca de una elección (punteada, rótulo abajo: no se confunde con un cambio)
ESTILO_ELECCION = {"color": COLOR_ELECCION, "type": "dotted", "width": 1.5}


class Marca(NamedTuple):
    """Una elección en los gráficos de líneas: en qué trimestre y con qué rótulo."""

    trimestre: int
    rotulo: str


def _x_de_trimestre(opcion: dict, trimestre: int):
    """Dónde cae el trimestre en el eje x de ``opcion``: en un eje de categorías, el nombre de la
    categoría (texto); en un eje de valores, el número."""
    return str(trimestre) if opcion.get("xAxis", {}).get("type") == "category" else trimestre


def marcas_de_eleccion(series: pd.DataFrame, cambios=()) -> list[Marca]:
    """Una marca por trimestre con elección (la columna ``eleccion`` de la serie; sin ella, ninguna):
    ``elección`` si la gestión siguió, ``elección: gestión N`` si ganó otra (la columna ``gestion``
    subió en ese trimestre, descontados los cambios de gestión puestos a mano que rigen desde él)."""
    if "eleccion" not in series or not len(series):
        return []
    pasos = series["paso"].astype(int).tolist()
    gestiones = series["gestion"].astype(int).tolist() if "gestion" in series else [1] * len(pasos)
    a_mano = Counter(c.desde for c in cambios if getattr(c, "gestion", False))
    marcas = []
    for k, (paso, eleccion) in enumerate(zip(pasos, series["eleccion"].tolist(), strict=True)):
        if not eleccion:
            continue
        anterior = gestiones[k - 1] if k else 1
        perdio = gestiones[k] - anterior - a_mano[paso] > 0
        rotulo = f"elección: gestión {gestiones[k]}" if perdio else "elección"
        marcas.append(Marca(paso, rotulo))
    return marcas


def marcas_de_cambio(opcion: dict, cambios, color: str = COLOR_MARCA, elecciones=()) -> dict:
    """El ``markLine`` de ECharts para los cambios a mitad de corrida (:class:`~simulacion.taller.corridas.Cambio`,
    o lo que tenga ``desde`` y ``nombre``: estrategia o gestión nueva): una línea vertical a rayas en el
    primer trimestre de cada cambio, con su nombre; y, con ``elecciones`` (:func:`marcas_de_eleccion`),
    una línea punteada de otro color en cada elección, con el rótulo abajo."""
    etiqueta_eleccion = {"formatter": "{b}", "position": "insideStartTop", "color": COLOR_ELECCION, "fontSize": 11}
    return {
        "silent": True,
        "symbol": "none",
        "animation": False,
        "lineStyle": {"color": color, "type": "dashed", "width": 1.5},
        "label": {"formatter": "{b}", "position": "insideEndTop", "color": color, "fontSize": 11},
        "data": [
            *({"name": f"→ {c.nombre}", "xAxis": _x_de_trimestre(opcion, c.desde)} for c in cambios),
            *(
                {
                    "name": m.rotulo,
                    "xAxis": _x_de_trimestre(opcion, m.trimestre),
                    "lineStyle": ESTILO_ELECCION,
                    "label": etiqueta_eleccion,
                }
                for m in elecciones
            ),
        ],
    }


def con_marcas(opcion: dict, cambios, color: str = COLOR_MARCA, elecciones=()) -> dict:
    """``opcion`` con las marcas de ``cambios`` y de ``elecciones`` sobre su primera serie (sin
    ninguna, la misma)."""
    if not (cambios or elecciones) or not opcion.get("series"):
        return opcion
    primera = {**opcion["series"][0], "markLine": marcas_de_cambio(opcion, cambios, color, elecciones)}
    return {**opcion, "series": [primera, *opcion["series"][1:]]}


def series_superpuestas(corridas, columna: str, en_curso=None) -> dict:
    """Una columna de la serie de cada corrida guardada (:class:`~simulacion.taller.corridas.Corrida`),
    numeradas como en la lista, y la de la corrida en curso (línea gruesa): color de su estrategia,
    tipo de línea por corrida, leyenda abajo y la marca de sus cambios."""
    todas = [
        (f"{k}. {c.etiqueta}", c, ESTILOS_LINEA[(k - 1) % len(ESTILOS_LINEA)], 2) for k, c in enumerate(corridas, 1)
    ]
    if en_curso is not None:
        todas.append((f"en curso: {en_curso.etiqueta}", en_curso, "solid", 3.5))
    largo = max(len(corrida.series) for _, corrida, _, _ in todas)
    pasos = pd.Series(range(1, largo + 1))
    declarado = indicador(columna)
    lineas = {nombre: declarado.valor_mostrado(corrida.series[columna]) for nombre, corrida, _, _ in todas}
    colores = {nombre: corrida.color for nombre, corrida, _, _ in todas}
    opcion = opcion_lineas(declarado.titulo, pasos, lineas, leyenda=True, colores=colores, eje=eje_y(declarado))
    for serie, (_, corrida, estilo, ancho) in zip(opcion["series"], todas, strict=True):
        serie["lineStyle"] = {**serie.get("lineStyle", {}), "type": estilo, "width": ancho}
        elecciones = marcas_de_eleccion(corrida.series, corrida.cambios)
        if corrida.cambios or elecciones:
            serie["markLine"] = marcas_de_cambio(opcion, corrida.cambios, corrida.color, elecciones)
    opcion["legend"] = {
        "bottom": 0,
        "left": 5,
        "orient": "vertical",
        "data": list(lineas),
        "textStyle": {"fontSize": 11},
    }
    opcion["grid"] = {**opcion["grid"], "top": 35, "bottom": 50 + 20 * len(todas)}
    return opcion


def opcion_comparacion_semillas(comparacion, columna: str) -> dict:
    """Una columna de la serie en la comparación con varias semillas
    (:class:`~simulacion.taller.corridas.Comparacion`): la mediana entre semillas de cada estrategia,
    con el color de su celda de la matriz."""
    filas = comparacion.filas
    n = len(comparacion.clave.semillas)
    declarado = indicador(columna)
    lineas = {fila.nombre: declarado.valor_mostrado(fila.mediana(columna)) for fila in filas}
    colores = {fila.nombre: fila.color for fila in filas}
    titulo = declarado.titulo + (f" (mediana de {n} semillas)" if n > 1 else "")
    pasos = filas[0].resultados[0].series["paso"]
    opcion = opcion_lineas(titulo, pasos, lineas, leyenda=True, colores=colores, eje=eje_y(declarado))
    vistos: list[str] = []
    for serie, fila in zip(opcion["series"], filas, strict=True):  # mismo color (la del caso): otra línea
        serie["lineStyle"] = {**serie.get("lineStyle", {}), "type": ESTILOS_LINEA[vistos.count(fila.color) % 4]}
        vistos.append(fila.color)
    return opcion
