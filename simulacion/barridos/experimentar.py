"""Barridos desde Python: ``simulacion.experimentar(...)`` devuelve el diseño y los indicadores de cada
corrida en un DataFrame (y, si se pide, la tabla larga de las series), sin carpetas ni archivos.

El diseño es un experimento de ``configs/experimento/`` (``"sobol"``, ``"escenarios"``, ...: las mismas
corridas que ``simulacion experimento=sobol``, expandidas como las expande Hydra) o un DataFrame con una
fila por punto y una columna por clave de la configuración (``economia.costo_proyecto``, ...). Cada
punto se cruza con las ``estrategias`` y las ``semillas`` pedidas: las mismas semillas en todos los
puntos (números aleatorios comunes). Cada corrida se compone como un trabajo de un barrido
(:func:`.trabajos.componer_por_estructura`: :func:`simulacion.api.componer` una vez por estructura y
los valores encima) y corre con :func:`simulacion.resultados.ejecucion.ejecutar`, la función de la
línea de comandos: los números son
los mismos, bit a bit, que los del barrido de Hydra de las mismas corridas
(``tests/test_experimentar.py``). Las corridas se reparten entre ``procesos`` con joblib (loky), en
lotes; la barra de progreso es la de los barridos (:func:`.progreso.barra`).

Importa Hydra por :mod:`simulacion.api`, :mod:`.lanzador` y :mod:`.trabajos`; el modelo, recién al correr.
"""

from __future__ import annotations

import logging
import math
import os
import time
from collections.abc import Sequence
from itertools import product
from numbers import Integral, Real

import numpy as np
import pandas as pd
from hydra.errors import HydraException
from omegaconf.errors import OmegaConfBaseException

from simulacion.barridos.analisis import claves_de_overrides, encabezado, unir_series
from simulacion.barridos.lanzador import LIMITE_PREVALIDACION, corridas_del_barrido, validar_combinaciones
from simulacion.barridos.progreso import barra
from simulacion.barridos.registros import COMPLETO, FALLIDO
from simulacion.barridos.trabajos import componer_por_estructura
from simulacion.config.verificacion import ConfiguracionInvalida, Falla, traducir

LOTES_POR_PROCESO = 8  # lotes por proceso: la barra avanza a menudo y cada lote compone una vez por estructura
LOTE_MAXIMO = 50


def experimentar(
    diseno: str | pd.DataFrame,
    *overrides: str,
    estrategias: Sequence[str] | None = None,
    semillas: int | Sequence[int] | None = None,
    procesos: int | None = None,
    series: bool = False,
    progreso: bool = True,
) -> pd.DataFrame | tuple[pd.DataFrame, pd.DataFrame]:
    """Corre un barrido y devuelve una fila por corrida: el diseño y los indicadores juntos.

    - ``diseno``: el nombre de un experimento (``"sobol"``, ``"sensibilidad"``, ``"escenarios"``,
      ``"matriz"``, ``"mapa"``) o un DataFrame, una fila por punto y una columna por clave de la
      configuración con su nombre completo (``economia.costo_proyecto``, ``estrategia.apoyo_produccion``).
    - ``overrides``: comunes a todas las corridas, como en la línea de comandos (``"pasos=20"``,
      ``"muestreo.muestras=128"``).
    - ``estrategias``: nombres de ``configs/estrategia/``; cada punto corre con cada una.
    - ``semillas``: ``n`` (las semillas 0 a n − 1) o una lista; las mismas en cada punto (números
      aleatorios comunes). Sin ellas, las del experimento (o la ``semilla`` de la configuración).
    - ``procesos``: corridas a la vez (por defecto, una por núcleo).
    - ``series``: devolver también la tabla larga (una fila por corrida completa y trimestre).
    - ``progreso``: la barra de corridas terminadas (en la salida de errores).

    Las columnas son las de ``resultados.csv`` de un barrido salvo ``carpeta`` y ``fin``
    (docs/datos.md): ``trabajo``, ``overrides``, una por clave de override, ``estado`` (``completo`` o
    ``error``, con ``error``), ``duracion_s``, los campos de ``resumen.json`` (con los parámetros de
    un diseño de ``muestreo``) y los indicadores. Una configuración que no se puede correr lanza
    :class:`~simulacion.config.verificacion.ConfiguracionInvalida` antes de correr nada; una corrida
    que falla queda con ``estado = error`` y las demás siguen.
    """
    procesos = _procesos(procesos)
    corridas = corridas_de(diseno, list(overrides), estrategias, semillas)
    resultados = _correr(corridas, procesos, series, progreso)
    filas = []
    for numero, (ovs, r) in enumerate(zip(corridas, resultados, strict=True)):
        fila = {**encabezado(str(numero), ovs), "estado": r["estado"], "duracion_s": r["duracion_s"]}
        fila.update(r.get("resumen") or {"error": r.get("error")})
        filas.append(fila)
    tabla = pd.DataFrame(filas)
    if not series:
        return tabla
    completas = tabla[tabla["estado"] == COMPLETO]
    suyas = [resultados[i]["series"] for i in completas.index]
    serie = pd.concat(suyas, ignore_index=True) if suyas else pd.DataFrame()
    larga = unir_series(completas, serie, [len(s) for s in suyas], claves_de_overrides(corridas))
    return tabla, larga


