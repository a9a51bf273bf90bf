"""Salas del taller por roles (issue 16): estado, permisos, guardado en disco y reproducción.

Sin servidor ni navegador: la sala como datos (:mod:`simulacion.taller.salas.estado`), la sala en
juego con un modelo por grupo (:mod:`simulacion.taller.salas.juego`) sobre un territorio chico.
"""

from __future__ import annotations

import json
import os

import pandas as pd
import pytest

from simulacion.taller.salas import juego, roles
from simulacion.taller.salas.estado import (
    CERRADA,
    PAUSA,
    AccionRechazada,
    Sala,
    SinPermiso,
    codigo_valido,
    nuevo_codigo,
)
from simulacion.taller.sesion import ModeloTaller

TERRITORIO_CHICO = {"n_pymes": 80, "ancho": 10, "alto": 10}


def construir_chico(sala: Sala) -> ModeloTaller:
    """Un territorio chico con la semilla de la sala (las pruebas no necesitan el de 300 pymes)."""
    return ModeloTaller(caso=sala.caso, semilla=sala.semilla, territorio=TERRITORIO_CHICO)


@pytest.fixture
def registro(tmp_path):
    return juego.Registro(tmp_path / "salas", construir_chico)


def _partida(registro):
    """Una sala de 2 grupos con los tres roles en el grupo 1 y la municipalidad en el 2, 2 años jugados."""
    en_juego = registro.crear(semilla=3, grupos=2, anios=4)
    f = en_juego.sala.ficha_facilitador
    muni1 = en_juego.unir(1, "municipalidad", "Ana")
    asoc1 = en_juego.unir(1, "asociacion")
    banco1 = en_juego.unir(1, "financiera")
    muni2 = en_juego.unir(2, "municipalidad")
    en_juego.decidir(muni1.ficha, {"ap": 0.2, "pe": 0.7})
    en_juego.decidir(asoc1.ficha, {"aporte": "caja"})
    en_juego.decidir(banco1.ficha, {"tasa": 0.05, "acepta_garantia": False, "apalancamiento": 0.3})
    en_juego.decidir(muni2.ficha, {"ap": 0.9, "pe": 0.0})
    en_juego.avanzar(f)
    en_juego.decidir(muni1.ficha, {"ap": 0.5, "pe": 0.4})  # la asociación y el banco no deciden: sigue lo de antes
    en_juego.avanzar(f)
    en_juego.decidir(muni2.ficha, {"ap": 0.1, "pe": 0.1})  # del año 3, todavía sin jugar
    return en_juego, {"muni1": muni1, "asoc1": asoc1, "banco1": banco1, "muni2": muni2}


# ---------------------------------------------------------------------- código y fichas
def test_el_codigo_son_4_a_6_mayusculas_o_digitos_y_no_repite():
    codigos = {nuevo_codigo() for _ in range(200)}
    assert all(codigo_valido(c) and 4 <= len(c) <= 6 for c in codigos)
    assert nuevo_codigo(ocupados=codigos) not in codigos
    assert not codigo_valido("ab12") and not codigo_valido("ABC") and not codigo_valido("ABCDEFG")


def test_la_sala_se_encuentra_con_el_codigo_escrito_de_cualquier_forma(registro):
    en_juego = registro.crear()
    assert registro.obtener(f" {en_juego.codigo.lower()} ") is en_juego
    assert registro.obtener("ZZZZ9") is None


# ---------------------------------------------------------------------- permisos
def test_otra_ficha_no_puede_decidir_ni_por_otro_grupo_ni_por_otro_rol(registro):
    en_juego = registro.crear(grupos=2)
    muni = en_juego.unir(1, "municipalidad")
    with pytest.raises(SinPermiso):
        en_juego.decidir("ficha-inventada", {"ap": 0.5, "pe": 0.5})
    with pytest.raises(SinPermiso):  # su ficha, pero pidiendo el grupo 2
        en_juego.decidir(muni.ficha, {"ap": 0.5, "pe": 0.5}, grupo=2)
    with pytest.raises(SinPermiso):  # su ficha, pero pidiendo otro rol
        en_juego.decidir(muni.ficha, {"aporte": "caja"}, rol="asociacion")
    with pytest.raises(SinPermiso):  # un participante no avanza el año
        en_juego.avanzar(muni.ficha)
    assert en_juego.sala.decisiones == []
    en_juego.decidir(muni.ficha, {"ap": 0.5, "pe": 0.5}, grupo=1, rol="municipalidad")
    assert [(d.grupo, d.rol) for d in en_juego.sala.decisiones] == [(1, "municipalidad")]


