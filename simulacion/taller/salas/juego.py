"""La sala en juego y el registro de salas del servidor.

- :class:`SalaEnJuego`: una :class:`~.estado.Sala` con un modelo por grupo (el mismo caso y la misma
  semilla para todos), sus acciones y su bloqueo. «Avanzar un año» aplica a cada grupo las
  decisiones de ese año (un rol sin decisión sigue con lo del año anterior; uno que nadie tomó, con
  el comportamiento de siempre) y juega 4 trimestres. Los modelos se rehacen reproduciendo el
  registro de decisiones (:func:`reproducir`): con la misma sala, los mismos números.
- :class:`Registro`: las salas del servidor. Cada cambio se guarda en ``<carpeta>/<CÓDIGO>.json`` de
  forma atómica (``salidas.escribir_json``: archivo temporal y ``os.replace``); al iniciar el
  servidor se vuelven a leer, así que un reinicio no pierde ninguna decisión y cada participante
  vuelve a su rol con su ficha.

La carpeta es ``$SIMULACION_SALAS`` o ``resultados/salas`` bajo la carpeta de trabajo
(``simulacion-taller --salas CARPETA``). Sin Solara.
"""

from __future__ import annotations

import functools
import json
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from simulacion.resultados.ejecucion import serie_de
from simulacion.resultados.salidas import escribir_json
from simulacion.taller.salas.estado import (
    ABIERTA,
    CERRADA,
    MAXIMO_GRUPOS,
    AccionRechazada,
    Sala,
    normalizar_codigo,
    nueva_ficha,
    nuevo_codigo,
)
from simulacion.taller.salas.roles import ROLES, TRIMESTRES_POR_ANIO, aplicar, vigentes
from simulacion.taller.servidor import VARIABLE_SALAS
from simulacion.taller.sesion import ModeloTaller

MAXIMO_ANIOS = 10  # la configuración corre 40 trimestres


def carpeta_por_defecto() -> Path:
    """``$SIMULACION_SALAS`` o ``resultados/salas`` bajo la carpeta de trabajo."""
    return Path(os.environ.get(VARIABLE_SALAS) or Path.cwd() / "resultados" / "salas")


def construir_modelo(sala: Sala) -> ModeloTaller:
    """El territorio de un grupo al empezar: el caso y la semilla de la sala, la estrategia del caso."""
    return ModeloTaller(caso=sala.caso, semilla=sala.semilla)


def jugar_anio(modelo, decisiones: dict[str, dict]) -> None:
    """Aplica las decisiones del año (en el orden de los roles) y juega sus 4 trimestres."""
    for rol in ROLES:
        if rol in decisiones:
            aplicar(modelo, rol, decisiones[rol])
    for _ in range(TRIMESTRES_POR_ANIO):
        modelo.step()


def reproducir(sala: Sala, grupo: int, construir: Callable[[Sala], object] = construir_modelo):
    """El modelo de ``grupo`` tras los ``sala.anio`` años jugados, rehecho desde el registro."""
    modelo = construir(sala)
    for anio in range(sala.anio):
        jugar_anio(modelo, sala.decisiones_del_anio(grupo, anio))
    return modelo


class SalaEnJuego:
    """Una sala con los modelos de sus grupos. Cada acción toma el bloqueo, cambia la sala, la guarda
    y avisa a las páginas abiertas (:meth:`Registro.avisar`)."""

    def __init__(self, sala: Sala, registro: Registro) -> None:
        self.sala = sala
        self.registro = registro
        self.bloqueo = threading.RLock()
        self._modelos: dict[int, object] | None = None

    @property
    def codigo(self) -> str:
        return self.sala.codigo

    def modelos(self) -> dict[int, object]:
        """Grupo → su modelo (se rehacen del registro la primera vez que hacen falta)."""
        with self.bloqueo:
            if self._modelos is None:
                self._modelos = {g: reproducir(self.sala, g, self.registro.construir) for g in self.grupos()}
            return self._modelos

    def grupos(self) -> range:
        return range(1, self.sala.grupos + 1)

    def _cambio(self, accion):
        """Corre ``accion`` con el bloqueo, guarda la sala y avisa; devuelve lo que devuelve ``accion``."""
        with self.bloqueo:
            resultado = accion()
            self.registro.guardar(self.sala)
        self.registro.avisar()
        return resultado

    # ------------------------------------------------------------------ participantes
    def unir(self, grupo: int, rol: str, nombre: str = ""):
        return self._cambio(lambda: self.sala.unir(grupo, rol, nombre))

    def decidir(self, ficha: str, valores: dict, grupo: int | None = None, rol: str | None = None):
        return self._cambio(lambda: self.sala.decidir(ficha, valores, grupo, rol))

    # ------------------------------------------------------------------ facilitador
    def avanzar(self, ficha: str) -> None:
        """«Avanzar un año»: cada grupo juega 4 trimestres con las decisiones del año."""
        self.sala.revisar_facilitador(ficha)
        modelos = self.modelos()  # fuera de _cambio: rehacerlos puede tardar, y no cambia la sala

        def accion():
            sala = self.sala
            if sala.estado != ABIERTA:
                raise AccionRechazada("La sala no está en juego (en pausa o cerrada).")
            if sala.anio >= sala.anios:
                raise AccionRechazada(f"Ya se jugaron los {sala.anios} años de la sala.")
            for grupo, modelo in modelos.items():
                jugar_anio(modelo, sala.decisiones_del_anio(grupo, sala.anio))
            sala.anio += 1
            sala.empezar_anio()

        self._cambio(accion)

    def pausar(self, ficha: str) -> None:
        self.sala.revisar_facilitador(ficha)
        self._cambio(self.sala.pausar)

    def reanudar(self, ficha: str) -> None:
        self.sala.revisar_facilitador(ficha)
        self._cambio(self.sala.reanudar)

    def cerrar(self, ficha: str) -> None:
        self.sala.revisar_facilitador(ficha)
        self._cambio(self.sala.cerrar)

    # ------------------------------------------------------------------ lo que ven las páginas
    def foto(self, grupo: int):
        """(serie del grupo, rol → lo que rige hoy) leídos con el modelo quieto."""
        with self.bloqueo:
            modelo = self.modelos()[grupo]
            return serie_de(modelo).copy(), {rol: vigentes(modelo, rol) for rol in ROLES}

    def series(self) -> dict[int, object]:
        """Grupo → su serie hasta ahora (copias)."""
        with self.bloqueo:
            return {g: serie_de(m).copy() for g, m in self.modelos().items()}

    def configuracion(self):
        """La configuración de los territorios (la misma para todos los grupos)."""
        return next(iter(self.modelos().values())).cfg

    @property
    def terminada(self) -> bool:
        return self.sala.estado == CERRADA or self.sala.anio >= self.sala.anios


