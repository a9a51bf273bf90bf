"""Figuras de un barrido y del taller (issue 13, punto 8): el color de cada estrategia, unidades en cada
eje, la incertidumbre de cada celda del mapa y el triángulo AP + PE ≤ 1 del experimento ``mapa``.

Las figuras se dibujan con datos sintéticos (sin correr el modelo) y se inspeccionan antes de guardarlas.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from hydra.core.override_parser.overrides_parser import OverridesParser
from matplotlib.colors import to_hex
from matplotlib.patches import Rectangle
from scipy import stats

from simulacion.api import componer
from simulacion.barridos import figuras
from simulacion.estrategias import COLORES_CELDA, color, estrategias
from simulacion.indicadores import DESENLACES, indicador
from simulacion.taller.graficos import opcion_comparacion

CRECIMIENTO = indicador("crecimiento_anual")


@pytest.fixture
def dibujadas(monkeypatch):
    """Las figuras que se guardarían, sin guardarlas ni cerrarlas: ``{nombre del archivo: figura}``."""
    guardadas = {}

    def guardar(fig, destino, dpi=110):
        guardadas[destino.name] = fig
        return destino

    monkeypatch.setattr(figuras, "guardar_figura", guardar)
    yield guardadas
    for fig in guardadas.values():
        figuras.pyplot().close(fig)


def barrido_sintetico(pares: dict[str, tuple[float, float]], semillas: int = 6, pasos: int = 5):
    """``completas`` (una fila por corrida, como ``resultados.parquet``) y su tabla larga."""
    rng = np.random.default_rng(0)
    filas, largas = [], []
    for nombre, (ap, pe) in pares.items():
        for semilla in range(semillas):
            trabajo = str(len(filas))
            filas.append(
                {
                    "trabajo": trabajo,
                    "estrategia": nombre,
                    "semilla": semilla,
                    "apoyo_produccion": ap,
                    "promocion_economica": pe,
                    "crecimiento_anual": rng.normal(0.02, 0.03),
                    "desenlace": DESENLACES[rng.integers(len(DESENLACES))],
                }
            )
            serie = {c: rng.uniform(1, 100, pasos) for c in figuras.SERIES_FIGURA}
            largas.append(pd.DataFrame({"trabajo": trabajo, "paso": np.arange(1, pasos + 1), **serie}))
    return pd.DataFrame(filas), pd.concat(largas, ignore_index=True)


ESTRATEGIAS = {nombre: (e.apoyo_produccion, e.promocion_economica) for nombre, e in estrategias().items()}


# --------------------------------------------------------------------------- colores


def test_cada_estrategia_con_su_color_en_las_series(dibujadas, tmp_path):
    completas, larga = barrido_sintetico(ESTRATEGIAS)
    figuras.figura_series(completas, larga, tmp_path / "series_estrategias.png")
    fig = dibujadas["series_estrategias.png"]
    for eje in fig.axes:
        lineas = {linea.get_label(): linea for linea in eje.get_lines()}
        assert set(lineas) == set(ESTRATEGIAS)
        for nombre, linea in lineas.items():
            assert to_hex(linea.get_color()) == to_hex(color(nombre)), nombre
        bandas = [to_hex(b.get_facecolor()[0], keep_alpha=False) for b in eje.collections]
        assert sorted(bandas) == sorted(to_hex(color(n)) for n in ESTRATEGIAS)


def test_pares_de_una_misma_celda_comparten_color_y_cambian_de_trazo():
    pares = {"a": (0.3, 0.6), "b": (0.6, 0.3), "c": (0.9, 0.0), "d": (0.0, 0.0)}
    completas, _ = barrido_sintetico(pares, semillas=2)
    estilos = figuras.estilos_de_grupos(completas, completas["estrategia"])
    assert estilos["a"][0] == estilos["b"][0] == COLORES_CELDA[(True, True)]
    assert estilos["a"][1] != estilos["b"][1]
    assert estilos["c"] == (COLORES_CELDA[(True, False)], "-")
    assert estilos["d"] == (COLORES_CELDA[(False, False)], "-")


def test_la_matriz_enmarca_cada_celda_con_su_color(dibujadas, tmp_path):
    completas, _ = barrido_sintetico(ESTRATEGIAS)
    figuras.figura_matriz(completas, tmp_path / "matriz_estrategias.png")
    ejes = np.array(dibujadas["matriz_estrategias.png"].axes).reshape(2, 2)
    for nombre, e in estrategias().items():
        fila, columna = figuras.posicion_en_matriz((e.apoyo_produccion > 0, e.promocion_economica > 0))
        bordes = {to_hex(s.get_edgecolor()) for s in ejes[fila, columna].spines.values()}
        assert bordes == {to_hex(color(nombre))}, nombre
        assert nombre in ejes[fila, columna].get_title()


def test_el_taller_compara_con_el_color_de_cada_estrategia():
    serie = pd.DataFrame({"paso": [1, 2], "produccion_total": [1.0, 2.0]})
    resultados = {nombre: SimpleNamespace(series=serie) for nombre in ESTRATEGIAS}
    opcion = opcion_comparacion(resultados, "produccion_total")
    for linea in opcion["series"]:
        assert linea["lineStyle"]["color"] == linea["itemStyle"]["color"] == color(linea["name"])


# --------------------------------------------------------------------------- unidades


def test_cada_eje_dice_su_unidad(dibujadas, tmp_path):
    completas, larga = barrido_sintetico(ESTRATEGIAS)
    figuras.figura_series(completas, larga, tmp_path / "series_estrategias.png")
    figuras.figura_matriz(completas, tmp_path / "matriz_estrategias.png")
    for eje, columna in zip(dibujadas["series_estrategias.png"].axes, figuras.SERIES_FIGURA, strict=True):
        assert eje.get_ylabel() == indicador(columna).unidad != ""
        assert eje.get_xlabel() == "trimestre"
    for eje in dibujadas["matriz_estrategias.png"].axes[2:]:  # la fila de abajo comparte el eje x
        assert eje.get_xlabel() == "% de las corridas" and eje.get_xlim() == (0, 100)


def test_el_mapa_muestra_en_su_unidad_y_la_nombra(dibujadas, tmp_path):
    completas, _ = barrido_sintetico(pares_del_triangulo(0.3), semillas=4)
    figuras.figura_mapa(completas, tmp_path / "mapa_ap_pe.png")
    fig = dibujadas["mapa_ap_pe.png"]
    mapa, desenlace, barra = fig.axes
    for eje in (mapa, desenlace):
        assert indicador("apoyo_produccion").unidad in eje.get_ylabel()
        assert indicador("promocion_economica").unidad in eje.get_xlabel()
    assert CRECIMIENTO.unidad in barra.get_ylabel() and CRECIMIENTO.unidad in mapa.get_title()
    medias = completas.groupby(["apoyo_produccion", "promocion_economica"])["crecimiento_anual"].mean()
    colores = mapa.collections[0].get_array()
    assert np.ma.count(colores) == len(medias)
    assert np.sort(np.ma.compressed(colores)) == pytest.approx(np.sort(100 * medias.to_numpy()))  # en %/año


# --------------------------------------------------------------------------- mapa


def pares_del_triangulo(paso: float) -> dict[str, tuple[float, float]]:
    valores = np.round(np.arange(0, 1 + 1e-9, paso), 6)
    return {f"AP {a} PE {p}": (a, p) for a in valores for p in valores if a + p <= 1 + 1e-9}


def test_cada_celda_del_mapa_dice_su_intervalo_y_n(dibujadas, tmp_path):
    completas, _ = barrido_sintetico(pares_del_triangulo(0.25), semillas=5)
    completas = completas[completas.index % 7 != 0]  # celdas con distinto número de corridas
    figuras.figura_mapa(completas, tmp_path / "mapa_ap_pe.png")
    mapa = dibujadas["mapa_ap_pe.png"].axes[0]
    textos = {t.get_position(): t.get_text() for t in mapa.texts}
    for (ap, pe), g in completas.groupby(["apoyo_produccion", "promocion_economica"]):
        v = 100 * g["crecimiento_anual"].to_numpy()
        medio = stats.t.ppf(0.975, len(v) - 1) * v.std(ddof=1) / np.sqrt(len(v))
        assert textos[(pe, ap)].split("\n") == [f"{v.mean():+.1f}", f"±{medio:.1f}", f"n={len(v)}"]


def test_el_mapa_marca_las_cuatro_estrategias_en_su_celda(dibujadas, tmp_path):
    completas, _ = barrido_sintetico(pares_del_triangulo(0.15), semillas=2)
    figuras.figura_mapa(completas, tmp_path / "mapa_ap_pe.png")
    for eje in dibujadas["mapa_ap_pe.png"].axes[:2]:
        marcos = [p for p in eje.patches if isinstance(p, Rectangle)]
        for nombre, (ap, pe) in ESTRATEGIAS.items():
            (marco,) = [m for m in marcos if to_hex(m.get_edgecolor()) == to_hex(color(nombre))]
            assert marco.contains_point(eje.transData.transform((pe, ap))), nombre


def puntos_del_experimento_mapa() -> list[tuple[float, float]]:
    """Los pares (AP, PE) que barre ``experimento=mapa``, expandidos con el parser de Hydra."""
    cfg = componer("experimento=mapa", con_hydra=True)
    (override,) = OverridesParser.create().parse_overrides([f"estrategia={cfg.hydra.sweeper.params.estrategia}"])
    return [(float(d["apoyo_produccion"]), float(d["promocion_economica"])) for d in override.sweep_iterator()]


def test_el_experimento_mapa_cubre_el_triangulo_con_las_cuatro_estrategias():
    puntos = puntos_del_experimento_mapa()
    assert len(set(puntos)) == len(puntos)
    assert all(ap + pe <= 1 + 1e-9 for ap, pe in puntos)
    for punto in ESTRATEGIAS.values():
        assert punto in puntos
    paso = min(v for punto in puntos for v in punto if v > 0)
    reticula = pares_del_triangulo(paso).values()
    np.testing.assert_allclose(sorted(puntos), sorted(reticula))  # toda la retícula del triángulo, nada más
    ap, pe = puntos[len(puntos) // 2]
    cfg = componer("experimento=mapa", f"estrategia={{apoyo_produccion:{ap},promocion_economica:{pe}}}")
    assert (cfg.estrategia.apoyo_produccion, cfg.estrategia.promocion_economica) == (ap, pe)
