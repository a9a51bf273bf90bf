"""Entrada de la línea de comandos: valida antes de que Hydra cree carpetas y traduce los errores.

``simulacion`` y ``python -m simulacion`` llaman a :func:`lanzar` con la aplicación Hydra de
:mod:`simulacion.cli`. Antes de entregarle los argumentos:

1. lee las opciones (``--cfg``, ``-m``...) y cada override con la gramática de Hydra;
2. compone y valida la configuración (:func:`simulacion.api.componer`): una corrida rechazada no
   crea la carpeta de resultados ni ``.hydra/``, porque Hydra todavía no corrió;
3. en un barrido (``-m``, o un experimento, que fija ``hydra.mode: MULTIRUN``), valida cada
   combinación del barrido (hasta :data:`LIMITE_PREVALIDACION`; las demás las valida cada trabajo al
   empezar) y rechaza un barrido sin corridas; con ``hydra/barrido=plan`` sólo imprime el plan
   (:mod:`.plan`) y no corre nada.

Todo error de configuración sale como un mensaje en castellano (clave, valor recibido, qué se
acepta; docs/errores.md), sin traza, con código 2; también una carpeta de barrido con corridas de
otro barrido (:class:`~simulacion.barridos.registros.CarpetaOcupada`). Un error inesperado sale con
código 1 y una línea. Ctrl-C sale con código 130 y, si había un barrido en curso, la orden exacta
que lo completa. ``HYDRA_FULL_ERROR=1`` muestra la traza completa, como en Hydra.

Importa Hydra (lo interno, sólo por :mod:`.adaptador_hydra`), la verificación de la configuración y,
al validar, :mod:`simulacion.api`; nunca el modelo.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from hydra.errors import HydraException
from hydra.types import RunMode
from omegaconf import DictConfig, OmegaConf
from omegaconf.errors import OmegaConfBaseException

from simulacion.barridos import progreso
from simulacion.barridos.adaptador_hydra import es_barredor_basico, expandir, parser_de_argumentos
from simulacion.barridos.registros import CarpetaOcupada, orden_para_reanudar
from simulacion.barridos.registros import progreso as avance
from simulacion.barridos.trabajos import BarridoDetenido
from simulacion.config import Configuracion
from simulacion.config.verificacion import (
    SINTAXIS,
    ConfiguracionInvalida,
    Falla,
    argumento_ilegible,
    campo,
    traducir,
    validar,
)

CODIGO_CONFIGURACION = 2  # como los errores de uso de argparse
CODIGO_INESPERADO = 1
CODIGO_INTERRUMPIDO = 130
LIMITE_PREVALIDACION = 5_000  # combinaciones de un barrido que se validan antes de lanzarlo
OPCIONES_HYDRA = "--help, --hydra-help, --version, --cfg job|hydra|all, --resolve, --package, --info, -m/--multirun"


def lanzar(aplicacion: Callable[[], None], argv: list[str] | None = None) -> None:
    """Valida ``argv`` (por defecto ``sys.argv[1:]``) y corre ``aplicacion`` (decorada con ``hydra.main``)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    detalle = os.environ.get("HYDRA_FULL_ERROR") == "1"
    try:
        plan = prevalidar(argv)
        if plan is not None:
            print(plan, flush=True)
            return
        _correr(aplicacion, argv)
    except (ConfiguracionInvalida, CarpetaOcupada, BarridoDetenido) as e:
        progreso.terminar()
        if detalle:
            raise
        _salir(str(e), getattr(e, "codigo", CODIGO_CONFIGURACION))
    except KeyboardInterrupt:
        carpeta = progreso.terminar()
        if detalle:
            raise
        _salir(mensaje_de_interrupcion(carpeta), CODIGO_INTERRUMPIDO)
    except (HydraException, OmegaConfBaseException) as e:
        if detalle:
            raise
        _salir(str(traducir(e, argv)), CODIGO_CONFIGURACION)
    except Exception as e:
        if detalle:
            raise
        _salir(
            f"Error inesperado ({type(e).__name__}): {e}\n"
            "Vuelva a correr con HYDRA_FULL_ERROR=1 para ver la traza y repórtela (docs/errores.md).",
            CODIGO_INESPERADO,
        )


