"""La columna de controles del taller: reproducción, estrategia, caso y territorio, descargas.

Cada componente lee el :class:`~simulacion.taller.estado.Estado` y llama
:class:`~simulacion.taller.estado.Acciones`; los cálculos están en :mod:`simulacion.taller.sesion`.
"""

from __future__ import annotations

import html
import threading

import solara

from simulacion.modelo import ModeloTerritorial
from simulacion.taller import corridas, sesion
from simulacion.taller.componentes import Deslizador
from simulacion.taller.estado import Acciones, Estado
from simulacion.taller.sala import CampoSemilla
from simulacion.taller.tarjetas import enlaces_descarga_html

ANCHO_COMPLETO = {"width": "100%"}
TEXTO_CHICO = {"font-size": "12px"}
EXPLICACION_INTENSIDADES = (
    "AP y PE son fracciones del mismo presupuesto de inversión; lo que no va a AP ni a PE se "
    "gasta sin efecto productivo. Mover un deslizador crea una estrategia personalizada."
)
EXPLICACION_CAMBIOS = (
    "Con la corrida empezada, otra estrategia (o mover AP o PE) rige desde el trimestre siguiente y "
    "los gráficos lo marcan; «Reiniciar» vuelve al trimestre 0 con la estrategia que rige."
)


@solara.component
def Trimestre(modelo: ModeloTerritorial, paso: int):
    """El trimestre en curso (``paso``: para que se redibuje tras cada paso)."""
    solara.HTML(tag="div", unsafe_innerHTML=f"Trimestre {modelo.steps}", classes=["trimestre-actual"])


@solara.component
def Reproduccion(estado: Estado, modelo: ModeloTerritorial, acciones: Acciones, paso: int):
    """Trimestre en curso, reiniciar / reproducir / paso y cuántos trimestres reproducir."""
    reproduciendo = estado.reproduciendo.value
    with solara.Card("Reproducción", style=ANCHO_COMPLETO):
        Trimestre(modelo, paso)
        with solara.Row(style={"flex-wrap": "wrap", "gap": "6px"}):
            solara.Button("Reiniciar", color="primary", on_click=acciones.reiniciar)
            solara.Button(
                "❚❚ Pausa" if reproduciendo else "▶ Reproducir",
                color="primary",
                on_click=acciones.alternar_reproduccion,
            )
            solara.Button("Paso", color="primary", on_click=acciones.paso, disabled=reproduciendo)
            solara.Button(
                "Guardar esta corrida",
                color="primary",
                outlined=True,
                on_click=acciones.guardar_corrida,
                disabled=modelo.steps == 0,
            )
        pasos = estado.pasos
        Deslizador(f"Trimestres a simular: {pasos.value}", pasos.value, 8, 120, 4, pasos.set)


def _descripcion_estrategia(nombre: str, propia: bool) -> str:
    """Título y descripción de ``estrategia/<nombre>.yaml``, o qué estrategia se está usando."""
    descripciones = {
        opcion.nombre: f"{opcion.titulo}: {opcion.descripcion}" for opcion in sesion.catalogo("estrategia")
    }
    por_defecto = "Estrategia personalizada." if propia else "La estrategia que trae el caso elegido."
    return descripciones.get(nombre, por_defecto)


@solara.component
def ControlesEstrategia(estado: Estado, modelo: ModeloTerritorial, acciones: Acciones):
    """Elegir una de las estrategias de la fuente o mover a mano las intensidades AP y PE."""
    cambios = estado.cambios.value
    # La que rige: la del último cambio o la compuesta (la elegida, la propia o la del caso).
    actual, ap, pe = corridas.reparto_vigente(modelo, cambios)
    opciones = [opcion.nombre for opcion in sesion.catalogo("estrategia")] + [sesion.NOMBRE_PROPIA]
    opciones += [nombre for nombre in (modelo.cfg.estrategia.nombre, actual) if nombre not in opciones]
    with solara.Card("Estrategia municipal", style=ANCHO_COMPLETO):
        solara.Select("Estrategia", value=actual, values=opciones, on_value=acciones.elegir_estrategia)
        solara.Text(_descripcion_estrategia(actual, actual == sesion.NOMBRE_PROPIA), style=TEXTO_CHICO)
        Deslizador(f"Apoyo a la producción (AP): {ap:.2f}", ap, 0.0, 1.0, 0.05, acciones.mover_ap)
        Deslizador(f"Promoción económica (PE): {pe:.2f}", pe, 0.0, 1.0, 0.05, acciones.mover_pe)
        solara.Text(EXPLICACION_INTENSIDADES, style=TEXTO_CHICO)
        solara.Text(EXPLICACION_CAMBIOS, style={**TEXTO_CHICO, "display": "block", "margin-top": "4px"})
        if cambios:
            lista = "".join(f"<li>{html.escape(cambio.texto())}</li>" for cambio in cambios)
            solara.HTML(tag="div", unsafe_innerHTML=f"Cambios en esta corrida:<ul>{lista}</ul>", classes=["cambios"])


