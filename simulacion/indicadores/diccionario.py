"""El diccionario de datos ``docs/datos.md``, generado de las declaraciones de :mod:`simulacion.indicadores`.

Regenerar: ``.venv/bin/python -m simulacion.indicadores > docs/datos.md`` (``tests/test_datos.py`` verifica
que esté al día)."""

from __future__ import annotations

from simulacion.indicadores import (
    COLUMNAS_TABLA_LARGA,
    DESENLACE,
    POR_NOMBRE,
    RESUMEN,
    SERIE,
    TABLA_BARRIDO,
    Indicador,
)
from simulacion.indicadores.guia import TOTALES


def tabla(indicadores: tuple[Indicador, ...]) -> list[str]:
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
        "Generado de `simulacion/indicadores/` (la única declaración de cada columna) con",
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
        *tabla(SERIE),
        "",
        "## `resumen.json` (una corrida)",
        "",
        "Los campos de la corrida y, al final, los indicadores del desenlace.",
        "",
        *tabla(RESUMEN),
        *tabla(DESENLACE)[2:],
        "",
        "**Los parámetros del diseño.** Una corrida de un diseño (`muestreo.indice`: los experimentos",
        "`sensibilidad`, `sobol` y `escenarios`, docs/barridos.md) trae además, entre `n_pymes` y",
        "`desenlace`, una clave por parámetro de `muestreo.parametros` con su nombre completo",
        "(`economia.costo_proyecto`, `estrategia.apoyo_produccion`, ...) y el valor con que corrió (un",
        "parámetro entero, redondeado), en la unidad del parámetro (docs/odd.md, tabla de parámetros). Pasan",
        "a `resultados.csv` y a la tabla larga del barrido: el diseño (X) y los indicadores (Y) de cada",
        "corrida quedan en la misma fila.",
        "",
        "Y `procedencia`, qué produjo la corrida (también en `estado.json` de cada corrida de un barrido;",
        "no pasa a `resultados.csv`): `python`, `simulacion`, `numpy`, `pandas`, `mesa`, `hydra-core`",
        "(versiones), `simd` (las extensiones del procesador que numpy usa) y `huella_del_modelo` (sha256,",
        "12 cifras, de la serie de la corrida de referencia: configuración por defecto, semilla 0, 40",
        "trimestres). Ver README, «Reproducibilidad».",
        "",
        "## `resultados.csv` y `resultados.parquet` (un barrido, una fila por corrida)",
        "",
        "Las columnas propias de la tabla, una columna por clave de override (p. ej. `semilla`,",
        "`estrategia`, `territorio.n_pymes`, con el valor de la corrida) y todos los campos de",
        "`resumen.json` salvo `procedencia`, entre ellos los parámetros del diseño (arriba).",
        "`simulacion.experimentar(...)` devuelve las mismas columnas, salvo `carpeta` y `fin`.",
        "",
        *tabla(TABLA_BARRIDO),
        "",
        "## `series.parquet` de un barrido (en la carpeta del barrido; una fila por corrida y trimestre)",
        "",
        "La tabla larga de todas las corridas completas, lista para pandas, R o duckdb",
        "(`duckdb.sql(\"select * from 'series.parquet'\")`). Columnas, en este orden: `trabajo`, una",
        "columna por clave de override de la corrida (como en `resultados.csv`; un override de",
        "diccionario como `estrategia={apoyo_produccion:0.3,promocion_economica:0.6}` da una columna por",
        "clave: `estrategia.apoyo_produccion`, `estrategia.promocion_economica`), una columna por",
        "parámetro del diseño que no sea un override (como en `resumen.json`), las columnas de la",
        "corrida de abajo y todas las de `series.parquet` de una corrida (arriba), con sus unidades.",
        "Se une a `resultados.csv` por `trabajo`.",
        "",
        *tabla(tuple(POR_NOMBRE[n] for n in ("trabajo", *COLUMNAS_TABLA_LARGA))),
        "",
        "## Totales de la corrida (taller y guía del facilitador)",
        "",
        "No se guardan: la página del taller y `experimentos/taller_casos.py` los calculan sobre",
        "`series.parquet` hasta el trimestre en curso (`simulacion.indicadores.guia.total`).",
        "",
        *tabla(tuple(t.indicador for t in TOTALES)),
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
