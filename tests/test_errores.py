"""Configuración inválida: esquema con rangos, un mensaje en castellano por error, código 2, nada escrito.

Los valores inválidos se generan a partir de los rangos declarados en ``simulacion/config/esquema.py``: cada
campo numérico se prueba por debajo del mínimo, por encima del máximo, con NaN/infinito, con un
texto y con un tipo equivocado (docs/errores.md).
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
import typing
from dataclasses import fields
from pathlib import Path

import pytest

from simulacion import cli, simular
from simulacion.api import validar_varias
from simulacion.barridos import lanzador
from simulacion.config import Configuracion, Economia, Estrategia, Muestreo, Rango, Territorio, Umbrales
from simulacion.config.verificacion import FILAS_DEL_DISENO, ConfiguracionInvalida, campo, describir, validar
from simulacion.resultados.ejecucion import ejecutar

RAIZ = Path(__file__).resolve().parents[1]
SECCIONES_DEL_MODELO = {"estrategia": Estrategia, "territorio": Territorio, "economia": Economia, "umbrales": Umbrales}


def campos_numericos():
    """(clave, tipo, rango) de cada campo numérico del modelo y de semilla/pasos."""
    pistas = typing.get_type_hints(Configuracion)
    salida = [
        (f.name, pistas[f.name], f.metadata.get("rango"))
        for f in fields(Configuracion)
        if f.name in ("semilla", "pasos")
    ]
    for seccion, tipo in SECCIONES_DEL_MODELO.items():
        pistas = typing.get_type_hints(tipo)
        for f in fields(tipo):
            if pistas[f.name] in (int, float):
                salida.append((f"{seccion}.{f.name}", pistas[f.name], f.metadata.get("rango")))
    return salida


CAMPOS = campos_numericos()


def con_valor(clave: str, valor) -> Configuracion:
    cfg = Configuracion()
    *ruta, hoja = clave.split(".")
    obj = cfg
    for parte in ruta:
        obj = getattr(obj, parte)
    setattr(obj, hoja, valor)
    return cfg


def invalidos(tipo, r: Rango) -> list:
    """Valores que el rango debe rechazar: bordes de afuera, no finitos, otros tipos."""
    if tipo is int:
        return [int(r.minimo) - 1, int(r.maximo) + 1, 10**40, 1.5, "3", True, None]
    debajo = r.minimo if r.abierto_abajo else r.minimo - max(1e-9, abs(r.minimo) * 1e-9)
    return [debajo, r.maximo + max(1e-9, abs(r.maximo) * 1e-9), 1e308, math.nan, math.inf, -math.inf, "0.5", None]


CASOS_INVALIDOS = [(clave, tipo, r, v) for clave, tipo, r in CAMPOS if r for v in invalidos(tipo, r)]


# ---------------------------------------------------------------------- esquema
@pytest.mark.parametrize("clave,tipo,r", CAMPOS, ids=[c for c, _, _ in CAMPOS])
def test_todo_campo_numerico_declara_un_rango_que_contiene_su_defecto(clave, tipo, r):
    assert r is not None, f"{clave}: declare su rango con rango/fraccion/positivo en simulacion/config/esquema.py"
    assert math.isfinite(r.minimo) and math.isfinite(r.maximo) and r.minimo < r.maximo
    valor = Configuracion()
    for parte in clave.split("."):
        valor = getattr(valor, parte)
    assert isinstance(valor, tipo)
    assert (r.minimo < valor if r.abierto_abajo else r.minimo <= valor) and valor <= r.maximo


def test_las_configuraciones_del_paquete_son_validas():
    """Cada opción de cada grupo (estrategias, territorios, contextos, casos) compone y valida."""
    combinaciones = [[]]
    for grupo in ("estrategia", "territorio", "contexto", "caso"):
        for archivo in sorted((RAIZ / "configs" / grupo).glob("*.yaml")):
            combinaciones.append([f"{grupo}={archivo.stem}"])
    assert len(combinaciones) >= 6
    validar_varias(combinaciones)


# ---------------------------------------------------------------------- rangos
@pytest.mark.parametrize("clave,tipo,r,valor", CASOS_INVALIDOS, ids=[f"{c}={v!r}" for c, _, _, v in CASOS_INVALIDOS])
def test_cada_valor_fuera_de_rango_da_un_mensaje_con_clave_valor_y_rango(clave, tipo, r, valor):
    with pytest.raises(ConfiguracionInvalida) as error:
        validar(con_valor(clave, valor))
    falla, *otras = error.value.fallas
    assert falla.clave == clave
    assert falla.aceptado == describir(tipo, r)
    assert all(" + " in f.clave and clave in f.clave for f in otras)  # sólo la suma de su presupuesto
    mensaje = str(error.value)
    assert mensaje.startswith("Configuración inválida") and clave in mensaje and "se recibió" in mensaje


@pytest.mark.parametrize("clave,tipo,r", [c for c in CAMPOS if c[2]], ids=[c for c, _, r in CAMPOS if r])
def test_los_bordes_del_rango_se_aceptan(clave, tipo, r):
    bordes = [r.maximo] if r.abierto_abajo else [r.minimo, r.maximo]
    for borde in bordes:
        cfg = con_valor(clave, tipo(borde))
        for claves in Estrategia.SUMAS:  # un borde de una fracción no debe romper la suma
            if clave.split(".")[-1] in claves:
                for k in claves:
                    if k != clave.split(".")[-1]:
                        setattr(cfg.estrategia, k, 0.0)
        assert validar(cfg) is cfg


def test_fracciones_de_un_mismo_presupuesto_no_suman_mas_de_uno():
    cfg = con_valor("estrategia.apoyo_produccion", 0.7)
    cfg.estrategia.promocion_economica = 0.3  # 0.7 + 0.3 en punto flotante: se acepta
    assert validar(cfg) is cfg
    cfg.estrategia.promocion_economica = 0.31
    cfg.estrategia.pe_fraccion_servicios = 0.9
    with pytest.raises(ConfiguracionInvalida) as error:
        validar(cfg)
    claves = [f.clave for f in error.value.fallas]
    assert claves == [
        "estrategia.apoyo_produccion + estrategia.promocion_economica",
        "estrategia.pe_fraccion_servicios + estrategia.pe_fraccion_garantia + estrategia.pe_fraccion_promocion"
        " + estrategia.pe_fraccion_formalizacion",
    ]
    assert "0.7 + 0.31 = 1.01" in error.value.fallas[0].recibido
    assert str(error.value).count("\n  - ") == 2  # una línea por error


@pytest.mark.parametrize("nombre", ["", "   ", "a/b", "a\\b", "x" * 81, "salto\nde línea", 7])
def test_nombres_que_no_sirven_para_una_carpeta(nombre):
    with pytest.raises(ConfiguracionInvalida, match="estrategia.nombre"):
        validar(con_valor("estrategia.nombre", nombre))


def test_se_aceptan_nombres_con_acentos_y_espacios():
    assert validar(con_valor("estrategia.nombre", "Niño y mañana 2"))


def test_clave_desconocida_en_un_objeto_sugiere_la_parecida():
    cfg = Configuracion()
    cfg.territorio.n_pymez = 10
    with pytest.raises(ConfiguracionInvalida) as error:
        validar(cfg)
    (falla,) = error.value.fallas
    assert falla.clave == "clave desconocida territorio.n_pymez" and "territorio.n_pymes" in falla.aceptado


def test_ejecutar_rechaza_antes_de_construir_el_modelo(monkeypatch):
    import simulacion.resultados.ejecucion as ejecucion

    monkeypatch.setattr(ejecucion, "ModeloTerritorial", lambda cfg: pytest.fail("no debía construirse"))
    with pytest.raises(ConfiguracionInvalida, match="territorio.n_agencias"):
        ejecutar(con_valor("territorio.n_agencias", 0))


# ---------------------------------------------------------------------- API y línea de comandos (en proceso)
OVERRIDES_INVALIDOS = {
    "pasos=0": "pasos",
    "pasos=abc": "pasos",
    "estrategia=nada": "estrategia",
    "territorio.n_pymez=10": "territorio.n_pymez",
    "estrategia.apoyo_produccion=0.8": "estrategia.apoyo_produccion + estrategia.promocion_economica",
    "economia.severidad_choque=0.9": "economia.severidad_choque",
    "pasos=[1": "pasos=[1",
    "semilla=0,1": "semilla",
    "semilla=range(2)": "semilla",  # un barrido sin -m ni experimento
    "muestreo.trayectorias=0": "muestreo.trayectorias",
    "muestreo.trayectorias=1": "muestreo.trayectorias",  # Morris con una trayectoria daba σ = NaN
    "muestreo.niveles=3": "muestreo.niveles",
    "muestreo.metodo=otro": "muestreo.metodo",
    "muestreo.indice=0": "muestreo.indice",  # un índice sin diseño que recorrer
}


def correr_en_proceso(capsys, *argv) -> tuple[int, str]:
    with pytest.raises(SystemExit) as salida:
        cli.main(list(argv))
    return salida.value.code, capsys.readouterr().err


@pytest.mark.parametrize("override,clave", list(OVERRIDES_INVALIDOS.items()))
def test_cli_y_simular_dan_el_mismo_mensaje_y_nada_se_escribe(override, clave, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(lanzador, "_correr", lambda *a: pytest.fail("Hydra no debía correr"))
    codigo, err = correr_en_proceso(capsys, override)
    with pytest.raises(ConfiguracionInvalida) as error:
        simular(override)
    assert codigo == 2
    assert err.strip() == f"Error: {error.value}"
    assert clave in err and "se recibió" in err and "se acepta" in err
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_un_barrido_con_una_combinacion_invalida_se_rechaza_entero_antes_de_crear_carpetas(
    capsys, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(lanzador, "_correr", lambda *a: pytest.fail("Hydra no debía correr"))
    codigo, err = correr_en_proceso(capsys, "-m", "semilla=0,1", "estrategia.apoyo_produccion=0.2,0.9")
    assert codigo == 2
    assert "0.9 + 0.45" in err and "corrida del barrido" in err
    assert list(tmp_path.iterdir()) == []


def test_un_barrido_valido_pasa_la_validacion_previa(capsys, monkeypatch):
    llamadas = []
    monkeypatch.setattr(lanzador, "_correr", lambda aplicacion, argv: llamadas.append(argv))
    cli.main(["-m", "semilla=range(3)", "estrategia=lamentable,arriesgada", "estrategia.apoyo_produccion=0.0,0.1"])
    assert llamadas == [
        ["-m", "semilla=range(3)", "estrategia=lamentable,arriesgada", "estrategia.apoyo_produccion=0.0,0.1"]
    ]


def test_error_dentro_de_hydra_tambien_sale_en_castellano(capsys, tmp_path, monkeypatch):
    """Si algo escapa a la validación previa, la validación de ``ejecutar`` lo detiene igual (código 2)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(lanzador, "prevalidar", lambda argv: None)
    codigo, err = correr_en_proceso(capsys, "territorio.n_agencias=0", f"hydra.run.dir={tmp_path / 'corrida'}")
    assert codigo == 2 and "territorio.n_agencias" in err and "Traceback" not in err
    assert not (tmp_path / "corrida" / "series.parquet").exists()


