"""Trabajos de un barrido de Hydra: correr y registrar cada uno, reanudar, progreso y el callback.

Cada trabajo deja su registro en su carpeta (:mod:`.registros`: ``estado.json``, ``error.log``) y
no lanza la excepción de una corrida que falla (Hydra abortaría el resto del barrido). Al volver a
correr el mismo barrido en la misma carpeta (``hydra.sweep.dir=...``), un trabajo cuya carpeta ya
tiene una corrida completa con la misma huella se omite; los demás se corren de nuevo. Una corrida
completa con **otra** huella nunca se sobrescribe.

En el proceso padre, el callback :class:`Agregacion`, al empezar, rechaza una carpeta con corridas de
otro barrido (:class:`~simulacion.barridos.registros.CarpetaOcupada`, antes de escribir nada), escribe
``barrido.json`` (la orden, la configuración común, los trabajos esperados, la hora de inicio) y
empieza la barra de progreso (:mod:`.progreso`); al terminar llama a
:func:`simulacion.barridos.analisis.analizar`; ``simulacion-analizar DIR`` llama a la misma función.
La lista de trabajos y una línea por trabajo terminado se muestran sólo con ``hydra/barrido=lista``
(o si la salida no es una terminal: en un clúster quedan en el registro de cada tarea).

Importa Hydra (lo público; lo interno, sólo por :mod:`.adaptador_hydra`), los registros y, al
terminar el barrido, el análisis. El modelo (Mesa) se importa recién al correr un trabajo.
"""

from __future__ import annotations

import hashlib
import logging
import shlex
import sys
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import is_dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hydra.core.hydra_config import HydraConfig
from hydra.experimental.callback import Callback
from hydra.types import RunMode
from omegaconf import DictConfig, OmegaConf, open_dict

from simulacion.barridos import progreso as seguimiento
from simulacion.barridos.adaptador_hydra import (
    componer_trabajos_en_cache,
    es_barredor_basico,
    expandir,
    omitir_revalidacion,
)
from simulacion.barridos.diseno import registrar_resolvedores
from simulacion.barridos.registros import (
    BARRIDO,
    COMPLETO,
    ERROR,
    ESTADO,
    FALLIDO,
    CarpetaOcupada,
    completa,
    completas_al_empezar,
    leer_json,
    limpiar,
    por_confirmar,
    progreso,
    verificar_carpeta,
)
from simulacion.config.verificacion import campo
from simulacion.indicadores import indicador
from simulacion.resultados.procedencia import procedencia
from simulacion.resultados.salidas import escribir_atomico, escribir_json, escribir_salidas, grafico_pedido

if TYPE_CHECKING:
    from simulacion.resultados.ejecucion import Resultado

log = logging.getLogger(__name__)

# Loggers de los lanzadores que anuncian cada trabajo antes de correrlo (sólo con hydra/barrido=lista).
LISTAS_DE_LANZADORES = (
    "hydra._internal.core_plugins.basic_launcher",
    "hydra_plugins.hydra_joblib_launcher._core",
    "hydra_plugins.hydra_submitit_launcher.submitit_launcher",
    "hydra_plugins.simulacion_lanzador.lanzador_local",
)


def huella(cfg: DictConfig) -> str:
    """Huella (sha256) de la configuración resuelta de una corrida, para reconocerla al reanudar."""
    texto = OmegaConf.to_yaml(cfg, resolve=True, sort_keys=True)
    return hashlib.sha256(texto.encode("utf-8")).hexdigest()


def en_barrido() -> bool:
    """``True`` si el proceso corre un trabajo de un barrido de Hydra (``-m`` o ``hydra.mode``)."""
    return HydraConfig.initialized() and HydraConfig.get().mode == RunMode.MULTIRUN


def _registrar_falla(carpeta: Path, error: Exception) -> dict[str, Any]:
    """Escribe la traza en ``error.log`` y devuelve los campos del estado de una corrida fallida."""
    traza = traceback.format_exc()
    escribir_atomico(carpeta / ERROR, lambda p: p.write_text(traza, encoding="utf-8"))
    log.error("la corrida falló (%s: %s); traza en %s", type(error).__name__, error, carpeta / ERROR)
    return {"estado": FALLIDO, "error": f"{type(error).__name__}: {error}"}


