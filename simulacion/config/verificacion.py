"""Validación de la configuración y mensajes de error en castellano.

Un solo lugar decide qué configuración se acepta: :func:`validar` revisa claves, tipos y rangos
contra el esquema tipado (:mod:`simulacion.config`, donde cada campo declara su rango con
``rango``/``fraccion``/``positivo``, y ``Estrategia.SUMAS`` las fracciones de un mismo presupuesto).
:func:`traducir` convierte los errores de Hydra y OmegaConf (sintaxis de un override, grupo o clave
inexistente, tipo equivocado) en el mismo formato. Todo error es una :class:`ConfiguracionInvalida`
con una línea por falla: la clave, el valor recibido y lo que se acepta (docs/errores.md).
"""

from __future__ import annotations

import difflib
import functools
import math
import re
import typing
from dataclasses import dataclass, fields, is_dataclass

from omegaconf import DictConfig, OmegaConf
from omegaconf.errors import (
    ConfigAttributeError,
    ConfigKeyError,
    InterpolationKeyError,
    InterpolationResolutionError,
    MissingMandatoryValue,
    OmegaConfBaseException,
)

from simulacion.config.esquema import Configuracion, Muestreo, Rango

AYUDA = (
    "Vea la configuración completa con: simulacion --cfg job   "
    "(docs/errores.md explica cada mensaje; HYDRA_FULL_ERROR=1 muestra el detalle técnico)"
)
TOLERANCIA_SUMA = 1e-9  # 0.7 + 0.3 en punto flotante no debe rechazarse
LARGO_NOMBRE = 80
TIPOS = {int: "un número entero", float: "un número", str: "un texto", bool: "true o false"}

# Rangos del diseño de un barrido (``muestreo.*``; simulacion/config/muestreo.py). Los del modelo se
# declaran junto a cada campo en el esquema; estos, que no son parámetros del modelo, se declaran aquí.
RANGOS_MUESTREO = {
    "indice": Rango(0, 2**63 - 1, motivo="una fila del diseño: menos que sus filas, que dependen de muestreo.metodo"),
    "trayectorias": Rango(2, 10_000, motivo="Morris necesita al menos 2 trayectorias para estimar σ"),
    "muestras": Rango(1, 1_000_000, motivo="sobol: muestras base, una potencia de 2; hipercubo: puntos"),
    "niveles": Rango(2, 20, motivo="par, como pide SALib: con un número impar el diseño se sesga"),
    "semilla": Rango(0, 2**32 - 1, motivo="semilla del diseño, la de numpy"),
}
# Filas (corridas) del diseño de cada ``muestreo.metodo`` con k parámetros; simulacion/config/disenos.py
# genera esas matrices (y tests/test_errores.py verifica que tengan estas filas).
FILAS_DEL_DISENO = {
    "morris": ("trayectorias × (parámetros + 1)", lambda m, k: m.trayectorias * (k + 1)),
    "sobol": ("muestras × (parámetros + 2)", lambda m, k: m.muestras * (k + 2)),
    "hipercubo": ("muestras", lambda m, k: m.muestras),
}
RANGOS_EXTRA = {Muestreo: RANGOS_MUESTREO}


@dataclass(frozen=True)
class Falla:
    """Una falla de configuración: qué clave, qué se recibió, qué se acepta."""

    clave: str
    recibido: str
    aceptado: str

    def texto(self) -> str:
        return f"{self.clave}: se recibió {self.recibido}; se acepta: {self.aceptado}."


class ConfiguracionInvalida(ValueError):
    """La configuración pedida no se puede correr. ``fallas`` tiene una :class:`Falla` por error.

    La lanzan :func:`simulacion.simular`, :func:`simulacion.api.componer` y la ejecución; la línea de
    comandos la muestra sin traza y termina con código 2.
    """

    def __init__(self, fallas: list[Falla]) -> None:
        self.fallas = list(fallas)
        super().__init__(self.mensaje())

    def mensaje(self) -> str:
        cabeza = "Configuración inválida" + (f" ({len(self.fallas)} errores)" if len(self.fallas) > 1 else "")
        return "\n".join([f"{cabeza}:", *(f"  - {f.texto()}" for f in self.fallas), AYUDA])

    def __str__(self) -> str:
        return self.mensaje()


