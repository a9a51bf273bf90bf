"""El taller: la página para capacitaciones (``simulacion-taller``), su lógica y su servidor.

Módulos: :mod:`~simulacion.taller.sesion` (lógica, sin interfaz), :mod:`~simulacion.taller.graficos`
(opciones de ECharts), :mod:`~simulacion.taller.tarjetas` (HTML de la matriz y las tarjetas),
:mod:`~simulacion.taller.componentes`, :mod:`~simulacion.taller.controles`,
:mod:`~simulacion.taller.vistas`, :mod:`~simulacion.taller.estado` y :mod:`~simulacion.taller.pagina`
(la página Solara), :mod:`~simulacion.taller.enlaces` (la elección en la dirección),
:mod:`~simulacion.taller.sala` y :mod:`~simulacion.taller.estilo_sala` (aviso de conexión perdida,
enlace, teléfono, proyector, impresión), :mod:`~simulacion.taller.servidor` (el comando) y
:mod:`~simulacion.taller.navegador` (apoyo de pruebas y capturas).
"""


def main(argv: list[str] | None = None) -> None:
    """``simulacion-taller``: ver :func:`simulacion.taller.servidor.main`."""
    from simulacion.taller.servidor import main as principal

    principal(argv)