def test_error_inesperado_sale_con_codigo_1_y_una_linea(capsys, tmp_path, monkeypatch):
    import simulacion.resultados.ejecucion as modulo_ejecucion  # cli importa ``ejecutar`` de aquí al correr

    def falla(cfg):
        raise RuntimeError("disco lleno")

    monkeypatch.setattr(modulo_ejecucion, "ejecutar", falla)
    codigo, err = correr_en_proceso(capsys, "pasos=2", f"hydra.run.dir={tmp_path / 'corrida'}")
    assert codigo == 1
    assert "Error inesperado (RuntimeError): disco lleno" in err and "Traceback" not in err
    assert "HYDRA_FULL_ERROR" not in os.environ


# ---------------------------------------------------------------------- subprocesos: el comando real
def correr(*argv, env=None, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*argv], capture_output=True, text=True, timeout=120, cwd=cwd, env={**os.environ, **(env or {})}
    )


def test_python_m_simulacion_rechaza_con_codigo_2_sin_traza_ni_carpetas(tmp_path):
    proc = correr(sys.executable, "-m", "simulacion", "pasos=0", "economia.tasa_interes=nan", cwd=tmp_path)
    assert proc.returncode == 2
    assert "Configuración inválida (2 errores)" in proc.stderr
    assert "pasos: se recibió 0" in proc.stderr and "economia.tasa_interes: se recibió nan" in proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    assert list(tmp_path.iterdir()) == []


