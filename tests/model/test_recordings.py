"""A recording.json is validated like api.yaml: each problem at its line, exit 2, no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_guides

_FILE = "snippets/create-job/recording.json"


def _edit(project: Path, change: str) -> int:
    """Make `change`; the line where the value it makes wrong starts."""
    path = project / _FILE
    recording = json.loads(path.read_text(encoding="utf-8"))
    if change == "status":
        recording["response"]["status"] = "201"
    elif change == "header":
        recording["response"]["headers"]["x-list"] = [1]
    elif change == "missing":
        del recording["verified"]["against"]
    elif change == "deep":
        body: list[object] = []
        for _ in range(40):
            body = [body]
        recording["response"]["body"] = body
    text = json.dumps(recording, indent=2)
    path.write_text(text, encoding="utf-8")
    needle = {"status": '"status": "201"', "header": '"x-list"', "missing": '"verified"',
              "deep": '"body": [\n      ['}[change]
    return text[:text.index(needle)].count("\n") + 1


@pytest.mark.parametrize(("change", "expected"), [
    ("status", "response.status: Input should be a valid integer"),
    ("header", "response.headers.x-list: Input should be a valid string"),
    ("missing", "verified.against: Field required"),
    ("deep", "response.body: Value error, nested deeper than 32 levels"),
])
def test_a_wrong_recording_is_named_at_its_line(project: Path, change: str,
                                                expected: str) -> None:
    line = _edit(project, change)
    result = run_guides("validate", cwd=project)
    assert result.returncode == 2
    assert f"error: {_FILE}:{line}: {expected}\n" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("content", "expected"), [
    (b"[" * 100_000, "nested too deeply to read"),
    (b'{"verified": "\xff"}', "not UTF-8 text (byte 14)"),
    (b'{"verified": ', "not JSON: Expecting value"),
    (b" " * (2 << 20), "more than a recording may hold"),
])
def test_an_unreadable_recording_is_a_clear_error(project: Path, content: bytes,
                                                  expected: str) -> None:
    (project / _FILE).write_bytes(content)
    result = run_guides("build", cwd=project)
    assert result.returncode == 2
    assert f"{_FILE}" in result.stderr and expected in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists()
