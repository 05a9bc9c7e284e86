"""api.yaml as data that knows where every value is written; the YAML setup that rewrites it."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Problem, SpecError
from .reader import Loc, Position, ReadFailure, read_yaml

if TYPE_CHECKING:
    from ruamel.yaml import YAML

__all__ = ["Loc", "SourceDocument", "format_loc", "read_document", "rewriting_yaml"]


def format_loc(loc: Loc) -> str:
    """``('errors', 2, 'status')`` -> ``errors[2].status``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


@dataclass(frozen=True)
class SourceDocument:
    """The data of one file, able to say where any location in it is written."""

    file: str
    data: Any
    values: Mapping[Loc, Position] = field(default_factory=dict)
    """Where each value starts, by location."""
    keys: Mapping[Loc, Position] = field(default_factory=dict)
    """Where each mapping entry's key is written, by location."""
    digest: str = ""
    """SHA-256 of the file's bytes."""

    def position(self, loc: Loc, *, key: bool = False) -> tuple[int | None, int | None]:
        """1-based line and column of the value at `loc` (of its key with `key=True`).

        A location that does not exist (a missing field) resolves to the nearest
        enclosing node that does, which is where the editor has to add it.
        """
        if key and loc in self.keys:
            return self.keys[loc]
        for length in range(len(loc), -1, -1):
            found = self.values.get(loc[:length])
            if found is not None:
                return found
        return None, None

    def problem(self, loc: Loc, message: str, *, key: bool = False) -> Problem:
        line, column = self.position(loc, key=key)
        return Problem(self.file, message, line, column, format_loc(loc))


def rewriting_yaml() -> YAML:
    """The round-trip settings that rewrite api.yaml as it is written: comments, order,
    quoting, indentation and long lines kept, so only the changed values differ."""
    # Imported here: reading api.yaml (every validation and build) never needs the writer.
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def read_document(path: Path, display: str | None = None,
                  raw: bytes | None = None) -> SourceDocument:
    """Parse `path` (or `raw`, the bytes it would hold); any unreadable, non-UTF-8, malformed
    or empty file is a `SpecError`."""
    name = display or path.name
    try:
        raw = path.read_bytes() if raw is None else raw
    except OSError as err:
        raise SpecError([Problem(name, f"cannot read the file: {err.strerror}")]) from err
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        message = (f"the file is not UTF-8: byte {raw[err.start]:#04x} cannot be decoded; "
                   "save it as UTF-8")
        raise SpecError([Problem(name, message, line, column)]) from err
    try:
        read = read_yaml(text, name)
    except ReadFailure as err:
        raise SpecError(err.problems) from err
    if read.data is None:
        raise SpecError([Problem(name, "the file is empty; it must be a mapping of the sections "
                                       "site, pages, api, samples, auth_methods, headers, scopes, "
                                       "plans, errors, examples", 1, 1)])
    if not isinstance(read.data, dict):
        kind = "a list" if isinstance(read.data, list) else f"a single value {read.data!r}"
        raise SpecError([Problem(name, f"the top level must be a mapping of sections, not {kind}",
                                 1, 1)])
    return SourceDocument(name, read.data, read.values, read.keys,
                          hashlib.sha256(raw).hexdigest())
