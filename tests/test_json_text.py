"""The pages' JSON is the standard library's indented JSON, character for character."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from generator.json_text import indented_json
from generator.model.matchers import matcher_from_tag
from generator.model.models import matcher_placeholder
from tests.conftest import REPO

RECORDINGS = sorted((REPO / "snippets").glob("*/recording.json"))


@pytest.mark.parametrize("value", [
    {}, [], {"a": []}, {"a": {}}, "plain", None, True, 0, 10**30,
    [1, 2.5, -0.0, 1e16, 1e-7, True, False, None],
    "é, \"quoted\", back\\slash, new\nline, \x01 and \u2028",
    {"x": {"y": [{"z": 1}, [], {}]}},
    {7: "int", 2.5: "float", True: "bool", None: "none"},
    [math.nan, math.inf, -math.inf],
    {"id": matcher_from_tag("!regex", "^job_"), "at": matcher_from_tag("!iso8601", "")},
    ("a", "tuple"),
], ids=repr)
def test_the_same_text_as_json_dumps(value: Any) -> None:
    expected = json.dumps(value, indent=2, ensure_ascii=False, default=matcher_placeholder)
    assert indented_json(value, matcher_placeholder) == expected


@pytest.mark.parametrize("recording", RECORDINGS, ids=lambda path: path.parent.name)
def test_every_recording_reads_as_json_dumps_writes_it(recording: Path) -> None:
    value = json.loads(recording.read_text(encoding="utf-8"))
    assert indented_json(value, matcher_placeholder) == json.dumps(value, indent=2,
                                                                    ensure_ascii=False)


def test_a_key_json_cannot_write_is_refused_as_json_dumps_refuses_it() -> None:
    with pytest.raises(TypeError):
        json.dumps({("a", "b"): 1}, indent=2)
    with pytest.raises(TypeError):
        indented_json({("a", "b"): 1}, matcher_placeholder)


def test_a_value_json_cannot_write_is_handed_to_default() -> None:
    assert indented_json({"at": {1, 2}}, sorted) == '{\n  "at": [\n    1,\n    2\n  ]\n}'
