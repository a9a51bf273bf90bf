"""Tabla de parámetros de docs/odd.md, generada del esquema tipado (nunca a mano).

Para cada campo de ``simulacion/config/esquema.py``: valor por defecto, rango aceptado (metadato ``rango``),
unidad y razón (el comentario del campo en el código, más la etapa de calibración si el valor salió
de ``experimentos/calibracion.py``; en los parámetros de contexto, su rango plausible y su fuente, de
``simulacion/config/contexto.py``). Reemplaza el bloque entre los marcadores de docs/odd.md.

Uso: ``.venv/bin/python experimentos/tabla_parametros.py``
"""

from __future__ import annotations

import inspect
import re
from dataclasses import MISSING, fields
from pathlib import Path

from simulacion import config

RAIZ = Path(__file__).resolve().parents[1]
INICIO, FIN = "<!-- tabla-parametros: inicio -->", "<!-- tabla-parametros: fin -->"
CALIBRADOS = {
    "costo_proyecto",
    "riesgo_innovacion",
    "entorno_seguro",
    "depreciacion_infra_vial",
    "depreciacion_infra_productiva",
    "crecimiento_demanda",
    "tendencia_precio_externo",
    "elasticidad_mercado_local",
    "costo_transporte",
    "entorno_minimo_innovacion",
    "prima_innovacion",
    "efecto_infra_productiva",
    "costo_obra",
    "efecto_pares",
    "capital_maximo",
    "transferencias",
}
# Razón del valor por defecto para los campos cuyo comentario en el código no la da.
RAZONES = {
    "apoyo_produccion": "complementariedad: el mismo presupuesto repartido por mitades (las estrategias lo cambian)",
    "promocion_economica": "ídem; la suma con el AP no pasa de 1",
    "ancho": "un distrito rural de 20 × 20 celdas con el pueblo en el centro",
    "alto": "ídem",
    "n_pymes": "orden de magnitud de productores de un distrito rural pequeño; corrida de ~0,2 s",
    "n_empresas": "pocas empresas mayores (acopiadores, procesadoras)",
    "n_agencias": "una ONG y un programa nacional",
    "n_entidades_financieras": "una caja rural y una microfinanciera",
    "fraccion_innovadoras_inicial": 'al inicio casi todo es "más de lo mismo" (003)',
    "potencial_medio": "escala de referencia (productividad relativa 1)",
    "potencial_dispersion": "manchas de mejor y peor potencial (003: zonas de muy baja productividad)",
    "recursos_medio": "recursos naturales medianamente conservados",
    "infraestructura_inicial": "infraestructura escasa, más cerca del pueblo (003, urbano y rural)",
    "capital_entidad_financiera": "cartera de una caja rural pequeña; no limita el crédito por defecto",
    "confianza_inicial": "confianza intermedia: la concertación es posible pero no automática (003)",
    "productividad_media": "escala de referencia",
    "productividad_dispersion": "heterogeneidad moderada entre productores",
    "volatilidad_demanda": "ruido trimestral de la demanda de fuera",
    "elasticidad_demanda": "demanda de fuera elástica: el precio cae si la oferta local la supera",
    "elasticidad_mercado_local": "mercado local de hogares pequeño",
    "efecto_vial_acceso": "un camino completo lleva el acceso de una celda lejana a más de la mitad",
    "costo_fijo": "costo de mantener la actividad (mano de obra familiar valorizada)",
    "depreciacion_capital": "unos 8 % por año",
    "capital_inicial": "escala de una pyme (miles de soles)",
    "capital_minimo": "debajo de esto la actividad no se sostiene",
    "tasa_reinversion": "la mitad del excedente se reinvierte si rinde",
    "trimestres_perdida_salida": "un año y medio de pérdidas seguidas",
    "efecto_informacion": "información de agencias: suma a la probabilidad de una idea (003, territorios que aprenden)",
    "efecto_apertura": 'conocimiento de fuera (003, "CUIDADO")',
    "productividad_maxima": "techo de la mejora por servicios",
    "probabilidad_choque": "una sequía o helada cada tres años en promedio",
    "severidad_choque": "una sequía se lleva un tercio de la cosecha sin riego",
    "proteccion_riego": 'el riego protege el maíz "de posibles sequías" (003)',
    "tasa_interes": "trimestral, del orden del 12 % anual de una caja rural",
    "prima_riesgo_innovacion": "el crédito sin garantía para innovar cuesta más (000, sistema financiero)",
    "plazo_prestamo": "tres años",
    "cobertura_garantia": "el fondo cubre la mitad de lo perdido (003, rol d)",
    "costo_servicio": "kS/ por pyme atendida (asistencia técnica, sanidad)",
    "liderazgo_minimo": 'condición c de la concertación: "liderazgos claros" (003)',
    "ganancia_confianza": "la confianza se construye despacio con compromisos cumplidos (003)",
    "perdida_confianza": "y se pierde más rápido con fracasos y captura",
    "retorno_confianza": "vuelve lentamente a la confianza de base del territorio",
    "caja_empresa_entrante": "capital de trabajo de una empresa que llega",
    "radio_empresa": "una empresa compra en su zona (3 celdas)",
    "fraccion_compra": "las empresas compran un tercio de lo que se vende en su radio",
    "margen_empresa": "margen de reventa de un acopiador",
    "costo_fijo_empresa": "costo de operar en el territorio",
    "probabilidad_entrada_empresa": "una empresa nueva cada cinco años en un territorio atractivo",
    "elasticidad_capital": "rendimientos decrecientes del capital de un pequeño productor",
    "probabilidad_idea_base": "una idea cada 25 años por productor sin pares ni información (003, PE punto a)",
    "depreciacion_infra_vial": "caminos sin mantenimiento se pierden en ~8 años (el valor de antes de separar)",
    "depreciacion_infra_productiva": "ídem, el valor de antes de separar",
    "confianza_minima": "con menos confianza media los productores no se sientan a la mesa (003)",
    "mercado_municipal": "0: la municipalidad no es empresaria salvo en el caso mercado_municipal (003, Caso II)",
    "perdida_evento_adverso": "la mitad del capital se va con la actividad innovadora (plaga, helada, camino cortado)",
    "periodo_electoral": "0: sin elecciones, como antes; 16 = cada cuatro años, el período municipal en Perú (F11)",
    "institucionalizacion": "0: nada sobrevive a un cambio de gestión; 1: mesa y plan intactos (000, pactos)",
    "reeleccion_base": "elección pareja con obras a media intensidad y el ingreso quieto",
    "voto_obras": "el electorado premia las obras a la vista (003: OBRAS); sin dato: el orden que hace visible F12",
    "voto_ingreso": "y el ingreso: +10 % de ventas en el período suma 0,1 a la reelección; sin dato",
    "trimestres_reinstalacion": "un año para rearmar la mesa con una gestión que no la reconoce",
    "trimestres_ejecucion": "un proyecto cofinanciado tarda un año en completarse (recibe lo público por partes)",
    "velocidad_captura": "0: la captura es la constante territorio.captura, como antes",
    "captura_maxima": "un foro cerrado y sin control desvía a lo sumo esta fracción del fondo PE",
    "control_democratico": "rendición de cuentas y control ciudadano a medias (003, modelo de gobierno local)",
    "fraccion_informal": "0: todas formales, como antes; 004: la informalidad es mayor en micro y cuentapropistas",
    "pe_fraccion_formalizacion": "0: la PE no ofrece formalización salvo que se pida (F13)",
    "costo_formalizacion": "trámites y acompañamiento de una formalización: tres servicios de agencia; sin dato",
    "linea_subsistencia": "sólo mide (F14): 60 % de la mediana del ingreso de los hogares antes de la política "
    "(0,89 kS/, semillas 0–29), una línea relativa: el dinero del modelo es ilustrativo y `costo_fijo` ya paga la "
    "mano de obra familiar (docs/validacion.md, F14)",
}
UNIDADES = {
    "ancho": "celdas",
    "alto": "celdas",
    "escala_acceso": "celdas",
    "radio_empresa": "celdas",
    "transferencias": "kS/ por trimestre",
    "transferencias_agencias": "kS/ por trimestre",
    "capital_entidad_financiera": "kS/",
    "costo_fijo": "kS/ por trimestre",
    "capital_inicial": "kS/",
    "capital_minimo": "kS/",
    "capital_maximo": "kS/",
    "costo_proyecto": "kS/",
    "costo_obra": "kS/ por celda",
    "costo_servicio": "kS/ por pyme",
    "caja_empresa_entrante": "kS/",
    "costo_fijo_empresa": "kS/ por trimestre",
    "alquiler_puesto": "kS/ por trimestre",
    "subsidio_puesto": "kS/ por trimestre",
    "demanda_externa_inicial": "unidades por trimestre",
    "pasos": "trimestres",
    "plazo_prestamo": "trimestres",
    "horizonte_proyecto": "trimestres",
    "trimestres_perdida_salida": "trimestres",
    "trimestres_atraso_ejecucion": "trimestres",
    "tasa_interes": "por trimestre",
    "crecimiento_demanda": "por trimestre",
    "tendencia_precio_externo": "por trimestre",
    "depreciacion_infra_vial": "por trimestre",
    "depreciacion_infra_productiva": "por trimestre",
    "depreciacion_capital": "por trimestre",
    "costo_capital": "por kS/ y trimestre",
    "efecto_promocion": "por kS/",
    "riesgo_innovacion": "probabilidad por trimestre",
    "probabilidad_choque": "probabilidad por trimestre",
    "crecimiento_minimo": "por año",
    "crecimiento_descomposicion": "por año",
    "perdida_innovadora_maxima": "fracción de la producción innovadora por año",
    "precio_externo_tradicional": "kS/ por unidad",
    "precio_innovador": "kS/ por unidad",
    "costo_transporte": "kS/ por unidad",
    "margen_aislamiento": "kS/ por unidad",
    "capacidad_compra_empresa": "kS/ por trimestre",
    "empleo_por_capital": "puestos por kS/",
    "trimestres_fondo_pe": "trimestres",
    "trimestres_prehistoria": "trimestres",
    "precio_externo_largo_plazo": "kS/ por unidad",
    "transferencias_por_pyme": "kS/ por pyme y trimestre",
    "demanda_externa_por_pyme": "unidades por pyme y trimestre",
    "techo_demanda": "veces la demanda inicial",
    "confianza_por_obras": "por costo de obra",
    "costo_formalizacion": "kS/ por pyme",
    "periodo_electoral": "trimestres",
    "trimestres_reinstalacion": "trimestres",
    "trimestres_ejecucion": "trimestres",
    "velocidad_captura": "por trimestre",
    "voto_obras": "probabilidad por unidad de obras",
    "voto_ingreso": "probabilidad por unidad de crecimiento",
    "linea_subsistencia": "kS/ por hogar y trimestre",
}


