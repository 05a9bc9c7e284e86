"""Reading api.yaml with ruamel.yaml so that every value keeps its file position."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from ..errors import Problem, SpecError
from .matchers import matcher_from_tag

Loc = tuple[str | int, ...]


def format_loc(loc: Loc) -> str:
    """``('errors', 2, 'status')`` -> ``errors[2].status``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


@dataclass(frozen=True)
class SourceDocument:
    """The parsed YAML tree of one file, able to say where any location in it is."""

    file: str
    data: Any

    def position(self, loc: Loc, *, key: bool = False) -> tuple[int | None, int | None]:
        """1-based line and column of the value at `loc` (of its key with `key=True`).

        A location that does not exist (a missing field) resolves to the nearest
        enclosing node that does, which is where the editor has to add it.
        """
        node = self.data
        line, column = (_start(node) if _has_position(node) else (None, None))
        for index, part in enumerate(loc):
            last = index == len(loc) - 1
            if isinstance(node, CommentedMap) and part in node:
                where = node.lc.key(part) if (key and last) else node.lc.value(part)
                line, column = where[0] + 1, where[1] + 1
                node = node[part]
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
                where = node.lc.item(part)
                line, column = where[0] + 1, where[1] + 1
                node = node[part]
            else:
                break
        return line, column

    def problem(self, loc: Loc, message: str, *, key: bool = False) -> Problem:
        line, column = self.position(loc, key=key)
        return Problem(self.file, message, line, column, format_loc(loc))


def _has_position(node: Any) -> bool:
    return isinstance(node, CommentedMap | CommentedSeq)


def _start(node: CommentedMap | CommentedSeq) -> tuple[int, int]:
    return node.lc.line + 1, node.lc.col + 1


def rewriting_yaml() -> YAML:
    """The round-trip settings that rewrite api.yaml as it is written: comments, order,
    quoting, indentation and long lines kept, so only the changed values differ."""
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
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        data = yaml.load(text)
    except MarkedYAMLError as err:
        raise SpecError([_yaml_problem(name, err)]) from err
    except YAMLError as err:
        raise SpecError([Problem(name, f"invalid YAML: {err}")]) from err
    if data is None:
        raise SpecError([Problem(name, "the file is empty; it must be a mapping of the sections "
                                       "site, pages, api, samples, auth_methods, headers, scopes, "
                                       "plans, errors, examples", 1, 1)])
    problems: list[Problem] = []
    _replace_tags(data, name, problems)
    if problems:
        raise SpecError(problems)
    if not isinstance(data, CommentedMap):
        kind = "a list" if isinstance(data, CommentedSeq) else f"a single value {data!r}"
        raise SpecError([Problem(name, f"the top level must be a mapping of sections, not {kind}",
                                 1, 1)])
    return SourceDocument(name, data)


def _replace_tags(node: Any, name: str, problems: list[Problem]) -> None:
    """Turn matcher tags (``!uuid``…) into `Matcher` objects, in place; others are errors."""
    if isinstance(node, CommentedMap):
        slots: list[tuple[Any, tuple[int, int]]] = [(k, node.lc.value(k)) for k in node]
    elif isinstance(node, CommentedSeq):
        slots = [(i, node.lc.item(i)) for i in range(len(node))]
    else:
        return
    for slot, (line, column) in slots:
        value = node[slot]
        if isinstance(value, TaggedScalar):
            try:
                node[slot] = matcher_from_tag(str(value.tag.value), str(value.value or ""))
            except ValueError as err:
                problems.append(Problem(name, str(err), line + 1, column + 1))
        else:
            _replace_tags(value, name, problems)


def _yaml_problem(name: str, err: MarkedYAMLError) -> Problem:
    mark = err.problem_mark or err.context_mark
    problem = (err.problem or "invalid YAML").strip()
    if "\\t" in problem or "'\\t'" in problem:
        problem += "; YAML indentation must use spaces, not tabs"
    if err.context and "duplicate" not in problem:
        problem = f"{err.context.strip()}: {problem}"
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
    return Problem(name, f"invalid YAML: {problem}", line, column)
