"""Salas del taller por roles: cada grupo juega un territorio desde los teléfonos (issue 16).

El facilitador abre una sala en ``/sala`` («Código de sala: XXXX»); cada participante entra en
``/sala/XXXX``, elige un grupo y un rol (municipalidad, asociación de productores, entidad financiera)
y decide cada año. Cada grupo tiene su propio territorio con la misma semilla: las diferencias salen
sólo de las decisiones. El modelo juega, con su comportamiento de siempre, los roles que nadie tomó.

- :mod:`.roles`: qué decide cada rol, cómo se revisa y cómo llega al modelo (sólo por los métodos de
  los actores dueños: ``Municipalidad.cambiar_reparto``, ``Pymes.fijar_aporte_concertado``,
  ``EntidadFinanciera.fijar_condiciones``).
- :mod:`.estado`: la sala como datos (ajustes, participantes con su ficha, registro de decisiones),
  su JSON y los permisos. Sin modelo ni Solara.
- :mod:`.juego`: la sala en juego (un modelo por grupo, «Avanzar un año», reproducción del registro) y
  el registro de salas del servidor, guardadas en disco de forma atómica.
- :mod:`.plenario`: lo que muestra y descarga el plenario (trayectorias, matriz 2×2, línea de tiempo).
- :mod:`.paginas`: las páginas Solara ``/sala`` y ``/sala/XXXX``.
"""
