"""Declaración única de lo que se mide y se informa: cada columna con su nombre, rótulo, unidad,
formato, descripción y forma de medirse (docs/odd.md §4.2).

Todo lo demás lee de aquí: la medición del modelo (:mod:`simulacion.modelo.medicion`), ``series.png``,
las tablas y figuras de los barridos, las tarjetas y gráficos del taller, los encabezados de los CSV
y el diccionario de datos ``docs/datos.md`` (:mod:`simulacion.indicadores.diccionario`).

**Convención de unidades.** Se guardan fracciones (0,015 = 1,5 %) y dinero en miles de soles (kS/);
sólo al mostrar se multiplica por 100 lo que se declara ``por_ciento``. El tiempo es el trimestre
(un paso); las tasas del desenlace son anuales.

Este módulo es una hoja: no importa nada del proyecto ni Mesa.
"""

from __future__ import annotations

from simulacion.indicadores.desarrollo import COLUMNAS_DESARROLLO
from simulacion.indicadores.guia import COLUMNAS_GUIA, TOTALES, con_glosario
from simulacion.indicadores.indicador import KS_TRIM, Indicador, concordar, contar  # noqa: F401 (concordar, contar: se usan desde aquí)

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
    ),
    Indicador(
        "empleo",
        "Empleo",
        "personas",
        "Puestos de trabajo de las pymes: uno por pyme más ``economia.empleo_por_capital`` por kS/ de capital.",
        "En la fase de producción, con el capital de ese momento.",
    ),
    Indicador(
        "pymes_tradicionales",
        "Pymes tradicionales",
        "pymes",
        "Pymes activas con actividad tradicional.",
        f"Conteo {_FIN_DE_PASO}, después de salidas y entradas.",
        "{:,.0f}",
        corta="tradicionales",
    ),
    Indicador(
        "pymes_innovadoras",
        "Pymes innovadoras",
        "pymes",
        "Pymes activas con una actividad innovadora.",
        f"Conteo {_FIN_DE_PASO}, después de salidas y entradas.",
        "{:,.0f}",
        corta="innovadoras",
    ),
    Indicador(
        "empresas",
        "Empresas mayores",
        "empresas",
        "Empresas compradoras o inversionistas presentes.",
        f"Conteo {_FIN_DE_PASO}.",
        "{:,.0f}",
    ),
    Indicador(
        "entradas",
        "Entradas",
        "pymes por trimestre",
        "Pymes nuevas del trimestre.",
        "Conteo en la fase de entradas.",
        "{:,.0f}",
        corta="entradas",
    ),
    Indicador(
        "salidas",
        "Salidas",
        "pymes por trimestre",
        "Pymes que cerraron en el trimestre (insolvencia, pérdidas, deuda ejecutada).",
        "Conteo en la fase de producción.",
        "{:,.0f}",
        corta="salidas",
    ),
    Indicador(
        "salidas_innovadoras",
        "Fracasos innovadores",
        "pymes por trimestre",
        "Innovadoras que cerraron más actividades innovadoras perdidas por eventos adversos del entorno.",
        "Conteo en la fase de producción.",
        "{:,.0f}",
        corta="fracasos innovadores",
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
    ),
    Indicador(
        "inversion_privada",
        "Inversión privada",
        KS_TRIM,
        "Reinversión de las pymes, aporte privado a proyectos de innovación e inversión de las empresas.",
        "Suma de los flujos del trimestre.",
        corta="privada",
    ),
    Indicador(
        "inversion_publica_ap",
        "Inversión pública AP",
        KS_TRIM,
        "Gasto municipal en obras de apoyo a la producción.",
        "Suma de los flujos del trimestre, en la fase municipal.",
        corta="pública AP",
    ),
    Indicador(
        "inversion_publica_pe",
        "Inversión pública PE",
        KS_TRIM,
        "Gasto municipal de promoción económica ejecutado (cofinanciamiento, servicios, garantía, promoción).",
        "Suma de los flujos del trimestre, en la fase municipal.",
        corta="pública PE",
    ),
    Indicador(
        "credito_otorgado",
        "Crédito otorgado",
        KS_TRIM,
        "Préstamos desembolsados por las entidades financieras.",
        "Suma de los desembolsos del trimestre.",
    ),
    Indicador(
        "mora",
        "Mora",
        "%",
        "Fracción de la deuda de las pymes que está en atraso.",
        f"Deuda con atraso / deuda total, {_FIN_DE_PASO}.",
        "{:.1f}",
        por_ciento=True,
    ),
    Indicador(
        "confianza_media",
        "Confianza media",
        "índice 0–1",
        "Confianza media de las pymes en la concertación.",
        f"Promedio {_FIN_DE_PASO}.",
        "{:.2f}",
        corta="confianza",
    ),
    Indicador(
        "presupuesto_municipal",
        "Presupuesto municipal",
        KS_TRIM,
        "Ingresos del trimestre: transferencias más impuestos locales del trimestre anterior.",
        "Al recaudar, en la fase municipal.",
        corta="presupuesto",
    ),
    Indicador(
        "proyectos_cofinanciados",
        "Proyectos cofinanciados",
        "proyectos por trimestre",
        "Proyectos de innovación con aporte público concertado.",
        "Conteo en la fase municipal.",
        "{:,.0f}",
    ),
    Indicador(
        "proyectos_privados",
        "Proyectos privados",
        "proyectos por trimestre",
        "Proyectos de innovación financiados sólo por la pyme (caja y crédito).",
        "Conteo en la fase municipal.",
        "{:,.0f}",
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
    ),
    Indicador(
        "infraestructura_media",
        "Infraestructura media",
        "índice 0–1",
        "Calidad media del entorno (caminos y riego, electricidad, sanidad).",
        f"Promedio de las celdas {_FIN_DE_PASO}, antes de la depreciación del siguiente.",
        "{:.3f}",
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
        "eleccion",
        "Elección",
        "0 o 1",
        "1 en un trimestre con elección municipal (``gobierno.periodo_electoral``; 0 si no hay elecciones).",
        "Al cierre del trimestre, en la fase de gobierno; la gestión elegida gobierna desde el siguiente.",
        "{:.0f}",
    ),
    Indicador(
        "gestion",
        "Gestión",
        "número",
        "Número de la gestión municipal que gobierna (1 la de la estrategia; sube con cada cambio de gestión).",
        "Al cierre del trimestre, después de la elección (una reelección no cambia la gestión).",
        "{:.0f}",
    ),
    Indicador(
        "ap_vigente",
        "AP en vigor",
        "fracción del presupuesto de inversión",
        "Fracción del presupuesto de inversión que la gestión en vigor destinó al apoyo a la producción.",
        "En la fase municipal: el reparto con que se gastó el trimestre.",
        "{:.2f}",
        corta="AP",
    ),
    Indicador(
        "pe_vigente",
        "PE en vigor",
        "fracción del presupuesto de inversión",
        "Fracción del presupuesto de inversión que la gestión en vigor destinó a la promoción económica.",
        "En la fase municipal: el reparto con que se gastó el trimestre.",
        "{:.2f}",
        corta="PE",
    ),
    Indicador(
        "pymes_informales",
        "Pymes informales",
        "pymes",
        "Pymes activas informales: sin crédito ni cofinanciamiento (004; ``territorio.fraccion_informal``).",
        f"Conteo {_FIN_DE_PASO}, después de salidas y entradas.",
        "{:,.0f}",
    ),
    Indicador(
        "formalizaciones",
        "Formalizaciones",
        "pymes por trimestre",
        "Pymes informales que las agencias formalizaron con fondos de la PE (``pe_fraccion_formalizacion``).",
        "Conteo en la fase de las agencias.",
        "{:,.0f}",
    ),
    Indicador(
        "captura",
        "Captura",
        "%",
        "Fracción del fondo PE que se desvía a arreglos entre amigos cuando la mesa se reúne (003).",
        f"La tasa en vigor {_FIN_DE_PASO} (fija, ``territorio.captura``, o endógena, ``gobierno.*``).",
        "{:.2f}",
        por_ciento=True,
    ),
    Indicador(
        "produccion_innovadora",
        "Producción innovadora",
        "kS/ por trimestre",
        "Ventas de las pymes que eran innovadoras al producir en el trimestre.",
        "En la fase de producción, antes de los eventos adversos y las salidas.",
        "{:,.1f}",
    ),
    Indicador(
        "perdida_innovadora",
        "Producción innovadora perdida",
        "kS/ por trimestre",
        "Ventas del trimestre de las actividades innovadoras que desaparecieron en él: la pyme cerró o dejó "
        "de innovar (un evento adverso del entorno, 003: 'desaparecer por las condiciones adversas del "
        "entorno'). Un evento que no destruye nada no cuenta.",
        "En la fase de producción: innovadoras al producir que al cierre de la fase salieron o ya no innovan.",
        "{:,.1f}",
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
    ),
    Indicador(
        "cambio_pymes_anual",
        "Cambio anual del número de pymes",
        "%/año",
        "Tasa anual de la tendencia del número de pymes activas (una tasa: no depende del horizonte).",
        "Como el crecimiento, sobre pymes tradicionales más innovadoras de cada trimestre.",
        "{:+.1f}",
        por_ciento=True,
    ),
    Indicador(
        "fraccion_innovadora",
        "Fracción innovadora final",
        "%",
        "Fracción de las pymes activas que son innovadoras al final.",
        "Último trimestre de la serie.",
        "{:.1f}",
        por_ciento=True,
    ),
    Indicador(
        "tasa_fracaso_innovadoras",
        "Fracaso de innovadoras",
        "salidas por innovadora-año",
        "Fracasos innovadores por año de actividad innovadora.",
        "Suma de fracasos innovadores / (suma de pymes innovadoras / 4).",
        "{:.3f}",
    ),
    Indicador(
        "perdida_innovadora_anual",
        "Pérdida innovadora",
        "fracción por año (se muestra en %)",
        "Parte de la producción innovadora que desaparece por año: el daño del entorno a la innovación "
        "(decide la fragilidad).",
        "4 × suma de la producción innovadora perdida / suma de la producción innovadora.",
        "{:.1f}",
        por_ciento=True,
    ),
    Indicador(
        "volatilidad",
        "Volatilidad trimestral",
        "desvío del log",
        "Desvío típico del crecimiento trimestral (logarítmico) de la producción.",
        "Sobre toda la serie.",
        "{:.3f}",
    ),
)

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

# Lo que pide mirar la guía del facilitador (columnas, glosario y ejes, totales), en guia.py.

SERIE = (*con_glosario(SERIE), *COLUMNAS_GUIA, *COLUMNAS_DESARROLLO)
DESENLACE = con_glosario(DESENLACE)
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
        raise KeyError(f"columna no declarada en simulacion/indicadores/: {nombre!r}") from None