def correr_trabajo(
    cfg: DictConfig,
    carpeta: Path,
    overrides: list[str],
    tolerar_fallas: bool,
    correr: Callable[[DictConfig], Resultado] | None = None,
) -> dict[str, Any]:
    """Corre una simulación en ``carpeta`` y registra su ``estado.json``; devuelve ese estado.

    Si la carpeta ya tiene la misma corrida completa, no la repite (reanudación). Con
    ``tolerar_fallas`` (trabajos de un barrido) un error del modelo queda en ``error.log`` y en el
    estado en vez de propagarse; en una corrida suelta se propaga. ``correr`` es por defecto
    :func:`simulacion.resultados.ejecucion.ejecutar` (las pruebas ponen una que falla).
    """
    if correr is None:
        from simulacion.resultados.ejecucion import ejecutar as correr  # el modelo (Mesa) se importa al correr
    carpeta = Path(carpeta)
    firma = huella(cfg)
    if completa(carpeta, firma):
        return {**leer_json(carpeta / ESTADO), "omitida": True}
    if completa(carpeta):  # una corrida completa de otra configuración: nunca se sobrescribe
        error = FileExistsError(f"{carpeta} ya tiene una corrida completa de otra configuración; no se sobrescribe")
        if not tolerar_fallas:
            raise error
        log.error("%s", error)
        return {"estado": FALLIDO, "error": str(error), "overrides": list(overrides), "duracion_s": 0.0}
    carpeta.mkdir(parents=True, exist_ok=True)
    limpiar(carpeta)
    inicio = time.time()
    estado: dict[str, Any] = {"overrides": list(overrides), "huella": firma, "inicio": inicio}
    try:
        resultado = correr(cfg)
        archivos = escribir_salidas(resultado, carpeta, grafico=grafico_pedido(cfg, en_barrido=True))
    except Exception as error:  # noqa: BLE001 — se registra en la carpeta del trabajo
        if not tolerar_fallas:
            raise
        estado.update(_registrar_falla(carpeta, error))
    else:
        estado.update(
            estado=COMPLETO,
            resumen=resultado.resumen,
            archivos=[Path(a).name for a in archivos],
            procedencia=procedencia(),
        )
    estado.update(fin=time.time(), duracion_s=round(time.time() - inicio, 3))
    escribir_json(carpeta / ESTADO, estado)
    return estado


def detalle_del_trabajo(estado: dict[str, Any]) -> str:
    """Una línea para el registro: omitida, desenlace y crecimiento, o el error."""
    if estado.get("omitida"):
        return "ya estaba completa, se omite"
    if estado["estado"] != COMPLETO:
        return f"FALLÓ: {estado['error']}"
    resumen = estado["resumen"]
    crecimiento = indicador("crecimiento_anual")
    return (
        f"{resumen['desenlace']}, crecimiento {crecimiento.mostrar(resumen['crecimiento_anual'])} "
        f"{crecimiento.unidad}, {estado['duracion_s']:.1f} s"
    )


def trabajo_de_barrido(cfg: DictConfig) -> dict[str, Any]:
    """Trabajo de un barrido (lo llama ``cli.aplicacion``): corre, registra y anota el progreso."""
    hydra_cfg = HydraConfig.get()
    carpeta = Path(hydra_cfg.runtime.output_dir)
    estado = correr_trabajo(cfg, carpeta, list(hydra_cfg.overrides.task), tolerar_fallas=True)
    rotulo = " ".join(hydra_cfg.overrides.task) or "(sin overrides)"
    linea = f"#{hydra_cfg.job.num} {rotulo} → {detalle_del_trabajo(estado)} [{progreso(Path(hydra_cfg.sweep.dir))}]"
    listar = bool(OmegaConf.select(hydra_cfg, "callbacks.agregacion.listar", default=False))
    if listar or not sys.stdout.isatty():  # en una terminal, la barra del proceso principal muestra el avance
        log.info("%s", linea)
    else:
        _anotar_en_archivo(linea)
    return estado


def _anotar_en_archivo(linea: str) -> None:
    """Escribe ``linea`` sólo en los archivos de registro del trabajo (``cli.log`` de Hydra), no en la consola."""
    registro = log.makeRecord(log.name, logging.INFO, __file__, 0, linea, (), None)
    for manejador in logging.getLogger().handlers:
        if isinstance(manejador, logging.FileHandler):
            manejador.handle(registro)


