"""Enlaces del taller: la elección de la página en la dirección (``?caso=truchas&semilla=1``) y de vuelta.

La página escribe su elección en la dirección tras cada cambio y cada trimestre; al abrir (o recargar)
esa dirección, :func:`leer_enlace` devuelve la misma elección y la página reproduce la corrida hasta el
trimestre alcanzado: con la misma semilla, el modelo da los mismos números. Así un enlace se comparte
entre grupos y una página que perdió la conexión se reconstruye al recargarla.

Claves: ``caso``, ``estrategia``, ``ap``, ``pe``, ``semilla``, ``pasos`` (trimestres a simular), las
claves del territorio que mueven los deslizadores (``n_pymes``, ``liderazgo``…), las del gobierno
(``periodo_electoral``: el interruptor «Elecciones»; ``institucionalizacion``), ``trimestre`` (el
alcanzado), ``cambios`` (los cambios de estrategia a mitad de corrida, ``8:0:0.9:arriesgada,…``; un
cambio de gestión lleva un quinto campo: ``8:0:0.9:arriesgada:gestion``) y ``presentacion``. Sólo
se escriben las que difieren del valor por defecto.

Cada valor se revisa con el esquema (:func:`simulacion.config.verificacion.revisar_valor`): uno que no
vale se deja de lado con un aviso en castellano, sin detalles técnicos, y la página sigue con el valor
por defecto. Funciones puras: no importan Solara.
"""

from __future__ import annotations

import difflib
import math
import re
from typing import NamedTuple
from urllib.parse import parse_qsl, urlencode

from simulacion.config.verificacion import TOLERANCIA_SUMA, ConfiguracionInvalida, revisar_valor
from simulacion.taller.corridas import Cambio
from simulacion.taller.sesion import NOMBRE_PROPIA, PARAMETROS_GOBIERNO, PARAMETROS_TERRITORIO, catalogo

PASOS_POR_DEFECTO = 40  # trimestres a simular al abrir la página (10 años)
CASO_POR_DEFECTO = "ninguno"  # el territorio representativo, sin la historia de un caso
CLAVES_ELECCION = ("caso", "estrategia", "ap", "pe", "semilla", "pasos")
CLAVES_GOBIERNO = ("periodo_electoral", *PARAMETROS_GOBIERNO)  # van en ``valores["gobierno"]``
CLAVES = (*CLAVES_ELECCION, *PARAMETROS_TERRITORIO, *CLAVES_GOBIERNO, "trimestre", "cambios", "presentacion")
MARCA_GESTION = "gestion"  # quinto campo de un cambio de gestión en ``cambios``
DESLIZABLES = {**PARAMETROS_TERRITORIO, **PARAMETROS_GOBIERNO}
# Clave del enlace → clave del esquema que decide qué valores acepta.
ESQUEMA = {
    "ap": "estrategia.apoyo_produccion",
    "pe": "estrategia.promocion_economica",
    "semilla": "semilla",
    "pasos": "pasos",
    **{clave: f"territorio.{clave}" for clave in PARAMETROS_TERRITORIO},
    **{clave: f"gobierno.{clave}" for clave in CLAVES_GOBIERNO},
}
ROTULOS = {
    "caso": "Caso",
    "estrategia": "Estrategia",
    "ap": "Apoyo a la producción (AP)",
    "pe": "Promoción económica (PE)",
    "semilla": "Semilla",
    "pasos": "Trimestres a simular",
    "trimestre": "Trimestre alcanzado",
    "cambios": "Cambios de estrategia",
    "presentacion": "Modo presentación",
    **{clave: deslizable.rotulo for clave, deslizable in DESLIZABLES.items()},
    "periodo_electoral": "Elecciones (trimestres entre elecciones)",
}
SI, NO = ("1", "si", "sí", "true"), ("0", "no", "false")


