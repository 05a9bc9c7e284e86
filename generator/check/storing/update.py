"""`guides check --update`: write what the API answered back into api.yaml.

Only documented literals change (statuses, messages, header values, body values); matchers,
comments, key order and quoting are kept by a ruamel.yaml round trip, and the file is
replaced atomically. An update never makes api.yaml worse: it refuses (and writes nothing)
when the API's answer contradicts the kind of example, holds a credential (in any form
the redactor knows, or a long run of an encoding alphabet api.yaml does not document, which
could be hiding one) or holds text a page would not show as that text (markup), and it never
writes a file that fails validation. A catalog entry
changes only when every example of its code answers alike.
"""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.scalarstring import ScalarString

from ...atomic import write_atomically
from ...errors import SpecError
from ...model import Project, load_project
from ...model.prose import is_plain
from ...model.source import Loc, format_loc, rewriting_yaml
from ..guarding.opaque import OPAQUE_RUN, Documented, field_of, opaque_runs, shown
from ..guarding.redaction import Redactor
from ..judging.compare import Divergence
from ..plan import Run

__all__ = ["Change", "UpdatePlan", "apply_updates"]


@dataclass(frozen=True)
class Change:
    loc: Loc
    line: int | None
    old: Any
    new: Any


@dataclass
class UpdatePlan:
    changes: list[Change] = field(default_factory=list)
    """What was written (nothing when there are refusals)."""
    conflicts: list[str] = field(default_factory=list)
    """Values left as they are, and why; the rest is still written."""
    refusals: list[str] = field(default_factory=list)
    """Why nothing was written: the answer contradicts the docs in a way only an editor
    can settle."""


_CREDENTIAL = ("which holds a credential. --update never writes a credential into api.yaml, "
               "in any encoding: the pages publish it; fix what the API echoes, or edit the "
               "value by hand")
_OPAQUE = (f"which holds a run of {OPAQUE_RUN} or more characters of an encoding alphabet that "
           "api.yaml does not document: it could be hiding a credential, so --update writes "
           "nothing; if the answer is right, an editor writes it into api.yaml by hand")
_MARKUP = ("which a page would not show as that text (a code span, link, HTML, attribute list "
           "or control character). --update writes data, never markup, so nothing was "
           "written: if the answer is right, an editor writes it into api.yaml by hand")


def apply_updates(project: Project, runs: list[Run],
                  divergences: list[tuple[Run, Divergence]],
                  redact: Redactor | None = None) -> UpdatePlan:
    """Write every literal divergence the runs agree on, unless one must be refused.
    `redact` knows the credentials the API was called with (without it: the key-shaped)."""
    redact = redact or Redactor([], project.spec.api.key_prefix)
    known = Documented(project.spec)
    # One line per example and answer, whichever languages gave it.
    refusals = dict.fromkeys(_contradiction(project, run, d, redact, known)
                             for run, d in divergences if _contradicts(run, d))
    refusals |= dict.fromkeys(_refused(project, run, d, redact, known, _CREDENTIAL)
                              for run, d in divergences
                              if d.literal and redact.data(d.new_value) != d.new_value)
    refusals |= dict.fromkeys(_refused(project, run, d, redact, known, _OPAQUE)
                              for run, d in divergences
                              if d.literal and opaque_runs(d.new_value, d.expected, known,
                                                           field_of(d.what)))
    refusals |= dict.fromkeys(_refused(project, run, d, redact, known, _MARKUP)
                              for run, d in divergences
                              if d.literal and not _is_data(d.new_value))
    plan = UpdatePlan(refusals=list(refusals))
    if plan.refusals:
        return plan
    wanted = _agreed_values(project, runs, divergences, plan.conflicts)
    if not wanted:
        return plan
    spec_path = project.root / project.source.file
    yaml = rewriting_yaml()
    data = yaml.load(spec_path.read_text(encoding="utf-8"))
    changes = []
    for loc, new in wanted.items():
        parent = data
        for part in loc[:-1]:
            parent = parent[part]
        old = parent[loc[-1]]
        parent[loc[-1]] = type(old)(new) if isinstance(old, ScalarString) else new
        changes.append(Change(loc, project.source.position(loc)[0], old, new))
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    text = buffer.getvalue()
    try:
        load_project(spec_path, raw=text.encode("utf-8"))
    except SpecError as err:
        plan.refusals.append("what the API answered would make api.yaml invalid, so nothing "
                             f"was written:\n{err}")
        return plan
    write_atomically(spec_path, text)
    plan.changes = changes
    return plan


