"""Registros en disco de un barrido: ``estado.json`` y ``error.log`` de cada trabajo, ``barrido.json``.

Hydra 1.3 no reanuda barridos, no llama ``on_multirun_end`` si un trabajo lanzó una excepción y
no devuelve al proceso padre lo que los trabajos hacen en otros procesos (joblib, SLURM). Por eso
cada trabajo deja su propio registro en su carpeta:

- ``estado.json`` (escrito de forma atómica y **al final**, después de los archivos de la
  corrida): ``estado`` (``completo`` o ``error``), los overrides del trabajo, una huella de su
  configuración, los archivos escritos, la duración y el mensaje de error si lo hubo;
- ``error.log``: la traza de una corrida que falló.

Una corrida sólo cuenta como terminada si su ``estado.json`` dice ``completo``: un proceso muerto a
mitad de camino (``SIGKILL``) no deja ``estado.json`` y la agregación la informa como faltante.

``barrido.json`` (en la carpeta del barrido) guarda la orden con que se lanzó, la configuración común
a todos los trabajos y la lista de trabajos esperados: con eso :func:`diferencias` reconoce si un
barrido nuevo es el mismo que ya tiene corridas en la carpeta (se reanuda) o es otro (se rechaza, sin
sobrescribir nada), y :func:`orden_para_reanudar` da la orden exacta para completarlo.

Lo escriben los trabajos (:mod:`.trabajos`) y lo leen la agregación (:mod:`.analisis`) y el
progreso. Sólo importa la escritura de archivos de una corrida; ni Hydra ni Mesa.
"""

from __future__ import annotations

import json
import shlex
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from simulacion.resultados.salidas import ARCHIVOS

ESTADO = "estado.json"
ERROR = "error.log"
BARRIDO = "barrido.json"
COMPLETO, FALLIDO, FALTANTE = "completo", "error", "faltante"
SIN_FIJAR = "(sin fijar)"
MAX_DIFERENCIAS = 8  # claves distintas que se nombran en el mensaje de una carpeta ocupada


