"""Línea de comandos: ``simulacion`` / ``python -m simulacion`` con overrides de Hydra.

Ejemplo: ``simulacion estrategia=lamentable semilla=7 pasos=60 territorio.n_pymes=800``.
"""

from __future__ import annotations

import logging
from pathlib import Path

import hydra
from hydra.core.hydra_config import HydraConfig
from omegaconf import DictConfig

from simulacion.barridos.lanzador import lanzar
from simulacion.barridos.trabajos import en_barrido, registrar_lanzador_local, trabajo_de_barrido
from simulacion.config import registrar_esquema
from simulacion.indicadores import DESENLACE, contar
from simulacion.resultados.salidas import escribir_salidas, grafico_pedido

registrar_esquema()
registrar_lanzador_local()


def informe(resumen: dict) -> str:
    """Resumen en castellano de una corrida, para la terminal (rótulos y unidades de
    ``simulacion.indicadores.DESENLACE``)."""
    lineas = [
        f"Estrategia {resumen['estrategia']} (AP {resumen['apoyo_produccion']:.2f}, "
        f"PE {resumen['promocion_economica']:.2f}), semilla {resumen['semilla']}, "
        f"{contar(resumen['pasos'], 'trimestres')}",
        f"  desenlace: {resumen['desenlace']}",
    ]
    for ind in DESENLACE:
        valor = resumen[ind.nombre]
        lineas.append(f"  {ind.etiqueta.lower()}: {ind.mostrar(valor)} {ind.unidad_de(valor)}")
    return "\n".join(lineas)


@hydra.main(version_base="1.3", config_path="pkg://simulacion.configs", config_name="config")
def aplicacion(cfg: DictConfig) -> None:
    """Corre una simulación y escribe sus archivos en la carpeta de la corrida de Hydra."""
    logging.getLogger("MESA").setLevel(logging.WARNING)  # Mesa anuncia cada paso en INFO
    if en_barrido():  # estado, reanudación y progreso: simulacion/barridos/trabajos.py
        trabajo_de_barrido(cfg)
        return
    from simulacion.resultados.ejecucion import ejecutar  # el modelo (Mesa) se importa al correr (docs/rendimiento.md)

    resultado = ejecutar(cfg)
    carpeta = Path(HydraConfig.get().runtime.output_dir)
    escribir_salidas(resultado, carpeta, grafico=grafico_pedido(cfg, en_barrido=False))
    print(informe(resultado.resumen))
    print(f"  archivos en: {carpeta}")


def main(argv: list[str] | None = None) -> None:
    """``simulacion`` y ``python -m simulacion``: valida antes de correr; los errores salen en castellano,
    sin traza y con código 2 (simulacion/barridos/lanzador.py, docs/errores.md)."""
    lanzar(aplicacion, argv)


if __name__ == "__main__":
    main()