def test_las_fichas_no_se_repiten_y_son_largas(registro):
    en_juego = registro.crear(grupos=3)
    fichas = {en_juego.unir(1 + k % 3, "asociacion").ficha for k in range(50)}
    assert len(fichas) == 50 and min(map(len, fichas)) >= 32


def test_una_decision_imposible_se_rechaza_en_castellano(registro):
    en_juego = registro.crear()
    muni = en_juego.unir(1, "municipalidad")
    with pytest.raises(roles.DecisionInvalida, match="no puede pasar del 100 %"):
        en_juego.decidir(muni.ficha, {"ap": 0.7, "pe": 0.5})
    banco = en_juego.unir(1, "financiera")
    with pytest.raises(roles.DecisionInvalida, match="garantía"):
        en_juego.decidir(banco.ficha, {"tasa": 0.03, "apalancamiento": 0.4})
    assert en_juego.sala.decisiones == []


def test_en_pausa_fuera_de_tiempo_o_cerrada_no_se_decide(registro):
    en_juego = registro.crear(segundos=60)
    f, muni = en_juego.sala.ficha_facilitador, en_juego.unir(1, "municipalidad")
    en_juego.pausar(f)
    assert en_juego.sala.estado == PAUSA
    with pytest.raises(AccionRechazada, match="pausa"):
        en_juego.decidir(muni.ficha, {"ap": 0.5, "pe": 0.5})
    en_juego.reanudar(f)
    en_juego.sala.limite = 0.0  # el reloj del año se acabó
    with pytest.raises(AccionRechazada, match="tiempo"):
        en_juego.decidir(muni.ficha, {"ap": 0.5, "pe": 0.5})
    en_juego.cerrar(f)
    assert en_juego.sala.estado == CERRADA
    with pytest.raises(AccionRechazada):
        en_juego.decidir(muni.ficha, {"ap": 0.5, "pe": 0.5})


# ---------------------------------------------------------------------- el juego
def test_los_roles_que_nadie_tomo_juegan_como_siempre(registro):
    """Un grupo sin decisiones da exactamente la corrida de siempre (misma semilla)."""
    en_juego = registro.crear(semilla=3, grupos=1)
    en_juego.avanzar(en_juego.sala.ficha_facilitador)
    en_juego.avanzar(en_juego.sala.ficha_facilitador)
    solo = construir_chico(en_juego.sala)
    for _ in range(8):
        solo.step()
    pd.testing.assert_frame_equal(en_juego.series()[1], solo.series)


def test_una_decision_que_falta_mantiene_la_del_anio_anterior(registro):
    en_juego, _ = _partida(registro)
    series = en_juego.series()
    assert len(series[1]) == 8
    # grupo 1: AP 0,2 / PE 0,7 el año 1 y 0,5 / 0,4 el año 2; grupo 2: 0,9 / 0 los dos años
    assert series[1]["ap_vigente"].tolist() == [0.2] * 4 + [0.5] * 4
    assert series[2]["ap_vigente"].tolist() == [0.9] * 8 and series[2]["pe_vigente"].tolist() == [0.0] * 8
    _, vigente = en_juego.foto(1)
    assert vigente["asociacion"] == {"aporte": "caja"}  # decidido el año 1, sigue el año 2
    assert vigente["financiera"]["acepta_garantia"] is False and vigente["financiera"]["tasa"] == 0.05