def leer_json(ruta: Path) -> dict | None:
    """Lee un JSON; ``None`` si no existe o no se puede leer."""
    try:
        return json.loads(Path(ruta).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def completa(carpeta: Path, firma: str | None = None) -> bool:
    """``True`` si ``carpeta`` tiene una corrida completa (y con huella ``firma``, si se da).

    Los archivos que deben estar son los que el trabajo anotó en ``estado.json`` (``archivos``) o,
    en registros anteriores que no los anotan, los tres de una corrida.
    """
    estado = leer_json(Path(carpeta) / ESTADO)
    if not estado or estado.get("estado") != COMPLETO:
        return False
    if firma is not None and estado.get("huella") != firma:
        return False
    return all((Path(carpeta) / a).is_file() for a in estado.get("archivos") or ARCHIVOS)


def limpiar(carpeta: Path) -> None:
    """Borra lo que haya dejado una corrida anterior o interrumpida en ``carpeta``.

    Primero ``estado.json`` (así, si esta limpieza se interrumpe, la carpeta ya no cuenta como
    completa), después los archivos de la corrida, la traza de error y temporales huérfanos.
    """
    carpeta = Path(carpeta)
    for nombre in (ESTADO, *ARCHIVOS, ERROR):
        (carpeta / nombre).unlink(missing_ok=True)
    for tmp in carpeta.glob(".*.tmp"):
        tmp.unlink(missing_ok=True)


# --------------------------------------------------------------------------- progreso


def carpetas_de_trabajos(carpeta_barrido: Path) -> list[Path]:
    """Subcarpetas de trabajos (``0/``, ``1/``, ...) que tienen ``estado.json``."""
    return [p.parent for p in Path(carpeta_barrido).glob(f"*/{ESTADO}")]


def terminadas(carpeta_barrido: Path, previas: Iterable[Path] = (), desde: float | None = None) -> int:
    """Corridas terminadas del barrido: las ``previas`` (completas al empezar, que se omiten) más las
    que escribieron su ``estado.json`` desde ``desde`` (sin ``desde``: toda carpeta con ``estado.json``)."""
    hechas = {Path(p) for p in previas}
    for estado in Path(carpeta_barrido).glob(f"*/{ESTADO}"):
        try:
            if desde is None or estado.stat().st_mtime >= desde:
                hechas.add(estado.parent)
        except OSError:  # se está reescribiendo
            continue
    return len(hechas)


def completas_al_empezar(carpeta_barrido: Path) -> list[Path]:
    """Carpetas de trabajos con una corrida completa (al reanudar, se omiten)."""
    return [p for p in carpetas_de_trabajos(carpeta_barrido) if completa(p)]


def progreso(carpeta_barrido: Path) -> str:
    """``terminadas/total`` y tiempo transcurrido del barrido, leídos de su carpeta."""
    carpeta_barrido = Path(carpeta_barrido)
    barrido = leer_json(carpeta_barrido / BARRIDO) or {}
    previas = [carpeta_barrido / p for p in barrido.get("previas") or []]
    hechas = terminadas(carpeta_barrido, previas, barrido.get("inicio"))
    texto = f"{hechas}/{barrido.get('total') or '?'} corridas terminadas"
    if "inicio" in barrido:
        texto += f", {time.time() - barrido['inicio']:.0f} s transcurridos"
    return texto


# --------------------------------------------------------------------------- reanudar


def orden_para_reanudar(carpeta_barrido: Path) -> str:
    """La orden que completa el barrido de ``carpeta_barrido``: la misma con que se lanzó (de
    ``barrido.json``) con su carpeta real (ruta absoluta) en ``hydra.sweep.dir``."""
    carpeta = Path(carpeta_barrido).resolve()
    orden = (leer_json(carpeta / BARRIDO) or {}).get("orden")
    destino = f"hydra.sweep.dir={carpeta}"
    if not orden:  # barrido de una versión que no anotaba su orden
        return f"simulacion <los mismos argumentos del barrido> {shlex.quote(destino)}"
    return shlex.join([*orden, destino])


class CarpetaOcupada(ValueError):
    """La carpeta del barrido tiene corridas de otro barrido (otra configuración): no se sobrescriben.

    La lanza el callback de Hydra antes de escribir nada; la línea de comandos la muestra sin traza
    y termina con código 2.
    """

    def __init__(self, carpeta: Path, diferencias: list[str], corridas: int) -> None:
        carpeta = Path(carpeta).resolve()
        self.diferencias = list(diferencias)
        lineas = [
            f"Error: la carpeta {carpeta} ya tiene {corridas} corridas de un barrido con otra configuración; "
            "no se sobrescriben.",
            "  Diferencias (en la carpeta → en esta orden):",
            *(f"  - {d}" for d in self.diferencias),
            "Para completar el barrido de esa carpeta, repita su orden:",
            f"  {orden_para_reanudar(carpeta)}",
            "Para correr este barrido, use otra carpeta (otro hydra.sweep.dir=..., o ninguno: "
            "cada barrido nuevo va a una carpeta con la fecha y la hora).",
        ]
        super().__init__("\n".join(lineas))


def _valor(texto: str) -> Any:
    """Valor de un override como lo lee YAML (``"0.3"`` → 0.3); si no se puede, el texto."""
    try:
        return yaml.safe_load(texto)
    except yaml.YAMLError:
        return texto


def _como_dict(overrides: list[str]) -> dict[str, Any]:
    return {o.partition("=")[0].lstrip("+~"): _valor(o.partition("=")[2]) for o in overrides}


def _mostrar(valor: Any) -> str:
    return SIN_FIJAR if valor is SIN_FIJAR else json.dumps(valor, ensure_ascii=False)


def corridas_en(carpeta_barrido: Path) -> dict[int, dict]:
    """``estado.json`` de cada corrida (completa o con error) de la carpeta, por número de trabajo."""
    corridas = {}
    for sub in carpetas_de_trabajos(carpeta_barrido):
        estado = leer_json(sub / ESTADO)
        if sub.name.isdigit() and estado and "overrides" in estado:
            corridas[int(sub.name)] = estado
    return corridas


def por_confirmar(carpeta_barrido: Path, configuracion: dict[str, Any], trabajos: list[list[str]]) -> list[int]:
    """Números de las corridas de la carpeta que hace falta comparar por su huella: las que no tienen los
    mismos overrides que el trabajo de ese número, o todas si la configuración común cambió (o la carpeta
    no la anotó). Las demás son de este barrido: mismos overrides sobre la misma configuración común."""
    comun_previa = (leer_json(Path(carpeta_barrido) / BARRIDO) or {}).get("configuracion")
    misma_comun = comun_previa == json.loads(json.dumps(configuracion, default=str))
    return [
        n
        for n, estado in sorted(corridas_en(carpeta_barrido).items())
        if n < len(trabajos) and not (misma_comun and list(estado["overrides"]) == list(trabajos[n]))
    ]


def _distintas(antes: dict[str, Any], ahora: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    claves = sorted(set(antes) | set(ahora))
    pares = {c: (antes.get(c, SIN_FIJAR), ahora.get(c, SIN_FIJAR)) for c in claves}
    return {c: (a, b) for c, (a, b) in pares.items() if a != b}


def diferencias(
    carpeta_barrido: Path,
    configuracion: dict[str, Any],
    trabajos: list[list[str]] | None,
    huellas: dict[int, str] | None = None,
) -> list[str]:
    """Qué distingue el barrido pedido del que ya tiene corridas en ``carpeta_barrido``; vacío si la
    carpeta no tiene corridas o si cada una es la que este barrido correría con su número (entonces
    se reanuda, o se extiende si la carpeta tiene sólo sus primeros trabajos). Si la carpeta tiene
    corridas con números a los que este barrido no llega, es otro barrido.

    ``configuracion`` es la configuración común del barrido pedido (clave con puntos → valor, sin
    ``hydra``), ``trabajos`` sus overrides por número de trabajo (``None`` si el barredor no los da) y
    ``huellas`` la huella de la configuración de cada trabajo que ya tiene una corrida en la carpeta.
    Decide la huella (exacta) si se da; sin ella, los overrides y la configuración común (las corridas
    con los mismos overrides y la misma configuración común son de este barrido; :func:`por_confirmar`
    dice a cuáles hace falta calcularles la huella). Para explicar la
    diferencia se nombran los overrides distintos o, si son los mismos, las claves de la configuración
    común que cambiaron (p. ej. un valor por defecto).
    """
    carpeta = Path(carpeta_barrido)
    previo = leer_json(carpeta / BARRIDO) or {}
    comun_previa = previo.get("configuracion")
    comun = json.loads(json.dumps(configuracion, default=str))  # los mismos tipos que en el JSON
    cambios_comunes = _distintas(comun_previa, comun) if comun_previa is not None else {}
    por_clave: dict[str, dict[str, Any]] = {}
    corridas = corridas_en(carpeta)
    fuera = [n for n in corridas if trabajos is not None and n >= len(trabajos)]
    if fuera:
        antes = previo.get("total") or max(fuera) + 1
        rango = f"{min(fuera)} a {max(fuera)}" if len(fuera) > 1 else str(fuera[0])
        nota = f"la carpeta tiene corridas de los trabajos {rango}, que esta orden no tiene"
        por_clave["número de trabajos"] = {"antes": antes, "ahora": len(trabajos), "trabajos": fuera, "nota": nota}
    for numero, estado in sorted(corridas.items()):
        if numero in fuera:
            continue
        nuevos = trabajos[numero] if trabajos is not None else estado["overrides"]
        cambios = _distintas(_como_dict(estado["overrides"]), _como_dict(nuevos)) or cambios_comunes
        if huellas and numero in huellas and estado.get("huella"):
            if estado["huella"] == huellas[numero]:
                continue
            cambios = cambios or {"configuración resuelta (huella)": (estado["huella"][:12], huellas[numero][:12])}
        for clave, (a, b) in cambios.items():
            por_clave.setdefault(clave, {"antes": a, "ahora": b, "trabajos": []})["trabajos"].append(numero)
    lineas = []
    for clave, d in list(por_clave.items())[:MAX_DIFERENCIAS]:
        if "nota" in d:
            donde = d["nota"]
        elif len(d["trabajos"]) == 1:
            donde = f"trabajo {d['trabajos'][0]}"
        else:
            donde = f"{len(d['trabajos'])} trabajos; valores del trabajo {d['trabajos'][0]}"
        lineas.append(f"{clave}: {_mostrar(d['antes'])} → {_mostrar(d['ahora'])} ({donde})")
    if len(por_clave) > MAX_DIFERENCIAS:
        lineas.append(f"... y {len(por_clave) - MAX_DIFERENCIAS} claves más")
    return lineas


def verificar_carpeta(
    carpeta_barrido: Path,
    configuracion: dict[str, Any],
    trabajos: list[list[str]] | None,
    huellas: dict[int, str] | None = None,
) -> None:
    """Lanza :class:`CarpetaOcupada` si ``carpeta_barrido`` tiene corridas de otro barrido (:func:`diferencias`)."""
    lineas = diferencias(carpeta_barrido, configuracion, trabajos, huellas)
    if lineas:
        raise CarpetaOcupada(carpeta_barrido, lineas, len(carpetas_de_trabajos(carpeta_barrido)))
