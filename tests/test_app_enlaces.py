"""Enlaces del taller sin navegador: la dirección ⇄ la elección de la página, valores inválidos con
avisos en castellano sin detalles técnicos, la semilla escrita a mano y el estilo de la sala."""

from __future__ import annotations

import pytest
from conftest import esperar

from simulacion.config.verificacion import ConfiguracionInvalida, Falla, revisar_valor
from simulacion.taller import enlaces
from simulacion.taller import sesion as taller
from simulacion.taller.corridas import Cambio

CASOS = [op.nombre for op in taller.catalogo("caso") if op.nombre != "ninguno"]
ELECCION = {
    "caso": CASOS[0] if CASOS else None,
    "estrategia": "lamentable",
    "ap": 0.3,
    "pe": 0.6,
    "semilla": 7,
    "pasos": 60,
    "territorio": {"n_pymes": 200, "liderazgo": 0.25},
    "trimestre": 12,
    "cambios": (Cambio(4, 0.0, 0.9, "arriesgada"), Cambio(12, 0.45, 0.45, "complementariedad")),
    "presentacion": True,
}


def test_ida_y_vuelta_de_la_eleccion():
    eleccion = {k: v for k, v in ELECCION.items() if v is not None}
    consulta = enlaces.escribir_enlace(eleccion)
    assert consulta.startswith("caso=" if CASOS else "estrategia=")
    assert "semilla=7" in consulta and "n_pymes=200" in consulta and "presentacion=1" in consulta
    assert "cambios=4:0:0.9:arriesgada,12:0.45:0.45:complementariedad" in consulta
    leido = enlaces.leer_enlace("?" + consulta)
    assert leido.avisos == []
    assert leido.valores == eleccion


def test_ida_y_vuelta_de_elecciones_y_cambio_de_gestion():
    """El interruptor «Elecciones», la institucionalización y un cambio de gestión (con un cambio de
    reparto en el mismo trimestre) vuelven iguales del enlace."""
    eleccion = {
        "gobierno": {"periodo_electoral": 16, "institucionalizacion": 0.25},
        "trimestre": 20,
        "cambios": (Cambio(6, 0.0, 0.9, "arriesgada", gestion=True), Cambio(6, 0.2, 0.7, "personalizada")),
    }
    consulta = enlaces.escribir_enlace(eleccion)
    assert "periodo_electoral=16&institucionalizacion=0.25" in consulta
    assert "cambios=6:0:0.9:arriesgada:gestion,6:0.2:0.7:personalizada" in consulta
    assert enlaces.leer_enlace(consulta) == (eleccion, [])
    apagadas = {"gobierno": {"periodo_electoral": 0}}  # apagar las elecciones de un caso también viaja
    assert enlaces.leer_enlace(enlaces.escribir_enlace(apagadas)) == (apagadas, [])


def test_valores_por_defecto_no_se_escriben():
    assert enlaces.escribir_enlace(enlaces.por_defecto()) == ""
    assert enlaces.escribir_enlace({**enlaces.por_defecto(), "estrategia": None, "ap": None, "territorio": {}}) == ""
    assert enlaces.leer_enlace("") == ({}, [])
    assert enlaces.leer_enlace(None) == ({}, [])


@pytest.mark.skipif(not CASOS, reason="todavía no hay casos en configs/caso/")
def test_enlace_del_issue():
    caso = "truchas" if "truchas" in CASOS else CASOS[0]
    leido = enlaces.leer_enlace(f"caso={caso}&semilla=1&estrategia=lamentable&ap=0.9&pe=0")
    assert leido.valores == {"caso": caso, "semilla": 1, "estrategia": "lamentable", "ap": 0.9, "pe": 0}
    assert leido.avisos == []


@pytest.mark.parametrize(
    "consulta, comienzo",
    [
        ("semilla=abc", "Semilla: «abc» no sirve; se acepta un número entero entre 0 y"),
        ("semilla=-5", "Semilla: «-5» no sirve; se acepta un número entero entre 0 y"),
        ("semilla=1.5", "Semilla: «1.5» no sirve"),
        ("caso=no_existe", "Caso: «no_existe» no sirve; se acepta uno de:"),
        ("estrategia=magica", "Estrategia: «magica» no sirve; se acepta uno de: complementariedad"),
        ("ap=2", "Apoyo a la producción (AP): «2» no sirve; se acepta un número entre 0 y 1"),
        ("pe=nan", "Promoción económica (PE): «nan» no sirve"),
        ("n_pymes=5", "Pymes al inicio: «5» no sirve; se acepta un valor del deslizador, entre 50 y 1000"),
        ("liderazgo=alto", "Liderazgo local: «alto» no sirve"),
        ("pasos=1", "Trimestres a simular: «1» no sirve"),
        ("trimestre=41", "Trimestre alcanzado: «41» no sirve; se acepta un número entero entre 0 y 40"),
        ("trimestre=-1", "Trimestre alcanzado: «-1» no sirve"),
        ("presentacion=quizas", "Modo presentación: «quizas» no sirve"),
        ("ap=0.7&pe=0.6", "AP (0.7) y PE (0.6) suman 1.3"),
        ("trimestre=5&cambios=8:0:0.9:arriesgada", "Cambios de estrategia: «8:0:0.9:arriesgada» no sirve"),
        ("trimestre=9&cambios=8:0:0.9:x,4:0:0:y", "Cambios de estrategia:"),
        ("trimestre=9&cambios=2:0.7:0.9:x", "Cambios de estrategia:"),
        ("trimestre=9&cambios=2:0:0", "Cambios de estrategia:"),
        ("trimestre=9&cambios=2:0:0.9:x:otra", "Cambios de estrategia:"),
        ("trimestre=9&cambios=2:0:0.9:x,2:0:0:y", "Cambios de estrategia:"),  # dos repartos: sólo rige uno
        ("periodo_electoral=-1", "Elecciones (trimestres entre elecciones): «-1» no sirve; se acepta un número"),
        ("institucionalizacion=2", "Institucionalización de la concertación (mesa y plan): «2» no sirve"),
        ("semila=3", "El enlace trae «semila», que la página no conoce: se deja de lado. ¿Quiso decir «semilla»?"),
    ],
)
def test_valor_invalido_se_deja_con_un_aviso_sencillo(consulta, comienzo):
    leido = enlaces.leer_enlace(consulta)
    assert set(leido.valores) <= {"trimestre"}  # el trimestre de los casos de «cambios» sí sirve
    assert len(leido.avisos) == 1 and leido.avisos[0].startswith(comienzo), leido.avisos
    assert "HYDRA" not in leido.avisos[0] and "--cfg" not in leido.avisos[0]


