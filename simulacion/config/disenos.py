"""Diseños de muestreo de un barrido: rangos alrededor de la configuración, Sobol e hipercubo latino.

**Rangos relativos.** En ``muestreo.parametros`` la entrada ``clave: ${alrededor:0.5,1.5}`` vale
``[0,5 × v, 1,5 × v]``, con ``v`` el valor de ``clave`` en la configuración que se corre: el del
esquema si nadie lo cambió (así el rango sigue a los valores por defecto cuando se recalibran), el
que fije la línea de comandos, y para las intensidades el de la estrategia elegida. El rango se
recorta al aceptado por la clave (``simulacion.config.esquema``, docs/errores.md). Lo resuelve
OmegaConf al componer, así que la verificación y ``--cfg job --resolve`` ven los números.

**Métodos** (``muestreo.metodo``), cada uno una matriz con una fila por corrida:

- ``morris``: :func:`simulacion.config.muestreo.diseno_morris`, ``trayectorias × (k + 1)`` filas;
- ``sobol``: la muestra de Saltelli para índices de primer orden y totales (SALib ``sample.sobol``,
  secuencia de Sobol mezclada, sin segundo orden): ``muestras × (k + 2)`` filas, en bloques de
  ``k + 2`` por muestra base (A, los k AB y B); ``muestras`` es una potencia de 2 y los primeros
  ``muestras / 2`` bloques son a su vez un diseño de Sobol (la prueba de convergencia los usa);
- ``hipercubo``: hipercubo latino (SALib ``sample.latin``) de ``muestras`` puntos en [0, 1]^k,
  escalado a las cotas de cada corrida. Una cota con mínimo = máximo deja el parámetro fijo (la AP
  de una estrategia sin AP) y la misma fila unitaria sirve a todas las estrategias (diseño pareado).

SALib se importa al generar una matriz. No importa Mesa, el modelo ni los barridos.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from omegaconf import OmegaConf

from simulacion.config.esquema import Muestreo
from simulacion.config.verificacion import FILAS_DEL_DISENO, campo

if TYPE_CHECKING:
    import numpy as np

METODOS = tuple(FILAS_DEL_DISENO)  # un solo hogar: la verificación declara métodos y filas
RESOLVEDOR = "alrededor"


# --------------------------------------------------------------------------- rangos relativos
def rango_alrededor(clave: str, valor: float | None, bajo: float, alto: float) -> list[float]:
    """``[bajo × valor, alto × valor]`` (ordenado) recortado al rango aceptado de ``clave``."""
    tipo_rango = campo(clave)
    if tipo_rango is None or tipo_rango[1] is None:
        raise ValueError(f"muestreo.parametros: '{clave}' no es una clave numérica del esquema")
    if valor is None:
        raise ValueError(
            f"muestreo.parametros.{clave}: la clave no tiene un valor fijo (se deriva del tamaño del "
            "territorio); use [mínimo, máximo] o la clave de la que se deriva"
        )
    if not float(bajo) <= float(alto):
        raise ValueError(f"muestreo.parametros.{clave}: ${{{RESOLVEDOR}:{bajo},{alto}}} pide bajo ≤ alto")
    r = tipo_rango[1]
    extremos = sorted((float(bajo) * float(valor), float(alto) * float(valor)))
    return [float(f"{min(max(x, r.minimo), r.maximo):.12g}") for x in extremos]  # sin ruido de punto flotante


def _resolver_alrededor(bajo: Any, alto: Any, *, _node_: Any, _root_: Any) -> list[float]:
    clave = str(_node_._key())
    return rango_alrededor(clave, OmegaConf.select(_root_, clave), float(bajo), float(alto))


def registrar_resolvedores() -> None:
    """``${alrededor:bajo,alto}`` para las cotas de ``muestreo.parametros`` (una vez por proceso)."""
    if not OmegaConf.has_resolver(RESOLVEDOR):
        OmegaConf.register_new_resolver(RESOLVEDOR, _resolver_alrededor)


# --------------------------------------------------------------------------- matrices
def cotas(muestreo: Muestreo, *, estrictas: bool) -> tuple[tuple[str, ...], tuple[tuple[float, float], ...]]:
    """Nombres y cotas ``(mínimo, máximo)`` de ``muestreo.parametros``; con ``estrictas``, mínimo < máximo."""
    nombres = tuple(muestreo.parametros)
    if not nombres:
        raise ValueError("muestreo.parametros está vacío: no hay parámetros para el diseño")
    resultado = []
    for nombre in nombres:
        cota = [float(v) for v in muestreo.parametros[nombre]]
        if len(cota) != 2 or not (cota[0] < cota[1] if estrictas else cota[0] <= cota[1]):
            pedido = "mínimo < máximo" if estrictas else "mínimo ≤ máximo"
            raise ValueError(f"muestreo.parametros.{nombre}: se esperaba [mínimo, máximo] con {pedido}, llegó {cota}")
        resultado.append((cota[0], cota[1]))
    return nombres, tuple(resultado)


def filas(muestreo: Muestreo) -> int:
    """Filas (corridas) del diseño de ``muestreo`` sin generarlo (las cuenta ``FILAS_DEL_DISENO``)."""
    if muestreo.metodo in FILAS_DEL_DISENO:
        return FILAS_DEL_DISENO[muestreo.metodo][1](muestreo, len(muestreo.parametros))
    raise ValueError(f"muestreo.metodo={muestreo.metodo!r}: se acepta uno de {', '.join(METODOS)}")


@lru_cache(maxsize=8)
def _sobol(nombres: tuple, limites: tuple, muestras: int, semilla: int) -> np.ndarray:
    from SALib.sample import sobol  # import diferido: SALib tarda ~1 s en cargar

    if muestras < 2 or muestras & (muestras - 1):
        raise ValueError(f"muestreo.muestras={muestras}: el diseño de Sobol pide una potencia de 2 (64, 128, ...)")
    prob = {"num_vars": len(nombres), "names": list(nombres), "bounds": [list(c) for c in limites]}
    return sobol.sample(prob, muestras, calc_second_order=False, scramble=True, seed=semilla)


@lru_cache(maxsize=8)
def _hipercubo_unitario(k: int, muestras: int, semilla: int) -> np.ndarray:
    from SALib.sample import latin

    if muestras < 1:
        raise ValueError(f"muestreo.muestras={muestras}: el hipercubo pide al menos 1 punto")
    prob = {"num_vars": k, "names": [f"x{i}" for i in range(k)], "bounds": [[0.0, 1.0]] * k}
    return latin.sample(prob, muestras, seed=semilla)


def hipercubo_unitario(muestreo: Muestreo) -> np.ndarray:
    """El hipercubo latino en [0, 1]^k (el mismo para cualquier cota)."""
    return _hipercubo_unitario(len(muestreo.parametros), muestreo.muestras, muestreo.semilla)


def matriz(muestreo: Muestreo) -> np.ndarray:
    """Matriz del diseño ``sobol`` o ``hipercubo`` en las unidades de cada parámetro."""
    if muestreo.metodo == "sobol":
        nombres, limites = cotas(muestreo, estrictas=True)
        return _sobol(nombres, limites, muestreo.muestras, muestreo.semilla)
    if muestreo.metodo == "hipercubo":
        import numpy as np

        _, limites = cotas(muestreo, estrictas=False)
        bajo, alto = np.array(limites).T
        return bajo + hipercubo_unitario(muestreo) * (alto - bajo)
    raise ValueError(f"muestreo.metodo={muestreo.metodo!r}: se acepta uno de {', '.join(METODOS)}")
