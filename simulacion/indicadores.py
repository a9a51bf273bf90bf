"""Declaración única de lo que se mide y se informa: cada columna con su nombre, rótulo, unidad,
formato, descripción y forma de medirse (docs/odd.md §4.2).

Todo lo demás lee de aquí: la medición del modelo (:mod:`simulacion.modelo.medicion`), ``series.png``,
las tablas y figuras de los barridos, las tarjetas y gráficos del taller, los encabezados de los CSV
y el diccionario de datos ``docs/datos.md`` (:func:`diccionario_markdown`).

**Convención de unidades.** Se guardan fracciones (0,015 = 1,5 %) y dinero en miles de soles (kS/);
sólo al mostrar se multiplica por 100 lo que se declara ``por_ciento``. El tiempo es el trimestre
(un paso); las tasas del desenlace son anuales.

Este módulo es una hoja: no importa nada del proyecto ni Mesa.
"""

from __future__ import annotations

from dataclasses import dataclass


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
    ayuda: str = ""  # explicación en castellano llano para el glosario del taller (si no, la descripción)
    eje: tuple[float | None, float | None] | None = None  # eje fijo (mínimo, máximo) en la unidad mostrada

    @property
    def glosario(self) -> str:
        """Explicación en castellano llano (la ``ayuda`` o, si no hay, la descripción sin marcas de código)."""
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

    def mostrar(self, valor: float) -> str:
        """El valor con su formato (sin unidad), p. ej. ``+2.8`` para 0,028 en ``%/año``."""
        return self.formato.format(self.valor_mostrado(valor))


KS_TRIM = "kS/ por trimestre"
_FIN_DE_PASO = "al final del trimestre"

