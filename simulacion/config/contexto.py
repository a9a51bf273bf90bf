"""El contexto del territorio: lo que la municipalidad no decide (issue 24, punto 2).

El precio y la demanda de fuera, cuánto dura cada tipo de obra sin mantenimiento y en qué obras
suele ir el apoyo a la producción. Cada parámetro de contexto del esquema
(:mod:`simulacion.config.esquema`) lleva aquí su rango plausible y su fuente; el grupo Hydra
``contexto`` (``configs/contexto/``) les da valores con nombre (``estable``, ``precios_en_baja``,
``mercado_en_expansion``; ``actual`` = los valores por defecto). La tabla de parámetros de
docs/odd.md los muestra.

Una vida útil de L años sin mantenimiento se lee como una depreciación de ≈ 1/(4 L) por trimestre
(a los L años queda 1/e de la obra): 8 años ≈ 0,03, 5 años = 0,05, 25 años = 0,01.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Plausible:
    """Valores plausibles de un parámetro de contexto, de ``minimo`` a ``maximo``, y de dónde salen.

    Más estrecho que el rango aceptado (:class:`simulacion.config.esquema.Rango`): es lo que un barrido
    de contextos recorre. El valor por defecto puede quedar fuera (el de antes de documentar el
    contexto, que se cambia después de calibrar); ``fuente`` lo dice entonces.
    """

    minimo: float
    maximo: float
    fuente: str


TENDENCIA_PRECIO = Plausible(
    -0.05,
    0.01,
    "0: mercados sin integrarse, el precio de fuera quieto; −0,024 (el defecto): −0,6 % por trimestre al "
    "inicio; −0,05: la brecha se cierra a la mitad en 3,4 años (una carretera nueva, 003 Caso V); a "
    "largo plazo los precios reales de las materias primas bajan del orden de 0,5 % al año frente a las "
    "manufacturas (Grilli y Yang 1988), menos que el defecto",
)
PRECIO_LARGO_PLAZO = Plausible(
    0.5,
    0.8,
    'sin cifra en la fuente ("el pollo está llegando ... y es más barato", 003): 0,8 = el precio inicial, '
    "sin caída; 0,6 (el defecto) = una cuarta parte menos",
)
CRECIMIENTO_DEMANDA = Plausible(
    -0.01,
    0.035,
    "0: demanda de fuera quieta; −0,01: un nicho que se achica (003 Caso III, truchas); 0,025 (el "
    "defecto, ≈ 10 % al año) a 0,035 (≈ 15 %): el orden del crecimiento de las agroexportaciones no "
    "tradicionales del Perú en 2000–2019 (BCRP; orden de magnitud, no verificado aquí)",
)
DEPRECIACION_VIAL = Plausible(
    0.03,
    0.08,
    "caminos vecinales de tierra o afirmado sin mantenimiento rutinario duran de 3 a 8 años (sin drenaje "
    "se vuelven intransitables pronto: PIARC, International Road Maintenance Handbook, vol. 2, 1994); "
    "0,05 = 5 años; 003: la municipalidad mantiene la carretera (San Miguel del Faique)",
)
DEPRECIACION_PRODUCTIVA = Plausible(
    0.008,
    0.02,
    "riego, electrificación y saneamiento: vidas útiles de diseño de 20 a 30 años (orden habitual en la "
    "evaluación de proyectos de inversión pública; no contrastado con una norma), 0,01 = 25 años; 0,02 = "
    "12 años, canales rurales mal operados; el defecto 0,03 (8 años, el de los caminos) queda fuera",
)
FRACCION_VIAL = Plausible(
    0.2,
    0.8,
    "sin dato: los casos de 003 van de 0 (agua para lácteos) a 1 (carretera en Puno); en las "
    "municipalidades rurales del Perú el transporte suele ser la mayor función de inversión (sin cifra "
    "verificada aquí); el defecto 0,5 no tiene fuente",
)
