"""Qué hace hoy el modelo en cada caso del taller, con su estrategia y con las cuatro de la fuente.

Uso (desde la carpeta del repositorio):

    .venv/bin/python experimentos/taller_casos.py              # 5 semillas, 40 trimestres
    .venv/bin/python experimentos/taller_casos.py --semillas 10

Imprime una tabla Markdown (la que cita docs/guia_facilitador.md): para cada caso de ``configs/caso/``
y cada estrategia (la del caso y las cuatro de la fuente, compuestas igual que en la página del
taller), los desenlaces por semilla y las medias de los indicadores en que se fija la guía.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from simulacion.estrategias import nombres  # noqa: E402
from simulacion.resultados.ejecucion import ejecutar  # noqa: E402
from simulacion.taller import sesion as taller  # noqa: E402


def fila(caso: str, estrategia: str | None, semillas: int, pasos: int) -> str:
    resumenes, series = [], []
    for s in range(semillas):
        r = ejecutar(taller.componer_seguro(*taller.overrides(estrategia, caso, semilla=s, pasos=pasos)))
        resumenes.append(r.resumen)
        series.append(r.series)
    x = resumenes[0]
    desenlaces = ", ".join(f"{d} {n}" for d, n in Counter(r["desenlace"] for r in resumenes).most_common())

    def media(clave):
        return float(np.mean([r[clave] for r in resumenes]))

    cofinanciados = np.mean([s["proyectos_cofinanciados"].sum() for s in series])
    concertacion = np.mean([s["concertacion"].mean() for s in series])
    tradicionales = np.mean([s["pymes_tradicionales"].iloc[-1] / s["pymes_tradicionales"].iloc[0] - 1 for s in series])
    nombre = estrategia or f"la del caso ({x['estrategia']})"
    return (
        f"| {caso} | {nombre} | {x['apoyo_produccion']:.2f} | {x['promocion_economica']:.2f} | {desenlaces} | "
        f"{100 * media('crecimiento_anual'):+.1f} % | {100 * media('cambio_pymes_anual'):+.0f} % | "
        f"{100 * tradicionales:+.0f} % | "
        f"{100 * media('fraccion_innovadora'):.0f} % | {media('tasa_fracaso_innovadoras'):.3f} | "
        f"{cofinanciados:.0f} | {100 * concertacion:.0f} % |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--semillas", type=int, default=5)
    parser.add_argument("--pasos", type=int, default=40)
    args = parser.parse_args()
    print(
        "| caso | estrategia | AP | PE | desenlaces (semillas) | crecimiento anual | cambio de pymes | "
        "cambio de tradicionales | fracción innovadora | fracaso de innovadoras (por año) | proyectos cofinanciados | "
        "trimestres con concertación |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for op in taller.catalogo("caso") or [taller.Opcion("ninguno", "Ninguno", "")]:
        propias = [] if op.nombre == "ninguno" else [None]
        for estrategia in [*propias, *nombres()]:
            print(fila(op.nombre, estrategia, args.semillas, args.pasos), flush=True)


if __name__ == "__main__":
    main()
