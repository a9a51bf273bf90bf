"""Pruebas de las partes puras de «guardar y superponer» del taller (sin navegador): el registro de
cambios de reparto y su reproducción, las corridas guardadas, la comparación con varias semillas y
las opciones de los gráficos superpuestos y de las marcas de cambio."""

from __future__ import annotations

import pandas as pd
import pytest

from simulacion.api import simular
from simulacion.estrategias import color, estrategias
from simulacion.taller import corridas, graficos, tarjetas
from simulacion.taller.corridas import Cambio, ClaveComparacion, Corrida
from simulacion.taller.sesion import ModeloTaller


def _modelo(pasos: int = 0, **parametros) -> ModeloTaller:
    m = ModeloTaller(**parametros)
    for _ in range(pasos):
        m.step()
    return m


# ---------------------------------------------------------------------- cambios de reparto
def test_reproducir_el_registro_da_la_misma_serie_que_cambiar_reparto_a_mano():
    """Una corrida con dos cambios (en los trimestres 3 y 6) reproducida desde el registro es idéntica,
    trimestre a trimestre, a la que llamó ``cambiar_reparto`` en vivo; y distinta de no cambiar."""
    a_mano = _modelo(semilla=2)
    for trimestre in range(10):
        if trimestre == 3:
            a_mano.municipalidad.cambiar_reparto(0.9, 0.0)
        if trimestre == 6:
            a_mano.municipalidad.cambiar_reparto(0.0, 0.9)
        a_mano.step()
    registro = (Cambio(3, 0.9, 0.0, "lamentable"), Cambio(6, 0.0, 0.9, "arriesgada"))
    reproducida = _modelo(semilla=2)
    corridas.avanzar(reproducida, registro, 10)
    pd.testing.assert_frame_equal(reproducida.series, a_mano.series)
    sin_cambios = _modelo(10, semilla=2)
    pd.testing.assert_frame_equal(sin_cambios.series.iloc[:3], a_mano.series.iloc[:3])
    assert not sin_cambios.series["inversion_publica_ap"].equals(a_mano.series["inversion_publica_ap"])
    assert (a_mano.series["inversion_publica_ap"].iloc[6:] == 0).all()


def test_avanzar_por_tramos_aplica_el_cambio_del_ultimo_trimestre():
    """Reproducir hasta el trimestre del cambio deja el reparto nuevo en vigor (rige desde el siguiente),
    y seguir después da la misma serie que reproducir de una vez."""
    registro = (Cambio(4, 0.0, 0.0, "condenados"),)
    por_tramos = _modelo(semilla=1)
    corridas.avanzar(por_tramos, registro, 4)
    assert por_tramos.municipalidad.reparto == (0.0, 0.0)
    corridas.avanzar(por_tramos, registro, 7)
    de_una_vez = _modelo(semilla=1)
    corridas.avanzar(de_una_vez, registro, 7)
    pd.testing.assert_frame_equal(por_tramos.series, de_una_vez.series)


def test_registrar_cambio_reemplaza_el_del_mismo_trimestre():
    uno = corridas.registrar_cambio((), Cambio(3, 0.9, 0.0, "lamentable"))
    dos = corridas.registrar_cambio(uno, Cambio(3, 0.5, 0.2, "personalizada"))
    tres = corridas.registrar_cambio(dos, Cambio(5, 0.0, 0.0, "condenados"))
    assert tres == (Cambio(3, 0.5, 0.2, "personalizada"), Cambio(5, 0.0, 0.0, "condenados"))
    assert tres[0].desde == 4 and "desde el trimestre 4" in tres[0].texto()


def test_reparto_vigente():
    """El reparto que rige es el del modelo (``Municipalidad.reparto``), con el rótulo del último cambio
    o de la estrategia; si lo cambió otra cosa (una elección), es ``personalizada``."""
    m = _modelo(estrategia="lamentable")
    assert corridas.reparto_vigente(m, ()) == ("lamentable", 0.9, 0.0)
    cambio = Cambio(0, 0.0, 0.9, "arriesgada")
    corridas.aplicar(m, cambio)
    assert corridas.reparto_vigente(m, (cambio,)) == ("arriesgada", 0.0, 0.9)
    m.municipalidad.cambiar_reparto(0.3, 0.4)  # como tras una elección perdida
    assert corridas.reparto_vigente(m, (cambio,)) == ("personalizada", 0.3, 0.4)


