"""El contexto como eje de barrido (issue 24, punto 2; ``configs/contexto/``, ``simulacion/config/contexto.py``).

Cada contexto con nombre compone y fija lo que dice; la depreciación de la infraestructura va por
tipo de obra y la aplica la municipalidad al avanzar el modelo; un contexto inexistente da el mensaje
en castellano de siempre; ``contexto=a,b`` se barre como cualquier grupo.
"""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from test_barridos import PEQUENO, correr, series_por_overrides
from test_errores import correr_en_proceso

from simulacion import simular
from simulacion.api import componer
from simulacion.config import Configuracion
from simulacion.config.esquema import parametros_de_contexto
from simulacion.config.verificacion import ConfiguracionInvalida
from simulacion.modelo import ModeloTerritorial

CONTEXTOS = ("actual", "estable", "precios_en_baja", "mercado_en_expansion")


def valor(cfg, clave: str):
    for parte in clave.split("."):
        cfg = getattr(cfg, parte)
    return cfg


def test_los_parametros_de_contexto_tienen_rango_plausible_y_fuente():
    """Rompí: quité ``plausible=`` de ``depreciacion_infra_productiva`` en el esquema → rojo (faltaba
    la clave entre los parámetros de contexto)."""
    plausibles = parametros_de_contexto()
    assert {
        "economia.tendencia_precio_externo",
        "economia.crecimiento_demanda",
        "economia.depreciacion_infra_vial",
        "economia.depreciacion_infra_productiva",
        "estrategia.ap_fraccion_vial",
    } <= set(plausibles)
    assert "depreciacion_infra" not in {f.name for f in fields(Configuracion().economia)}
    for clave, p in plausibles.items():
        assert p.minimo < p.maximo and len(p.fuente) > 40, clave


def test_cada_contexto_compone_y_fija_lo_que_dice():
    """Rompí, por separado: quité ``# @package _global_`` de ``configs/contexto/estable.yaml`` (sus valores
    quedaban bajo ``contexto.*``: «Key 'contexto' not in 'Configuracion'») y puse
    ``crecimiento_demanda: 0.025`` en ``precios_en_baja`` → rojo las dos veces."""
    defecto = Configuracion()
    cfg = {nombre: componer(f"contexto={nombre}") for nombre in CONTEXTOS}
    claves = parametros_de_contexto()
    # actual = los valores por defecto del esquema, y es el contexto por defecto
    for clave in claves:
        assert valor(cfg["actual"], clave) == valor(defecto, clave) == valor(componer(), clave), clave
    # los contextos con nombre quedan dentro del rango plausible de cada parámetro
    for nombre in ("estable", "precios_en_baja", "mercado_en_expansion"):
        for clave, p in claves.items():
            assert p.minimo <= valor(cfg[nombre], clave) <= p.maximo, (nombre, clave)
        e = cfg[nombre].economia
        assert (e.depreciacion_infra_vial, e.depreciacion_infra_productiva) == (0.05, 0.01)
    tendencia = {n: cfg[n].economia.tendencia_precio_externo for n in CONTEXTOS}
    crecimiento = {n: cfg[n].economia.crecimiento_demanda for n in CONTEXTOS}
    assert tendencia["estable"] == crecimiento["estable"] == 0.0
    assert tendencia["precios_en_baja"] < 0 and crecimiento["precios_en_baja"] == 0.0
    assert tendencia["mercado_en_expansion"] == 0.0 and crecimiento["mercado_en_expansion"] > 0
    # un caso de clase es más específico que el contexto: gana
    assert componer("contexto=mercado_en_expansion", "caso=truchas").economia.crecimiento_demanda == 0.0


