"""El plenario de una sala: lo que se proyecta y lo que se descarga al final (sin Solara).

- :func:`reparto_ejecutado`: la parte del presupuesto de inversión que se *ejecutó* en AP y en PE
  (lo gastado, no lo decidido: sin mesa de concertación la PE queda sin ejecutar, F8).
- :func:`puntos`: cada grupo en la matriz 2×2 con su desenlace clasificado
  (:func:`simulacion.resultados.ejecucion.resumir`, que sólo mira indicadores);
  :func:`matriz_grupos_html` la dibuja con la celda y lo que afirma la fuente (:mod:`..tarjetas`).
- :func:`opcion_trayectorias`: una columna de la serie con una línea por grupo (ECharts, :mod:`..graficos`).
- :func:`linea_de_tiempo`: las decisiones en orden, año por año.
- :func:`csv`, :func:`excel`, :func:`pdf`: la sesión entera; el PDF con una página por grupo
  (la de :func:`simulacion.taller.material.figura_pdf`).
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass, replace

import pandas as pd

from simulacion.estrategias import MATRIZ_FUENTE, cuadrante
from simulacion.indicadores import ESTILO_DESENLACE, indicador
from simulacion.resultados.ejecucion import SIN_DATOS, resumir
from simulacion.taller import material
from simulacion.taller.graficos import eje_y, opcion_lineas
from simulacion.taller.salas.roles import ROLES, TRIMESTRES_POR_ANIO, texto
from simulacion.taller.tarjetas import afirmado_html, desenlace_html, intensidades_html, titulo_celda

# Un color por grupo (paleta cualitativa de ECharts): el color de la estrategia no sirve, porque dos
# grupos pueden caer en la misma celda.
COLORES_GRUPO = ("#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de", "#3ba272", "#fc8452", "#9a60b4")
COLUMNAS_PLENARIO: tuple[str, ...] = ("produccion_total", "pymes_innovadoras", "confianza_media", "mora")


def nombre_grupo(grupo: int) -> str:
    return f"Grupo {grupo}"


def color_grupo(grupo: int) -> str:
    return COLORES_GRUPO[(grupo - 1) % len(COLORES_GRUPO)]


def reparto_ejecutado(series: pd.DataFrame, fraccion_inversion: float) -> tuple[float, float]:
    """(AP, PE) ejecutados: lo gastado en cada uno sobre el presupuesto de inversión del período
    (``fraccion_inversion`` × presupuesto municipal), entre 0 y 1. (0, 0) sin trimestres jugados."""
    inversion = fraccion_inversion * float(series["presupuesto_municipal"].sum()) if len(series) else 0.0
    if inversion <= 0:
        return 0.0, 0.0
    ap = float(series["inversion_publica_ap"].sum()) / inversion
    pe = float(series["inversion_publica_pe"].sum()) / inversion
    return min(max(ap, 0.0), 1.0), min(max(pe, 0.0), 1.0)


@dataclass(frozen=True)
class Punto:
    """Un grupo en la matriz: su reparto ejecutado y su desenlace clasificado."""

    grupo: int
    ap: float
    pe: float
    desenlace: str


def puntos(series: dict[int, pd.DataFrame], cfg) -> list[Punto]:
    """Cada grupo (``series``: grupo → su serie) con su reparto ejecutado y su desenlace."""
    return [
        Punto(g, *reparto_ejecutado(s, cfg.economia.fraccion_inversion), resumir(cfg, s)["desenlace"])
        for g, s in series.items()
    ]


def matriz_grupos_html(lista: list[Punto]) -> str:
    """La matriz 2×2 de la fuente con cada grupo en la celda de su reparto ejecutado y su desenlace."""

    def celda(hay_ap: bool, hay_pe: bool) -> str:
        dentro = [p for p in lista if cuadrante(p.ap, p.pe) == (hay_ap, hay_pe)]
        grupos = "".join(
            f'<li class="punto-grupo" data-grupo="{p.grupo}" style="border-left: 6px solid {color_grupo(p.grupo)}">'
            f"<b>{nombre_grupo(p.grupo)}</b> ({intensidades_html(p.ap, p.pe)}): "
            f"{desenlace_html(p.desenlace, 'desenlace-grupo')}</li>"
            for p in dentro
        )
        fuente = (
            f"{titulo_celda((hay_ap, hay_pe))}<br><small>la fuente afirma: "
            f"{afirmado_html(MATRIZ_FUENTE[(hay_ap, hay_pe)].desenlace)}</small>"
        )
        clase = ' class="actual"' if dentro else ""
        return f"<td{clase}>{fuente}<ul class='grupos-celda'>{grupos}</ul></td>"

    def fila(hay_ap: bool) -> str:
        return "".join(celda(hay_ap, hay_pe) for hay_pe in (True, False))

    return (
        '<table class="matriz matriz-grupos">'
        "<tr><th></th><th>Con promoción económica (PE)</th><th>Sin promoción económica</th></tr>"
        f"<tr><th>Con apoyo a la producción (AP)</th>{fila(True)}</tr>"
        f"<tr><th>Sin apoyo a la producción</th>{fila(False)}</tr>"
        "</table>"
    )


def opcion_trayectorias(series: dict[int, pd.DataFrame], columna: str) -> dict:
    """Una columna de la serie, una línea por grupo, con el rótulo y la unidad declarados."""
    declarado = indicador(columna)
    largo = max((len(s) for s in series.values()), default=0)
    lineas = {nombre_grupo(g): declarado.valor_mostrado(s[columna].to_numpy(dtype=float)) for g, s in series.items()}
    colores = {nombre_grupo(g): color_grupo(g) for g in series}
    return opcion_lineas(
        declarado.titulo, pd.RangeIndex(1, largo + 1), lineas, leyenda=True, colores=colores, eje=eje_y(declarado)
    )


# ---------------------------------------------------------------------- decisiones
def linea_de_tiempo(sala) -> pd.DataFrame:
    """Las decisiones de la sala, año por año y grupo por grupo (la última de cada rol en cada año; un
    rol sin decisión sigue con la anterior, uno que nadie tomó lo juega el modelo)."""
    filas = []
    tomados = {(p.grupo, p.rol) for p in sala.participantes}
    for anio in range(sala.anio + 1 if sala.anio < sala.anios else sala.anios):
        for grupo in range(1, sala.grupos + 1):
            decididas = sala.decisiones_del_anio(grupo, anio)
            for rol, datos in ROLES.items():
                if rol in decididas:
                    decision = texto(rol, decididas[rol])
                elif (grupo, rol) in tomados:
                    decision = "sin decisión nueva: sigue la anterior"
                else:
                    decision = "lo juega el modelo"
                jugado = "jugado" if anio < sala.anio else "por jugar"
                filas.append(
                    {"Año": anio + 1, "Grupo": grupo, "Rol": datos.titulo, "Decisión": decision, "Estado": jugado}
                )
    return pd.DataFrame(filas, columns=["Año", "Grupo", "Rol", "Decisión", "Estado"])


def linea_de_tiempo_html(sala) -> str:
    """La línea de tiempo como tabla HTML: una fila por año y grupo, una columna por rol."""
    tabla = linea_de_tiempo(sala)
    if tabla.empty:
        return "<p>Todavía no hay decisiones.</p>"
    ancha = tabla.pivot_table(index=["Año", "Grupo"], columns="Rol", values="Decisión", aggfunc="last")
    ancha = ancha[[r.titulo for r in ROLES.values()]]
    cabeza = "".join(f"<th>{html.escape(c)}</th>" for c in ["Año", "Grupo", *ancha.columns])
    cuerpo = "".join(
        "<tr>"
        + f"<td>{anio}</td><td>{nombre_grupo(grupo)}</td>"
        + "".join(f"<td>{html.escape(str(v))}</td>" for v in fila)
        + "</tr>"
        for (anio, grupo), fila in ancha.iterrows()
    )
    return f'<table class="linea-tiempo"><tr>{cabeza}</tr>{cuerpo}</table>'


# ---------------------------------------------------------------------- archivos
def tabla_sesion(series: dict[int, pd.DataFrame]) -> pd.DataFrame:
    """Las series de todos los grupos en una tabla (la columna «Grupo» primero; encabezados y
    redondeo de :func:`simulacion.taller.material.tabla_series`)."""
    partes = [material.tabla_series(s).assign(Grupo=g) for g, s in series.items()]
    tabla = pd.concat(partes, ignore_index=True) if partes else pd.DataFrame(columns=["Grupo"])
    return tabla[["Grupo", *[c for c in tabla.columns if c != "Grupo"]]]


def tabla_grupos(lista: list[Punto]) -> pd.DataFrame:
    """Una fila por grupo: reparto ejecutado y desenlace clasificado."""
    return pd.DataFrame(
        [
            {
                "Grupo": p.grupo,
                "AP ejecutado (% de la inversión)": round(100 * p.ap, 1),
                "PE ejecutada (% de la inversión)": round(100 * p.pe, 1),
                "Celda de la matriz": titulo_celda(cuadrante(p.ap, p.pe)),
                "Desenlace": ESTILO_DESENLACE.get(p.desenlace, (p.desenlace,))[0],
            }
            for p in lista
        ]
    )


def csv(series: dict[int, pd.DataFrame]) -> bytes:
    """Las series de todos los grupos en CSV (``;`` y coma decimal, como el material del taller)."""
    return tabla_sesion(series).to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")


def excel(series: dict[int, pd.DataFrame], lista: list[Punto], sala) -> bytes:
    """Libro con tres hojas: «Grupos» (reparto ejecutado y desenlace), «Decisiones» y «Series»."""
    buffer = io.BytesIO()
    hojas = (("Grupos", tabla_grupos(lista)), ("Decisiones", linea_de_tiempo(sala)), ("Series", tabla_sesion(series)))
    with pd.ExcelWriter(buffer, engine="openpyxl") as libro:
        for hoja, tabla in hojas:
            tabla.to_excel(libro, sheet_name=hoja, index=False)
            material.ajustar_columnas(libro.sheets[hoja], tabla)
    return buffer.getvalue()


def corrida_de_grupo(base: material.Corrida, punto: Punto, sala) -> material.Corrida:
    """La foto de un grupo (``base``, de :func:`~simulacion.taller.material.corrida_de`) con la sala,
    el grupo, su reparto ejecutado (color de su celda) y quién jugó cada rol."""
    tomados = {p.rol for p in sala.participantes if p.grupo == punto.grupo}
    quienes = ", ".join(datos.titulo for rol, datos in ROLES.items() if rol in tomados) or "ninguno"
    extra = (
        material.Ajuste("Sala", sala.codigo),
        material.Ajuste("Grupo", punto.grupo),
        material.Ajuste("Roles jugados por personas", quienes),
        material.Ajuste("AP ejecutado", round(100 * punto.ap, 1), "% de la inversión"),
        material.Ajuste("PE ejecutada", round(100 * punto.pe, 1), "% de la inversión"),
    )
    return replace(base, estrategia=nombre_grupo(punto.grupo), ap=punto.ap, pe=punto.pe, ajustes=extra + base.ajustes)


def pdf(corridas: list[material.Corrida]) -> bytes:
    """Un PDF con una página A4 por grupo (:func:`simulacion.taller.material.figura_pdf`)."""
    from matplotlib.backends.backend_pdf import PdfPages

    buffer = io.BytesIO()
    with PdfPages(buffer, metadata={"Title": "Plenario de la sala", "Creator": "simulacion-taller"}) as paginas:
        for corrida in corridas:
            paginas.savefig(material.figura_pdf(corrida))
    return buffer.getvalue()


def anios_jugados(series: pd.DataFrame) -> int:
    return len(series) // TRIMESTRES_POR_ANIO


def desenlace_texto(desenlace: str) -> str:
    """El rótulo declarado del desenlace (``sin datos`` antes de 2 trimestres)."""
    return ESTILO_DESENLACE.get(desenlace, (SIN_DATOS,))[0]