class Enlace(NamedTuple):
    """Lo que trae una dirección: los valores válidos (sólo las claves presentes) y un aviso por valor
    que no se pudo usar."""

    valores: dict
    avisos: list[str]


# ---------------------------------------------------------------------- leer
def leer_enlace(consulta: str | None) -> Enlace:
    """Los valores de la parte ``?…`` de una dirección (con o sin ``?``), revisados.

    Devuelve las claves de :data:`CLAVES` presentes y válidas (``territorio`` como diccionario);
    cada valor que no vale queda fuera, con un aviso que dice qué se recibió, qué se acepta y qué se
    usa en su lugar.
    """
    crudos = dict(parse_qsl((consulta or "").lstrip("?"), keep_blank_values=True))
    valores, avisos, territorio, gobierno = {}, [], {}, {}
    for clave, texto in crudos.items():
        if clave not in CLAVES:
            avisos.append(_aviso_clave(clave))
            continue
        if clave in ("trimestre", "cambios"):
            continue  # se revisan al final: dependen de los trimestres a simular y del alcanzado
        valor, aviso = leer_valor(clave, texto)
        if aviso:
            avisos.append(aviso)
        elif valor is None:
            continue  # estrategia=personalizada: la dicen ap y pe
        elif clave in PARAMETROS_TERRITORIO:
            territorio[clave] = valor
        elif clave in CLAVES_GOBIERNO:
            gobierno[clave] = valor
        else:
            valores[clave] = valor
    if territorio:
        valores["territorio"] = territorio
    if gobierno:
        valores["gobierno"] = gobierno
    avisos += _revisar_intensidades(valores)
    if "trimestre" in crudos:
        valor, aviso = leer_trimestre(crudos["trimestre"], valores.get("pasos", PASOS_POR_DEFECTO))
        avisos += [aviso] if aviso else []
        if not aviso:
            valores["trimestre"] = valor
    if crudos.get("cambios"):
        cambios, aviso = leer_cambios(crudos["cambios"], valores.get("trimestre", 0))
        avisos += [aviso] if aviso else []
        if not aviso:
            valores["cambios"] = cambios
    return Enlace(valores, avisos)


def leer_cambios(texto: str, trimestre: int):
    """Los cambios de reparto a mitad de corrida (:class:`~simulacion.taller.corridas.Cambio`):
    ``trimestre:AP:PE:nombre`` (``trimestre:AP:PE:nombre:gestion`` si es un cambio de gestión)
    separados por comas, en orden, decididos a lo sumo en el trimestre alcanzado; varios en el mismo
    trimestre sólo si alguno es de gestión (:func:`~simulacion.taller.corridas.registrar_cambio`).
    ``(cambios, None)`` o ``(None, aviso)``: si uno no sirve, la corrida va sin cambios."""
    cambios = []
    for parte in texto.split(","):
        campos = parte.split(":")
        if len(campos) not in (4, 5) or (len(campos) == 5 and campos[4] != MARCA_GESTION):
            return None, _aviso_cambios(texto, trimestre)
        decidido, ap, pe, rotulo = a_numero(campos[0]), a_numero(campos[1]), a_numero(campos[2]), campos[3]
        gestion = len(campos) == 5
        anterior = cambios[-1] if cambios else None
        fuera = (
            not isinstance(decidido, int)
            or not 0 <= decidido <= trimestre
            or (anterior and decidido < anterior.trimestre)
            or (anterior and decidido == anterior.trimestre and not (gestion or anterior.gestion))
            or revisar_valor("estrategia.apoyo_produccion", ap) is not None
            or revisar_valor("estrategia.promocion_economica", pe) is not None
            or ap + pe > 1 + TOLERANCIA_SUMA
            or not re.fullmatch(r"[\w-]{1,80}", rotulo)
        )
        if fuera:
            return None, _aviso_cambios(texto, trimestre)
        cambios.append(Cambio(decidido, float(ap), float(pe), rotulo, gestion))
    return tuple(cambios), None


