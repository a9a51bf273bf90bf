"""Nada se pierde, progreso, interrumpir y reanudar (issue 13, puntos 4–6).

Una carpeta con corridas de otro barrido se rechaza sin tocarla; el mismo barrido (o uno que agrega
trabajos al final) se reanuda; Ctrl-C y ``simulacion-analizar`` dan la orden exacta que lo completa y
esa orden funciona; la barra cuenta lo que hay en la carpeta; ``hydra/barrido=plan`` no corre nada;
las figuras de un barrido incompleto lo dicen. Barridos diminutos, como procesos aparte.
"""

from __future__ import annotations

import io
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from simulacion import cli
from simulacion.api import componer
from simulacion.barridos import analisis, figuras, lanzador, progreso
from simulacion.barridos.registros import diferencias, por_confirmar, terminadas
from simulacion.barridos.trabajos import configuracion_comun, huellas_esperadas

PEQUENO = ["pasos=6", "territorio.n_pymes=60"]
PROGRAMA = [sys.executable, "-m", "simulacion"]


def simulacion(*argumentos: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*PROGRAMA, *argumentos], capture_output=True, text=True, cwd=cwd, timeout=300)


def foto(carpeta: Path) -> dict[str, tuple[int, int]]:
    """Cada archivo de la carpeta con su tamaño y su hora de modificación."""
    return {str(p.relative_to(carpeta)): (p.stat().st_size, p.stat().st_mtime_ns) for p in carpeta.rglob("*")}


def orden_impresa(texto: str) -> list[str]:
    """La línea que sigue a «Para completar...»: la orden que completa el barrido."""
    lineas = texto.splitlines()
    (k,) = [i for i, linea in enumerate(lineas) if linea.startswith("Para completar")]
    return shlex.split(lineas[k + 1])


@pytest.fixture(scope="module")
def barrido(tmp_path_factory):
    """Un barrido de 2 semillas con el lanzador básico y la orden con que se lanzó."""
    raiz = tmp_path_factory.mktemp("reanudar")
    argumentos = ["-m", "semilla=0,1", *PEQUENO, f"hydra.sweep.dir={raiz / 'b'}"]
    proc = simulacion(*argumentos, cwd=raiz)
    assert proc.returncode == 0, proc.stderr
    return raiz / "b", argumentos


def test_otro_barrido_en_la_misma_carpeta_se_rechaza_sin_tocar_nada(barrido):
    carpeta, argumentos = barrido
    antes = foto(carpeta)
    proc = simulacion(
        "-m", "semilla=0,1", "pasos=5", "territorio.n_pymes=60", f"hydra.sweep.dir={carpeta}", cwd=carpeta
    )
    assert proc.returncode == 2, proc.stderr
    assert "ya tiene 2 corridas de un barrido con otra configuración; no se sobrescriben" in proc.stderr
    assert "pasos: 6 → 5 (2 trabajos" in proc.stderr and "Traceback" not in proc.stderr
    assert foto(carpeta) == antes
    # la orden que da para completar el barrido de la carpeta es la original, con la carpeta real
    assert orden_impresa(proc.stderr) == [*PROGRAMA, *argumentos[:-1], f"hydra.sweep.dir={carpeta.resolve()}"]
    # otros trabajos con los mismos números, o menos trabajos, tampoco
    otros = simulacion("-m", "semilla=5,1", *PEQUENO, f"hydra.sweep.dir={carpeta}", cwd=carpeta)
    assert otros.returncode == 2 and "semilla: 0 → 5 (trabajo 0)" in otros.stderr
    menos = simulacion("-m", "semilla=0", *PEQUENO, f"hydra.sweep.dir={carpeta}", cwd=carpeta)
    assert menos.returncode == 2 and "número de trabajos: 2 → 1" in menos.stderr
    assert foto(carpeta) == antes


