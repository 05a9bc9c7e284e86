"""The progress a check shows on a terminal: runs as they end, not verdicts at the end."""

from __future__ import annotations

import io

from generator.check.guarding.redaction import Redactor
from generator.check.reporting.console import CheckConsole
from generator.check.results import Failure, Result


def _completed(console: CheckConsole) -> float:
    progress = console._progress  # this module's own console: what its bar shows
    assert progress is not None
    [task] = progress.tasks
    return task.completed


def test_the_bar_counts_runs_as_they_end_and_verdicts_move_it_no_further() -> None:
    out = io.StringIO()
    console = CheckConsole(out, Redactor(["lfk_sk_secret"]), "api.yaml", interactive=True)
    console.start(3)
    console.ran(1)  # a cached run, at once
    console.ran(1)
    assert _completed(console) == 2
    console.result(Result("revoked-token", "curl"))
    console.result(Result("invalid-token", "node", [Failure("sent lfk_sk_secret")]))
    assert _completed(console) == 2
    console.stop()
    # On a terminal a pass is the bar's; a failure is printed, redacted.
    assert "revoked-token" not in out.getvalue()
    assert "FAIL invalid-token [node]" in out.getvalue()
    assert "lfk_sk_secret" not in out.getvalue()


def test_without_a_terminal_every_verdict_is_a_line() -> None:
    out = io.StringIO()
    console = CheckConsole(out, Redactor([]), "api.yaml", interactive=False)
    console.start(1)
    console.ran(1)
    console.result(Result("revoked-token", "curl", cached=True))
    console.stop()
    assert out.getvalue() == "ok   revoked-token [curl] (cached)\n"
