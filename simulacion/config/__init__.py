"""La configuración: el esquema tipado de parámetros (:mod:`.esquema`) y su verificación con
mensajes en castellano (:mod:`.verificacion`). No importa Mesa ni el modelo."""

from simulacion.config.esquema import (
    Canales,
    Configuracion,
    Economia,
    Estrategia,
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
    "Muestreo",
    "Rango",
    "Territorio",
    "Umbrales",
    "registrar_esquema",
]
