"""The errors a user can cause, each knowing where it points and its exit status."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["EXIT_BAD_INPUT", "EXIT_FAILURE", "BuildError", "GuidesError", "Problem", "SpecError"]

EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2


class GuidesError(Exception):
    """Base of every error meant for a user: shown without a traceback."""

    exit_code = EXIT_BAD_INPUT


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a source file, with where an editor must look.

    `line` and `column` are 1-based; `None` when the position cannot be known.
    `path` is the dotted location inside the document, e.g. ``errors[2].status``.
    """

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    path: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: {self.message}"
        return f"{text} (at {self.path})" if self.path else text


class SpecError(GuidesError):
    """api.yaml (or a file it names) is invalid; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.column or 0))
        super().__init__("\n".join(str(p) for p in self.problems))


class BuildError(GuidesError):
    """The site generator itself failed; the previous site was left in place."""

    exit_code = EXIT_FAILURE
