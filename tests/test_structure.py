"""The package's shape: public names exist, MkDocs stays behind `generator.site`, no
module imports, directly or through others, a module that imports it back, and every
library it imports is one pyproject.toml asks for."""

from __future__ import annotations

import ast
import functools
import importlib
import sys
import tomllib
from collections.abc import Iterator, Mapping
from importlib.metadata import packages_distributions
from pathlib import Path
from typing import Any

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import REPO

PACKAGE = REPO / "generator"


@functools.cache
def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(REPO).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(name: str, path: Path) -> Iterator[str]:
    """Every module of the package `name` imports, at any depth of its code (function-level
    imports included), resolved to a module name; `from . import x` counts as `.x`, and as
    the package itself unless every name it imports is a module of the toolkit."""
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
            named = [f"{module}.{alias.name}" for alias in node.names]
            if not all(member in _modules() for member in named):
                yield module
            yield from named


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
    assert loops == []


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


def _project() -> dict[str, Any]:
    return dict(tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"])


def _declared(extra: str | None = None) -> set[str]:
    """The distributions the build needs, with those of `extra` and the extras it names;
    every extra's when `extra` is None."""
    project = _project()
    extras = project["optional-dependencies"]
    wanted, names, seen = list(project["dependencies"]), [extra] if extra else list(extras), set()
    while names:
        name = names.pop()
        if name in seen:
            continue
        seen.add(name)
        for item in extras[name]:
            requirement = Requirement(item)
            if canonicalize_name(requirement.name) == canonicalize_name(project["name"]):
                names.extend(requirement.extras)
            else:
                wanted.append(item)
    return {canonicalize_name(Requirement(item).name) for item in wanted}


@functools.cache
def _providers() -> Mapping[str, list[str]]:
    return packages_distributions()


def _distributions(name: str, path: Path) -> Iterator[tuple[str, set[str]]]:
    """The libraries a module imports: each top-level name and the distributions that
    provide it."""
    providers = _providers()
    for imported in _imports(name, path):
        top = imported.partition(".")[0]
        if top not in sys.stdlib_module_names and top not in {"generator", "tests",
                                                              "__future__", ""}:
            yield top, {canonicalize_name(dist) for dist in providers.get(top, [top])}


def test_every_library_imported_is_declared() -> None:
    """Each distribution a module imports from is named in pyproject.toml (the build's
    dependencies or an extra), not only installed because something else needs it."""
    declared = _declared()
    undeclared = {f"{top} ({', '.join(sorted(found))}), imported by {name}"
                  for name, path in _modules().items()
                  for top, found in _distributions(name, path) if not found & declared}
    assert sorted(undeclared) == []


#: The extra each command's package is installed with (`make` installs them so).
COMMAND_EXTRAS = {"generator.sandbox": "sandbox", "generator.check": "check",
                  "generator.feedback": "feedback", "generator.assistants": "assistants"}


@pytest.mark.parametrize("package", sorted(COMMAND_EXTRAS))
def test_a_command_needs_only_its_extra(package: str) -> None:
    """Whatever a command's package imports, at any depth through the rest of the toolkit,
    is in the build's dependencies or the command's extra."""
    graph, modules = _graph(), _modules()
    reached = {name for name in graph if name == package or name.startswith(package + ".")}
    frontier = list(reached)
    while frontier:
        for imported in graph[frontier.pop()] - reached:
            reached.add(imported)
            frontier.append(imported)
    declared = _declared(COMMAND_EXTRAS[package])
    missing = {f"{top} ({', '.join(sorted(found))}), imported by {name}"
               for name in reached for top, found in _distributions(name, modules[name])
               if not found & declared}
    assert sorted(missing) == []


def test_what_the_tests_and_benchmarks_import_is_in_the_dev_extra() -> None:
    declared = _declared("dev")
    missing = set()
    for path in sorted([*(REPO / "tests").rglob("*.py"), *(REPO / "bench").glob("*.py")]):
        name = ".".join(path.relative_to(REPO).with_suffix("").parts)
        missing |= {f"{top} ({', '.join(sorted(found))}), imported by {name}"
                    for top, found in _distributions(name, path) if not found & declared}
    assert sorted(missing) == []