def test_si_la_asociacion_no_va_a_la_mesa_no_hay_cofinanciamiento(registro):
    """La decisión llega al modelo por el comportamiento de siempre: sin propuestas en la mesa no hay
    concertación ni proyectos cofinanciados (003, PE punto d). El grupo 1, con la misma semilla y la
    asociación en la mesa, sí cofinancia (en el territorio chico de 80 pymes, no en toda semilla: se
    juegan tres)."""
    cofinanciados_grupo_1 = 0
    for semilla in (1, 2, 3):
        en_juego = registro.crear(semilla=semilla, grupos=2, anios=3)
        f = en_juego.sala.ficha_facilitador
        for grupo in (1, 2):
            en_juego.decidir(en_juego.unir(grupo, "municipalidad").ficha, {"ap": 0.3, "pe": 0.7})
        en_juego.decidir(en_juego.unir(2, "asociacion").ficha, {"aporte": "ninguno"})
        for _ in range(3):
            en_juego.avanzar(f)
        series = en_juego.series()
        cofinanciados_grupo_1 += series[1]["proyectos_cofinanciados"].sum()
        assert series[2]["proyectos_cofinanciados"].sum() == 0 and series[2]["concertacion"].sum() == 0
    assert cofinanciados_grupo_1 > 0


def test_una_entidad_que_no_presta_corta_el_credito_del_territorio(registro):
    """La decisión de la entidad llega por sus reglas de siempre: con límite 0 y sin garantía,
    ninguna pyme obtiene crédito (``EntidadFinanciera.limite``)."""
    en_juego = registro.crear(semilla=2, grupos=2, anios=2)
    banco = en_juego.unir(2, "financiera")
    en_juego.decidir(banco.ficha, {"tasa": 0.03, "acepta_garantia": False, "apalancamiento": 0.0})
    for _ in range(2):
        en_juego.avanzar(en_juego.sala.ficha_facilitador)
    series = en_juego.series()
    assert series[1]["credito_otorgado"].sum() > 0
    assert series[2]["credito_otorgado"].sum() == 0


# ---------------------------------------------------------------------- disco
def test_reiniciar_el_servidor_relee_la_sala_sin_perder_ninguna_decision(registro):
    """Como matar y volver a iniciar el servidor: un registro nuevo lee la carpeta, rehace los modelos
    con el registro de decisiones y da las mismas series; las fichas siguen valiendo."""
    en_juego, quienes = _partida(registro)
    antes = en_juego.series()
    otro = juego.Registro(registro.carpeta, construir_chico).cargar()
    de_nuevo = otro.obtener(en_juego.codigo)
    assert de_nuevo is not None and de_nuevo is not en_juego
    assert de_nuevo.sala.a_json() == en_juego.sala.a_json()
    assert len(de_nuevo.sala.decisiones) == 6 and de_nuevo.sala.anio == 2
    for grupo, serie in de_nuevo.series().items():
        pd.testing.assert_frame_equal(serie, antes[grupo])
    # el participante vuelve a su rol con su ficha; el facilitador sigue al mando
    de_nuevo.decidir(quienes["asoc1"].ficha, {"aporte": "credito"})
    de_nuevo.avanzar(de_nuevo.sala.ficha_facilitador)
    en_juego.decidir(quienes["asoc1"].ficha, {"aporte": "credito"})
    en_juego.avanzar(en_juego.sala.ficha_facilitador)
    for grupo, serie in de_nuevo.series().items():
        pd.testing.assert_frame_equal(serie, en_juego.series()[grupo])


def test_el_guardado_es_atomico(registro, monkeypatch):
    """Si la escritura falla a mitad (antes de ``os.replace``), el archivo anterior queda entero y no
    quedan temporales."""
    en_juego = registro.crear()
    ruta = registro.ruta(en_juego.codigo)
    antes = ruta.read_text()

    def falla(*_):
        raise OSError("disco lleno")

    monkeypatch.setattr(os, "replace", falla)
    with pytest.raises(OSError):
        en_juego.unir(1, "municipalidad")
    monkeypatch.undo()
    assert ruta.read_text() == antes and json.loads(antes)["participantes"] == []
    assert sorted(p.name for p in ruta.parent.iterdir()) == [ruta.name]


