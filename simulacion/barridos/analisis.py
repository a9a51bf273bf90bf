"""Agregación de un barrido: tabla de resultados, figuras y resumen en castellano.

La llaman el callback de Hydra al terminar un barrido (:class:`simulacion.barridos.trabajos.Agregacion`) y
la orden ``simulacion-analizar DIR`` (``python -m simulacion.barridos.analisis DIR``); ambas leen
sólo los archivos de la carpeta del barrido, así que la agregación se puede rehacer en cualquier
momento (barridos parciales, de un clúster, o después de borrar lo agregado).

Escribe en la carpeta del barrido: ``resultados.parquet`` y ``resultados.csv`` (una fila por corrida
esperada, con su ``estado``), la tabla larga ``series.parquet`` (una fila por corrida completa y
trimestre, con los overrides de la corrida como columnas; las figuras de series salen de ella),
``matriz_estrategias.png``, ``series_estrategias.png`` y, si el barrido lo permite, ``mapa_ap_pe.png``
y las tablas y figuras de su diseño (:mod:`.sensibilidad`). Las columnas y sus unidades están en el
diccionario de datos (docs/datos.md).

Importa los registros, los grupos, las figuras y la sensibilidad del barrido; nunca Hydra ni Mesa.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from simulacion.barridos.figuras import (
    aviso_incompleto,
    con_aviso,
    figura_mapa,
    figura_matriz,
    figura_series,
    hay_mapa,
)
from simulacion.barridos.grupos import etiqueta_grupos, resumir, tabla_texto
from simulacion.barridos.registros import (
    BARRIDO,
    COMPLETO,
    ESTADO,
    FALLIDO,
    FALTANTE,
    leer_json,
    orden_para_reanudar,
)
from simulacion.barridos.sensibilidad import analizar_sensibilidad
from simulacion.config.muestreo import es_parametro
from simulacion.indicadores import COLUMNAS_TABLA_LARGA
from simulacion.resultados.salidas import escribir_atomico

TABLA_LARGA = "series.parquet"  # en la carpeta del barrido: una fila por corrida completa y trimestre


@dataclass
class Agregado:
    """Lo que produce :func:`analizar`."""

    carpeta: Path
    tabla: pd.DataFrame
    resumen: pd.DataFrame
    archivos: list[Path] = field(default_factory=list)
    faltantes: list[str] = field(default_factory=list)
    fallidas: list[str] = field(default_factory=list)
    texto: str = ""


# --------------------------------------------------------------------------- lectura


def _valor(texto: str):
    """Valor de un override como número si se puede (``"0.3"`` → 0.3), si no como texto."""
    try:
        valor = yaml.safe_load(texto)
    except yaml.YAMLError:
        return texto
    return valor if isinstance(valor, int | float | str | bool) or valor is None else texto


def columnas_de_override(override: str) -> dict:
    """Las columnas de un override: ``semilla=3`` → ``{"semilla": 3}``; un diccionario de Hydra
    ``estrategia={apoyo_produccion:0.3,promocion_economica:0.6}`` → una columna por clave
    (``estrategia.apoyo_produccion``, ``estrategia.promocion_economica``)."""
    clave, _, valor = override.partition("=")
    clave = clave.lstrip("+~")
    if valor.startswith("{") and valor.endswith("}"):
        try:
            datos = yaml.safe_load(re.sub(r":(?=\S)", ": ", valor))  # {a:1} de Hydra → {a: 1} de YAML
        except yaml.YAMLError:
            datos = None
        if isinstance(datos, dict):
            return {f"{clave}.{k}": _valor(str(v)) for k, v in datos.items()}
    return {clave: _valor(valor)}


def claves_de_overrides(overrides: list[list[str]]) -> list[str]:
    """Las columnas de todos los overrides, en orden de aparición."""
    return list(dict.fromkeys(c for lista in overrides for o in lista for c in columnas_de_override(o)))


def _overrides_de(carpeta: Path) -> list[str] | None:
    estado = leer_json(carpeta / ESTADO)
    if estado and "overrides" in estado:
        return list(estado["overrides"])
    archivo = carpeta / ".hydra" / "overrides.yaml"
    if archivo.is_file():
        return list(yaml.safe_load(archivo.read_text(encoding="utf-8")) or [])
    return None


def encabezado(trabajo: str, overrides: list[str], carpeta: str | None = None) -> dict:
    """El principio de una fila de la tabla: ``trabajo``, ``carpeta`` (si no es ``None``), ``overrides``
    y una columna por clave de override (:func:`columnas_de_override`)."""
    fila: dict = {"trabajo": trabajo, "carpeta": carpeta, "overrides": " ".join(overrides)}
    if carpeta is None:
        del fila["carpeta"]
    for override in overrides:
        fila.update(columnas_de_override(override))
    return fila


def _fila(trabajo: str, carpeta: Path | None, overrides: list[str]) -> dict:
    """Una fila de la tabla: overrides, estado y (si está completa) todo ``resumen.json``."""
    fila = encabezado(trabajo, overrides, str(carpeta) if carpeta else "")
    estado = leer_json(carpeta / ESTADO) if carpeta else None
    if estado is None:
        fila["estado"] = FALTANTE
        return fila
    fila.update(estado=estado["estado"], duracion_s=estado.get("duracion_s"), fin=estado.get("fin"))
    if estado["estado"] == COMPLETO:
        resumen = leer_json(carpeta / "resumen.json")
        if resumen is None or not (carpeta / "series.parquet").is_file():
            fila["estado"] = FALTANTE
        else:
            resumen.pop("procedencia", None)  # versiones y huella: por corrida en resumen.json y estado.json
            fila.update(resumen)
    else:
        fila["error"] = estado.get("error", "")
    return fila


def leer_barrido(carpeta: Path) -> tuple[pd.DataFrame, dict]:
    """Tabla con una fila por corrida esperada o encontrada en ``carpeta``, y ``barrido.json``.

    Una corrida esperada (según ``barrido.json``) sin carpeta, o una carpeta sin ``estado.json``,
    queda con ``estado = faltante``; nada se descarta en silencio.
    """
    carpeta = Path(carpeta)
    barrido = leer_json(carpeta / BARRIDO) or {}
    encontrados = {}
    for sub in sorted(p for p in carpeta.iterdir() if p.is_dir() and not p.name.startswith(".")):
        overrides = _overrides_de(sub)
        if overrides is not None:
            encontrados[tuple(overrides)] = sub
    filas, todos = [], [list(o) for o in barrido.get("trabajos") or []] + [list(o) for o in encontrados]
    for numero, overrides in enumerate(barrido.get("trabajos") or []):
        sub = encontrados.pop(tuple(overrides), None)
        filas.append(_fila(sub.name if sub else str(numero), sub, overrides))
    for overrides, sub in encontrados.items():  # carpetas que no estaban en la lista (otra versión del barrido)
        filas.append(_fila(sub.name, sub, list(overrides)))
    tabla = pd.DataFrame(filas)
    if not tabla.empty:
        tabla = tabla.iloc[np.argsort(pd.to_numeric(tabla["trabajo"], errors="coerce").to_numpy(), kind="stable")]
    tabla = tabla.reset_index(drop=True)
    tabla.attrs["overrides"] = claves_de_overrides(todos)  # columnas que son overrides (para la tabla larga)
    return tabla, barrido


def _tipos_uniformes(tabla: pd.DataFrame) -> pd.DataFrame:
    """Columnas con tipos mezclados pasan a texto (Parquet exige un tipo por columna)."""
    uniforme = tabla.copy()
    for col in uniforme.columns:
        if uniforme[col].dtype == object:
            tipos = {type(v) for v in uniforme[col].dropna()}
            if len(tipos) > 1 and not tipos <= {int, float}:
                uniforme[col] = uniforme[col].map(
                    lambda v: None if v is None or (isinstance(v, float) and np.isnan(v)) else str(v)
                )
    return uniforme


# --------------------------------------------------------------------------- análisis completo


def _tiempo(tabla: pd.DataFrame, barrido: dict) -> str:
    texto = ""
    if "fin" in tabla and tabla["fin"].notna().any() and "inicio" in barrido:
        segundos = tabla["fin"].max() - barrido["inicio"]
        texto = f"; tiempo desde el inicio del barrido hasta la última corrida: {segundos:.0f} s"
    if "duracion_s" in tabla and tabla["duracion_s"].notna().any():
        texto += f" (suma de las corridas: {tabla['duracion_s'].sum():.0f} s)"
    return texto


def _escribir_tabla(carpeta: Path, tabla: pd.DataFrame) -> list[Path]:
    """``resultados.parquet`` y ``resultados.csv``."""
    escribir_atomico(carpeta / "resultados.parquet", lambda p: _tipos_uniformes(tabla).to_parquet(p, index=False))
    escribir_atomico(carpeta / "resultados.csv", lambda p: tabla.to_csv(p, index=False))
    return [carpeta / "resultados.parquet", carpeta / "resultados.csv"]


def tabla_larga(completas: pd.DataFrame, claves: list[str]) -> pd.DataFrame:
    """Una fila por corrida completa y trimestre: ``trabajo``, los overrides ``claves`` de la corrida,
    su estrategia, semilla, intensidades y desenlace (:data:`~simulacion.indicadores.COLUMNAS_TABLA_LARGA`)
    y las columnas de su ``series.parquet`` (con las unidades de docs/datos.md)."""
    from concurrent.futures import ThreadPoolExecutor

    import pyarrow as pa
    import pyarrow.parquet as pq

    rutas = [Path(c) / "series.parquet" for c in completas["carpeta"]]
    with ThreadPoolExecutor(max_workers=4) as hilos:  # pyarrow lee sin el GIL
        series = list(hilos.map(pq.read_table, rutas))
    serie = pa.concat_tables(series, promote_options="default").to_pandas()
    return unir_series(completas, serie, [s.num_rows for s in series], claves)


def unir_series(completas: pd.DataFrame, serie: pd.DataFrame, largos: list[int], claves: list[str]) -> pd.DataFrame:
    """La tabla larga de :func:`tabla_larga` con las series ya leídas: ``serie`` son las series de las
    corridas de ``completas`` una detrás de otra (``largos[i]`` filas la de la corrida ``i``). Lleva
    ``trabajo``, las columnas ``claves``, las de los parámetros del diseño y :data:`COLUMNAS_TABLA_LARGA`."""
    filas = np.repeat(np.arange(len(completas)), largos)
    diseno = [c for c in completas.columns if es_parametro(c) and c not in claves]  # de resumen.json
    columnas = ["trabajo", *claves, *diseno, *COLUMNAS_TABLA_LARGA]
    de_corrida = [c for c in dict.fromkeys(columnas) if c in completas]
    corrida = completas[de_corrida].iloc[filas].reset_index(drop=True)
    return pd.concat([corrida, serie.drop(columns=[c for c in de_corrida if c in serie])], axis=1)


def _fallidas(tabla: pd.DataFrame) -> list[str]:
    """``overrides — error`` de cada corrida con error."""
    if "error" not in tabla:
        return []
    con_error = tabla[tabla["estado"] == FALLIDO]
    return (con_error["overrides"] + " — " + con_error["error"].astype(str)).tolist()


def _agregar_completas(agregado: Agregado, completas: pd.DataFrame) -> list[str]:
    """Resumen, figuras y sensibilidad de las corridas completas; devuelve las partes del texto."""
    carpeta = agregado.carpeta
    completas["grupo"] = etiqueta_grupos(completas)
    agregado.resumen = resumir(completas)
    partes = ["", tabla_texto(agregado.resumen, completas)]
    larga = tabla_larga(completas, agregado.tabla.attrs.get("overrides", []))
    escribir_atomico(carpeta / TABLA_LARGA, lambda p: _tipos_uniformes(larga).to_parquet(p, index=False))
    agregado.archivos.append(carpeta / TABLA_LARGA)
    agregado.archivos.append(figura_matriz(completas, carpeta / "matriz_estrategias.png"))
    agregado.archivos.append(figura_series(completas, larga, carpeta / "series_estrategias.png"))
    if hay_mapa(completas):
        agregado.archivos.append(figura_mapa(completas, carpeta / "mapa_ap_pe.png"))
    sensibilidad = analizar_sensibilidad(agregado.tabla, carpeta)
    if sensibilidad is not None:
        partes += ["", sensibilidad.texto]
        agregado.archivos += sensibilidad.archivos
    return partes


def _avisos(agregado: Agregado) -> list[str]:
    """Corridas con error y faltantes, y cómo completarlas."""
    partes = []
    if agregado.fallidas:
        partes += ["", "Corridas con error (traza en error.log de su carpeta):", *[f"  {f}" for f in agregado.fallidas]]
    if agregado.faltantes:
        partes += ["", "Corridas faltantes:", *[f"  {f}" for f in agregado.faltantes]]
    if agregado.faltantes or agregado.fallidas:
        partes += [
            "",
            "Para completarlo (corre sólo las faltantes y las que fallaron; omite las completas):",
            f"  {orden_para_reanudar(agregado.carpeta)}",
        ]
    return partes


def analizar(carpeta: Path, imprimir: bool = True) -> Agregado:
    """Agrega el barrido de ``carpeta``: escribe la tabla y las figuras e imprime el resumen."""
    carpeta = Path(carpeta)
    tabla, barrido = leer_barrido(carpeta)
    if tabla.empty:
        raise FileNotFoundError(f"no hay corridas de un barrido en {carpeta}")
    agregado = Agregado(carpeta=carpeta, tabla=tabla, resumen=pd.DataFrame(), archivos=_escribir_tabla(carpeta, tabla))
    agregado.faltantes = tabla.loc[tabla["estado"] == FALTANTE, "overrides"].tolist()
    agregado.fallidas = _fallidas(tabla)
    completas = tabla[tabla["estado"] == COMPLETO].copy()
    partes = [
        f"Barrido en {carpeta}",
        f"{len(completas)} de {len(tabla)} corridas completas, {len(agregado.fallidas)} con error, "
        f"{len(agregado.faltantes)} faltantes{_tiempo(tabla, barrido)}",
    ]
    if not completas.empty:
        with con_aviso(aviso_incompleto(len(completas), len(tabla))):  # «incompleto: 85/120» en cada figura
            partes += _agregar_completas(agregado, completas)
    partes += _avisos(agregado)
    partes += ["", "Archivos:", *[f"  {p}" for p in agregado.archivos]]
    agregado.texto = "\n".join(partes)
    if imprimir:
        print(agregado.texto, flush=True)
    return agregado


def main(argv: list[str] | None = None) -> int:
    """``simulacion-analizar DIR``: rehace la agregación de un barrido desde sus archivos."""
    parser = argparse.ArgumentParser(
        prog="simulacion-analizar",
        description="Rehace la tabla, las figuras y el resumen de un barrido a partir de su carpeta.",
    )
    parser.add_argument("carpeta", type=Path, help="carpeta del barrido (la de hydra.sweep.dir)")
    args = parser.parse_args(argv)
    if not args.carpeta.is_dir():
        print(f"simulacion-analizar: la carpeta '{args.carpeta}' no existe", file=sys.stderr)
        return 2
    inicio = time.time()
    try:
        agregado = analizar(args.carpeta, imprimir=True)
    except FileNotFoundError as error:
        print(f"simulacion-analizar: {error}", file=sys.stderr)
        return 2
    print(f"(agregación en {time.time() - inicio:.1f} s)")
    return 1 if agregado.faltantes or agregado.fallidas else 0


if __name__ == "__main__":
    sys.exit(main())