def test_un_valor_invalido_no_borra_los_demas():
    leido = enlaces.leer_enlace("semilla=abc&estrategia=arriesgada&pasos=80&trimestre=60")
    assert leido.valores == {"estrategia": "arriesgada", "pasos": 80, "trimestre": 60}
    assert len(leido.avisos) == 1


def test_estrategia_personalizada_son_las_intensidades():
    assert enlaces.leer_enlace("estrategia=personalizada&ap=0.3&pe=0.6").valores == {"ap": 0.3, "pe": 0.6}


def test_revisar_valor_del_esquema():
    assert revisar_valor("semilla", 3) is None
    assert revisar_valor("territorio.liderazgo", 0.5) is None
    falla = revisar_valor("semilla", -5)
    assert isinstance(falla, Falla) and falla.clave == "semilla" and falla.recibido == "-5"
    assert revisar_valor("territorio.no_existe", 1).clave.startswith("clave desconocida")


@pytest.mark.parametrize("texto", ["abc", "-5", "1.5", ""])
def test_semilla_escrita_a_mano_invalida(texto):
    semilla, mensaje = enlaces.revisar_semilla(texto)
    assert semilla is None and mensaje.startswith(f"«{texto}» no es una semilla válida: se acepta un número entero")


def test_semilla_escrita_a_mano_valida():
    assert enlaces.revisar_semilla(" 42 ") == (42, None)


def test_mensaje_sencillo_sin_ayuda_para_desarrolladores():
    error = ConfiguracionInvalida([Falla("semilla", "-5", "un número entero entre 0 y 10")])
    assert "HYDRA_FULL_ERROR" in str(error)
    mensaje = enlaces.mensaje_sencillo(error)
    assert mensaje == "semilla: se recibió -5; se acepta: un número entero entre 0 y 10."
    assert "HYDRA" not in enlaces.mensaje_sencillo(RuntimeError("HYDRA_FULL_ERROR=1"))


def test_estilo_de_la_sala():
    from simulacion.taller.estilo_sala import ESTILO_SALA
    from simulacion.taller.sala import VIEWPORT

    assert "user-scalable" not in VIEWPORT and "maximum-scale" not in VIEWPORT
    for regla in ("@media print", "@media (max-width:", ".modo-presentacion", ".conexion-perdida"):
        assert regla in ESTILO_SALA, regla
    assert ESTILO_SALA.count("{") == ESTILO_SALA.count("}")


def test_pagina_semilla_invalida_y_valores_por_defecto():
    """La página armada en el proceso (sin navegador): una semilla escrita que no sirve deja un aviso
    sencillo y la semilla anterior; «Valores por defecto» vuelve a la elección sin enlace."""
    pagina = pytest.importorskip("simulacion.taller.pagina")
    import ipyvuetify as v
    import solara

    _, contexto = solara.render(pagina.Page(), handle_error=False)

    def textos():
        return " ".join(w.unsafe_innerHTML or "" for w in contexto.find(solara.widgets.HTML).widgets)

    contexto.find(v.Select, label="Estrategia").widget.v_model = "arriesgada"
    for texto, aparece in (("5", "Semilla: 5."), ("-5", "«-5» no es una semilla válida"), ("abc", "«abc» no")):
        campo = contexto.find(v.TextField, label="Semilla").widget
        campo.v_model = texto
        campo.fire_event("keyup.enter", texto)
        esperar(lambda: aparece in textos())  # noqa: B023 (se evalúa dentro de la vuelta)
        assert "Semilla: 5. Trimestre" in textos()  # la línea de ajustes de la hoja impresa
    assert "«abc» no es una semilla válida" in textos() and "HYDRA" not in textos()
    assert "AP 0.00, PE 0.90" in textos()
    contexto.find(v.Btn, children=["Valores por defecto"]).widget.click()
    esperar(lambda: "AP 0.45, PE 0.45" in textos())
    assert "no es una semilla válida" not in textos()
    assert contexto.find(v.TextField, label="Semilla").widget.v_model == "0"