def test_un_archivo_roto_no_impide_leer_las_demas(registro, capsys):
    en_juego = registro.crear()
    (registro.carpeta / "ROTO1.json").write_text("{no es json")
    otro = juego.Registro(registro.carpeta, construir_chico).cargar()
    assert list(otro.salas) == [en_juego.codigo]
    assert "no se pudo leer" in capsys.readouterr().out


def test_las_paginas_se_enteran_de_un_cambio(registro):
    version = registro.version
    assert registro.esperar(version, 0.01) == version
    registro.crear()
    assert registro.esperar(version, 0.01) > version


# ---------------------------------------------------------------------- plenario
def test_el_reparto_ejecutado_es_lo_gastado_sobre_la_inversion():
    from simulacion.taller.salas.plenario import reparto_ejecutado

    series = pd.DataFrame(
        {
            "presupuesto_municipal": [100.0, 100.0],
            "inversion_publica_ap": [20.0, 10.0],
            "inversion_publica_pe": [5.0, 0.0],
        }
    )
    assert reparto_ejecutado(series, 0.5) == pytest.approx((0.3, 0.05))
    assert reparto_ejecutado(series.iloc[:0], 0.5) == (0.0, 0.0)


def test_el_plenario_ubica_cada_grupo_y_arma_una_pagina_por_grupo(registro):
    import re

    from simulacion.estrategias import cuadrante
    from simulacion.taller import material
    from simulacion.taller.salas import plenario
    from simulacion.taller.tarjetas import titulo_celda

    en_juego, _ = _partida(registro)
    series, cfg = en_juego.series(), en_juego.configuracion()
    puntos = plenario.puntos(series, cfg)
    assert [p.grupo for p in puntos] == [1, 2]
    assert puntos[1].pe == 0.0 and puntos[1].ap > 0.5  # el grupo 2 no puso nada en PE
    html = plenario.matriz_grupos_html(puntos)
    for punto in puntos:  # cada grupo, una vez, en la celda de su reparto ejecutado
        celdas = re.findall(r"<td[^>]*>(.*?)</td>", html)
        con_grupo = [c for c in celdas if f'data-grupo="{punto.grupo}"' in c]
        assert len(con_grupo) == 1 and titulo_celda(cuadrante(punto.ap, punto.pe)) in con_grupo[0]
    tiempo = plenario.linea_de_tiempo(en_juego.sala)
    assert set(tiempo["Año"]) == {1, 2, 3}
    fila = tiempo[(tiempo["Año"] == 2) & (tiempo["Grupo"] == 2) & (tiempo["Rol"] == "Asociación de productores")]
    assert fila["Decisión"].item() == "lo juega el modelo"
    corridas = [
        plenario.corrida_de_grupo(material.corrida_de(en_juego.modelos()[p.grupo]), p, en_juego.sala) for p in puntos
    ]
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", plenario.pdf(corridas))) == 2
    assert plenario.tabla_sesion(series)["Grupo"].value_counts().to_dict() == {1: 8, 2: 8}


def test_la_direccion_para_los_telefonos_depende_de_donde_escucha():
    from simulacion.taller import rutas, servidor

    assert servidor.direccion_para_telefonos("127.0.0.1:8765") == ("http://127.0.0.1:8765", False)
    direccion, alcanzable = servidor.direccion_para_telefonos("0.0.0.0:9000")
    assert alcanzable and direccion.endswith(":9000") and "0.0.0.0" not in direccion
    assert servidor.argumentos(["--salas", "otra"]).salas == "otra"
    assert servidor.argumentos([]).host == "127.0.0.1"  # sólo esta computadora, salvo --host 0.0.0.0
    assert [r.path for r in rutas.routes] == ["/", "sala"]


def test_los_nombres_escritos_por_participantes_no_entran_como_html(registro):
    from simulacion.taller.salas.facilitador import participantes_html

    en_juego = registro.crear()
    en_juego.unir(1, "asociacion", "<img src=x onerror=alert(1)>")
    tabla = participantes_html(en_juego.sala)
    assert "<img" not in tabla and "&lt;img src=x onerror=alert(1)&gt;" in tabla
