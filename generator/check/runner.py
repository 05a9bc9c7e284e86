"""Every planned run: scheduled on the harness (dearest language first), each judged as it
ends, and the whole-docs findings after them."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from ..model import LANGUAGES, Project, credential_variable
from .judging.compare import Divergence, compare, compare_request, exchange_signature
from .judging.contract import confirm_contract
from .judging.coverage import coverage_gaps, throttle_headroom, unused_snippets
from .judging.paging import judged_exchange, page_failures
from .judging.printed import printed_problems
from .options import CheckOptions
from .plan import Run, plan_runs, shard
from .reporting.opaque import Documented, guarded
from .reporting.redaction import Redactor
from .results import Failure, Result
from .running.exchange import Exchange
from .running.harness import Harness
from .running.launch import Outcome, run_sample
from .running.runtimes import require_runtimes
from .running.target import Target
from .storing.cache import RunCache

__all__ = ["Checked", "run_check", "sample_inputs"]

#: A run's outcome (None when replayed from the cache), its exchanges, forwarding failures.
Captured = tuple[Outcome | None, list[Exchange], list[str]]
_REQUEST_MARKERS = ("fetch(", "httpx.", "client.", "curl ", "http.request(", "file_get_contents(")
#: Languages by start-up cost, dearest first.
_START_ORDER = ("java", "go", "node", "python", "php", "ruby", "curl")


@dataclass
class Checked:
    results: list[Result]
    runs: list[Run]
    """The runs made (or replayed from the cache)."""
    divergences: list[tuple[Run, Divergence]]
    """Every divergence found, for `--update`."""
    secrets: list[str]
    exchanges: dict[Run, list[Exchange]]
    """What each run exchanged with the API (run or replayed from the cache)."""


def run_check(project: Project, options: CheckOptions, harness: Harness, redact: Redactor,
              on_result: Callable[[Result], None] = lambda result: None,
              on_start: Callable[[int], None] = lambda total: None) -> Checked:
    """Check every example (or a shard), running in `harness` what the cache cannot answer.
    `redact` knows the target's credentials: what is cached is written to disk without
    them, whatever the API echoed."""
    ends = time.monotonic() + options.deadline
    runs = plan_runs(project, set(options.examples) or None, set(options.languages) or None)
    if options.shard:
        runs = shard(runs, *options.shard)
    cache = RunCache(project, options)
    cached = {run: made for run in runs if (made := cache.get(run)) is not None}
    # A runtime missing is one line before anything runs (or a remote API is asked
    # anything), not a failure per sample.
    require_runtimes({run.language for run in runs if run not in cached})
    on_start(len(runs))
    results: list[Result] = []
    job_id = None
    if options.base_url:
        # Another API's credentials and data are a team's: confirmed before examples run.
        confirmed = confirm_contract(project, runs, harness.target(), on_result, ends)
        results, job_id = confirmed.results, confirmed.job_id
        runs = [run for run in runs if run not in confirmed.skipped]
    captured: dict[Run, Captured] = {run: (None, cached[run], []) for run in runs
                                      if run in cached}
    to_run = [run for run in runs if run not in captured]
    secrets: list[str] = []
    if to_run:
        captured.update(_run_all(project, to_run, options, harness, job_id, ends))
        secrets = harness.target().secrets
    # An API other than our sandbox has data of its own: its examples' values illustrate.
    judged, divergences = _judge(project, runs, captured, on_result, cache, redact,
                                 remote=options.base_url is not None, lent_job_id=job_id)
    results += judged
    if options.base_url is not None:
        headroom = Result("throttle headroom", None, [
            Failure(message, yaml_line=project.source.position(loc)[0])
            for loc, message in throttle_headroom(project, runs)])
        if not headroom.passed:
            results.append(headroom)
            on_result(headroom)
    # Coverage is a property of the whole file: judged on full runs (and shard 1) only.
    if not options.examples and (not options.shard or options.shard[0] == 1):
        results.append(_docs_coverage(project))
        on_result(results[-1])
    exchanges = {run: captured[run][1] for run in runs}
    return Checked(results, runs, divergences, secrets, exchanges)


def _run_all(project: Project, runs: list[Run], options: CheckOptions,
             harness: Harness, lent_job_id: str | None, ends: float) -> dict[Run, Captured]:
    """Run `runs` in parallel; what each captured."""
    target = harness.target()

    def execute(run: Run) -> tuple[Run, Captured]:
        primer = primers.get(run.language)
        if primer is None:
            return run_one(run)
        first, filled = primer
        if run is not first:
            filled.wait()
            return run_one(run)
        try:
            return run_one(run)
        finally:
            filled.set()

    def run_one(run: Run) -> tuple[Run, Captured]:
        name = f"{run.index}-{run.language}"
        language = LANGUAGES[run.language]
        # The page's variables, the one a reader sets to trust another authority, and the
        # caches a reader's runtime keeps.
        env = {**harness.host_env, **harness.runtimes.environment(run.language, language),
               **sample_inputs(project, run, target, harness.proxy.base_url(
                   name, run.example.request.transport), lent_job_id)}
        sample = project.root / run.snippet.path
        timeout = min(options.timeout, max(ends - time.monotonic(), 0.01))
        outcome = run_sample(harness.processes, language.command, sample.parent, env, timeout)
        exchanges, failures = harness.proxy.exchanges(name)
        if outcome.timed_out and timeout < options.timeout:
            failures.append(f"the check's deadline ({options.deadline:.0f} s, --deadline) "
                            "ended it")
        return run, (outcome, exchanges, failures)

    # Tripping the API's per-client throttle locks out every run that shares the client's
    # address: against a remote API, all of them, so the examples that do it run after all
    # others, one run at a time. The check's own sandbox gives each run an address of its
    # own; there they take their turn like any other.
    alone = [run for run in runs if project.spec.threshold(run.example)] \
        if options.base_url else []
    # The slowest starters first, so that the quick ones fill the gaps at the end (a slow
    # run started last would leave the other cores idle while it ends).
    order = sorted((run for run in runs if run not in alone),
                   key=lambda run: _START_ORDER.index(run.language))
    # A language with a cache to fill (Go's build cache, empty on a fresh machine) runs one
    # sample first, which fills it; its others wait for that one instead of each
    # compiling the same standard library at once.
    primers: dict[str, tuple[Run, threading.Event]] = {}
    for run in order:
        if LANGUAGES[run.language].cache_variables and run.language not in primers:
            primers[run.language] = (run, threading.Event())
    waiting = [run for run in order if run.language in primers
               and run is not primers[run.language][0]]
    order = [run for run in order if run not in waiting] + waiting
    pool = ThreadPoolExecutor(max_workers=options.jobs)
    try:
        done = dict(pool.map(execute, order))
        done.update(execute(run) for run in alone)
        return done
    except BaseException:
        # Interrupted: end every run now instead of waiting for each to finish.
        harness.processes.close()
        raise
    finally:
        pool.shutdown(cancel_futures=True)


def sample_inputs(project: Project, run: Run, target: Target, base_url: str,
            lent_job_id: str | None) -> dict[str, str]:
    """The declared substitutions only: base URL, credentials and a job's id."""
    samples = project.spec.samples
    request = run.example.request
    env = {samples.base_url_variable: base_url}
    if request.reads_job_id and samples.job_id_variable:
        # The sandbox has the job the docs show; another API lends one of its own.
        env[samples.job_id_variable] = lent_job_id or request.path.rsplit("/", 1)[1]
    if request.credential:
        variable = credential_variable(samples, request.credential)
        env[variable] = target.credentials[request.credential]
    if request.conflicting_header:
        env[samples.other_key_variable] = target.credentials["other"]
    return env


