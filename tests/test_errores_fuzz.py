"""Fuzz de la línea de comandos: argumentos mal formados nunca terminan en una traza.

Se llama a la CLI en el mismo proceso (``simulacion.cli.main(argv)``) con la corrida de Hydra
reemplazada por un marcador: si la validación previa deja pasar un argumento, la configuración tiene
que ser válida (``simulacion.api.componer`` la acepta). Si no, la salida es código 2 y un mensaje
en castellano con el formato de docs/errores.md. Unos pocos casos se prueban además en subproceso.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulacion import cli
from simulacion.api import componer
from simulacion.barridos import lanzador
from simulacion.config.verificacion import ConfiguracionInvalida, claves_validas

EJEMPLOS_FUZZ = int(os.environ.get("FUZZ_EJEMPLOS", "60"))

MALFORMADOS = [
    # sintaxis
    "pasos",
    "=",
    "=5",
    "pasos==5",
    "pasos=[1",
    "pasos={",
    "pasos=)",
    "pasos=5)",
    "'pasos'=5",
    "pasos=${",
    "a b=1",
    "estrategia.=1",
    ".pasos=1",
    "pasos=1=2",
    "estrategia@=x",
    "~",
    "+",
    "++",
    "pasos=\\",
    # grupos y claves que no existen
    "estrategias=lamentable",
    "estrategia=nada",
    "estrategia=LAMENTABLE",
    "territorio=urbano",
    "grupo/nuevo=x",
    "foo=1",
    "+foo=1",
    "++foo=1",
    "~estrategia.nombre",
    "territorio.n_pymez=3",
    "economia.costo_fijo.x=1",
    "hydra/launcher=no_existe",
    "experimento=no_existe",
    "+estrategia=lamentable",
    # números enormes o no finitos
    "semilla=99999999999999999999999999999",
    "pasos=1e400",
    "pasos=1000000000",
    "territorio.n_pymes=10000000000",
    "estrategia.apoyo_produccion=1e308",
    "estrategia.apoyo_produccion=-1e308",
    "economia.costo_fijo=inf",
    "economia.costo_fijo=nan",
    "economia.tasa_interes=-inf",
    "territorio.ancho=-0",
    "semilla=-1",
    # unicode
    "territorio.n_pymes=ñ",
    "pasos=٣",
    "estrategia.nombre=a/ñ",
    "pasos=𝟙𝟘",
    "ñandú=1",
    "estrategia=lamentáble",
    "estrategia.nombre='\u0000'",
    "pasos=\u200b5",
    # valores vacíos o nulos
    "pasos=",
    "estrategia=",
    "territorio.n_pymes=''",
    "estrategia.nombre=",
    "estrategia.nombre=''",
    "pasos=null",
    "estrategia=null",
    "pasos=[]",
    "pasos={}",
    # opciones de la línea de comandos
    "--foo",
    "--cfg=nada",
    "-x",
    "--multirun=3",
]


@pytest.fixture
def sin_correr(monkeypatch, tmp_path):
    """La corrida de Hydra se reemplaza por un marcador; el directorio de trabajo es temporal."""
    monkeypatch.chdir(tmp_path)

    def marcador(aplicacion, argv):
        raise Corre(argv)

    monkeypatch.setattr(lanzador, "_correr", marcador)
    return tmp_path


class Corre(BaseException):
    """La validación previa dejó pasar los argumentos."""


def resultado(argv, capsys) -> tuple[str, int | None, str]:
    """("corre", None, "") si pasaría a Hydra; ("sale", código, stderr) si la CLI termina."""
    try:
        cli.main(list(argv))
    except Corre:
        return "corre", None, capsys.readouterr().err
    except SystemExit as salida:
        return "sale", salida.code, capsys.readouterr().err
    pytest.fail(f"la CLI volvió sin correr ni salir: {argv}")


def es_mensaje_en_castellano(err: str) -> bool:
    lineas = err.strip().splitlines()
    return (
        lineas[0].startswith("Error: Configuración inválida")
        and all(" se recibió " in linea and "; se acepta: " in linea for linea in lineas[1:-1])
        and lineas[-1].startswith("Vea la configuración completa")
        and "Traceback" not in err
    )


@pytest.mark.parametrize("argumento", MALFORMADOS)
def test_argumento_malformado_sale_con_mensaje_y_codigo_2(argumento, sin_correr, capsys):
    estado, codigo, err = resultado([argumento], capsys)
    assert estado == "sale", f"se aceptó {argumento!r}"
    assert codigo == 2
    assert es_mensaje_en_castellano(err), err
    assert list(sin_correr.iterdir()) == []


CLAVES = claves_validas()
VALORES_RAROS = st.one_of(
    st.integers(0, 50).map(str),  # también valores válidos: lo que pasa debe ser válido de verdad
    st.floats(0, 1).map(lambda x: f"{x:.3f}"),
    st.text(max_size=12),
    st.integers(-(10**30), 10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["", "null", "[", "]", "${x}", "1,2", "'a b'", "true", "∞", "１", "[1,2]", "{a:1}", "range(3)"]),
)
ARGUMENTOS = st.builds(
    lambda prefijo, clave, sep, valor: f"{prefijo}{clave}{sep}{valor}",
    st.sampled_from(["", "", "", "+", "~", "++"]),
    st.one_of(st.sampled_from(CLAVES + ["estrategia", "territorio", "hydra/launcher"]), st.text(max_size=10)),
    st.sampled_from(["=", "=", "=", "", "==", " = "]),
    VALORES_RAROS,
)


@settings(
    max_examples=EJEMPLOS_FUZZ,
    deadline=None,
    derandomize=not os.environ.get("FUZZ_AL_AZAR"),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(argv=st.lists(ARGUMENTOS, min_size=1, max_size=3))
def test_fuzz_nunca_hay_traza_y_lo_que_pasa_es_valido(argv, sin_correr, capsys):
    estado, codigo, err = resultado(argv, capsys)
    if estado == "sale":
        assert codigo == 2
        assert es_mensaje_en_castellano(err), err
    else:  # la validación previa lo aceptó: Hydra también debe aceptarlo
        try:
            componer(*argv, con_hydra=True)
        except ConfiguracionInvalida as e:
            pytest.fail(f"pasó la validación previa pero es inválida: {argv}: {e}")
    assert list(sin_correr.iterdir()) == []


@pytest.mark.parametrize(
    "argv",
    [
        ["pasos=[1"],  # sintaxis; el grupo inexistente va en subproceso en test_errores.py
        ["semilla=99999999999999999999999999999"],
        ["territorio.n_pymes=ñ", "pasos="],
    ],
)
def test_en_subproceso_tampoco_hay_traza(argv, tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "simulacion", *argv], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert proc.returncode == 2
    assert es_mensaje_en_castellano(proc.stderr), proc.stderr
    assert list(tmp_path.iterdir()) == []
