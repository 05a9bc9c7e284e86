"""Reporting a check: lines for people, JUnit XML for CI, annotations for GitHub."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import TextIO

from ...atomic import write_atomically
from ..guarding.redaction import Redactor
from ..results import Result

__all__ = ["github_annotations", "summary_line", "write_junit"]

def summary_line(results: list[Result]) -> str:
    passed = sum(r.passed for r in results)
    unjudged = sum(r.not_judged is not None for r in results)
    reused = sum(r.cached for r in results)
    return f"{passed} passed, {len(results) - passed - unjudged} failed" + (
        f", {unjudged} not judged" if unjudged else "") + (
        f" ({reused} run{'' if reused == 1 else 's'} reused from earlier checks)" if reused else "")


def write_junit(results: list[Result], path: Path, spec_name: str,
                redact: Redactor) -> None:
    suite = ElementTree.Element("testsuite", name="guides check", tests=str(len(results)),
                                failures=str(sum(bool(r.failures) for r in results)),
                                skipped=str(sum(r.not_judged is not None for r in results)))
    for result in results:
        case = ElementTree.SubElement(suite, "testcase", classname=result.example_id,
                                      name=result.language or "docs",
                                      time=f"{result.seconds:.3f}")
        if result.not_judged is not None:
            ElementTree.SubElement(case, "skipped", message=redact(result.not_judged))
        for failure in result.failures:
            text = redact(failure.render(spec_name))
            ElementTree.SubElement(case, "failure", message=text.splitlines()[0]).text = text
    write_atomically(path, ElementTree.tostring(suite, encoding="unicode") + "\n")


def github_annotations(results: list[Result], spec_name: str, redact: Redactor,
                       out: TextIO) -> None:
    """``::error file=…,line=…::`` on the api.yaml line, so the diff view shows it."""
    for result in results:
        for failure in result.failures:
            message = redact(f"{result.name}: {failure.message}")
            message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            line = f",line={failure.yaml_line}" if failure.yaml_line else ""
            out.write(f"::error file={spec_name}{line},title=guides check::{message}\n")