# ---------------------------------------------------------------------- descripción de valores
def mostrar(valor) -> str:
    """Un valor recibido tal como el usuario lo reconoce (textos entre comillas)."""
    if isinstance(valor, str):
        return repr(valor) if len(valor) <= 60 else repr(valor[:57] + "...")
    if isinstance(valor, int) and not isinstance(valor, bool) and abs(valor) >= 10**30:
        return f"{valor:.3e}"
    if isinstance(valor, float):
        return "nan" if math.isnan(valor) else repr(valor)
    return repr(valor)


def _numero(x: float) -> str:
    if isinstance(x, int):
        return str(x)
    return str(int(x)) if float(x).is_integer() and abs(x) < 1e15 else f"{x:g}"


def describir(tipo, r: Rango | None) -> str:
    """Texto de lo que acepta un campo: tipo y rango, con el motivo si el rango sale del modelo."""
    base = TIPOS.get(tipo, "un valor del tipo del esquema")
    if r is None:
        return base
    if r.abierto_abajo:
        texto = f"{base} mayor que {_numero(r.minimo)} y a lo sumo {_numero(r.maximo)}"
    else:
        texto = f"{base} entre {_numero(r.minimo)} y {_numero(r.maximo)}"
    return f"{texto} ({r.motivo})" if r.motivo else texto


# ---------------------------------------------------------------------- esquema
@functools.cache
def _campos(tipo) -> dict:
    """Campos de una clase del esquema: nombre → (tipo resuelto, Rango o None, es_subsección)."""
    pistas = {k: _sin_none(v) for k, v in typing.get_type_hints(tipo).items()}
    extra = RANGOS_EXTRA.get(tipo, {})
    return {
        f.name: (pistas[f.name], f.metadata.get("rango") or extra.get(f.name), is_dataclass(pistas[f.name]))
        for f in fields(tipo)
    }


def _sin_none(tipo):
    """``int | None`` → ``int``: un campo opcional se revisa con el tipo de su valor."""
    args = [a for a in typing.get_args(tipo) if a is not type(None)]
    return args[0] if len(args) == 1 and len(typing.get_args(tipo)) == 2 else tipo


@functools.cache
def _opcionales(tipo) -> frozenset[str]:
    """Campos que aceptan ``None`` (se derivan del tamaño: :mod:`simulacion.config.escala`)."""
    return frozenset(k for k, v in typing.get_type_hints(tipo).items() if type(None) in typing.get_args(v))


def campo(clave: str):
    """``(tipo, rango)`` de la clave con puntos (``territorio.n_pymes``), o ``None`` si no existe."""
    tipo, rango = Configuracion, None
    for parte in clave.split("."):
        if not is_dataclass(tipo) or parte not in _campos(tipo):
            return None
        tipo, rango, _ = _campos(tipo)[parte]
    return tipo, rango


def claves_validas(tipo=Configuracion, prefijo: str = "") -> list[str]:
    """Todas las claves del esquema, con puntos."""
    claves = []
    for nombre, (sub, _, anidado) in _campos(tipo).items():
        claves += claves_validas(sub, f"{prefijo}{nombre}.") if anidado else [f"{prefijo}{nombre}"]
    return claves


def falla_clave_desconocida(clave: str, recibido: str) -> Falla:
    """Falla para una clave que no existe: sugiere las parecidas o lista las de su sección."""
    seccion, _, _ = clave.rpartition(".")
    todas = claves_validas()
    if seccion and campo(seccion) is not None:  # sección conocida: se compara sólo el último nombre
        candidatas = [k for k in todas if k.startswith(seccion + ".")]
        hojas = difflib.get_close_matches(clave.rpartition(".")[2], [k.rpartition(".")[2] for k in candidatas], 3, 0.7)
        parecidas = [f"{seccion}.{h}" for h in hojas]
    else:
        candidatas = todas + [f.name for f in fields(Configuracion)]
        parecidas = difflib.get_close_matches(clave, candidatas, n=3, cutoff=0.75)
    if parecidas:
        aceptado = "una clave del esquema; ¿quiso decir " + " o ".join(parecidas) + "?"
    elif seccion and campo(seccion) is not None:
        aceptado = f"una de las claves de {seccion}: " + ", ".join(k.rpartition(".")[2] for k in candidatas)
    else:
        aceptado = "una clave del esquema: " + ", ".join(f.name for f in fields(Configuracion)) + " (y sus subclaves)"
    return Falla(f"clave desconocida {clave}", recibido, aceptado)


