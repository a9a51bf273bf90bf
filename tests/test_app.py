"""Pruebas rápidas del taller sin navegador: catálogo, composición, matriz, desenlace parcial,
comparación, opciones de los gráficos y el comando ``simulacion-taller``."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from conftest import esperar

from simulacion.api import simular
from simulacion.indicadores import indicador
from simulacion.resultados.desenlace import DESENLACES, clasificar, indicadores
from simulacion.resultados.ejecucion import SIN_DATOS
from simulacion.taller import graficos, servidor, tarjetas
from simulacion.taller import sesion as taller
from simulacion.taller.graficos import ACTORES, CAPAS_MAPA, opcion_mapa, opcion_serie, puntos_actores

pagina = pytest.importorskip("simulacion.taller.pagina")
componentes = pytest.importorskip("simulacion.taller.componentes")

NOMBRES = ("complementariedad", "lamentable", "arriesgada", "condenados")


def test_catalogo_de_estrategias_en_orden_de_la_fuente():
    opciones = taller.catalogo("estrategia")
    assert [op.nombre for op in opciones] == list(NOMBRES)
    assert [op.titulo for op in opciones] == [f"Estrategia {r} (003)" for r in ("I", "II", "III", "IV")]
    assert all(op.descripcion for op in opciones)


def test_catalogo_de_grupo_inexistente_es_vacio():
    assert taller.catalogo("no_existe") == []


def test_catalogo_salta_la_directiva_de_hydra():
    assert taller.primer_comentario("# @package _global_\n# Caso I, agua: sistema\nx: 1\n") == "Caso I, agua: sistema"
    assert taller.primer_comentario("x: 1\n") == ""


def test_casos_tienen_titulo_y_descripcion():
    for op in taller.catalogo("caso"):
        assert op.titulo and op.titulo != op.nombre, op
        assert op.descripcion, op


def test_overrides_de_la_estrategia_propia():
    o = taller.overrides("lamentable", ap=0.3, pe=0.6, semilla=4, territorio={"n_pymes": 120})
    assert o[0] == "estrategia=lamentable"
    assert f"estrategia.nombre={taller.NOMBRE_PROPIA}" in o
    assert "estrategia.apoyo_produccion=0.3" in o and "estrategia.promocion_economica=0.6" in o
    assert "territorio.n_pymes=120" in o and "semilla=4" in o
    assert not any(x.startswith("estrategia.nombre") for x in taller.overrides("lamentable"))


@pytest.mark.parametrize("nombre", ["lamentable", "arriesgada"])
def test_modelo_del_taller_da_la_misma_serie_que_simular(nombre):
    m = taller.ModeloTaller(estrategia=nombre, semilla=3)
    for _ in range(6):
        m.step()
    esperado = simular(f"estrategia={nombre}", "semilla=3", "pasos=6").series
    pd.testing.assert_frame_equal(m.series, esperado)


def test_estrategia_propia_conserva_la_ejecucion_de_la_base():
    m = taller.ModeloTaller(estrategia="arriesgada", ap=0.3, pe=0.6)
    base = taller.ModeloTaller(estrategia="arriesgada")
    s, b = m.cfg.estrategia, base.cfg.estrategia
    assert (s.nombre, s.apoyo_produccion, s.promocion_economica) == (taller.NOMBRE_PROPIA, 0.3, 0.6)
    assert s.pe_cofinanciamiento == b.pe_cofinanciamiento and s.ap_fraccion_vial == b.ap_fraccion_vial


def test_estrategia_elegida_se_impone_a_la_del_caso():
    casos = [op.nombre for op in taller.catalogo("caso") if op.nombre != "ninguno"]
    if not casos:
        pytest.skip("todavía no hay casos en configs/caso/")
    for nombre in NOMBRES:
        s = taller.ModeloTaller(estrategia=nombre, caso=casos[0]).cfg.estrategia
        v = taller.valores_estrategia(nombre)
        assert (s.nombre, s.apoyo_produccion, s.promocion_economica) == (
            nombre,
            v["apoyo_produccion"],
            v["promocion_economica"],
        )
    del_caso = taller.ModeloTaller(estrategia=None, caso=casos[0]).cfg.estrategia
    esperado = simular(f"caso={casos[0]}").modelo.cfg.estrategia
    assert del_caso == esperado


def test_comparar_en_un_caso_distingue_las_estrategias():
    casos = [op.nombre for op in taller.catalogo("caso") if op.nombre != "ninguno"]
    if not casos:
        pytest.skip("todavía no hay casos en configs/caso/")
    r = taller.comparar(3, caso=casos[0], semilla=1)
    intensidades = {(x.resumen["apoyo_produccion"], x.resumen["promocion_economica"]) for x in r.values()}
    assert len(intensidades) == 4


def test_caso_se_compone_como_en_la_linea_de_comandos():
    casos = [op.nombre for op in taller.catalogo("caso") if op.nombre != "ninguno"]
    if not casos:
        pytest.skip("todavía no hay casos en configs/caso/")
    m = taller.ModeloTaller(estrategia=None, caso=casos[0], semilla=1)
    for _ in range(3):
        m.step()
    prefijo = "" if taller.defaults_incluyen("caso") else "+"
    esperado = simular(f"{prefijo}caso={casos[0]}", "semilla=1", "pasos=3").series
    pd.testing.assert_frame_equal(m.series, esperado)


@pytest.mark.parametrize("ap", [0.0, 0.05, 0.9])
@pytest.mark.parametrize("pe", [0.0, 0.05, 0.9])
def test_matriz_resalta_solo_la_celda_de_las_intensidades(ap, pe):
    html = tarjetas.matriz_html(ap, pe, "crecimiento")
    assert html.count('class="actual"') == 1
    nombre = tarjetas.titulo_celda((ap > 0, pe > 0))
    celda = re.search(r'<td class="actual"[^>]*>(.*?)</td>', html).group(1)
    assert celda.startswith(nombre)
    assert f"AP {ap:.2f}, PE {pe:.2f}" in celda


def test_desenlace_parcial_sin_datos_y_luego_clasificado():
    m = taller.ModeloTaller(semilla=2)
    assert taller.desenlace_parcial(m) == SIN_DATOS
    m.step()
    assert taller.desenlace_parcial(m) == SIN_DATOS
    for _ in range(5):
        m.step()
    assert taller.desenlace_parcial(m) == clasificar(indicadores(m.series), m.cfg.umbrales)
    assert taller.desenlace_parcial(m) in DESENLACES


def test_comparar_corre_las_cuatro_con_la_misma_semilla():
    r = taller.comparar(5, semilla=7)
    assert list(r) == list(NOMBRES)
    for nombre, res in r.items():
        esperado = simular(f"estrategia={nombre}", "semilla=7", "pasos=5")
        pd.testing.assert_frame_equal(res.series, esperado.series)
        assert res.resumen["desenlace"] == esperado.resumen["desenlace"]


def test_mapa_dibuja_cada_actor_y_la_capa():
    m = taller.ModeloTaller(semilla=1)
    for _ in range(4):
        m.step()
    for capa, (rotulo, vmin, vmax, _) in CAPAS_MAPA.items():
        op = opcion_mapa(m, capa)
        series = {s["name"]: s for s in op["series"]}
        celdas = np.array(series[rotulo]["data"])
        assert celdas.shape == (m.forma[0] * m.forma[1], 3)
        assert vmin <= celdas[:, 2].min() and celdas[:, 2].max() <= vmax
        assert len(series["Pyme tradicional"]["data"]) == int((~m.pymes.innovadora).sum())
        assert len(series["Pyme innovadora"]["data"]) == int(m.pymes.innovadora.sum())
        assert len(series["Empresa mayor"]["data"]) == len(m.empresas)
        assert len(series["Agencia de desarrollo"]["data"]) == len(m.agencias)
        assert len(series["Entidad financiera"]["data"]) == len(m.entidades)
        assert len(series["Municipalidad"]["data"]) == 1
        assert op["legend"]["data"] == list(ACTORES)


def test_pymes_dibujadas_en_su_celda():
    m = taller.ModeloTaller(semilla=1)
    puntos = np.array(puntos_actores(m)["Pyme tradicional"] + puntos_actores(m)["Pyme innovadora"])
    celdas = {tuple(c) for c in np.column_stack(np.divmod(m.pymes.celda, m.forma[1])).tolist()}
    assert {tuple(c) for c in np.rint(puntos).astype(int).tolist()} <= celdas


def test_graficos_con_rotulos_en_castellano():
    m = taller.ModeloTaller(semilla=1)
    for _ in range(3):
        m.step()
    op = opcion_serie(m.series, "Pymes por tipo", ("pymes_tradicionales", "pymes_innovadoras"))
    assert op["xAxis"]["name"] == "trimestre" and op["xAxis"]["data"] == [1, 2, 3]
    assert [s["name"] for s in op["series"]] == ["tradicionales", "innovadoras"]
    assert op["series"][1]["data"] == m.series["pymes_innovadoras"].tolist()


def test_tarjetas_y_graficos_del_desarrollo():
    """La vista en vivo muestra el ingreso de los hogares tradicionales (kS/ por hogar y trimestre) y las
    pymes bajo la línea de subsistencia (en %, × 100 la fracción guardada): en las tarjetas del trimestre y
    en un gráfico cada una, con su rótulo y su unidad.

    Visto en rojo: sin las dos columnas en ``tarjetas.INDICADORES_EN_VIVO`` y sin ``*PANELES_DESARROLLO``
    en ``graficos.PANELES_TALLER``.
    """
    m = taller.ModeloTaller(semilla=1)
    for _ in range(3):
        m.step()
    html = tarjetas.tarjetas_en_vivo_html(3, m.series)
    ingreso, bajo = m.series["ingreso_hogar_tradicional"].iloc[-1], m.series["fraccion_bajo_subsistencia"].iloc[-1]
    assert '<span data-indicador="ingreso_hogar_tradicional">Ingreso de los hogares tradicionales' in html
    assert f'<b class="valor">{ingreso:,.2f}</b> <small>kS/ por hogar y trimestre</small>' in html
    assert '<span data-indicador="fraccion_bajo_subsistencia">Pymes bajo la línea de subsistencia' in html
    assert f'<b class="valor">{100 * bajo:.1f}</b> <small>%</small>' in html
    paneles = dict(graficos.PANELES_TALLER)
    assert paneles["Ingreso de los hogares tradicionales (kS/ por hogar y trimestre)"] == ("ingreso_hogar_tradicional",)
    titulo = "Pymes bajo la línea de subsistencia (%)"
    op = graficos.opcion_serie(m.series, titulo, paneles[titulo])
    assert op["yAxis"]["max"] == 100.0
    np.testing.assert_allclose(op["series"][0]["data"], np.round(100 * m.series["fraccion_bajo_subsistencia"], 3))


def test_activos_del_front_end_estan_incluidos():
    """ECharts y requirejs (lo único que la página pide a ``/_solara/cdn``) vienen en solara-assets
    con la versión exacta que pide el componente de Solara: sin internet la página no queda en blanco."""
    import solara.components
    import solara.server.settings as ajustes

    vue = (Path(solara.components.__file__).parent / "echarts.vue").read_text(encoding="utf-8")
    version = re.search(r'const version = "([^"]+)"', vue).group(1)
    cdn = ajustes.assets.proxy_cache_dir
    assert (cdn / f"echarts@{version}" / "dist" / "echarts.js").is_file()
    assert (cdn / "requirejs@2.3.6" / "require.js").is_file()


def test_la_pagina_actualiza_los_graficos_tras_cambiar_de_estrategia():
    """La página armada en el proceso (sin navegador): tras pasos, un cambio de estrategia a mitad de
    corrida y más pasos, la corrida sigue (el reparto nuevo rige desde el trimestre 3 y los gráficos
    lo marcan), cada gráfico conserva su widget y recibe las opciones del trimestre en curso; y
    «Reiniciar» vuelve al trimestre 0 con la estrategia que rige."""
    import ipyvuetify as v
    import solara

    _, contexto = solara.render(pagina.Page(), handle_error=False)

    def graficos():
        return {w.attributes["aria-label"]: w for w in contexto.find(componentes.GraficoEcharts).widgets}

    def ejes_x():  # el eje de trimestres de cada gráfico de series
        return [w.option["xAxis"]["data"] for r, w in graficos().items() if r.startswith("Gráfico")]

    def paso(n):
        for _ in range(n):
            contexto.find(v.Btn, children=["Paso"]).widget.click()

    paso(2)
    antes = {r: w.model_id for r, w in graficos().items()}

    def matriz():
        textos = [w.unsafe_innerHTML or "" for w in contexto.find(solara.widgets.HTML).widgets]
        return [t for t in textos if 'class="matriz"' in t]

    contexto.find(v.Select, label="Estrategia").widget.v_model = "arriesgada"
    esperar(lambda: "AP 0.00, PE 0.90" in "".join(matriz()))
    assert len(matriz()) == 1
    mapa = graficos()["Mapa del territorio"].option
    paso(3)
    esperar(lambda: all(eje == [1, 2, 3, 4, 5] for eje in ejes_x()))
    despues = graficos()
    assert despues["Mapa del territorio"].option != mapa  # entran y salen pymes: el mapa se redibuja
    assert {r: w.model_id for r, w in despues.items()} == antes
    for rotulo, w in despues.items():
        if rotulo.startswith("Gráfico"):
            assert w.option["xAxis"]["data"] == [1, 2, 3, 4, 5], rotulo
            marcas = w.option["series"][0]["markLine"]["data"]
            assert [(m["name"], m["xAxis"]) for m in marcas] == [("→ arriesgada", "3")], rotulo
        else:
            assert len(w.option["series"]) == 1 + len(ACTORES), rotulo
    inversion = next(w.option for r, w in despues.items() if r.startswith("Gráfico: Inversión"))
    ap = next(s["data"] for s in inversion["series"] if s["name"] == indicador("inversion_publica_ap").leyenda)
    assert min(ap[:2]) > 0 and max(ap[2:]) == 0  # arriesgada no tiene AP: rige desde el trimestre 3
    contexto.find(v.Btn, children=["Reiniciar"]).widget.click()
    esperar(lambda: all(eje == [] for eje in ejes_x()))
    assert contexto.find(v.Select, label="Estrategia").widget.v_model == "arriesgada"
    paso(1)
    esperar(lambda: all(eje == [1] for eje in ejes_x()))
    assert all("markLine" not in w.option["series"][0] for r, w in graficos().items() if r.startswith("Gráfico"))


def test_plantilla_echarts_con_guarda():
    """Las opciones pueden llegar antes que ECharts: la plantilla no debe fallar en el navegador."""
    assert "if (this.chart) this.chart.setOption(this.option, true);" in componentes.PLANTILLA_ECHARTS
    assert componentes.GraficoEcharts(option={}).template == componentes.PLANTILLA_ECHARTS


def test_comando_simulacion_taller(capsys):
    a = servidor.argumentos([])
    assert (a.host, a.puerto) == ("127.0.0.1", 8765)
    a = servidor.argumentos(["--puerto", "9000", "--host", "0.0.0.0"])
    assert (a.host, a.puerto) == ("0.0.0.0", 9000)
    assert servidor.entorno_sin_red()["SOLARA_TELEMETRY_MIXPANEL_ENABLE"] == "False"
    for malo in (["--puerto", "x"], ["--puerto", "70000"], ["--otra"]):
        with pytest.raises(SystemExit):
            servidor.argumentos(malo)
        error = capsys.readouterr().err
        assert "uso: simulacion-taller" in error and "error:" in error
        assert "invalid" not in error and "unrecognized" not in error and "argument " not in error
    scripts = (Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    assert 'simulacion-taller = "simulacion.taller:main"' in scripts


def test_ayuda_de_simulacion_taller_en_castellano(capsys):
    """``--help`` (y ``-h``, ``--ayuda``) muestran la ayuda en castellano, con las opciones bajo «opciones»."""
    for pedido in ("--help", "-h", "--ayuda"):
        with pytest.raises(SystemExit) as salida:
            servidor.argumentos([pedido])
        assert salida.value.code == 0
        ayuda = capsys.readouterr().out
        assert ayuda.startswith("uso: simulacion-taller") and "\nopciones:\n" in ayuda
        assert "options" not in ayuda and "usage" not in ayuda and "show this help" not in ayuda
        assert "--puerto" in ayuda and "--host" in ayuda


def test_servidor_sirve_la_pagina(tmp_path):
    """``simulacion-taller`` de verdad (subproceso, sin navegador): responde y no deja errores."""
    import urllib.request

    from simulacion.taller.navegador import servidor_en_segundo_plano

    registro = tmp_path / "servidor.log"
    with servidor_en_segundo_plano(registro) as url:
        with urllib.request.urlopen(url, timeout=30) as respuesta:
            assert respuesta.status == 200
    assert "Traceback" not in registro.read_text()


def test_deslizadores_dentro_de_los_rangos_del_esquema():
    from dataclasses import fields

    from simulacion.config import Territorio

    rangos = {f.name: f.metadata.get("rango") for f in fields(Territorio)}
    for clave, (_, minimo, maximo, _) in taller.PARAMETROS_TERRITORIO.items():
        r = rangos[clave]
        if r is not None:
            assert r.minimo <= minimo and maximo <= r.maximo, clave
        m = taller.ModeloTaller(territorio={clave: minimo})
        assert getattr(m.cfg.territorio, clave) == minimo


def test_deslizadores_y_elecciones_del_gobierno_dentro_del_esquema():
    from dataclasses import fields

    from simulacion.config.esquema import Gobierno

    rangos = {f.name: f.metadata.get("rango") for f in fields(Gobierno)}
    for clave, (_, minimo, maximo, _) in taller.PARAMETROS_GOBIERNO.items():
        r = rangos[clave]
        assert r is None or (r.minimo <= minimo and maximo <= r.maximo), clave
        m = taller.ModeloTaller(gobierno={clave: maximo})
        assert getattr(m.cfg.gobierno, clave) == maximo
    m = taller.ModeloTaller(gobierno={"periodo_electoral": taller.PERIODO_ELECTORAL_TALLER})
    assert m.cfg.gobierno.periodo_electoral == 16 and taller.ModeloTaller().cfg.gobierno.periodo_electoral == 0


def test_configs_instaladas_incluyen_estrategias():
    assert (resources.files("simulacion.configs") / "estrategia" / "lamentable.yaml").is_file()


@pytest.mark.parametrize("dibujo_s, todos", [(0.1, True), (0.6, False)])
def test_reproducir_atrasado_salta_cuadros_no_trimestres(monkeypatch, dibujo_s, todos):
    """Si redibujar tarda más que el intervalo (servidor cargado), la reproducción avanza los trimestres
    atrasados sin redibujar: llega al mismo trimestre con la misma serie, dibuja el último y dibuja
    menos veces; si redibujar es rápido, dibuja cada trimestre. Con un reloj simulado (el modelo no
    tarda, el redibujo tarda ``dibujo_s``), así no depende de la carga de la máquina."""
    import threading

    import solara

    from simulacion.taller import estado as modulo

    reloj = SimpleNamespace(ahora=0.0)
    tiempo = SimpleNamespace(perf_counter=lambda: reloj.ahora, sleep=lambda s: setattr(reloj, "ahora", reloj.ahora + s))
    pasos, m = 12, taller.ModeloTaller(semilla=4, territorio={"n_pymes": 60})
    dibujados = []

    def dibujar():
        dibujados.append(m.steps)
        reloj.ahora += dibujo_s

    monkeypatch.setattr(modulo, "time", tiempo)
    monkeypatch.setattr(modulo, "force_update", dibujar)
    e = SimpleNamespace(pasos=solara.reactive(pasos), reproduciendo=solara.reactive(True))  # lo que lee reproducir
    modulo.Acciones(e, m, threading.Lock(), solara.reactive(0)).reproducir()
    assert m.steps == pasos and dibujados[-1] == pasos and not e.reproduciendo.value
    assert (dibujados == list(range(1, pasos + 1))) == todos, dibujados
    ritmo = pasos * modulo.INTERVALO_REPRODUCIR  # el mismo ritmo: sólo el último dibujo puede pasarse
    assert ritmo - 1e-9 <= reloj.ahora <= ritmo + dibujo_s + 1e-9
    otro = taller.ModeloTaller(semilla=4, territorio={"n_pymes": 60})
    for _ in range(pasos):
        otro.step()
    pd.testing.assert_frame_equal(m.series, otro.series)
