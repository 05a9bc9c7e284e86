"""`guides check --update`: write what the API answered back into api.yaml.

Only documented literals change (statuses, messages, header values, body values); matchers,
comments, key order and quoting are kept by a ruamel.yaml round trip, and the file is
replaced atomically.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.scalarstring import ScalarString

from ..atomic import write_atomically
from ..spec import Project
from ..spec.source import Loc, format_loc, rewriting_yaml
from .compare import Divergence
from .plan import Run

__all__ = ["Change", "apply_updates"]


@dataclass(frozen=True)
class Change:
    loc: Loc
    line: int | None
    old: Any
    new: Any


def apply_updates(project: Project, divergences: list[tuple[Run, Divergence]]
                  ) -> tuple[list[Change], list[str]]:
    """Apply every literal divergence the languages agree on; return changes and conflicts."""
    wanted: dict[Loc, set[str]] = {}
    values: dict[tuple[Loc, str], Any] = {}
    for _run, divergence in divergences:
        if divergence.literal:
            token = repr(divergence.new_value)
            wanted.setdefault(divergence.loc, set()).add(token)
            values[(divergence.loc, token)] = divergence.new_value
    conflicts = [f"{format_loc(loc)}: the languages disagree ({', '.join(sorted(tokens))})"
                 for loc, tokens in wanted.items() if len(tokens) > 1]
    spec_path = project.root / project.source.file
    yaml = rewriting_yaml()
    data = yaml.load(spec_path.read_text(encoding="utf-8"))
    changes = []
    for loc, tokens in wanted.items():
        if len(tokens) != 1:
            continue
        new = values[(loc, next(iter(tokens)))]
        parent = data
        for part in loc[:-1]:
            parent = parent[part]
        old = parent[loc[-1]]
        parent[loc[-1]] = type(old)(new) if isinstance(old, ScalarString) else new
        changes.append(Change(loc, project.source.position(loc)[0], old, new))
    if changes:
        buffer = io.StringIO()
        yaml.dump(data, buffer)
        write_atomically(spec_path, buffer.getvalue())
    return changes, conflicts