# --------------------------------------------------------------------------------- serie por paso
# Columnas de ``series.parquet`` y de la serie del modelo, en su orden.
SERIE: tuple[Indicador, ...] = (
    Indicador(
        "paso",
        "Trimestre",
        "",
        "Número del trimestre (el primero es 1).",
        "Contador de pasos del modelo Mesa.",
        "{:.0f}",
    ),
    Indicador(
        "produccion_total",
        "Producción total",
        KS_TRIM,
        "Ventas de todas las pymes a precios del trimestre, con el sobreprecio que pagan las empresas compradoras.",
        "Suma de producción × precio de cada pyme, en la fase de producción.",
        corta="producción",
        ayuda="Lo que venden todas las pymes del territorio en el trimestre, en miles de soles (kS/).",
        eje=(0.0, None),
    ),
    Indicador(
        "empleo",
        "Empleo",
        "personas",
        "Puestos de trabajo de las pymes: uno por pyme más ``economia.empleo_por_capital`` por kS/ de capital.",
        "En la fase de producción, con el capital de ese momento.",
        ayuda="Personas que trabajan en las pymes.",
        eje=(0.0, None),
    ),
    Indicador(
        "pymes_tradicionales",
        "Pymes tradicionales",
        "pymes",
        "Pymes activas con actividad tradicional.",
        f"Conteo {_FIN_DE_PASO}, después de salidas y entradas.",
        "{:,.0f}",
        corta="tradicionales",
        ayuda="Pymes que producen lo de siempre (cultivos, crianzas, comercio).",
        eje=(0.0, None),
    ),
    Indicador(
        "pymes_innovadoras",
        "Pymes innovadoras",
        "pymes",
        "Pymes activas con una actividad innovadora.",
        f"Conteo {_FIN_DE_PASO}, después de salidas y entradas.",
        "{:,.0f}",
        corta="innovadoras",
        ayuda="Pymes que producen algo nuevo para vender fuera (un producto o un proceso nuevo).",
        eje=(0.0, None),
    ),
    Indicador(
        "empresas",
        "Empresas mayores",
        "empresas",
        "Empresas compradoras o inversionistas presentes.",
        f"Conteo {_FIN_DE_PASO}.",
        "{:,.0f}",
        ayuda="Empresas mayores que compran a las pymes o invierten en el territorio.",
        eje=(0.0, None),
    ),
    Indicador(
        "entradas",
        "Entradas",
        "pymes por trimestre",
        "Pymes nuevas del trimestre.",
        "Conteo en la fase de entradas.",
        "{:,.0f}",
        corta="entradas",
        ayuda="Pymes que abren en el trimestre.",
        eje=(0.0, None),
    ),
    Indicador(
        "salidas",
        "Salidas",
        "pymes por trimestre",
        "Pymes que cerraron en el trimestre (insolvencia, pérdidas, deuda ejecutada).",
        "Conteo en la fase de producción.",
        "{:,.0f}",
        corta="salidas",
        ayuda="Pymes que cierran en el trimestre (sin plata, con pérdidas o por deudas).",
        eje=(0.0, None),
    ),
    Indicador(
        "salidas_innovadoras",
        "Fracasos innovadores",
        "pymes por trimestre",
        "Innovadoras que cerraron más actividades innovadoras perdidas por eventos adversos del entorno.",
        "Conteo en la fase de producción.",
        "{:,.0f}",
        corta="fracasos innovadores",
        ayuda=(
            "Innovaciones que fracasan en el trimestre: innovadoras que cierran o que vuelven a lo tradicional "
            "tras un golpe (plaga, helada, un comprador que no paga)."
        ),
        eje=(0.0, None),
    ),
    Indicador(
        "abandonos_innovacion",
        "Innovaciones perdidas",
        "pymes por trimestre",
        "Actividades innovadoras que desaparecen por un evento adverso (la pyme sigue como tradicional).",
        "Conteo en la fase de producción.",
        "{:,.0f}",
    ),
    Indicador(
        "resultado_mercado",
        "Resultado del mercado municipal",
        KS_TRIM,
        "Alquiler cobrado menos lo gastado en el mercado municipal (Caso II); 0 si no hay mercado.",
        "En la fase municipal.",
        ayuda="Alquiler que cobra la municipalidad en su mercado menos lo que gasta en él: negativo si pierde plata.",
    ),
    Indicador(
        "inversion_privada",
        "Inversión privada",
        KS_TRIM,
        "Reinversión de las pymes, aporte privado a proyectos de innovación e inversión de las empresas.",
        "Suma de los flujos del trimestre.",
        corta="privada",
        ayuda="Lo que invierten los privados: las pymes en su negocio y en proyectos nuevos, y las empresas mayores.",
        eje=(0.0, None),
    ),
    Indicador(
        "inversion_publica_ap",
        "Inversión pública AP",
        KS_TRIM,
        "Gasto municipal en obras de apoyo a la producción.",
        "Suma de los flujos del trimestre, en la fase municipal.",
        corta="pública AP",
        ayuda="Lo que la municipalidad gasta en obras para todos (caminos, riego, electricidad, sanidad).",
        eje=(0.0, None),
    ),
    Indicador(
        "inversion_publica_pe",
        "Inversión pública PE",
        KS_TRIM,
        "Gasto municipal de promoción económica ejecutado (cofinanciamiento, servicios, garantía, promoción).",
        "Suma de los flujos del trimestre, en la fase municipal.",
        corta="pública PE",
        ayuda=(
            "Lo que la municipalidad gasta en promoción económica: su parte de proyectos concertados, servicios a"
            " productores, fondo de garantía y promoción. Sólo se gasta si un privado pone su parte."
        ),
        eje=(0.0, None),
    ),
    Indicador(
        "credito_otorgado",
        "Crédito otorgado",
        KS_TRIM,
        "Préstamos desembolsados por las entidades financieras.",
        "Suma de los desembolsos del trimestre.",
        ayuda="Préstamos que dan los bancos y cajas a las pymes en el trimestre.",
        eje=(0.0, None),
    ),
    Indicador(
        "mora",
        "Mora",
        "%",
        "Fracción de la deuda de las pymes que está en atraso.",
        f"Deuda con atraso / deuda total, {_FIN_DE_PASO}.",
        "{:.1f}",
        por_ciento=True,
        ayuda="Parte de lo que deben las pymes que está atrasada (préstamos que no se pagan a tiempo).",
        eje=(0.0, 100.0),
    ),
    Indicador(
        "confianza_media",
        "Confianza media",
        "índice 0–1",
        "Confianza media de las pymes en la concertación.",
        f"Promedio {_FIN_DE_PASO}.",
        "{:.2f}",
        corta="confianza",
        ayuda="Cuánto confían las pymes en la concertación con la municipalidad: 0 nada, 1 total.",
        eje=(0.0, 1.0),
    ),
    Indicador(
        "presupuesto_municipal",
        "Presupuesto municipal",
        KS_TRIM,
        "Ingresos del trimestre: transferencias más impuestos locales del trimestre anterior.",
        "Al recaudar, en la fase municipal.",
        corta="presupuesto",
        ayuda="Lo que recibe la municipalidad en el trimestre: transferencias del Estado más impuestos locales.",
        eje=(0.0, None),
    ),
    Indicador(
        "proyectos_cofinanciados",
        "Proyectos cofinanciados",
        "proyectos por trimestre",
        "Proyectos de innovación con aporte público concertado.",
        "Conteo en la fase municipal.",
        "{:,.0f}",
        ayuda=(
            "Proyectos de innovación en que la municipalidad pone una parte y el productor la otra (acordados en "
            "la mesa de concertación)."
        ),
        eje=(0.0, None),
    ),
    Indicador(
        "proyectos_privados",
        "Proyectos privados",
        "proyectos por trimestre",
        "Proyectos de innovación financiados sólo por la pyme (caja y crédito).",
        "Conteo en la fase municipal.",
        "{:,.0f}",
        ayuda="Proyectos de innovación que el productor paga solo, con su plata o con crédito.",
        eje=(0.0, None),
    ),
    Indicador(
        "propuestas",
        "Propuestas",
        "proyectos por trimestre",
        "Iniciativas de innovación que responden a una señal de mercado.",
        "Conteo en la fase municipal.",
        "{:,.0f}",
    ),
    Indicador(
        "concertacion",
        "Mesa de concertación",
        "0 o 1",
        "1 si la mesa de concertación funcionó en el trimestre.",
        "En la fase municipal.",
        "{:.0f}",
        ayuda=(
            "1 si la mesa de concertación (municipalidad, productores, empresas, agencias) se reunió y acordó en "
            "el trimestre; 0 si no."
        ),
        eje=(0.0, 1.0),
    ),
    Indicador(
        "infraestructura_media",
        "Infraestructura media",
        "índice 0–1",
        "Calidad media del entorno (caminos y riego, electricidad, sanidad).",
        f"Promedio de las celdas {_FIN_DE_PASO}, antes de la depreciación del siguiente.",
        "{:.3f}",
        ayuda="Calidad media de caminos, riego, electricidad y sanidad: 0 nada, 1 completa.",
        eje=(0.0, 1.0),
    ),
    Indicador(
        "precio_nuevo",
        "Precio de productos nuevos",
        "kS/ por unidad",
        "Precio externo de los productos innovadores (baja si la oferta local supera la demanda).",
        "Último precio calculado en el trimestre.",
        "{:.3f}",
    ),
    Indicador(
        "choque_climatico",
        "Choque climático",
        "fracción de la producción",
        "Severidad del choque climático del trimestre (0 si no hubo).",
        "En la fase del exterior.",
        "{:.2f}",
    ),
    Indicador(
        "castigos",
        "Castigos",
        KS_TRIM,
        "Deuda incobrable borrada por las entidades financieras (neta de la garantía).",
        "Suma del trimestre en la contabilidad.",
    ),
    Indicador(
        "dinero_total",
        "Dinero en el territorio",
        "kS/",
        "Caja de todos los actores (municipalidad, entidades, agencias, empresas, pymes).",
        f"Suma {_FIN_DE_PASO}.",
    ),
    Indicador(
        "flujo_neto",
        "Flujo neto",
        KS_TRIM,
        "Fuentes menos sumideros de la contabilidad: explica el cambio de ``dinero_total``.",
        "Suma del trimestre en la contabilidad.",
    ),
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

# --------------------------------------------------------------------------------- desenlace
# Indicadores que calcula :func:`simulacion.resultados.desenlace.indicadores` sobre la serie.
DESENLACE: tuple[Indicador, ...] = (
    Indicador(
        "crecimiento_anual",
        "Crecimiento anual de la producción",
        "%/año",
        "Tasa anual de la tendencia de la producción en toda la serie.",
        "exp(4 × pendiente) − 1 de la recta de mínimos cuadrados del logaritmo de la producción trimestral.",
        "{:+.1f}",
        por_ciento=True,
        ayuda=(
            "Cuánto crece (o cae) la producción por año, en promedio en toda la corrida: +3 %/año es que cada año"
            " se produce 3 % más."
        ),
    ),
    Indicador(
        "cambio_pymes_anual",
        "Cambio anual del número de pymes",
        "%/año",
        "Tasa anual de la tendencia del número de pymes activas (una tasa: no depende del horizonte).",
        "Como el crecimiento, sobre pymes tradicionales más innovadoras de cada trimestre.",
        "{:+.1f}",
        por_ciento=True,
        ayuda="Cuánto crece (o cae) por año el número de pymes, en promedio en toda la corrida.",
    ),
    Indicador(
        "fraccion_innovadora",
        "Fracción innovadora final",
        "%",
        "Fracción de las pymes activas que son innovadoras al final.",
        "Último trimestre de la serie.",
        "{:.1f}",
        por_ciento=True,
        ayuda="De cada 100 pymes al final, cuántas son innovadoras.",
    ),
    Indicador(
        "tasa_fracaso_innovadoras",
        "Fracaso de innovadoras",
        "salidas por innovadora-año",
        "Fracasos innovadores por año de actividad innovadora.",
        "Suma de fracasos innovadores / (suma de pymes innovadoras / 4).",
        "{:.3f}",
        ayuda=(
            "Cuántas innovaciones fracasan por año por cada pyme innovadora: 0,03 es que de cada 100 innovadoras "
            "fracasan 3 por año; 1 es que en promedio todas fracasan en un año."
        ),
    ),
    Indicador(
        "volatilidad",
        "Volatilidad trimestral",
        "desvío del log",
        "Desvío típico del crecimiento trimestral (logarítmico) de la producción.",
        "Sobre toda la serie.",
        "{:.3f}",
        ayuda=(
            "Cuánto sube y baja la producción de un trimestre a otro: 0,05 son saltos típicos de alrededor de 5 "
            "%; más alto es una economía más insegura."
        ),
    ),
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


# --------------------------------------------------------------------------------- resumen
# Campos de ``resumen.json`` además de los indicadores del desenlace (que van al final).
RESUMEN: tuple[Indicador, ...] = (
    Indicador(
        "estrategia",
        "Estrategia",
        "",
        "Nombre de la estrategia (``estrategia.nombre``); sólo un rótulo.",
        "De la configuración.",
        "{}",
    ),
    Indicador("semilla", "Semilla", "", "Semilla del generador aleatorio del modelo.", "De la configuración.", "{}"),
    Indicador("pasos", "Trimestres", "trimestres", "Horizonte de la corrida.", "De la configuración.", "{}"),
    Indicador(
        "apoyo_produccion",
        "AP",
        "fracción del presupuesto de inversión",
        "Fracción del presupuesto de inversión para apoyo a la producción.",
        "De la configuración.",
        "{:.2f}",
    ),
    Indicador(
        "promocion_economica",
        "PE",
        "fracción del presupuesto de inversión",
        "Fracción del presupuesto de inversión para promoción económica.",
        "De la configuración.",
        "{:.2f}",
    ),
    Indicador(
        "territorio", "Territorio", "", "Nombre del territorio (``territorio.nombre``).", "De la configuración.", "{}"
    ),
    Indicador(
        "n_pymes", "Pymes al inicio", "pymes", "Pymes de la población inicial.", "De la configuración.", "{:,.0f}"
    ),
    Indicador(
        "desenlace",
        "Desenlace",
        "",
        "Desenlace clasificado: crecimiento, estancamiento, fragilidad o descomposicion.",
        "Reglas de :func:`simulacion.resultados.desenlace.clasificar` sobre los indicadores; nunca ve la estrategia.",
        "{}",
    ),
)

# --------------------------------------------------------------------------------- tabla de un barrido
# Columnas propias de ``resultados.csv``/``resultados.parquet`` (simulacion/barridos/analisis.py), además
# de una columna por clave de override y de los campos de ``resumen.json``.
TABLA_BARRIDO: tuple[Indicador, ...] = (
    Indicador(
        "trabajo", "Trabajo", "", "Número del trabajo de Hydra (su subcarpeta).", "De la carpeta del barrido.", "{}"
    ),
    Indicador("carpeta", "Carpeta", "", "Carpeta de la corrida.", "De la carpeta del barrido.", "{}"),
    Indicador(
        "overrides", "Overrides", "", "Overrides de la corrida, separados por espacios.", "De ``estado.json``.", "{}"
    ),
    Indicador(
        "estado",
        "Estado",
        "",
        "``completo``, ``error`` o ``faltante`` (sin ``estado.json`` o sin archivos).",
        "De ``estado.json`` y los archivos presentes.",
        "{}",
    ),
    Indicador("duracion_s", "Duración", "s", "Tiempo de pared de la corrida.", "De ``estado.json``.", "{:.2f}"),
    Indicador("fin", "Fin", "s", "Fin de la corrida (hora Unix, segundos).", "De ``estado.json``.", "{}"),
    Indicador("error", "Error", "", "Mensaje de error de una corrida fallida.", "De ``estado.json``.", "{}"),
)

# ``series.parquet`` de un barrido (barridos/analisis.py), una fila por corrida completa y trimestre: ``trabajo``,
# una columna por clave de override, estas columnas de ``resumen.json`` y todas las de ``SERIE``.
COLUMNAS_TABLA_LARGA = ("estrategia", "semilla", "apoyo_produccion", "promocion_economica", "desenlace")

# --------------------------------------------------------------------------------- desenlaces
DESENLACES: tuple[str, ...] = ("crecimiento", "estancamiento", "fragilidad", "descomposicion")
# Rótulo y color de cada desenlace (el mismo en toda figura y en el taller).
ESTILO_DESENLACE: dict[str, tuple[str, str]] = {
    "crecimiento": ("crecimiento", "#2a9d8f"),
    "estancamiento": ("estancamiento", "#e9c46a"),
    "fragilidad": ("fragilidad", "#f4a261"),
    "descomposicion": ("descomposición", "#e76f51"),
}

POR_NOMBRE: dict[str, Indicador] = {
    i.nombre: i for i in (*SERIE, *DESENLACE, *RESUMEN, *TABLA_BARRIDO, *(t.indicador for t in TOTALES))
}
COLUMNAS_SERIE: tuple[str, ...] = tuple(i.nombre for i in SERIE)
NOMBRES_DESENLACE: tuple[str, ...] = tuple(i.nombre for i in DESENLACE)


def indicador(nombre: str) -> Indicador:
    """La declaración de ``nombre``; ``KeyError`` con un mensaje claro si no está declarada."""
    try:
        return POR_NOMBRE[nombre]
    except KeyError:
        raise KeyError(f"columna no declarada en simulacion/indicadores.py: {nombre!r}") from None


def _tabla(indicadores: tuple[Indicador, ...]) -> list[str]:
    filas = ["| columna | unidad | qué es | cómo se mide |", "|---|---|---|---|"]
    for i in indicadores:
        unidad = i.unidad or "—"
        if i.por_ciento:
            unidad = f"fracción (se muestra en {i.unidad})"
        filas.append(f"| `{i.nombre}` | {unidad} | {i.descripcion} | {i.medicion} |")
    return filas


def diccionario_markdown() -> str:
    """El diccionario de datos ``docs/datos.md``, generado de estas declaraciones."""
    partes = [
        "# Diccionario de datos",
        "",
        "Generado de `simulacion/indicadores.py` (la única declaración de cada columna) con",
        "`.venv/bin/python -m simulacion.indicadores > docs/datos.md`; una prueba verifica que esté al día.",
        "",
        "**Unidades.** Una sola regla para todo archivo: se guardan fracciones (0,015 = 1,5 %) y dinero",
        "en miles de soles (kS/); la consola, las figuras y el taller muestran en % lo que aquí dice",
        "«se muestra en %», y lo dicen en el rótulo (`%/año`, `%`). Lo que se calcula sobre una columna",
        "(una media, su intervalo, un efecto de Morris) queda en la unidad guardada de esa columna. Un",
        "paso es un trimestre; las tasas del desenlace son anuales.",
        "",
        "## `series.parquet` (una fila por trimestre)",
        "",
        *_tabla(SERIE),
        "",
        "## `resumen.json` (una corrida)",
        "",
        "Los campos de la corrida y, al final, los indicadores del desenlace.",
        "",
        *_tabla(RESUMEN),
        *_tabla(DESENLACE)[2:],
        "",
        "## `resultados.csv` y `resultados.parquet` (un barrido, una fila por corrida)",
        "",
        "Las columnas propias de la tabla, una columna por clave de override (p. ej. `semilla`,",
        "`estrategia`, `territorio.n_pymes`, con el valor de la corrida) y todos los campos de",
        "`resumen.json`.",
        "",
        *_tabla(TABLA_BARRIDO),
        "",
        "## `series.parquet` de un barrido (en la carpeta del barrido; una fila por corrida y trimestre)",
        "",
        "La tabla larga de todas las corridas completas, lista para pandas, R o duckdb",
        "(`duckdb.sql(\"select * from 'series.parquet'\")`). Columnas, en este orden: `trabajo`, una",
        "columna por clave de override de la corrida (como en `resultados.csv`; un override de",
        "diccionario como `estrategia={apoyo_produccion:0.3,promocion_economica:0.6}` da una columna por",
        "clave: `estrategia.apoyo_produccion`, `estrategia.promocion_economica`), las columnas de la",
        "corrida de abajo y todas las de `series.parquet` de una corrida (arriba), con sus unidades.",
        "Se une a `resultados.csv` por `trabajo`.",
        "",
        *_tabla(tuple(POR_NOMBRE[n] for n in ("trabajo", *COLUMNAS_TABLA_LARGA))),
        "",
        "## Totales de la corrida (taller y guía del facilitador)",
        "",
        "No se guardan: la página del taller y `experimentos/taller_casos.py` los calculan sobre",
        "`series.parquet` hasta el trimestre en curso (`simulacion.indicadores.total`).",
        "",
        *_tabla(tuple(t.indicador for t in TOTALES)),
        "",
        "## Tablas de los diseños (`sensibilidad.csv`, `sobol.csv`, `escenarios.csv`)",
        "",
        "Con la misma regla: los efectos de Morris (`mu_estrella`, `mu_estrella_ic`, `mu`, `sigma`) van en",
        "la unidad guardada de su `salida`, que la columna `unidad` nombra (`fracción (×100 = %/año)`: 0,050",
        "en el archivo es 5,00 %/año en la consola y en la figura). Los índices de Sobol (`S1`, `ST` y sus",
        "intervalos) son fracciones de la varianza; `cambia_desenlace`, `cobertura`, `densidad` y `masa`,",
        "fracciones de corridas; `minimo` y `maximo` de una caja de PRIM, en la unidad de su parámetro.",
        "Cada columna se describe en docs/barridos.md (Sensibilidad, Índices de Sobol, Escenarios).",
        "",
    ]
    return "\n".join(partes)


if __name__ == "__main__":
    print(diccionario_markdown(), end="")