def test_cambio_de_gestion_a_mano_se_reproduce_y_no_es_un_cambio_de_reparto():
    """Un cambio de gestión del registro llama a ``Gobierno.cambiar_gestion`` (sube ``gestion``, la mesa
    se disuelve sin institucionalización) y la reproducción da la misma serie que hacerlo a mano; un
    cambio de reparto con el mismo AP/PE da otra serie (la misma gestión sigue)."""
    a_mano = _modelo(semilla=4)
    for trimestre in range(8):
        if trimestre == 3:
            a_mano.gobierno.cambiar_gestion(0.0, 0.9)
        a_mano.step()
    gestion = Cambio(3, 0.0, 0.9, "arriesgada", gestion=True)
    reproducida = _modelo(semilla=4)
    corridas.avanzar(reproducida, (gestion,), 8)
    pd.testing.assert_frame_equal(reproducida.series, a_mano.series)
    assert reproducida.series["gestion"].tolist() == [1, 1, 1, 2, 2, 2, 2, 2]
    solo_reparto = _modelo(semilla=4)
    corridas.avanzar(solo_reparto, (Cambio(3, 0.0, 0.9, "arriesgada"),), 8)
    assert (solo_reparto.series["gestion"] == 1).all()
    assert not solo_reparto.series.equals(reproducida.series)
    assert gestion.texto() == "gestión nueva: arriesgada (AP 0.00, PE 0.90) desde el trimestre 4"


def test_un_cambio_de_gestion_no_se_reemplaza_en_el_mismo_trimestre():
    """Mover AP tras un cambio de gestión del mismo trimestre no lo borra del registro (ya ocurrió)."""
    gestion = Cambio(3, 0.0, 0.9, "arriesgada", gestion=True)
    reparto = Cambio(3, 0.2, 0.7, "personalizada")
    assert corridas.registrar_cambio((gestion,), reparto) == (gestion, reparto)
    assert corridas.registrar_cambio((reparto,), gestion) == (reparto, gestion)


# ---------------------------------------------------------------------- corridas guardadas
def _corrida(nombre: str, semilla: int = 0, cambios=(), pasos: int = 3) -> Corrida:
    e = estrategias()[nombre]
    serie = pd.DataFrame({"paso": range(1, pasos + 1), "produccion_total": [float(semilla)] * pasos})
    return Corrida(nombre, e.apoyo_produccion, e.promocion_economica, None, semilla, tuple(cambios), serie)


def test_se_guardan_hasta_cuatro_corridas_y_sale_la_mas_antigua():
    guardadas = ()
    for semilla in range(6):
        guardadas = corridas.guardar(guardadas, _corrida("lamentable", semilla))
        assert len(guardadas) == min(semilla + 1, corridas.MAXIMO_CORRIDAS)
    assert [c.semilla for c in guardadas] == [2, 3, 4, 5]


def test_etiqueta_y_color_de_una_corrida_guardada():
    m = _modelo(2, estrategia="complementariedad", caso="agua_lacteos", semilla=3)
    c = Corrida.de_modelo(m, "agua_lacteos", (Cambio(1, 0.9, 0.0, "lamentable"),))
    assert c.etiqueta == (
        f"complementariedad → lamentable (trimestre 2) · {corridas.titulo_caso('agua_lacteos')} · semilla 3"
    )
    assert c.color == color("complementariedad")
    assert c.series is not m.series and len(c.series) == 2
    assert _corrida("condenados").etiqueta == "condenados · sin caso · semilla 0"


# ---------------------------------------------------------------------- comparar con varias semillas
def test_texto_de_desenlaces_de_mayor_a_menor():
    texto = corridas.texto_desenlaces
    assert texto(["crecimiento"] * 4 + ["estancamiento"]) == "crecimiento en 4 de 5, estancamiento en 1 de 5"
    assert texto(["fragilidad", "crecimiento"]) == "crecimiento en 1 de 2, fragilidad en 1 de 2"
    assert texto(["descomposicion"] * 3) == "descomposición en 3 de 3"


