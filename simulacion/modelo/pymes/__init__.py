"""Las pymes: estado en arreglos numpy (una fila por pyme activa), comportamiento vectorizado.

Cada pyme tiene además una identidad (``Pymes.ids``) y, cuando se la pide, un objeto con la interfaz de
un agente de Mesa (:class:`simulacion.modelo.agentes.Pyme`, ``Pymes.agente(fila)``) para el mapa y la
inspección. Los comportamientos
se escriben una vez para toda la población (como ``AgentSet.do`` pero en bloque), cada uno
con el pasaje de la fuente que implementa.

:class:`Pymes` es la única dueña de sus arreglos: los demás actores le piden lo que pasa con un
método cuyo nombre lo dice (``recibir_prestamo``, ``pagar_cuotas``, ``recibir_servicio``...).
"""

from simulacion.modelo.pymes.poblacion import CAMPOS_BOOL, CAMPOS_FLOAT, CAMPOS_INT, Pymes

__all__ = ["CAMPOS_BOOL", "CAMPOS_FLOAT", "CAMPOS_INT", "Pymes"]
