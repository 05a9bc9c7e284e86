"""api.yaml to plain data and the position of every value, through libyaml's C parser.

ruamel.yaml's round-trip loader keeps positions too, but parses in pure Python: about 3 s
for a file of 1,000 codes. Here libyaml (PyYAML's C binding) produces the parse events and
this module builds the data from them, resolving plain scalars as YAML 1.2's core schema
does, as ruamel.yaml does. ruamel.yaml stays the writer (`--update`, the scaffold), for its
comment-keeping round trip; a parity test holds the two readers to the same answers.

The source of truth needs no YAML beyond plain data, so anchors, aliases, merge keys and
tags other than the matchers are refused, which also rules out alias bombs; nesting is
bounded, so no later step can recurse without end.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import yaml

from ..errors import Problem
from .matchers import matcher_from_tag

__all__ = ["MAX_DEPTH", "Loc", "Position", "Positions", "ReadFailure", "read_yaml"]

Loc = tuple[str | int, ...]
Position = tuple[int, int]
"""1-based line and column."""

#: Far deeper than api.yaml ever nests, far shallower than any recursion limit.
MAX_DEPTH = 64

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCTAL = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INFINITY = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")
#: The first characters of every value below other than a string: words start otherwise.
_NOT_A_STRING_START = frozenset("~nNtTfF0123456789+-.")
_CORE = "tag:yaml.org,2002:"
_STRING_TAGS = {"!", f"{_CORE}str"}


class ReadFailure(Exception):
    """The document cannot be read; carries what is wrong, where."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


class Mark(Protocol):
    """Where the parser saw an event: 0-based line and column."""

    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...


class Positions(Mapping[Loc, Position]):
    """Where each location is written, kept as the parser's marks: a file of 1,000 codes has
    some 35,000 keys and values, and a problem asks for a handful of their positions."""

    def __init__(self) -> None:
        self.marks: dict[Loc, Mark | None] = {}

    def __getitem__(self, loc: Loc) -> Position:
        mark = self.marks[loc]
        assert mark is not None  # the parser marks every event it reports
        return mark.line + 1, mark.column + 1

    def __iter__(self) -> Iterator[Loc]:
        return iter(self.marks)

    def __len__(self) -> int:
        return len(self.marks)


@dataclass
class Read:
    data: Any
    values: Positions = field(default_factory=Positions)
    """Where each value starts (a mapping or sequence: where its first entry starts)."""
    keys: Positions = field(default_factory=Positions)
    """Where the key of each mapping entry is written."""


@dataclass(slots=True)
class _Open:
    """A mapping or sequence being filled, and where it sits in the document."""

    loc: Loc
    mapping: dict[Any, Any] | None = None
    sequence: list[Any] | None = None
    key: Any = None
    key_mark: Mark | None = None
    expecting_key: bool = False
    """For a mapping: whether the next value is a key (a sequence never expects one)."""


def read_yaml(text: str, name: str) -> Read:
    """Parse `text` (the file `name`); raise `ReadFailure` on anything api.yaml must not hold."""
    read = Read(None)
    value_marks, key_marks = read.values.marks, read.keys.marks
    problems: list[Problem] = []
    stack: list[_Open] = []
    # The innermost open mapping or sequence (the last of `stack`), None at the top level.
    parent: _Open | None = None
    documents = 0
    # The loader driven directly, one call an event (it answers None after the last), without
    # a generator between, and the common steps written out in the loop rather than called:
    # the parse is the larger part of validating a file of thousands of codes.
    loader = yaml.CSafeLoader(text)
    try:
        while (event := loader.get_event()) is not None:
            if isinstance(event, yaml.ScalarEvent):
                # The usual scalar, untagged and plain, resolved here without a call.
                value = _scalar(event, name, problems) if event.tag is not None or event.style \
                    else resolve_plain(event.value)
            elif isinstance(event, yaml.CollectionStartEvent):
                if event.tag is not None and event.tag not in {f"{_CORE}map", f"{_CORE}seq"}:
                    raise ReadFailure([_at(name, event, f"the tag {_shown_tag(event.tag)} is "
                                                        "not allowed; api.yaml holds plain "
                                                        "values")])
                value = {} if isinstance(event, yaml.MappingStartEvent) else []
            elif isinstance(event, yaml.CollectionEndEvent):
                stack.pop()
                parent = stack[-1] if stack else None
                continue
            elif isinstance(event, yaml.AliasEvent):
                raise ReadFailure([_at(name, event, f"alias *{event.anchor} is not allowed; "
                                                    "write the value out where it is used")])
            else:
                if isinstance(event, yaml.DocumentStartEvent):
                    documents += 1
                    if documents > 1:
                        raise ReadFailure([_at(name, event, "the file holds more than one "
                                                            "YAML document; remove the "
                                                            "second '---'")])
                continue
            if event.anchor is not None:
                raise ReadFailure([_at(name, event, f"anchor &{event.anchor} is not allowed; "
                                                    "write each value out where it is used")])
            if parent is None:
                read.data = value
                loc: Loc = ()
            elif parent.expecting_key:
                _check_key(parent, value, event, name)
                parent.key, parent.key_mark = value, event.start_mark
                parent.expecting_key = False
                continue
            elif parent.mapping is not None:
                parent.mapping[parent.key] = value
                loc = (*parent.loc, parent.key)
                key_marks[loc] = parent.key_mark
                parent.expecting_key = True
            else:
                assert parent.sequence is not None
                loc = (*parent.loc, len(parent.sequence))
                parent.sequence.append(value)
            value_marks[loc] = event.start_mark
            if isinstance(value, dict | list):
                if len(stack) >= MAX_DEPTH:
                    raise ReadFailure([_at(name, event, f"values are nested more than "
                                                        f"{MAX_DEPTH} levels deep")])
                parent = _Open(loc, mapping=value, expecting_key=True) \
                    if isinstance(value, dict) else _Open(loc, sequence=value)
                stack.append(parent)
    except yaml.MarkedYAMLError as err:
        raise ReadFailure([_syntax_problem(name, err)]) from err
    except yaml.YAMLError as err:
        raise ReadFailure([Problem(name, f"invalid YAML: {err}")]) from err
    finally:
        loader.dispose()
    if problems:
        raise ReadFailure(problems)
    return read


