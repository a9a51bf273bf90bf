"""Hechos estilizados de las fuentes (docs/odd.md §1.3, F1–F13): experimentos sobre muchas semillas.

Vive fuera del paquete porque nombra las estrategias de la fuente (para comparar con lo que
afirma): el modelo nunca las nombra. Lo usan las pruebas (``tests/test_validacion.py``,
``tests/test_casos.py``) y los scripts de ``experimentos/`` (calibración, validación, figuras).
Cada corrida se compone con los mismos overrides de Hydra que la línea de comandos
(:func:`simulacion.api.componer`), así que cualquier número se reproduce con
``simulacion <overrides>``. Aquí no hay ningún parámetro del modelo: los experimentos sólo eligen
overrides (caso, estrategia, territorio) y miden.
"""

from __future__ import annotations

import logging
import os
from multiprocessing import get_context

import numpy as np
import pandas as pd

from simulacion.api import componer
from simulacion.estrategias import afirmado, nombres
from simulacion.resultados.ejecucion import ejecutar

# Las cuatro estrategias de configs/estrategia/ en el orden de la matriz 2×2 (I a IV) y el desenlace
# que afirma la fuente para cada una: declarados una vez en simulacion/estrategias.py.
ESTRATEGIAS = nombres()
AFIRMADO = afirmado()


def escalar(factor: float, overrides=()) -> list[str]:
    """Overrides de un territorio ``factor`` veces más grande (robustez: 0,5 y 2).

    El tamaño es escala (simulacion/config/escala.py): basta con ``territorio.n_pymes``; el área de la
    grilla, las empresas, agencias y entidades, las transferencias y la demanda externa lo siguen.
    """
    n = componer(*overrides).territorio.n_pymes
    return [*overrides, f"territorio.n_pymes={round(n * factor)}"]


def correr(overrides: list[str] | tuple[str, ...]) -> dict:
    """Una corrida: el resumen (desenlace e indicadores) más medidas agregadas de la serie."""
    logging.getLogger("MESA").setLevel(logging.WARNING)
    r = ejecutar(componer(*overrides))
    s = r.series
    fila = dict(r.resumen)
    fila.update(
        pymes_inicio=int(s.pymes_tradicionales.iloc[0] + s.pymes_innovadoras.iloc[0]),
        tradicionales_inicio=int(s.pymes_tradicionales.iloc[0]),
        tradicionales_fin=int(s.pymes_tradicionales.iloc[-1]),
        innovadoras_inicio=int(s.pymes_innovadoras.iloc[0]),
        innovadoras_fin=int(s.pymes_innovadoras.iloc[-1]),
        salidas_innovadoras=int(s.salidas_innovadoras.sum()),
        proyectos_cofinanciados=int(s.proyectos_cofinanciados.sum()),
        proyectos_privados=int(s.proyectos_privados.sum()),
        propuestas=int(s.propuestas.sum()),
        inversion_privada=float(s.inversion_privada.sum()),
        inversion_publica_ap=float(s.inversion_publica_ap.sum()),
        inversion_publica_pe=float(s.inversion_publica_pe.sum()),
        resultado_mercado=float(s.resultado_mercado.sum()),
        concertacion=float(s.concertacion.mean()),
        reaperturas_por_confianza=reaperturas_por_confianza(s, r.modelo.cfg.economia.confianza_minima),
        confianza_fin=float(s.confianza_media.iloc[-1]),
        infraestructura_fin=float(s.infraestructura_media.iloc[-1]),
        produccion_fin=float(s.produccion_total.iloc[-4:].mean()),
        empresas_fin=int(s.empresas.iloc[-1]),
        presupuesto_fin=float(s.presupuesto_municipal.iloc[-4:].mean()),
        ap_vigente_media=float(s.ap_vigente.mean()),
        ap_vigente_fin=float(s.ap_vigente.iloc[-1]),
        gestiones=int(s.gestion.iloc[-1]),
        elecciones=int(s.eleccion.sum()),
        formalizaciones=int(s.formalizaciones.sum()),
        informales_fin=int(s.pymes_informales.iloc[-1]),
        captura_media=float(s.captura.mean()),
        overrides=" ".join(overrides),
    )
    return fila


