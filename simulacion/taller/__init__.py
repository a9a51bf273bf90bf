"""El taller: la página para capacitaciones (``simulacion-taller``), su lógica y su servidor."""


def main(argv: list[str] | None = None) -> None:
    """``simulacion-taller``: ver :func:`simulacion.taller.sesion.main`."""
    from simulacion.taller.sesion import main as principal

    principal(argv)
