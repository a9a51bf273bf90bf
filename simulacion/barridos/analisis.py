"""Agregación de un barrido: tabla de resultados, figuras y resumen en castellano.

La llaman el callback de Hydra al terminar un barrido (:class:`simulacion.barridos.trabajos.Agregacion`) y
la orden ``simulacion-analizar DIR``; ambas leen sólo los archivos de la carpeta del barrido, así
que la agregación se puede rehacer en cualquier momento (barridos parciales, de un clúster, o
después de borrar lo agregado).

Escribe en la carpeta del barrido: ``resultados.parquet`` y ``resultados.csv`` (una fila por corrida
esperada, con su ``estado``), ``matriz_estrategias.png``, ``series_estrategias.png`` y, si el barrido
lo permite, ``mapa_ap_pe.png`` y ``sensibilidad.png`` + ``sensibilidad.csv``.

Las corridas se agrupan por los **números** ``apoyo_produccion`` y ``promocion_economica`` de su
``resumen.json``; el nombre de la estrategia sólo se usa como etiqueta.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from simulacion.barridos.trabajos import BARRIDO, COMPLETO, ESTADO, FALLIDO, leer_json
from simulacion.resultados.desenlace import DESENLACES
from simulacion.resultados.salidas import escribir_atomico, pyplot

FALTANTE = "faltante"
NIVEL_CONFIANZA = 0.95  # intervalo del crecimiento medio
BANDA = (0.05, 0.95)  # banda de 90 % en las series
COLORES = {"crecimiento": "#2a9d8f", "estancamiento": "#e9c46a", "fragilidad": "#f4a261", "descomposicion": "#e76f51"}
SERIES = (
    ("produccion_total", "Producción total (kS/ por trimestre)"),
    ("pymes_tradicionales", "Pymes tradicionales"),
    ("pymes_innovadoras", "Pymes innovadoras"),
    ("confianza_media", "Confianza media"),
)
NOMBRE_DESENLACE = {
    "crecimiento": "crecimiento",
    "estancamiento": "estancamiento",
    "fragilidad": "fragilidad",
    "descomposicion": "descomposición",
}
CELDAS = np.array([["AP sí · PE sí", "AP sí · PE no"], ["AP no · PE sí", "AP no · PE no"]])
MAX_GRUPOS_SERIES = 8  # con más grupos, las series se agrupan por celda de la matriz


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
        v = yaml.safe_load(texto)
    except yaml.YAMLError:
        return texto
    return v if isinstance(v, int | float | str | bool) or v is None else texto


def _overrides_de(carpeta: Path) -> list[str] | None:
    estado = leer_json(carpeta / ESTADO)
    if estado and "overrides" in estado:
        return list(estado["overrides"])
    archivo = carpeta / ".hydra" / "overrides.yaml"
    if archivo.is_file():
        return list(yaml.safe_load(archivo.read_text(encoding="utf-8")) or [])
    return None


def _fila(trabajo: str, carpeta: Path | None, overrides: list[str]) -> dict:
    """Una fila de la tabla: overrides, estado y (si está completa) todo ``resumen.json``."""
    fila: dict = {"trabajo": trabajo, "carpeta": str(carpeta) if carpeta else "", "overrides": " ".join(overrides)}
    for ov in overrides:
        clave, _, valor = ov.partition("=")
        fila[clave.lstrip("+~")] = _valor(valor)
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
        ov = _overrides_de(sub)
        if ov is not None:
            encontrados[tuple(ov)] = sub
    filas = []
    esperados = barrido.get("trabajos") or []
    for i, ov in enumerate(esperados):
        sub = encontrados.pop(tuple(ov), None)
        filas.append(_fila(sub.name if sub else str(i), sub, ov))
    for ov, sub in encontrados.items():  # carpetas que no estaban en la lista (otra versión del barrido)
        filas.append(_fila(sub.name, sub, list(ov)))
    tabla = pd.DataFrame(filas)
    if not tabla.empty:
        tabla = tabla.iloc[np.argsort(pd.to_numeric(tabla["trabajo"], errors="coerce").to_numpy(), kind="stable")]
    return tabla.reset_index(drop=True), barrido


def _tipos_uniformes(tabla: pd.DataFrame) -> pd.DataFrame:
    """Columnas con tipos mezclados pasan a texto (Parquet exige un tipo por columna)."""
    t = tabla.copy()
    for col in t.columns:
        if t[col].dtype == object:
            tipos = {type(v) for v in t[col].dropna()}
            if len(tipos) > 1 and not tipos <= {int, float}:
                t[col] = t[col].map(lambda v: None if v is None or (isinstance(v, float) and np.isnan(v)) else str(v))
    return t


# --------------------------------------------------------------------------- grupos y resumen


def etiqueta_grupos(completas: pd.DataFrame) -> pd.Series:
    """Etiqueta de cada corrida: el nombre de la estrategia si identifica un par (AP, PE), si no los números."""
    pares = completas.groupby("estrategia")[["apoyo_produccion", "promocion_economica"]].nunique()
    nombres_unicos = (pares.max(axis=1) == 1).all() and completas.groupby(["apoyo_produccion", "promocion_economica"])[
        "estrategia"
    ].nunique().max() == 1
    if nombres_unicos:
        return completas["estrategia"].astype(str)
    return completas.apply(lambda r: f"AP {r.apoyo_produccion:.2f} · PE {r.promocion_economica:.2f}", axis=1)


def intervalo_media(valores: np.ndarray) -> tuple[float, float, float]:
    """Media y su intervalo de confianza t de Student al ``NIVEL_CONFIANZA``."""
    from scipy.special import stdtrit  # cuantil de la t de Student; scipy.stats tarda ~1 s en importarse

    v = np.asarray(valores, dtype=float)
    media = float(v.mean())
    if len(v) < 2:
        return media, float("nan"), float("nan")
    medio = float(stdtrit(len(v) - 1, 0.5 + NIVEL_CONFIANZA / 2) * v.std(ddof=1) / np.sqrt(len(v)))
    return media, media - medio, media + medio


def resumir(completas: pd.DataFrame) -> pd.DataFrame:
    """Una fila por par (AP, PE): corridas, fracción por desenlace y crecimiento medio con su intervalo."""
    filas = []
    completas = completas.assign(grupo=etiqueta_grupos(completas))
    for (ap, pe), g in completas.groupby(["apoyo_produccion", "promocion_economica"], sort=False):
        media, bajo, alto = intervalo_media(g["crecimiento_anual"])
        fila = {"grupo": g["grupo"].iloc[0], "apoyo_produccion": ap, "promocion_economica": pe, "corridas": len(g)}
        fila.update({d: float((g["desenlace"] == d).mean()) for d in DESENLACES})
        fila.update(crecimiento_medio=media, crecimiento_ic_bajo=bajo, crecimiento_ic_alto=alto)
        filas.append(fila)
    return pd.DataFrame(filas)


def tabla_texto(resumen: pd.DataFrame) -> str:
    """La tabla resumen en castellano, para la terminal."""
    cab = f"{'estrategia':<24} {'AP':>5} {'PE':>5} {'n':>4}  " + " ".join(
        f"{NOMBRE_DESENLACE[d]:>14}" for d in DESENLACES
    )
    cab += "   crecimiento anual medio [IC 95 %]"
    lineas = [cab, "-" * len(cab)]
    for _, r in resumen.iterrows():
        partes = " ".join(f"{100 * r[d]:>13.0f}%" for d in DESENLACES)
        ic = f"[{100 * r.crecimiento_ic_bajo:+.1f}, {100 * r.crecimiento_ic_alto:+.1f}]"
        lineas.append(
            f"{str(r.grupo)[:24]:<24} {r.apoyo_produccion:>5.2f} {r.promocion_economica:>5.2f} {r.corridas:>4d}  "
            f"{partes}   {100 * r.crecimiento_medio:+.1f} % {ic}"
        )
    return "\n".join(lineas)


# --------------------------------------------------------------------------- figuras


def _guardar(fig, destino: Path) -> Path:
    plt = pyplot()

    try:
        escribir_atomico(destino, lambda p: fig.savefig(p, format="png", dpi=110))
    finally:
        plt.close(fig)
    return destino


def celda(ap: float, pe: float) -> tuple[int, int]:
    """Fila y columna de la matriz 2×2 de la fuente: filas AP sí/no, columnas PE sí/no."""
    return (0 if ap > 0 else 1, 0 if pe > 0 else 1)


def figura_matriz(completas: pd.DataFrame, destino: Path) -> Path:
    """``matriz_estrategias.png``: en cada celda, fracción de corridas por desenlace y crecimiento medio."""
    plt = pyplot()

    completas = completas.assign(grupo=etiqueta_grupos(completas))
    filas_cols = [celda(a, p) for a, p in zip(completas.apoyo_produccion, completas.promocion_economica, strict=True)]
    completas = completas.assign(fila_matriz=[f for f, _ in filas_cols], col_matriz=[c for _, c in filas_cols])
    fig, ejes = plt.subplots(2, 2, figsize=(13, 8), constrained_layout=True, sharex=True)
    for (i, j), eje in np.ndenumerate(ejes):
        g = completas[(completas["fila_matriz"] == i) & (completas["col_matriz"] == j)]
        eje.set_xlim(0, 1)
        if i == 1:
            eje.set_xlabel("fracción de corridas")
        if g.empty:
            eje.set_title(f"{CELDAS[i, j]}: sin corridas")
            eje.set_yticks([])
            continue
        nombres = list(dict.fromkeys(g["grupo"]))
        titulo = ", ".join(nombres) if len(nombres) <= 2 else f"{len(nombres)} combinaciones de AP y PE"
        fracciones = [float((g["desenlace"] == d).mean()) for d in DESENLACES]
        eje.barh([NOMBRE_DESENLACE[d] for d in DESENLACES], fracciones, color=[COLORES[d] for d in DESENLACES])
        eje.invert_yaxis()
        for k, f in enumerate(fracciones):
            eje.text(min(f + 0.01, 0.85), k, f"{100 * f:.0f} %", va="center")
        media, bajo, alto = intervalo_media(g["crecimiento_anual"])
        eje.set_title(
            f"{CELDAS[i, j]}: {titulo}\ncrecimiento anual medio {100 * media:+.1f} % [IC 95 %: {100 * bajo:+.1f}, "
            f"{100 * alto:+.1f}] · {len(g)} corridas",
            fontsize=10,
        )
    fig.suptitle("Desenlace por estrategia: apoyo a la producción (AP) × promoción económica (PE)", fontsize=14)
    return _guardar(fig, destino)


def leer_series(completas: pd.DataFrame) -> pd.DataFrame:
    """Series de todas las corridas completas, con su grupo, en formato largo."""
    partes = []
    for _, r in completas.iterrows():
        s = pd.read_parquet(Path(r.carpeta) / "series.parquet", columns=["paso", *[c for c, _ in SERIES]])
        partes.append(s.assign(grupo=r.grupo))
    return pd.concat(partes, ignore_index=True)


def figura_series(completas: pd.DataFrame, destino: Path) -> Path:
    """``series_estrategias.png``: media y banda de 90 % por grupo de producción, pymes por tipo y confianza."""
    plt = pyplot()

    grupos = etiqueta_grupos(completas)
    if grupos.nunique() > MAX_GRUPOS_SERIES:
        grupos = pd.Series(
            [
                CELDAS[celda(a, p)]
                for a, p in zip(completas.apoyo_produccion, completas.promocion_economica, strict=True)
            ],
            index=completas.index,
        )
    series = leer_series(completas.assign(grupo=grupos))
    fig, ejes = plt.subplots(2, 2, figsize=(12, 8), constrained_layout=True)
    for eje, (col, titulo) in zip(ejes.flat, SERIES, strict=True):
        for k, (nombre, g) in enumerate(series.groupby("grupo", sort=False)):
            por_paso = g.groupby("paso")[col]
            media, bajo, alto = por_paso.mean(), por_paso.quantile(BANDA[0]), por_paso.quantile(BANDA[1])
            color = f"C{k}"
            eje.plot(media.index, media.to_numpy(), color=color, label=nombre)
            eje.fill_between(media.index, bajo.to_numpy(), alto.to_numpy(), color=color, alpha=0.18)
        eje.set_title(titulo)
        eje.set_xlabel("trimestre")
    ejes.flat[0].legend(fontsize=9)
    fig.suptitle("Series por estrategia: media y banda del 90 % entre semillas", fontsize=14)
    return _guardar(fig, destino)


def hay_mapa(completas: pd.DataFrame) -> bool:
    """Un mapa tiene sentido con al menos 3 valores de AP, 3 de PE y 9 pares distintos."""
    pares = completas[["apoyo_produccion", "promocion_economica"]].drop_duplicates()
    return pares["apoyo_produccion"].nunique() >= 3 and pares["promocion_economica"].nunique() >= 3 and len(pares) >= 9


def figura_mapa(completas: pd.DataFrame, destino: Path) -> Path:
    """``mapa_ap_pe.png``: crecimiento medio y desenlace dominante sobre la grilla AP × PE."""
    plt = pyplot()
    from matplotlib.colors import ListedColormap

    aps = np.sort(completas["apoyo_produccion"].unique())
    pes = np.sort(completas["promocion_economica"].unique())
    crec = np.full((len(aps), len(pes)), np.nan)
    dominante = np.full((len(aps), len(pes)), np.nan)
    fraccion = np.full((len(aps), len(pes)), np.nan)
    for (ap, pe), g in completas.groupby(["apoyo_produccion", "promocion_economica"]):
        i, j = np.searchsorted(aps, ap), np.searchsorted(pes, pe)
        crec[i, j] = 100 * g["crecimiento_anual"].mean()
        cuenta = g["desenlace"].value_counts()
        dominante[i, j] = DESENLACES.index(cuenta.index[0])
        fraccion[i, j] = cuenta.iloc[0] / len(g)
    fig, (e1, e2) = plt.subplots(1, 2, figsize=(14, 6), constrained_layout=True)
    extension = max(np.nanmax(np.abs(crec)), 1e-9)
    im = e1.imshow(crec, origin="lower", cmap="RdYlGn", vmin=-extension, vmax=extension, aspect="auto")
    fig.colorbar(im, ax=e1, label="crecimiento anual medio de la producción (%)")
    e1.set_title("Crecimiento anual medio (%)")
    e2.imshow(
        dominante,
        origin="lower",
        cmap=ListedColormap([COLORES[d] for d in DESENLACES]),
        vmin=-0.5,
        vmax=len(DESENLACES) - 0.5,
        aspect="auto",
    )
    e2.set_title("Desenlace dominante (fracción de semillas)")
    for (i, j), v in np.ndenumerate(crec):
        if not np.isnan(v):
            e1.text(j, i, f"{v:+.1f}", ha="center", va="center", fontsize=8)
            e2.text(
                j,
                i,
                f"{NOMBRE_DESENLACE[DESENLACES[int(dominante[i, j])]]}\n{100 * fraccion[i, j]:.0f} %",
                ha="center",
                va="center",
                fontsize=7,
            )
    for eje in (e1, e2):
        eje.set_xticks(range(len(pes)), [f"{v:.2f}" for v in pes])
        eje.set_yticks(range(len(aps)), [f"{v:.2f}" for v in aps])
        eje.set_xlabel("promoción económica (fracción del presupuesto de inversión)")
        eje.set_ylabel("apoyo a la producción (fracción del presupuesto de inversión)")
    fig.suptitle("Mapa AP × PE: la versión continua de la matriz de estrategias", fontsize=14)
    return _guardar(fig, destino)


# --------------------------------------------------------------------------- análisis completo


def _tiempo(tabla: pd.DataFrame, barrido: dict) -> str:
    texto = ""
    if "fin" in tabla and tabla["fin"].notna().any() and "inicio" in barrido:
        segundos = tabla["fin"].max() - barrido["inicio"]
        texto = f"; tiempo desde el inicio del barrido hasta la última corrida: {segundos:.0f} s"
    if "duracion_s" in tabla and tabla["duracion_s"].notna().any():
        texto += f" (suma de las corridas: {tabla['duracion_s'].sum():.0f} s)"
    return texto


def analizar(carpeta: Path, imprimir: bool = True) -> Agregado:
    """Agrega el barrido de ``carpeta``: escribe la tabla y las figuras e imprime el resumen."""
    from simulacion.barridos.sensibilidad import analizar_sensibilidad

    carpeta = Path(carpeta)
    tabla, barrido = leer_barrido(carpeta)
    if tabla.empty:
        raise FileNotFoundError(f"no hay corridas de un barrido en {carpeta}")
    escribir_atomico(carpeta / "resultados.parquet", lambda p: _tipos_uniformes(tabla).to_parquet(p, index=False))
    escribir_atomico(carpeta / "resultados.csv", lambda p: tabla.to_csv(p, index=False))
    agregado = Agregado(
        carpeta=carpeta,
        tabla=tabla,
        resumen=pd.DataFrame(),
        archivos=[carpeta / "resultados.parquet", carpeta / "resultados.csv"],
    )
    agregado.faltantes = tabla.loc[tabla["estado"] == FALTANTE, "overrides"].tolist()
    agregado.fallidas = (
        (
            tabla.loc[tabla["estado"] == FALLIDO, "overrides"]
            + " — "
            + tabla.loc[tabla["estado"] == FALLIDO, "error"].astype(str)
        ).tolist()
        if "error" in tabla
        else []
    )
    completas = tabla[tabla["estado"] == COMPLETO].copy()
    partes = [
        f"Barrido en {carpeta}",
        f"{len(completas)} de {len(tabla)} corridas completas, {len(agregado.fallidas)} con error, "
        f"{len(agregado.faltantes)} faltantes{_tiempo(tabla, barrido)}",
    ]
    if not completas.empty:
        completas["grupo"] = etiqueta_grupos(completas)
        agregado.resumen = resumir(completas)
        partes += ["", tabla_texto(agregado.resumen)]
        agregado.archivos.append(figura_matriz(completas, carpeta / "matriz_estrategias.png"))
        agregado.archivos.append(figura_series(completas, carpeta / "series_estrategias.png"))
        if hay_mapa(completas):
            agregado.archivos.append(figura_mapa(completas, carpeta / "mapa_ap_pe.png"))
        sens = analizar_sensibilidad(tabla, carpeta)
        if sens is not None:
            partes += ["", sens.texto]
            agregado.archivos += sens.archivos
    if agregado.fallidas:
        partes += ["", "Corridas con error (traza en error.log de su carpeta):", *[f"  {f}" for f in agregado.fallidas]]
    if agregado.faltantes:
        partes += [
            "",
            "Corridas faltantes (vuelva a correr el mismo barrido con hydra.sweep.dir=<carpeta> para completarlas):",
            *[f"  {f}" for f in agregado.faltantes],
        ]
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