def _check_key(parent: _Open, key: Any, event: yaml.NodeEvent, name: str) -> None:
    """Refuse a key api.yaml may not hold: a collection, a merge key, a duplicate."""
    if isinstance(key, dict | list):
        raise ReadFailure([_at(name, event, "a mapping key must be a plain value")])
    if key == "<<" and isinstance(event, yaml.ScalarEvent) and _plain(event):
        raise ReadFailure([_at(name, event, "merge keys (<<) are not allowed; write each "
                                            "field out where it is used")])
    if parent.mapping is not None and key in parent.mapping:
        raise ReadFailure([_at(name, event, f"invalid YAML: found duplicate key {key!r}; "
                                            "each key may appear once in a mapping")])


def _scalar(event: yaml.ScalarEvent, name: str, problems: list[Problem]) -> Any:
    """A scalar written with a tag, in quotes or as a block: its text, or the matcher its
    tag names (plain untagged scalars are resolved by `resolve_plain`)."""
    text = event.value
    if event.tag is None or event.tag in _STRING_TAGS:
        return text
    if event.tag.startswith(_CORE):
        problems.append(_at(name, event, f"the tag {_shown_tag(event.tag)} is not allowed; "
                                         "api.yaml holds plain values"))
        return text
    try:
        return matcher_from_tag(event.tag, text)
    except ValueError as err:
        problems.append(_at(name, event, str(err)))
        return text


def _plain(event: yaml.ScalarEvent) -> bool:
    """Written without quotes or block indicators (libyaml's C parser calls that style '')."""
    return not event.style


def resolve_plain(text: str) -> Any:
    """A plain scalar's value under YAML 1.2's core schema."""
    if text and text[0] not in _NOT_A_STRING_START:
        return text
    if _NULL.match(text):
        return None
    if _TRUE.match(text):
        return True
    if _FALSE.match(text):
        return False
    if _INT.match(text):
        return int(text)
    if _OCTAL.match(text):
        return int(text[2:], 8)
    if _HEX.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
    if _INFINITY.match(text):
        return -math.inf if text.startswith("-") else math.inf
    if _NAN.match(text):
        return math.nan
    return text


def _shown_tag(tag: str) -> str:
    """A tag as it is written: ``!!python/object`` rather than its full name."""
    return "!!" + tag.removeprefix(_CORE) if tag.startswith(_CORE) else tag


def _at(name: str, event: yaml.Event, message: str) -> Problem:
    mark = event.start_mark
    assert mark is not None  # the parser marks every event it reports
    return Problem(name, message, mark.line + 1, mark.column + 1)


def _syntax_problem(name: str, err: yaml.MarkedYAMLError) -> Problem:
    mark = err.problem_mark or err.context_mark
    problem = (err.problem or "invalid YAML").strip()
    if "tab" in problem or "\\t" in problem:
        problem += "; YAML indentation must use spaces, not tabs"
    if err.context and "duplicate" not in problem:
        problem = f"{err.context.strip()}: {problem}"
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
    return Problem(name, f"invalid YAML: {problem}", line, column)
