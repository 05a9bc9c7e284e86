"""Reading api.yaml with ruamel.yaml so that every value keeps its file position."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.composer import Composer, MaxDepthExceededError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, ScalarEvent

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


#: Deeper than any api.yaml needs, far below what would exhaust Python's stack.
MAX_DEPTH = 64
#: The YAML core tags; any other ``!!`` tag (``!!python/object``…) is refused.
_CORE_TAGS = {f"tag:yaml.org,2002:{name}"
              for name in ("str", "int", "float", "bool", "null", "seq", "map")}


class _Refused(YAMLError):
    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


class _SourceComposer(Composer):
    """Composes only what a source of truth needs: every fact is written once, so no
    anchors, aliases or merge keys (which also make alias bombs), and no tags that build
    objects. Refused while parsing, before anything walks the tree."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        mark = event.start_mark
        where = (mark.line + 1, mark.column + 1)
        if isinstance(event, AliasEvent) or event.anchor is not None:
            raise _Refused("anchors and aliases (&name, *name) are not allowed; write the "
                           "value out where it is needed", *where)
        if isinstance(event, ScalarEvent) and event.value == "<<" and event.style is None:
            raise _Refused("merge keys (<<) are not allowed; write the fields out", *where)
        tag = getattr(event, "tag", None)
        if tag and tag.startswith("tag:yaml.org,2002:") and tag not in _CORE_TAGS:
            shown = "!!" + tag.removeprefix("tag:yaml.org,2002:")
            raise _Refused(f"the tag {shown} is not allowed; api.yaml holds plain values",
                           *where)
        return super().compose_node(parent, index)


def rewriting_yaml() -> YAML:
    """The round-trip settings that rewrite api.yaml as it is written: comments, order,
    quoting, indentation and long lines kept, so only the changed values differ."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def read_document(path: Path, display: str | None = None) -> SourceDocument:
    """Parse `path`; any unreadable, non-UTF-8, malformed or empty file is a `SpecError`."""
    name = display or path.name
    try:
        raw = path.read_bytes()
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
    yaml.max_depth = MAX_DEPTH
    yaml.Composer = _SourceComposer
    try:
        data = yaml.load(text)
    except _Refused as err:
        raise SpecError([Problem(name, err.message, err.line, err.column)]) from err
    except MaxDepthExceededError as err:
        mark = err.problem_mark
        raise SpecError([Problem(
            name, f"values nest more than {MAX_DEPTH} levels deep; api.yaml needs a few",
            mark.line + 1 if mark else None, mark.column + 1 if mark else None)]) from err
    except MarkedYAMLError as err:
        raise SpecError([_yaml_problem(name, err)]) from err
    except (YAMLError, RecursionError, ValueError, TypeError) as err:
        # A limit of the parser itself; still one line, never a traceback.
        raise SpecError([Problem(name, f"invalid YAML: {type(err).__name__}: {err}")]) from err
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
