"""One pass of the check over every planned run: those the cache cannot answer run on the
harness (dearest language first); then each is judged (`judging.verdicts`), cached or
not, the new ones that pass are kept, and the whole-docs findings follow."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from ..languages import LANGUAGES
from ..model import Project
from .guarding.redaction import Redactor
from .judging.compare import Divergence
from .judging.contract import confirm_contract
from .judging.coverage import throttle_headroom
from .judging.verdicts import Captured, docs_coverage, judge_runs
from .options import CheckOptions
from .plan import Run
from .results import Failure, Result
from .running.environment import sample_inputs
from .running.exchange import Exchange
from .running.harness import Harness
from .running.launch import run_sample
from .running.runtimes import require_runtimes
from .storing.runs import RunCache

__all__ = ["Checked", "run_pass"]

@dataclass
class Checked:
    results: list[Result]
    runs: list[Run]
    """The runs made (or replayed from the cache)."""
    divergences: list[tuple[Run, Divergence]]
    """Every divergence found, for `--update`."""
    exchanges: dict[Run, list[Exchange]]
    """What each run exchanged with the API (run or replayed from the cache)."""


def run_pass(project: Project, options: CheckOptions, runs: list[Run],
             cached: dict[Run, list[Exchange]], cache: RunCache, harness: Harness | None,
             redact: Redactor, on_result: Callable[[Result], None] = lambda result: None,
             on_start: Callable[[int], None] = lambda total: None,
             on_ran: Callable[[int], None] = lambda count: None) -> Checked:
    """Check `runs`: those in `cached` (kept by `cache`) are judged from what they exchanged
    then, the others run in `harness`, which is None only when `cached` holds every run.
    `redact` knows the target's credentials: what is cached is written to disk without
    them, whatever the API echoed. `on_start` is told how many runs there are, `on_ran`
    how many have ended (the cached ones at once), `on_result` each verdict."""
    ends = time.monotonic() + options.deadline
    # A runtime missing is one line before anything runs (or a remote API is asked
    # anything), not a failure per sample.
    require_runtimes({run.language for run in runs if run not in cached})
    on_start(len(runs))
    on_ran(len(cached))
    results: list[Result] = []
    job_id = None
    if options.base_url:
        assert harness is not None, "a remote API is asked every time"
        # Another API's credentials and data are a team's: confirmed before examples run.
        confirmed = confirm_contract(project, runs, harness.target(), on_result, ends)
        results, job_id = confirmed.results, confirmed.job_id
        runs = [run for run in runs if run not in confirmed.skipped]
    captured: dict[Run, Captured] = {run: Captured(None, cached[run], []) for run in runs
                                      if run in cached}
    to_run = [run for run in runs if run not in captured]
    if to_run:
        assert harness is not None, "runs the cache cannot answer have a harness"
        captured.update(_run_all(project, to_run, options, harness, job_id, ends, on_ran))
    judged, divergences = judge_runs(project, runs, captured,
                                     remote=options.base_url is not None, lent_job_id=job_id)
    for run, result in zip(runs, judged, strict=True):
        outcome, made, _forwarding = captured[run]
        if result.passed and outcome is not None:
            cache.put(run, made, redact)
        on_result(result)
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
        results.append(docs_coverage(project))
        on_result(results[-1])
    exchanges = {run: captured[run].exchanges for run in runs}
    return Checked(results, runs, divergences, exchanges)


def _run_all(project: Project, runs: list[Run], options: CheckOptions, harness: Harness,
             lent_job_id: str | None, ends: float, on_ran: Callable[[int], None],
             ) -> dict[Run, Captured]:
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
        on_ran(1)
        if outcome.timed_out and timeout < options.timeout:
            failures.append(f"the check's deadline ({options.deadline:.0f} s, --deadline) "
                            "ended it")
        return run, Captured(outcome, exchanges, failures)

    # Tripping the API's per-client throttle locks out every run that shares the client's
    # address: against a remote API, all of them, so the examples that do it run after all
    # others, one run at a time. The check's own sandbox gives each run an address of its
    # own; there they take their turn like any other.
    alone = [run for run in runs if project.spec.threshold(run.example)] \
        if options.base_url else []
    # The slowest starters first, so that the quick ones fill the gaps at the end (a slow
    # run started last would leave the other cores idle while it ends).
    order = sorted((run for run in runs if run not in alone),
                   key=lambda run: -LANGUAGES[run.language].start_cost)
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
