"""Rendimiento de los barridos (issue 13, punto 7; resultados en docs/rendimiento.md).

Dos mediciones, cada una en rondas alternadas para que la carga de la máquina afecte a los dos lados
por igual; se informa cada ronda y la mediana de las razones:

- ``sobrecarga``: un barrido con el lanzador básico de Hydra (un trabajo detrás de otro, en un proceso)
  frente al tiempo del modelo para las mismas corridas en un proceso (``ejecutar`` de cada configuración,
  compuesta aparte). Sobrecarga por corrida = (reloj del barrido − reloj del modelo) / corridas. También
  frente a un proceso que hace ``simular`` de cada corrida (arranque, importaciones y composición incluidos).
- ``antes-despues``: ``simulacion experimento=...`` (lanzador ``local``, joblib en todos los núcleos) con
  otra copia del paquete (``--antes``: carpeta con ``simulacion/`` y ``simulacion/configs/``, en
  ``PYTHONPATH``) y con la de este repositorio.
- ``etapas``: corre un barrido en este proceso (con el lanzador que se pida) y da el tiempo de CPU del
  hilo principal (``time.thread_time``) en cada etapa: componer, ``run_job`` de Hydra, el modelo, las
  salidas, la huella, la agregación.

Uso::

    .venv/bin/python experimentos/rendimiento_barridos.py sobrecarga --rondas 3
    .venv/bin/python experimentos/rendimiento_barridos.py antes-despues --antes /tmp/antes --con-grafico --rondas 3
    .venv/bin/python experimentos/rendimiento_barridos.py etapas experimento=matriz 'semilla=range(10)' \
        hydra/launcher=basic hydra.sweep.dir=/tmp/etapas
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]
SIMULACION = Path(sys.executable).with_name("simulacion")

# En un proceso aparte: compone cada corrida del barrido (como simular) y cronometra sólo ejecutar.
MODELO_SOLO = """
import json, sys, time
inicio = time.perf_counter()
from simulacion.api import componer
from simulacion.resultados.ejecucion import ejecutar
trabajos = json.loads(sys.argv[1])  # los overrides de cada trabajo (barrido.json), experimento incluido
medida = {"componer_reloj": 0.0, "modelo_reloj": 0.0, "modelo_cpu": 0.0}
for overrides in trabajos:
    a = time.perf_counter()
    cfg = componer(*overrides)
    b, c = time.perf_counter(), time.process_time()
    ejecutar(cfg)
    medida["componer_reloj"] += b - a
    medida["modelo_reloj"] += time.perf_counter() - b
    medida["modelo_cpu"] += time.process_time() - c
