"""Casos de clase de 003 (grupo ``caso/``): cada historia da, sobre muchas semillas, el resultado
que cuenta la fuente. Cada prueba compara el caso con el mismo caso sin su ingrediente clave, con las
mismas semillas (experimento pareado); también prueban F5, F7 y F9 (docs/odd.md §1.3)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "experimentos"))
from hechos import EXPERIMENTOS, comparar, pareados  # noqa: E402

from simulacion.api import componer
from simulacion.resultados.procedencia import huella_de_referencia

SEMILLAS = range(4000, 4016)
SEMILLAS_F9 = range(4100, 4124)
CASOS = ("agua_lacteos", "mercado_municipal", "truchas", "queso", "carretera_puno", "cambio_de_gestion")


def _media_menor(d: np.ndarray) -> bool:
    """La media de ``d`` es negativa con margen de 2 errores estándar."""
    return d.mean() + 2 * d.std(ddof=1) / np.sqrt(len(d)) < 0


@pytest.mark.parametrize("caso", CASOS)
def test_cada_caso_se_compone_y_tiene_titulo(caso):
    archivo = Path(__file__).resolve().parents[1] / "configs" / "caso" / f"{caso}.yaml"
    lineas = archivo.read_text(encoding="utf-8").splitlines()
    assert lineas[0] == "# @package _global_"
    assert lineas[1].startswith("# ") and ":" in lineas[1]  # "# <Título>: <descripción>" (taller)
    assert componer(f"caso={caso}").estrategia.nombre == caso


def test_caso_i_agua_para_lacteos_hace_crecer_a_los_ganaderos():
    """Caso I: con el sistema de agua concertado los ganaderos producen más y la economía crece."""
    caso, sin_obra = comparar(
        ["caso=agua_lacteos"], ["estrategia.apoyo_produccion=0", "estrategia.promocion_economica=0"], SEMILLAS
    )
    assert (pareados(caso, sin_obra, "produccion_fin") > 0).mean() >= 0.9
    assert (caso.desenlace == "crecimiento").mean() >= 0.7


def test_caso_ii_mercado_municipal_pierde_plata_y_desplaza_privados():
    """Caso II / F9: la municipalidad empresaria no cobra lo que planificó (inquilinos morosos) y
    desplaza a los comerciantes privados **por competencia**: sus inquilinas venden en el mercado y no
    a las empresas. La prueba apaga ese mecanismo (``canales.desplazamiento_mercado``) con las mismas
    semillas: con un mercado grande hay menos empresas que sin la competencia, y el desplazamiento
    crece con el tamaño del mercado. Si el desplazamiento fuera un recorte fijo, o no existiera, falla."""
    base = ["caso=mercado_municipal"]
    grande = ["economia.puestos_mercado=60"]
    sin_competencia = ["canales.desplazamiento_mercado=false"]
    morosos, puntuales = comparar(base, ["economia.morosidad_mercado=0"], SEMILLAS_F9)
    assert (morosos.resultado_mercado < 0).all()
    assert (morosos.resultado_mercado < puntuales.resultado_mercado).all()  # pierde lo que planificó cobrar
    con_grande, sin_grande = comparar([*base, *grande], sin_competencia, SEMILLAS_F9)
    con_chico, sin_chico = comparar(base, sin_competencia, SEMILLAS_F9)
    desplazamiento_grande = pareados(con_grande, sin_grande, "empresas_fin").astype(float)
    desplazamiento_chico = pareados(con_chico, sin_chico, "empresas_fin").astype(float)
    assert _media_menor(desplazamiento_grande)
    assert desplazamiento_grande.mean() < desplazamiento_chico.mean()


def test_caso_iii_truchas_sin_demanda_fracasan_pese_al_apoyo():
    """Caso III / F7: con apoyo municipal pero sin demanda, el proyecto fracasa; con demanda, no."""
    base, cambio = EXPERIMENTOS["F7_truchas"]
    sin_demanda, con_demanda = comparar(base, cambio, SEMILLAS)
    assert (sin_demanda.inversion_publica_pe > 0).all()  # hubo apoyo municipal
    assert sin_demanda.proyectos_cofinanciados.sum() > 0
    assert (pareados(sin_demanda, con_demanda, "innovadoras_fin") < 0).mean() >= 0.9
    assert sin_demanda.tasa_fracaso_innovadoras.mean() > 2 * con_demanda.tasa_fracaso_innovadoras.mean()
    assert (sin_demanda.desenlace != "crecimiento").mean() >= 0.9


def test_queso_senal_de_demanda_y_concertacion_multiplican_innovadoras():
    """Queso: la señal de demanda con PE concertada (trochas, sanidad, crédito) multiplica las
    innovadoras frente al mismo territorio sin PE, y la economía crece."""
    queso, sin_pe = comparar(["caso=queso"], ["estrategia.promocion_economica=0"], SEMILLAS)
    assert (pareados(queso, sin_pe, "innovadoras_fin") > 0).mean() >= 0.9
    assert queso.innovadoras_fin.mean() > 1.5 * sin_pe.innovadoras_fin.mean()
    assert queso.concertacion.mean() > 0.5
    assert (queso.desenlace == "crecimiento").mean() >= 0.7


def test_carretera_de_puno_quiebra_a_productores_tradicionales():
    """Carretera de Puno / F5: caminos parejos hacia zonas de baja productividad, con productos de
    fuera más baratos, dejan menos pymes tradicionales que el mismo territorio sin esos caminos."""
    base, cambio = EXPERIMENTOS["F5_carretera"]
    caminos, sin_caminos = comparar(base, cambio, SEMILLAS)
    d = pareados(caminos, sin_caminos, "tradicionales_fin").astype(float)
    assert _media_menor(d)
    assert (d < 0).mean() >= 0.7


# ---------------------------------------------------------------------- la guía del facilitador
def test_la_guia_trae_los_puntos_de_control_del_modelo():
    """Cada tabla de puntos de control de docs/guia_facilitador.md es lo que da hoy el modelo (semilla 0,
    compuesto como en la página). Si el modelo cambia: ``experimentos/taller_casos.py --actualizar-guia``
    y revisar el texto de los ejercicios."""
    import taller_casos

    texto = taller_casos.GUIA.read_text(encoding="utf-8")
    esperadas = taller_casos.tablas_puntos(taller_casos.medir_puntos())
    assert taller_casos.bloques_de_la_guia(texto) == esperadas


def test_la_guia_dice_los_umbrales_del_desenlace():
    """Los umbrales con que la guía explica el desenlace son los del programa."""
    from simulacion.config import Configuracion

    u = Configuracion().umbrales
    texto = (Path(__file__).resolve().parents[1] / "docs" / "guia_facilitador.md").read_text(encoding="utf-8")
    coma = str.maketrans(".", ",")
    assert f"`crecimiento_descomposicion` = −{-100 * u.crecimiento_descomposicion:g} %/año".translate(coma) in texto
    assert f"`crecimiento_minimo` = {100 * u.crecimiento_minimo:g} %/año".translate(coma) in texto
    assert f"`perdida_innovadora_maxima` = {u.perdida_innovadora_maxima:g}".translate(coma) in texto


def test_el_anexo_de_la_guia_es_del_modelo_de_hoy():
    """El pie del anexo nombra el comando que lo escribe y la huella del modelo con que se midió (no un
    commit, que se vuelve viejo al fusionar); si el modelo ya no da esa huella, el anexo está viejo:
    ``experimentos/taller_casos.py --actualizar-anexo``. La huella es la de referencia (numpy en su nivel
    base, procedencia.py), así que la prueba vale en un procesador con AVX-512 y en uno sin él."""
    import re

    import taller_casos

    texto = taller_casos.GUIA.read_text(encoding="utf-8")
    pie = re.search(r"<!-- tabla del anexo -->.*\n(\(.*\))\n<!-- fin de la tabla del anexo -->", texto, re.S)
    assert pie, "la guía no trae la tabla del anexo con su pie"
    assert f"`{taller_casos.comando_anexo(taller_casos.SEMILLAS_ANEXO, taller_casos.PASOS_ANEXO)}`" in pie.group(
        1
    ) and "commit" not in pie.group(1)
    huella = re.search(r"huella del modelo `([0-9a-f]{12})`", pie.group(1))
    assert huella, "el pie del anexo no trae la huella del modelo"
    assert huella.group(1) == huella_de_referencia(), (
        f"el modelo de hoy da la huella {huella_de_referencia()} (numpy en su nivel base, con las versiones "
        f"de uv.lock) y el anexo de la guía dice {huella.group(1)}. Si cambió el modelo a propósito, o se "
        "actualizó uv.lock y docs/rendimiento.md («Reproducibilidad») registra qué cifras se movieron, "
        "reescriba el anexo: .venv/bin/python experimentos/taller_casos.py --actualizar-anexo. Si no cambió "
        "ninguna de las dos cosas, el anexo está bien y lo que cambió es el entorno: instálelo desde "
        "uv.lock (README, «Inicio rápido»)."
    )
