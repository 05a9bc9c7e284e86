"""Two loaded projects in, the classified changes of their contract out: the pure core of
``guides diff``."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Project
from ..model.models import Change, Spec
from .affected import affected_examples, subjects
from .classify import Kind, classify, describe
from .walk import Difference, differences

__all__ = ["Comparison", "ContractChange", "compare"]


@dataclass(frozen=True)
class ContractChange:
    """One change of the contract, as ``guides diff`` reports it."""

    kind: Kind
    section: str
    """The top-level section of api.yaml it is in, e.g. ``errors``."""
    what: str
    """In words, e.g. ``code INVALID_TOKEN: status changed from 401 to 400``."""
    note: str
    """Why it is of its kind, when the words do not say it; may be empty."""
    line: int | None
    """Its line in HEAD's api.yaml, or in BASE's for what HEAD no longer has."""
    in_base: bool
    """Whether `line` is BASE's."""
    subjects: frozenset[str]
    """The codes, paths and sections a ``changes:`` entry may name to announce it."""
    examples: tuple[str, ...]
    """The examples whose documented exchange it changes."""
    announced_by: Change | None
    """The new ``changes:`` entry naming it, if any."""
    anchor: str | None
    """``page/#anchor`` where the pages show what changed, relative to the site."""

    @property
    def unannounced(self) -> bool:
        return self.kind == "breaking" and self.announced_by is None


@dataclass(frozen=True)
class Comparison:
    changes: list[ContractChange]
    unused: list[Change]
    """New ``changes:`` entries that name nothing that changed."""

    @property
    def unannounced(self) -> list[ContractChange]:
        return [change for change in self.changes if change.unannounced]


def compare(base: Project, head: Project) -> Comparison:
    """Every change from `base` to `head`, classified; breaking ones held to HEAD's new
    ``changes:`` entries."""
    fresh = [c for c in head.spec.changes if c not in base.spec.changes]
    used: set[int] = set()
    found = []
    for difference in differences(base.spec, head.spec):
        if difference.path[0] == "changes":
            continue  # the announcements themselves, listed on the Changelog
        kind, note = classify(difference)
        names = subjects(difference, base.spec, head.spec)
        entry = next((c for c in fresh if c.named & names), None)
        if entry is not None:
            used.add(fresh.index(entry))
        in_base = difference.head is None
        where = base if in_base else head
        loc = difference.base if in_base else difference.head
        # A mapping's key line is where an editor looks for it.
        line = where.source.position(loc or (), key=True)[0]
        found.append(ContractChange(
            kind, difference.path[0], describe(difference), note, line, in_base, names,
            tuple(affected_examples(difference, base.spec, head.spec)), entry,
            _anchor(difference, where.spec)))
    unused = [c for index, c in enumerate(fresh) if index not in used]
    return Comparison(found, unused)


def _anchor(d: Difference, spec: Spec) -> str | None:
    """Where the pages show it: a code's catalog entry, an endpoint, an example."""
    key = d.keys[0] if d.keys else ""
    section = d.path[0]
    if section == "errors" and key:
        return f"error-catalog/#{key.lower()}"
    if section == "endpoints" and key:
        endpoint = next((e for e in spec.endpoints if f"{e.method} {e.path}" == key), None)
        return f"endpoints/#{endpoint.id}" if endpoint else None
    if section == "objects" and key:
        return f"endpoints/#{key}"
    if section == "examples" and key:
        example = next((e for e in spec.examples if e.id == key), None)
        if example is None:
            return None
        if example.response.error:
            return f"error-catalog/#example-{key}"
        page = "endpoints" if key in spec.endpoint_examples else "api-authentication"
        return f"{page}/#example-{key}"
    if section in ("headers", "auth_methods", "scopes"):
        return "api-authentication/"
    if section == "plans":
        return "billing-plans-comparison/"
    if section == "paging" or section == "field_values":
        return "endpoints/"
    return None
