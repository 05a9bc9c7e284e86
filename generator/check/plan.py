"""Which snippet runs a check makes: every sample of every example, or a shard of them."""

from __future__ import annotations

from dataclasses import dataclass

from ..languages import LANGUAGES
from ..model import Example, Project, Snippet
from .options import CheckOptions

__all__ = ["Run", "plan_runs", "planned_runs", "shard"]

@dataclass(frozen=True, eq=False)
class Run:
    index: int
    """Position of the example in api.yaml."""
    example: Example
    language: str
    snippet: Snippet

    @property
    def name(self) -> str:
        return f"{self.example.id} [{self.language}]"


def plan_runs(project: Project, example_ids: set[str] | None = None,
              languages: set[str] | None = None) -> list[Run]:
    """A run per example (of `example_ids`, or all) and language (of `languages`, or all)."""
    return [Run(index, example, language, project.snippets[example.id][language])
            for index, example in enumerate(project.spec.examples)
            if example_ids is None or example.id in example_ids
            for language in LANGUAGES if languages is None or language in languages]


def shard(runs: list[Run], number: int, total: int) -> list[Run]:
    """Shard `number` (1-based) of `total`: whole examples, so languages stay together."""
    ids = sorted({run.example.id for run in runs})
    mine = {example_id for position, example_id in enumerate(ids)
            if position % total == number - 1}
    return [run for run in runs if run.example.id in mine]


def planned_runs(project: Project, options: CheckOptions) -> list[Run]:
    """The runs a check with `options` makes: its examples, languages and shard."""
    runs = plan_runs(project, set(options.examples) or None, set(options.languages) or None)
    return shard(runs, *options.shard) if options.shard else runs