def test_el_comando_instalado_rechaza_igual_que_python_m(tmp_path):
    comando = Path(sys.executable).parent / "simulacion"
    if not comando.exists():
        pytest.skip("comando simulacion no instalado en este entorno")
    a = correr(str(comando), "estrategia=nada", cwd=tmp_path)
    b = correr(sys.executable, "-m", "simulacion", "estrategia=nada", cwd=tmp_path)
    assert a.returncode == b.returncode == 2
    assert a.stderr == b.stderr and "se acepta: una de: arriesgada, complementariedad" in a.stderr
    assert list(tmp_path.iterdir()) == []


def test_hydra_full_error_muestra_la_traza(tmp_path):
    proc = correr(sys.executable, "-m", "simulacion", "pasos=0", env={"HYDRA_FULL_ERROR": "1"}, cwd=tmp_path)
    assert proc.returncode != 0
    assert "Traceback" in proc.stderr and "ConfiguracionInvalida" in proc.stderr


def test_cotas_de_un_diseno_de_muestreo_dentro_del_rango_de_su_clave():
    cfg = Configuracion()
    cfg.muestreo.parametros = {"territorio.liderazgo": [0.3, 1.5], "economia.nada": [1, 2], "pasos": [2]}
    with pytest.raises(ConfiguracionInvalida) as error:
        validar(cfg)
    assert [f.clave for f in error.value.fallas] == [
        "muestreo.parametros.territorio.liderazgo",
        "muestreo.parametros.economia.nada",
        "muestreo.parametros.pasos",
    ]
    cfg.muestreo.parametros = {"territorio.liderazgo": [0.3, 1.0], "pasos": [2, 60]}
    assert validar(cfg) is cfg


