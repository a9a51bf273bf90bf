"""Knock-outs al nivel del desenlace (issue 24, parte 6): cada canal apagado, en semillas no vistas, y
su efecto en cada indicador del clasificador con su intervalo de 95 %.

Para cada canal de ``canales.*`` y cada estrategia de ``--estrategias``, corre las mismas semillas con
el canal encendido y apagado (números aleatorios comunes: la misma semilla da el mismo clima y los
mismos mercados) y escribe la tabla de diferencias pareadas (apagado − encendido) de cada indicador,
con su intervalo t de 95 %, y cuántas semillas cambian de desenlace y hacia dónde. Un canal cuyos
intervalos incluyen el 0 en todos los indicadores no tiene efecto medible.

Uso (desde la carpeta del repositorio; ≈ 3 min con 2 procesos)::

    .venv/bin/python experimentos/knockouts.py     # semillas 8300–8329: complementariedad, arriesgada, Caso II
    .venv/bin/python experimentos/knockouts.py --markdown docs/figuras/knockouts.md
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hechos import correr_muchos  # noqa: E402

from simulacion.barridos.grupos import intervalo_media  # noqa: E402
from simulacion.config.esquema import Canales  # noqa: E402
from simulacion.indicadores import NOMBRES_DESENLACE, indicador  # noqa: E402

SEMILLA_INICIAL = 8300  # nunca usadas en la calibración ni en otra medición
CANALES = tuple(c.name for c in dataclasses.fields(Canales))


def correr(bases, semillas) -> pd.DataFrame:
    """Todas las corridas: cada base (un override: estrategia o caso) × (todos encendidos, cada canal
    apagado) × semilla."""
    variantes = [("ninguno", [])] + [(c, [f"canales.{c}=false"]) for c in CANALES]
    lista, claves = [], []
    for base in bases:
        for canal, extra in variantes:
            for s in semillas:
                lista.append([base, f"semilla={s}", *extra])
                claves.append((base, canal, s))
    df = correr_muchos(lista)
    df[["estrategia_base", "apagado", "semilla_base"]] = pd.DataFrame(claves, index=df.index)
    return df


def tabla(df: pd.DataFrame) -> pd.DataFrame:
    """Una fila por estrategia × canal: diferencia pareada de cada indicador [IC 95 %] y desenlaces."""
    filas = []
    for (e, canal), apagado in df[df.apagado != "ninguno"].groupby(["estrategia_base", "apagado"], sort=False):
        base = df[(df.estrategia_base == e) & (df.apagado == "ninguno")].set_index("semilla_base")
        apagado = apagado.set_index("semilla_base").reindex(base.index)
        fila = {"estrategia": e, "canal": canal}
        for ind in NOMBRES_DESENLACE:
            media, bajo, alto = intervalo_media((apagado[ind] - base[ind]).to_numpy(dtype=float))
            fila[ind] = (media, bajo, alto)
        cambios = Counter(f"{a}→{b}" for a, b in zip(base.desenlace, apagado.desenlace, strict=True) if a != b)
        fila["cambia_desenlace"] = sum(cambios.values()) / len(base)
        fila["hacia"] = ", ".join(f"{k} {v}" for k, v in cambios.most_common(3))
        fila["con_efecto"] = any(not (lo <= 0 <= hi) for _, lo, hi in (fila[i] for i in NOMBRES_DESENLACE))
        filas.append(fila)
    return pd.DataFrame(filas)


def markdown(t: pd.DataFrame, n: int) -> str:
    """La tabla de docs/validacion.md (en puntos porcentuales donde el indicador se muestra en %)."""
    encabezado = [indicador(i).titulo for i in NOMBRES_DESENLACE]
    lineas = [
        f"| dónde | canal apagado | {' | '.join(encabezado)} | semillas que cambian de desenlace | efecto |",
        "|---|---|" + "---|" * len(encabezado) + "---|---|",
    ]
    for r in t.itertuples():
        celdas = []
        for i in NOMBRES_DESENLACE:
            escala = 100 if indicador(i).por_ciento else 1
            m, lo, hi = (escala * x for x in getattr(r, i))
            celdas.append(f"{m:+.2f} [{lo:+.2f}, {hi:+.2f}]")
        cambia = f"{100 * r.cambia_desenlace:.0f} %" + (f" ({r.hacia})" if r.hacia else "")
        efecto = "sí" if r.con_efecto else "**no**"
        lineas.append(f"| `{r.estrategia}` | `{r.canal}` | {' | '.join(celdas)} | {cambia} | {efecto} |")
    lineas.append(
        f"\n(Diferencia media apagado − encendido, pareada por semilla, n = {n}, con su IC t de 95 %; los "
        "indicadores en % van en puntos porcentuales.)"
    )
    return "\n".join(lineas)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--semillas", type=int, default=30)
    parser.add_argument(
        "--bases",
        nargs="+",
        default=["estrategia=complementariedad", "estrategia=arriesgada", "caso=mercado_municipal"],
        help="un override por base (el desplazamiento del mercado sólo actúa con un mercado municipal)",
    )
    parser.add_argument("--csv", type=Path, default=Path("experimentos/datos/knockouts.csv"))
    parser.add_argument("--markdown", type=Path, help="escribir también la tabla en este archivo")
    args = parser.parse_args()
    semillas = range(SEMILLA_INICIAL, SEMILLA_INICIAL + args.semillas)
    df = correr(args.bases, semillas)
    args.csv.parent.mkdir(parents=True, exist_ok=True)
    df.to_csv(args.csv, index=False)
    texto = markdown(tabla(df), len(semillas))
    if args.markdown:
        args.markdown.write_text(texto + "\n", encoding="utf-8")
    print(texto)


if __name__ == "__main__":
    main()
