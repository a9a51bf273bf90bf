"""Los actores del territorio como agentes Mesa: un archivo y una clase pequeña por actor.

- :class:`Municipalidad` (``municipalidad.py``): recauda y reparte su inversión entre AP y PE;
- :class:`Pyme` (``pyme.py``): la identidad espacial de cada pyme; su estado y su comportamiento
  viven en la población :class:`simulacion.modelo.pymes.Pymes`;
- :class:`Empresa` (``empresa.py``): compradora, procesadora o inversionista de fuera;
- :class:`Agencia` (``agencia.py``): servicios de desarrollo;
- :class:`EntidadFinanciera` (``entidad_financiera.py``): crédito, cobranza, castigos y fondo de garantía.

Ningún actor escribe los arreglos de las pymes: les pide a :class:`~simulacion.modelo.pymes.Pymes`
lo que pasa (recibir un préstamo, pagar cuotas, recibir un servicio...).
"""

from simulacion.modelo.agentes.agencia import Agencia
from simulacion.modelo.agentes.empresa import Empresa
from simulacion.modelo.agentes.entidad_financiera import EntidadFinanciera
from simulacion.modelo.agentes.municipalidad import Municipalidad
from simulacion.modelo.agentes.pyme import Pyme

__all__ = ["Agencia", "Empresa", "EntidadFinanciera", "Municipalidad", "Pyme"]
