"""Validación completa contra los hechos estilizados F1–F13: números y figuras de docs/validacion.md.

Uso (desde la carpeta del repositorio; ~10 min con 2 núcleos)::

    .venv/bin/python experimentos/validacion.py            # todo
    .venv/bin/python experimentos/validacion.py f1_f4      # una parte: f1_f4, tamanos, hechos, rupturas, casos, f10,
                                                           # gobierno (F11–F13, ≈ 20 min con 2 procesos)

Escribe ``experimentos/datos/validacion_<parte>.csv`` (una fila por corrida, con sus overrides) y
las figuras ``docs/figuras/validacion_*.png``; imprime las tablas que copia docs/validacion.md.
Semillas: 1000–1049 (F1–F4, nunca usadas en la calibración, que usó 100–111), 1000–1029 para los
tamaños, 5000–5029 para F5–F10 y los casos, 6000–6019 para las rupturas, 3600–3629 para F11–F13 (3500–3509
sirvieron para probar los mecanismos; ningún valor se eligió con ellas).
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from hechos import (  # noqa: E402
    AFIRMADO,
    ESTRATEGIAS,
    EXPERIMENTOS,
    F11_CONDICIONES,
    F12_CONDICIONES,
    F13_CONDICIONES,
    RUPTURAS,
    acuerdo,
    afirmaciones_relativas,
    apalancamiento,
    apalancamiento_pe,
    comparar,
    condiciones,
    correr_muchos,
    corridas_2x2,
    escalar,
    intervalo_wilson,
    pareados,
    tabla_medias,
)

from simulacion.indicadores import DESENLACES, ESTILO_DESENLACE  # noqa: E402

RAIZ = Path(__file__).resolve().parents[1]
DATOS = RAIZ / "experimentos" / "datos"
FIGURAS = RAIZ / "docs" / "figuras"
pd.set_option("display.width", 250)
pd.set_option("display.max_columns", 40)


def guardar(fig, nombre: str) -> None:
    FIGURAS.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(FIGURAS / nombre, dpi=110)
    plt.close(fig)
    print(f"figura: docs/figuras/{nombre}")


def barras_desenlaces(eje, df: pd.DataFrame, titulo: str) -> None:
    """Barras apiladas: fracción de semillas con cada desenlace, por estrategia."""
    frac = pd.crosstab(df.estrategia, df.desenlace, normalize="index").reindex(list(ESTRATEGIAS)).fillna(0)
    abajo = np.zeros(len(ESTRATEGIAS))
    for d in DESENLACES:
        v = frac[d].to_numpy() if d in frac else np.zeros(len(ESTRATEGIAS))
        eje.bar(ESTRATEGIAS, v, bottom=abajo, color=ESTILO_DESENLACE[d][1], label=ESTILO_DESENLACE[d][0])
        abajo += v
    for i, e in enumerate(ESTRATEGIAS):
        eje.text(i, 1.02, f"{100 * acuerdo(df)[e]:.0f} %", ha="center", fontsize=9)
    eje.set_ylim(0, 1.12)
    eje.set_ylabel("fracción de semillas")
    eje.set_title(titulo, fontsize=10)
    eje.tick_params(axis="x", labelsize=8)


def parte_f1_f4() -> None:
    df = correr_muchos(corridas_2x2(range(1000, 1050)))
    df.to_csv(DATOS / "validacion_f1_f4.csv", index=False)
    print("\nF1–F4, semillas 1000–1049 (nunca usadas en la calibración)")
    a = acuerdo(df)
    for e in ESTRATEGIAS:
        k = int((df[df.estrategia == e].desenlace == AFIRMADO[e]).sum())
        lo, hi = intervalo_wilson(k, 50)
        print(
            f"  {e:18s} {AFIRMADO[e]:15s} {k}/50 = {100 * a[e]:.0f} %"
            f"  (IC 95 % de Wilson {100 * lo:.0f}–{100 * hi:.0f} %)"
        )
    print(pd.crosstab(df.estrategia, df.desenlace).reindex(list(ESTRATEGIAS)).to_string())
    print(tabla_medias(df).round(3).to_string())
    for nombre, vale in afirmaciones_relativas(df).items():
        print(f"  {'sí' if vale else 'NO'}: {nombre}")
    fig, ejes = plt.subplots(1, 2, figsize=(11, 4))
    barras_desenlaces(ejes[0], df, "Desenlace por estrategia (50 semillas; % = el que afirma la fuente)")
    ejes[0].legend(fontsize=8, loc="lower right")
    medias = tabla_medias(df)
    x = np.arange(len(ESTRATEGIAS))
    err = df.groupby("estrategia").crecimiento_anual.sem().reindex(list(ESTRATEGIAS)) * 1.96
    ejes[1].bar(x, 100 * medias.crecimiento_anual, yerr=100 * err, color="#577590")
    ejes[1].axhline(0, color="black", lw=0.8)
    ejes[1].set_xticks(x, ESTRATEGIAS, fontsize=8)
    ejes[1].set_ylabel("crecimiento anual de la producción (%)")
    ejes[1].set_title("Crecimiento medio (IC 95 %)", fontsize=10)
    guardar(fig, "validacion_f1_f4.png")
    fig, ejes = plt.subplots(1, 3, figsize=(12, 3.6))
    for eje, col, tit in zip(
        ejes,
        ("tradicionales_fin", "innovadoras_fin", "tasa_fracaso_innovadoras"),
        ("Pymes tradicionales al final", "Pymes innovadoras al final", "Fracaso de innovadoras (por innovadora-año)"),
        strict=True,
    ):
        datos = [df[df.estrategia == e][col].to_numpy() for e in ESTRATEGIAS]
        eje.boxplot(datos, tick_labels=ESTRATEGIAS)
        eje.tick_params(axis="x", labelsize=7)
        eje.set_title(tit, fontsize=10)
    guardar(fig, "validacion_f1_f4_relativas.png")


def parte_tamanos() -> None:
    filas = []
    for factor in (0.5, 2.0):
        df = correr_muchos(corridas_2x2(range(1000, 1030), escalar(factor)))
        df["factor"] = factor
        filas.append(df)
    df = pd.concat(filas)
    df.to_csv(DATOS / "validacion_tamanos.csv", index=False)
    fig, ejes = plt.subplots(1, 2, figsize=(11, 4))
    for eje, factor in zip(ejes, (0.5, 2.0), strict=True):
        d = df[df.factor == factor]
        print(f"\nTerritorio × {factor:g}, semillas 1000–1029: acuerdo {acuerdo(d).round(2).to_dict()}")
        print(pd.crosstab(d.estrategia, d.desenlace).reindex(list(ESTRATEGIAS)).to_string())
        for nombre, vale in afirmaciones_relativas(d).items():
            print(f"  {'sí' if vale else 'NO'}: {nombre}")
        barras_desenlaces(eje, d, f"Territorio × {factor:g} ({round(300 * factor)} pymes, 30 semillas)")
    ejes[0].legend(fontsize=8, loc="lower right")
    guardar(fig, "validacion_tamanos.png")


def parte_hechos() -> None:
    semillas = range(5000, 5030)
    filas = []
    fig, ejes = plt.subplots(2, 3, figsize=(13, 7))
    ejes = ejes.ravel()
    a = apalancamiento(semillas)
    a.to_csv(DATOS / "validacion_f6.csv", index=False)
    d = a.apalancamiento_pe - a.apalancamiento_ap
    print(
        f"\nF6: apalancamiento AP {a.apalancamiento_ap.mean():.2f}, PE {a.apalancamiento_pe.mean():.2f} kS/ privados "
        f"por kS/ público; PE > AP en {100 * (d > 0).mean():.0f} % de las semillas; diferencia media "
        f"{d.mean():.2f} ± {1.96 * d.std(ddof=1) / np.sqrt(len(d)):.2f}"
    )
    ejes[1].boxplot([a.apalancamiento_ap, a.apalancamiento_pe], tick_labels=["AP (lamentable)", "PE (arriesgada)"])
    ejes[1].axhline(0, color="black", lw=0.8)
    ejes[1].set_title("F6: inversión privada adicional por kS/ público", fontsize=10)
    graficos = {
        "F5_carretera": (
            0,
            "tradicionales_fin",
            ["con caminos parejos", "sin caminos"],
            "F5: pymes tradicionales al final",
        ),
        "F7_truchas": (2, "innovadoras_fin", ["truchas sin demanda", "con demanda"], "F7: pymes innovadoras al final"),
        "F8_confianza": (3, "innovadoras_fin", ["confianza 0,5", "confianza 0,1"], "F8: innovadoras (arriesgada)"),
        "F9_mercado": (4, "empresas_fin", ["con mercado municipal", "sin mercado"], "F9: empresas privadas al final"),
        "F10_apertura": (
            5,
            "innovadoras_fin",
            ["apertura 1", "apertura 0"],
            "F10: innovadoras (lamentable: AP sin PE)",
        ),
    }
    for nombre, (base, cambio) in EXPERIMENTOS.items():
        x, y = comparar(base, cambio, semillas)
        x["grupo"], y["grupo"] = "base", "cambio"
        x["experimento"] = y["experimento"] = nombre
        filas += [x, y]
        print(f"\n{nombre}: base = {' '.join(base)}; cambio = {' '.join(cambio)}")
        cols = [
            "crecimiento_anual",
            "tradicionales_fin",
            "innovadoras_fin",
            "tasa_fracaso_innovadoras",
            "proyectos_cofinanciados",
            "concertacion",
            "empresas_fin",
            "resultado_mercado",
            "inversion_publica_ap",
            "inversion_publica_pe",
        ]
        print(pd.DataFrame({"base": x[cols].mean(), "cambio": y[cols].mean()}).round(3).T.to_string())
        if nombre in graficos:
            i, col, etiquetas, titulo = graficos[nombre]
            ejes[i].boxplot([x[col], y[col]], tick_labels=etiquetas)
            ejes[i].set_title(titulo, fontsize=10)
            ejes[i].tick_params(axis="x", labelsize=8)
            dif = pareados(x, y, col)
            print(
                f"  {col}: base − cambio = {dif.mean():.2f} ± {1.96 * dif.std(ddof=1) / np.sqrt(len(dif)):.2f} "
                f"(IC 95 %); base < cambio en {100 * (dif < 0).mean():.0f} % de las semillas"
            )
    pd.concat(filas).to_csv(DATOS / "validacion_hechos.csv", index=False)
    guardar(fig, "validacion_f5_f10.png")


def parte_rupturas() -> None:
    filas = []
    for nombre, extra in RUPTURAS.items():
        df = correr_muchos(corridas_2x2(range(6000, 6020), extra))
        df["condicion"] = nombre
        filas.append(df)
        print(f"\nRuptura «{nombre}» ({' '.join(extra)}): acuerdo {acuerdo(df).round(2).to_dict()}")
        print(pd.crosstab(df.estrategia, df.desenlace).reindex(list(ESTRATEGIAS)).to_string())
        print(
            tabla_medias(
                df,
                [
                    "crecimiento_anual",
                    "cambio_pymes_anual",
                    "innovadoras_fin",
                    "tasa_fracaso_innovadoras",
                    "proyectos_cofinanciados",
                    "concertacion",
                ],
            )
            .round(3)
            .to_string()
        )
    df = pd.concat(filas)
    df.to_csv(DATOS / "validacion_rupturas.csv", index=False)
    fig, ejes = plt.subplots(1, len(RUPTURAS), figsize=(4 * len(RUPTURAS), 4), sharey=True)
    for eje, nombre in zip(ejes, RUPTURAS, strict=True):
        barras_desenlaces(eje, df[df.condicion == nombre], nombre)
    ejes[0].legend(fontsize=7, loc="lower right")
    guardar(fig, "validacion_rupturas.png")


def parte_casos() -> None:
    filas = []
    for caso in ("agua_lacteos", "mercado_municipal", "truchas", "queso", "carretera_puno"):
        df = correr_muchos([[f"caso={caso}", f"semilla={s}"] for s in range(5000, 5030)])
        filas.append(df)
        print(f"\ncaso={caso}: {df.desenlace.value_counts().to_dict()}")
        print(
            df[
                [
                    "crecimiento_anual",
                    "cambio_pymes_anual",
                    "innovadoras_fin",
                    "tasa_fracaso_innovadoras",
                    "proyectos_cofinanciados",
                    "resultado_mercado",
                    "empresas_fin",
                ]
            ]
            .mean()
            .round(3)
            .to_string()
        )
    pd.concat(filas).to_csv(DATOS / "validacion_casos.csv", index=False)


def parte_f10() -> None:
    """F10 en las tres estrategias con instrumentos: ¿la apertura cambia iniciativas e innovadoras?"""
    filas = []
    for e in ESTRATEGIAS[:3]:
        x, y = comparar([f"estrategia={e}", "territorio.apertura=1.0"], ["territorio.apertura=0.0"], range(5000, 5030))
        x["apertura"], y["apertura"] = 1.0, 0.0
        filas += [x, y]
        for col in ("propuestas", "innovadoras_fin"):
            d = pareados(y, x, col)
            print(
                f"F10 {e}: {col} abierta {x[col].mean():.1f}, cerrada {y[col].mean():.1f}; cerrada − abierta = "
                f"{d.mean():.1f} ± {1.96 * d.std(ddof=1) / np.sqrt(len(d)):.1f}; menos en {100 * (d < 0).mean():.0f} %"
            )
    pd.concat(filas).to_csv(DATOS / "validacion_f10.csv", index=False)


def _pareado(texto: str, d: np.ndarray) -> None:
    """Una diferencia pareada por semilla: media ± IC 95 % y fracción de semillas con signo positivo."""
    print(
        f"  {texto}: {d.mean():+.4f} ± {1.96 * d.std(ddof=1) / np.sqrt(len(d)):.4f} (IC 95 %); "
        f"positiva en {100 * (d > 0).mean():.0f} % de las semillas ({int((d > 0).sum())}/{len(d)})"
    )


def parte_gobierno(semillas=range(3600, 3630)) -> None:
    """F11–F13: elecciones e institucionalización, el sesgo de las obras, informalidad y formalización."""
    f11 = condiciones(F11_CONDICIONES, semillas)
    f12 = condiciones(F12_CONDICIONES, semillas)
    f13 = apalancamiento_pe(semillas)
    for nombre, df in (("f11", f11), ("f12", f12), ("f13", f13)):
        df.to_csv(DATOS / f"validacion_{nombre}.csv", index=False)
    n = len(semillas)
    print(f"\nF11 (complementariedad, 80 trimestres, semillas {semillas[0]}–{semillas[-1]})")
    por = {c: f11[f11.condicion == c] for c in F11_CONDICIONES}
    for c, d in por.items():
        k = int((d.desenlace == "crecimiento").sum())
        lo, hi = intervalo_wilson(k, n)
        print(
            f"  {c:34s} crecimiento {k}/{n} = {100 * k / n:.0f} % (IC {100 * lo:.0f}–{100 * hi:.0f} %); "
            f"crecimiento anual {100 * d.crecimiento_anual.mean():.2f} %; innovadoras {d.innovadoras_fin.mean():.1f}; "
            f"mesa {100 * d.concertacion.mean():.0f} % de los trimestres; gestiones {d.gestiones.mean():.2f}"
        )
    sin, rota, inst = (por[c] for c in F11_CONDICIONES)
    _pareado("crecimiento institucionalizada − sin institucionalizar", pareados(inst, rota, "crecimiento_anual"))
    _pareado(
        "crecimiento sin elecciones − con elecciones sin institucionalizar", pareados(sin, rota, "crecimiento_anual")
    )
    _pareado("innovadoras institucionalizada − sin institucionalizar", pareados(inst, rota, "innovadoras_fin"))
    print("\nF12 (complementariedad, elecciones cada 16 trimestres, 80 trimestres)")
    no_mira, premia = (f12[f12.condicion == c] for c in F12_CONDICIONES)
    for c, d in ((c, f12[f12.condicion == c]) for c in F12_CONDICIONES):
        print(
            f"  {c:34s} AP en vigor: media {d.ap_vigente_media.mean():.3f}, al final {d.ap_vigente_fin.mean():.3f} "
            f"(la estrategia: 0,45); gestiones {d.gestiones.mean():.2f}"
        )
    _pareado("AP en vigor al final, premia − no mira", pareados(premia, no_mira, "ap_vigente_fin"))
    _pareado("AP en vigor media, premia − no mira", pareados(premia, no_mira, "ap_vigente_media"))
    print("\nF13 (arriesgada frente a condenados en el mismo territorio, 60 trimestres)")
    palanca = {c: f13[f13.condicion == c] for c in F13_CONDICIONES}
    for c, d in palanca.items():
        print(
            f"  {c:34s} apalancamiento PE {d.apalancamiento_pe.mean():.2f} kS/ privados por kS/ de PE; "
            f"cofinanciados {d.proyectos_cofinanciados.mean():.1f}; formalizaciones {d.formalizaciones.mean():.1f}; "
            f"informales al final {d.informales_fin.mean():.0f}"
        )
    formal, informal, formalizada = (palanca[c] for c in F13_CONDICIONES)
    _pareado("apalancamiento todas formales − mitad informal", pareados(formal, informal, "apalancamiento_pe"))
    _pareado("apalancamiento con formalización − sin", pareados(formalizada, informal, "apalancamiento_pe"))
    figura_gobierno(por, (no_mira, premia), palanca)


def figura_gobierno(f11: dict, f12: tuple, f13: dict) -> None:
    """docs/figuras/validacion_f11_f13.png: un panel por hecho."""
    fig, ejes = plt.subplots(1, 3, figsize=(14, 4.2))
    etiquetas = ["sin\nelecciones", "elecciones,\nsin institucionalizar", "elecciones,\ninstitucionalizada"]
    fracciones, errores = [], [[], []]
    for d in f11.values():
        k, n = int((d.desenlace == "crecimiento").sum()), len(d)
        lo, hi = intervalo_wilson(k, n)
        fracciones.append(k / n)
        errores[0].append(k / n - lo)
        errores[1].append(hi - k / n)
    ejes[0].bar(etiquetas, fracciones, yerr=errores, color=ESTILO_DESENLACE["crecimiento"][1], capsize=4)
    ejes[0].set_ylim(0, 1.05)
    ejes[0].set_ylabel("fracción de semillas con crecimiento")
    ejes[0].set_title("F11: complementariedad y elecciones cada 16 trimestres", fontsize=10)
    ejes[0].tick_params(axis="x", labelsize=8)
    ejes[1].boxplot([d.ap_vigente_fin for d in f12], tick_labels=["no mira las obras", "premia las obras"])
    ejes[1].axhline(0.45, color="gray", lw=0.8, ls="--")
    ejes[1].set_ylabel("AP en vigor al final (fracción de la inversión)")
    ejes[1].set_title("F12: el electorado y el sesgo de las obras", fontsize=10)
    ejes[2].boxplot(
        [d.apalancamiento_pe for d in f13.values()],
        tick_labels=["todas\nformales", "mitad\ninformal", "mitad informal,\ncon formalización"],
    )
    ejes[2].axhline(0, color="black", lw=0.8)
    ejes[2].set_ylabel("kS/ privados adicionales por kS/ de PE")
    ejes[2].set_title("F13: informalidad y apalancamiento de la PE", fontsize=10)
    ejes[2].tick_params(axis="x", labelsize=8)
    guardar(fig, "validacion_f11_f13.png")


PARTES = {
    "f1_f4": parte_f1_f4,
    "tamanos": parte_tamanos,
    "hechos": parte_hechos,
    "rupturas": parte_rupturas,
    "casos": parte_casos,
    "f10": parte_f10,
    "gobierno": parte_gobierno,
}

if __name__ == "__main__":
    DATOS.mkdir(parents=True, exist_ok=True)
    for parte in sys.argv[1:] or PARTES:
        PARTES[parte]()
