"""Arranque en reposo (issue 12, punto 3): pymes tradicionales e innovadoras en los primeros 12
trimestres con política y entorno quietos (sin AP ni PE, precio y demanda de fuera constantes,
infraestructura sin depreciación), con y sin la prehistoria, media de 30 semillas de 300 pymes.

Uso: ``.venv/bin/python experimentos/reposo.py`` (≈ 30 s).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from regimen import correr_todo  # noqa: E402

QUIETO = (
    "estrategia.apoyo_produccion=0",
    "estrategia.promocion_economica=0",
    "economia.tendencia_precio_externo=0",
    "economia.crecimiento_demanda=0",
    "economia.volatilidad_demanda=0",
    "economia.depreciacion_infra_vial=0",
    "economia.depreciacion_infra_productiva=0",
)

if __name__ == "__main__":
    for prehistoria in (0, 24):
        res = correr_todo(
            [300], 12, ["condenados"], range(5000, 5030), [*QUIETO, f"economia.trimestres_prehistoria={prehistoria}"], 2
        )
        tr = np.mean([s.pymes_tradicionales.to_numpy() for *_, s, _i in res], axis=0)
        inn = np.mean([s.pymes_innovadoras.to_numpy() for *_, s, _i in res], axis=0)
        ini = np.mean([i for *_, i in res], axis=0)
        print(
            f"prehistoria {prehistoria:2d}: inicio {ini[0]:.0f}/{ini[1]:.0f}; trimestres 1–12 (trad/innov): "
            + "  ".join(f"{a:.0f}/{b:.0f}" for a, b in zip(tr, inn, strict=True))
        )
        rango = (tr.max() - tr.min()) / tr.mean()
        print(f"   rango de tradicionales en 1–12: {tr.min():.0f}–{tr.max():.0f} ({rango:.1%})")
