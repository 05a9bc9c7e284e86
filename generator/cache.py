"""The content-keyed cache: JSON records found by a key made of everything that decides them.

The build keeps its validated pages here; the check its samples' runs. A key is a SHA-256
over named inputs (texts and files' bytes), so a record written under one state of the
inputs is never found under another: nothing is ever invalidated, a changed input simply
asks for a different key. Records live in ``.cache/guides/<kind>/<key>.json`` beside
api.yaml (ignored by git).

A cache that cannot be read or written only costs time: every failure reads as a miss.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .atomic import write_atomically

__all__ = ["PACKAGE", "Cache", "KeyInput", "content_key", "files_under", "project_cache"]

#: This package's own folder: its code and templates are inputs of every cached result.
PACKAGE = Path(__file__).parent

#: Where a project's caches live, relative to the folder of its api.yaml.
CACHE_DIR = Path(".cache") / "guides"

#: A key input: a text as it is, a file by its path and bytes, or several files.
KeyInput = str | Path | Sequence[Path]


def files_under(folder: Path, *suffixes: str) -> list[Path]:
    """Files below `folder` (with one of `suffixes`, if given), in a stable order."""
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.rglob("*") if path.is_file()
                  and "__pycache__" not in path.parts
                  and (not suffixes or path.suffix in suffixes))


def installed_distributions() -> list[str]:
    """Installed Python distributions with their versions, from their metadata folders'
    names (``pydantic-2.11.7.dist-info``): a library upgrade can change any answer."""
    found = []
    for entry in sys.path:
        with contextlib.suppress(OSError):
            found += [name for name in os.listdir(entry or ".")
                      if name.endswith((".dist-info", ".egg-info"))]
    return sorted(found)


def content_key(**inputs: KeyInput) -> str:
    """SHA-256 over every named input; a missing file counts as missing, not as an error."""
    digest = hashlib.sha256()
    for name in sorted(inputs):
        value = inputs[name]
        digest.update(f"\0{name}\0".encode())
        if isinstance(value, str):
            digest.update(value.encode())
            continue
        for path in [value] if isinstance(value, Path) else value:
            digest.update(str(path).encode() + b"\0")
            try:
                digest.update(path.read_bytes())
            except OSError:
                digest.update(b"\1missing")
            digest.update(b"\0")
    return digest.hexdigest()


@dataclass(frozen=True)
class Cache:
    """JSON records in `folder`, one file per key; at most `keep` of them (the newest)."""

    folder: Path
    keep: int | None = None

    def get(self, key: str) -> Any:
        """The record stored under `key` (as `json.loads` gives it), or None."""
        try:
            return json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def put(self, key: str, record: Any) -> None:
        """Store `record` (anything `json.dumps` takes) under `key`, atomically."""
        with contextlib.suppress(OSError):
            write_atomically(self.folder / f"{key}.json", json.dumps(record), durable=False)
            if self.keep is not None:
                self._forget_all_but_newest(self.keep)

    def _forget_all_but_newest(self, keep: int) -> None:
        # A live preview writes a record per save: the old ones would pile up.
        records = sorted(self.folder.glob("*.json"), key=lambda path: path.stat().st_mtime_ns)
        for stale in records[:-keep]:
            stale.unlink(missing_ok=True)


def project_cache(root: Path, kind: str, *, keep: int | None = None) -> Cache:
    """The cache of one `kind` of record for the project whose api.yaml is in `root`."""
    return Cache(root / CACHE_DIR / kind, keep)
