"""The package's shape: public names exist, MkDocs stays behind `generator.site`, no
module imports, directly or through others, a module that imports it back, and every
library it imports is one pyproject.toml asks for."""

from __future__ import annotations

import ast
import importlib
import sys
import tomllib
from collections.abc import Iterator
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import REPO

PACKAGE = REPO / "generator"


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(REPO).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(name: str, path: Path) -> Iterator[str]:
    """Every module of the package `name` imports, at any depth of its code (function-level
    imports included), resolved to a module name; `from . import x` counts as `.x`."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[:len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            yield module
            yield from (f"{module}.{alias.name}" for alias in node.names)


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: {imported for imported in _imports(name, path)
                   if imported in modules and imported != name}
            for name, path in modules.items()}


def test_the_graph_sees_relative_and_function_level_imports() -> None:
    graph = _graph()
    assert "generator.build" in graph["generator.site.plugin"]
    assert "generator.site.publish" in graph["generator.cli"]  # imported inside a command


def test_no_import_loop() -> None:
    graph = _graph()
    loops = []

    def visit(node: str, path: list[str], done: set[str]) -> None:
        for nxt in sorted(graph[node]):
            if nxt in path:
                loops.append(" -> ".join([*path[path.index(nxt):], nxt]))
            elif nxt not in done:
                visit(nxt, [*path, nxt], done)
        done.add(node)

    done: set[str] = set()
    for start in sorted(graph):
        if start not in done:
            visit(start, [start], done)
    # A package's __init__ that names its own modules is not a loop a reader must trace.
    loops = [loop for loop in loops if not _package_and_member(loop)]
    assert loops == []


def _package_and_member(loop: str) -> bool:
    first, *_rest = loop.split(" -> ")
    return all(step == first or step.startswith(f"{first}.") for step in loop.split(" -> "))


def test_only_the_site_package_imports_mkdocs() -> None:
    importers = sorted({name for name, path in _modules().items()
                        if any(imported == "mkdocs" or imported.startswith("mkdocs.")
                               for imported in _imports(name, path))})
    assert importers and all(name.startswith("generator.site.") for name in importers)


@pytest.mark.parametrize("name", sorted(_modules()))
def test_every_public_name_exists(name: str) -> None:
    module = importlib.import_module(name)
    for public in getattr(module, "__all__", ()):
        assert hasattr(module, public), f"{name}.{public}"


def test_plugin_is_registered_as_guides() -> None:
    from importlib.metadata import entry_points

    (entry,) = entry_points(group="mkdocs.plugins", name="guides")
    assert entry.load() is importlib.import_module("generator.site.plugin").GuidesPlugin


def test_the_hooks_the_build_and_the_preview_never_import_each_other() -> None:
    graph = _graph()
    drivers = {"generator.site.plugin", "generator.site.publish", "generator.site.preview"}
    assert {(name, other) for name in drivers for other in graph[name] & drivers} == set()


#: The check's stages in order: each may import those before it, none after it. `guarding`
#: (the redactor, the opaque-text guard) is what every stage writes through.
STAGES = ("guarding", "running", "judging", "storing", "reporting")


def test_each_stage_of_the_check_imports_no_later_stage() -> None:
    graph = _graph()

    def stage(module: str) -> int | None:
        parts = module.split(".")
        return STAGES.index(parts[2]) if len(parts) > 2 and parts[:2] == ["generator", "check"] \
            and parts[2] in STAGES else None

    backwards = {(name, other) for name, imported in graph.items() for other in imported
                 if (mine := stage(name)) is not None and (theirs := stage(other)) is not None
                 and theirs > mine}
    assert backwards == set()


def test_every_library_imported_is_declared() -> None:
    """Each distribution a module imports from is named in pyproject.toml (the build's
    dependencies or an extra), not only installed because something else needs it."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"],
              *(item for extra in project["optional-dependencies"].values() for item in extra)]
    declared = {canonicalize_name(Requirement(item).name) for item in wanted}
    providers = packages_distributions()
    undeclared = set()
    for name, path in _modules().items():
        for imported in _imports(name, path):
            top = imported.partition(".")[0]
            if top in sys.stdlib_module_names or top in {"generator", "__future__", ""}:
                continue
            found = {canonicalize_name(dist) for dist in providers.get(top, [top])}
            if not found & declared:
                undeclared.add(f"{top} ({', '.join(sorted(found))}), imported by {name}")
    assert sorted(undeclared) == []
