"""El desarrollo, no sólo el crecimiento (issue 24, punto 8): dos columnas de la serie sobre los hogares de
las pymes, declaradas aquí para no pasar de 500 líneas en ``__init__``.

003, "Estrategias de apoyo a la producción y la promoción económica": "el crecimiento de la economía no
correspondía necesariamente con el desarrollo". La producción total puede subir mientras los hogares de
los productores de siempre ganan menos o más familias quedan bajo lo necesario para vivir; estas dos
columnas lo miden (docs/validacion.md, F14).

El ingreso del hogar de una pyme (``Pymes.ingreso_hogar``, en ``Produccion.ajustar_caja``) es lo que el
hogar retira de la caja del negocio en el trimestre (el excedente que no reinvierte) menos lo que tuvo que
poner para cubrir un faltante que la venta de capital no alcanzó a cubrir. No cuenta la caja que se lleva
una pyme que cierra (es liquidar el negocio, no un ingreso) ni otros ingresos de la familia (jornales,
remesas, programas sociales), que el modelo no representa.

:mod:`simulacion.indicadores` las pone al final de ``SERIE`` (no cambian el orden de las anteriores).
"""

from __future__ import annotations

from simulacion.indicadores.indicador import Indicador

_PRODUCCION = (
    "En la fase de producción, al ajustar la caja (``Pymes.medir_hogares``), sobre las pymes que produjeron "
    "en el trimestre (cuentan las que cierran después; las que entran al final, todavía no)."
)

COLUMNAS_DESARROLLO: tuple[Indicador, ...] = (
    Indicador(
        "ingreso_hogar_tradicional",
        "Ingreso de los hogares tradicionales",
        "kS/ por hogar y trimestre",
        "Ingreso medio del hogar de una pyme tradicional: lo que retira del negocio en el trimestre (el "
        "excedente de caja que no reinvierte) menos lo que tuvo que poner para cubrir un faltante.",
        f"Media sobre las pymes tradicionales. {_PRODUCCION}",
        "{:,.2f}",
        corta="ingreso del hogar",
        ayuda="Lo que en promedio se lleva a la casa, en el trimestre, la familia de una pyme que produce lo "
        "de siempre (en miles de soles). La producción del territorio puede crecer sin que esto suba.",
    ),
    Indicador(
        "fraccion_bajo_subsistencia",
        "Pymes bajo la línea de subsistencia",
        "%",
        "Fracción de las pymes (tradicionales e innovadoras) cuyo hogar retiró en el trimestre menos que "
        "``economia.linea_subsistencia``.",
        f"Pymes con ingreso del hogar < ``economia.linea_subsistencia`` / pymes. {_PRODUCCION}",
        "{:.1f}",
        por_ciento=True,
        corta="bajo la línea",
        ayuda="De cada 100 pymes, cuántas dejan a su familia, en el trimestre, menos de lo necesario para "
        "vivir (la línea de subsistencia del modelo).",
        eje=(0.0, 100.0),
    ),
)
