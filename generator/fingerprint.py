"""Content hashes of inputs, for caches that must never serve a stale result.

Light on purpose (standard library only): cached paths use it before any heavy import.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path

__all__ = ["PACKAGE", "digest_files", "files_under", "tool_identity"]

#: This package's own folder: its code and templates are inputs of every cached result.
PACKAGE = Path(__file__).parent


def files_under(folder: Path, *suffixes: str) -> list[Path]:
    """Files below `folder` (with one of `suffixes`, if given), in a stable order."""
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.rglob("*") if path.is_file()
                  and "__pycache__" not in path.parts
                  and (not suffixes or path.suffix in suffixes))


def digest_files(paths: Iterable[Path], *extra: str) -> str:
    """SHA-256 over `extra` strings and each file's path and bytes (a missing file counts)."""
    digest = hashlib.sha256()
    for text in extra:
        digest.update(text.encode() + b"\0")
    for path in paths:
        digest.update(str(path).encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"\1missing")
        digest.update(b"\0")
    return digest.hexdigest()


def tool_identity() -> str:
    """Which sh, curl, node, Python and httpx run the snippets, down to the installed file."""
    parts = [sys.version]
    httpx = importlib.util.find_spec("httpx")
    paths = [shutil.which(tool) for tool in ("sh", "curl", "node")]
    for path in [*paths, sys.executable, httpx.origin if httpx else None]:
        if path:
            stat = os.stat(path)
            parts.append(f"{os.path.realpath(path)}:{stat.st_size}:{stat.st_mtime_ns}")
    return "|".join(parts)
