"""Replaying the last green check when nothing it depends on has changed.

A re-run with the same api.yaml, files under snippets/ (dotfiles too), templates, programs
the samples run (by their bytes) and verdict inputs (`inputs`) would run nothing (every
run is in `RunCache`, whose key holds no more than this one) and reach the same verdict,
so it is answered from a record of that verdict without parsing api.yaml or importing the
checker. Never under CI. Standard library only.
"""

from __future__ import annotations

from pathlib import Path

from ...cache import PACKAGE, Cache, content_key, files_under, project_cache
from ...ci import in_ci
from ...languages import LANGUAGES
from ...paths import SNIPPETS_DIR
from .inputs import tool_digests, tools_named

__all__ = ["recall_green", "remember_green"]

#: Verdicts of the last few states of the inputs (switching back and forth stays quick).
_KEPT_VERDICTS = 4


def _green(spec_path: Path, inputs: str) -> tuple[Cache, str]:
    """The cache of green verdicts, and the key of the verdict for these inputs."""
    root = spec_path.parent
    snippets = files_under(root / SNIPPETS_DIR)
    texts = []
    for path in snippets:
        try:
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
        except OSError:
            continue
    tools = tools_named(texts, (word for language in LANGUAGES.values()
                                for word in language.command))
    return project_cache(root, "green", keep=_KEPT_VERDICTS), content_key(
        spec=spec_path, snippets=snippets, templates=files_under(PACKAGE, ".j2"),
        tools=tool_digests(root, tools), verdict=inputs)


def recall_green(spec_path: Path, inputs: str) -> list[tuple[str, str | None]] | None:
    """The results of the last check, if it was green and nothing has changed since."""
    if in_ci():
        return None
    cache, key = _green(spec_path.resolve(), inputs)
    record = cache.get(key)
    try:
        return [(str(name), language) for name, language in record["results"]]
    except (KeyError, TypeError, ValueError):
        return None


def remember_green(spec_path: Path, inputs: str,
                   results: list[tuple[str, str | None]]) -> None:
    cache, key = _green(spec_path.resolve(), inputs)
    cache.put(key, {"results": results})
