"""El diseño en cada salida de un barrido y los barridos desde Python (issue 25, puntos 1 y 2).

Un barrido de diseño diminuto (``experimento=escenarios``: 2 puntos del hipercubo × 2 estrategias, pocas
pymes y trimestres) corre como proceso aparte, igual que lo correría un usuario; lo que se compara sale
de sus archivos. ``simulacion.experimentar`` debe dar los mismos números, bit a bit.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from omegaconf import OmegaConf

from simulacion import experimentar
from simulacion.api import componer
from simulacion.barridos.respuestas import muestreo_de
from simulacion.config.muestreo import aplicar_muestreo, diseno, fila, valores_del_diseno
from simulacion.config.verificacion import ConfiguracionInvalida

PEQUENO = ["pasos=4", "territorio.n_pymes=40", "economia.trimestres_prehistoria=2"]
ESCENARIOS = ["muestreo.muestras=2", *PEQUENO]
ESTRATEGIAS = ["complementariedad", "condenados"]


def barrer(carpeta: Path, *argumentos: str) -> Path:
    """``python -m simulacion ... hydra.sweep.dir=carpeta`` con el lanzador básico."""
    orden = [sys.executable, "-m", "simulacion", *argumentos, "hydra/launcher=basic", f"hydra.sweep.dir={carpeta}"]
    proc = subprocess.run(orden, capture_output=True, text=True, cwd=carpeta.parent, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return carpeta


@pytest.fixture(scope="module")
def escenarios(tmp_path_factory) -> Path:
    carpeta = tmp_path_factory.mktemp("escenarios") / "b"
    return barrer(carpeta, "experimento=escenarios", f"estrategia={','.join(ESTRATEGIAS)}", *ESCENARIOS)


def test_cada_salida_de_un_diseno_trae_sus_parametros(escenarios):
    """resultados.csv/.parquet, la tabla larga y cada resumen.json traen cada parámetro muestreado, con su
    nombre completo y el valor de la fila del diseño de la corrida (reconstruido aquí con las funciones
    internas, lo que antes tenía que hacer el investigador).

    Rojo visto: sin ``**valores_del_diseno(c)`` en ``resultados.ejecucion.resumir`` falta
    ``estrategia.apoyo_produccion`` en resultados.csv; sin las columnas ``diseno`` en
    ``analisis.unir_series`` falla la tabla larga."""
    csv = pd.read_csv(escenarios / "resultados.csv")
    parquet = pd.read_parquet(escenarios / "resultados.parquet")
    larga = pd.read_parquet(escenarios / "series.parquet")
    assert len(csv) == len(parquet) == 4
    for tabla in (csv, parquet):
        for _, corrida in tabla.iterrows():
            m = muestreo_de(corrida.carpeta)
            esperado = dict(zip(m.parametros, diseno(m)[int(corrida["muestreo.indice"])], strict=True))
            assert len(esperado) == 21
            resumen = json.loads((Path(corrida.carpeta) / "resumen.json").read_text(encoding="utf-8"))
            suyas = larga[larga["trabajo"].astype(str) == str(corrida.trabajo)]
            assert len(suyas) == 4
            for clave, valor in esperado.items():
                assert corrida[clave] == pytest.approx(valor, rel=1e-12), clave
                assert resumen[clave] == corrida[clave], clave
                assert (suyas[clave] == corrida[clave]).all(), clave
    # X antes que Y: los parámetros van antes del desenlace y de los indicadores
    columnas = list(csv.columns)
    assert columnas.index("economia.costo_proyecto") < columnas.index("desenlace") < columnas.index("volatilidad")


@pytest.mark.parametrize("experimento", ["sensibilidad", "sobol", "escenarios"])
def test_valores_del_diseno_son_los_de_la_fila_con_que_corre(experimento):
    """Los tres métodos (Morris, Sobol, hipercubo): la fila del diseño, un entero redondeado.

    Rojo visto: con ``valores[clave] = 0.0`` en ``valores_del_diseno`` la comparación falla."""
    cfg = componer(f"experimento={experimento}", "muestreo.indice=3")
    c = aplicar_muestreo(OmegaConf.to_object(cfg))
    valores = valores_del_diseno(c)
    assert valores and valores == pytest.approx(fila(c.muestreo))
    assert valores_del_diseno(OmegaConf.to_object(componer())) == {}  # sin diseño, nada


def comparables(api: pd.DataFrame, cli: pd.DataFrame) -> None:
    """Las mismas columnas (las de resultados.csv salvo carpeta y fin) y los mismos valores, bit a bit."""
    assert list(api.columns) == [c for c in cli.columns if c not in ("carpeta", "fin")]
    columnas = [c for c in api.columns if c != "duracion_s"]
    pd.testing.assert_frame_equal(api[columnas], cli[columnas], check_dtype=False, check_exact=True)


def test_experimentar_un_experimento_da_lo_mismo_que_el_barrido_de_hydra(escenarios):
    """``experimentar("escenarios", ...)``: las mismas corridas, en el mismo orden, con los mismos
    números y la misma tabla larga que ``simulacion experimento=escenarios``.

    Rojo visto: con ``trabajos.componer_por_estructura`` sin aplicar los valores simples (sólo la
    estructura), ``muestreo.indice`` no llega a la corrida: faltan los parámetros del diseño."""
    tabla, larga = experimentar("escenarios", *ESCENARIOS, estrategias=ESTRATEGIAS, procesos=1, series=True)
    comparables(tabla, pd.read_parquet(escenarios / "resultados.parquet"))
    pd.testing.assert_frame_equal(
        larga, pd.read_parquet(escenarios / "series.parquet"), check_dtype=False, check_exact=True
    )


def test_experimentar_un_dataframe_da_lo_mismo_que_el_barrido_de_las_mismas_filas(tmp_path, capsys):
    """Un DataFrame de filas × 2 semillas (números aleatorios comunes) en 2 procesos, contra
    ``simulacion -m territorio.liderazgo=… semilla=0,1``; un real con todas sus cifras (0.1 + 0.2).

    Rojo visto: escribir los reales con ``f"{valor:g}"`` en ``experimentar._texto`` (0.3 en vez de
    0.30000000000000004) hace distintos ``overrides`` y ``territorio.liderazgo``; sin ``avance.update``
    la barra no pasa de 0/4."""
    liderazgo = [0.1 + 0.2, 0.85]
    cli = barrer(
        tmp_path / "b", "-m", f"territorio.liderazgo={liderazgo[0]!r},{liderazgo[1]!r}", "semilla=0,1", *PEQUENO
    )
    diseno_filas = pd.DataFrame({"territorio.liderazgo": liderazgo})
    tabla = experimentar(diseno_filas, *PEQUENO, semillas=2, procesos=2)
    comparables(tabla, pd.read_parquet(cli / "resultados.parquet"))
    assert tabla["territorio.liderazgo"].tolist() == [liderazgo[0]] * 2 + [liderazgo[1]] * 2
    assert tabla["semilla"].tolist() == [0, 1, 0, 1]
    assert "4/4" in capsys.readouterr().err  # la barra de progreso


@pytest.mark.parametrize(
    ("argumentos", "opciones", "dice"),
    [
        (("sobool",), {}, "experimento"),
        ((pd.DataFrame({"economia.costo_proyect": [40.0]}),), {}, "economia.costo_proyect"),
        ((pd.DataFrame({"economia.costo_proyecto": [np.nan]}),), {}, "un número finito"),
        ((pd.DataFrame({"economia.costo_proyecto": [-5.0]}),), {}, "economia.costo_proyecto"),
        ((pd.DataFrame(),), {}, "DataFrame vacío"),
        ((42,), {}, "el nombre de un experimento"),
        (("matriz",), {"semillas": 0}, "semillas"),
        (("matriz",), {"semillas": [0, -1]}, "semillas"),
        (("matriz",), {"estrategias": "lamentable"}, "estrategias"),
        (("matriz",), {"estrategias": ["lamentabl"]}, "lamentabl"),
        (("matriz",), {"procesos": 0}, "procesos"),
        ((pd.DataFrame({"semilla": [1]}),), {"semillas": 2}, "no las dos"),
    ],
)
def test_una_entrada_mala_da_un_error_claro_en_castellano(argumentos, opciones, dice):
    """Antes de correr nada: ``ConfiguracionInvalida`` con la clave y lo que se acepta.

    Rojo visto: sin la revisión de ``_lista_de_semillas``, los errores de ``semillas=0`` y
    ``semillas=[0, -1]`` no nombran ``semillas``."""
    with pytest.raises(ConfiguracionInvalida) as error:
        experimentar(*argumentos, *PEQUENO, **{"procesos": 1, "progreso": False, **opciones})
    assert dice in str(error.value) and "Configuración inválida" in str(error.value)