@pytest.mark.parametrize("quieta,decae", [("vial", "productiva"), ("productiva", "vial")])
def test_la_municipalidad_deprecia_cada_tipo_de_obra_a_su_tasa(quieta, decae):
    """Con una tasa en 0 esa capa queda igual y la otra decae a su tasa, trimestre a trimestre, al avanzar
    el modelo (``Municipalidad.depreciar_infraestructura``, convocada en ``step``). ``condenados`` no
    construye nada (sin AP ni PE), así que sólo la depreciación mueve las capas.

    Rompí: en ``depreciar_infraestructura`` apliqué ``depreciacion_infra_vial`` a las dos capas → rojo
    (la capa productiva decaía con la tasa vial 0 y no decaía con 0,05)."""
    cfg = componer(
        "estrategia=condenados",
        "territorio.n_pymes=60",
        f"economia.depreciacion_infra_{quieta}=0",
        f"economia.depreciacion_infra_{decae}=0.05",
    )
    m = ModeloTerritorial(cfg)
    capa = {"vial": m.grilla.infra_vial, "productiva": m.grilla.infra_productiva}
    inicio = {tipo: c.data.copy() for tipo, c in capa.items()}
    assert inicio[decae].sum() > 0
    for _ in range(4):
        m.step()
    np.testing.assert_array_equal(capa[quieta].data, inicio[quieta])
    np.testing.assert_allclose(capa[decae].data, inicio[decae] * 0.95**4, rtol=1e-12)


def test_un_contexto_inexistente_da_el_mensaje_en_castellano(capsys, tmp_path, monkeypatch):
    """Rompí: en ``verificacion.traducir`` desactivé la rama de ``MissingConfigException`` → rojo (la
    falla pasaba a ser de «argumentos», citando a Hydra en inglés, sin listar los contextos)."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfiguracionInvalida) as error:
        simular("contexto=nada")
    (falla,) = error.value.fallas
    assert falla.clave == "contexto" and "'nada'" in falla.recibido
    assert all(nombre in falla.aceptado for nombre in CONTEXTOS)
    codigo, err = correr_en_proceso(capsys, "contexto=nada")
    assert codigo == 2 and err.strip() == f"Error: {error.value}"
    assert list(tmp_path.iterdir()) == []


def test_el_contexto_se_barre_como_un_eje(tmp_path):
    """``simulacion -m contexto=estable,precios_en_baja``: una corrida por contexto, cada una igual a
    ``simular`` con ese contexto, y la columna ``contexto`` en ``resultados.csv``.

    Rompí: quité ``contexto: actual`` del defaults list de ``configs/config.yaml`` → rojo («clave
    desconocida contexto», código 2)."""
    carpeta = tmp_path / "b"
    correr(carpeta, "contexto=estable,precios_en_baja", *PEQUENO, cwd=tmp_path)
    assert sorted(pd.read_csv(carpeta / "resultados.csv")["contexto"]) == ["estable", "precios_en_baja"]
    series = {}
    for overrides, serie in series_por_overrides(carpeta).items():
        (contexto,) = [o.split("=", 1)[1] for o in overrides if o.startswith("contexto=")]
        series[contexto] = serie
        pd.testing.assert_frame_equal(serie, simular(f"contexto={contexto}", *PEQUENO).series, check_dtype=False)
    assert sorted(series) == ["estable", "precios_en_baja"]
    assert not series["estable"].equals(series["precios_en_baja"])


def test_ningun_codigo_pregunta_el_nombre_de_un_contexto():
    """Un contexto sólo fija números: su nombre no aparece como texto en el código del paquete («actual»,
    palabra común, no aparece comparado).

    Rompí: agregué ``if cfg.get("contexto") == "estable": ...`` en ``simulacion/modelo/exterior.py`` → rojo."""
    raiz = Path(__file__).resolve().parents[1] / "simulacion"
    for archivo in raiz.rglob("*.py"):
        texto = archivo.read_text(encoding="utf-8")
        for nombre in CONTEXTOS:
            comillas = f"[\"']{nombre}[\"']"
            patron = comillas if nombre != "actual" else rf"[=!]=\s*{comillas}|{comillas}\s*[=!]=|in \(?{comillas}"
            assert not re.search(patron, texto), (archivo, nombre)
