"""What `guides check` shows while it runs: a progress bar on a terminal, plain lines in CI."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console as RichConsole
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from ..guarding.redaction import Redactor
from ..results import Result

__all__ = ["CheckConsole"]


class CheckConsole:
    def __init__(self, out: TextIO, redact: Redactor, spec_name: str, *,
                 interactive: bool) -> None:
        self._out = out
        self._redact = redact
        self._spec_name = spec_name
        self._progress: Progress | None = None
        if interactive:
            self._progress = Progress(
                TextColumn("checking snippets"), BarColumn(), MofNCompleteColumn(),
                TimeElapsedColumn(), console=RichConsole(file=out), transient=True)
        self._task: TaskID | None = None

    def start(self, total: int) -> None:
        if self._progress is not None:
            self._progress.start()
            self._task = self._progress.add_task("check", total=total)

    def ran(self, count: int) -> None:
        """`count` more runs have ended (from the runs' threads: rich's progress locks)."""
        if self._progress is not None and self._task is not None and count:
            self._progress.advance(self._task, count)

    def result(self, result: Result) -> None:
        if result.passed and self._progress is not None:
            return
        if result.not_judged is not None:
            self._print(f"not judged {result.name}: {result.not_judged}")
            return
        status = "ok  " if result.passed else "FAIL"
        origin = " (cached)" if result.cached else ""
        lines = [f"{status} {result.name}{origin}"]
        lines += [f"     {failure.render(self._spec_name)}" for failure in result.failures]
        self._print("\n".join(lines))

    def stop(self) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.stop()

    def _print(self, text: str) -> None:
        text = self._redact(text)
        if self._progress is not None:
            self._progress.console.print(text, markup=False, highlight=False)
        else:
            self._out.write(text + "\n")
            self._out.flush()
