"""Reglas de importación entre las capas del paquete (docs/arquitectura.md).

Se leen las importaciones de cada módulo de ``simulacion/`` con ``ast`` (también las que están dentro
de funciones; no las de ``if TYPE_CHECKING:``, que sólo sirven a las anotaciones).
"""

from __future__ import annotations

import ast
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parents[1]
PAQUETE = RAIZ / "simulacion"

# Capa → capas del proyecto que puede importar (además de sí misma).
PERMITIDAS: dict[str, set[str]] = {
    "simulacion.indicadores": set(),
    "simulacion.estrategias": set(),
    "simulacion.config": set(),
    "simulacion.modelo": {"simulacion.config", "simulacion.indicadores"},
    "simulacion.resultados": {"simulacion.config", "simulacion.indicadores", "simulacion.modelo"},
    "simulacion.api": {"simulacion.config", "simulacion.resultados"},
    "simulacion.barridos": {
        "simulacion.config",
        "simulacion.indicadores",
        "simulacion.estrategias",
        "simulacion.resultados",
        "simulacion.api",
    },
    "simulacion.taller": {
        "simulacion.config",
        "simulacion.indicadores",
        "simulacion.estrategias",
        "simulacion.modelo",
        "simulacion.resultados",
        "simulacion.api",
    },
    "simulacion.cli": {
        "simulacion.config",
        "simulacion.indicadores",
        "simulacion.resultados",
        "simulacion.barridos",
        "simulacion.api",
    },
    "simulacion.__main__": {"simulacion.cli"},
    "simulacion": {"simulacion.api", "simulacion.barridos"},  # __init__: ``simular`` y ``experimentar`` perezosos
}


def _modulos() -> dict[str, Path]:
    modulos = {}
    for archivo in PAQUETE.rglob("*.py"):
        partes = archivo.relative_to(RAIZ).with_suffix("").parts
        if partes[-1] == "__init__":
            partes = partes[:-1]
        modulos[".".join(partes)] = archivo
    return modulos


MODULOS = _modulos()


def _es_type_checking(nodo: ast.If) -> bool:
    prueba = nodo.test
    return (isinstance(prueba, ast.Name) and prueba.id == "TYPE_CHECKING") or (
        isinstance(prueba, ast.Attribute) and prueba.attr == "TYPE_CHECKING"
    )


def _nombres_importados(arbol: ast.AST, modulo: str, es_paquete: bool) -> set[str]:
    """Módulos del proyecto que importa ``modulo`` (resueltos al módulo más específico que existe)."""
    encontrados: set[str] = set()
    pendientes = [arbol]
    while pendientes:
        nodo = pendientes.pop()
        for hijo in ast.iter_child_nodes(nodo):
            if isinstance(hijo, ast.If) and _es_type_checking(hijo):
                pendientes.extend(hijo.orelse)
                continue
            if isinstance(hijo, ast.Import):
                encontrados.update(a.name for a in hijo.names)
            elif isinstance(hijo, ast.ImportFrom):
                base = hijo.module or ""
                if hijo.level:
                    paquete = modulo.split(".") if es_paquete else modulo.split(".")[:-1]
                    paquete = paquete[: len(paquete) - (hijo.level - 1)]
                    base = ".".join([*paquete, base] if base else paquete)
                encontrados.add(base)
                encontrados.update(f"{base}.{a.name}" for a in hijo.names)
            pendientes.append(hijo)
    return {n for n in encontrados if n in MODULOS and n != modulo}


def grafo() -> dict[str, set[str]]:
    """Módulo → módulos del proyecto que importa."""
    resultado = {}
    for modulo, archivo in MODULOS.items():
        arbol = ast.parse(archivo.read_text(encoding="utf-8"))
        resultado[modulo] = _nombres_importados(arbol, modulo, archivo.name == "__init__.py")
    return resultado


GRAFO = grafo()


def capa(modulo: str) -> str:
    """La capa de un módulo: el prefijo más largo de ``PERMITIDAS``."""
    candidatas = [c for c in PERMITIDAS if modulo == c or modulo.startswith(c + ".")]
    return max(candidatas, key=len)


