"""Ablación de los canales causales (docs/odd.md §4.1; issue 12, punto 6): cada canal se apaga
(``canales.<nombre>=false``) en las mismas semillas no vistas y se mide su efecto donde la fuente
dice que actúa. Un canal sin efecto medible no es un canal.

Uso::

    .venv/bin/python experimentos/ablacion.py                 # 30 semillas (7000–7029), tabla en la terminal
    .venv/bin/python experimentos/ablacion.py --semillas 60 --csv experimentos/datos/ablacion.csv

Para cada canal: la estrategia donde debe actuar, la medida, su media con el canal encendido y
apagado, la diferencia pareada media con su intervalo de 95 % (t de Student) y la fracción de
semillas en que la diferencia tiene el signo esperado.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hechos import comparar, pareados  # noqa: E402

from simulacion.barridos.grupos import intervalo_media  # noqa: E402

SEMILLA_INICIAL = 7000  # semillas que ninguna calibración vio


@dataclass(frozen=True)
class Ablacion:
    canal: str  # clave de ``canales``
    base: tuple[str, ...]  # overrides donde el canal debe actuar
    medida: str  # columna de hechos.correr
    signo: int  # +1: encendido > apagado


ABLACIONES = (
    Ablacion("ap_productividad", ("estrategia=lamentable",), "produccion_fin", +1),
    Ablacion("acceso_vial", ("caso=carretera_puno",), "tradicionales_fin", -1),
    Ablacion("cofinanciamiento", ("estrategia=arriesgada",), "innovadoras_fin", +1),
    Ablacion("servicios", ("estrategia=complementariedad",), "produccion_fin", +1),
    Ablacion("garantia", ("estrategia=complementariedad",), "proyectos_cofinanciados", +1),
    Ablacion("aprendizaje", ("estrategia=complementariedad",), "propuestas", +1),
    Ablacion("riesgo_entorno", ("estrategia=arriesgada",), "salidas_innovadoras", +1),
    # un territorio desconfiado: la confianza que construyen las obras abre la mesa (F8)
    Ablacion("confianza", ("estrategia=complementariedad", "territorio.confianza_inicial=0.1"), "concertacion", +1),
    Ablacion("recaudacion_local", ("estrategia=complementariedad",), "presupuesto_fin", +1),
    Ablacion("promocion_inversionistas", ("estrategia=arriesgada",), "empresas_fin", +1),
    Ablacion("apropiacion", ("estrategia=complementariedad",), "innovadoras_fin", -1),
    Ablacion("desplazamiento_mercado", ("caso=mercado_municipal", "economia.puestos_mercado=60"), "empresas_fin", -1),
)


def medir(ablacion: Ablacion, semillas) -> dict:
    encendido, apagado = comparar(list(ablacion.base), [f"canales.{ablacion.canal}=false"], semillas)
    diferencia = pareados(encendido, apagado, ablacion.medida)
    media, bajo, alto = intervalo_media(diferencia[np.isfinite(diferencia)])
    return {
        "canal": ablacion.canal,
        "donde": " ".join(ablacion.base),
        "medida": ablacion.medida,
        "encendido": float(encendido[ablacion.medida].mean()),
        "apagado": float(apagado[ablacion.medida].mean()),
        "diferencia": media,
        "ic_bajo": bajo,
        "ic_alto": alto,
        "signo_esperado": ablacion.signo,
        "semillas_con_signo": float(np.mean(np.sign(diferencia) == ablacion.signo)),
        "n": len(semillas),
    }


def tabla_markdown(tabla: pd.DataFrame) -> str:
    filas = [
        "| canal | dónde actúa | medida | encendido | apagado | diferencia [IC 95 %] "
        "| semillas con el signo esperado |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in tabla.itertuples():
        filas.append(
            f"| `{r.canal}` | `{r.donde}` | `{r.medida}` | {r.encendido:.3g} | {r.apagado:.3g} | "
            f"{r.diferencia:+.3g} [{r.ic_bajo:+.3g}, {r.ic_alto:+.3g}] | {100 * r.semillas_con_signo:.0f} % |"
        )
    return "\n".join(filas)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Ablación de los canales causales en semillas no vistas.")
    parser.add_argument("--semillas", type=int, default=30, help="cuántas semillas desde 7000 (por defecto 30)")
    parser.add_argument("--canales", nargs="*", help="sólo estos canales (por defecto, todos)")
    parser.add_argument("--csv", type=Path, help="escribir la tabla en este CSV")
    args = parser.parse_args(argv)
    semillas = range(SEMILLA_INICIAL, SEMILLA_INICIAL + args.semillas)
    elegidas = [a for a in ABLACIONES if not args.canales or a.canal in args.canales]
    filas = []
    for ablacion in elegidas:
        filas.append(medir(ablacion, semillas))
        print(f"{ablacion.canal}: hecho", file=sys.stderr, flush=True)
    tabla = pd.DataFrame(filas)
    if args.csv:
        args.csv.parent.mkdir(parents=True, exist_ok=True)
        tabla.to_csv(args.csv, index=False)
    print(tabla_markdown(tabla))


if __name__ == "__main__":
    main()
