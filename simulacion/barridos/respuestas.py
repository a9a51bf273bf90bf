"""Respuestas de un barrido con diseño (Morris, Sobol, hipercubo): qué se mide en cada punto del diseño.

Un punto del diseño es una fila ``muestreo.indice`` (y, si el barrido cruza el diseño con grupos
como ``estrategia``, esa combinación); sus corridas difieren sólo en la semilla. Las **salidas** de
un punto son los indicadores con que el clasificador decide el desenlace
(:func:`simulacion.resultados.desenlace.indicadores`, declarados en :mod:`simulacion.indicadores`) y la
fracción de sus corridas que terminó en cada desenlace; con una sola semilla esa fracción vale 0 o 1.

Aquí también se lee el ``muestreo`` con que corrió un barrido (de la configuración guardada de una
corrida, con los rangos ``${alrededor:…}`` ya resueltos) y la matriz de su diseño. No importa Hydra
ni Mesa.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from omegaconf import OmegaConf

from simulacion.barridos.registros import COMPLETO
from simulacion.config import Muestreo
from simulacion.config.muestreo import diseno
from simulacion.indicadores import DESENLACES, ESTILO_DESENLACE, NOMBRES_DESENLACE, Indicador, indicador

COLUMNA_INDICE = "muestreo.indice"
SIN_EFECTO = ("semilla", COLUMNA_INDICE)  # overrides que no definen el punto del diseño


def fraccion_de(desenlace: str) -> str:
    """Nombre de la salida «fracción de corridas en ``desenlace``»."""
    return f"fraccion_{desenlace}"


FRACCIONES: dict[str, Indicador] = {
    fraccion_de(d): Indicador(
        fraccion_de(d),
        f"Corridas en {ESTILO_DESENLACE[d][0]}",
        "%",
        f"Fracción de las corridas (semillas) de un punto del diseño cuyo desenlace es {d}.",
        "De ``desenlace`` de cada corrida; con una semilla por punto vale 0 o 100 %.",
        "{:.0f}",
        por_ciento=True,
    )
    for d in DESENLACES
}
SALIDAS: tuple[str, ...] = (*NOMBRES_DESENLACE, *FRACCIONES)


def medida(salida: str) -> Indicador:
    """La declaración de una salida: la del indicador o la de la fracción de un desenlace."""
    return FRACCIONES.get(salida) or indicador(salida)


def unidad_guardada(salida: str) -> str:
    """Unidad de los valores de ``salida`` en los CSV (los de ``resultados.csv``: fracciones sin ×100)."""
    m = medida(salida)
    return f"fracción (×100 = {m.unidad})" if m.por_ciento else m.unidad


@dataclass
class Analisis:
    """Lo que devuelve el análisis de un diseño: su tabla, el texto de consola y los archivos escritos."""

    tabla: pd.DataFrame
    texto: str
    archivos: list[Path]


def corridas_del_diseno(tabla: pd.DataFrame) -> pd.DataFrame | None:
    """Corridas completas con índice del diseño (columna ``_indice``); ``None`` si el barrido no tiene diseño."""
    if COLUMNA_INDICE not in tabla:
        return None
    completas = tabla[(tabla["estado"] == COMPLETO) & tabla[COLUMNA_INDICE].notna()].copy()
    if completas.empty:
        return None
    return completas.assign(_indice=completas[COLUMNA_INDICE].astype(int))


def muestreo_de(carpeta: Path | str) -> Muestreo:
    """El ``muestreo`` con que corrió la corrida de ``carpeta`` (rangos resueltos contra su configuración)."""
    cfg = OmegaConf.load(Path(carpeta) / ".hydra" / "config.yaml")
    return Muestreo(**OmegaConf.to_container(cfg.muestreo, resolve=True))


def muestreo_del_barrido(completas: pd.DataFrame) -> Muestreo:
    """El ``muestreo`` del barrido, leído de la configuración de su primera corrida completa."""
    return muestreo_de(completas["carpeta"].iloc[0])


def estructura(completas: pd.DataFrame) -> pd.Series:
    """Lo que distingue a los puntos además del índice: los overrides salvo semilla e índice."""

    def clave(overrides: str) -> str:
        partes = [o for o in str(overrides).split() if o.partition("=")[0].lstrip("+~") not in SIN_EFECTO]
        return " ".join(sorted(partes))

    return completas["overrides"].map(clave)


def respuestas(completas: pd.DataFrame, por: list[str] | None = None) -> pd.DataFrame:
    """Salidas de cada punto (``_indice`` y las columnas ``por``): media de los indicadores entre semillas y
    fracción de corridas en cada desenlace. Una fila por punto, una columna por salida más ``corridas``."""
    claves = [*(por or []), "_indice"]
    datos = completas[[*claves, *NOMBRES_DESENLACE]].copy()
    for d in DESENLACES:
        datos[fraccion_de(d)] = (completas["desenlace"] == d).astype(float)
    agrupado = datos.groupby(claves)
    salida = agrupado[list(SALIDAS)].mean()
    salida["corridas"] = agrupado.size()
    return salida


def matriz_del_diseno(muestreo: Muestreo) -> np.ndarray:
    """La matriz del diseño del barrido (la misma que usó cada corrida)."""
    return diseno(muestreo)