def mensaje_de_interrupcion(carpeta) -> str:
    """Qué quedó al interrumpir con Ctrl-C y, si había un barrido en curso, la orden que lo completa."""
    texto = "Interrumpido (Ctrl-C). Los archivos de una corrida sólo aparecen completos."
    if carpeta is None:
        return texto
    return (
        f"{texto}\nBarrido en {carpeta.resolve()}: {avance(carpeta)}.\n"
        f"Para completarlo (omite las corridas completas):\n  {orden_para_reanudar(carpeta)}"
    )


def _salir(mensaje: str, codigo: int) -> None:
    print(f"Error: {mensaje}" if not mensaje.startswith("Error") else mensaje, file=sys.stderr)
    sys.exit(codigo)


def _correr(aplicacion: Callable[[], None], argv: list[str]) -> None:
    """Corre la aplicación Hydra con ``argv``; con ``HYDRA_FULL_ERROR=1`` Hydra deja pasar sus
    excepciones (en vez de imprimir su traza en inglés y salir con 1) y :func:`lanzar` las traduce."""
    argv_previo, previo = sys.argv, os.environ.get("HYDRA_FULL_ERROR")
    sys.argv = [sys.argv[0], *argv]
    os.environ["HYDRA_FULL_ERROR"] = "1"
    try:
        aplicacion()
    finally:
        sys.argv = argv_previo
        if previo is None:
            os.environ.pop("HYDRA_FULL_ERROR", None)
        else:
            os.environ["HYDRA_FULL_ERROR"] = previo


# ---------------------------------------------------------------------- validación previa
def _error_de_argparse(mensaje: str) -> None:
    """argparse llama a ``error`` con un mensaje en inglés: se convierte en una falla en castellano."""
    if "unrecognized arguments:" in mensaje:
        extra = mensaje.split("unrecognized arguments:", 1)[1].strip()
        falla = Falla(
            f"opción {extra}", "una opción que no existe", f"argumentos clave=valor y las opciones {OPCIONES_HYDRA}"
        )
    else:
        falla = Falla("opciones de la línea de comandos", repr(mensaje), f"las opciones {OPCIONES_HYDRA}")
    raise ConfiguracionInvalida([falla])


def prevalidar(argv: list[str]) -> str | None:
    """Lanza :class:`ConfiguracionInvalida` si los argumentos no dan una configuración que se pueda correr.

    Devuelve el texto del plan si se pidió ``hydra/barrido=plan`` (entonces no hay que correr nada)."""
    from simulacion.api import componer

    parser = parser_de_argumentos()
    parser.error = _error_de_argparse  # type: ignore[method-assign]
    args = parser.parse_args(argv)
    if args.help or args.hydra_help or args.info or args.shell_completion:
        return None  # no corre nada: Hydra responde
    overrides = args.overrides
    base, fijos = base_del_barrido(overrides)
    # un experimento fija hydra.mode: MULTIRUN y no necesita -m (Hydra compone el modo como RunMode)
    barrido = args.multirun or OmegaConf.select(base, "hydra.mode") == RunMode.MULTIRUN
    if not barrido or args.cfg:
        if len(fijos) < len(overrides):
            componer(*overrides, con_hydra=True)  # Hydra explica que varios valores piden -m
        return None
    combinaciones = _prevalidar_barrido(base, overrides)
    if OmegaConf.select(base, "hydra.callbacks.agregacion.plan", default=False):
        from simulacion.barridos.plan import plan_del_barrido  # corre una simulación para medir

        return plan_del_barrido(base, combinaciones)
    return None


def base_del_barrido(overrides: list[str]) -> tuple[DictConfig, list[str]]:
    """La configuración (con ``hydra``) de los overrides de un solo valor de ``overrides``, y esos
    overrides; lanza :class:`ConfiguracionInvalida` si alguno no se entiende."""
    from hydra.core.override_parser.overrides_parser import OverridesParser

    from simulacion.api import componer

    ilegible = argumento_ilegible(overrides)
    if ilegible is not None:
        raise ConfiguracionInvalida([Falla(f"argumento {ilegible!r}", "algo que no se entiende", SINTAXIS)])
    parsed = OverridesParser.create().parse_overrides(overrides)
    fijos = [o.input_line for o in parsed if not o.is_sweep_override()]
    return componer(*fijos, con_hydra=True), fijos