def revisar_valor(clave: str, valor) -> Falla | None:
    """La falla de un solo valor de ``clave`` (clave desconocida, tipo o rango del esquema), o
    ``None`` si se acepta. La usa la página del taller para cada valor de un enlace o de un campo."""
    tipo_rango = campo(clave)
    if tipo_rango is None:
        return falla_clave_desconocida(clave, mostrar(valor))
    tipo, rango = tipo_rango
    fallas = _revisar_numero(clave, valor, tipo, rango) if rango is not None else []
    return fallas[0] if fallas else None


# ---------------------------------------------------------------------- validación
def validar(cfg: DictConfig | Configuracion, overrides: list[str] | tuple[str, ...] = ()) -> Configuracion:
    """Revisa una configuración completa y devuelve el objeto tipado; si algo falla, lanza
    :class:`ConfiguracionInvalida` con todas las fallas (claves desconocidas, tipos, números no
    finitos, rangos de ``simulacion.config``, sumas de fracciones de un mismo presupuesto)."""
    if isinstance(cfg, DictConfig):
        try:
            cfg = OmegaConf.to_object(cfg)
        except OmegaConfBaseException as e:  # p. ej. una referencia ${...} rota
            raise traducir(e, overrides) from e
    if not isinstance(cfg, Configuracion):
        raise ConfiguracionInvalida(
            [Falla("configuración", type(cfg).__name__, "una Configuracion de simulacion.config")]
        )
    fallas = _revisar(cfg, "") + _revisar_muestreo(cfg)
    if fallas:
        raise ConfiguracionInvalida(fallas)
    return cfg


def _revisar(obj, prefijo: str) -> list[Falla]:
    """Fallas de un objeto del esquema y sus subsecciones."""
    campos = _campos(type(obj))
    fallas = [falla_clave_desconocida(prefijo + k, mostrar(v)) for k, v in vars(obj).items() if k not in campos]
    for nombre, (tipo, rango, anidado) in campos.items():
        valor, clave = getattr(obj, nombre), prefijo + nombre
        if valor is None and nombre in _opcionales(type(obj)):
            continue
        if anidado:
            fallas += (
                _revisar(valor, clave + ".")
                if isinstance(valor, tipo)
                else [Falla(clave, mostrar(valor), f"una sección {tipo.__name__}")]
            )
        elif rango is not None:
            fallas += _revisar_numero(clave, valor, tipo, rango)
        elif nombre == "nombre":
            fallas += _revisar_nombre(clave, valor)
        elif isinstance(valor, float) and not math.isfinite(valor):
            fallas.append(Falla(clave, mostrar(valor), "un número finito"))
    for claves in getattr(type(obj), "SUMAS", ()):
        fallas += _revisar_suma(obj, prefijo, claves)
    return fallas


