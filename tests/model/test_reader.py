"""The fast reader (libyaml events) against ruamel.yaml's round-trip loader: same data, same
positions, on every document the suite holds; refusals only where api.yaml allows less."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.error import YAMLError

from generator.model.matchers import Matcher, matcher_from_tag
from generator.model.reader import MAX_DEPTH, Loc, ReadFailure, read_yaml, resolve_plain
from tests.conftest import MINIMAL, REPO

BAD = Path(__file__).parent / "bad"


def _utf8(path: Path) -> bool:
    try:
        path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return False  # refused before either reader runs
    return True


CORPUS = [p for p in (REPO / "api.yaml", MINIMAL / "api.yaml", *sorted(BAD.glob("*.yaml")))
          if _utf8(p)]
#: What only the fast reader refuses, by design: api.yaml needs none of it.
BY_DESIGN = ("alias", "anchor", "merge keys", "tag ", "nested more than", "nesting depth",
             "duplicate key",
             "more than one YAML document")


def ruamel_read(text: str) -> tuple[Any, dict[Loc, tuple[int, int]]]:
    """ruamel.yaml's reading: plain data, and where each value starts."""
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    root = yaml.load(text)
    positions: dict[Loc, tuple[int, int]] = {}

    def plain(node: Any, loc: Loc) -> Any:
        if isinstance(node, CommentedMap):
            for key in node:
                line, column = node.lc.value(key)
                positions[(*loc, key)] = (line + 1, column + 1)
            return {key: plain(value, (*loc, key)) for key, value in node.items()}
        if isinstance(node, CommentedSeq):
            for index in range(len(node)):
                line, column = node.lc.item(index)
                positions[(*loc, index)] = (line + 1, column + 1)
            return [plain(value, (*loc, index)) for index, value in enumerate(node)]
        if isinstance(node, TaggedScalar):
            return matcher_from_tag(str(node.tag.value), str(node.value or ""))
        for kind in (bool, int, float, str):
            if isinstance(node, kind):
                return kind(node)
        return node

    return plain(root, ()), positions


@pytest.mark.parametrize("document", CORPUS, ids=lambda p: p.stem)
def test_both_readers_agree(document: Path) -> None:
    text = document.read_text(encoding="utf-8")
    try:
        fast = read_yaml(text, "api.yaml")
    except ReadFailure as refusal:
        # Refused by design: never handed to ruamel.yaml, which would expand an alias bomb.
        if not any(reason in str(refusal) for reason in BY_DESIGN):
            with pytest.raises((YAMLError, ValueError)):
                ruamel_read(text)
        return
    data, positions = ruamel_read(text)
    assert fast.data == data
    shared = {loc: fast.values[loc] for loc in positions}
    assert shared == positions


@pytest.mark.parametrize(("text", "value"), [
    ("null", None), ("~", None), ("", None), ("true", True), ("False", False), ("yes", "yes"),
    ("on", "on"), ("200", 200), ("-7", -7), ("0o17", 15), ("0x1F", 31), ("1.5", 1.5),
    ("1e3", 1000.0), (".inf", math.inf), ("-.inf", -math.inf), ("0777", 777),
    ("job_0123", "job_0123"), ("2026-01-01", "2026-01-01"), ("1_000", "1_000"),
])
def test_plain_scalars_resolve_as_yaml_1_2_core_does(text: str, value: Any) -> None:
    assert resolve_plain(text) == value and type(resolve_plain(text)) is type(value)


@pytest.mark.parametrize(("text", "complaint"), [
    ("a: &x 1\nb: *x\n", "1:4: anchor &x is not allowed"),
    ("a: [1]\nb: *x\n", "2:4: alias *x is not allowed"),
    ("base: {a: 1}\nitem:\n  <<: {b: 2}\n", "3:3: merge keys (<<) are not allowed"),
    ("a: !!python/object:os.system x\n", "1:4: the tag !!python/object:os.system is not"),
    ("a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n", "nested more than 64"),
    ("a: 1\n---\nb: 2\n", "more than one YAML document"),
])
def test_what_api_yaml_never_needs_is_refused_where_it_is(text: str, complaint: str) -> None:
    with pytest.raises(ReadFailure) as refused:
        read_yaml(text, "api.yaml")
    assert complaint in str(refused.value)


def test_twenty_thousand_brackets_are_one_clear_refusal() -> None:
    with pytest.raises(ReadFailure) as refused:
        read_yaml("a: " + "[" * 20_000 + "]" * 20_000 + "\n", "api.yaml")
    # libyaml stops first, with its own limit: still one line, with its position.
    assert str(refused.value) == ("api.yaml:1:1003: invalid YAML: while increasing flow "
                                  "level: exceeded maximum nesting depth")


def test_matcher_tags_become_matchers() -> None:
    read = read_yaml("id: !regex '^job_'\nat: !iso8601\n", "api.yaml")
    assert all(isinstance(value, Matcher) for value in read.data.values())


def test_positions_are_one_based_lines_and_columns_of_every_key_and_value() -> None:
    read = read_yaml("a:\n  - x\n  -   b: 1\n", "api.yaml")
    assert dict(read.values) == {(): (1, 1), ("a",): (2, 3), ("a", 0): (2, 5),
                                 ("a", 1): (3, 7), ("a", 1, "b"): (3, 10)}
    assert dict(read.keys) == {("a",): (1, 1), ("a", 1, "b"): (3, 7)}
    assert len(read.values) == 5 and ("a", 2) not in read.values
