"""Una sala como datos: ajustes, participantes con su ficha y el registro de decisiones.

Todo lo que hace falta para rehacer la sala está aquí y en su JSON (:meth:`Sala.a_json`,
:meth:`Sala.de_json`): los modelos de los grupos se reconstruyen reproduciendo el registro
(:mod:`.juego`). Sin modelo ni Solara.

Permisos: cada participante recibe una ficha (``secrets.token_urlsafe``) al entrar; cada acción la
presenta y la sala busca al participante por ella. El grupo y el rol de una decisión salen del
participante, nunca de lo que pide la página: nadie puede decidir por otro grupo u otro rol. Las
acciones del facilitador piden su propia ficha.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import asdict, dataclass, field

from simulacion.taller.salas.roles import ROLES, revisar

LETRAS_CODIGO = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # sin 0/O ni 1/I: se dictan y se teclean sin dudas
LARGO_CODIGO = 5  # 4 a 6 caracteres (issue 16); 32^5 ≈ 33 millones
ABIERTA, PAUSA, CERRADA = "abierta", "en pausa", "cerrada"
ESTADOS = (ABIERTA, PAUSA, CERRADA)
MAXIMO_GRUPOS = 12
VERSION_JSON = 1


class SinPermiso(PermissionError):
    """Una acción con una ficha que no corresponde (mensaje en castellano)."""


class AccionRechazada(ValueError):
    """Una acción que la sala no admite ahora: en pausa, cerrada, fuera de tiempo (mensaje en castellano)."""


def nuevo_codigo(ocupados=(), largo: int = LARGO_CODIGO) -> str:
    """Un código de sala al azar (``secrets``) de ``largo`` letras mayúsculas o dígitos, que no esté en ``ocupados``."""
    while True:
        codigo = "".join(secrets.choice(LETRAS_CODIGO) for _ in range(largo))
        if codigo not in ocupados:
            return codigo


def normalizar_codigo(texto: str) -> str:
    """El código como lo escribió alguien, en mayúsculas y sin espacios (``" abc12 "`` → ``ABC12``)."""
    return "".join(str(texto).split()).upper()


def codigo_valido(codigo: str) -> bool:
    """4 a 6 letras mayúsculas o dígitos."""
    return 4 <= len(codigo) <= 6 and codigo.isascii() and codigo.isalnum() and codigo == codigo.upper()


def nueva_ficha() -> str:
    """Una ficha que no se puede adivinar (128 bits o más)."""
    return secrets.token_urlsafe(24)


@dataclass
class Participante:
    grupo: int  # 1 a grupos
    rol: str  # clave de roles.ROLES
    ficha: str
    nombre: str = ""


@dataclass
class Decision:
    """La decisión de un rol de un grupo para un año (rige desde el primer trimestre de ese año)."""

    grupo: int
    rol: str
    anio: int  # años ya jugados cuando se decidió: 0 es la decisión del primer año
    valores: dict
    hora: float = 0.0  # segundos desde la época, sólo para mostrar


@dataclass
class Sala:
    """Ajustes, participantes y registro de decisiones de una sala."""

    codigo: str
    ficha_facilitador: str
    caso: str | None = None
    semilla: int = 0
    grupos: int = 2
    segundos: int = 0  # segundos para decidir cada año (0: sin límite)
    anios: int = 5  # años que dura el juego
    anio: int = 0  # años ya jugados
    estado: str = ABIERTA
    limite: float | None = None  # hora en que se acaba el tiempo para decidir (None: sin límite)
    restante: float | None = None  # en pausa: segundos que quedaban
    participantes: list[Participante] = field(default_factory=list)
    decisiones: list[Decision] = field(default_factory=list)

    # ------------------------------------------------------------------ JSON
    def a_json(self) -> dict:
        return {"version": VERSION_JSON, **asdict(self)}

    @classmethod
    def de_json(cls, datos: dict) -> Sala:
        datos = dict(datos)
        datos.pop("version", None)
        datos["participantes"] = [Participante(**p) for p in datos.get("participantes", [])]
        datos["decisiones"] = [Decision(**d) for d in datos.get("decisiones", [])]
        return cls(**datos)

    # ------------------------------------------------------------------ permisos
    def participante(self, ficha: str) -> Participante:
        """El participante de ``ficha`` (comparación de tiempo constante); si no hay, :class:`SinPermiso`."""
        encontrado = None
        for participante in self.participantes:
            if secrets.compare_digest(participante.ficha.encode(), str(ficha).encode()):
                encontrado = participante
        if encontrado is None:
            raise SinPermiso("Esta ficha no corresponde a ningún participante de la sala.")
        return encontrado

    def revisar_facilitador(self, ficha: str) -> None:
        if not secrets.compare_digest(self.ficha_facilitador.encode(), str(ficha).encode()):
            raise SinPermiso("Sólo el facilitador que abrió la sala puede hacer esto.")

    # ------------------------------------------------------------------ participantes
    def unir(self, grupo: int, rol: str, nombre: str = "") -> Participante:
        """Da de alta a un participante en ``grupo`` con ``rol`` y devuelve su ficha nueva."""
        if self.estado == CERRADA:
            raise AccionRechazada(f"La sala {self.codigo} está cerrada.")
        if rol not in ROLES:
            raise AccionRechazada(f"El rol {rol!r} no existe.")
        if not 1 <= int(grupo) <= self.grupos:
            raise AccionRechazada(f"El grupo debe ser de 1 a {self.grupos}.")
        participante = Participante(int(grupo), rol, nueva_ficha(), str(nombre).strip()[:40])
        self.participantes.append(participante)
        return participante

    def por_grupo(self) -> dict[int, dict[str, list[Participante]]]:
        """Quién juega cada rol de cada grupo (listas vacías: lo juega el modelo)."""
        tabla = {g: {rol: [] for rol in ROLES} for g in range(1, self.grupos + 1)}
        for participante in self.participantes:
            tabla[participante.grupo][participante.rol].append(participante)
        return tabla

    # ------------------------------------------------------------------ tiempo
    def segundos_restantes(self, ahora: float | None = None) -> float | None:
        """Segundos que quedan para decidir este año (None: sin límite)."""
        if self.estado == PAUSA:
            return self.restante
        if self.limite is None:
            return None
        return max(0.0, self.limite - (time.time() if ahora is None else ahora))

    def empezar_anio(self, ahora: float | None = None) -> None:
        """Pone en marcha el reloj de las decisiones del año (si la sala tiene límite)."""
        self.limite = (time.time() if ahora is None else ahora) + self.segundos if self.segundos else None

    def pausar(self, ahora: float | None = None) -> None:
        if self.estado != ABIERTA:
            raise AccionRechazada(f"La sala {self.codigo} no está en juego.")
        self.restante = self.segundos_restantes(ahora)
        self.estado = PAUSA

    def reanudar(self, ahora: float | None = None) -> None:
        if self.estado != PAUSA:
            raise AccionRechazada(f"La sala {self.codigo} no está en pausa.")
        self.estado = ABIERTA
        self.limite = None if self.restante is None else (time.time() if ahora is None else ahora) + self.restante
        self.restante = None

    # ------------------------------------------------------------------ decisiones
    def decidir(self, ficha: str, valores: dict, grupo: int | None = None, rol: str | None = None, ahora=None):
        """Registra la decisión del participante de ``ficha`` para el año en juego y la devuelve.

        ``grupo`` y ``rol``, si vienen, deben ser los del participante (si no, :class:`SinPermiso`):
        nadie decide por otro. Fuera de juego o de tiempo, :class:`AccionRechazada`; una decisión que
        no sirve, :class:`~.roles.DecisionInvalida`."""
        participante = self.participante(ficha)
        if (grupo is not None and int(grupo) != participante.grupo) or (rol is not None and rol != participante.rol):
            raise SinPermiso("Sólo puede decidir por su propio grupo y su propio rol.")
        if self.estado == PAUSA:
            raise AccionRechazada("La sala está en pausa: espere a que el facilitador la reanude.")
        if self.estado == CERRADA or self.anio >= self.anios:
            raise AccionRechazada("El juego terminó: ya no se reciben decisiones.")
        restantes = self.segundos_restantes(ahora)
        if restantes is not None and restantes <= 0:
            raise AccionRechazada("Se acabó el tiempo de este año: rige su decisión anterior.")
        revisados = revisar(participante.rol, valores)
        decision = Decision(participante.grupo, participante.rol, self.anio, revisados, time.time())
        self.decisiones.append(decision)
        return decision

    def decisiones_del_anio(self, grupo: int, anio: int) -> dict[str, dict]:
        """Rol → la última decisión de ``grupo`` para ``anio`` (los roles sin decisión no están:
        sigue rigiendo lo del año anterior)."""
        return {d.rol: d.valores for d in self.decisiones if d.grupo == grupo and d.anio == anio}

    def cerrar(self) -> None:
        self.estado = CERRADA
        self.limite = self.restante = None
