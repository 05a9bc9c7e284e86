"""JSON from an API is parsed only when it nests no deeper than api.yaml may."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.check.guarding.shallow_json import MAX_DEPTH, TooDeep, depth, loads
from generator.check.judging.compare import exchange_signature
from generator.check.running.exchange import Exchange, parse_body
from generator.model import load_project
from tests.conftest import REPO

_LEAVES = st.none() | st.booleans() | st.integers() | st.text("[]{}\"\\ab", max_size=6)
_VALUES = st.recursive(_LEAVES, lambda inner: st.lists(inner, max_size=3)
                       | st.dictionaries(st.text("[{\"}]", max_size=3), inner, max_size=3),
                       max_leaves=30)


def _nesting(value: Any) -> int:
    if isinstance(value, list):
        return 1 + max(map(_nesting, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(_nesting, value.values()), default=0)
    return 0


@given(_VALUES, st.booleans())
def test_the_scan_measures_what_the_parser_would_build(value: Any, ascii_only: bool) -> None:
    text = json.dumps(value, ensure_ascii=ascii_only, indent=1 if ascii_only else None)
    assert depth(text.encode()) == _nesting(value)


def nested(levels: int) -> bytes:
    return b'{"a": ' * levels + b"1" + b"}" * levels


def test_the_limit_is_inclusive() -> None:
    assert loads(nested(MAX_DEPTH)) is not None
    with pytest.raises(TooDeep, match=f"the body nests deeper than {MAX_DEPTH} levels"):
        loads(nested(MAX_DEPTH + 1))


@pytest.mark.parametrize("body", [b"[" * 1000 + b"]" * 1000, nested(1000), b"[" * 100_000,
                                  b'[{"x": ' * 700 + b'"]"' + b"}]" * 700])
def test_a_deep_body_is_judged_as_text_without_a_recursion_error(body: bytes) -> None:
    exchange = Exchange("GET", "/jobs", {}, b"", 200, {}, body)
    assert isinstance(parse_body(body), str)
    exchange_signature(load_project(REPO / "api.yaml").spec, exchange)


def test_brackets_inside_strings_do_not_count() -> None:
    text = json.dumps({"a": "[" * 500, "b": ["\"[[[", "\\"], "c": "{\\\"[["})
    assert depth(text.encode()) == 2
    assert loads(text)["a"] == "[" * 500
