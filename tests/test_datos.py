"""El diccionario de datos: toda columna que escribe el proyecto está declarada una vez
(simulacion/indicadores/) y ``docs/datos.md`` es lo que esas declaraciones generan."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from simulacion import indicadores, simular
from simulacion.indicadores import COLUMNAS_SERIE, DESENLACE, RESUMEN, TABLA_BARRIDO
from simulacion.indicadores.diccionario import diccionario_markdown

RAIZ = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def corrida():
    return simular("pasos=5", "semilla=3")


def test_cada_columna_de_la_serie_esta_declarada_en_su_orden(corrida):
    assert tuple(corrida.series.columns) == COLUMNAS_SERIE


def test_cada_campo_del_resumen_esta_declarado(corrida):
    declarados = [i.nombre for i in (*RESUMEN, *DESENLACE)]
    assert list(corrida.resumen) == declarados


def test_declaraciones_completas_y_sin_repetir():
    todas = [*indicadores.SERIE, *indicadores.DESENLACE, *indicadores.RESUMEN, *indicadores.TABLA_BARRIDO]
    nombres = [i.nombre for i in todas]
    assert len(nombres) == len(set(nombres))
    for i in todas:
        assert i.etiqueta and i.descripcion and i.medicion, i.nombre
        i.mostrar(0.5) if "{:" in i.formato else i.formato.format("x")  # el formato se puede aplicar


def test_una_columna_no_declarada_no_se_puede_medir(corrida):
    with pytest.raises(KeyError, match="no declarada"):
        corrida.modelo.medicion.sumar("produccion_totl", 1.0)


def test_por_ciento_se_guarda_como_fraccion_y_se_muestra_en_porcentaje(corrida):
    crecimiento = indicadores.indicador("crecimiento_anual")
    assert crecimiento.por_ciento and abs(corrida.resumen["crecimiento_anual"]) < 1
    assert crecimiento.mostrar(0.028) == "+2.8"


def test_docs_datos_md_esta_al_dia():
    texto = (RAIZ / "docs" / "datos.md").read_text(encoding="utf-8")
    assert texto == diccionario_markdown(), "regenerar: .venv/bin/python -m simulacion.indicadores > docs/datos.md"
    for columna in (*COLUMNAS_SERIE, *(i.nombre for i in TABLA_BARRIDO)):
        assert f"`{columna}`" in texto


def test_cada_columna_de_resultados_csv_esta_declarada(tmp_path):
    """Un barrido de 2 corridas: cada columna de resultados.csv es propia de la tabla, un override o del resumen."""
    carpeta = tmp_path / "barrido"
    orden = [sys.executable, "-m", "simulacion", "-m", "semilla=0,1", "pasos=3", f"hydra.sweep.dir={carpeta}"]
    subprocess.run(orden, capture_output=True, text=True, check=True, timeout=300, cwd=tmp_path)
    tabla = pd.read_csv(carpeta / "resultados.csv")
    overrides = {"semilla", "pasos"}
    sin_declarar = [c for c in tabla.columns if c not in indicadores.POR_NOMBRE and c not in overrides]
    assert not sin_declarar


def test_tablas_generadas_de_los_docs_al_dia():
    """Las tablas de parámetros de docs/errores.md y docs/odd.md son lo que generan el esquema y su
    verificación: cambiar un valor por defecto sin regenerarlas deja esta prueba en rojo."""
    from simulacion.config.verificacion import tabla_de_rangos

    sys.path.insert(0, str(RAIZ / "experimentos"))
    from tabla_parametros import tabla

    assert tabla_de_rangos() in (RAIZ / "docs" / "errores.md").read_text(encoding="utf-8")
    assert tabla().strip() in (RAIZ / "docs" / "odd.md").read_text(encoding="utf-8")