medida["proceso_reloj"] = time.perf_counter() - inicio
medida["paquete"] = sys.modules["simulacion"].__file__
print(json.dumps(medida))
"""


def _entorno(arbol: Path | None) -> dict[str, str]:
    entorno = dict(os.environ)
    if arbol is not None:
        entorno["PYTHONPATH"] = os.pathsep.join(filter(None, [str(arbol), entorno.get("PYTHONPATH")]))
    return entorno


def _medir(comando: list[str], arbol: Path | None = None) -> tuple[subprocess.CompletedProcess, dict]:
    """Corre ``comando`` y devuelve el proceso con su reloj, CPU (con sus hijos) y la carga al empezar."""
    carga = os.getloadavg()[0]
    antes = resource.getrusage(resource.RUSAGE_CHILDREN)
    inicio = time.perf_counter()
    # fuera del repositorio: con «python -c» la carpeta actual va antes que PYTHONPATH en sys.path
    proceso = subprocess.run(comando, capture_output=True, text=True, env=_entorno(arbol), cwd=tempfile.gettempdir())
    reloj = time.perf_counter() - inicio
    if proceso.returncode != 0:
        raise SystemExit(f"falló {' '.join(comando)}:\n{proceso.stdout[-3000:]}\n{proceso.stderr[-3000:]}")
    despues = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (despues.ru_utime - antes.ru_utime) + (despues.ru_stime - antes.ru_stime)
    return proceso, {"reloj": reloj, "cpu": cpu, "carga": carga}


def barrido(experimento: str, extra: list[str], carpeta: Path, arbol: Path | None = None) -> dict:
    """``simulacion experimento=...`` en ``carpeta``; reloj, CPU, corridas y suma de sus ``duracion_s``."""
    _, medida = _medir([str(SIMULACION), f"experimento={experimento}", *extra, f"hydra.sweep.dir={carpeta}"], arbol)
    estados = [json.loads(p.read_text(encoding="utf-8")) for p in carpeta.glob("*/estado.json")]
    medida.update(corridas=len(estados), suma_corridas=sum(e.get("duracion_s", 0.0) for e in estados))
    return medida


def sobrecarga(experimento: str, extra: list[str], rondas: int, arbol: Path | None = None) -> list[dict]:
    """Barrido básico frente al modelo solo, con este paquete o con el de ``arbol`` (en ``PYTHONPATH``)."""
    filas = []
    with tempfile.TemporaryDirectory(prefix="sobrecarga_") as tmp:
        for ronda in range(rondas):
            carpeta = Path(tmp) / f"b{ronda}"
            b = barrido(experimento, ["hydra/launcher=basic", *extra], carpeta, arbol)
            trabajos = json.loads((carpeta / "barrido.json").read_text(encoding="utf-8"))["trabajos"]
            comando = [sys.executable, "-c", MODELO_SOLO, json.dumps(trabajos)]
            proceso, m = _medir(comando, arbol)
            m.update(json.loads(proceso.stdout.strip().splitlines()[-1]))
            if not Path(m["paquete"]).is_relative_to(arbol or RAIZ):
                raise SystemExit(f"el modelo se importó de {m['paquete']}, no de {arbol or RAIZ}")
            n = len(trabajos)
            fila = {
                "corridas": n,
                "barrido_reloj": b["reloj"],
                "barrido_cpu": b["cpu"],
                "modelo_reloj": m["modelo_reloj"],
                "modelo_cpu": m["modelo_cpu"],
                "componer_reloj": m["componer_reloj"],
                "simular_proceso_reloj": m["reloj"],
                "sobrecarga_por_corrida": (b["reloj"] - m["modelo_reloj"]) / n,
                "sobrecarga_cpu_por_corrida": (b["cpu"] - m["modelo_cpu"]) / n,
                "sobrecarga_frente_a_simular": (b["reloj"] - m["reloj"]) / n,
                "carga": (b["carga"] + m["carga"]) / 2,
            }
            filas.append(fila)
            print(
                f"ronda {ronda + 1}: {n} corridas; barrido básico {b['reloj']:.1f} s (CPU {b['cpu']:.1f} s); "
                f"modelo {m['modelo_reloj']:.1f} s (CPU {m['modelo_cpu']:.1f} s), "
                f"componer {m['componer_reloj']:.1f} s, "
                f"proceso de simular {m['reloj']:.1f} s; sobrecarga por corrida {fila['sobrecarga_por_corrida']:.3f} s "
                f"(CPU {fila['sobrecarga_cpu_por_corrida']:.3f} s; frente a simular "
                f"{fila['sobrecarga_frente_a_simular']:.3f} s); carga {fila['carga']:.1f}",
                flush=True,
            )
    for clave in ("sobrecarga_por_corrida", "sobrecarga_cpu_por_corrida", "sobrecarga_frente_a_simular"):
        valores = [f[clave] for f in filas]
        print(f"{clave}: mediana {statistics.median(valores):.3f} s (mín {min(valores):.3f}, máx {max(valores):.3f})")
    return filas


def antes_despues(experimento: str, extra: list[str], antes: Path, rondas: int, con_grafico: bool) -> list[dict]:
    """``rondas`` rondas; en cada una, ``antes`` (otra copia del paquete), este paquete con
    ``salidas.grafico=true`` (si ``con_grafico``: aísla el efecto de no dibujar ``series.png``) y este
    paquete tal cual, alternados. Razón = reloj de cada lado / reloj de «después»."""
    lados = [("antes", antes, [])]
    if con_grafico:
        lados.append(("con_grafico", None, ["salidas.grafico=true"]))
    lados.append(("despues", None, []))
    filas = []
    with tempfile.TemporaryDirectory(prefix="antes_despues_") as tmp:
        for ronda in range(rondas):
            fila = {}
            for lado, arbol, propios in lados:
                fila[lado] = barrido(experimento, [*extra, *propios], Path(tmp) / f"{lado}{ronda}", arbol)
            for lado, _, _ in lados[:-1]:
                fila[lado]["razon"] = fila[lado]["reloj"] / fila["despues"]["reloj"]
                fila[lado]["razon_cpu"] = fila[lado]["cpu"] / fila["despues"]["cpu"]
            filas.append(fila)
            partes = [
                f"{lado} {m['reloj']:.1f} s (CPU {m['cpu']:.1f} s, {m['corridas']} corridas, "
                f"suma de corridas {m['suma_corridas']:.1f} s, carga {m['carga']:.1f})"
                + (f" = {m['razon']:.2f}× (CPU {m['razon_cpu']:.2f}×)" if "razon" in m else "")
                for lado, m in fila.items()
            ]
            print(f"ronda {ronda + 1}: " + " · ".join(partes), flush=True)
    for lado, _, _ in lados[:-1]:
        razones = [f[lado]["razon"] for f in filas]
        mediana = statistics.median(razones)
        print(f"razón {lado}/después: mediana {mediana:.2f}×, mín {min(razones):.2f}×, máx {max(razones):.2f}×")
    return filas


# (módulo, atributo, rótulo) de cada etapa que se cronometra en ``etapas``
ETAPAS = (
    ("hydra._internal.config_loader_impl:ConfigLoaderImpl", "load_sweep_config", "componer el trabajo (Hydra)"),
    ("hydra._internal.core_plugins.basic_launcher", "run_job", "run_job de Hydra (lanzador básico)"),
    ("hydra.core.utils", "_save_config", "  .hydra/*.yaml"),
    ("simulacion.barridos.trabajos", "correr_trabajo", "  correr_trabajo (todo)"),
    ("simulacion.resultados.ejecucion", "ejecutar", "    el modelo (ejecutar)"),
    ("simulacion.barridos.trabajos", "escribir_salidas", "    salidas de la corrida"),
    ("simulacion.barridos.trabajos", "huella", "    huella"),
    ("simulacion.barridos.lanzador", "prevalidar", "validar antes de lanzar"),
    ("simulacion.barridos.analisis", "analizar", "agregación"),
)


def etapas(argumentos: list[str]) -> None:
    """Corre ``simulacion *argumentos`` en este proceso con cada etapa de :data:`ETAPAS` cronometrada."""
    import collections
    import functools
    import importlib

    import simulacion.barridos.trabajos as trabajos
    from simulacion.barridos.adaptador_hydra import componer_trabajos_en_cache
    from simulacion.cli import main as simulacion

    if "--sin-cache" not in argumentos:
        componer_trabajos_en_cache()  # antes de envolver: se cronometra la composición con la caché
    trabajos.componer_trabajos_en_cache = lambda: None  # el callback no la vuelve a poner encima
    cpu, llamadas = collections.defaultdict(float), collections.Counter()
    for ruta, nombre, rotulo in ETAPAS:
        modulo, _, clase = ruta.partition(":")
        dueno = getattr(importlib.import_module(modulo), clase) if clase else importlib.import_module(modulo)
        original = getattr(dueno, nombre)

        @functools.wraps(original)
        def cronometrada(*a, _original=original, _rotulo=rotulo, **k):
            inicio = time.thread_time()
            try:
                return _original(*a, **k)
            finally:
                cpu[_rotulo] += time.thread_time() - inicio
                llamadas[_rotulo] += 1

        setattr(dueno, nombre, cronometrada)
    inicio, reloj = time.thread_time(), time.perf_counter()
    try:
        simulacion([a for a in argumentos if a != "--sin-cache"])
    except SystemExit:
        pass
    total = time.thread_time() - inicio
    print(f"\nCPU del hilo principal {total:.2f} s, reloj {time.perf_counter() - reloj:.1f} s")
    for _, _, rotulo in ETAPAS:
        n = max(llamadas[rotulo], 1)
        print(f"{rotulo:38s} {cpu[rotulo]:8.2f} s {llamadas[rotulo]:5d} veces {1000 * cpu[rotulo] / n:9.1f} ms c/u")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["etapas"]:  # el resto son argumentos de simulacion (y --sin-cache)
        etapas(argv[1:])
        return 0
    parser = argparse.ArgumentParser(description="Sobrecarga por corrida de un barrido y aceleración antes/después.")
    sub = parser.add_subparsers(dest="comando", required=True)
    sub.add_parser("etapas", help="CPU por etapa de un barrido en este proceso: etapas ARGUMENTOS DE simulacion")
    for nombre in ("sobrecarga", "antes-despues"):
        p = sub.add_parser(nombre)
        p.add_argument("--experimento", default="matriz")
        p.add_argument("--extra", nargs="*", default=[], help="overrides para todas las corridas")
        p.add_argument("--rondas", type=int, default=3)
        p.add_argument("--json", type=Path, help="guardar las filas medidas en este archivo")
        p.add_argument(
            "--arbol" if nombre == "sobrecarga" else "--antes",
            type=Path,
            help="carpeta con simulacion/ (y simulacion/configs/)",
            required=nombre != "sobrecarga",
        )
        if nombre == "antes-despues":
            p.add_argument(
                "--con-grafico", action="store_true", help="medir también este paquete con salidas.grafico=true"
            )
    args = parser.parse_args(argv)
    if args.comando == "sobrecarga":
        filas = sobrecarga(args.experimento, args.extra, args.rondas, args.arbol)
    else:
        filas = antes_despues(args.experimento, args.extra, args.antes, args.rondas, args.con_grafico)
    if args.json:
        args.json.write_text(json.dumps(filas, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