def test_cada_modulo_pertenece_a_una_capa_conocida():
    assert all(capa(m) for m in MODULOS)


@pytest.mark.parametrize("modulo", sorted(MODULOS))
def test_cada_modulo_importa_solo_capas_permitidas(modulo):
    mia = capa(modulo)
    prohibidas = sorted(
        f"{destino} (capa {capa(destino)})"
        for destino in GRAFO[modulo]
        if capa(destino) != mia and capa(destino) not in PERMITIDAS[mia] and destino != "simulacion"
    )
    assert not prohibidas, f"{modulo} (capa {mia}) importa {prohibidas}"


def test_no_hay_ciclos_de_importacion():
    """Ningún módulo llega a sí mismo siguiendo importaciones (también las perezosas)."""
    visitados: dict[str, int] = {}  # 1: en la pila, 2: terminado
    ciclos = []

    def recorrer(modulo: str, pila: list[str]) -> None:
        visitados[modulo] = 1
        for destino in sorted(GRAFO[modulo]):
            if visitados.get(destino) == 1:
                ciclos.append(" → ".join([*pila[pila.index(destino) :], destino]))
            elif destino not in visitados:
                recorrer(destino, [*pila, destino])
        visitados[modulo] = 2

    for modulo in sorted(GRAFO):
        if modulo not in visitados:
            recorrer(modulo, [modulo])
    assert not ciclos, "ciclos de importación:\n" + "\n".join(ciclos)


def test_el_grafo_ve_las_importaciones_perezosas():
    """La prueba de capas sirve: ve una importación dentro de una función (cli → resultados.ejecucion)."""
    assert "simulacion.resultados.ejecucion" in GRAFO["simulacion.cli"]


def test_el_clasificador_nunca_ve_la_estrategia():
    """``clasificar`` recibe indicadores y umbrales; su módulo no nombra la estrategia ni sus intensidades."""
    from simulacion.config import Umbrales
    from simulacion.resultados import desenlace

    firma = inspect.signature(desenlace.clasificar)
    assert list(firma.parameters) == ["ind", "u"]
    assert firma.parameters["u"].annotation in (Umbrales, "Umbrales")
    arbol = ast.parse(inspect.getsource(desenlace))
    nombres = {n.id for n in ast.walk(arbol) if isinstance(n, ast.Name)}
    nombres |= {n.attr for n in ast.walk(arbol) if isinstance(n, ast.Attribute)}
    nombres |= {a.asname or a.name for n in ast.walk(arbol) if isinstance(n, ast.ImportFrom) for a in n.names}
    prohibidos = {"estrategia", "Estrategia", "apoyo_produccion", "promocion_economica", "Configuracion", "cfg"}
    assert not nombres & prohibidos
    assert GRAFO["simulacion.resultados.desenlace"] <= {"simulacion.config", "simulacion.indicadores"}


def test_agregar_un_barrido_y_analizar_no_cargan_mesa():
    """El proceso que agrega un barrido (callback y ``simulacion-analizar``) no carga Mesa ni el modelo."""
    codigo = (
        "import sys\n"
        "import simulacion.barridos.analisis, simulacion.barridos.trabajos, simulacion.cli\n"
        "cargados = [m for m in sys.modules if m == 'mesa' or m.startswith(('mesa.', 'simulacion.modelo'))]\n"
        "print(cargados)\n"
    )
    salida = subprocess.run([sys.executable, "-c", codigo], capture_output=True, text=True, check=True)
    assert salida.stdout.strip() == "[]", salida.stdout


def test_ningun_archivo_fuente_pasa_de_500_lineas():
    largos = {}
    for carpeta in ("simulacion", "hydra_plugins", "experimentos", "tests"):
        for archivo in (RAIZ / carpeta).rglob("*.py"):
            n = len(archivo.read_text(encoding="utf-8").splitlines())
            if n > 500:
                largos[str(archivo.relative_to(RAIZ))] = n
    assert not largos, largos
