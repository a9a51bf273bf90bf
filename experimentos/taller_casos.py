"""Qué hace hoy el modelo en cada caso y ejercicio del taller: las cifras de docs/guia_facilitador.md.

Uso (desde la carpeta del repositorio):

    .venv/bin/python experimentos/taller_casos.py                      # tabla del anexo: 5 semillas, 40 trimestres
    .venv/bin/python experimentos/taller_casos.py --semillas 10
    .venv/bin/python experimentos/taller_casos.py --puntos-de-control  # las tablas de cada ejercicio (semilla 0)
    .venv/bin/python experimentos/taller_casos.py --actualizar-guia    # las reescribe en la guía
    .venv/bin/python experimentos/taller_casos.py --actualizar-anexo   # la tabla del anexo, en la guía

**Puntos de control** (:data:`PUNTOS_DE_CONTROL`): lo que cada ejercicio de la guía pide hacer en la
página (caso, estrategia, cambios del territorio, semilla 0, 40 trimestres) y los números que la página
muestra al final, con el mismo formato (:func:`valores_mostrados`). La guía los trae entre marcas
``<!-- puntos de control: Ejercicio N -->`` y ``<!-- fin de los puntos de control -->``;
``tests/test_casos.py`` comprueba que coincidan con el modelo y ``tests/test_app_guia.py`` que la
página muestre esos mismos números.

**Tabla del anexo**: para cada caso de ``configs/caso/`` y cada estrategia (la del caso y las cuatro
de la fuente, compuestas igual que en la página), los desenlaces por semilla y las medias de los
indicadores en que se fija la guía.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections import Counter
from pathlib import Path
from typing import NamedTuple

RAIZ = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RAIZ))

import numpy as np  # noqa: E402

from simulacion.estrategias import nombres  # noqa: E402
from simulacion.indicadores import ESTILO_DESENLACE, indicador  # noqa: E402
from simulacion.indicadores.guia import total  # noqa: E402
from simulacion.resultados.ejecucion import Resultado, ejecutar  # noqa: E402
from simulacion.resultados.procedencia import entorno_de_referencia, huella_de_referencia  # noqa: E402
from simulacion.taller import sesion as taller  # noqa: E402
from simulacion.taller.tarjetas import INDICADORES_CORRIDA  # noqa: E402

GUIA = RAIZ / "docs" / "guia_facilitador.md"
MARCA = "<!-- puntos de control: {} -->"
FIN = "<!-- fin de los puntos de control -->"


class PuntoDeControl(NamedTuple):
    """Lo que un ejercicio de la guía pide elegir en la página antes de jugar ``pasos`` trimestres."""

    ejercicio: str
    caso: str  # nombre de ``caso/<nombre>.yaml`` ("ninguno": el territorio por defecto)
    estrategia: str | None  # None: la que trae el caso
    territorio: tuple[tuple[str, float], ...] = ()  # deslizadores de «Caso y territorio» movidos
    semilla: int = 0
    pasos: int = 40
    vista: str = "en vivo"  # o "comparar": «Comparar estrategias» con SEMILLAS_COMPARAR semillas desde ``semilla``


PUNTOS_DE_CONTROL: tuple[PuntoDeControl, ...] = (
    PuntoDeControl("Ejercicio 1", "ninguno", "lamentable"),
    PuntoDeControl("Ejercicio 1", "ninguno", "complementariedad"),
    *(PuntoDeControl("Ejercicio 2", "ninguno", nombre, vista="comparar") for nombre in nombres()),
    PuntoDeControl("Ejercicio 3", "agua_lacteos", None),
    PuntoDeControl("Ejercicio 3", "mercado_municipal", None),
    PuntoDeControl("Ejercicio 3", "truchas", None),
    PuntoDeControl("Ejercicio 3", "queso", None),
    PuntoDeControl("Ejercicio 3", "carretera_puno", None),
    PuntoDeControl("Ejercicio 4", "ninguno", "arriesgada"),
    PuntoDeControl("Ejercicio 4", "ninguno", "arriesgada", (("liderazgo", 0.3),)),
    PuntoDeControl("Ejercicio 4", "ninguno", "arriesgada", (("captura", 0.3),)),
)

# Lo que se lee en la página al final de cada punto de control, en este orden: desenlace, valores
# del último trimestre y totales de la corrida (todos con su formato declarado).
ULTIMO_TRIMESTRE = ("pymes_innovadoras", "confianza_media")
# Los totales de la corrida que la página muestra (un solo hogar: ``tarjetas.INDICADORES_CORRIDA``),
# menos el resultado del mercado, que la guía no pide leer.
DE_LA_CORRIDA = tuple(c for c in INDICADORES_CORRIDA if c != "resultado_mercado_suma")
COLUMNAS_PUNTO = ("desenlace", *ULTIMO_TRIMESTRE, *DE_LA_CORRIDA)
# En «Comparar estrategias» (Ejercicio 2) la página cuenta los desenlaces de sus semillas (5 por defecto)
# y muestra la mediana de los indicadores del desenlace.
COLUMNAS_COMPARAR = ("desenlace", "crecimiento_anual")
# las columnas de indicadores de la tabla del anexo (medias sobre las semillas)
COLUMNAS_ANEXO = (
    "crecimiento_anual",
    "cambio_pymes_anual",
    "pymes_tradicionales_cambio",
    "fraccion_innovadora",
    "tasa_fracaso_innovadoras",
    "perdida_innovadora_anual",
    "proyectos_cofinanciados_suma",
    "concertacion_media",
    "mora_maximo",
    "entradas_empresas_suma",
)
SEMILLAS_COMPARAR = 5
SEMILLAS_ANEXO, PASOS_ANEXO = 5, 40  # la tabla del anexo: semillas 0 a 4, 40 trimestres


def titulo_caso(nombre: str) -> str:
    """El título del caso en el menú «Caso» de la página."""
    return next((op.titulo for op in taller.catalogo("caso") if op.nombre == nombre), "Ninguno")


def correr(punto: PuntoDeControl) -> Resultado:
    """La corrida del punto de control, compuesta como en la página."""
    o = taller.overrides(
        punto.estrategia, punto.caso, semilla=punto.semilla, pasos=punto.pasos, territorio=dict(punto.territorio)
    )
    return ejecutar(taller.componer_seguro(*o))


def valores_mostrados(resultado: Resultado) -> dict[str, str]:
    """Los números de :data:`COLUMNAS_PUNTO` como los muestra la página (formato declarado, sin unidad)."""
    series, resumen = resultado.series, resultado.resumen
    valores = {"desenlace": ESTILO_DESENLACE[resumen["desenlace"]][0]}
    for nombre in ULTIMO_TRIMESTRE:
        valores[nombre] = indicador(nombre).mostrar(series[nombre].iloc[-1])
    for nombre in DE_LA_CORRIDA:
        valor = resumen[nombre] if nombre in resumen else total(nombre, series)
        valores[nombre] = indicador(nombre).mostrar(valor)
    return valores


def cambios_territorio(punto: PuntoDeControl) -> str:
    """«Liderazgo local 0.3» (los rótulos de los deslizadores de la página) o «»."""
    return ", ".join(f"{taller.PARAMETROS_TERRITORIO[clave].rotulo} {valor:g}" for clave, valor in punto.territorio)


def rotulo_punto(punto: PuntoDeControl) -> str:
    """Encabezado de la columna de un punto de control: caso, estrategia y cambios del territorio."""
    partes = [] if punto.caso == "ninguno" else [titulo_caso(punto.caso)]
    partes.append(f"*{punto.estrategia}*" if punto.estrategia else "su estrategia")
    return " · ".join([*partes, cambios_territorio(punto)] if punto.territorio else partes)


def rotulo_fila(nombre: str, comparar: bool = False) -> str:
    """Rótulo de una fila: «desenlace», «Pymes innovadoras (pymes), al final» o el título del total."""
    if nombre == "desenlace":
        return "desenlace"
    if comparar:
        return f"{indicador(nombre).titulo}, mediana de {SEMILLAS_COMPARAR} semillas"
    return f"{indicador(nombre).titulo}, al final" if nombre in ULTIMO_TRIMESTRE else indicador(nombre).titulo


def tablas_puntos(valores: dict[PuntoDeControl, dict[str, str]]) -> dict[str, str]:
    """Una tabla Markdown por ejercicio: una columna por punto de control, una fila por número."""
    tablas = {}
    for ejercicio in dict.fromkeys(p.ejercicio for p in PUNTOS_DE_CONTROL):
        puntos = [p for p in PUNTOS_DE_CONTROL if p.ejercicio == ejercicio]
        columnas = COLUMNAS_PUNTO if puntos[0].vista == "en vivo" else COLUMNAS_COMPARAR
        filas = [
            "| en la página | " + " | ".join(rotulo_punto(p) for p in puntos) + " |",
            "|---|" + "---|" * len(puntos),
        ]
        comparar = puntos[0].vista == "comparar"
        filas += [
            f"| {rotulo_fila(c, comparar)} | " + " | ".join(valores[p][c] for p in puntos) + " |" for c in columnas
        ]
        tablas[ejercicio] = "\n".join(filas)
    return tablas


def valores_comparados(puntos: list[PuntoDeControl]) -> dict[PuntoDeControl, dict[str, str]]:
    """Lo que muestra «Comparar estrategias» para cada punto (la misma cuenta que la página)."""
    from simulacion.taller import corridas

    p = puntos[0]
    clave = corridas.ClaveComparacion.de(p.caso, p.semilla, SEMILLAS_COMPARAR, p.pasos, dict(p.territorio))
    filas = {fila.nombre: fila for fila in corridas.comparar_semillas(clave).filas}
    crecimiento = indicador("crecimiento_anual")
    return {
        punto: {
            "desenlace": filas[punto.estrategia].texto,
            "crecimiento_anual": crecimiento.mostrar(filas[punto.estrategia].mediana_resumen("crecimiento_anual")),
        }
        for punto in puntos
    }


def medir_puntos() -> dict[PuntoDeControl, dict[str, str]]:
    valores = {punto: valores_mostrados(correr(punto)) for punto in PUNTOS_DE_CONTROL if punto.vista == "en vivo"}
    return {**valores, **valores_comparados([p for p in PUNTOS_DE_CONTROL if p.vista == "comparar"])}


def bloques_de_la_guia(texto: str) -> dict[str, str]:
    """Las tablas de puntos de control que trae la guía, por ejercicio."""
    patron = re.escape(MARCA).replace(r"\{\}", "(.+?)") + r"\n(.*?)\n" + re.escape(FIN)
    return {m.group(1): m.group(2) for m in re.finditer(patron, texto, re.S)}


def filas_de_la_guia(texto: str) -> list[tuple[PuntoDeControl, dict[str, str]]]:
    """Cada punto de control con los números que la guía dice que muestra la página."""
    filas = []
    for ejercicio, tabla in bloques_de_la_guia(texto).items():
        puntos = [p for p in PUNTOS_DE_CONTROL if p.ejercicio == ejercicio]
        columnas = COLUMNAS_PUNTO if puntos[0].vista == "en vivo" else COLUMNAS_COMPARAR
        renglones = [[c.strip() for c in r.strip().strip("|").split("|")][1:] for r in tabla.splitlines()[2:]]
        for k, punto in enumerate(puntos):
            filas.append((punto, {c: renglon[k] for c, renglon in zip(columnas, renglones, strict=True)}))
    return filas


def actualizar_guia(tablas: dict[str, str], guia: Path = GUIA) -> None:
    texto = guia.read_text(encoding="utf-8")
    for ejercicio, tabla in tablas.items():
        marca = MARCA.format(ejercicio)
        if marca not in texto:
            raise SystemExit(f"la guía no tiene la marca {marca!r}")
        patron = re.escape(marca) + r"\n.*?" + re.escape(FIN)
        texto = re.sub(patron, lambda _m, t=tabla, m=marca: f"{m}\n{t}\n{FIN}", texto, count=1, flags=re.S)
    guia.write_text(texto, encoding="utf-8")


# ---------------------------------------------------------------------- tabla del anexo
def fila(caso: str, estrategia: str | None, semillas: int, pasos: int) -> str:
    resultados = [
        ejecutar(taller.componer_seguro(*taller.overrides(estrategia, caso, semilla=s, pasos=pasos)))
        for s in range(semillas)
    ]
    resumenes = [r.resumen for r in resultados]
    desenlaces = ", ".join(
        f"{ESTILO_DESENLACE[d][0]} {n}" for d, n in Counter(r["desenlace"] for r in resumenes).most_common()
    )

    def media(clave):
        valores = [r.resumen[clave] if clave in r.resumen else total(clave, r.series) for r in resultados]
        return indicador(clave).mostrar(float(np.mean(valores)))

    nombre = estrategia or "la del caso"
    x = resumenes[0]
    return (
        f"| {titulo_caso(caso)} | {nombre} | {x['apoyo_produccion']:.2f} | {x['promocion_economica']:.2f} | "
        f"{desenlaces} | " + " | ".join(media(c) for c in COLUMNAS_ANEXO) + " |"
    )


def tabla_anexo(semillas: int, pasos: int) -> list[str]:
    """Las filas Markdown de la tabla del anexo (se imprimen a medida que salen)."""
    rotulos = [indicador(c).titulo for c in COLUMNAS_ANEXO]
    columnas = ["caso", "estrategia", "AP", "PE", "desenlaces (semillas)", *rotulos]
    filas = ["| " + " | ".join(columnas) + " |", "|" + "---|" * len(columnas)]
    print("\n".join(filas), flush=True)
    casos = taller.catalogo("caso") or [taller.Opcion("ninguno", "Ninguno", "")]
    for op in sorted(casos, key=lambda op: op.nombre != "ninguno"):  # el territorio sin caso primero
        propias = [] if op.nombre == "ninguno" else [None]
        for estrategia in [*propias, *nombres()]:
            filas.append(fila(op.nombre, estrategia, semillas, pasos))
            print(filas[-1], flush=True)
    return filas


def comando_anexo(semillas: int, pasos: int) -> str:
    """El comando que escribe el anexo con ``semillas`` y ``pasos`` (sin las opciones por defecto)."""
    opciones = [f"--semillas {semillas}"] * (semillas != SEMILLAS_ANEXO) + [f"--pasos {pasos}"] * (pasos != PASOS_ANEXO)
    return " ".join(["experimentos/taller_casos.py", "--actualizar-anexo", *opciones])


def pie_anexo(semillas: int, pasos: int, huella: str, fecha: str) -> str:
    """El pie de la tabla del anexo: qué se corrió, con qué comando y con qué modelo (su huella)."""
    return (
        f"({semillas} semillas, {pasos} trimestres; `{comando_anexo(semillas, pasos)}`, "
        f"huella del modelo `{huella}`, {fecha}.)"
    )


def actualizar_anexo(filas: list[str], semillas: int, pasos: int, guia: Path = GUIA) -> None:
    """Reescribe la tabla del anexo de la guía, con el comando, la huella del modelo y la fecha."""
    from datetime import UTC, datetime

    fecha = datetime.now(UTC).strftime("%d-%m-%Y %H:%M UTC")
    pie = pie_anexo(semillas, pasos, huella_de_referencia(), fecha)
    inicio, fin = "<!-- tabla del anexo -->", "<!-- fin de la tabla del anexo -->"
    texto = guia.read_text(encoding="utf-8")
    bloque = "\n".join([inicio, *filas, "", pie, fin])
    texto = re.sub(re.escape(inicio) + ".*?" + re.escape(fin), lambda _m: bloque, texto, count=1, flags=re.S)
    guia.write_text(texto, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--semillas", type=int, default=SEMILLAS_ANEXO)
    parser.add_argument("--pasos", type=int, default=PASOS_ANEXO)
    parser.add_argument("--puntos-de-control", action="store_true", help="tablas de los ejercicios (semilla 0)")
    parser.add_argument("--actualizar-guia", action="store_true", help="reescribe esas tablas en la guía")
    parser.add_argument("--actualizar-anexo", action="store_true", help="reescribe la tabla del anexo en la guía")
    args = parser.parse_args()
    if (args.actualizar_anexo or args.actualizar_guia) and "NPY_DISABLE_CPU_FEATURES" not in os.environ:
        # lo que se publica se mide con numpy en su nivel base, como la huella del pie (procedencia.py)
        os.execve(sys.executable, [sys.executable, *sys.argv], entorno_de_referencia())
    if args.puntos_de_control or args.actualizar_guia:
        tablas = tablas_puntos(medir_puntos())
        if args.actualizar_guia:
            actualizar_guia(tablas)
        for ejercicio, tabla in tablas.items():
            print(f"{MARCA.format(ejercicio)}\n{tabla}\n{FIN}\n")
        return
    filas = tabla_anexo(args.semillas, args.pasos)
    if args.actualizar_anexo:
        actualizar_anexo(filas, args.semillas, args.pasos)


if __name__ == "__main__":
    main()
