"""The `guides check` command: options in, report out, exit status back."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TextIO

from ..errors import EXIT_FAILURE
from ..spec import load_project
from .console import CheckConsole
from .report import Redactor, github_annotations, summary_line, write_junit
from .runner import CheckOptions, run_check
from .update import apply_updates, refuse_in_ci

__all__ = ["check_docs"]


def check_docs(spec_path: Path, options: CheckOptions, *, update: bool,
               junit_xml: Path | None, out: TextIO) -> int:
    """0 when every example holds, 1 when one does not; bad input raises `GuidesError`."""
    if update:
        refuse_in_ci()
    project = load_project(spec_path)
    in_ci = os.environ.get("CI") == "true"
    interactive = out.isatty() and not in_ci
    redact = Redactor([])
    console = CheckConsole(out, redact, project.source.file, interactive=interactive)
    console.start(0)
    try:
        checked = run_check(project, options, on_result=console.result,
                            on_start=lambda total: None)
    finally:
        console.stop()
    redact = Redactor(checked.secrets)
    results = checked.results
    if junit_xml is not None:
        write_junit(results, junit_xml, project.source.file, redact)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        github_annotations(results, project.source.file, redact, out)
    failed = any(not result.passed for result in results)
    if update and failed:
        changes, conflicts = apply_updates(project, checked.divergences)
        for change in changes:
            out.write(redact(f"updated {project.source.file}:{change.line}: "
                             f"{change.old!r} -> {change.new!r}") + "\n")
        for conflict in conflicts:
            out.write(redact(f"not updated: {conflict}") + "\n")
        if changes:
            out.write(f"{len(changes)} value(s) updated; run guides check again to confirm\n")
    out.write(summary_line(results) + "\n")
    return EXIT_FAILURE if failed else 0
