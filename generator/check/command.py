"""The `guides check` command: options in, report out, exit status back."""

from __future__ import annotations

import dataclasses
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from ..ci import in_ci, on_github_actions
from ..errors import EXIT_FAILURE, GuidesError
from ..model import Project, load_project
from ..signals import sigterm_as_interrupt
from .guarding.redaction import Redactor
from .judging.paging import judged_exchange
from .one_pass import Checked, run_pass
from .options import CheckOptions
from .plan import planned_runs
from .reporting.console import CheckConsole
from .reporting.report import github_annotations, summary_line, write_junit
from .results import Failure, Result
from .running.harness import Harness
from .storing.recording import (
    Recorded,
    record,
    sandbox_identity,
    stale_recordings,
    write_recordings,
)
from .storing.retry_after import LockedOut, NotBefore, retry_after_seconds
from .storing.runs import RunCache

__all__ = ["check_docs"]


def _refuse_in_ci() -> None:
    if in_ci():
        raise GuidesError("--update rewrites api.yaml and refuses to run in CI (CI or "
                          "GITHUB_ACTIONS is set); run it on your machine and commit the result")


def check_docs(spec_path: Path, options: CheckOptions, *, update: bool,
               junit_xml: Path | None, out: TextIO) -> int:
    """0 when every example holds, 1 when one does not; bad input raises `GuidesError`.

    With `update`, what the API answered is written into api.yaml, then everything is
    checked once more, and stale recordings are written anew instead of failing.
    """
    if update:
        _refuse_in_ci()
        if options.base_url:
            # What api.yaml says is published: only this repository's own sandbox, whose
            # code is reviewed with it, may write it, never an API's answer from elsewhere.
            raise GuidesError("--update writes only what this repository's sandbox answers; "
                              "an API at --base-url is checked, never copied into api.yaml "
                              "(the pages would publish what it sent). Change the sandbox to "
                              "answer as that API does, then run guides check --update")
    ended = _check(spec_path, options, write_values=update, rerecord=update,
                   junit_xml=junit_xml, out=out)
    while ended.wrote_values:
        # The check that follows proves what was written; it writes no value itself.
        ended = _check(spec_path, options, write_values=False, rerecord=update,
                       junit_xml=junit_xml, out=out)
    return ended.status


@dataclass(frozen=True)
class _Pass:
    """How one check ended."""

    status: int
    """Its exit status: 0 when every example holds."""
    wrote_values: bool = False
    """Whether it wrote what the API answered into api.yaml (then another check follows)."""


def _check(spec_path: Path, options: CheckOptions, *, write_values: bool, rerecord: bool,
           junit_xml: Path | None, out: TextIO) -> _Pass:
    """One check. `write_values`: write what the API answered into api.yaml where it
    differs; `rerecord`: write stale recordings anew instead of failing them."""
    # A mistyped id is said at once, before waiting for an API's Retry-After.
    project = _loaded(spec_path, options.examples)
    root = spec_path.resolve().parent
    pause = NotBefore(root)
    if options.base_url:
        try:
            waited = pause.wait(_api_key(options.base_url), out, longest=options.deadline)
        except LockedOut as err:
            return _Pass(_locked_out(str(err), spec_path.name, junit_xml, out))
        # The wait is part of the whole check, which --deadline bounds.
        options = dataclasses.replace(options, deadline=max(options.deadline - waited, 1.0))
    runs = planned_runs(project, options)
    cache = RunCache(project, options)
    cached = {run: made for run in runs if (made := cache.get(run)) is not None}

    with sigterm_as_interrupt(), ExitStack() as started:
        harness = None
        # The API and the runtimes start only for what the cache cannot answer (a remote
        # API is asked every time).
        if options.base_url or len(cached) < len(runs):
            work = Path(started.enter_context(tempfile.TemporaryDirectory(
                prefix="guides-check-")))
            harness = started.enter_context(
                Harness(options, work, root, project.spec))
        interactive = out.isatty() and not in_ci()
        # Every line written from here on may hold what the API answered: the credentials
        # it was given are known before the first line.
        redact = Redactor(harness.target().secrets if harness else [],
                          project.spec.api.key_prefix)
        console = CheckConsole(out, redact, project.source.file, interactive=interactive)
        try:
            checked = run_pass(project, options, runs, cached, cache, harness, redact,
                               on_result=console.result, on_start=console.start,
                               on_ran=console.ran)
            # Recordings are of the sandbox: a remote API's own data is not the page's.
            stale = ([] if options.base_url
                     else stale_recordings(project, _recorded(project, checked, redact)))
            if not rerecord:
                for result in _stale_results(project, stale):
                    checked.results.append(result)
                    console.result(result)
        finally:
            console.stop()
    if options.base_url:
        _remember_lockout(pause, _api_key(options.base_url), checked, out)
    results = checked.results
    if junit_xml is not None:
        write_junit(results, junit_xml, project.source.file, redact)
    if on_github_actions():
        github_annotations(results, project.source.file, redact, out)
    failed = any(not result.passed for result in results)
    if write_values and failed:
        from .storing.update import apply_updates  # ruamel.yaml: only to write api.yaml

        plan = apply_updates(project, checked.runs, checked.divergences, redact)
        for change in plan.changes:
            out.write(redact(f"updated {project.source.file}:{change.line}: "
                             f"{change.old!r} -> {change.new!r}") + "\n")
        for conflict in plan.conflicts:
            out.write(redact(f"not updated: {conflict}") + "\n")
        for refusal in plan.refusals:
            out.write(redact(f"refused: {refusal}") + "\n")
        if plan.changes:
            out.write(summary_line(results) + "\n")
            out.write(f"{len(plan.changes)} value(s) updated; checking again\n")
            return _Pass(EXIT_FAILURE, wrote_values=True)
    if rerecord:
        for path in write_recordings(stale, sandbox_identity()):
            out.write(f"recorded {path.relative_to(project.root)}\n")
    out.write(summary_line(results) + "\n")
    return _Pass(EXIT_FAILURE if failed else 0)


