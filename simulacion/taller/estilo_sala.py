"""Hoja de estilo de la página en la sala: teléfono, proyector (modo presentación), impresión y el aviso
de conexión perdida. La de la matriz y las tarjetas está en :data:`simulacion.taller.tarjetas.ESTILO`.

Los ganchos son clases que pone :mod:`simulacion.taller.pagina` (``sala-fila``, ``sala-controles``,
``sala-contenido``, ``vista-en-vivo``, ``modo-presentacion``, ``solo-impresion``) y los rótulos
``aria-label`` de los gráficos (``Mapa del territorio``, ``Gráfico: …``). Los estilos en línea de los
componentes (anchos fijos, columnas de la grilla) se anulan con ``!important``.
"""

from __future__ import annotations

ANCHO_TELEFONO = 900  # px: por debajo, las columnas se apilan
GRAFICO_PRINCIPAL = '[aria-label^="Gráfico: Producción total"]'
MAPA = '[aria-label="Mapa del territorio"]'

ESTILO_SALA = f"""
/* ---- aviso de conexión perdida: arriba, siempre visible ---- */
.conexion-perdida {{
  position: fixed; top: 0; left: 0; right: 0; z-index: 200000; padding: 14px 18px;
  background: #8b1e1e; color: white; font-size: 18px; line-height: 1.4;
  box-shadow: 0 2px 8px rgba(0, 0, 0, 0.4);
}}
.conexion-recargar {{
  margin-left: 12px; padding: 4px 12px; background: white; color: #8b1e1e; border-radius: 4px;
  font-weight: bold;
}}

/* ---- encabezado con el interruptor del modo presentación ---- */
.encabezado {{ width: 100%; flex-wrap: wrap; }}
.encabezado .v-label, .encabezado label {{ color: white; opacity: 1; }}
.encabezado .v-input__details {{ display: none; }}
.interruptor-presentacion {{ flex: 0 0 auto; }}
.solo-impresion {{ display: none; }}

/* ---- enlace de la corrida ---- */
.enlace-texto {{
  width: 100%; font-size: 12px; padding: 4px; margin: 6px 0; border: 1px solid #999; border-radius: 4px;
  background: #f7f7f7;
}}
.enlace-compartido {{ margin-bottom: 8px; }}
.enlace-copiado {{ font-size: 12px; margin-top: 4px; }}

/* ---- teléfono: una sola columna, sin desplazamiento horizontal, mapa y gráficos al ancho ---- */
@media (max-width: {ANCHO_TELEFONO}px) {{
  .v-application, .v-application__wrap, .v-main, .v-main > div, .solara-autorouter-content {{
    max-width: 100vw !important; min-width: 0 !important;
  }}
  .sala-fila {{ flex-direction: column !important; flex-wrap: nowrap !important; }}
  .sala-controles, .sala-contenido {{ width: auto !important; min-width: 0 !important; align-self: stretch; }}
  /* la reproducción (trimestre y botones) arriba, luego lo que se ve, y debajo el resto de los controles */
  .modo-normal .sala-controles {{ display: contents !important; }}
  .modo-normal .sala-controles > * {{ order: 2; }}
  .modo-normal .sala-controles > :first-child {{ order: 0; }}
  .modo-normal .sala-contenido {{ order: 1; }}
  .sala *, .sala-contenido .d-flex {{ max-width: 100%; min-width: 0 !important; }}
  .sala .v-card {{ width: auto !important; }}
  /* «Comparar»: cada tarjeta de estrategia conserva su ancho mínimo (una por renglón), sin títulos cortados */
  .sala .comparacion > .v-card {{ min-width: min(220px, 100%) !important; }}
  .sala div:has(> {MAPA}) {{ width: 100% !important; }}
  {MAPA} {{ width: 100% !important; height: auto !important; aspect-ratio: 1 / 1; }}
  .sala [style*="grid-template-columns"] {{ grid-template-columns: minmax(0, 1fr) !important; }}
  .matriz {{ font-size: 12px; table-layout: fixed; }}
  .matriz th, .matriz td {{ padding: 3px; overflow-wrap: anywhere; }}
  .encabezado {{ font-size: 16px; }}
  .sala-pestanas .v-tab {{ min-width: 0; padding: 0 8px; font-size: 12px; }}
}}

/* ---- modo presentación (proyector 1024×768, 1280×720): letra grande; la matriz y el gráfico
   principal en la primera pantalla; el mapa, los demás gráficos y los controles debajo ---- */
.modo-presentacion {{ font-size: 18px; }}
.modo-presentacion .encabezado {{ padding: 0 16px; font-size: 18px; }}
.modo-presentacion .barra-presentacion {{ padding: 4px 12px; background: #eef3f1; }}
.modo-presentacion .barra-presentacion .trimestre-actual {{ font-size: 26px; margin: 0 12px 0 0; }}
.modo-presentacion .sala-fila {{ flex-direction: column-reverse !important; }}
.modo-presentacion .sala-controles {{
  width: 100% !important; min-width: 0 !important; flex-direction: row !important; flex-wrap: wrap;
}}
.modo-presentacion .sala-controles > .v-card {{ flex: 1 1 340px; }}
.modo-presentacion .sala-contenido {{ width: 100%; }}
.modo-presentacion .sala-pestanas {{ display: none; }}
.modo-presentacion .matriz {{ font-size: 18px; }}
.modo-presentacion .matriz th, .modo-presentacion .matriz td {{ padding: 4px; }}
.modo-presentacion .indicador b {{ font-size: 22px; }}
/* la vista en vivo como una grilla de dos columnas: se «aplanan» las cajas que agrupan la matriz con
   el mapa y la grilla de gráficos, y se ordenan sus piezas */
.modo-presentacion .vista-en-vivo {{
  display: grid; grid-template-columns: minmax(0, 1.1fr) minmax(0, 1fr); gap: 8px 16px; align-items: start;
  padding: 0 12px;
}}
.modo-presentacion .vista-en-vivo div:has(.matriz):has({MAPA}),
.modo-presentacion .vista-en-vivo div:has(> [aria-label^="Gráfico:"]) {{ display: contents !important; }}
.modo-presentacion .vista-en-vivo div:has(> div > .matriz) {{ order: 1; min-width: 0 !important; }}
.modo-presentacion .vista-en-vivo > * > * {{ order: 5; }}
.modo-presentacion .vista-en-vivo .superposicion {{ grid-column: 1 / -1; }}
.modo-presentacion .vista-en-vivo [aria-label^="Gráfico:"] {{ order: 4; }}
.modo-presentacion .vista-en-vivo {GRAFICO_PRINCIPAL} {{ order: 2; height: 380px !important; }}
.modo-presentacion .vista-en-vivo div:has(> {MAPA}) {{ order: 3; width: auto !important; min-width: 0; }}
.modo-presentacion .vista-en-vivo {MAPA} {{ width: 100% !important; height: auto !important; aspect-ratio: 1 / 1; }}
.modo-presentacion .vista-en-vivo .aviso {{ grid-column: 1 / -1; }}

/* ---- impresión: resumen legible (ajustes, desenlace, matriz y gráficos; sin controles) ---- */
@media print {{
  html, body, .v-application, .v-application__wrap, .v-layout, .v-main, .v-main > div,
  .solara-autorouter-content {{
    height: auto !important; min-height: 0 !important; overflow: visible !important; position: static !important;
  }}
  .sala-controles, .sala-pestanas, .barra-presentacion, .interruptor-presentacion, .conexion-perdida,
  .v-progress-linear, button, .v-btn-toggle, .v-btn-group {{ display: none !important; }}
  .solo-impresion {{ display: block; font-size: 12pt; margin: 6px 0; }}
  .sala-fila {{ display: block !important; }}
  .sala-contenido {{ width: 100% !important; }}
  .encabezado {{ background: none !important; color: black !important; border-bottom: 2px solid #2e5e4e; }}
  .vista-en-vivo [style*="grid-template-columns"] {{ grid-template-columns: repeat(2, minmax(0, 1fr)) !important; }}
  [aria-label^="Gráfico:"], {MAPA} {{ break-inside: avoid; }}
  canvas {{ max-width: 100% !important; }}
}}
"""
