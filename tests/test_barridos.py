"""Barridos de Hydra: agregación, ``simulacion-analizar``, reanudación, fallas, SIGKILL y lanzadores.

Los barridos son diminutos (pocas pymes y trimestres) y corren como procesos aparte, igual que los
correría un usuario. Nada de lo que se compara está escrito a mano: las tablas se recalculan desde
los archivos de cada corrida y las series se comparan con :func:`simulacion.simular`.
"""

from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from simulacion import simular
from simulacion.api import componer
from simulacion.barridos.analisis import analizar
from simulacion.barridos.diseno import corridas_morris
from simulacion.barridos.figuras import figura_mapa, hay_mapa
from simulacion.barridos.trabajos import correr_trabajo, huella
from simulacion.config import Configuracion, Muestreo
from simulacion.config.muestreo import aplicar_muestreo, diseno_morris
from simulacion.resultados.desenlace import DESENLACES

PEQUENO = ["pasos=6", "territorio.n_pymes=60"]
BARRIDO = ["estrategia=lamentable,arriesgada", "semilla=0,1", *PEQUENO]
AGREGADOS = ("resultados.parquet", "resultados.csv", "matriz_estrategias.png", "series_estrategias.png")


def correr(carpeta: Path, *argumentos: str, cwd: Path, timeout: float = 240) -> subprocess.CompletedProcess:
    """``python -m simulacion -m ... hydra.sweep.dir=carpeta`` como proceso aparte."""
    proc = subprocess.run(
        [sys.executable, "-m", "simulacion", "-m", *argumentos, f"hydra.sweep.dir={carpeta}"],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def series_por_overrides(carpeta: Path) -> dict[tuple, pd.DataFrame]:
    """Serie de cada corrida completa del barrido, indexada por sus overrides."""
    salida = {}
    for estado in carpeta.glob("*/estado.json"):
        e = json.loads(estado.read_text(encoding="utf-8"))
        if e["estado"] == "completo":
            salida[tuple(e["overrides"])] = pd.read_parquet(estado.parent / "series.parquet")
    return salida


@pytest.fixture(scope="module")
def barrido(tmp_path_factory):
    """Un barrido de 2 estrategias × 2 semillas con el lanzador básico."""
    raiz = tmp_path_factory.mktemp("barrido")
    proc = correr(raiz / "b", *BARRIDO, cwd=raiz)
    return raiz / "b", proc


def test_agregacion_una_fila_por_corrida_y_tabla_desde_los_archivos(barrido):
    carpeta, proc = barrido
    for nombre in AGREGADOS:
        assert (carpeta / nombre).stat().st_size > 0, nombre
    tabla = pd.read_parquet(carpeta / "resultados.parquet")
    assert len(tabla) == 4 and (tabla["estado"] == "completo").all()
    # todo resumen.json y los overrides de la corrida
    for _, fila in tabla.iterrows():
        resumen = json.loads((Path(fila.carpeta) / "resumen.json").read_text(encoding="utf-8"))
        estado = json.loads((Path(fila.carpeta) / "estado.json").read_text(encoding="utf-8"))
        assert resumen.pop("procedencia") == estado["procedencia"] and estado["procedencia"]["huella_del_modelo"]
        for clave, valor in resumen.items():
            assert fila[clave] == valor, clave
        overrides = (Path(fila.carpeta) / ".hydra" / "overrides.yaml").read_text(encoding="utf-8")
        for ov in fila.overrides.split():
            assert ov in overrides
    # la tabla impresa: una línea por par (AP, PE) con su número de corridas y fracciones de desenlace
    agregado = analizar(carpeta, imprimir=False)
    assert set(agregado.resumen["grupo"]) == {"lamentable", "arriesgada"}
    for _, r in agregado.resumen.iterrows():
        g = tabla[(tabla.apoyo_produccion == r.apoyo_produccion) & (tabla.promocion_economica == r.promocion_economica)]
        assert r.corridas == len(g) == 2
        for d in DESENLACES:
            assert r[d] == pytest.approx((g.desenlace == d).mean())
        assert r.crecimiento_medio == pytest.approx(g.crecimiento_anual.mean())
        assert r.crecimiento_ic_bajo <= r.crecimiento_medio <= r.crecimiento_ic_alto
    assert "lamentable" in proc.stdout and "Archivos:" in proc.stdout
    assert proc.stdout.rstrip().endswith("series_estrategias.png")
    assert "4/4 corridas terminadas" in proc.stdout + proc.stderr  # progreso


def test_la_numeracion_esperada_coincide_con_la_de_hydra(barrido):
    carpeta, _ = barrido
    esperados = json.loads((carpeta / "barrido.json").read_text(encoding="utf-8"))["trabajos"]
    assert len(esperados) == 4
    for num, ov in enumerate(esperados):
        assert json.loads((carpeta / str(num) / "estado.json").read_text(encoding="utf-8"))["overrides"] == ov


def test_simulacion_analizar_reconstruye_la_misma_tabla(barrido, tmp_path):
    carpeta, _ = barrido
    antes = pd.read_parquet(carpeta / "resultados.parquet")
    for nombre in AGREGADOS:
        (carpeta / nombre).unlink()
    proc = subprocess.run(
        [sys.executable, "-m", "simulacion.barridos.analisis", str(carpeta)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "corridas completas" in proc.stdout and "matriz_estrategias.png" in proc.stdout
    pd.testing.assert_frame_equal(pd.read_parquet(carpeta / "resultados.parquet"), antes)
    for nombre in AGREGADOS:
        assert (carpeta / nombre).stat().st_size > 0


def test_la_agregacion_no_carga_mesa_ni_hydra(barrido):
    """``simulacion-analizar`` y la agregación leen sólo archivos: ni Mesa ni el modelo ni Hydra."""
    carpeta, _ = barrido
    codigo = (
        "import sys; from simulacion.barridos.analisis import analizar; "
        f"analizar({str(carpeta)!r}, imprimir=False); "
        "print(sorted(nombre for nombre in sys.modules"
        " if nombre.split('.')[0] in ('mesa', 'hydra') or nombre.startswith('simulacion.modelo')))"
    )
    proc = subprocess.run([sys.executable, "-c", codigo], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_reanudar_omite_las_corridas_completas(barrido):
    carpeta, _ = barrido
    marcas = {p: p.stat().st_mtime_ns for p in carpeta.glob("*/estado.json")}
    series = series_por_overrides(carpeta)
    proc = correr(carpeta, *BARRIDO, cwd=carpeta.parent)
    salida = proc.stdout + proc.stderr
    assert salida.count("ya estaba completa") == 4
    assert {p: p.stat().st_mtime_ns for p in carpeta.glob("*/estado.json")} == marcas
    despues = series_por_overrides(carpeta)
    for clave, s in series.items():
        pd.testing.assert_frame_equal(despues[clave], s)


def test_una_corrida_completa_de_otra_configuracion_nunca_se_sobrescribe(tmp_path):
    """La huella cubre la configuración resuelta: otra configuración en la misma carpeta no se confunde
    con la completa, y tampoco la borra (en un barrido queda como error sin tocar la carpeta)."""
    cfg = componer("semilla=3", *PEQUENO)
    estado = correr_trabajo(cfg, tmp_path, ["semilla=3"], tolerar_fallas=True)
    assert estado["estado"] == "completo" and "omitida" not in estado
    assert correr_trabajo(cfg, tmp_path, ["semilla=3"], tolerar_fallas=True)["omitida"]
    marcas = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    otra = componer("semilla=3", "pasos=5", "territorio.n_pymes=60")
    assert huella(otra) != huella(cfg)
    nuevo = correr_trabajo(otra, tmp_path, ["semilla=3"], tolerar_fallas=True)
    assert nuevo["estado"] == "error" and "otra configuración" in nuevo["error"]
    with pytest.raises(FileExistsError):
        correr_trabajo(otra, tmp_path, ["semilla=3"], tolerar_fallas=False)
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == marcas
    assert len(pd.read_parquet(tmp_path / "series.parquet")) == 6


def test_una_corrida_que_falla_queda_registrada_sin_archivos(tmp_path):
    def falla(cfg):
        raise RuntimeError("el modelo no converge")

    cfg = componer(*PEQUENO)
    estado = correr_trabajo(cfg, tmp_path, ["semilla=0"], tolerar_fallas=True, correr=falla)
    assert estado["estado"] == "error" and "el modelo no converge" in estado["error"]
    assert "RuntimeError" in (tmp_path / "error.log").read_text(encoding="utf-8")
    assert json.loads((tmp_path / "estado.json").read_text(encoding="utf-8"))["estado"] == "error"
    assert not any((tmp_path / a).exists() for a in ("series.parquet", "resumen.json", "series.png"))
    with pytest.raises(RuntimeError):  # una corrida suelta sí propaga el error
        correr_trabajo(cfg, tmp_path / "suelta", [], tolerar_fallas=False, correr=falla)


def test_un_proceso_que_corre_muchas_corridas_no_acumula_modelos(tmp_path):
    """Cada modelo terminado se libera: el lanzador básico y cada trabajador de joblib corren muchas
    corridas en un mismo proceso (antes, un arreglo de objetos de numpy dejaba vivo cada modelo)."""
    import gc
    import weakref

    from simulacion.resultados.ejecucion import ejecutar

    modelos, salidas = [], []

    def correr_y_anotar(cfg):
        resultado = ejecutar(cfg)
        modelos.append(weakref.ref(resultado.modelo))
        salidas.append(int(resultado.series["salidas"].sum()) + int(resultado.series["entradas"].sum()))
        return resultado

    for semilla in range(3):
        cfg = componer(*PEQUENO, f"semilla={semilla}", "pasos=12")
        correr_trabajo(cfg, tmp_path / str(semilla), [], tolerar_fallas=False, correr=correr_y_anotar)
    gc.collect()
    assert min(salidas) > 0  # hubo altas y bajas: se ejercitan retirar y compactar
    assert [m() for m in modelos] == [None, None, None]


# Un proceso ``simulacion`` cuyo modelo falla en la semilla 1 (la validación no lo ve): el barrido sigue.
CON_FALLA = """
import sys
import simulacion.resultados.ejecucion as ejecucion
original = ejecucion.ejecutar
def ejecutar(cfg):
    if cfg.semilla == 1:
        raise RuntimeError("el modelo no converge")
    return original(cfg)
ejecucion.ejecutar = ejecutar
from simulacion.cli import main
main(sys.argv[1:])
"""


def test_el_barrido_sigue_y_la_agregacion_informa_la_corrida_fallida(tmp_path):
    """Una corrida que falla dentro del modelo no detiene el barrido; la agregación y
    ``simulacion-analizar`` la informan, con la orden que la vuelve a correr."""
    carpeta = tmp_path / "b"
    argumentos = ["-m", "semilla=0,1,2", *PEQUENO, f"hydra.sweep.dir={carpeta}"]
    proc = subprocess.run([sys.executable, "-c", CON_FALLA, *argumentos], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    tabla = pd.read_parquet(carpeta / "resultados.parquet")
    assert list(tabla["estado"]) == ["completo", "error", "completo"]
    assert "el modelo no converge" in tabla.loc[1, "error"]
    assert "Corridas con error" in proc.stdout and "semilla=1" in proc.stdout
    assert (carpeta / "1" / "error.log").is_file() and not (carpeta / "1" / "series.parquet").exists()
    sub = subprocess.run(
        [sys.executable, "-m", "simulacion.barridos.analisis", str(carpeta)], capture_output=True, text=True
    )
    assert sub.returncode == 1 and "semilla=1" in sub.stdout
    programa = [sys.executable, "-m", "simulacion"]  # lanzado con python -c: la orden es la de python -m
    assert orden_impresa(sub.stdout) == [*programa, *argumentos[:-1], f"hydra.sweep.dir={carpeta.resolve()}"]


def orden_impresa(texto: str) -> list[str]:
    """La orden para completar un barrido que imprimen ``simulacion-analizar`` y Ctrl-C."""
    lineas = texto.splitlines()
    (k,) = [i for i, linea in enumerate(lineas) if linea.startswith("Para completarlo")]
    return shlex.split(lineas[k + 1])


# Las dos variantes son carreras contra el reloj (matar entre que aparece un archivo y que termina la
# corrida, una ventana de milisegundos): con la máquina libre la corrida puede terminar antes de la
# señal, así que van con ``lento`` (pytest -m lento), no en la corrida por defecto.
@pytest.mark.lento
@pytest.mark.parametrize("momento", ["durante_el_modelo", "durante_la_escritura"])
def test_sigkill_no_deja_resultados_a_medias_y_se_reanuda_solo_esa_corrida(tmp_path, momento):
    carpeta = tmp_path / "b"
    # la última corrida es la más grande: se la mata cuando empezó (o cuando empezó a escribir)
    argumentos = ["territorio.n_pymes=60,61,1500", "pasos=6", f"hydra.sweep.dir={carpeta}"]
    senal = carpeta / "2" / (".hydra/overrides.yaml" if momento == "durante_el_modelo" else "series.parquet")
    proc = subprocess.Popen(
        [sys.executable, "-m", "simulacion", "-m", *argumentos],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    limite = time.time() + 180
    while not senal.exists() and proc.poll() is None and time.time() < limite:
        time.sleep(0.002)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not (carpeta / "2" / "estado.json").exists(), "la corrida terminó antes de matarla"
    for nombre, leer in (("series.parquet", pd.read_parquet), ("resumen.json", lambda p: json.loads(p.read_text()))):
        if (carpeta / "2" / nombre).exists():
            leer(carpeta / "2" / nombre)  # lo que tiene nombre final está completo
    # la agregación la informa como faltante
    agregado = analizar(carpeta, imprimir=False)
    assert agregado.faltantes == [" ".join(["territorio.n_pymes=1500", "pasos=6"])]
    assert list(agregado.tabla["estado"]) == ["completo", "completo", "faltante"]
    marcas = {n: (carpeta / n / "estado.json").stat().st_mtime_ns for n in ("0", "1")}
    # reanudar: sólo corre la que faltaba
    salida = correr(carpeta, *argumentos[:-1], cwd=tmp_path)
    assert (salida.stdout + salida.stderr).count("ya estaba completa") == 2
    assert {n: (carpeta / n / "estado.json").stat().st_mtime_ns for n in ("0", "1")} == marcas
    assert not list((carpeta / "2").glob(".*.tmp"))
    tabla = pd.read_parquet(carpeta / "resultados.parquet")
    assert (tabla["estado"] == "completo").all()
    pd.testing.assert_frame_equal(
        pd.read_parquet(carpeta / "2" / "series.parquet"), simular("territorio.n_pymes=1500", "pasos=6").series
    )


def test_mismos_resultados_con_los_lanzadores_basico_joblib_local_y_submitit_local(barrido, tmp_path):
    """Determinismo: misma configuración y semilla ⇒ series idénticas, sea cual sea el lanzador y lo
    que haya corrido antes en el mismo proceso (el básico corre todo el barrido en un proceso)."""
    pytest.importorskip("hydra_plugins.hydra_submitit_launcher")
    carpeta, _ = barrido
    basico = series_por_overrides(carpeta)
    parte = ["estrategia=arriesgada", "semilla=0,1", *PEQUENO]  # 2 de las 4 corridas del barrido básico
    joblib = tmp_path / "joblib"
    correr(joblib, *parte, "hydra/launcher=joblib", "hydra.launcher.n_jobs=2", cwd=tmp_path)
    local = tmp_path / "local"  # el joblib de simulacion (estado de Hydra una vez por trabajador)
    correr(local, *parte, "hydra/launcher=local", "hydra.launcher.n_jobs=2", cwd=tmp_path)
    submitit = tmp_path / "submitit"
    correr(submitit, *parte, "hydra/launcher=submitit_local", cwd=tmp_path)
    for otra in (joblib, local, submitit):
        series = series_por_overrides(otra)
        assert len(series) == 2
        for clave, s in series.items():
            pd.testing.assert_frame_equal(s, basico[clave])
    # y lo mismo que una corrida suelta en este proceso, después de todo lo anterior
    ov = ("estrategia=arriesgada", "semilla=1", *PEQUENO)
    pd.testing.assert_frame_equal(basico[ov], simular(*ov).series)


def test_diseno_de_morris_una_variable_por_paso_y_reproducible():
    m = Muestreo(
        parametros={
            "economia.costo_fijo": [2.0, 4.0],
            "territorio.liderazgo": [0.3, 1.0],
            "territorio.n_agencias": [1, 4],
        },
        trayectorias=3,
        niveles=4,
        semilla=5,
    )
    x = diseno_morris(m)
    assert x.shape == (corridas_morris(m), 3)
    for t in range(m.trayectorias):
        bloque = x[t * 4 : (t + 1) * 4]
        assert ((np.abs(np.diff(bloque, axis=0)) > 0).sum(axis=1) == 1).all()
    base = Configuracion(muestreo=m)
    assert aplicar_muestreo(base) == Configuracion(muestreo=m)  # sin índice no cambia nada
    for i in (0, 5):
        c = aplicar_muestreo(Configuracion(muestreo=Muestreo(**{**m.__dict__, "indice": i})))
        assert c.economia.costo_fijo == pytest.approx(x[i, 0]) and c.territorio.liderazgo == pytest.approx(x[i, 1])
        assert c.territorio.n_agencias == round(x[i, 2]) and isinstance(c.territorio.n_agencias, int)


def test_experimento_sensibilidad_barre_todo_el_diseno():
    """experimento=sensibilidad: al menos 8 parámetros y un barrido de trayectorias × (k + 1) índices."""
    cfg = componer("experimento=sensibilidad", con_hydra=True)
    k = len(cfg.muestreo.parametros)
    assert k >= 8
    assert cfg.hydra.sweeper.params["muestreo.indice"] == f"range(0,{cfg.muestreo.trayectorias * (k + 1)})"
    cfg = componer("experimento=sensibilidad", "muestreo.trayectorias=3", con_hydra=True)
    assert cfg.hydra.sweeper.params["muestreo.indice"] == f"range(0,{3 * (k + 1)})"


def test_mapa_ap_pe_con_una_grilla_de_tres_por_tres(tmp_path):
    filas = []
    rng = np.random.default_rng(1)
    for ap in (0.0, 0.2, 0.4):
        for pe in (0.0, 0.2, 0.4):
            for _ in range(3):
                filas.append(
                    {
                        "apoyo_produccion": ap,
                        "promocion_economica": pe,
                        "estrategia": "mapa",
                        "crecimiento_anual": rng.normal(0.02, 0.01),
                        "desenlace": rng.choice(DESENLACES),
                    }
                )
    completas = pd.DataFrame(filas)
    assert hay_mapa(completas) and not hay_mapa(completas[completas.apoyo_produccion < 0.3])
    assert figura_mapa(completas, tmp_path / "mapa_ap_pe.png").stat().st_size > 0


@pytest.mark.parametrize(
    "lanzador, clase",
    [
        ("local", "LanzadorLocal"),
        ("joblib", "JoblibLauncher"),
        ("submitit_local_simulacion", "LocalLauncher"),
        ("slurm_universidad", "SlurmLauncher"),
    ],
)
def test_configuraciones_de_lanzadores_componen(lanzador, clase):
    pytest.importorskip("hydra_plugins.hydra_submitit_launcher")
    cfg = componer("experimento=matriz", f"hydra/launcher={lanzador}", con_hydra=True)
    assert cfg.hydra.launcher._target_.endswith(clase)


def test_simulacion_analizar_es_una_orden_instalada():
    from importlib.metadata import entry_points

    (orden,) = [e for e in entry_points(group="console_scripts") if e.name == "simulacion-analizar"]
    assert orden.value == "simulacion.barridos.analisis:main"


def test_la_terminal_resume_por_celda_de_la_matriz_cuando_hay_muchos_pares():
    """Un hipercubo da un par (AP, PE) por corrida: la terminal no imprime 1.500 filas sino una por
    celda de la matriz 2×2, con sus pares y corridas; con pocos pares, una fila por par."""
    from simulacion.barridos.grupos import MAXIMO_FILAS_TERMINAL, resumir, tabla_texto

    rng = np.random.default_rng(0)
    n = 4 * (MAXIMO_FILAS_TERMINAL + 6)
    ap = np.r_[rng.uniform(0.3, 0.6, n // 4), rng.uniform(0.6, 0.9, n // 4), np.zeros(n // 2)]
    pe = np.r_[rng.uniform(0.3, 0.5, n // 4), np.zeros(n // 4), rng.uniform(0.5, 0.9, n // 4), np.zeros(n // 4)]
    completas = pd.DataFrame(
        {
            "apoyo_produccion": ap,
            "promocion_economica": pe,
            "estrategia": "personalizada",
            "desenlace": rng.choice(["crecimiento", "estancamiento"], n),
            "crecimiento_anual": rng.normal(0.02, 0.01, n),
        }
    )
    texto = tabla_texto(resumir(completas), completas)
    lineas = texto.splitlines()
    cuarto = n // 4  # la celda sin AP ni PE tiene un solo par, (0, 0)
    assert f"{3 * cuarto + 1} pares (AP, PE) distintos" in lineas[0]
    filas = [linea for linea in lineas[3:] if linea.strip()]
    pares = [cuarto, cuarto, cuarto, 1]
    assert len(filas) == 4 and all(f" {p:>11d} {cuarto:>4d} " in f for f, p in zip(filas, pares, strict=True))
    assert filas[0].startswith("I · AP sí · PE sí")
    pocos = completas.iloc[: MAXIMO_FILAS_TERMINAL // 2]
    assert len(tabla_texto(resumir(pocos), pocos).splitlines()) == 2 + len(pocos)