def test_la_clave_de_comparacion_cambia_con_la_eleccion():
    clave = ClaveComparacion.de("truchas", 2, 5, 40, {"n_pymes": 100})
    assert clave.semillas == (2, 3, 4, 5, 6)
    assert clave == ClaveComparacion.de("truchas", 2, 5, 40, {"n_pymes": 100})
    for otra in (("truchas", 3, 5, 40, {"n_pymes": 100}), ("truchas", 2, 4, 40, {"n_pymes": 100})):
        assert clave != ClaveComparacion.de(*otra)
    assert clave != ClaveComparacion.de("truchas", 2, 5, 40, {})
    con_elecciones = ClaveComparacion.de("truchas", 2, 5, 40, {"n_pymes": 100}, {"periodo_electoral": 16})
    assert clave != con_elecciones and con_elecciones.rotulo().endswith(" · elecciones cambiadas")
    assert clave.rotulo().startswith("5 semillas (2 a 6) · ")
    assert ClaveComparacion.de(None, 0, 1, 8, {}).rotulo() == "semilla 0 · sin caso · 8 trimestres"


def test_comparar_semillas_con_caso_incluye_la_del_caso():
    """Con un caso: las cuatro estrategias y la del caso, cada una con cada semilla; cada corrida es la
    de ``simular`` con esa estrategia, caso y semilla."""
    clave = ClaveComparacion.de("agua_lacteos", 1, 2, 3, {})
    progreso = []
    comparacion = corridas.comparar_semillas(clave, lambda hechas, total: progreso.append((hechas, total)))
    assert [f.nombre for f in comparacion.filas][:4] == list(estrategias())
    assert comparacion.filas[4].nombre.startswith("la del caso")
    assert progreso[-1] == (10, 10) and len(progreso) == 10
    del_caso = simular("caso=agua_lacteos", "semilla=2", "pasos=3")
    pd.testing.assert_frame_equal(comparacion.filas[4].resultados[1].series, del_caso.series)
    assert (comparacion.filas[4].ap, comparacion.filas[4].pe) == (
        del_caso.modelo.cfg.estrategia.apoyo_produccion,
        del_caso.modelo.cfg.estrategia.promocion_economica,
    )
    fila = comparacion.filas[1]
    assert fila.texto.endswith("de 2") and " en " in fila.texto
    assert "de 2" in tarjetas.resumen_semillas_html(fila)
    opcion = graficos.opcion_comparacion_semillas(comparacion, "produccion_total")
    assert [s["name"] for s in opcion["series"]] == [f.nombre for f in comparacion.filas]
    esperado = pd.concat([r.series["produccion_total"] for r in fila.resultados], axis=1).median(axis=1)
    assert opcion["series"][1]["data"] == esperado.round(3).tolist()


# ---------------------------------------------------------------------- gráficos
def test_marcas_de_cambio_en_ejes_de_categorias_y_de_valores():
    cambios = (Cambio(8, 0.9, 0.0, "lamentable"),)
    serie = pd.DataFrame({"paso": range(1, 13), "produccion_total": range(12)})
    opcion = graficos.con_marcas(graficos.opcion_serie(serie, "Producción", ("produccion_total",)), cambios)
    marca = opcion["series"][0]["markLine"]["data"]
    assert marca == [{"name": "→ lamentable", "xAxis": "9"}]  # categoría del trimestre 9
    valores = {"xAxis": {"type": "value"}, "series": [{"data": []}]}
    assert graficos.con_marcas(valores, cambios)["series"][0]["markLine"]["data"][0]["xAxis"] == 9
    assert graficos.con_marcas(opcion, ()) is opcion


def _serie_con_elecciones() -> pd.DataFrame:
    """Elecciones en los trimestres 4 (sigue la gestión), 8 (gana otra) y 12 (sigue la nueva, que llegó
    a mano en el 11 ─ decidido en el 10 ─ y no por la elección)."""
    return pd.DataFrame(
        {
            "paso": range(1, 13),
            "produccion_total": range(12),
            "eleccion": [0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1],
            "gestion": [1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 3, 3],
        }
    )


