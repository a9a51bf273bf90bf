"""Material para el plenario: la corrida del taller en CSV, Excel, PNG y un PDF de una página A4.

Funciones puras, sin Solara: :func:`corrida_de` toma una foto del modelo (la serie jugada hasta ahora,
el resumen con el desenlace y los ajustes de la página) y el resto arma los archivos a partir de esa
foto. La página (:func:`simulacion.taller.controles.Descargas`) arma cada archivo recién al pulsar
su botón, así que lo descargado es siempre la corrida en curso.

Encabezados, unidades y redondeo salen de la declaración de cada columna
(:mod:`simulacion.indicadores`): ``Producción total (kS/ por trimestre)`` con un decimal, la mora en
% (la fracción guardada × 100), los conteos sin decimales. Los gráficos son los paneles de
``series.png`` (:data:`simulacion.resultados.salidas.PANELES`), con el color de la celda de la
matriz de la estrategia (:data:`simulacion.estrategias.COLORES_CELDA`) y el del desenlace.

Las figuras se arman con ``matplotlib.figure.Figure`` y no con ``pyplot``: varios participantes
pueden descargar a la vez y ``pyplot`` guarda estado global.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd

from simulacion.estrategias import COLORES_CELDA, cuadrante
from simulacion.indicadores import DESENLACE, ESTILO_DESENLACE, Indicador, concordar, indicador
from simulacion.modelo import ModeloTerritorial
from simulacion.resultados.ejecucion import resumir, serie_de
from simulacion.resultados.salidas import PANELES, PANELES_DESARROLLO, unidad_panel
from simulacion.taller.sesion import PARAMETROS_GOBIERNO, PARAMETROS_TERRITORIO, catalogo

A4_PULGADAS = (210 / 25.4, 297 / 25.4)  # vertical
COLOR_ENCABEZADO = "#2e5e4e"  # el del encabezado de la página (tarjetas.ESTILO)
COLOR_SIN_DESENLACE = "#999999"
ESTILOS_LINEA = ("-", "--", ":")  # varias columnas de un panel: mismo color, distinto trazo


class Ajuste(NamedTuple):
    """Una fila de la hoja de ajustes: rótulo, valor y unidad (``""`` si no tiene)."""

    rotulo: str
    valor: object
    unidad: str = ""

    def texto(self) -> str:
        """El valor como se escribe en el PDF."""
        return f"{self.valor} {concordar(self.unidad, str(self.valor))}".strip()


@dataclass(frozen=True)
class Corrida:
    """Foto de una corrida del taller: lo necesario para armar cualquier archivo del plenario."""

    series: pd.DataFrame  # la serie jugada, una fila por trimestre (columnas de indicadores.SERIE)
    resumen: dict  # resumen.json de la serie (desenlace e indicadores)
    caso: str  # nombre de caso/<nombre>.yaml ("ninguno" si no hay)
    titulo_caso: str  # "Caso I, agua para lácteos"
    estrategia: str  # estrategia.nombre (o "personalizada")
    ap: float
    pe: float
    semilla: int
    ajustes: tuple[Ajuste, ...]  # caso, estrategia, AP, PE, semilla, trimestres y territorio

    @property
    def trimestres(self) -> int:
        return len(self.series)

    @property
    def color(self) -> str:
        """El color de la estrategia: el de su celda de la matriz (por intensidades, no por nombre)."""
        return COLORES_CELDA[cuadrante(self.ap, self.pe)]

    @property
    def desenlace(self) -> str:
        """El desenlace con su rótulo declarado (``descomposición``) o ``sin datos``."""
        return ESTILO_DESENLACE.get(self.resumen["desenlace"], (self.resumen["desenlace"], ""))[0]

    @property
    def color_desenlace(self) -> str:
        return ESTILO_DESENLACE.get(self.resumen["desenlace"], ("", COLOR_SIN_DESENLACE))[1]


# ---------------------------------------------------------------------- la foto
def _titulo(grupo: str, nombre: str | None, por_defecto: str) -> str:
    """Título de ``<grupo>/<nombre>.yaml`` en el catálogo (o ``por_defecto``)."""
    return next((opcion.titulo for opcion in catalogo(grupo) if opcion.nombre == nombre), por_defecto)


def _ajustes_territorio(modelo: ModeloTerritorial, cambiados: dict) -> list[Ajuste]:
    """Los parámetros del territorio que la página deja mover, con su valor en esta corrida."""
    territorio = modelo.cfg.territorio
    marca = " (cambiado en la página)"
    return [
        Ajuste(deslizable.rotulo + (marca if clave in cambiados else ""), getattr(territorio, clave))
        for clave, deslizable in PARAMETROS_TERRITORIO.items()
    ]


def _ajustes_gobierno(modelo: ModeloTerritorial, cambiados: dict) -> list[Ajuste]:
    """Las elecciones y la institucionalización, si la corrida tiene elecciones o se tocaron en la página
    (sin ellas, la hoja queda como antes)."""
    gobierno = modelo.cfg.gobierno
    if not gobierno.periodo_electoral and not cambiados:
        return []
    marca = " (cambiado en la página)"
    periodo = gobierno.periodo_electoral
    return [
        Ajuste(
            "Elecciones" + (marca if "periodo_electoral" in cambiados else ""),
            f"cada {periodo}" if periodo else "no",
            "trimestres" if periodo else "",
        ),
        *(
            Ajuste(deslizable.rotulo + (marca if clave in cambiados else ""), getattr(gobierno, clave))
            for clave, deslizable in PARAMETROS_GOBIERNO.items()
        ),
    ]


def corrida_de(modelo: ModeloTerritorial) -> Corrida:
    """La foto de ``modelo`` en el trimestre en curso. Se llama con el modelo quieto (con el bloqueo
    de la página tomado); armar los archivos después no necesita el modelo."""
    series = serie_de(modelo).copy()
    parametros = getattr(modelo, "parametros", {})  # los de ModeloTaller: caso, semilla, territorio, gobierno
    caso = parametros.get("caso") or "ninguno"
    estrategia = modelo.cfg.estrategia
    ap, pe = estrategia.apoyo_produccion, estrategia.promocion_economica
    titulo_estrategia = _titulo("estrategia", estrategia.nombre, "")
    nombre_estrategia = f"{titulo_estrategia}: {estrategia.nombre}" if titulo_estrategia else estrategia.nombre
    apoyo, promocion = indicador("apoyo_produccion"), indicador("promocion_economica")
    ajustes = [
        Ajuste("Caso", _titulo("caso", caso, caso)),
        Ajuste("Estrategia", nombre_estrategia),
        Ajuste("Apoyo a la producción (AP)", round(ap, 2), apoyo.unidad),
        Ajuste("Promoción económica (PE)", round(pe, 2), promocion.unidad),
    ]
    en_vigor = getattr(getattr(modelo, "municipalidad", None), "reparto", (ap, pe))
    if modelo.steps and tuple(round(x, 6) for x in en_vigor) != (round(ap, 6), round(pe, 6)):
        ajustes.append(Ajuste("AP y PE en vigor al final", f"{en_vigor[0]:.2f} y {en_vigor[1]:.2f}", apoyo.unidad))
    ajustes += [
        Ajuste("Semilla", modelo.cfg.semilla),
        Ajuste("Trimestres jugados", len(series), "trimestres"),
        *_ajustes_territorio(modelo, parametros.get("territorio") or {}),
        *_ajustes_gobierno(modelo, parametros.get("gobierno") or {}),
    ]
    return Corrida(
        series=series,
        resumen=resumir(modelo.cfg, series),
        caso=caso,
        titulo_caso=_titulo("caso", caso, caso),
        estrategia=estrategia.nombre,
        ap=ap,
        pe=pe,
        semilla=modelo.cfg.semilla,
        ajustes=tuple(ajustes),
    )


# ---------------------------------------------------------------------- tablas
def decimales(declarado: Indicador) -> int | None:
    """Los decimales del formato declarado (``{:,.1f}`` → 1); ``None`` si no es numérico."""
    encontrado = re.search(r"\.(\d+)f", declarado.formato)
    return int(encontrado.group(1)) if encontrado else None


def valor_redondeado(declarado: Indicador, valor):
    """El valor en la unidad mostrada (× 100 lo declarado en %), con los decimales del formato."""
    cifras = decimales(declarado)
    if cifras is None or valor is None or pd.isna(valor):
        return valor
    mostrado = round(float(declarado.valor_mostrado(valor)), cifras)
    return int(mostrado) if cifras == 0 else mostrado


def tabla_series(series: pd.DataFrame) -> pd.DataFrame:
    """La serie con encabezados en castellano y unidades (``Producción total (kS/ por trimestre)``) y el
    redondeo declarado de cada columna (los conteos, enteros)."""
    tabla = {}
    for columna in series.columns:
        declarado = indicador(columna)
        cifras = decimales(declarado)
        valores = series[columna].astype(float)
        if declarado.por_ciento:
            valores = 100 * valores
        if cifras is not None:
            valores = valores.round(cifras)
            if cifras == 0:
                valores = valores.astype("Int64")
        tabla[declarado.titulo] = valores
    return pd.DataFrame(tabla)


def tabla_ajustes(corrida: Corrida) -> pd.DataFrame:
    """Ajustes de la corrida y, debajo, su desenlace con los indicadores del desenlace."""
    filas = [*corrida.ajustes, Ajuste("Desenlace", corrida.desenlace)]
    for declarado in DESENLACE:
        if declarado.nombre in corrida.resumen:
            filas.append(
                Ajuste(
                    declarado.etiqueta,
                    valor_redondeado(declarado, corrida.resumen[declarado.nombre]),
                    declarado.unidad,
                )
            )
    return pd.DataFrame(filas, columns=["Ajuste", "Valor", "Unidad"])


# ---------------------------------------------------------------------- archivos
def csv(corrida: Corrida) -> bytes:
    """La serie en CSV para planillas en castellano (separador ``;``, decimal ``,``, UTF-8 con BOM)."""
    return tabla_series(corrida.series).to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")


def excel(corrida: Corrida) -> bytes:
    """Libro de Excel con dos hojas: «Serie» (como el CSV) y «Ajustes y desenlace»."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as libro:
        for hoja, tabla in (("Serie", tabla_series(corrida.series)), ("Ajustes y desenlace", tabla_ajustes(corrida))):
            tabla.to_excel(libro, sheet_name=hoja, index=False)
            ajustar_columnas(libro.sheets[hoja], tabla)
    return buffer.getvalue()