def _refused(project: Project, run: Run, divergence: Divergence, redact: Redactor,
             known: Documented, why: str) -> str:
    """Why an answer's value is not written, showing the value as the redactor lets it out."""
    line = project.source.position(divergence.loc)[0]
    answered = shown(redact(repr(divergence.new_value)), divergence.new_value,
                     divergence.expected, known, field_of(divergence.what))
    return (f"{run.example.id}: {divergence.what} ({project.source.file}:{line}): the API "
            f"answered {answered[:200]}, {why}")


def _contradicts(run: Run, divergence: Divergence) -> bool:
    """An answer of another kind than the example documents: an error for a success, a
    success for an error, or another error code."""
    if divergence.what == "status":
        return _is_error(divergence.expected) != _is_error(divergence.actual)
    return run.example.response.error is not None and divergence.what == "body $.error"


def _is_error(status: Any) -> bool:
    return isinstance(status, int) and status >= 400


def _contradiction(project: Project, run: Run, divergence: Divergence,
                   redact: Redactor, known: Documented) -> str:
    response = run.example.response
    documented = (f"error {response.error}" if response.error
                  else f"status {divergence.expected}")
    answered = shown(redact(f"error {divergence.actual}" if divergence.what == "body $.error"
                            else f"status {divergence.actual}"),
                     divergence.actual, divergence.expected, known, field_of(divergence.what))
    line = project.source.position(("examples", run.index, "response"))[0]
    return (f"{run.example.id}: {project.source.file}:{line} documents {documented}, but the "
            f"API answered {answered}. --update never turns an error into a success (or "
            "back) nor changes an example's code: fix the request the snippets make, or, for "
            "a new code, teach the sandbox first (see Editing the guides)")


def _is_data(value: Any) -> bool:
    """Whether every text in `value` shows on a page as exactly that text."""
    if isinstance(value, str):
        return is_plain(value)
    if isinstance(value, dict):
        return all(_is_data(key) and _is_data(item) for key, item in value.items())
    if isinstance(value, list):
        return all(_is_data(item) for item in value)
    return True


def _agreed_values(project: Project, runs: list[Run],
                   divergences: list[tuple[Run, Divergence]],
                   conflicts: list[str]) -> dict[Loc, Any]:
    """Per location, the one new value every run that documents it agrees on."""
    values: dict[Loc, dict[str, Any]] = defaultdict(dict)
    diverged: dict[Loc, set[Run]] = defaultdict(set)
    for run, divergence in divergences:
        if divergence.literal:
            values[divergence.loc][repr(divergence.new_value)] = divergence.new_value
            diverged[divergence.loc].add(run)
    wanted = {}
    for loc, tokens in values.items():
        if len(tokens) > 1:
            conflicts.append(f"{format_loc(loc)}: the runs disagree "
                             f"({', '.join(sorted(tokens))})")
            continue
        if loc[0] == "errors" and not _whole_code_agrees(project, runs, loc, diverged[loc],
                                                         conflicts):
            continue
        wanted[loc] = next(iter(tokens.values()))
    return wanted


def _whole_code_agrees(project: Project, runs: list[Run], loc: Loc, diverged: set[Run],
                       conflicts: list[str]) -> bool:
    """A catalog entry speaks for every example of its code: all of them must have run and
    answered the new value."""
    code = project.spec.errors[int(loc[1])].code
    examples = {e.id for e in project.spec.examples if e.response.error == code}
    ran = {run for run in runs if run.example.response.error == code}
    if {run.example.id for run in ran} != examples:
        conflicts.append(f"{format_loc(loc)}: not every example of {code} ran; run "
                         "`guides check --update` without naming examples to change the "
                         "catalog entry")
        return False
    if ran != diverged:
        same = sorted(run.name for run in ran - diverged)
        conflicts.append(f"{format_loc(loc)}: {', '.join(same)} still answer what {code} "
                         "documents; one example's answer does not change the catalog entry")
        return False
    return True
