"""Results of snippet runs, kept under a hash of everything that can change them.

A remote API (``--base-url``) can change behind the same URL, so its results are never kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import json

from ..atomic import write_atomically
from ..spec import Project
from .exchange import Exchange
from .inputs import verdict_inputs
from .options import CheckOptions
from .plan import Run

__all__ = ["RunCache"]


class RunCache:
    def __init__(self, project: Project, options: CheckOptions) -> None:
        self._folder = project.root / ".cache" / "guides" / "check"
        self._project = project
        self._enabled = options.use_cache and not options.base_url
        self._context = "\n".join([
            verdict_inputs(options), project.spec.samples.model_dump_json(),
            project.spec.api.model_dump_json()])

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
        if not self._enabled:
            return
        # A cache that cannot be written only costs time.
        with contextlib.suppress(OSError):
            write_atomically(self._folder / f"{self.key(run)}.json", json.dumps(
                {"exchanges": [e.to_json() for e in exchanges]}), durable=False)