def test_marcas_de_eleccion_salen_de_la_columna_eleccion():
    serie = _serie_con_elecciones()
    a_mano = (Cambio(10, 0.0, 0.9, "arriesgada", gestion=True),)
    marcas = graficos.marcas_de_eleccion(serie, a_mano)
    assert marcas == [(4, "elección"), (8, "elección: gestión 2"), (12, "elección")]
    assert graficos.marcas_de_eleccion(serie.assign(eleccion=0)) == []
    assert graficos.marcas_de_eleccion(serie.drop(columns="eleccion")) == []


def test_marcas_de_eleccion_se_distinguen_de_las_de_cambio():
    """Las elecciones y los cambios van en el mismo ``markLine``: un cambio, con el estilo a rayas
    general; una elección, punteada, de otro color y con el rótulo abajo."""
    serie = _serie_con_elecciones()
    cambios = (Cambio(10, 0.0, 0.9, "arriesgada", gestion=True),)
    elecciones = graficos.marcas_de_eleccion(serie, cambios)
    base = graficos.opcion_serie(serie, "Producción", ("produccion_total",))
    marca = graficos.con_marcas(base, cambios, elecciones=elecciones)["series"][0]["markLine"]
    assert marca["lineStyle"]["type"] == "dashed"
    datos = marca["data"]
    assert datos[0] == {"name": "→ gestión nueva: arriesgada", "xAxis": "11"}
    assert [(d["name"], d["xAxis"]) for d in datos[1:]] == [
        ("elección", "4"),
        ("elección: gestión 2", "8"),
        ("elección", "12"),
    ]
    for dato in datos[1:]:
        assert dato["lineStyle"]["type"] == "dotted" and dato["lineStyle"]["color"] != marca["lineStyle"]["color"]
        assert dato["label"]["position"] != marca["label"]["position"]
    solo_elecciones = graficos.con_marcas(base, (), elecciones=elecciones)
    assert len(solo_elecciones["series"][0]["markLine"]["data"]) == 3


def test_series_superpuestas_marcan_las_elecciones_de_cada_corrida():
    con = Corrida("complementariedad", 0.45, 0.45, None, 0, (), _serie_con_elecciones())
    sin = _corrida("lamentable", 0, pasos=12)
    series = graficos.series_superpuestas((sin, con), "produccion_total")["series"]
    assert "markLine" not in series[0]
    assert [d["xAxis"] for d in series[1]["markLine"]["data"]] == ["4", "8", "12"]


def test_series_superpuestas_con_leyenda_color_y_marcas():
    guardadas = (_corrida("lamentable", 0), _corrida("lamentable", 1, [Cambio(1, 0.0, 0.9, "arriesgada")], pasos=5))
    en_curso = _corrida("complementariedad", 2, pasos=4)
    opcion = graficos.series_superpuestas(guardadas, "produccion_total", en_curso)
    nombres = opcion["legend"]["data"]
    assert nombres == [f"1. {guardadas[0].etiqueta}", f"2. {guardadas[1].etiqueta}", f"en curso: {en_curso.etiqueta}"]
    assert opcion["xAxis"]["data"] == [1, 2, 3, 4, 5]
    series = opcion["series"]
    assert [s["lineStyle"]["color"] for s in series] == [color("lamentable")] * 2 + [color("complementariedad")]
    assert series[0]["lineStyle"]["type"] != series[1]["lineStyle"]["type"]
    assert "markLine" not in series[0]
    assert series[1]["markLine"]["data"] == [{"name": "→ arriesgada", "xAxis": "2"}]
    assert series[1]["data"] == [1.0] * 5


@pytest.mark.parametrize("nombre", ["lamentable", "condenados"])
def test_color_de_reparto_es_el_de_la_estrategia(nombre):
    e = estrategias()[nombre]
    assert _corrida(nombre).color == color(nombre)
    assert corridas.Fila(nombre, e.apoyo_produccion, e.promocion_economica, ()).color == color(nombre)
