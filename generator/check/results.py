"""What a check finds: a result per example and language, and its failures. Judging makes
them and reporting shows them."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Failure", "Result"]


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
