"""Each run's verdict: its exit, the requests it made, the wire against api.yaml, what it
printed, and its exchange against the other languages' of the same example."""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from ...languages import LANGUAGES
from ...model import Project, Spec
from ..guarding.opaque import Documented, guarded
from ..plan import Run
from ..results import Failure, Result
from ..running.exchange import Exchange
from ..running.launch import Outcome
from .compare import Divergence, compare, compare_request, exchange_signature
from .coverage import coverage_gaps, unused_snippets
from .paging import judged_exchange, page_failures
from .printed import printed_problems

__all__ = ["Captured", "docs_coverage", "judge_runs"]

class Captured(NamedTuple):
    """What a run left to judge."""

    outcome: Outcome | None
    """How the sample's process ended; None when the run was replayed from the cache."""
    exchanges: list[Exchange]
    forwarding_failures: list[str]
    """What the capturing proxy could not forward, or why the check ended the run."""


def judge_runs(project: Project, runs: list[Run], captured: dict[Run, Captured], *,
               remote: bool, lent_job_id: str | None = None,
               ) -> tuple[list[Result], list[tuple[Run, Divergence]]]:
    """A result per run of `runs`, in their order, and every divergence found (for
    `--update`). Against an API other than our sandbox (`remote`), which has data of its
    own, the examples' values illustrate."""
    results: list[Result] = []
    divergences: list[tuple[Run, Divergence]] = []
    signatures = _majorities(project.spec, captured)
    # What a remote API answered may hide what the redactor cannot undo: each run api.yaml
    # does not document is shown by its length.
    known = Documented(project.spec) if remote else None
    for run in runs:
        outcome, exchanges, forwarding = captured[run]
        result = Result(run.example.id, run.language, cached=outcome is None,
                        seconds=outcome.seconds if outcome else 0.0)
        result.failures += [Failure(message) for message in forwarding]
        if outcome is not None and outcome.exit_code != 0:
            result.failures.append(Failure(_outcome_problem(outcome), _where(run, None)))
        if not exchanges:
            result.failures.append(Failure("the snippet made no request to the API",
                                           _where(run, None)))
        else:
            result.failures += _sequence_failures(project, run, exchanges)
            judged = judged_exchange(run.example, exchanges)
            found = compare(project.spec, run.index, judged, illustrations_by_shape=remote,
                            job_id=lent_job_id if run.example.request.reads_job_id else None)
            divergences += [(run, d) for d in found]
            result.failures += [Failure(d.describe(known), _where(run, d.needle),
                                        project.source.position(d.loc)[0]) for d in found]
            majority = signatures.get(run.example.id)
            mine = exchange_signature(project.spec, judged)
            if majority and mine != majority[0] and not found:
                differs = f"{mine} instead of {majority[0]}"
                if remote:
                    # The bodies' key names are the API's; the request is the sample's.
                    differs = guarded(differs, repr(mine[:4]))
                result.failures.append(Failure(
                    f"its exchange differs from {', '.join(majority[1])}'s: {differs}",
                    _where(run, None)))
            if outcome is not None:
                result.failures += [
                    Failure(f"what it prints disagrees with what it received: {problem}",
                            _where(run, None))
                    for problem in printed_problems(outcome.stdout, judged)]
        results.append(result)
    return results, divergences


def _sequence_failures(project: Project, run: Run, exchanges: list[Exchange]) -> list[Failure]:
    """The documented request must be the only one, or each of a documented repetition."""
    request = run.example.request
    if request.follows_pages:
        return [Failure(f"reading page by page: {problem}", _where(run, None))
                for problem in page_failures(project.spec, run.example, exchanges)]
    if len(exchanges) == 1:
        return []
    if not request.repeated:
        made = ", ".join(f"{e.method} {e.path} ({e.status})" for e in exchanges)
        return [Failure(f"it made {len(exchanges)} requests where the example documents one, "
                        f"{request.method} {request.path}: {made}", _where(run, None))]
    found = {d.describe(): d for exchange in exchanges[:-1]
             for d in compare_request(project.spec, run.index, exchange)}
    return [Failure(f"a repeated request: {text}", _where(run, d.needle),
                    project.source.position(d.loc)[0]) for text, d in found.items()]


def _majorities(spec: Spec, captured: dict[Run, Captured]
                ) -> dict[str, tuple[object, list[str]]]:
    """Per example, the exchange most languages agree on, and those languages."""
    by_example: dict[str, dict[str, object]] = {}
    for run, (_outcome, exchanges, _failures) in captured.items():
        if exchanges:
            by_example.setdefault(run.example.id, {})[run.language] = \
                exchange_signature(spec, judged_exchange(run.example, exchanges))
    majorities = {}
    for example_id, signatures in by_example.items():
        common, count = Counter(signatures.values()).most_common(1)[0]
        if count > 1:
            majorities[example_id] = (common, sorted(
                language for language, s in signatures.items() if s == common))
    return majorities


def _outcome_problem(outcome: Outcome) -> str:
    if outcome.problem:
        return f"the snippet could not be run to its end: {outcome.problem}"
    if outcome.timed_out:
        return "the snippet did not finish before its timeout"
    tail = (outcome.stderr.strip() or outcome.stdout.strip()).splitlines()[-5:]
    return f"the snippet exited with status {outcome.exit_code}" + (
        ": " + " | ".join(tail) if tail else "")


def _where(run: Run, needle: str | None) -> str:
    lines = run.snippet.text.splitlines()
    needles = [n for n in (needle, run.example.request.path) if n] + list(
        LANGUAGES[run.language].request_markers)
    for candidate in needles:
        for number, line in enumerate(lines, 1):
            if candidate in line:
                return f"{run.snippet.path}:{number}"
    return f"{run.snippet.path}:1"


def docs_coverage(project: Project) -> Result:
    result = Result("docs coverage", None)
    for loc, message in coverage_gaps(project):
        result.failures.append(Failure(message, yaml_line=project.source.position(loc)[0]))
    for path in unused_snippets(project):
        result.failures.append(Failure(f"{path} is shown by no example; add it to an "
                                       "example or delete it"))
    return result
