"""The sandbox stands in for the real API: it must not share the docs' spec or read api.yaml."""

from __future__ import annotations

import ast
from pathlib import Path

import generator.sandbox
import generator.web

SANDBOX = Path(generator.sandbox.__file__).parent
#: HTTP plumbing the sandbox shares with the collector; it knows nothing of the spec either.
PLUMBING = Path(generator.web.__file__).parent


def _imports_outside(package: Path, allowed: tuple[str, ...]) -> list[str]:
    """Imports by `package`'s modules of generator modules outside it, other than `allowed`."""
    offenders = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                module = node.module or ""
                name = f"{'.' * node.level}{module}"
                outside = node.level > 1 or (node.level == 0 and module.startswith("generator"))
                if outside and not name.startswith(allowed):
                    offenders.append(f"{path.name}: from {name}")
            elif isinstance(node, ast.Import):
                offenders += [f"{path.name}: import {a.name}" for a in node.names
                              if a.name.startswith("generator")]
    return offenders


def test_sandbox_imports_nothing_of_the_generator_but_the_http_plumbing() -> None:
    assert _imports_outside(SANDBOX, allowed=("..web.", "generator.web.")) == []
    assert _imports_outside(PLUMBING, allowed=()) == []


def _docstrings(tree: ast.AST) -> set[int]:
    nodes = [tree, *(n for n in ast.walk(tree)
                     if isinstance(n, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef))]
    return {id(body[0].value) for n in nodes if (body := getattr(n, "body", None))
            and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)}


def test_sandbox_code_names_neither_api_yaml_nor_the_snippets() -> None:
    for path in sorted(SANDBOX.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _docstrings(tree)
        strings = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)
                   and isinstance(n.value, str) and id(n) not in skip]
        assert not [s for s in strings if "api.yaml" in s or "snippets" in s], path.name
