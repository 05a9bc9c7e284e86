"""A sample that demonstrates throttling must try at least as often as the docs say it takes."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.languages import LANGUAGES

SNIPPET = Path("snippets") / "too-many-failed-attempts"


def validate(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["validate", "--spec", str(project / "api.yaml")])
    return status, capsys.readouterr().err


def test_a_sample_that_gives_up_before_the_threshold_is_refused(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    python = project / SNIPPET / "python.py"
    python.write_text(python.read_text().replace("max_attempts = 61", "max_attempts = 20"))

    status, err = validate(project, capsys)

    assert status == 2
    assert "snippets/too-many-failed-attempts/python.py: line 10: 'max_attempts = 20' gives up " \
           "before the API throttles; try at least the documented threshold (30 attempts " \
           "within 60 seconds) twice, and one more, as a lock-out can end before the next " \
           "try: 61" in err


def test_the_budget_follows_the_documented_threshold(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = project / "api.yaml"
    spec.write_text(spec.read_text().replace("{attempts: 30,", "{attempts: 40,"))

    status, err = validate(project, capsys)

    assert status == 2
    # Every language's sample is held to it.
    assert err.count("gives up before the API throttles") == len(LANGUAGES)
    for language in LANGUAGES.values():
        assert f"{SNIPPET.as_posix()}/{language.filename}: line " in err


def test_a_sample_must_name_its_budget(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    node = project / SNIPPET / "node.mjs"
    node.write_text(node.read_text().replace("maxAttempts", "limit"))

    status, err = validate(project, capsys)

    assert status == 2
    assert "node.mjs: does not name its attempt budget; write it as `max_attempts = 61`" in err
