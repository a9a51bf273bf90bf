"""La configuración: el esquema tipado de parámetros (:mod:`.esquema`) y su verificación con
mensajes en castellano (:mod:`.verificacion`). No importa Mesa ni el modelo.

Al importarse registra el resolvedor ``${alrededor:bajo,alto}`` de los rangos de un diseño
(:mod:`.disenos`), que la composición de cualquier proceso puede necesitar."""

from simulacion.config.esquema import (
    Canales,
    Configuracion,
    Economia,
    Estrategia,
    Gobierno,
    Muestreo,
    Rango,
    Territorio,
    Umbrales,
    registrar_esquema,
)

__all__ = [
    "Canales",
    "Configuracion",
    "Economia",
    "Estrategia",
    "Gobierno",
    "Muestreo",
    "Rango",
    "Territorio",
    "Umbrales",
    "registrar_esquema",
]

from simulacion.config.disenos import registrar_resolvedores  # noqa: E402 — después del esquema

registrar_resolvedores()