def ajustar_columnas(hoja, tabla: pd.DataFrame) -> None:
    """Ancho de columna según el encabezado y el contenido; la fila de encabezados, fija."""
    from openpyxl.utils import get_column_letter

    for numero, columna in enumerate(tabla.columns, start=1):
        largo = max([len(str(columna)), *(len(str(valor)) for valor in tabla[columna])])
        hoja.column_dimensions[get_column_letter(numero)].width = min(60, largo + 2)
    hoja.freeze_panes = "A2"


def titulo(corrida: Corrida) -> str:
    """Título de los gráficos: caso, estrategia con sus intensidades, semilla y trimestre."""
    return (
        f"{corrida.titulo_caso} · estrategia {corrida.estrategia} (AP {corrida.ap:.2f}, PE {corrida.pe:.2f}) · "
        f"semilla {corrida.semilla} · trimestre {corrida.trimestres}"
    )


def _dibujar_paneles(figura, ejes, corrida: Corrida, paneles=PANELES) -> None:
    """Los ``paneles`` (por defecto, los de ``series.png``) en ``ejes``, en el color de la estrategia."""
    s = corrida.series
    for eje, (rotulo, columnas) in zip(ejes, paneles, strict=True):
        for columna, trazo in zip(columnas, ESTILOS_LINEA, strict=False):
            if columna in s:
                declarado = indicador(columna)  # en la unidad mostrada: × 100 lo declarado en %
                eje.plot(
                    s["paso"], declarado.valor_mostrado(s[columna]), trazo, color=corrida.color, label=declarado.leyenda
                )
        eje.set_title(rotulo, fontsize=9)
        eje.set_xlabel("trimestre", fontsize=8)
        eje.tick_params(labelsize=7)
        eje.grid(alpha=0.3)
        unidad = unidad_panel(rotulo, columnas)
        if unidad.startswith("índice 0–1"):  # escala fija: 0,50 → 0,53 no parece un salto
            eje.set_ylim(0, 1)
        elif unidad == "%":  # una fracción mostrada en %: de 0 a 100
            eje.set_ylim(0, 100)
        elif len(s) and (s[list(columnas)] >= 0).all().all():  # desde 0, con aire arriba
            eje.set_ylim(0, 1.08 * float(s[list(columnas)].max().max()) or 1)
        if len(columnas) > 1:
            eje.legend(fontsize=7)


