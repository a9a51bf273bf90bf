"""Rendimiento del modelo frente al ejemplo Boltzmann de Mesa, memoria y huella de resultados.

Uso (desde la carpeta del repositorio)::

    .venv/bin/python experimentos/benchmark.py                      # 1.000, 3.000, 30.000 y 300.000 pymes, 40 pasos
    .venv/bin/python experimentos/benchmark.py --tamanos 300 3000 --pasos 20 --repeticiones 1
    .venv/bin/python experimentos/benchmark.py perfil --n 30000     # perfil con pyinstrument
    .venv/bin/python experimentos/benchmark.py huella --guardar /tmp/huella    # series de referencia
    .venv/bin/python experimentos/benchmark.py huella --comparar /tmp/huella   # ¿idénticas bit a bit?
    .venv/bin/python experimentos/benchmark.py barrido --pares 3   # matriz: lanzador local frente al básico

La huella vive en ``huellas.py`` y el reloj de los lanzadores en ``barrido_lanzadores.py``.

Definiciones (las mismas para los dos modelos, ver docs/rendimiento.md):

- **paso-agente**: un agente activo durante un paso. Se cuenta ``len(modelo.agents)`` más las pymes al final de
  cada paso y se suma sobre los pasos (en Boltzmann es ``n × pasos``; aquí, pymes + empresas +
  municipalidad + agencias + entidades financieras).
- **tiempo de pasos**: sólo las llamadas a ``modelo.step()``; la construcción del modelo se mide
  aparte. Es tiempo de CPU del proceso (``time.process_time``): en una máquina ociosa coincide con
  el de reloj, y no se infla cuando otros procesos compiten por los núcleos. Con
  ``--repeticiones`` > 1 se toma la mejor repetición y los dos modelos se alternan para que el
  ruido los afecte por igual.
- **grilla**: crece con el número de agentes para mantener la densidad del territorio por
  defecto (300 pymes en 20×20, 0,75 por celda): ``ancho = alto = round(sqrt(n / 0.75))``. Boltzmann
  usa la misma grilla y el mismo número de agentes.
- **memoria**: máximo de memoria residente (``VmHWM``) de un proceso hijo que sólo importa el
  paquete y corre el modelo; se informa también la línea base después de los imports.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import resource
import subprocess
import sys
import time
import warnings
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import numpy as np

from simulacion.config import Configuracion
from simulacion.estrategias import nombres
from simulacion.modelo import ModeloTerritorial

DENSIDAD = 300 / (20 * 20)  # pymes por celda en el territorio por defecto
TAMANOS = (1_000, 3_000, 30_000, 300_000)


def lado_para(n: int) -> int:
    """Lado de la grilla cuadrada que mantiene la densidad por defecto con ``n`` agentes."""
    return max(1, round(math.sqrt(n / DENSIDAD)))


def configuracion_escalada(n: int, semilla: int = 0, pasos: int = 40) -> Configuracion:
    """Configuración por defecto con ``n`` pymes en una grilla de la misma densidad."""
    cfg = Configuracion(semilla=semilla, pasos=pasos)
    cfg.territorio.n_pymes = n
    cfg.territorio.ancho = cfg.territorio.alto = lado_para(n)
    return cfg


def modelo_territorial(n: int, semilla: int = 0) -> ModeloTerritorial:
    return ModeloTerritorial(configuracion_escalada(n, semilla))


def modelo_boltzmann(n: int, semilla: int = 0):
    """El ejemplo Boltzmann de Mesa con ``n`` agentes en la misma grilla."""
    from mesa.examples.basic.boltzmann_wealth_model.model import BoltzmannScenario, BoltzmannWealth

    lado = lado_para(n)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Mesa avisa que DataRecorder es experimental
        return BoltzmannWealth(BoltzmannScenario(n=n, width=lado, height=lado, rng=semilla))


CONSTRUCTORES = {"territorial": modelo_territorial, "boltzmann": modelo_boltzmann}


@dataclass
class Medida:
    """Una corrida cronometrada de un modelo."""

    modelo: str
    n: int
    pasos: int
    construccion: float  # s de CPU
    tiempo_pasos: float  # s de CPU, sólo modelo.step()
    pasos_agente: int  # suma de agentes_activos(modelo) al final de cada paso

    @property
    def us_por_paso_agente(self) -> float:
        return 1e6 * self.tiempo_pasos / max(self.pasos_agente, 1)

    @property
    def pasos_agente_por_segundo(self) -> float:
        return self.pasos_agente / self.tiempo_pasos if self.tiempo_pasos > 0 else math.inf


def agentes_activos(modelo) -> int:
    """Agentes activos al final de un paso: los registrados en Mesa más, en el modelo territorial, las
    pymes (una fila cada una de ``modelo.pymes``; no son objetos Mesa registrados)."""
    pymes = getattr(modelo, "pymes", None)
    return len(modelo.agents) + (len(pymes) if pymes is not None else 0)


def medir(nombre: str, n: int, pasos: int, semilla: int = 0) -> Medida:
    """Construye y corre ``pasos`` pasos de un modelo, cronometrando construcción y pasos."""
    gc.collect()  # la basura de la medición anterior no se cobra en ésta
    reloj = time.process_time
    t0 = reloj()
    modelo = CONSTRUCTORES[nombre](n, semilla)
    t1 = reloj()
    en_pasos, pasos_agente = 0.0, 0
    for _ in range(pasos):
        a = reloj()
        modelo.step()
        en_pasos += reloj() - a
        pasos_agente += agentes_activos(modelo)
    return Medida(nombre, n, pasos, t1 - t0, en_pasos, pasos_agente)


def mejores_alternados(n: int, pasos: int, repeticiones: int) -> tuple[Medida, Medida]:
    """La repetición más rápida (por tiempo de pasos) de cada modelo, alternando los modelos."""
    corridas = [(medir("territorial", n, pasos), medir("boltzmann", n, pasos)) for _ in range(repeticiones)]
    propio = min((c[0] for c in corridas), key=lambda medida: medida.tiempo_pasos)
    mesa = min((c[1] for c in corridas), key=lambda medida: medida.tiempo_pasos)
    return propio, mesa


def pico_residente_mb() -> float:
    """Memoria residente máxima de este proceso (MB).

    En Linux se lee ``VmHWM`` de ``/proc/self/status``: ``ru_maxrss`` no sirve para un hijo porque
    hereda el máximo del padre a través de ``fork``.
    """
    estado = Path("/proc/self/status")
    if estado.exists():
        for linea in estado.read_text().splitlines():
            if linea.startswith("VmHWM:"):
                return int(linea.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def memoria(n: int, pasos: int, arbol: Path | None = None) -> dict[str, float]:
    """Memoria residente máxima (MB) de un proceso hijo que corre el modelo con ``n`` pymes."""
    codigo = (
        f"import json, sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); import benchmark as b\n"
        "base = b.pico_residente_mb()\n"
        f"modelo = b.modelo_territorial({n})\n"
        f"for _ in range({pasos}): modelo.step()\n"
        "print(json.dumps({'base_mb': base, 'pico_mb': b.pico_residente_mb()}))"
    )
    return _hijo(codigo, arbol)


def _hijo(codigo: str, arbol: Path | None) -> dict:
    """Corre ``codigo`` en un proceso hijo (con ``arbol`` delante en PYTHONPATH) y lee su JSON."""
    entorno = dict(os.environ)
    if arbol is not None:
        entorno["PYTHONPATH"] = os.pathsep.join(filter(None, [str(arbol), entorno.get("PYTHONPATH")]))
    proc = subprocess.run([sys.executable, "-c", codigo], capture_output=True, text=True, check=True, env=entorno)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def benchmark(tamanos, pasos: int, repeticiones: int, con_memoria: bool = True) -> list[dict]:
    """Mide los dos modelos en cada tamaño (en este proceso) y la memoria (en procesos hijos)."""
    filas = []
    for n in tamanos:
        propio, mesa = mejores_alternados(n, pasos, repeticiones)
        fila = {
            "n": n,
            "lado": lado_para(n),
            "pasos": pasos,
            "construccion_s": propio.construccion,
            "pasos_s": propio.tiempo_pasos,
            "pasos_agente": propio.pasos_agente,
            "us_paso_agente": propio.us_por_paso_agente,
            "boltzmann_construccion_s": mesa.construccion,
            "boltzmann_pasos_s": mesa.tiempo_pasos,
            "boltzmann_us_paso_agente": mesa.us_por_paso_agente,
            "razon_vs_boltzmann": propio.pasos_agente_por_segundo / mesa.pasos_agente_por_segundo,
            "razon_total_vs_boltzmann": (
                (propio.pasos_agente / (propio.construccion + propio.tiempo_pasos))
                / (mesa.pasos_agente / (mesa.construccion + mesa.tiempo_pasos))
            ),
        }
        if con_memoria:
            fila.update(memoria(n, pasos))
        filas.append(fila)
        print(_linea(fila), flush=True)
    return filas


ENCABEZADO = (
    "   n   lado  constr.(s) pasos(s)  µs/paso-agente  Boltzmann µs/p-a  razón(pasos)  razón(total)  memoria pico (MB)"
)


def _linea(f: dict) -> str:
    mem = f"{f['pico_mb']:8.0f} (base {f['base_mb']:.0f})" if "pico_mb" in f else "       -"
    return (
        f"{f['n']:6d} {f['lado']:4d} {f['construccion_s']:10.2f} {f['pasos_s']:8.2f} {f['us_paso_agente']:15.2f}"
        f" {f['boltzmann_us_paso_agente']:17.2f} {f['razon_vs_boltzmann']:12.2f}x"
        f" {f['razon_total_vs_boltzmann']:12.2f}x"
        f"  {mem}"
    )


def resumen_objetivos(filas: list[dict]) -> list[str]:
    """Las razones de los objetivos del issue 23 que se pueden calcular con estas filas."""
    por_n = {f["n"]: f for f in filas}
    lineas = []
    if 3_000 in por_n:
        lineas.append(
            f"pasos-agente/s a 3.000 pymes vs Boltzmann, construcción incluida: "
            f"{por_n[3_000]['razon_total_vs_boltzmann']:.2f}x (meta ≥ 10x con --pasos 20)"
        )
    if 3_000 in por_n and 300_000 in por_n:
        a, b = por_n[3_000], por_n[300_000]
        lineas.append(f"µs/paso-agente 300.000 / 3.000: {b['us_paso_agente'] / a['us_paso_agente']:.2f} (meta ≤ 1,2)")
        lineas.append(
            f"construcción por pyme 300.000 / 3.000: {b['construccion_s'] / a['construccion_s'] / 100:.2f} (meta ≤ 1,2)"
        )
        total = b["construccion_s"] + b["pasos_s"]
        lineas.append(f"300.000 pymes, {b['pasos']} trimestres: {total:.1f} s de CPU (meta ≤ 30 s con 40)")
        if "pico_mb" in b:
            lineas.append(f"memoria pico a 300.000 pymes: {b['pico_mb']:.0f} MB (meta ≤ 2048 MB)")
    return lineas


# ---------------------------------------------------------------------- antes y después
def medir_en_arbol(arbol: Path, n: int, pasos: int) -> dict:
    """``medir("territorial", ...)`` en un proceso hijo que importa el paquete desde ``arbol``."""
    codigo = (
        f"import json, sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); import benchmark as b\n"
        f"medida = b.medir('territorial', {n}, {pasos})\n"
        "print(json.dumps({'construccion': medida.construccion, 'pasos': medida.tiempo_pasos,"
        " 'pasos_agente': medida.pasos_agente, 'paquete': sys.modules['simulacion'].__file__}))"
    )
    medida = _hijo(codigo, arbol)
    if not Path(medida["paquete"]).resolve().is_relative_to(arbol.resolve()):
        raise RuntimeError(f"el hijo importó {medida['paquete']}, no el paquete de {arbol}")
    return medida


def antes_despues(antes: Path, despues: Path, tamanos, pasos: int, repeticiones: int) -> list[dict]:
    """Compara dos copias del paquete (carpetas que contienen ``simulacion/``) alternándolas en
    procesos hijos; de cada una toma la mejor construcción y los mejores pasos."""
    print(
        "   n  constr. antes→después (s)   pasos antes→después (s)   µs/paso-agente antes→después"
        "   aceleración total   memoria antes→después (MB)"
    )
    filas = []
    for n in tamanos:
        medidas = {"antes": [], "despues": []}
        for _ in range(repeticiones):
            for clave, arbol in (("antes", antes), ("despues", despues)):
                medidas[clave].append(medir_en_arbol(arbol, n, pasos))
        fila = {"n": n, "pasos": pasos}
        for clave, arbol in (("antes", antes), ("despues", despues)):
            fila[f"construccion_{clave}"] = min(medida["construccion"] for medida in medidas[clave])
            fila[f"pasos_{clave}"] = min(medida["pasos"] for medida in medidas[clave])
            fila[f"us_{clave}"] = 1e6 * fila[f"pasos_{clave}"] / medidas[clave][0]["pasos_agente"]
            fila[f"memoria_{clave}"] = memoria(n, pasos, arbol)["pico_mb"]
        total = {c: fila[f"construccion_{c}"] + fila[f"pasos_{c}"] for c in ("antes", "despues")}
        fila["aceleracion_total"] = total["antes"] / total["despues"]
        filas.append(fila)
        print(
            f"{n:6d} {fila['construccion_antes']:12.2f} → {fila['construccion_despues']:5.2f}"
            f" {fila['pasos_antes']:17.2f} → {fila['pasos_despues']:5.2f}"
            f" {fila['us_antes']:20.2f} → {fila['us_despues']:5.2f}"
            f" {fila['aceleracion_total']:17.2f}x {fila['memoria_antes']:16.0f} → {fila['memoria_despues']:.0f}",
            flush=True,
        )
    return filas


# ---------------------------------------------------------------------- perfil
def perfil(n: int, pasos: int) -> str:
    """Perfil (pyinstrument) de construir y correr el modelo con ``n`` pymes."""
    from pyinstrument import Profiler

    perfilador = Profiler(interval=0.0005)
    perfilador.start()
    modelo = modelo_territorial(n)
    for _ in range(pasos):
        modelo.step()
    perfilador.stop()
    return perfilador.output_text(unicode=True, color=False)


# ---------------------------------------------------------------------- huella
def corridas_huella() -> dict[str, tuple[str, ...]]:
    """Corridas fijas cuyas series deben quedar idénticas bit a bit tras una optimización."""
    corridas = {f"{e}_s{s}": (f"estrategia={e}", f"semilla={s}") for e in nombres() for s in range(3)}
    for n in (3_000, 30_000):
        lado = lado_para(n)
        corridas[f"n{n}"] = (f"territorio.n_pymes={n}", f"territorio.ancho={lado}", f"territorio.alto={lado}")
    return corridas


# ---------------------------------------------------------------------- línea de comandos
def main(argv: list[str] | None = None) -> int:
    # módulos vecinos (experimentos/ está en sys.path al correr este archivo)
    from barrido_lanzadores import LANZADORES, comparar_lanzadores
    from huellas import comando_huella

    parser = argparse.ArgumentParser(description="Rendimiento del modelo frente a Boltzmann (Mesa).")
    sub = parser.add_subparsers(dest="comando")
    parser.add_argument("--tamanos", type=int, nargs="+", default=list(TAMANOS))
    parser.add_argument("--pasos", type=int, default=40)
    parser.add_argument("--repeticiones", type=int, default=3)
    parser.add_argument("--sin-memoria", action="store_true", help="no medir la memoria en procesos hijos")
    parser.add_argument("--json", type=Path, help="guardar las filas medidas en este archivo")
    p_perfil = sub.add_parser("perfil", help="perfil con pyinstrument")
    p_perfil.add_argument("--n", type=int, default=30_000)
    p_perfil.add_argument("--pasos", type=int, default=40)
    p_ad = sub.add_parser("antes-despues", help="comparar dos copias del paquete (antes y después de un cambio)")
    p_ad.add_argument("antes", type=Path, help="carpeta que contiene simulacion/ (y simulacion/configs/)")
    p_ad.add_argument("despues", type=Path)
    p_huella = sub.add_parser("huella", help="guardar o comparar series de referencia")
    grupo = p_huella.add_mutually_exclusive_group(required=True)
    grupo.add_argument("--guardar", type=Path)
    grupo.add_argument("--comparar", type=Path)
    p_barrido = sub.add_parser("barrido", help="reloj de un experimento con joblib frente al lanzador básico")
    p_barrido.add_argument("--experimento", default="matriz")
    p_barrido.add_argument("--pares", type=int, default=3, help="rondas: en cada una, el básico y luego cada lanzador")
    p_barrido.add_argument("--lanzadores", nargs="+", default=["local"], choices=sorted(set(LANZADORES) - {"básico"}))
    p_barrido.add_argument("--extra", nargs="*", default=[], help="overrides para todas las corridas")
    args = parser.parse_args(argv)

    if args.comando == "perfil":
        print(perfil(args.n, args.pasos))
        return 0
    if args.comando == "huella":
        return comando_huella(corridas_huella(), args.guardar, args.comparar)
    if args.comando == "barrido":
        filas = comparar_lanzadores(args.experimento, args.pares, args.lanzadores, tuple(args.extra))
        if args.json:
            args.json.write_text(json.dumps(filas, indent=2, ensure_ascii=False), encoding="utf-8")
        return 0
    if args.comando == "antes-despues":
        filas = antes_despues(args.antes, args.despues, args.tamanos, args.pasos, args.repeticiones)
        if args.json:
            args.json.write_text(json.dumps(filas, indent=2), encoding="utf-8")
        return 0
    print(f"Python {sys.version.split()[0]}, numpy {np.__version__}, mesa {version('mesa')}")
    print(ENCABEZADO)
    filas = benchmark(args.tamanos, args.pasos, args.repeticiones, not args.sin_memoria)
    for linea in resumen_objetivos(filas):
        print(linea)
    print(f"memoria residente máxima de este proceso (ambos modelos, todos los tamaños): {pico_residente_mb():.0f} MB")
    if args.json:
        args.json.write_text(json.dumps(filas, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
