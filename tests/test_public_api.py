"""Public names are exported; nothing but the plugin imports mkdocs."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import generator
from tests.conftest import REPO


def test_every_public_name_is_exported() -> None:
    for name in generator.__all__:
        assert hasattr(generator, name), name
    assert sorted(generator.__all__) == sorted(generator._HOMES)


def test_only_the_plugin_imports_mkdocs() -> None:
    importers = []
    for path in sorted((REPO / "generator").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(name == "mkdocs" or name.startswith("mkdocs.") for name in names):
                importers.append(path.relative_to(REPO).as_posix())
    assert sorted(set(importers)) == ["generator/plugin.py"]


def test_plugin_is_registered_as_guides() -> None:
    from importlib.metadata import entry_points

    (entry,) = entry_points(group="mkdocs.plugins", name="guides")
    assert entry.load() is importlib.import_module("generator.plugin").GuidesPlugin
    assert Path(generator.__file__).parent == REPO / "generator"
