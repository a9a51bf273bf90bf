"""Archivos de una corrida: ``series.parquet``, ``resumen.json`` y ``series.png``.

``series.png`` se dibuja en una corrida suelta y no dentro de un barrido, salvo que la clave
``salidas.grafico`` diga otra cosa (:func:`grafico_pedido`): dibujarla es ≈ 70 % del trabajo de una
corrida y las figuras de un barrido salen de su tabla larga (docs/rendimiento.md).

Cada archivo se escribe de forma atómica (archivo temporal en la misma carpeta y luego
``os.replace``): un proceso interrumpido nunca deja un archivo a medio escribir con el nombre final.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from simulacion.indicadores import indicador
from simulacion.resultados.procedencia import procedencia

if TYPE_CHECKING:
    from simulacion.resultados.ejecucion import Resultado

ARCHIVOS = ("series.parquet", "resumen.json", "series.png")  # todo lo que una corrida puede escribir
GRAFICO = "series.png"  # el único opcional (``salidas.grafico``)

# Paneles de ``series.png`` y de los gráficos del taller: (nombre del panel, columnas). Rótulos y
# unidades salen de la declaración de cada columna (simulacion/indicadores/).
GRUPOS_PANELES = (
    ("Producción total", ("produccion_total",)),
    ("Pymes por tipo", ("pymes_tradicionales", "pymes_innovadoras")),
    ("Entradas y salidas", ("entradas", "salidas", "salidas_innovadoras")),
    ("Inversión", ("inversion_privada", "inversion_publica_ap", "inversion_publica_pe")),
    ("Confianza media", ("confianza_media",)),
    ("Presupuesto municipal", ("presupuesto_municipal",)),
)


def unidad_panel(nombre: str, columnas: tuple[str, ...]) -> str:
    """La unidad común de las columnas de un panel (un panel no mezcla unidades)."""
    unidades = {indicador(c).unidad for c in columnas}
    if len(unidades) != 1:
        raise ValueError(f"el panel {nombre!r} mezcla unidades: {sorted(unidades)}")
    return unidades.pop()


def titulo_panel(nombre: str, columnas: tuple[str, ...]) -> str:
    """Nombre del panel con la unidad de sus columnas: ``Inversión (kS/ por trimestre)``."""
    return f"{nombre} ({unidad_panel(nombre, columnas)})"


PANELES = tuple((titulo_panel(nombre, columnas), columnas) for nombre, columnas in GRUPOS_PANELES)
# El desarrollo, no sólo el crecimiento (issue 24, punto 8; simulacion/indicadores/desarrollo.py): en los gráficos
# del taller y en el PDF de la corrida; ``series.png`` queda con sus seis paneles.
GRUPOS_DESARROLLO = (
    ("Ingreso de los hogares tradicionales", ("ingreso_hogar_tradicional",)),
    ("Pymes bajo la línea de subsistencia", ("fraccion_bajo_subsistencia",)),
)
PANELES_DESARROLLO = tuple((titulo_panel(nombre, columnas), columnas) for nombre, columnas in GRUPOS_DESARROLLO)
ETIQUETAS = {c: indicador(c).leyenda for _, columnas in GRUPOS_PANELES for c in columnas}


def escribir_atomico(destino: Path, escribir: Callable[[Path], None]) -> None:
    """Llama ``escribir(temporal)`` y renombra el temporal a ``destino`` sólo si terminó bien."""
    destino = Path(destino)
    fd, tmp = tempfile.mkstemp(prefix=f".{destino.name}.", suffix=".tmp", dir=destino.parent)
    os.close(fd)
    try:
        escribir(Path(tmp))
        os.chmod(tmp, 0o644)  # mkstemp crea 0600; los resultados se comparten
        os.replace(tmp, destino)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def guardar_figura(fig, destino: Path, dpi: int = 110) -> Path:
    """Guarda ``fig`` en PNG de forma atómica y la cierra; devuelve ``destino``."""
    try:
        escribir_atomico(destino, lambda p: fig.savefig(p, format="png", dpi=dpi))
    finally:
        pyplot().close(fig)
    return destino


def escribir_json(destino: Path, datos: dict) -> None:
    """Escribe ``datos`` como JSON legible (UTF-8, sangría 2), de forma atómica."""
    texto = json.dumps(datos, ensure_ascii=False, indent=2, default=str)
    escribir_atomico(destino, lambda p: p.write_text(texto, encoding="utf-8"))


def pyplot():
    """``matplotlib.pyplot`` con el backend Agg (sin ventanas), importado recién al dibujar: así el
    proceso que lanza un barrido en paralelo no lo carga hasta la agregación (docs/rendimiento.md)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def figura_series(resultado: Resultado):
    """Figura de 2×3 paneles con las series principales, etiquetas en castellano."""
    s, r = resultado.series, resultado.resumen
    fig, ejes = pyplot().subplots(2, 3, figsize=(13, 7))
    # márgenes fijos: el diseño automático (constrained_layout) duplicaba el costo de guardar la figura,
    # que domina el tiempo de cada corrida de un barrido (docs/barridos.md)
    fig.subplots_adjust(left=0.05, right=0.985, bottom=0.07, top=0.89, wspace=0.22, hspace=0.38)
    for eje, (titulo, columnas) in zip(ejes.flat, PANELES, strict=True):
        for col in columnas:
            eje.plot(s["paso"], s[col], label=ETIQUETAS[col])
        eje.set_title(titulo)
        eje.set_xlabel("trimestre")
        eje.set_ylabel(unidad_panel(titulo, columnas))
        if len(columnas) > 1:
            eje.legend(fontsize=8)
    fig.suptitle(
        f"Estrategia {r['estrategia']} (AP {r['apoyo_produccion']:.2f}, PE {r['promocion_economica']:.2f}), "
        f"semilla {r['semilla']} — desenlace: {r['desenlace']}"
    )
    return fig


def grafico_pedido(cfg, en_barrido: bool) -> bool:
    """¿Dibujar ``series.png``? Lo que diga ``salidas.grafico`` (``true``/``false``); sin fijar, sí en
    una corrida suelta y no dentro de un barrido."""
    pedido = cfg.salidas.grafico
    return (not en_barrido) if pedido is None else bool(pedido)


def escribir_salidas(resultado: Resultado, carpeta: Path, grafico: bool = True) -> list[Path]:
    """Escribe ``series.parquet``, ``resumen.json`` (con su ``procedencia``: versiones y huella del
    modelo) y, con ``grafico``, ``series.png`` en ``carpeta``; devuelve las rutas de lo que escribió."""
    carpeta = Path(carpeta)
    carpeta.mkdir(parents=True, exist_ok=True)
    escribir_atomico(carpeta / "series.parquet", lambda p: resultado.series.to_parquet(p, index=False))
    escribir_json(carpeta / "resumen.json", {**resultado.resumen, "procedencia": procedencia()})
    if grafico:
        guardar_figura(figura_series(resultado), carpeta / GRAFICO, dpi=100)
    return [carpeta / a for a in ARCHIVOS if grafico or a != GRAFICO]
