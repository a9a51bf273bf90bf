"""Una simulación de principio a fin: configuración → modelo → serie → desenlace.

La usan la línea de comandos (:mod:`simulacion.cli`) y la API (:func:`simulacion.simular`),
así que ambas dan series idénticas para la misma configuración y semilla.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from omegaconf import DictConfig, OmegaConf

from simulacion.config import Configuracion
from simulacion.config.muestreo import aplicar_muestreo, valores_del_diseno
from simulacion.config.verificacion import validar
from simulacion.modelo import ModeloTerritorial
from simulacion.resultados.desenlace import clasificar, indicadores

SIN_DATOS = "sin datos"  # desenlace de una serie de menos de 2 trimestres


@dataclass
class Resultado:
    """Lo que deja una simulación: la serie por paso, el resumen y el modelo Mesa."""

    series: pd.DataFrame
    resumen: dict
    modelo: ModeloTerritorial


def a_configuracion(cfg: DictConfig | Configuracion) -> Configuracion:
    """Convierte la configuración compuesta por Hydra en el objeto tipado."""
    if isinstance(cfg, Configuracion):
        return cfg
    return OmegaConf.to_object(cfg)


def ejecutar(cfg: DictConfig | Configuracion) -> Resultado:
    """Corre ``cfg.pasos`` trimestres y clasifica el desenlace con los indicadores medidos."""
    c = validar(aplicar_muestreo(a_configuracion(cfg)))  # ConfiguracionInvalida si no se puede correr
    modelo = ModeloTerritorial(c)
    for _ in range(c.pasos):
        modelo.step()
    series = serie_de(modelo)
    return Resultado(series=series, resumen=resumir(c, series), modelo=modelo)


def serie_de(modelo: ModeloTerritorial) -> pd.DataFrame:
    """La serie medida hasta ahora, una fila por trimestre (columnas de ``simulacion.indicadores.SERIE``)."""
    return modelo.datacollector.get_model_vars_dataframe().reset_index(drop=True)


def resumir(c: Configuracion, series: pd.DataFrame) -> dict:
    """El resumen de una corrida (``resumen.json``): configuración, desenlace e indicadores.

    Una corrida de un diseño (``muestreo.indice``: Morris, Sobol, hipercubo) trae además, antes del
    desenlace, el valor de cada parámetro del diseño con su nombre completo (``economia.costo_proyecto``).

    Con menos de 2 trimestres (una corrida del taller recién empezada) el desenlace es ``sin datos``
    y no hay indicadores.
    """
    ind = indicadores(series) if len(series) >= 2 else {}
    return {
        "estrategia": c.estrategia.nombre,
        "semilla": c.semilla,
        "pasos": len(series),
        "apoyo_produccion": c.estrategia.apoyo_produccion,
        "promocion_economica": c.estrategia.promocion_economica,
        "territorio": c.territorio.nombre,
        "n_pymes": c.territorio.n_pymes,
        **valores_del_diseno(c),
        "desenlace": clasificar(ind, c.umbrales) if ind else SIN_DATOS,
        **ind,
    }
