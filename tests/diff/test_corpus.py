"""Every pair of the corpus is classified as a client would expect."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.diff import compare
from generator.model import Project, load_project
from tests.conftest import REPO

from .corpus import PAIRS, Pair

_BASE = load_project(REPO / "api.yaml")


def edited(pair: Pair) -> Project:
    text = (REPO / "api.yaml").read_text(encoding="utf-8")
    for old, new in pair.edits:
        assert text.count(old) >= 1, f"{pair.name}: {old!r} is not in api.yaml"
        text = text.replace(old, new, 1)
    return load_project(REPO / "api.yaml", raw=text.encode())


def test_the_corpus_is_large_enough() -> None:
    assert len(PAIRS) >= 30
    assert {pair.kind for pair in PAIRS} == {"breaking", "additive", "editorial"}


@pytest.mark.parametrize("pair", PAIRS, ids=[pair.name for pair in PAIRS])
def test_pair(pair: Pair) -> None:
    changes = compare(_BASE, edited(pair)).changes
    assert changes, f"{pair.name}: no change found"
    lines = [f"{c.kind}: {c.what} ({c.note})" for c in changes]
    assert any(pair.words in line for line in lines), lines
    if pair.kind == "breaking":
        assert any(c.kind == "breaking" for c in changes), lines
    else:
        assert {c.kind for c in changes} == {pair.kind}, lines
    assert all(c.line for c in changes), lines


def test_no_change_no_line() -> None:
    assert compare(_BASE, load_project(Path(REPO / "api.yaml"))).changes == []
