"""Sensibilidad alrededor del modelo que se corre: rangos relativos, diseños de Morris y Sobol, y su análisis.

Los rangos se leen de la configuración compuesta (como la línea de comandos) y se comparan con los
valores del esquema; los análisis se prueban con funciones de índices conocidos sobre el diseño real,
y de punta a punta con barridos diminutos de Hydra (procesos aparte, como los correría un usuario).
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from omegaconf import OmegaConf

from simulacion.api import componer
from simulacion.barridos.diseno import inicios_completos, registrar_resolvedores
from simulacion.barridos.respuestas import SALIDAS, fraccion_de
from simulacion.barridos.sensibilidad import indices_morris
from simulacion.barridos.sobol import bloques_completos, convergencia, indices_sobol
from simulacion.config import Configuracion, Muestreo
from simulacion.config.disenos import filas, hipercubo_unitario, matriz, rango_alrededor
from simulacion.config.muestreo import aplicar_muestreo, diseno, diseno_morris
from simulacion.config.verificacion import validar
from simulacion.indicadores import NOMBRES_DESENLACE

registrar_resolvedores()  # ${corridas_morris:…} y ${corridas_sobol:…} de hydra.sweeper.params (como la CLI)
EXPERIMENTOS = ("sensibilidad", "sobol", "escenarios")
PEQUENO = ["pasos=6", "territorio.n_pymes=60", "economia.trimestres_prehistoria=2"]


def parametros(*overrides: str) -> dict[str, list[float]]:
    """``muestreo.parametros`` resueltos de la configuración compuesta con ``overrides``."""
    cfg = componer(*overrides)
    return OmegaConf.to_container(cfg.muestreo, resolve=True)["parametros"]


def por_defecto(clave: str):
    """Valor de ``clave`` en el esquema (las intensidades por defecto son las de complementariedad)."""
    obj = Configuracion()
    for parte in clave.split("."):
        obj = getattr(obj, parte)
    return obj


@pytest.mark.parametrize("experimento", EXPERIMENTOS)
def test_cada_rango_contiene_su_valor_por_defecto(experimento):
    rangos = parametros(f"experimento={experimento}")
    for clave, (bajo, alto) in rangos.items():
        assert bajo <= por_defecto(clave) <= alto, (clave, bajo, alto, por_defecto(clave))
        assert bajo < alto, clave


def test_sensibilidad_cubre_al_menos_15_parametros_compartidos_y_las_intensidades():
    rangos = parametros("experimento=sensibilidad")
    compartidos = [c for c in rangos if c.split(".")[0] in ("economia", "territorio")]
    assert len(compartidos) >= 15
    assert {"estrategia.apoyo_produccion", "estrategia.promocion_economica"} <= set(rangos)
    escenarios = parametros("experimento=escenarios")
    assert len([c for c in escenarios if c.split(".")[0] in ("economia", "territorio")]) >= 10


def test_los_rangos_siguen_a_la_configuracion_que_se_corre():
    """Con otro valor (un default recalibrado, la línea de comandos o la estrategia) el rango se mueve."""
    base = parametros("experimento=sensibilidad")
    assert base["economia.costo_proyecto"] == pytest.approx(
        [0.5 * por_defecto("economia.costo_proyecto"), 1.5 * por_defecto("economia.costo_proyecto")]
    )
    movido = parametros("experimento=sensibilidad", "economia.costo_proyecto=50")
    assert movido["economia.costo_proyecto"] == pytest.approx([25.0, 75.0])
    # recortado al rango aceptado de la clave (una fracción no pasa de 1)
    assert parametros("experimento=sensibilidad", "territorio.liderazgo=0.9")["territorio.liderazgo"] == [0.45, 1.0]
    # un valor negativo da un rango ordenado
    tendencia = parametros("experimento=sensibilidad", "economia.tendencia_precio_externo=-0.02")
    assert tendencia["economia.tendencia_precio_externo"] == pytest.approx([-0.03, -0.01])
    # las intensidades siguen a la estrategia; sin PE, la PE queda en 0 (la celda no cambia)
    lamentable = parametros("experimento=escenarios", "estrategia=lamentable")
    assert lamentable["estrategia.apoyo_produccion"] == pytest.approx([0.225, 0.99])
    assert lamentable["estrategia.promocion_economica"] == [0.0, 0.0]


def test_un_rango_relativo_de_una_clave_derivada_se_explica():
    with pytest.raises(ValueError, match="no tiene un valor fijo"):
        rango_alrededor("territorio.transferencias", None, 0.5, 1.5)
    with pytest.raises(ValueError, match="no es una clave numérica"):
        rango_alrededor("territorio.nombre", 1.0, 0.5, 1.5)


# --------------------------------------------------------------------------- diseños


def muestreo(metodo: str, **kw) -> Muestreo:
    parametros = kw.pop(
        "parametros",
        {
            "territorio.liderazgo": [0.3, 1.0],
            "economia.costo_proyecto": [18.0, 54.0],
            "economia.trimestres_perdida_salida": [3, 9],
        },
    )
    return Muestreo(parametros=parametros, metodo=metodo, **kw)


def test_diseno_de_sobol_bloques_de_saltelli_y_su_mitad_es_otro_diseno():
    m = muestreo("sobol", muestras=16, semilla=3)
    x = matriz(m)
    k = len(m.parametros)
    assert x.shape == (filas(m), k) == (16 * (k + 2), k)
    for b in range(16):
        a, ab, bb = x[b * (k + 2)], x[b * (k + 2) + 1 : b * (k + 2) + 1 + k], x[b * (k + 2) + k + 1]
        for j in range(k):  # AB_j = A con la columna j de B
            esperado = a.copy()
            esperado[j] = bb[j]
            np.testing.assert_array_equal(ab[j], esperado)
    mitad = matriz(muestreo("sobol", muestras=8, semilla=3))
    np.testing.assert_array_equal(x[: 8 * (k + 2)], mitad)  # la prueba de convergencia usa este prefijo
    for j, (bajo, alto) in enumerate(m.parametros.values()):
        assert bajo <= x[:, j].min() and x[:, j].max() <= alto
    with pytest.raises(ValueError, match="potencia de 2"):
        matriz(muestreo("sobol", muestras=12))


def test_hipercubo_latino_estratificado_pareado_y_con_parametros_fijos():
    m = muestreo("hipercubo", muestras=40, semilla=1)
    u = hipercubo_unitario(m)
    for j in range(u.shape[1]):  # un punto en cada uno de los 40 estratos de cada parámetro
        assert sorted(np.floor(u[:, j] * 40).astype(int)) == list(range(40))
    fijo = muestreo(
        "hipercubo",
        muestras=40,
        semilla=1,
        parametros={
            "territorio.liderazgo": [0.3, 1.0],
            "economia.costo_proyecto": [0.0, 0.0],
            "economia.trimestres_perdida_salida": [3, 9],
        },
    )
    x, y = matriz(m), matriz(fijo)
    assert (y[:, 1] == 0).all()
    np.testing.assert_array_equal(x[:, 0], y[:, 0])  # misma fila unitaria con otras cotas
    c = aplicar_muestreo(Configuracion(muestreo=Muestreo(**{**m.__dict__, "indice": 7})))
    assert c.territorio.liderazgo == pytest.approx(x[7, 0])
    assert c.economia.trimestres_perdida_salida == round(x[7, 2])


def test_la_corrida_toma_su_fila_del_diseno_de_su_metodo():
    for metodo, extra in (("morris", {"trayectorias": 2}), ("sobol", {"muestras": 4}), ("hipercubo", {"muestras": 5})):
        m = muestreo(metodo, **extra)
        x = diseno(m)
        assert len(x) == filas(m)
        c = aplicar_muestreo(Configuracion(muestreo=Muestreo(**{**m.__dict__, "indice": len(x) - 1})))
        assert c.economia.costo_proyecto == pytest.approx(x[-1, 1])


# --------------------------------------------------------------------------- análisis con índices conocidos


def tabla_sintetica(m: Muestreo, funcion) -> pd.DataFrame:
    """Corridas «completas» de un diseño con salidas calculadas por ``funcion(x) -> dict`` y 2 semillas."""
    x = diseno(m)
    filas_ = []
    for i, fila in enumerate(x):
        salidas = funcion(fila)
        for semilla in (0, 1):
            filas_.append(
                {
                    "_indice": i,
                    "semilla": semilla,
                    "overrides": f"muestreo.indice={i} semilla={semilla}",
                    **{n: salidas.get(n, 0.0) for n in NOMBRES_DESENLACE},
                    "desenlace": salidas.get("desenlace", "crecimiento"),
                }
            )
    return pd.DataFrame(filas_)


def funcion_conocida(fila: np.ndarray) -> dict:
    """Crecimiento: lineal en el primer parámetro, nada del segundo, cuadrático en el tercero; el
    desenlace cambia sólo con el primero."""
    u = (fila - np.array([0.3, 18.0, 3.0])) / np.array([0.7, 36.0, 6.0])  # a [0, 1]
    return {
        "crecimiento_anual": 0.04 * u[0] + 0.01 * u[2] ** 2,
        "volatilidad": 0.02 * u[2],
        "desenlace": "crecimiento" if u[0] > 0.5 else "estancamiento",
    }


def test_morris_ordena_por_mu_estrella_con_intervalo_para_cada_salida():
    m = muestreo("morris", trayectorias=12, semilla=2)
    completas = tabla_sintetica(m, funcion_conocida)
    inicios = inicios_completos(m, set(completas["_indice"]))
    r = indices_morris(m, completas, inicios)
    assert list(dict.fromkeys(r["salida"])) == list(SALIDAS)
    crec = r[r["salida"] == "crecimiento_anual"].set_index("parametro")
    assert crec.index[0] == "territorio.liderazgo"  # el de mayor efecto primero
    assert crec.loc["territorio.liderazgo", "mu_estrella"] == pytest.approx(0.04, rel=0.05)  # μ* ≈ efecto en el rango
    assert crec.loc["economia.costo_proyecto", "mu_estrella"] == pytest.approx(0.0, abs=1e-12)
    assert crec.loc["territorio.liderazgo", "mu_estrella_ic"] >= 0
    assert crec.loc["economia.trimestres_perdida_salida", "mu_estrella_ic"] > 0  # efecto no lineal: hay dispersión
    frac = r[r["salida"] == fraccion_de("crecimiento")].set_index("parametro")
    assert frac["mu_estrella"].idxmax() == "territorio.liderazgo"
    cambios = r.drop_duplicates("parametro").set_index("parametro")["cambia_desenlace"]
    assert cambios["territorio.liderazgo"] > 0 and cambios["economia.costo_proyecto"] == 0


def test_sobol_da_los_indices_de_una_funcion_conocida_y_su_convergencia():
    m = muestreo("sobol", muestras=256, semilla=0)
    completas = tabla_sintetica(m, funcion_conocida)
    bloques = bloques_completos(m, set(completas["_indice"]))
    assert len(bloques) == 256
    r = indices_sobol(m, completas, bloques)
    crec = r[r["salida"] == "crecimiento_anual"].set_index("parametro")
    # var(0,04 u0) = 0,04²/12; var(0,01 u2²) = 0,01² × 4/45; sin interacciones: S1 = ST
    v0, v2 = 0.04**2 / 12, 0.01**2 * 4 / 45
    assert crec.loc["territorio.liderazgo", "ST"] == pytest.approx(v0 / (v0 + v2), abs=0.05)
    assert crec.loc["economia.trimestres_perdida_salida", "S1"] == pytest.approx(v2 / (v0 + v2), abs=0.05)
    assert abs(crec.loc["economia.costo_proyecto", "ST"]) < 0.01
    assert crec.loc[["territorio.liderazgo", "economia.trimestres_perdida_salida"], "ST_ic"].gt(0).all()
    assert crec["ST_mitad"].notna().all()
    conv = convergencia(r).set_index("salida")
    assert conv.loc["crecimiento_anual", "dif_max_ST"] < 0.1
    assert np.isnan(conv.loc[fraccion_de("descomposicion"), "dif_max_ST"])  # nunca ocurre: sin índices
    # una corrida faltante descarta sólo su bloque
    assert bloques_completos(m, set(completas["_indice"]) - {5 * 5 + 2}) == [b for b in range(256) if b != 5]


# --------------------------------------------------------------------------- de punta a punta


def test_los_experimentos_barren_todo_su_diseno():
    cfg = componer("experimento=sobol", con_hydra=True)
    n, k = cfg.muestreo.muestras, len(cfg.muestreo.parametros)
    assert n & (n - 1) == 0 and cfg.muestreo.metodo == "sobol"
    assert cfg.hydra.sweeper.params["muestreo.indice"] == f"range(0,{n * (k + 2)})"
    cfg = componer("experimento=escenarios", con_hydra=True)
    estrategias = cfg.hydra.sweeper.params["estrategia"].split(",")
    assert sorted(estrategias) == sorted(["complementariedad", "lamentable", "arriesgada", "condenados"])
    assert cfg.hydra.sweeper.params["muestreo.indice"] == f"range(0,{cfg.muestreo.muestras})"
    assert cfg.muestreo.metodo == "hipercubo" and len(estrategias) * cfg.muestreo.muestras >= 2000


def barrer(carpeta: Path, *argumentos: str, cwd: Path) -> subprocess.CompletedProcess:
    """``python -m simulacion -m ...`` con el lanzador básico, como proceso aparte."""
    proc = subprocess.run(
        [sys.executable, "-m", "simulacion", "-m", *argumentos, f"hydra.sweep.dir={carpeta}"],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def test_morris_de_punta_a_punta(tmp_path):
    """Un diseño de Morris diminuto (2 parámetros, uno con rango relativo, 2 trayectorias) barrido con
    Hydra y analizado: una tabla por salida, ordenada, y cada corrida con su fila del diseño."""
    carpeta = tmp_path / "m"
    params = "{territorio.liderazgo:${alrededor:0.5,1.5},economia.costo_proyecto:[15.0,35.0]}"
    proc = barrer(
        carpeta,
        f"++muestreo.parametros={params}",
        "muestreo.trayectorias=2",
        "muestreo.indice=range(0,6)",
        *PEQUENO,
        cwd=tmp_path,
    )
    assert "Sensibilidad de Morris (2 trayectorias completas" in proc.stdout
    tabla = pd.read_csv(carpeta / "sensibilidad.csv")
    assert len(tabla) == 2 * len(SALIDAS) and set(tabla["salida"]) == set(SALIDAS)
    assert sorted(set(tabla["parametro"])) == ["economia.costo_proyecto", "territorio.liderazgo"]
    for _, g in tabla.groupby("salida"):
        assert (g["mu_estrella"].diff().dropna() <= 0).all()
    assert tabla["cambia_desenlace"].between(0, 1).all() and (tabla["mu_estrella_ic"] >= 0).all()
    assert (carpeta / "sensibilidad.png").stat().st_size > 0
    resultados = pd.read_parquet(carpeta / "resultados.parquet")
    m = Muestreo(
        parametros={"territorio.liderazgo": [0.35, 1.0], "economia.costo_proyecto": [15.0, 35.0]}, trayectorias=2
    )
    x = diseno_morris(m)
    for _, fila in resultados.iterrows():  # cada corrida usó su fila del diseño, con el rango relativo resuelto
        serie = pd.read_parquet(Path(fila.carpeta) / "series.parquet")
        assert len(serie) == 6
        cfg = OmegaConf.load(Path(fila.carpeta) / ".hydra" / "config.yaml")
        c = aplicar_muestreo(OmegaConf.to_object(OmegaConf.merge(OmegaConf.structured(Configuracion), cfg)))
        assert c.territorio.liderazgo == pytest.approx(x[int(fila["muestreo.indice"]), 0])


def test_sobol_de_punta_a_punta(tmp_path):
    carpeta = tmp_path / "s"
    params = "{territorio.liderazgo:${alrededor:0.5,1.5},economia.riesgo_innovacion:${alrededor:0.5,1.5}}"
    proc = barrer(
        carpeta,
        f"++muestreo.parametros={params}",
        "muestreo.metodo=sobol",
        "muestreo.muestras=4",
        "muestreo.indice=range(0,16)",
        *PEQUENO,
        cwd=tmp_path,
    )
    assert "Índices de Sobol (N = 4 muestras base completas" in proc.stdout
    resultados = pd.read_parquet(carpeta / "resultados.parquet")
    assert len(resultados) == 4 * (2 + 2) and (resultados["estado"] == "completo").all()
    tabla = pd.read_csv(carpeta / "sobol.csv")
    assert set(tabla["salida"]) == set(SALIDAS) and len(tabla) == 2 * len(SALIDAS)
    assert {"S1", "S1_ic", "ST", "ST_ic", "S1_mitad", "ST_mitad"} <= set(tabla.columns)
    assert (carpeta / "sobol.png").stat().st_size > 0


@pytest.mark.parametrize(
    ("experimento", "estrategias"),
    [("sensibilidad", ["complementariedad"]), ("sobol", ["complementariedad"]),
     ("escenarios", ["complementariedad", "lamentable", "arriesgada", "condenados"])],
)  # fmt: skip
def test_cada_corrida_de_los_experimentos_es_una_configuracion_valida(experimento, estrategias):
    """Cada fila del diseño, aplicada a la configuración de su estrategia, pasa la verificación (AP + PE ≤ 1,
    rangos de cada clave): ninguna corrida de un experimento preparado falla por su configuración."""
    for estrategia in estrategias:
        base = OmegaConf.to_object(componer(f"experimento={experimento}", f"estrategia={estrategia}"))
        for i in range(filas(base.muestreo)):
            validar(aplicar_muestreo(replace(base, muestreo=replace(base.muestreo, indice=i))))
