"""Reporting a check: lines for people, JUnit XML for CI, annotations for GitHub."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from ...atomic import write_atomically
from ..reporting.redaction import Redactor

__all__ = ["Failure", "Redactor", "Result", "github_annotations", "summary_line", "write_junit"]

@dataclass(frozen=True)
class Failure:
    message: str
    snippet: str | None = None
    """``snippets/<id>/<file>:LINE`` where the reader of the report should look."""
    yaml_line: int | None = None
    """Line of api.yaml documenting the value."""

    def render(self, spec_name: str) -> str:
        where = [w for w in (self.snippet, f"{spec_name}:{self.yaml_line}"
                             if self.yaml_line else None) if w]
        return f"{' '.join(where)}: {self.message}" if where else self.message


@dataclass
class Result:
    """One example in one language (or a whole-docs finding, with language None)."""

    example_id: str
    language: str | None
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    cached: bool = False
    not_judged: str | None = None
    """Why it was not run (a credential the API did not confirm): neither passed nor failed."""

    @property
    def passed(self) -> bool:
        return not self.failures and self.not_judged is None

    @property
    def name(self) -> str:
        return f"{self.example_id} [{self.language}]" if self.language else self.example_id


def summary_line(results: list[Result]) -> str:
    passed = sum(r.passed for r in results)
    unjudged = sum(r.not_judged is not None for r in results)
    reused = sum(r.cached for r in results)
    return f"{passed} passed, {len(results) - passed - unjudged} failed" + (
        f", {unjudged} not judged" if unjudged else "") + (
        f" ({reused} verdicts reused from earlier runs)" if reused else "")


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