def _aviso_cambios(texto: str, trimestre: int) -> str:
    aceptado = (
        f"trimestre:AP:PE:nombre (con :gestion al final, un cambio de gestión) separados por comas, con "
        f"trimestres crecientes de 0 a {trimestre} (el alcanzado) y AP + PE de a lo sumo 1"
    )
    return _aviso("cambios", texto, aceptado, "la corrida sin cambios de estrategia")


def leer_valor(clave: str, texto: str):
    """``(valor, None)`` si ``texto`` vale para ``clave``; si no, ``(None, aviso)``."""
    if clave == "caso":
        return _leer_nombre(clave, texto, [opcion.nombre for opcion in catalogo("caso")], "el caso por defecto")
    if clave == "estrategia":
        nombres = [opcion.nombre for opcion in catalogo("estrategia")]
        if texto == NOMBRE_PROPIA:
            return None, None  # la personalizada son las intensidades ap y pe
        return _leer_nombre(clave, texto, nombres, "la estrategia del caso")
    if clave == "presentacion":
        if texto.strip().lower() in SI + NO:
            return texto.strip().lower() in SI, None
        return None, _aviso(clave, texto, "1 (sí) o 0 (no)", "sin modo presentación")
    return leer_numero(clave, texto)


def leer_numero(clave: str, texto: str):
    """Un número de ``clave`` revisado con el esquema (y, si es del territorio, con su deslizador)."""
    valor = a_numero(texto)
    falla = revisar_valor(ESQUEMA[clave], valor)
    if falla is not None:
        return None, _aviso(clave, texto, falla.aceptado, _por_defecto(clave))
    deslizable = DESLIZABLES.get(clave)
    if deslizable and not deslizable.minimo <= valor <= deslizable.maximo:
        aceptado = f"un valor del deslizador, entre {deslizable.minimo:g} y {deslizable.maximo:g}"
        return None, _aviso(clave, texto, aceptado, _por_defecto(clave))
    return valor, None


def leer_trimestre(texto: str, pasos: int):
    """El trimestre alcanzado: un número entero entre 0 y los trimestres a simular."""
    valor = a_numero(texto)
    if isinstance(valor, int) and 0 <= valor <= pasos:
        return valor, None
    return None, _aviso("trimestre", texto, f"un número entero entre 0 y {pasos} (los trimestres a simular)", "0")


def a_numero(texto: str):
    """``"3"`` → 3, ``"0.45"`` → 0.45; un texto que no es número queda como texto (el esquema lo rechaza)."""
    for tipo in (int, float):
        try:
            return tipo(texto)
        except ValueError:
            pass
    return texto


def _leer_nombre(clave: str, texto: str, nombres: list[str], en_su_lugar: str):
    if texto in nombres:
        return texto, None
    return None, _aviso(clave, texto, "uno de: " + ", ".join(nombres), en_su_lugar)


def _revisar_intensidades(valores: dict) -> list[str]:
    """AP y PE son fracciones del mismo presupuesto: juntas no pasan de 1 (si no, se dejan las dos)."""
    ap, pe = valores.get("ap"), valores.get("pe")
    if ap is None or pe is None or ap + pe <= 1 + TOLERANCIA_SUMA:
        return []
    del valores["ap"], valores["pe"]
    return [
        f"AP ({ap:g}) y PE ({pe:g}) suman {ap + pe:g}: son partes del mismo presupuesto y juntas no pueden "
        "pasar de 1. Se usan las intensidades de la estrategia."
    ]


def _por_defecto(clave: str) -> str:
    if clave in ("ap", "pe"):
        return "la intensidad de la estrategia"
    if clave in PARAMETROS_TERRITORIO:
        return "el valor del territorio"
    if clave == "periodo_electoral":
        return "el valor del caso (sin caso, sin elecciones)"
    if clave in CLAVES_GOBIERNO:
        return "el valor del caso (sin caso, el por defecto)"
    return {"semilla": "0", "pasos": str(PASOS_POR_DEFECTO)}.get(clave, "el valor por defecto")