def trabajos_esperados(config: DictConfig) -> list[list[str]] | None:
    """Overrides de cada trabajo del barrido, en el orden en que Hydra los numera.

    Con otro barredor, o si algo no se puede expandir aquí (p. ej. ``glob``), devuelve ``None`` y el
    total queda desconocido.
    """
    if not es_barredor_basico(config.hydra.sweeper):
        return None
    try:
        return expandir(config.hydra.sweeper, list(config.hydra.overrides.task))
    except Exception:  # noqa: BLE001 — sin lista de esperados, la agregación usa lo que haya
        return None


def _es_valor_simple(o) -> bool:
    """Override ``clave=valor`` de una clave del esquema que no es una sección (ni grupo, ni ``hydra``, ni +/~)."""
    tipo = campo(o.key_or_group)
    return (
        o.package is None
        and not (o.is_add() or o.is_delete() or o.is_force_add())
        and not o.key_or_group.startswith("hydra")
        and tipo is not None
        and not is_dataclass(tipo[0])
    )


def componer_por_estructura(corridas: Iterable[list[str]]) -> Iterator[DictConfig]:
    """La configuración de cada corrida (sin ``hydra``), como la compone un trabajo de un barrido: una
    composición completa (:func:`simulacion.api.componer`) por estructura (grupos, ``+``/``~``) y, sobre
    una copia, los valores simples, como Hydra (``tests/test_experimentar.py`` compara las series)."""
    from hydra.core.override_parser.overrides_parser import OverridesParser

    from simulacion.api import componer

    parser = OverridesParser.create()
    bases: dict[tuple[str, ...], DictConfig] = {}
    for overrides in corridas:
        leidos = parser.parse_overrides(list(overrides))
        simples = [o for o in leidos if _es_valor_simple(o)]
        estructura = tuple(o.input_line for o in leidos if o not in simples)
        if estructura not in bases:
            bases[estructura] = componer(*estructura)
        cfg = bases[estructura].copy()
        for o in simples:
            OmegaConf.update(cfg, o.key_or_group, o.value(), merge=False)
        yield cfg


def huellas_esperadas(trabajos: list[list[str]], numeros: Iterable[int]) -> dict[int, str]:
    """La :func:`huella` que tendrá la configuración de cada trabajo de ``numeros`` (para reconocer, antes
    de lanzar, las corridas de la carpeta que son de este barrido)."""
    validos = [n for n in numeros if 0 <= n < len(trabajos)]
    configuraciones = componer_por_estructura(trabajos[n] for n in validos)
    return {n: huella(cfg) for n, cfg in zip(validos, configuraciones, strict=True)}


def revisar_carpeta(carpeta: Path, config: DictConfig, esperados: list[list[str]] | None) -> dict[str, Any]:
    """Lanza :class:`~simulacion.barridos.registros.CarpetaOcupada` si ``carpeta`` tiene corridas de otro
    barrido; si no, devuelve la configuración común del barrido de ``config`` (para ``barrido.json``)."""
    comun = configuracion_comun(config)
    huellas = huellas_esperadas(esperados, por_confirmar(carpeta, comun, esperados)) if esperados is not None else None
    verificar_carpeta(carpeta, comun, esperados, huellas)
    return comun


def registrar_lanzador_local() -> None:
    """Registra en Hydra el lanzador ``hydra/launcher=local`` (``hydra_plugins/simulacion_lanzador``).

    Instalado como rueda, Hydra lo descubre solo; en una instalación editable (``pip install -e``)
    no, porque el buscador editable de setuptools no deja recorrer el espacio de nombres
    ``hydra_plugins``. Si Hydra no lo encontró, se registra a mano.
    """
    from hydra.core.plugins import Plugins

    plugins = Plugins.instance()  # descubre los plugins instalados
    from hydra_plugins.simulacion_lanzador.lanzador_local import LanzadorLocal

    if f"{LanzadorLocal.__module__}.{LanzadorLocal.__qualname__}" not in plugins.class_name_to_class:
        plugins.register(LanzadorLocal)


def configuracion_comun(config: DictConfig) -> dict[str, Any]:
    """La configuración del barrido sin la sección ``hydra``, resuelta y plana (clave con puntos → valor):
    lo común a todos sus trabajos, que cada uno cambia con sus overrides."""
    sin_hydra = config.copy()
    with open_dict(sin_hydra):
        sin_hydra.pop("hydra", None)
    return _aplanar(OmegaConf.to_container(sin_hydra, resolve=True))