def test_ctrl_c_sale_con_codigo_130_sin_traza(capsys, monkeypatch):
    def interrumpe(aplicacion, argv):
        raise KeyboardInterrupt

    monkeypatch.setattr(lanzador, "_correr", interrumpe)
    codigo, err = correr_en_proceso(capsys, "pasos=2")
    assert codigo == 130 and "Interrumpido" in err and "Traceback" not in err


# ---------------------------------------------------------------------- muestreo.* y la regla de -m
CAMPOS_MUESTREO = [
    (f"muestreo.{f.name}", campo(f"muestreo.{f.name}"))
    for f in fields(Muestreo)
    if typing.get_type_hints(Muestreo)[f.name] in (int, int | None, float)
]


@pytest.mark.parametrize("clave,tipo_rango", CAMPOS_MUESTREO, ids=[c for c, _ in CAMPOS_MUESTREO])
def test_cada_numero_de_muestreo_declara_un_rango_y_se_rechaza_fuera_de_el(clave, tipo_rango):
    tipo, r = tipo_rango
    assert r is not None, f"{clave}: declare su rango en RANGOS_MUESTREO (simulacion/config/verificacion.py)"
    defecto = getattr(Muestreo(), clave.split(".")[1])
    assert defecto is None or r.minimo <= defecto <= r.maximo
    for valor in invalidos(tipo, r):
        if valor is None and defecto is None:
            continue  # indice: None es «sin diseño»
        with pytest.raises(ConfiguracionInvalida) as error:
            validar(con_valor(clave, valor))
        assert error.value.fallas[0].clave == clave and error.value.fallas[0].aceptado == describir(tipo, r)


