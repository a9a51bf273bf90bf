"""La fragilidad es daño medido, no un conteo de eventos (issue 24, parte 1)."""

from __future__ import annotations

import numpy as np
from conftest import configuracion

from simulacion.modelo import ModeloTerritorial
from simulacion.modelo.pymes import Pymes
from simulacion.resultados.ejecucion import resumir, serie_de

SEMILLAS = range(8200, 8208)  # nunca usadas en la calibración


def desenlaces_arriesgada() -> list[dict]:
    """*arriesgada* (AP 0, PE 0,9) en :data:`SEMILLAS`, 40 trimestres: resumen de cada corrida."""
    resumenes = []
    for semilla in SEMILLAS:
        cfg = configuracion(semilla, ap=0.0, pe=0.9)
        m = ModeloTerritorial(cfg)
        for _ in range(40):
            m.step()
        resumenes.append(resumir(cfg, serie_de(m)))
    return resumenes


def test_sin_dano_los_eventos_contados_no_hacen_fragil_a_arriesgada(monkeypatch):
    """Con los eventos adversos de siempre, *arriesgada* es frágil en casi todas las semillas. Con los
    mismos eventos **inofensivos pero contados** (se sortean y se cuentan como abandonos, pero la pyme
    no pierde capital ni deja de innovar), el desenlace deja la fragilidad: decide el daño. Vista en
    rojo: con el clasificador leyendo ``tasa_fracaso_innovadoras`` (el conteo, como antes del issue 24)
    en vez de ``perdida_innovadora_anual``, arriesgada sigue frágil con los eventos inofensivos."""
    con_dano = desenlaces_arriesgada()
    assert sum(r["desenlace"] == "fragilidad" for r in con_dano) >= 7

    original = Pymes.sufrir_eventos_adversos

    def inofensivos(self: Pymes) -> np.ndarray:
        capital, innovadora = self.capital.copy(), self.innovadora.copy()
        golpe = original(self)  # mismo sorteo, mismos eventos
        self.capital[:], self.innovadora[:] = capital, innovadora  # pero no destruyen nada
        return golpe  # y se cuentan (salidas_innovadoras, abandonos_innovacion)

    monkeypatch.setattr(Pymes, "sufrir_eventos_adversos", inofensivos)
    sin_dano = desenlaces_arriesgada()
    assert sum(r["tasa_fracaso_innovadoras"] for r in sin_dano) >= 0.5 * sum(
        r["tasa_fracaso_innovadoras"] for r in con_dano
    )
    assert sum(r["desenlace"] == "fragilidad" for r in sin_dano) <= 1
