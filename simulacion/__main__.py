"""``python -m simulacion``: igual que el comando ``simulacion``."""

from simulacion.cli import main

main()