def _aviso(clave: str, texto: str, aceptado: str, en_su_lugar: str) -> str:
    """Aviso en castellano, sin detalles técnicos: qué se recibió, qué se acepta, qué se usa."""
    return f"{ROTULOS[clave]}: «{texto}» no sirve; se acepta {aceptado}. Se usa {en_su_lugar}."


def _aviso_clave(clave: str) -> str:
    parecidas = difflib.get_close_matches(clave, CLAVES, n=1, cutoff=0.7)
    sugerencia = f" ¿Quiso decir «{parecidas[0]}»?" if parecidas else ""
    return f"El enlace trae «{clave}», que la página no conoce: se deja de lado.{sugerencia}"


# ---------------------------------------------------------------------- escribir
def por_defecto() -> dict:
    """Los valores con que abre la página sin enlace (los que «Valores por defecto» restablece y que
    el enlace no escribe). Sin caso «ninguno» en el catálogo, el caso por defecto es el de ``config.yaml``."""
    hay_ninguno = any(opcion.nombre == CASO_POR_DEFECTO for opcion in catalogo("caso"))
    return {
        "caso": CASO_POR_DEFECTO if hay_ninguno else None,
        "semilla": 0,
        "pasos": PASOS_POR_DEFECTO,
        "trimestre": 0,
        "presentacion": False,
    }


def escribir_enlace(valores: dict) -> str:
    """La parte ``?…`` (sin el ``?``) con los valores que difieren del valor por defecto, en el orden de
    :data:`CLAVES`. ``valores`` tiene las claves de :func:`leer_enlace` (``territorio`` y ``gobierno``:
    diccionarios)."""
    anidados = ("territorio", "gobierno")
    planos = {k: v for k, v in valores.items() if k not in anidados}
    for grupo in anidados:
        planos.update(valores.get(grupo) or {})
    defecto = por_defecto()
    pares = []
    for clave in CLAVES:
        valor = planos.get(clave)
        if valor is None or (clave in defecto and valor == defecto[clave]):
            continue
        if clave == "cambios":
            valor = ",".join(texto_de_cambio(c) for c in valor) or None
        if valor is not None:
            pares.append((clave, texto_de(valor)))
    return urlencode(pares, safe=":,")


def texto_de_cambio(cambio: Cambio) -> str:
    """``8:0:0.9:arriesgada`` (``8:0:0.9:arriesgada:gestion``, un cambio de gestión)."""
    texto = f"{cambio.trimestre}:{texto_de(cambio.ap)}:{texto_de(cambio.pe)}:{cambio.rotulo}"
    return texto + (f":{MARCA_GESTION}" if cambio.gestion else "")


def texto_de(valor) -> str:
    """Un valor como se escribe en la dirección: ``1`` para sí, números sin ceros de más (``0.45``, ``300``)."""
    if isinstance(valor, bool):
        return "1" if valor else "0"
    if isinstance(valor, float) and math.isfinite(valor) and valor.is_integer():
        return str(int(valor))
    return str(valor)


# ---------------------------------------------------------------------- mensajes
def revisar_semilla(texto: str):
    """``(semilla, None)`` si ``texto`` es una semilla válida; si no, ``(None, mensaje)`` en castellano."""
    valor = a_numero(texto.strip())
    falla = revisar_valor("semilla", valor)
    if falla is None:
        return valor, None
    return None, f"«{texto}» no es una semilla válida: se acepta {falla.aceptado}."


def mensaje_sencillo(exc: Exception) -> str:
    """Un error de configuración para la página: las fallas, una por línea, sin la ayuda para
    desarrolladores de :class:`~simulacion.config.verificacion.ConfiguracionInvalida`."""
    if isinstance(exc, ConfiguracionInvalida):
        return " ".join(falla.texto() for falla in exc.fallas)
    return "la combinación elegida no se puede simular."