# --------------------------------------------------------------------------- el diseño
def _falla(clave: str, recibido: str, aceptado: str) -> ConfiguracionInvalida:
    return ConfiguracionInvalida([Falla(clave, recibido, aceptado)])


def _procesos(procesos: int | None) -> int:
    if procesos is None:
        return os.cpu_count() or 1
    if isinstance(procesos, bool) or not isinstance(procesos, Integral) or procesos < 1:
        raise _falla("procesos", repr(procesos), "un entero ≥ 1 (corridas a la vez), o None: uno por núcleo")
    return int(procesos)


def _lista_de_semillas(semillas: int | Sequence[int] | None) -> list[int] | None:
    if semillas is None:
        return None
    if isinstance(semillas, Integral) and not isinstance(semillas, bool):
        lista = list(range(int(semillas))) if semillas >= 1 else []
    elif isinstance(semillas, Sequence) and not isinstance(semillas, str):
        lista = list(semillas)
    else:
        lista = []
    if not lista or not all(isinstance(s, Integral) and not isinstance(s, bool) and s >= 0 for s in lista):
        raise _falla(
            "semillas", repr(semillas), "un número de semillas por punto (n ≥ 1: 0 a n − 1) o una lista de enteros ≥ 0"
        )
    return [int(s) for s in lista]


def _lista_de_estrategias(estrategias: Sequence[str] | None) -> list[str] | None:
    if estrategias is None:
        return None
    if isinstance(estrategias, str) or not estrategias or not all(isinstance(e, str) and e for e in estrategias):
        raise _falla("estrategias", repr(estrategias), "una lista de nombres de configs/estrategia/")
    return list(estrategias)


def _texto(valor) -> str:
    """Un valor de una celda como lo escribiría la línea de comandos; un real, con todas sus cifras
    (``repr``: Hydra lo lee como el mismo número, bit a bit)."""
    if isinstance(valor, np.generic):
        valor = valor.item()
    if isinstance(valor, bool):
        return "true" if valor else "false"
    if isinstance(valor, Integral):
        return str(int(valor))
    if isinstance(valor, Real):
        if not math.isfinite(valor):
            raise ValueError(valor)
        return repr(float(valor))
    if isinstance(valor, str) and valor:
        return valor
    raise ValueError(valor)


def _filas_del_dataframe(diseno: pd.DataFrame) -> list[list[str]]:
    """Los overrides de cada fila del diseño (``clave=valor``)."""
    if diseno.empty or not len(diseno.columns):
        raise _falla("diseno", "un DataFrame vacío", "una fila por punto y una columna por clave de la configuración")
    malas = [c for c in diseno.columns if not isinstance(c, str) or not c or "=" in c or " " in c]
    if malas:
        raise _falla("diseno (columnas)", repr(malas), "claves de la configuración con su nombre completo")
    filas = []
    for i, fila in enumerate(diseno.itertuples(index=False, name=None)):
        overrides = []
        for clave, valor in zip(diseno.columns, fila, strict=True):
            try:
                overrides.append(f"{clave}={_texto(valor)}")
            except ValueError:
                raise _falla(
                    f"diseno, fila {i}, columna {clave}", repr(valor), "un número finito, un booleano o un texto"
                ) from None
        filas.append(overrides)
    return filas