def test_lo_decide_la_huella_de_cada_corrida_no_como_se_escribio_la_orden(barrido):
    """Otros overrides que dan la misma configuración (un valor por defecto escrito) son el mismo
    barrido; los mismos overrides sobre la misma configuración común no necesitan calcular huellas."""
    carpeta, _ = barrido
    comun = configuracion_comun(componer(*PEQUENO))
    mismos = [[f"semilla={s}", *PEQUENO] for s in (0, 1)]
    assert por_confirmar(carpeta, comun, mismos) == []
    escrito = [[*t, "estrategia.nombre=complementariedad"] for t in mismos]  # el nombre por defecto
    assert por_confirmar(carpeta, comun, escrito) == [0, 1]
    assert diferencias(carpeta, comun, escrito, huellas_esperadas(escrito, [0, 1])) == []
    otro = [[*t, "estrategia.nombre=otra"] for t in mismos]
    assert diferencias(carpeta, comun, otro, huellas_esperadas(otro, [0, 1])) == [
        'estrategia.nombre: (sin fijar) → "otra" (2 trabajos; valores del trabajo 0)'
    ]


def test_la_misma_orden_reanuda_y_agregar_trabajos_al_final_corre_solo_los_nuevos(barrido, tmp_path):
    """Sin terminal (un registro) no hay barra ni lista de trabajos al lanzar, y cada trabajo anota su
    línea al terminar; con hydra/barrido=lista, la lista aparece."""
    original, argumentos = barrido
    carpeta = tmp_path / "b"
    shutil.copytree(original, carpeta)
    marcas = {p: p.stat().st_mtime_ns for p in carpeta.glob("*/estado.json")}
    proc = simulacion(*argumentos[:-1], f"hydra.sweep.dir={carpeta}", cwd=tmp_path)
    salida = proc.stdout + proc.stderr
    assert proc.returncode == 0 and salida.count("ya estaba completa") == 2
    assert "#1 semilla=1 pasos=6 territorio.n_pymes=60 → ya estaba completa" in salida
    assert not re.search(r"corridas: +\d+%\|", salida) and "#0 : " not in salida
    mas = simulacion("-m", "semilla=0,1,2", *PEQUENO, f"hydra.sweep.dir={carpeta}", "hydra/barrido=lista", cwd=tmp_path)
    assert mas.returncode == 0 and (mas.stdout + mas.stderr).count("ya estaba completa") == 2
    assert "#2 : semilla=2" in mas.stdout + mas.stderr
    assert {p: p.stat().st_mtime_ns for p in marcas} == marcas
    assert json.loads((carpeta / "2" / "estado.json").read_text(encoding="utf-8"))["overrides"][0] == "semilla=2"


def test_ctrl_c_da_la_orden_exacta_que_completa_el_barrido(tmp_path):
    carpeta = tmp_path / "b"
    argumentos = ["-m", "semilla=0,1,2,3,4,5", *PEQUENO, f"hydra.sweep.dir={carpeta}"]
    proc = subprocess.Popen(
        [*PROGRAMA, *argumentos], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )  # fmt: skip
    limite = time.time() + 180
    while not list(carpeta.glob("*/estado.json")) and proc.poll() is None and time.time() < limite:
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGINT)  # lo que hace Ctrl-C en una terminal
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    hechas = len(list(carpeta.glob("*/estado.json")))
    assert 1 <= hechas < 6, "el barrido terminó antes de interrumpirlo"
    assert "Interrumpido (Ctrl-C)" in err and f"{hechas}/6 corridas terminadas" in err and "Traceback" not in err
    orden = orden_impresa(err)
    assert orden == [*PROGRAMA, *argumentos[:-1], f"hydra.sweep.dir={carpeta.resolve()}"]
    # simulacion-analizar sobre el barrido incompleto da la misma orden
    analizar = subprocess.run([*PROGRAMA[:1], "-m", "simulacion.barridos.analisis", str(carpeta)], capture_output=True)
    assert analizar.returncode == 1 and orden_impresa(analizar.stdout.decode()) == orden
    # y esa orden, corrida desde otra carpeta, lo completa sin repetir nada
    otra = tmp_path / "otra"
    otra.mkdir()
    fin = subprocess.run(orden, capture_output=True, text=True, cwd=otra, timeout=300)
    assert fin.returncode == 0, fin.stderr
    assert (fin.stdout + fin.stderr).count("ya estaba completa") == hechas
    assert list(otra.iterdir()) == []


