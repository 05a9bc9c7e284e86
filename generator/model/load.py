"""From api.yaml on disk to a validated `Project`: the Spec, its sources and its snippets."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from ..errors import Problem, SpecError
from ..languages import LANGUAGES
from ..paths import SNIPPETS_DIR
from .changes import change_problems
from .consistency import check_consistency, example_id_problem
from .foreign_files import foreign_files
from .lint import editorial_problems, placeholder_problem
from .models import Example, Spec, Threshold, credential_variable
from .outside_reads import outside_reads
from .prose import prose_problems
from .recordings import read_recordings
from .sample_rules import sample_problems
from .source import SourceDocument, read_document

__all__ = ["Project", "Snippet", "load_project"]

#: How a sample names its attempt budget: `max_attempts=61`, `max_attempts = 61`,
#: `const maxAttempts = 61`.
_BUDGET = re.compile(r"\bmax_?attempts\s*=\s*(\d+)", re.IGNORECASE)
#: A sample calling plain HTTP writes the scheme as code: `"http://"` or `"http://${…}"`.
_PLAIN_HTTP = re.compile(r"""["']http://(?:["']|\$\{)""")


@dataclass(frozen=True)
class Snippet:
    """One code sample file, shown verbatim."""

    path: str
    """Path relative to the project root, e.g. ``snippets/invalid-token/curl.sh``."""
    text: str


@dataclass(frozen=True)
class Project:
    """A validated api.yaml together with everything needed to render and locate it."""

    root: Path
    spec: Spec
    source: SourceDocument
    digest: str
    """SHA-256 of api.yaml's bytes: the content version pages are built from."""
    snippets: Mapping[str, Mapping[str, Snippet]] = field(default_factory=dict)
    """Example id -> language -> file."""
    recordings: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """Example id -> what `guides check` last saw its samples exchange (concrete values)."""


def load_project(spec_path: Path, raw: bytes | None = None) -> Project:
    """Load and validate `spec_path` and the snippets it names; raise `SpecError` if invalid.

    With `raw`, validate those bytes as if they were `spec_path`'s: what a writer is about to
    put there.
    """
    return _load(spec_path.resolve(), raw, given=spec_path)


def _load(spec_path: Path, raw: bytes | None, given: Path) -> Project:
    root = spec_path.parent
    # api.yaml and every snippet are published: each must be the repository's own file,
    # found before any of them is read.
    home = given.absolute().parent
    foreign = foreign_files(home, [given.absolute(), root / SNIPPETS_DIR])
    if foreign:
        raise SpecError(foreign)
    source = read_document(spec_path, raw=raw)
    try:
        spec = Spec.model_validate(source.data)
    except ValidationError as err:
        raise SpecError(_problem(source, e) for e in err.errors()) from err
    problems = [*check_consistency(spec, source), *editorial_problems(spec, source),
                *prose_problems(source), *change_problems(spec, source)]
    snippets = _read_snippets(spec, source, root, problems)
    # An id that cannot name a folder is reported once, by the consistency check.
    recordings = read_recordings(
        root, [e.id for e in spec.examples if example_id_problem(e.id) is None], problems)
    if problems:
        raise SpecError(problems)
    return Project(root, spec, source, source.digest, snippets, recordings)


#: Field -> what its pattern asks for, in words.
_PATTERN_ADVICE = {
    "code": "error codes are UPPER_SNAKE_CASE, e.g. INVALID_TOKEN",
    "docs": "docs links use https and point into the guides site, "
            "e.g. https://trustleads.ai/guides/error-catalog#invalid_token",
    "id": "ids are lower-case words joined by - or _, e.g. invalid-token",
}


def _problem(source: SourceDocument, error: ErrorDetails) -> Problem:
    loc = tuple(error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        return source.problem(loc, f"unknown field {loc[-1]!r}; check its spelling", key=True)
    if kind == "missing":
        return source.problem(loc, f"missing required field {loc[-1]!r}")
    if kind == "string_pattern_mismatch" and loc[-1] in _PATTERN_ADVICE:
        return source.problem(loc, f"{_PATTERN_ADVICE[loc[-1]]}: got {error.get('input')!r}")
    message = error["msg"].removeprefix("Value error, ")
    value = error.get("input")
    if not isinstance(value, dict | list):
        message = f"{message}: got {value!r}"
    return source.problem(loc, message)


def _read_snippets(
    spec: Spec, source: SourceDocument, root: Path, problems: list[Problem]
) -> dict[str, dict[str, Snippet]]:
    found: dict[str, dict[str, Snippet]] = {}
    for index, example in enumerate(spec.examples):
        if example_id_problem(example.id) is not None:
            continue
        files: dict[str, Snippet] = {}
        for language, spec_language in LANGUAGES.items():
            relative = f"{SNIPPETS_DIR}/{example.id}/{spec_language.filename}"
            loc = ("examples", index, "id")
            try:
                text = (root / relative).read_text(encoding="utf-8")
            except FileNotFoundError:
                problems.append(source.problem(
                    loc, f"example {example.id!r} names a missing snippet: create {relative}"))
                continue
            except (OSError, UnicodeDecodeError) as err:
                problems.append(source.problem(loc, f"cannot read snippet {relative}: {err}"))
                continue
            problems.extend(
                source.problem(loc, f"snippet {relative}: {finding}")
                for finding in _snippet_findings(spec, example, text)
            )
            request = example.request
            problems.extend(sample_problems(
                spec.samples, language, relative, text,
                sends_credential=request.credential is not None
                or request.conflicting_header is not None))
            if spec_language.runs_itself and not os.access(root / relative, os.X_OK):
                problems.append(source.problem(
                    loc, f"snippet {relative} is run as {spec_language.command[0]}, as the "
                    f"pages tell readers, but is not executable: chmod +x {relative}"))
            problems.extend(
                source.problem(loc, f"snippet {relative}:{line}: {what}; keep what it reads "
                               "beside it, in its folder")
                for line, what in outside_reads(text, spec_language.filename)
            )
            files[language] = Snippet(relative, text)
        found[example.id] = files
    return found


def _snippet_findings(spec: Spec, example: Example, text: str) -> list[str]:
    """Snippets take their inputs from the declared variables and default to the real API,
    and open with a comment saying what they do."""
    samples = spec.samples
    request = example.request
    credential = request.credential
    findings = []
    comment = _opening_comment(text)
    problem = placeholder_problem(comment, example.id) if comment else None
    if problem:
        findings.append(f"its opening comment: {problem}")
    if samples.base_url_variable not in text:
        findings.append(f"does not read the base URL from ${samples.base_url_variable}")
    default_url = spec.api.base_url.rstrip("/")
    if default_url not in text:
        findings.append(f"does not default to the documented base URL {default_url!r}")
    # The reader sets the base URL the pages show, https; the sample puts http:// in front.
    if request.transport == "http" and not _PLAIN_HTTP.search(text):
        findings.append("does not call plain HTTP: put http:// in front of the base URL's "
                        "address, whichever scheme the variable holds")
    if credential is not None:
        variable = credential_variable(samples, credential)
        if variable == samples.key_variable and spec.api.key_example not in text:
            findings.append(f"does not fall back to the placeholder key "
                            f"{spec.api.key_example!r} when ${variable} is unset; a reader "
                            "who pastes it would send an empty key")
        if variable not in text:
            findings.append(f"does not read its credential from ${variable}")
    if request.reads_job_id and samples.job_id_variable \
            and samples.job_id_variable not in text:
        findings.append(f"does not read the job id from ${samples.job_id_variable}")
    if request.conflicting_header is not None and samples.other_key_variable not in text:
        findings.append(f"does not read the second key from ${samples.other_key_variable}")
    threshold = spec.threshold(example)
    if threshold is not None:
        findings += _budget_findings(text, threshold)
    if f"{spec.api.key_prefix}sk_" in text.replace(spec.api.key_example, ""):
        findings.append("contains a literal API key; read it from the environment instead")
    return findings


def _budget_findings(text: str, threshold: Threshold) -> list[str]:
    """A sample that trips a documented limit names how often it tries, and tries enough."""
    found = _BUDGET.search(text)
    wanted = (f"the documented threshold ({threshold.attempts} attempts within "
              f"{threshold.seconds} seconds) twice, and one more, as a lock-out can end "
              f"before the next try: {threshold.budget}")
    if found is None:
        return [f"does not name its attempt budget; write it as `max_attempts = "
                f"{threshold.budget}` ({wanted})"]
    if int(found[1]) < threshold.budget:
        line = text.count("\n", 0, found.start()) + 1
        return [f"line {line}: {found[0]!r} gives up before the API throttles; try at least "
                f"{wanted}"]
    return []


def _opening_comment(text: str) -> str | None:
    """The first comment or docstring line of a sample: ``# …``, ``// …`` or ``\"\"\"…\"\"\"``."""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#!") or stripped == "<?php":
            continue
        for opening in ('"""', "#", "//"):
            if stripped.startswith(opening):
                return stripped.removeprefix(opening).removesuffix('"""').strip()
        return None
    return None