def _revisar_muestreo(cfg: Configuracion) -> list[Falla]:
    """El diseño de un barrido (``muestreo``; simulacion/config/muestreo.py), además del rango de cada
    clave: las cotas de ``muestreo.parametros`` (clave → [mínimo, máximo]) nombran claves numéricas y
    quedan dentro del rango de cada una, ``niveles`` es par y ``indice`` es una fila del diseño."""
    muestreo = getattr(cfg, "muestreo", None)
    if not isinstance(muestreo, Muestreo):
        return []  # ya reportado por _revisar
    parametros = muestreo.parametros if isinstance(muestreo.parametros, dict) else {}
    fallas = []
    for clave, cotas in parametros.items():
        donde, tipo_rango = f"muestreo.parametros.{clave}", campo(clave)
        if tipo_rango is None or tipo_rango[1] is None:
            fallas.append(
                Falla(donde, mostrar(clave), "una clave numérica del esquema (docs/errores.md, Rangos aceptados)")
            )
        elif not isinstance(cotas, list | tuple) or len(cotas) != 2:
            fallas.append(Falla(donde, mostrar(cotas), "[mínimo, máximo]"))
        else:
            por_cota = [f for cota in cotas for f in _revisar_numero(donde, cota, float, tipo_rango[1])]
            fallas += por_cota
            # el hipercubo acepta un parámetro fijo (mínimo = máximo: la AP de una estrategia sin AP)
            fijo_aceptado = muestreo.metodo == "hipercubo" and cotas[0] == cotas[1]
            if not por_cota and not cotas[0] < cotas[1] and not fijo_aceptado:
                pedido = "mínimo ≤ máximo" if muestreo.metodo == "hipercubo" else "mínimo < máximo"
                fallas.append(Falla(donde, mostrar(list(cotas)), f"[mínimo, máximo] con {pedido}"))
    return fallas + _revisar_diseno(muestreo, len(parametros))


def _entero(valor) -> bool:
    return isinstance(valor, int) and not isinstance(valor, bool)


def _revisar_diseno(muestreo: Muestreo, k: int) -> list[Falla]:
    """``metodo`` conocido, ``niveles`` par, ``muestras`` de Sobol potencia de 2 e ``indice`` dentro del
    diseño (cada cosa sólo si sus números ya pasaron su rango)."""
    en_rango = {
        c: _entero(getattr(muestreo, c)) and not _revisar_numero("", getattr(muestreo, c), int, r)
        for c, r in RANGOS_MUESTREO.items()
    }
    fallas = []
    if muestreo.metodo not in FILAS_DEL_DISENO:
        fallas.append(Falla("muestreo.metodo", mostrar(muestreo.metodo), "uno de: " + ", ".join(FILAS_DEL_DISENO)))
    if en_rango["niveles"] and muestreo.niveles % 2 == 1:
        fallas.append(Falla("muestreo.niveles", mostrar(muestreo.niveles), describir(int, RANGOS_MUESTREO["niveles"])))
    muestras = muestreo.muestras
    if muestreo.metodo == "sobol" and en_rango["muestras"] and (muestras < 2 or muestras & (muestras - 1)):
        aceptado = "una potencia de 2 (64, 128...): la pide la muestra de Sobol y su mitad sirve para la convergencia"
        fallas.append(Falla("muestreo.muestras", mostrar(muestras), aceptado))
    if not en_rango["indice"] or fallas:
        return fallas
    if k == 0:
        aceptado = "un índice sólo junto con muestreo.parametros (clave: [mínimo, máximo]), el diseño que recorre"
        return [Falla("muestreo.indice", mostrar(muestreo.indice), aceptado)]
    formula, contar = FILAS_DEL_DISENO[muestreo.metodo]
    if all(en_rango[c] for c in ("trayectorias", "muestras")) and muestreo.indice >= contar(muestreo, k):
        filas = contar(muestreo, k)
        aceptado = f"un número entero entre 0 y {filas - 1} (el diseño {muestreo.metodo}: {formula} = {filas} filas)"
        fallas.append(Falla("muestreo.indice", mostrar(muestreo.indice), aceptado))
    return fallas


def _revisar_numero(clave: str, valor, tipo, r: Rango) -> list[Falla]:
    aceptado = describir(tipo, r)
    es_numero = isinstance(valor, int | float) and not isinstance(valor, bool)
    if not es_numero or (tipo is int and not isinstance(valor, int)):
        return [Falla(clave, mostrar(valor), aceptado)]
    if isinstance(valor, float) and not math.isfinite(valor):
        return [Falla(clave, mostrar(valor), aceptado)]
    debajo = valor <= r.minimo if r.abierto_abajo else valor < r.minimo
    if debajo or valor > r.maximo:
        return [Falla(clave, mostrar(valor), aceptado)]
    return []