def _judge(project: Project, runs: list[Run],
           captured: dict[Run, Captured],
           on_result: Callable[[Result], None],
           cache: RunCache, redact: Redactor, *, remote: bool, lent_job_id: str | None = None,
           ) -> tuple[list[Result], list[tuple[Run, Divergence]]]:
    results: list[Result] = []
    divergences: list[tuple[Run, Divergence]] = []
    signatures = _majorities(captured)
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
            mine = exchange_signature(judged)
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
        if result.passed and outcome is not None:
            cache.put(run, exchanges, redact)
        results.append(result)
        on_result(result)
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


def _majorities(captured: dict[Run, Captured]
                ) -> dict[str, tuple[object, list[str]]]:
    """Per example, the exchange most languages agree on, and those languages."""
    by_example: dict[str, dict[str, object]] = {}
    for run, (_outcome, exchanges, _failures) in captured.items():
        if exchanges:
            by_example.setdefault(run.example.id, {})[run.language] = \
                exchange_signature(judged_exchange(run.example, exchanges))
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
    needles = [n for n in (needle, run.example.request.path) if n] + list(_REQUEST_MARKERS)
    for candidate in needles:
        for number, line in enumerate(lines, 1):
            if candidate in line:
                return f"{run.snippet.path}:{number}"
    return f"{run.snippet.path}:1"


def _docs_coverage(project: Project) -> Result:
    result = Result("docs coverage", None)
    for loc, message in coverage_gaps(project):
        result.failures.append(Failure(message, yaml_line=project.source.position(loc)[0]))
    for path in unused_snippets(project):
        result.failures.append(Failure(f"{path} is shown by no example; add it to an "
                                       "example or delete it"))
    return result