def comentarios(clase) -> dict[str, str]:
    """Comentario de cada campo en el código (en su línea o en la línea anterior)."""
    lineas = inspect.getsource(clase).splitlines()
    res, previo = {}, ""
    for lin in lineas:
        texto = lin.strip()
        declaracion = re.match(r"(\w+): [\w\[\], |]+ = .*?(?:#\s*(.*))?$", texto)
        if texto.startswith("#"):
            previo = texto.lstrip("# ").strip()
            continue
        if declaracion:
            res[declaracion.group(1)] = (declaracion.group(2) or previo or "").strip()
        previo = ""
    return res


def tabla() -> str:
    filas = ["| parámetro | unidad | defecto | rango aceptado | razón del valor |", "|---|---|---|---|---|"]
    for clase, grupo in (
        (config.Estrategia, "estrategia"),
        (config.Territorio, "territorio"),
        (config.Economia, "economia"),
        (config.Umbrales, "umbrales"),
        (config.Gobierno, "gobierno"),
    ):
        notas = comentarios(clase)
        for f in fields(clase):
            if f.default is MISSING or f.name == "nombre":
                continue
            r = f.metadata.get("rango")
            rango = f"[{r.minimo:g}, {r.maximo:g}]" if r else "—"
            if r and r.abierto_abajo:
                rango = "(" + rango[1:]
            razon = RAZONES.get(f.name) or notas.get(f.name, "")
            if f.name in CALIBRADOS or grupo == "umbrales":
                razon = (razon + "; " if razon else "") + "calibrado (docs/validacion.md)"
            plausible = f.metadata.get("plausible")
            if plausible:
                razon += (
                    f"; **contexto** (`configs/contexto/`), plausible [{plausible.minimo:g}, {plausible.maximo:g}]: "
                    + plausible.fuente
                )
            filas.append(
                f"| `{grupo}.{f.name}` | {UNIDADES.get(f.name, '—')} | {f.default:g} | {rango} | {razon} |"
                if isinstance(f.default, (int, float))
                else f"| `{grupo}.{f.name}` | — | {f.default} | — | {razon} |"
            )
    return "\n".join(filas)


def main(argv: list[str] | None = None) -> None:
    import argparse

    argparse.ArgumentParser(
        description="Reescribe la tabla de parámetros de docs/odd.md a partir del esquema tipado."
    ).parse_args(argv)
    doc = RAIZ / "docs" / "odd.md"
    texto = doc.read_text(encoding="utf-8")
    a, b = texto.index(INICIO) + len(INICIO), texto.index(FIN)
    doc.write_text(texto[:a] + "\n" + tabla() + "\n" + texto[b:], encoding="utf-8")
    print(f"tabla escrita en {doc}")


if __name__ == "__main__":
    main()