def test_las_filas_declaradas_de_cada_diseno_son_las_que_se_generan():
    """``FILAS_DEL_DISENO`` (verificación del índice) cuenta las filas que genera cada método."""
    from simulacion.config.muestreo import diseno

    parametros = {"territorio.liderazgo": [0.3, 1.0], "economia.costo_proyecto": [20.0, 40.0]}
    for metodo in FILAS_DEL_DISENO:
        m = Muestreo(parametros=parametros, metodo=metodo, trayectorias=3, muestras=8)
        assert len(diseno(m)) == FILAS_DEL_DISENO[metodo][1](m, 2), metodo


def test_un_experimento_con_muestreo_invalido_sale_con_codigo_2_sin_carpetas(tmp_path):
    orden = [sys.executable, "-m", "simulacion", "experimento=sensibilidad", "muestreo.trayectorias=1"]
    proc = correr(*orden, cwd=tmp_path)
    assert proc.returncode == 2 and "muestreo.trayectorias: se recibió 1" in proc.stderr
    assert "Traceback" not in proc.stderr and "UserWarning" not in proc.stderr
    assert list(tmp_path.iterdir()) == []


def test_un_indice_fuera_del_diseno_rechaza_el_barrido_entero(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(lanzador, "_correr", lambda *a: pytest.fail("Hydra no debía correr"))
    codigo, err = correr_en_proceso(
        capsys,
        "-m",
        "++muestreo.parametros={economia.costo_fijo:[2.0,4.0]}",
        "muestreo.trayectorias=2",
        "muestreo.indice=0,7,1",
    )
    assert codigo == 2 and "muestreo.indice: se recibió 7" in err and "0 y 3" in err
    assert list(tmp_path.iterdir()) == []


def test_un_barrido_sin_corridas_se_rechaza(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(lanzador, "_correr", lambda *a: pytest.fail("Hydra no debía correr"))
    codigo, err = correr_en_proceso(capsys, "-m", "semilla=range(0)")
    assert codigo == 2 and "barrido: se recibió" in err and "al menos una corrida" in err
    assert list(tmp_path.iterdir()) == []


def test_los_experimentos_no_piden_m_y_se_validan_antes_de_lanzar(capsys, monkeypatch):
    """La misma regla en todos lados: un experimento ya es un barrido (sin -m), con su grilla y la de
    la línea de comandos; cada combinación se valida antes de lanzar, como con -m."""
    llamadas = []
    monkeypatch.setattr(lanzador, "_correr", lambda aplicacion, argv: llamadas.append(argv))
    cli.main(["experimento=mapa", "semilla=range(2)"])  # el patrón del ejemplo de SLURM
    cli.main(["-m", "experimento=mapa", "semilla=range(2)"])  # con -m también
    assert llamadas == [["experimento=mapa", "semilla=range(2)"], ["-m", "experimento=mapa", "semilla=range(2)"]]
    codigo, err = correr_en_proceso(capsys, "experimento=matriz", "estrategia.promocion_economica=0.1,0.6")
    assert codigo == 2 and "corrida del barrido" in err and "estrategia.promocion_economica=0.6" in err
