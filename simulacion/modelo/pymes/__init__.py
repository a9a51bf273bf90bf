"""Las pymes: estado en arreglos numpy (una fila por pyme activa), comportamiento vectorizado.

Cada pyme es además un agente Mesa (:class:`simulacion.modelo.agentes.Pyme`) fijo en su celda:
esa es su identidad para el espacio, el mapa y el conteo por tipo. Los comportamientos
se escriben una vez para toda la población (como ``AgentSet.do`` pero en bloque), cada uno
con el pasaje de la fuente que implementa.

:class:`Pymes` es la única dueña de sus arreglos: los demás actores le piden lo que pasa con un
método cuyo nombre lo dice (``recibir_prestamo``, ``pagar_cuotas``, ``recibir_servicio``...).
"""

from simulacion.modelo.pymes.poblacion import CAMPOS_BOOL, CAMPOS_FLOAT, CAMPOS_INT, Pymes

__all__ = ["CAMPOS_BOOL", "CAMPOS_FLOAT", "CAMPOS_INT", "Pymes"]