def corridas_del_barrido(overrides: list[str]) -> list[list[str]]:
    """Los overrides de cada corrida del barrido que piden ``overrides`` (como en la línea de comandos,
    con ``experimento=…`` o con varios valores), en el orden en que Hydra numera los trabajos,
    validadas como antes de lanzar un barrido. Lanza :class:`ConfiguracionInvalida` en castellano."""
    try:
        base, _ = base_del_barrido(overrides)
        combinaciones = _prevalidar_barrido(base, overrides)
    except (HydraException, OmegaConfBaseException) as e:
        raise traducir(e, overrides) from e
    if combinaciones is None:
        raise ConfiguracionInvalida(
            [Falla("hydra/sweeper", str(base.hydra.sweeper.get("_target_")), "el barredor básico de Hydra")]
        )
    return combinaciones


def _prevalidar_barrido(base, overrides: list[str]) -> list[list[str]] | None:
    """Valida cada combinación del barrido tal como la expande el barredor básico de Hydra y las
    devuelve (``None`` con otro barredor: cada trabajo se valida al empezar)."""
    if not es_barredor_basico(base.hydra.sweeper):
        return None
    try:
        combinaciones = expandir(base.hydra.sweeper, overrides)
    except HydraException as e:
        raise traducir(e, overrides) from e
    if not combinaciones:
        recibido = " ".join(o for o in overrides if "range" in o or "," in o) or " ".join(overrides) or "(nada)"
        raise ConfiguracionInvalida(
            [Falla("barrido", f"{recibido!r}, que no da ninguna corrida", "un barrido con al menos una corrida")]
        )
    validar_combinaciones(combinaciones[:LIMITE_PREVALIDACION])
    return combinaciones


def validar_combinaciones(combinaciones: list[list[str]]) -> None:
    """Valida las combinaciones de un barrido: compone una vez por estructura (grupos, ``+``/``~``,
    ``hydra.*``) y pone los valores numéricos simples sobre una copia del objeto tipado."""
    from hydra.core.override_parser.overrides_parser import OverridesParser

    from simulacion.api import componer

    parser = OverridesParser.create()
    bases: dict[tuple[str, ...], Configuracion] = {}
    leidos: dict[str, object] = {}  # cada override se lee una vez (la gramática de Hydra es lenta)
    for combinacion in combinaciones:
        parsed = [leidos.get(x) or leidos.setdefault(x, parser.parse_overrides([x])[0]) for x in combinacion]
        simples = [o for o in parsed if _es_valor_simple(o)]
        estructura = tuple(o.input_line for o in parsed if o not in simples)
        if estructura not in bases:
            bases[estructura] = validar(componer(*estructura))
        cfg = bases[estructura]
        previos = [_asignar(cfg, o.key_or_group, o.value()) for o in simples]
        try:
            validar(cfg)
        except ConfiguracionInvalida as e:
            ejemplo = Falla("corrida del barrido", " ".join(combinacion), "que todas las corridas sean válidas")
            raise ConfiguracionInvalida([*e.fallas, ejemplo]) from e
        for o, previo in zip(reversed(simples), reversed(previos), strict=True):
            _asignar(cfg, o.key_or_group, previo)


def _asignar(cfg: Configuracion, clave: str, valor):
    """Pone ``valor`` en la clave con puntos y devuelve el anterior; un entero en un campo real se
    convierte, como en OmegaConf."""
    *ruta, hoja = clave.split(".")
    obj = cfg
    for parte in ruta:
        obj = getattr(obj, parte)
    if campo(clave)[0] is float and isinstance(valor, int) and not isinstance(valor, bool):
        valor = float(valor)
    previo = getattr(obj, hoja)
    setattr(obj, hoja, valor)
    return previo


def _es_valor_simple(o) -> bool:
    """Override ``clave=valor`` sobre una clave del esquema (no un grupo, ni ``hydra.*``, ni ``+``/``~``)."""
    return (
        o.package is None
        and not (o.is_add() or o.is_delete() or o.is_force_add())
        and not o.key_or_group.startswith("hydra")
        and campo(o.key_or_group) is not None
        and campo(o.key_or_group)[1] is not None
    )
