"""Results of snippet runs, kept under a key of everything that can change them.

A remote API (``--base-url``) can change behind the same URL, so its results are never kept.
"""

from __future__ import annotations

from ..cache import content_key, project_cache
from ..model import Project
from .exchange import Exchange
from .inputs import verdict_inputs
from .options import CheckOptions
from .plan import Run

__all__ = ["RunCache"]


class RunCache:
    def __init__(self, project: Project, options: CheckOptions) -> None:
        self._cache = project_cache(project.root, "runs")
        self._project = project
        self._enabled = options.use_cache and not options.base_url
        self._context = "\n".join([
            verdict_inputs(options), project.spec.samples.model_dump_json(),
            project.spec.api.model_dump_json()])

    def key(self, run: Run) -> str:
        example = self._project.spec.examples[run.index]
        return content_key(context=self._context, language=run.language,
                           snippet=run.snippet.text,
                           example=example.model_dump_json(fallback=str))

    def get(self, run: Run) -> list[Exchange] | None:
        if not self._enabled:
            return None
        stored = self._cache.get(self.key(run))
        try:
            return [Exchange.from_json(item) for item in stored["exchanges"]]
        except (ValueError, KeyError, TypeError):
            return None

    def put(self, run: Run, exchanges: list[Exchange]) -> None:
        if self._enabled:
            self._cache.put(self.key(run), {"exchanges": [e.to_json() for e in exchanges]})