def _revisar_nombre(clave: str, valor) -> list[Falla]:
    """Los nombres forman parte del nombre de la carpeta de la corrida."""
    aceptado = f"un texto no vacío de hasta {LARGO_NOMBRE} caracteres, sin '/', '\\' ni caracteres de control"
    ok = (
        isinstance(valor, str)
        and valor.strip() != ""
        and len(valor) <= LARGO_NOMBRE
        and not re.search(r"[/\\\x00-\x1f\x7f]", valor)
    )
    return [] if ok else [Falla(clave, mostrar(valor), aceptado)]


def _revisar_suma(obj, prefijo: str, claves: tuple[str, ...]) -> list[Falla]:
    valores = [getattr(obj, k) for k in claves]
    if not all(isinstance(v, int | float) and math.isfinite(v) for v in valores):
        return []  # ya reportado campo por campo
    total = sum(valores)
    if total <= 1 + TOLERANCIA_SUMA:
        return []
    return [
        Falla(
            " + ".join(prefijo + k for k in claves),
            " + ".join(_numero(v) for v in valores) + f" = {_numero(total)}",
            "una suma de a lo sumo 1 (son fracciones de un mismo presupuesto; lo que falta va a otros gastos)",
        )
    ]


# ---------------------------------------------------------------------- errores de Hydra y OmegaConf
SINTAXIS = (
    "clave=valor sin espacios alrededor del '=' (por ejemplo pasos=60 o estrategia=lamentable); "
    "un texto con espacios, comas o símbolos va entre comillas simples: estrategia.nombre='mi plan'"
)


def traducir(e: BaseException, overrides: list[str] | tuple[str, ...] = ()) -> ConfiguracionInvalida:
    """Convierte un error de Hydra u OmegaConf al formato de :class:`ConfiguracionInvalida`.

    ``overrides`` son los argumentos ``clave=valor`` que se dieron: sirven para citar el culpable.
    """
    from hydra.errors import MissingConfigException, OverrideParseException

    if isinstance(e, ConfiguracionInvalida):
        return e
    texto = str(e)
    causa = e.__cause__ if isinstance(e.__cause__, OmegaConfBaseException) else None
    if isinstance(e, OverrideParseException):
        ilegible = argumento_ilegible(overrides)
        return _una(f"argumento {mostrar(ilegible)}" if ilegible else "argumento", "algo que no se entiende", SINTAXIS)
    if isinstance(e, MissingConfigException) and e.options is not None and e.missing_cfg_file:
        grupo, _, opcion = e.missing_cfg_file.rpartition("/")
        return _una(grupo or "configuración", mostrar(opcion), aceptado_grupo(grupo, e.options))
    ambiguo = re.search(r"Ambiguous value for argument '([^=']+)=([^']*)'", texto)
    if ambiguo:
        return _una(ambiguo.group(1), mostrar(ambiguo.group(2)), f"{UN_VALOR}; para una lista use [a,b]")
    barrido = re.search(r"Sweep parameters '([^=']+)=([^']*)' requires --multirun", texto)
    if barrido:
        return _una(barrido.group(1), mostrar(barrido.group(2)), UN_VALOR)
    repetido = re.search(r"Multiple values for ([\w/]+(?:\.[\w/]+)*)", texto)
    if repetido:
        grupo = repetido.group(1)
        return _una(
            grupo, f"{_override_de(grupo, overrides) or 'dos opciones'} (¿un '+' de más?)", f"{grupo}=opción, sin '+'"
        )
    sin_clave = re.search(
        r"Could not (?:override|append to config|delete from config)\W+'?([\w/+~-]+(?:\.[\w/-]+)*)", texto
    )
    if sin_clave and (causa is None or isinstance(causa, ConfigAttributeError | ConfigKeyError)):
        clave = sin_clave.group(1).lstrip("+~")
        return ConfiguracionInvalida([falla_clave_desconocida(clave, _override_de(clave, overrides) or "un override")])
    if isinstance(causa or e, OmegaConfBaseException):
        return _traducir_omegaconf(causa or e, overrides)
    grupo = next((g for g in GRUPOS if _override_de(g, overrides)), None)
    if grupo and re.search(r"Config group override|not iterable|must be a string", texto):
        return _una(grupo, _override_de(grupo, overrides), aceptado_grupo(grupo, None))
    # Lo que no se reconoce arriba no es necesariamente de sintaxis: se cita lo que dijo Hydra, entero.
    detalle = " ".join(texto.split()) if texto else type(e).__name__
    return _una(
        "argumentos",
        " ".join(mostrar(o) for o in overrides) or "(ninguno)",
        f"una combinación que Hydra pueda componer ({SINTAXIS}); Hydra dijo: {detalle}",
    )


