"""El comando ``simulacion-taller``: lee sus opciones (ayuda y errores en castellano) y sirve la
página (:mod:`simulacion.taller.pagina`) con Solara, sin internet.

Solara se importa recién al servir: ``--ayuda`` y los errores de la línea de comandos responden al
instante.
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
import warnings

PAGINA = "simulacion.taller.rutas"  # lo que Solara sirve: la página (/) y las salas por roles (/sala)
PUERTO_POR_DEFECTO = 8765
TITULO = "Taller de promoción económica local"
VARIABLE_DIRECCION = "SIMULACION_TALLER_DIRECCION"  # host:puerto en que escucha (la lee la página /sala)
VARIABLE_SALAS = "SIMULACION_SALAS"  # carpeta de las salas por roles (simulacion.taller.salas.juego)


class _Formato(argparse.HelpFormatter):
    """Ayuda de la línea de comandos en castellano ("uso:" en vez de "usage:")."""

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix="uso: ")


class _Parser(argparse.ArgumentParser):
    """Errores de la línea de comandos en castellano."""

    def error(self, message):
        message = message.replace("unrecognized arguments", "argumentos desconocidos").replace("argument ", "opción ")
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def _puerto(texto: str) -> int:
    """Un número de puerto entre 1 y 65535 (mensaje de error en castellano)."""
    try:
        puerto = int(texto)
    except ValueError:
        puerto = -1
    if not 1 <= puerto <= 65535:
        raise argparse.ArgumentTypeError(f"se esperaba un número de puerto entre 1 y 65535, no {texto!r}")
    return puerto


def crear_parser() -> argparse.ArgumentParser:
    """El parser de ``simulacion-taller``: todas las opciones en un grupo titulado «opciones» (sin la
    ayuda automática de argparse, que las pondría bajo «options»)."""
    parser = _Parser(
        prog="simulacion-taller",
        description="Inicia la aplicación del taller (Mesa + Solara) en el navegador.",
        formatter_class=_Formato,
        add_help=False,
    )
    opciones = parser.add_argument_group("opciones")
    opciones.add_argument("-h", "--ayuda", "--help", action="help", help="muestra esta ayuda y termina")
    opciones.add_argument(
        "--puerto", type=_puerto, default=PUERTO_POR_DEFECTO, help=f"puerto (por defecto {PUERTO_POR_DEFECTO})"
    )
    opciones.add_argument(
        "--host",
        default="127.0.0.1",
        help="dirección en que escucha (por defecto 127.0.0.1; use 0.0.0.0 para la red del aula)",
    )
    opciones.add_argument(
        "--salas",
        metavar="CARPETA",
        help="carpeta donde se guardan las salas por roles (por defecto resultados/salas)",
    )
    return parser


def argumentos(argv: list[str] | None = None) -> argparse.Namespace:
    """Las opciones de ``simulacion-taller`` leídas de ``argv`` (o de la línea de comandos)."""
    return crear_parser().parse_args(argv)


def entorno_sin_red() -> dict[str, str]:
    """Variables de Solara para trabajar sin internet: activos locales (``solara-assets``), sin
    telemetría y sin la CDN como respaldo."""
    return {
        "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False",
        "SOLARA_ASSETS_PROXY": "True",
        "SOLARA_THEME_SHOW_BANNER": "False",
        "SOLARA_THEME_TITLE": TITULO,
    }


def ip_local() -> str:
    """La dirección IP de esta computadora en la red del aula (la de la interfaz con la que saldría a
    otra red; un socket UDP «conectado» no envía nada). 127.0.0.1 si no hay red."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as conexion:
        try:
            conexion.connect(("10.254.254.254", 1))
            return conexion.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def direccion_para_telefonos(direccion: str | None = None) -> tuple[str, bool]:
    """(``http://IP:puerto``, ¿la alcanzan los teléfonos?) según ``host:puerto`` en que escucha el
    servidor (por defecto, el de :data:`VARIABLE_DIRECCION`): en 0.0.0.0, la IP de la red del aula;
    en 127.0.0.1, sólo esta computadora."""
    host, _, puerto = (direccion or os.environ.get(VARIABLE_DIRECCION) or f"127.0.0.1:{PUERTO_POR_DEFECTO}").rpartition(
        ":"
    )
    if host in ("0.0.0.0", ""):
        return f"http://{ip_local()}:{puerto}", True
    return f"http://{host}:{puerto}", host not in ("127.0.0.1", "localhost")


def anunciar(host: str, puerto: int) -> None:
    """Imprime la dirección que debe abrir el facilitador."""
    visible = "127.0.0.1" if host in ("0.0.0.0", "") else host
    print(f"{TITULO}: abra en su navegador http://{visible}:{puerto}/", flush=True)
    if host == "0.0.0.0":
        print("  (escuchando en todas las interfaces: use la dirección IP de esta computadora en el aula)", flush=True)
        print(
            f"  Salas por roles: los teléfonos abren {direccion_para_telefonos(f'{host}:{puerto}')[0]}/sala", flush=True
        )
    print("  Para terminar, presione Ctrl+C.", flush=True)


def argumentos_solara(host: str, puerto: int) -> list[str]:
    """La orden ``solara run`` que sirve la página en producción, sin abrir el navegador."""
    return [
        "solara",
        "run",
        PAGINA,
        "--host",
        host,
        "--port",
        str(puerto),
        "--production",
        "--no-open",
        "--no-check-version",
        "--log-level",
        "warning",
    ]


def correr_solara(orden: list[str]) -> None:
    """Corre la orden ``solara …`` en este proceso (como si se escribiera en la consola).

    ``solara.__main__:main`` es el punto de entrada que solara-server declara para el comando
    ``solara`` (``console_scripts``, solara 1.58.2): un grupo de click que lee ``sys.argv``. No es un
    detalle interno, pero es la única forma de arrancar el servidor sin otro proceso.
    """
    from solara.__main__ import main as solara_main

    sys.argv = orden
    solara_main()


def main(argv: list[str] | None = None) -> None:
    """``simulacion-taller [--puerto N] [--host H]``: sirve la página e imprime la dirección."""
    opciones = argumentos(argv)
    os.environ.update(entorno_sin_red())  # antes de importar solara: sus ajustes leen el entorno
    os.environ[VARIABLE_DIRECCION] = f"{opciones.host}:{opciones.puerto}"
    if opciones.salas:
        os.environ[VARIABLE_SALAS] = os.path.abspath(opciones.salas)
    anunciar(opciones.host, opciones.puerto)
    # Solara avisa (en inglés, en cada visita) que en http://127.0.0.1 la cookie usa samesite=lax: es lo esperado.
    warnings.filterwarnings("ignore", message="Cookies with samesite=none require https")
    correr_solara(argumentos_solara(opciones.host, opciones.puerto))


if __name__ == "__main__":
    main()