def _aplanar(datos: dict, prefijo: str = "") -> dict[str, Any]:
    plano: dict[str, Any] = {}
    for clave, valor in datos.items():
        if isinstance(valor, dict) and valor:
            plano.update(_aplanar(valor, f"{prefijo}{clave}."))
        else:
            plano[f"{prefijo}{clave}"] = valor
    return plano


def orden_del_barrido(config: DictConfig) -> list[str]:
    """La orden que lanzó el barrido, sin su carpeta: el programa, ``-m`` si hizo falta, los overrides
    del usuario y los de Hydra (``hydra/launcher=...``). Con ``hydra.sweep.dir=<carpeta>`` lo completa."""
    programa = [sys.argv[0]] if Path(sys.argv[0]).name == "simulacion" else [sys.executable, "-m", "simulacion"]
    de_hydra = list(config.hydra.overrides.hydra)
    multirun = ["-m"] if "hydra.mode=MULTIRUN" in de_hydra else []
    resto = [o for o in de_hydra if not o.startswith(("hydra.sweep.dir=", "hydra.mode="))]
    return [*programa, *multirun, *config.hydra.overrides.task, *resto]


class BarridoDetenido(BaseException):
    """Detiene un barrido desde el callback: Hydra convierte en un aviso toda ``Exception`` de un
    callback y seguiría adelante. Lleva el error (``error``) que la línea de comandos muestra y el
    código de salida (``codigo``): 2 si la configuración o la carpeta no sirven, 1 si falló la
    agregación de un barrido que sí corrió."""

    def __init__(self, error: Exception, codigo: int = 2) -> None:
        super().__init__(str(error))
        self.error = error
        self.codigo = codigo


class Agregacion(Callback):
    """Callback de Hydra: revisa la carpeta y registra el barrido al empezar, sigue su progreso y agrega
    sus resultados al terminar.

    ``listar`` (``hydra/barrido=lista``) muestra la lista de trabajos y una línea por trabajo terminado;
    ``plan`` (``hydra/barrido=plan``) lo atiende la línea de comandos antes de lanzar
    (:mod:`simulacion.barridos.plan`): aquí no llega.
    """

    def __init__(self, listar: bool = False, plan: bool = False) -> None:
        self.listar = listar

    def on_multirun_start(self, config: DictConfig, **kwargs: Any) -> None:
        omitir_revalidacion()
        componer_trabajos_en_cache()  # los trabajos de este proceso (lanzador básico); docs/rendimiento.md
        carpeta = Path(config.hydra.sweep.dir)
        esperados = trabajos_esperados(config)
        try:
            comun = revisar_carpeta(carpeta, config, esperados)  # antes de escribir nada
        except CarpetaOcupada as error:
            raise BarridoDetenido(error) from error
        carpeta.mkdir(parents=True, exist_ok=True)
        previas = completas_al_empezar(carpeta)
        datos = {
            "inicio": time.time(),
            "total": len(esperados) if esperados is not None else None,
            "orden": orden_del_barrido(config),
            "previas": sorted(p.name for p in previas),
            "configuracion": comun,
            "trabajos": esperados,
        }
        escribir_json(carpeta / BARRIDO, datos)
        for nombre in LISTAS_DE_LANZADORES:
            logging.getLogger(nombre).setLevel(logging.INFO if self.listar else logging.WARNING)
        completas = f" ({len(previas)} ya completas, se omiten)" if previas else ""
        log.info("barrido de %s corridas%s en %s", datos["total"] or "?", completas, carpeta)
        seguimiento.iniciar(carpeta, datos["total"], previas, datos["inicio"])

    def on_multirun_end(self, config: DictConfig, **kwargs: Any) -> None:
        from simulacion.barridos.analisis import analizar  # pandas y matplotlib, sólo al agregar

        seguimiento.terminar()
        carpeta = Path(config.hydra.sweep.dir)
        try:
            analizar(carpeta, imprimir=True)
        except Exception as error:  # Hydra lo volvería un aviso y saldría con 0
            texto = (
                f"las corridas del barrido terminaron, pero su agregación falló ({type(error).__name__}: {error}). "
                f"Las corridas quedan en {carpeta.resolve()}; para reintentar la agregación:\n"
                f"  simulacion-analizar {shlex.quote(str(carpeta.resolve()))}"
            )
            raise BarridoDetenido(RuntimeError(texto), codigo=1) from error


registrar_resolvedores()
