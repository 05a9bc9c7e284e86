"""The check's one cache: what each sample's run exchanged with the API, kept under a key
of everything that can change it.

A run is reused only when nothing it could read has changed: every file of its example's
folder (dotfiles too), its api.yaml entry, every program it runs (`inputs`) and the
check's own inputs; a reused run is judged again like a new one. Under CI nothing is
replayed, and a remote API (``--base-url``) can change behind the same URL, so its results
are never kept.
"""

from __future__ import annotations

from collections.abc import Callable

from ...cache import content_key, project_cache
from ...ci import in_ci
from ...languages import LANGUAGES
from ...model import Project
from ..options import CheckOptions
from ..plan import Run
from ..running.exchange import Exchange
from .inputs import folder_files, tool_identities, tools_named, verdict_inputs

__all__ = ["RunCache"]


class RunCache:
    def __init__(self, project: Project, options: CheckOptions) -> None:
        self._cache = project_cache(project.root, "runs")
        self._project = project
        self.enabled = options.use_cache and not options.base_url and not in_ci()
        # A disabled cache needs no key: the check's code is not hashed for it.
        self._context = "\n".join([
            verdict_inputs(options), project.spec.samples.model_dump_json(),
            project.spec.api.model_dump_json()]) if self.enabled else ""
        # Each run's key as `get` found its inputs, for `put`: the verdict was reached from
        # them (not from what the run may have written since), and the programs on PATH
        # are not searched twice.
        self._keys: dict[Run, str] = {}

    def key(self, run: Run) -> str:
        example = self._project.spec.examples[run.index]
        folder = (self._project.root / run.snippet.path).parent
        tools = tools_named([run.snippet.text], LANGUAGES[run.language].command)
        return content_key(context=self._context, language=run.language,
                           snippet=run.snippet.text, folder=folder_files(folder),
                           tools=tool_identities(tools),
                           example=example.model_dump_json(fallback=str))

    def get(self, run: Run) -> list[Exchange] | None:
        if not self.enabled:
            return None
        self._keys[run] = self.key(run)
        stored = self._cache.get(self._keys[run])
        try:
            return [Exchange.from_json(item) for item in stored["exchanges"]]
        except (ValueError, KeyError, TypeError):
            return None

    def put(self, run: Run, exchanges: list[Exchange], redact: Callable[[str], str]) -> None:
        """Keep `exchanges`, each through `redact`: what is kept is written to disk. A
        disabled cache redacts nothing (the work is most of the judging's time)."""
        if self.enabled:
            key = self._keys.pop(run, None) or self.key(run)
            self._cache.put(key, {"exchanges": [e.redacted(redact).to_json()
                                                for e in exchanges]})
