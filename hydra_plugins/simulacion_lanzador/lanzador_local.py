"""Lanzador ``hydra/launcher=local`` de simulacion: joblib (loky), con el estado de Hydra una vez por trabajador.

Es el ``JoblibLauncher`` de Hydra (mismas opciones: ``n_jobs``, ``batch_size``, ``pre_dispatch``...)
con una diferencia. El de Hydra manda con **cada** trabajo el contexto de Hydra, la configuración
maestra, la función de la tarea y el estado global de Hydra (``Singleton``); el trabajador lo
despickla y, al instalar ese estado nuevo, Hydra vuelve a descubrir (y a ejecutar) todos sus
plugins: ≈ 35 ms de CPU por trabajo entre las dos cosas (docs/rendimiento.md). Aquí ese estado viaja
una sola vez, como argumento del inicializador de cada trabajador de loky (``_trabajador.py``), y
cada trabajo lleva sólo su número y sus overrides. Cada trabajo sigue componiendo su configuración
y corriendo con ``run_job`` de Hydra, igual que con el lanzador básico (que también corre todos los
trabajos de un barrido con el mismo estado global).

Lo privado de joblib y de ``hydra_joblib_launcher`` se usa sólo a través de
:mod:`simulacion.barridos.adaptador_joblib` (con las versiones revisadas).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from hydra.core.singleton import Singleton
from hydra.core.utils import JobReturn, configure_log, filter_overrides, setup_globals
from hydra_plugins.hydra_joblib_launcher.joblib_launcher import JoblibLauncher

from hydra_plugins.simulacion_lanzador._trabajador import ejecutar, instalar
from simulacion.barridos.adaptador_joblib import backend_loky, preparar_opciones

log = logging.getLogger(__name__)


class LanzadorLocal(JoblibLauncher):
    """``JoblibLauncher`` que envía el estado de Hydra una vez por trabajador y no con cada trabajo."""

    def launch(self, job_overrides: Sequence[Sequence[str]], initial_job_idx: int) -> Sequence[JobReturn]:
        from joblib import Parallel, delayed

        assert self.config is not None and self.task_function is not None and self.hydra_context is not None
        setup_globals()
        configure_log(self.config.hydra.hydra_logging, self.config.hydra.verbose)
        Path(str(self.config.hydra.sweep.dir)).mkdir(parents=True, exist_ok=True)
        opciones = dict(self.joblib)
        opciones.pop("backend", None)  # siempre loky, como en el lanzador de Hydra
        preparar_opciones(opciones)
        log.info("joblib (loky, %s) lanza %d trabajos", opciones.get("n_jobs"), len(job_overrides))
        for indice, overrides in enumerate(job_overrides):
            log.info("\t#%d : %s", initial_job_idx + indice, " ".join(filter_overrides(overrides)))
        estado = (self.hydra_context, self.config, self.task_function, Singleton.get_state())
        instalar(estado)  # si joblib decide correr en serie (n_jobs=1), los trabajos corren aquí
        try:
            backend = backend_loky(instalar, (estado,))
            trabajos = (delayed(ejecutar)(initial_job_idx + i, list(o)) for i, o in enumerate(job_overrides))
            return Parallel(backend=backend, **opciones)(trabajos)
        finally:
            instalar(None)
