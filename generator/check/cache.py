"""Results of snippet runs, kept under a hash of everything that can change them."""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import shutil
import sys
from pathlib import Path

from ..atomic import write_atomically
from ..spec import Project
from .exchange import Exchange
from .plan import Run

__all__ = ["RunCache", "code_digest"]

_CHECK_CODE = Path(__file__).parent


def code_digest(folder: Path) -> str:
    """Hash of the source files under `folder` (the sandbox's, the check's)."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.suffix in {".py", ".mjs"} and path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _tools() -> str:
    """Which curl, sh, node and Python run the snippets, down to the installed file."""
    parts = [sys.version]
    httpx = importlib.util.find_spec("httpx")
    paths = [shutil.which(tool) for tool in ("sh", "curl", "node")]
    paths += [sys.executable, httpx.origin if httpx else None]
    for path in paths:
        if path:
            stat = os.stat(path)
            parts.append(f"{os.path.realpath(path)}:{stat.st_size}:{stat.st_mtime_ns}")
    return "|".join(parts)


class RunCache:
    def __init__(self, project: Project, target_identity: str, enabled: bool) -> None:
        self._folder = project.root / ".cache" / "guides" / "check"
        self._project = project
        self._enabled = enabled
        self._context = "\n".join([
            target_identity, _tools(), code_digest(_CHECK_CODE),
            project.spec.samples.model_dump_json(), project.spec.api.model_dump_json()])

    def key(self, run: Run) -> str:
        example = self._project.spec.examples[run.index]
        return hashlib.sha256("\n".join([
            self._context, run.language, run.snippet.text,
            example.model_dump_json(fallback=str)]).encode()).hexdigest()

    def get(self, run: Run) -> list[Exchange] | None:
        if not self._enabled:
            return None
        try:
            stored = json.loads((self._folder / f"{self.key(run)}.json").read_text())
            return [Exchange.from_json(item) for item in stored["exchanges"]]
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, run: Run, exchanges: list[Exchange]) -> None:
        # A cache that cannot be written only costs time.
        with contextlib.suppress(OSError):
            write_atomically(self._folder / f"{self.key(run)}.json", json.dumps(
                {"exchanges": [e.to_json() for e in exchanges]}))