def _api_key(base_url: str) -> str:
    """One remote API, however its base URL was written."""
    return base_url.rstrip("/")


def _loaded(spec_path: Path, examples: tuple[str, ...]) -> Project:
    """The project, once every example id asked for is known to be one of its examples."""
    project = load_project(spec_path)
    unknown = sorted(set(examples) - {e.id for e in project.spec.examples})
    if unknown:
        raise GuidesError(f"{project.source.file} has no example "
                          f"{', '.join(map(repr, unknown))}; its examples are "
                          f"{', '.join(e.id for e in project.spec.examples)}")
    return project


def _remember_lockout(pause: NotBefore, base_url: str, checked: Checked, out: TextIO) -> None:
    """Whatever made the API throttle this machine, the next check waits as it asked."""
    exchanges = (e for made in checked.exchanges.values() for e in made)
    seconds, notes = retry_after_seconds(exchanges, time.time())
    for note in notes:
        out.write(note + "\n")
    if seconds:
        pause.remember(base_url, seconds)
        out.write(f"{base_url} throttles this machine for {seconds:.0f} s (Retry-After); "
                  "a check against it waits until then\n")


def _recorded(project: Project, checked: Checked, redact: Redactor) -> list[Recorded]:
    """Per example whose every language passed, the recording of its first one: a language
    that failed may have seen what the others did not, so nothing of it is recorded."""
    passed = {(result.example_id, result.language) for result in checked.results
              if result.passed}
    agreed = {run.example.id for run in checked.runs} - {
        run.example.id for run in checked.runs if (run.example.id, run.language) not in passed}
    chosen: dict[str, Recorded] = {}
    for run in checked.runs:
        exchanges = checked.exchanges[run]
        if exchanges and run.example.id not in chosen and run.example.id in agreed:
            chosen[run.example.id] = record(project, run.example,
                                            judged_exchange(run.example, exchanges), redact)
    return list(chosen.values())


def _stale_results(project: Project, stale: list[tuple[Recorded, str]]) -> list[Result]:
    return [Result(fresh.example.id, "recording", [Failure(
        f"{fresh.path.relative_to(project.root).as_posix()} is stale: {why}; "
        f"`guides check --update {fresh.example.id}` records what the API answers now")])
        for fresh, why in stale]


def _locked_out(why: str, spec_name: str, junit_xml: Path | None, out: TextIO) -> int:
    """A failure before any example ran: the API asked not to be called within the deadline."""
    results = [Result("Retry-After", None, [Failure(why)])]
    CheckConsole(out, Redactor([]), spec_name, interactive=False).result(results[0])
    if junit_xml is not None:
        write_junit(results, junit_xml, spec_name, Redactor([]))
    out.write(summary_line(results) + "\n")
    return EXIT_FAILURE
