"""Replaying the last green check when nothing it depends on has changed.

A re-run with the same api.yaml, snippets, templates and verdict inputs (`inputs`) would
run nothing (every snippet run is cached) and reach the same verdict, so it is answered from
a record of that verdict without parsing api.yaml or importing the checker. Standard
library only.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from ..atomic import write_atomically
from ..fingerprint import PACKAGE, digest_files, files_under
from ..paths import SNIPPETS_DIR

__all__ = ["recall_green", "remember_green"]

_RECORD = Path(".cache") / "guides" / "check" / "last-green.json"


def _fingerprint(spec_path: Path, inputs: str) -> str:
    root = spec_path.parent
    return digest_files([spec_path, *files_under(root / SNIPPETS_DIR),
                         *files_under(PACKAGE, ".j2")], inputs)


def recall_green(spec_path: Path, inputs: str) -> list[tuple[str, str | None]] | None:
    """The results of the last check, if it was green and nothing has changed since."""
    spec_path = spec_path.resolve()
    try:
        record = json.loads((spec_path.parent / _RECORD).read_text(encoding="utf-8"))
        if record["fingerprint"] != _fingerprint(spec_path, inputs):
            return None
        return [(str(name), language) for name, language in record["results"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def remember_green(spec_path: Path, inputs: str,
                   results: list[tuple[str, str | None]]) -> None:
    spec_path = spec_path.resolve()
    # A record that cannot be written only costs time.
    with contextlib.suppress(OSError):
        write_atomically(spec_path.parent / _RECORD, json.dumps({
            "fingerprint": _fingerprint(spec_path, inputs), "results": results}),
            durable=False)