class Registro:
    """Las salas del servidor, guardadas en ``carpeta`` (una por archivo JSON)."""

    def __init__(self, carpeta: Path, construir: Callable[[Sala], object] = construir_modelo) -> None:
        self.carpeta = Path(carpeta)
        self.construir = construir
        self.salas: dict[str, SalaEnJuego] = {}
        self.bloqueo = threading.Lock()
        self.condicion = threading.Condition()
        self.version = 0

    def ruta(self, codigo: str) -> Path:
        return self.carpeta / f"{codigo}.json"

    def cargar(self) -> Registro:
        """Lee las salas guardadas (un archivo que no se puede leer se deja de lado con un aviso)."""
        for archivo in sorted(self.carpeta.glob("*.json")):
            try:
                sala = Sala.de_json(json.loads(archivo.read_text(encoding="utf-8")))
            except (OSError, ValueError, TypeError) as error:
                print(f"Aviso: no se pudo leer la sala guardada en {archivo}: {error}", flush=True)
                continue
            self.salas[sala.codigo] = SalaEnJuego(sala, self)
        return self

    def guardar(self, sala: Sala) -> None:
        """Guarda la sala de forma atómica (``salidas.escribir_json``: temporal y ``os.replace``)."""
        self.carpeta.mkdir(parents=True, exist_ok=True)
        escribir_json(self.ruta(sala.codigo), sala.a_json())

    def crear(self, caso: str | None = None, semilla: int = 0, grupos: int = 2, segundos: int = 0, anios: int = 5):
        """Abre una sala nueva con un código libre y la guarda; devuelve la :class:`SalaEnJuego`."""
        if not 1 <= grupos <= MAXIMO_GRUPOS:
            raise AccionRechazada(f"El número de grupos debe ser de 1 a {MAXIMO_GRUPOS}.")
        if not 1 <= anios <= MAXIMO_ANIOS:
            raise AccionRechazada(f"Los años de juego deben ser de 1 a {MAXIMO_ANIOS}.")
        if segundos < 0:
            raise AccionRechazada("Los segundos por decisión no pueden ser negativos.")
        with self.bloqueo:
            codigo = nuevo_codigo(set(self.salas) | {p.stem for p in self.carpeta.glob("*.json")})
            sala = Sala(codigo, nueva_ficha(), caso, int(semilla), int(grupos), int(segundos), int(anios))
            sala.empezar_anio()
            self.guardar(sala)
            self.salas[codigo] = en_juego = SalaEnJuego(sala, self)
        self.avisar()
        return en_juego

    def obtener(self, codigo: str) -> SalaEnJuego | None:
        """La sala de ``codigo`` (escrito como sea: se normaliza), o ``None`` si no existe."""
        return self.salas.get(normalizar_codigo(codigo))

    # ------------------------------------------------------------------ avisos a las páginas
    def avisar(self) -> None:
        """Algo cambió en alguna sala: las páginas que esperan (:meth:`esperar`) se redibujan."""
        with self.condicion:
            self.version += 1
            self.condicion.notify_all()

    def esperar(self, version: int, segundos: float) -> int:
        """Espera hasta ``segundos`` a que la versión pase de ``version``; devuelve la versión actual."""
        limite = time.monotonic() + segundos
        with self.condicion:
            while self.version == version and (falta := limite - time.monotonic()) > 0:
                self.condicion.wait(falta)
            return self.version


def preparar(sala: SalaEnJuego) -> threading.Thread:
    """Rehace los modelos de ``sala`` en segundo plano (así la página no espera al construirlos)."""
    hilo = threading.Thread(target=sala.modelos, daemon=True)
    hilo.start()
    return hilo


@functools.cache
def registro() -> Registro:
    """El registro de salas de este servidor, leído de disco la primera vez que se pide. Los modelos de
    las salas en juego se rehacen en segundo plano (así la primera página no espera)."""
    leido = Registro(carpeta_por_defecto()).cargar()
    for sala in leido.salas.values():
        if not sala.terminada:
            preparar(sala)
    return leido