def corridas_de(
    diseno: str | pd.DataFrame,
    overrides: list[str],
    estrategias: Sequence[str] | None = None,
    semillas: int | Sequence[int] | None = None,
) -> list[list[str]]:
    """Los overrides de cada corrida del barrido, validadas (:class:`ConfiguracionInvalida` si no)."""
    lista_estrategias, lista_semillas = _lista_de_estrategias(estrategias), _lista_de_semillas(semillas)
    cruce = {"estrategia": lista_estrategias, "semilla": lista_semillas}
    if isinstance(diseno, str):
        if not diseno or "=" in diseno:
            raise _falla("diseno", repr(diseno), "el nombre de un experimento (sobol, escenarios, ...) o un DataFrame")
        barridas = [f"{clave}={','.join(map(str, valores))}" for clave, valores in cruce.items() if valores is not None]
        return corridas_del_barrido([f"experimento={diseno}", *overrides, *barridas])
    if not isinstance(diseno, pd.DataFrame):
        raise _falla(
            "diseno", type(diseno).__name__, "el nombre de un experimento (sobol, escenarios, ...) o un DataFrame"
        )
    if lista_semillas is not None and "semilla" in diseno.columns:
        raise _falla("semillas", repr(semillas), "semillas o una columna semilla en el diseño, no las dos")
    if lista_estrategias is not None and "estrategia" in diseno.columns:
        raise _falla("estrategias", repr(estrategias), "estrategias o una columna estrategia en el diseño, no las dos")
    # cada fila por cada estrategia y cada semilla, como Hydra numera ``-m <fila> estrategia=… semilla=… <overrides>``
    opciones = [[f"{clave}={v}" for v in valores] for clave, valores in cruce.items() if valores is not None]
    corridas = [[*fila, *extra, *overrides] for fila in _filas_del_dataframe(diseno) for extra in product(*opciones)]
    try:
        validar_combinaciones(corridas[:LIMITE_PREVALIDACION])
    except (HydraException, OmegaConfBaseException) as e:
        raise traducir(e, corridas[0]) from e
    return corridas


# --------------------------------------------------------------------------- correr
def correr_lote(corridas: list[list[str]], con_series: bool) -> list[dict]:
    """Corre cada corrida (en un trabajador): compone como un trabajo de un barrido
    (:func:`.trabajos.componer_por_estructura`) y corre con
    :func:`~simulacion.resultados.ejecucion.ejecutar`; una corrida que falla queda con su error."""
    from simulacion.resultados.ejecucion import ejecutar  # el modelo (Mesa) se importa al correr

    logging.getLogger("MESA").setLevel(logging.WARNING)  # Mesa anuncia cada paso en INFO
    salida = []
    configuraciones = componer_por_estructura(corridas)
    for _ in corridas:
        inicio = time.time()
        try:
            resultado = ejecutar(next(configuraciones))
        except Exception as error:  # noqa: BLE001 — como en un barrido de Hydra: queda en la tabla
            salida.append({"estado": FALLIDO, "error": f"{type(error).__name__}: {error}"})
        else:
            r = {"estado": COMPLETO, "resumen": resultado.resumen}
            if con_series:
                r["series"] = resultado.series
            salida.append(r)
        salida[-1]["duracion_s"] = round(time.time() - inicio, 3)
    return salida


def _correr(corridas: list[list[str]], procesos: int, con_series: bool, progreso: bool) -> list[dict]:
    """Corre las corridas en lotes repartidos entre ``procesos``; devuelve sus resultados en orden."""
    from joblib import Parallel, delayed

    tamano = max(1, min(LOTE_MAXIMO, len(corridas) // (procesos * LOTES_POR_PROCESO)))
    lotes = [range(i, min(i + tamano, len(corridas))) for i in range(0, len(corridas), tamano)]
    resultados: list[dict | None] = [None] * len(corridas)
    avance = barra(len(corridas), mostrar=True if progreso else False)
    try:
        tareas = (delayed(_lote_numerado)(lote, [corridas[i] for i in lote], con_series) for lote in lotes)
        for lote, hechos in Parallel(n_jobs=min(procesos, len(lotes)), return_as="generator_unordered")(tareas):
            for i, r in zip(lote, hechos, strict=True):
                resultados[i] = r
            avance.update(len(lote))
    finally:
        avance.close()
    return resultados  # type: ignore[return-value]


def _lote_numerado(lote: range, corridas: list[list[str]], con_series: bool) -> tuple[range, list[dict]]:
    return lote, correr_lote(corridas, con_series)