def figura_png(corrida: Corrida):
    """La figura de los gráficos (2×3 paneles) con el título de :func:`titulo`."""
    from matplotlib.figure import Figure

    figura = Figure(figsize=(13, 7.4))
    ejes = figura.subplots(2, 3).flat
    figura.subplots_adjust(left=0.05, right=0.985, bottom=0.07, top=0.87, wspace=0.22, hspace=0.38)
    _dibujar_paneles(figura, ejes, corrida)
    figura.suptitle(titulo(corrida), fontsize=11, color=COLOR_ENCABEZADO, fontweight="bold")
    figura.text(0.5, 0.925, f"desenlace: {corrida.desenlace}", ha="center", fontsize=10, bbox=_recuadro(corrida))
    return figura


def png(corrida: Corrida) -> bytes:
    """Los gráficos de la corrida en PNG."""
    buffer = io.BytesIO()
    figura_png(corrida).savefig(buffer, format="png", dpi=100)
    return buffer.getvalue()


def _tabla_pdf(eje, filas: list[Ajuste], titulo_tabla: str, ancho_rotulo: float) -> None:
    """Una tabla rótulo / valor con su unidad, sin ejes y con líneas finas."""
    eje.axis("off")
    eje.set_title(titulo_tabla, fontsize=9, loc="left", color=COLOR_ENCABEZADO, fontweight="bold")
    texto = [[fila.rotulo, fila.texto()] for fila in filas]
    anchos = [ancho_rotulo, 1 - ancho_rotulo]
    tabla = eje.table(cellText=texto, colWidths=anchos, loc="upper left", cellLoc="left", edges="horizontal")
    tabla.auto_set_font_size(False)
    tabla.set_fontsize(6.5)
    for celda in tabla.get_celld().values():
        celda.set_linewidth(0.3)
        celda.set_edgecolor("#aaaaaa")