GRUPOS = ("estrategia", "territorio", "contexto")
UN_VALOR = (
    "un solo valor; para barrer varios (range(...) o a,b) agregue -m "
    "(con un experimento, como experimento=matriz, no hace falta)"
)


def aceptado_grupo(grupo: str, opciones) -> str:
    """Texto de las opciones de un grupo de configuraciones (las lee de Hydra si no se dan)."""
    if opciones is None:
        try:
            from hydra.core.global_hydra import GlobalHydra

            opciones = GlobalHydra.instance().config_loader().get_group_options(grupo)
        except Exception:  # Hydra no inicializado: se nombra el grupo sin listar
            opciones = []
    nombres = sorted(o for o in opciones if o)
    return "una de: " + ", ".join(nombres) if nombres else f"el nombre de una opción del grupo {grupo}"


def argumento_ilegible(overrides) -> str | None:
    """El primer override que la gramática de Hydra no puede leer."""
    from hydra.core.override_parser.overrides_parser import OverridesParser

    parser = OverridesParser.create()
    for o in overrides:
        try:
            parser.parse_overrides([o])
        except Exception:
            return o
    return None


def _override_de(clave: str, overrides) -> str | None:
    """El override (tal como se escribió, entre comillas) cuya clave es ``clave``."""
    for o in overrides:
        if o.split("=", 1)[0].lstrip("+~") == clave:
            return mostrar(o)
    return None


def _una(clave: str, recibido: str, aceptado: str) -> ConfiguracionInvalida:
    return ConfiguracionInvalida([Falla(clave, recibido, aceptado)])


def _traducir_omegaconf(e: OmegaConfBaseException, overrides) -> ConfiguracionInvalida:
    """Errores de OmegaConf: tipo equivocado, clave inexistente, referencia ``${...}`` rota."""
    clave = getattr(e, "full_key", None) or "configuración"
    o = next((o for o in overrides if o.split("=", 1)[0].lstrip("+~") == clave), None)
    valor = mostrar(o.split("=", 1)[1]) if o and "=" in o else None
    if isinstance(e, ConfigAttributeError | ConfigKeyError):
        return ConfiguracionInvalida([falla_clave_desconocida(clave, valor or "un override")])
    if isinstance(e, InterpolationKeyError | InterpolationResolutionError):
        return _una(clave, valor or "una referencia ${...}", "un valor directo o una referencia ${clave} que exista")
    if isinstance(e, MissingMandatoryValue):
        return _una(clave, "'???' (sin valor)", "un valor")
    tipo_rango = campo(clave)
    aceptado = describir(*tipo_rango) if tipo_rango else "un valor del tipo del esquema"
    citado = re.search(r"Value '(.*)' (?:of type|could not)", str(e), re.S)
    recibido = valor or (mostrar(citado.group(1)) if citado else "un valor de otro tipo")
    return _una(clave, recibido, aceptado)


# ---------------------------------------------------------------------- tabla para la documentación
def tabla_de_rangos() -> str:
    """Tabla Markdown con el rango aceptado de cada clave numérica (la de docs/errores.md)."""
    filas = ["| clave | por defecto | se acepta |", "|---|---|---|"]
    defecto = Configuracion()
    for clave in claves_validas():
        tipo, r = campo(clave)
        if r is None:
            continue
        valor = defecto
        for parte in clave.split("."):
            valor = getattr(valor, parte)
        if valor is None:
            defecto_texto = (
                "sin fijar (la corrida no toma filas de un diseño)"
                if clave == "muestreo.indice"
                else "según `n_pymes` (docs/odd.md §2)"
            )
        else:
            defecto_texto = mostrar(valor)
        filas.append(f"| `{clave}` | {defecto_texto} | {describir(tipo, r)} |")
    return "\n".join(filas)