def test_la_barra_cuenta_las_completas_al_empezar_y_las_que_terminan(tmp_path):
    for n in range(4):
        (tmp_path / str(n)).mkdir()
    (tmp_path / "0" / "estado.json").write_text("{}", encoding="utf-8")  # completa antes de empezar
    inicio = time.time()
    salida = io.StringIO()
    seguimiento = progreso.Seguimiento(tmp_path, 4, [tmp_path / "0"], inicio, archivo=salida, mostrar=True)
    assert "1/4" in salida.getvalue()
    for n in (1, 2):
        (tmp_path / str(n) / "estado.json").write_text("{}", encoding="utf-8")
    assert seguimiento.actualizar() == 3 == terminadas(tmp_path, [tmp_path / "0"], inicio)
    seguimiento.cerrar()
    final = salida.getvalue().split("\r")[-1]
    assert "3/4" in final and "faltan ~" in final and "corrida/s" in final or "s/corrida" in final


def test_el_plan_cuenta_y_estima_sin_correr_nada(barrido, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(lanzador, "_correr", lambda *a: pytest.fail("el plan no corre el barrido"))
    cli.main(["experimento=matriz", "semilla=0", *PEQUENO, "hydra/barrido=plan", f"hydra.sweep.dir={tmp_path / 'x'}"])
    texto = capsys.readouterr().out
    assert "corridas: 4" in texto and "estrategia: 4 valores (complementariedad, lamentable" in texto
    assert re.search(r"un trabajo tarda ~\d+\.\d\d s", texto) and "estimación: ≈" in texto
    assert re.search(r"\+ 4 corridas × \d+\.\d\d s / \d+ a la vez", texto)
    assert list(tmp_path.iterdir()) == []  # ni la carpeta del barrido
    original, argumentos = barrido  # sobre un barrido completo: no falta nada
    cli.main([*argumentos[:-1], f"hydra.sweep.dir={original}", "hydra/barrido=plan"])
    texto = capsys.readouterr().out
    assert "ya tiene 2 completas de este barrido" in texto and "no falta ninguna corrida" in texto


def test_las_figuras_de_un_barrido_incompleto_lo_dicen(barrido, tmp_path, monkeypatch):
    original, _ = barrido
    carpeta = tmp_path / "b"
    shutil.copytree(original, carpeta)
    textos = []

    def guardar(fig, destino, dpi=110):
        textos.append([t.get_text() for t in fig.texts])
        return destino

    monkeypatch.setattr(figuras, "guardar_figura", guardar)
    analisis.analizar(carpeta, imprimir=False)
    assert textos and not any("incompleto" in t for ts in textos for t in ts)
    (carpeta / "1" / "estado.json").unlink()  # una corrida que no terminó
    textos.clear()
    analisis.analizar(carpeta, imprimir=False)
    assert textos and all("incompleto: 1/2 corridas" in ts for ts in textos)


def test_si_falla_la_agregacion_el_barrido_sale_con_1_y_dice_como_reintentar(tmp_path, monkeypatch, capsys):
    """Hydra vuelve aviso toda excepción de un callback (y saldría con 0): una agregación fallida
    sale con 1, deja las corridas y da la orden ``simulacion-analizar`` que la reintenta."""
    monkeypatch.chdir(tmp_path)

    def falla(carpeta, imprimir=True):
        raise OSError("disco lleno")

    monkeypatch.setattr(analisis, "analizar", falla)
    carpeta = tmp_path / "b"
    with pytest.raises(SystemExit) as salida:
        cli.main(["-m", "semilla=0", *PEQUENO, f"hydra.sweep.dir={carpeta}"])
    assert salida.value.code == 1
    error = capsys.readouterr().err
    assert "agregación falló (OSError: disco lleno)" in error
    assert f"simulacion-analizar {carpeta.resolve()}" in error
    assert (carpeta / "0" / "estado.json").exists()