def figura_pdf(corrida: Corrida):
    """Una página A4 vertical: encabezado, desenlace, ajustes, indicadores del desenlace, los seis
    gráficos de ``series.png`` y los dos del desarrollo (:data:`~simulacion.resultados.salidas.PANELES_DESARROLLO`)."""
    from matplotlib.figure import Figure

    figura = Figure(figsize=A4_PULGADAS)
    figura.patches.append(_banda(figura))
    encabezado = "Taller: alianzas público-privadas para el desarrollo económico local"
    figura.text(0.04, 0.972, encabezado, color="white", fontsize=11, fontweight="bold", va="center")
    figura.text(0.04, 0.935, titulo(corrida), fontsize=8, va="center")
    desenlace = f"Desenlace clasificado: {corrida.desenlace}"
    figura.text(0.04, 0.905, desenlace, fontsize=12, fontweight="bold", va="center", bbox=_recuadro(corrida))
    ajustes = list(corrida.ajustes)
    _tabla_pdf(figura.add_axes((0.03, 0.63, 0.51, 0.24)), ajustes, "Ajustes de la corrida", 0.5)
    indicadores = [Ajuste(*fila) for fila in tabla_ajustes(corrida).itertuples(index=False)][len(ajustes) + 1 :]
    _tabla_pdf(figura.add_axes((0.56, 0.63, 0.42, 0.24)), indicadores, "Indicadores del desenlace", 0.53)
    margenes = {"left": 0.09, "right": 0.97, "bottom": 0.06, "top": 0.6, "hspace": 0.68, "wspace": 0.28}
    ejes = figura.subplots(4, 2, gridspec_kw=margenes).flat
    _dibujar_paneles(figura, ejes, corrida, (*PANELES, *PANELES_DESARROLLO))
    nota = "El clasificador del desenlace sólo mira indicadores medidos, nunca el nombre de la estrategia."
    figura.text(0.04, 0.012, nota, fontsize=6.5, color="#555555")
    return figura


def _recuadro(corrida: Corrida) -> dict:
    """El recuadro del desenlace, en su color declarado."""
    return {"facecolor": corrida.color_desenlace, "alpha": 0.5, "edgecolor": "none"}


def _banda(figura):
    """La banda del encabezado, en el color de la página."""
    from matplotlib.patches import Rectangle

    return Rectangle((0, 0.955), 1, 0.045, transform=figura.transFigure, color=COLOR_ENCABEZADO, zorder=-1)


def pdf(corrida: Corrida) -> bytes:
    """El resumen de la corrida en un PDF de una página A4."""
    buffer = io.BytesIO()
    metadatos = {"Title": titulo(corrida), "Creator": "simulacion-taller"}
    figura_pdf(corrida).savefig(buffer, format="pdf", metadata=metadatos)
    return buffer.getvalue()


# ---------------------------------------------------------------------- formatos
class Formato(NamedTuple):
    """Un archivo que se descarga: rótulo del botón, extensión, tipo MIME y cómo se arma."""

    rotulo: str
    extension: str
    tipo: str
    armar: Callable[[Corrida], bytes]


TIPO_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATOS: tuple[Formato, ...] = (
    Formato("Serie (CSV)", "csv", "text/csv", csv),
    Formato("Serie y ajustes (Excel)", "xlsx", TIPO_XLSX, excel),
    Formato("Resumen (PDF, una página)", "pdf", "application/pdf", pdf),
    Formato("Gráficos (PNG)", "png", "image/png", png),
)


def nombre_archivo(corrida: Corrida, extension: str) -> str:
    """``taller_<caso>_<estrategia>_semilla<s>_t<trimestre>.<extensión>``."""
    return f"taller_{corrida.caso}_{corrida.estrategia}_semilla{corrida.semilla}_t{corrida.trimestres}.{extension}"


def archivo(modelo_o_corrida: ModeloTerritorial | Corrida, formato: Formato) -> tuple[str, bytes]:
    """Nombre y contenido de un archivo del plenario."""
    corrida = modelo_o_corrida if isinstance(modelo_o_corrida, Corrida) else corrida_de(modelo_o_corrida)
    return nombre_archivo(corrida, formato.extension), formato.armar(corrida)