def _casos_por_titulo() -> dict[str, str | None]:
    """Título del caso en el menú → nombre de ``caso/<nombre>.yaml`` ("Ninguno" primero)."""
    casos = sesion.catalogo("caso")
    neutro = "ninguno" if any(opcion.nombre == "ninguno" for opcion in casos) else None
    return {"Ninguno": neutro, **{opcion.titulo: opcion.nombre for opcion in casos if opcion.nombre != "ninguno"}}


@solara.component
def ControlesCaso(estado: Estado, modelo: ModeloTerritorial, acciones: Acciones):
    """El caso de la fuente, la semilla y los parámetros del territorio que se pueden mover."""
    por_titulo = _casos_por_titulo()
    caso = estado.caso.value
    with solara.Card("Caso y territorio", style=ANCHO_COMPLETO):
        solara.Select(
            "Caso",
            value=next((titulo for titulo, nombre in por_titulo.items() if nombre == caso), "Ninguno"),
            values=list(por_titulo),
            on_value=lambda titulo: acciones.elegir_caso(por_titulo[titulo]),
        )
        for opcion in sesion.catalogo("caso"):
            if opcion.nombre == caso:
                solara.Text(f"{opcion.titulo}: {opcion.descripcion}", style=TEXTO_CHICO)
        CampoSemilla(estado.semilla.value, acciones.elegir_semilla)
        territorio = modelo.cfg.territorio
        for clave, deslizable in sesion.PARAMETROS_TERRITORIO.items():
            valor = getattr(territorio, clave)
            Deslizador(
                f"{deslizable.rotulo}: {valor:g}",
                valor,
                deslizable.minimo,
                deslizable.maximo,
                deslizable.paso,
                lambda nuevo, clave=clave: acciones.mover_territorio(clave, nuevo),
            )


@solara.component
def Controles(estado: Estado, modelo: ModeloTerritorial, acciones: Acciones):
    """Estrategia, intensidades, caso, territorio y semilla (no depende del trimestre: no se
    redibuja en cada paso)."""
    ControlesEstrategia(estado, modelo, acciones)
    ControlesCaso(estado, modelo, acciones)


@solara.component
def Descargas(modelo: ModeloTerritorial, bloqueo: threading.Lock, paso: int):
    """Serie (CSV) y gráficos (PNG) de la corrida hasta el trimestre en curso.

    Se preparan al pedirlas y se bajan con un enlace ``data:`` (el ``FileDownload`` de Solara no se
    dibuja con el ipyvuetify 3 instalado)."""
    preparadas = solara.use_reactive(None)  # (modelo, trimestre, csv, png)

    def preparar():
        with bloqueo:  # fuera del bloqueo se avisa a la página: al redibujar, las vistas lo toman
            datos = (modelo, modelo.steps, sesion.series_csv(modelo), sesion.graficos_png(modelo))
        preparadas.set(datos)

    with solara.Card("Descargas", style=ANCHO_COMPLETO):
        solara.Button("Preparar descargas", color="primary", outlined=True, on_click=preparar)
        if preparadas.value is None or preparadas.value[0] is not modelo:
            solara.Text("Prepara la serie y los gráficos del trimestre en curso.", style=TEXTO_CHICO)
            return
        _, trimestre, csv, png = preparadas.value
        nombre = sesion.nombre_descarga(modelo, trimestre)
        solara.HTML(tag="div", unsafe_innerHTML=enlaces_descarga_html(trimestre, nombre, csv, png))
