"""Números aleatorios comunes: ¿cuánto mueve un cambio de 0,1 % de un parámetro la trayectoria?

Para cada semilla y parámetro, corre la configuración por defecto y la misma con el parámetro × 1,001,
y cuenta las semillas cuya producción se aparta en algún trimestre más de 1 % (docs/validacion.md,
«Números aleatorios comunes»). Uso (desde la carpeta del repositorio; ≈ 1 min)::

    .venv/bin/python experimentos/crn.py                  # semillas 8000–8029, 40 trimestres
    PYTHONPATH=/otra/copia .venv/bin/python experimentos/crn.py   # la misma medida en otra copia del paquete
"""

from __future__ import annotations

import argparse

import numpy as np
from omegaconf import OmegaConf

from simulacion.api import componer, simular

PARAMETROS = (
    "economia.costo_proyecto",
    "economia.tasa_interes",
    "economia.riesgo_innovacion",
    "economia.costo_servicio",
)


def desvio_maximo(semilla: int, parametro: str, factor: float, pasos: int, estrategia: str) -> float:
    """Máximo, sobre los trimestres, de |producción cambiada / producción base − 1|."""
    base = [f"semilla={semilla}", f"pasos={pasos}", f"estrategia={estrategia}"]
    valor = float(OmegaConf.select(componer(*base), parametro))
    a = simular(*base).series["produccion_total"].to_numpy()
    b = simular(*base, f"{parametro}={valor * factor!r}").series["produccion_total"].to_numpy()
    return float(np.max(np.abs(b / a - 1)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--semillas", type=int, default=30)
    parser.add_argument("--desde", type=int, default=8000)
    parser.add_argument("--pasos", type=int, default=40)
    parser.add_argument("--factor", type=float, default=1.001)
    parser.add_argument("--estrategia", default="complementariedad")
    args = parser.parse_args()
    semillas = range(args.desde, args.desde + args.semillas)
    print(f"| parámetro (× {args.factor}) | semillas con la producción movida > 1 % | mediana del desvío máximo |")
    print("|---|---|---|")
    for parametro in PARAMETROS:
        desvios = np.array([desvio_maximo(s, parametro, args.factor, args.pasos, args.estrategia) for s in semillas])
        print(
            f"| `{parametro}` | {int((desvios > 0.01).sum())} de {len(desvios)} | {np.median(desvios):.2%} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