def reaperturas_por_confianza(s: pd.DataFrame, minima: float) -> int:
    """Veces que la mesa se cerró por falta de confianza y volvió a reunirse después (canal 5).

    Un cierre por confianza es un trimestre sin mesa cuya confianza de partida (la medida al final
    del trimestre anterior) está bajo ``minima``; cuenta si la mesa vuelve a reunirse más tarde.
    """
    mesa = s.concertacion.to_numpy() > 0
    baja = s.confianza_media.shift(1).to_numpy() < minima
    cuenta, cerrada = 0, False
    for abierta, por_confianza in zip(mesa, baja, strict=True):
        if abierta and cerrada:
            cuenta, cerrada = cuenta + 1, False
        elif not abierta and por_confianza:
            cerrada = True
    return cuenta


def procesos() -> int:
    """Procesos para correr en paralelo: variable de entorno ``PROCESOS`` o los núcleos."""
    return int(os.environ.get("PROCESOS", os.cpu_count() or 1))


def correr_muchos(lista: list[list[str]], n_procesos: int | None = None) -> pd.DataFrame:
    """Corre una lista de overrides (en paralelo si hay más de un proceso); una fila por corrida."""
    n = min(n_procesos or procesos(), len(lista))
    if n <= 1:
        return pd.DataFrame([correr(o) for o in lista])
    with get_context("forkserver").Pool(n) as pool:
        return pd.DataFrame(pool.map(correr, lista, chunksize=max(1, len(lista) // (4 * n))))


def corridas_2x2(semillas, extra=(), estrategias=ESTRATEGIAS) -> list[list[str]]:
    """Overrides de las estrategias por semilla, con overrides comunes ``extra``."""
    return [[f"estrategia={e}", f"semilla={s}", *extra] for e in estrategias for s in semillas]


def acuerdo(df: pd.DataFrame) -> pd.Series:
    """Fracción de semillas en que cada estrategia da el desenlace que afirma la fuente."""
    ok = df["desenlace"] == df["estrategia"].map(AFIRMADO)
    return ok.groupby(df["estrategia"]).mean().reindex(list(ESTRATEGIAS))


def afirmaciones_relativas(df: pd.DataFrame) -> dict[str, bool]:
    """Las afirmaciones relativas de la fuente sobre las medias por estrategia (issue 4, F1–F4)."""
    medias = df.groupby("estrategia").mean(numeric_only=True)
    c, la, ar, co = (medias.loc[e] for e in ESTRATEGIAS)
    g = "crecimiento_anual"
    return {
        "complementariedad crece más": bool(c[g] > max(la[g], ar[g], co[g])),
        "condenados es la peor": bool(co[g] < min(c[g], la[g], ar[g])),
        "lamentable: más tradicionales que arriesgada": bool(la.tradicionales_fin > ar.tradicionales_fin),
        "lamentable: menos innovadoras que complementariedad": bool(la.innovadoras_fin < c.innovadoras_fin),
        "arriesgada: más innovadoras que lamentable": bool(ar.innovadoras_fin > la.innovadoras_fin),
        "arriesgada: más fracaso innovador que complementariedad": bool(
            ar.tasa_fracaso_innovadoras > c.tasa_fracaso_innovadoras
        ),
        "condenados: la población de pymes se achica": bool(co.cambio_pymes_anual < 0),
    }


COLUMNAS_MEDIAS = (
    "crecimiento_anual",
    "cambio_pymes_anual",
    "fraccion_innovadora",
    "tasa_fracaso_innovadoras",
    "volatilidad",
    "tradicionales_fin",
    "innovadoras_fin",
    "proyectos_privados",
    "proyectos_cofinanciados",
    "infraestructura_fin",
    "confianza_fin",
)


def tabla_medias(df: pd.DataFrame, columnas=COLUMNAS_MEDIAS) -> pd.DataFrame:
    """Medias por estrategia de las columnas principales."""
    return df.groupby("estrategia")[list(columnas)].mean().reindex(list(ESTRATEGIAS))


def intervalo_wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """Intervalo de confianza de Wilson (95 %) para una proporción k/n."""
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    d = 1 + z**2 / n
    centro = (p + z**2 / (2 * n)) / d
    medio = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / d
    return (float(centro - medio), float(centro + medio))


def pareados(a: pd.DataFrame, b: pd.DataFrame, columna: str) -> np.ndarray:
    """Diferencias ``a − b`` de ``columna`` emparejadas por semilla (mismo territorio inicial)."""
    x = a.set_index("semilla")[columna]
    y = b.set_index("semilla")[columna]
    return (x - y.reindex(x.index)).to_numpy(dtype=float)


def apalancamiento(semillas, extra=()) -> pd.DataFrame:
    """F6: inversión privada adicional por kS/ público, AP frente a PE, con ``condenados`` (sin AP
    ni PE, la misma semilla) como contrafactual. Una fila por semilla."""
    df = correr_muchos(corridas_2x2(semillas, extra, ("condenados", "lamentable", "arriesgada")))
    por = {e: df[df.estrategia == e] for e in ("condenados", "lamentable", "arriesgada")}
    base = por["condenados"].set_index("semilla")
    ap = por["lamentable"].set_index("semilla")
    pe = por["arriesgada"].set_index("semilla")
    return pd.DataFrame(
        {
            "semilla": ap.index,
            "apalancamiento_ap": (ap.inversion_privada - base.inversion_privada) / ap.inversion_publica_ap,
            "apalancamiento_pe": (pe.inversion_privada - base.inversion_privada) / pe.inversion_publica_pe,
        }
    ).reset_index(drop=True)


def comparar(base: list[str], cambio: list[str], semillas) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Corre ``base`` y ``base + cambio`` en las mismas semillas (experimento pareado)."""
    df = correr_muchos(
        [[*base, f"semilla={s}"] for s in semillas] + [[*base, *cambio, f"semilla={s}"] for s in semillas]
    )
    n = len(semillas)
    return df.iloc[:n].reset_index(drop=True), df.iloc[n:].reset_index(drop=True)


# Experimentos de F5–F10 (docs/odd.md §1.3): (overrides base, cambio) de cada comparación pareada.
EXPERIMENTOS = {
    # F5: caminos (sólo AP vial, parejo) hacia zonas de bajo potencial con productos de fuera más baratos.
    "F5_carretera": (["caso=carretera_puno"], ["estrategia.apoyo_produccion=0"]),
    # F7: el mismo proyecto de truchas, con y sin demanda de fuera.
    "F7_truchas": (["caso=truchas"], ["economia.demanda_externa_inicial=400", "economia.crecimiento_demanda=0.015"]),
    # F8: sin confianza, o sin liderazgo claro, no hay concertación.
    "F8_confianza": (["estrategia=arriesgada"], ["territorio.confianza_inicial=0.1"]),
    "F8_liderazgo": (["estrategia=arriesgada"], ["territorio.liderazgo=0.2"]),
    # F8: con captura visible la confianza cae bajo el mínimo, la mesa se cierra y, sin captura a la
    # vista mientras está cerrada, las obras y el tiempo la reponen y la mesa vuelve (canal 5).
    "F8_captura": (
        ["estrategia=complementariedad", "territorio.captura=0.6", "territorio.confianza_inicial=0.4"],
        ["canales.confianza=false"],
    ),
    # F9: la municipalidad empresaria frente a la misma municipalidad sin mercado.
    "F9_mercado": (["caso=mercado_municipal"], ["estrategia.mercado_municipal=0"]),
    # F10: coordinación cerrada a conocimientos de fuera frente a abierta.
    # (con AP sin PE la innovación depende de las ideas; con PE, la limita el presupuesto: docs/validacion.md)
    "F10_apertura": (["estrategia=lamentable", "territorio.apertura=1.0"], ["territorio.apertura=0.0"]),
}

# F11–F13 (docs/odd.md §1.3): condiciones de cada experimento, corridas en las mismas semillas (pareadas).
ELECCIONES = ("gobierno.periodo_electoral=16",)  # cada cuatro años, el período municipal
F11_CONDICIONES = {
    "sin elecciones": ("estrategia=complementariedad", "pasos=80"),
    "elecciones, sin institucionalizar": ("estrategia=complementariedad", "pasos=80", *ELECCIONES),
    "elecciones, institucionalizada": (
        "estrategia=complementariedad",
        "pasos=80",
        *ELECCIONES,
        "gobierno.institucionalizacion=0.75",
    ),
}
F12_CONDICIONES = {
    "el electorado no mira las obras": (
        "estrategia=complementariedad",
        "pasos=80",
        *ELECCIONES,
        "gobierno.voto_obras=0",
    ),
    "el electorado premia las obras": ("estrategia=complementariedad", "pasos=80", *ELECCIONES),
}
INFORMAL = ("territorio.fraccion_informal=0.5",)
F13_CONDICIONES = {  # (PE, su contrafactual sin AP ni PE en el mismo territorio)
    "todas formales": (("estrategia=arriesgada", "pasos=60"), ("estrategia=condenados", "pasos=60")),
    "mitad informal": (
        ("estrategia=arriesgada", "pasos=60", *INFORMAL),
        ("estrategia=condenados", "pasos=60", *INFORMAL),
    ),
    "mitad informal, con formalización": (
        ("estrategia=arriesgada", "pasos=60", *INFORMAL, "estrategia.pe_fraccion_formalizacion=0.1"),
        ("estrategia=condenados", "pasos=60", *INFORMAL),
    ),
}


def condiciones(tabla: dict, semillas) -> pd.DataFrame:
    """Corre cada condición de ``tabla`` (nombre → overrides) en ``semillas``; columna ``condicion``."""
    lista = [[*o, f"semilla={s}"] for o in tabla.values() for s in semillas]
    df = correr_muchos(lista)
    df["condicion"] = [c for c in tabla for _ in semillas]
    return df


def apalancamiento_pe(semillas, tabla=F13_CONDICIONES) -> pd.DataFrame:
    """F13: inversión privada adicional por kS/ de PE frente a su contrafactual sin AP ni PE con la misma
    semilla y el mismo territorio (como F6). Una fila por condición y semilla."""
    pe = condiciones({c: o for c, (o, _) in tabla.items()}, semillas)
    bases = {tuple(b) for _, b in tabla.values()}
    base = condiciones({" ".join(b): b for b in bases}, semillas)
    filas = []
    for c, (_, b) in tabla.items():
        x = pe[pe.condicion == c].set_index("semilla")
        y = base[base.condicion == " ".join(b)].set_index("semilla").reindex(x.index)
        palanca = (x.inversion_privada - y.inversion_privada) / x.inversion_publica_pe
        filas.append(pd.DataFrame({"condicion": c, "semilla": x.index, "apalancamiento_pe": palanca.to_numpy()}))
    return pd.concat(filas, ignore_index=True).merge(pe, on=["condicion", "semilla"])


# Condiciones en que el 2×2 de la fuente deja de valer ("dónde se rompe la afirmación").
RUPTURAS = {
    "sin emprendedores": ["territorio.emprendimiento=0"],
    "confianza muy baja": ["territorio.confianza_inicial=0.1"],
    "transferencias abundantes (×4)": ["territorio.transferencias=600"],
    "municipio pobre (transferencias ÷5)": ["territorio.transferencias=30"],
    "sin demanda de productos nuevos": ["economia.demanda_externa_inicial=10", "economia.crecimiento_demanda=0"],
}
