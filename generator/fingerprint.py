"""Content hashes of inputs, for caches that must never serve a stale result.

Light on purpose (standard library only): cached paths use it before any heavy import.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
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
    """Which sh, curl, node, Python and libraries run the snippets and the sandbox.

    Asked of the tools themselves (``curl --version``, ``node --version``), not read off
    their files' size and time: a version manager's shim stays the same file while the tool
    behind it changes. sh has no version flag, so its bytes count; installed Python
    distributions count by their ``name-version.dist-info`` folders.
    """
    asked = {name: _start([name, "--version"]) for name in ("curl", "node")}
    parts = [sys.version, os.path.realpath(sys.executable), *_distributions()]
    sh = shutil.which("sh")
    parts.append(digest_files([Path(sh)]) if sh else "sh: not found")
    for name, process in asked.items():
        if process is None:
            parts.append(f"{name}: not found")
        else:
            output, _ = process.communicate()
            parts.append(f"{name}: {process.returncode} {output.decode(errors='replace')}")
    return "|".join(parts)


def _start(command: list[str]) -> subprocess.Popen[bytes] | None:
    try:
        return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
    except OSError:
        return None


def _distributions() -> list[str]:
    """Installed distributions with their versions, from their metadata folders' names."""
    found = []
    for entry in sys.path:
        with contextlib.suppress(OSError):
            found += [name for name in os.listdir(entry or ".")
                      if name.endswith((".dist-info", ".egg-info"))]
    return sorted(found)
