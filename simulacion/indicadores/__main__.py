"""``python -m simulacion.indicadores > docs/datos.md``: escribe el diccionario de datos."""

from simulacion.indicadores.diccionario import diccionario_markdown

print(diccionario_markdown(), end="")
