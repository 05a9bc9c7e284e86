"""Results of snippet runs, kept under a hash of everything that can change them."""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path

from ..atomic import write_atomically
from ..fingerprint import digest_files, files_under, tool_identity
from ..spec import Project
from .exchange import Exchange
from .plan import Run

__all__ = ["RunCache", "code_digest"]

_CHECK_CODE = Path(__file__).parent


def code_digest(folder: Path) -> str:
    """Hash of the source files under `folder` (the sandbox's, the check's)."""
    return digest_files(files_under(folder, ".py", ".mjs"))


class RunCache:
    def __init__(self, project: Project, target_identity: str, enabled: bool) -> None:
        self._folder = project.root / ".cache" / "guides" / "check"
        self._project = project
        self._enabled = enabled
        self._context = "\n".join([
            target_identity, tool_identity(), code_digest(_CHECK_CODE),
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
                {"exchanges": [e.to_json() for e in exchanges]}), durable=False)
