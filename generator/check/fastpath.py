"""Replaying the last green check when nothing it depends on has changed.

A re-run with the same api.yaml, snippets, templates and verdict inputs (`inputs`) would
run nothing (every snippet run is cached) and reach the same verdict, so it is answered from
a record of that verdict without parsing api.yaml or importing the checker. Standard
library only.
"""

from __future__ import annotations

from pathlib import Path

from ..cache import PACKAGE, Cache, content_key, files_under, project_cache
from ..paths import SNIPPETS_DIR

__all__ = ["recall_green", "remember_green"]

#: Verdicts of the last few states of the inputs (switching back and forth stays quick).
_KEPT_VERDICTS = 4


def _green(spec_path: Path, inputs: str) -> tuple[Cache, str]:
    """The cache of green verdicts, and the key of the verdict for these inputs."""
    root = spec_path.parent
    return project_cache(root, "green", keep=_KEPT_VERDICTS), content_key(
        spec=spec_path, snippets=files_under(root / SNIPPETS_DIR),
        templates=files_under(PACKAGE, ".j2"), verdict=inputs)


def recall_green(spec_path: Path, inputs: str) -> list[tuple[str, str | None]] | None:
    """The results of the last check, if it was green and nothing has changed since."""
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
