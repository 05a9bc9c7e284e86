"""`guides check --update` never makes api.yaml worse, and `guides check ID…` runs only those."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from generator.model import load_project
from generator.model.matchers import Matcher
from tests.check.test_drift import check, edit
from tests.conftest import run_guides


def refused_update(project: Path, example_id: str) -> str:
    """`--update example_id` exits 1 and leaves api.yaml byte-identical; its report. One
    language: what is refused is the API's answer, the same whichever sample asked."""
    spec = project / "api.yaml"
    before = spec.read_bytes()
    result = check(project, "--update", example_id, languages=["curl"])
    assert result.returncode == 1, result.stdout + result.stderr
    assert spec.read_bytes() == before
    return result.stdout


def test_a_success_for_an_error_example_is_refused_and_nothing_is_written(
        project: Path) -> None:
    # A key that may submit jobs: the API answers 201 where the page documents a 403.
    edit(project / "api.yaml", "      credential: starter\n", "      credential: pro\n")
    report = refused_update(project, "insufficient-plan")
    assert "refused: insufficient-plan: api.yaml:" in report
    assert "documents error INSUFFICIENT_PLAN, but the API answered status 201" in report


def test_another_code_for_an_error_example_is_refused(project: Path) -> None:
    edit(project / "api.yaml", "    response: {error: REVOKED_TOKEN}",
         "    response: {error: EXPIRED_TOKEN}")
    report = refused_update(project, "revoked-token")
    assert "documents error EXPIRED_TOKEN, but the API answered error REVOKED_TOKEN" in report
    assert "teach the sandbox first" in report


def test_an_update_that_would_not_validate_writes_nothing(project: Path) -> None:
    spec = project / "api.yaml"
    revoked = "The provided API key has been revoked."
    # Once REVOKED_TOKEN's message is written back, two codes would share one message.
    edit(spec, f"message: {revoked}", "message: The key was revoked.")
    edit(spec, "message: The provided session token has expired.", f"message: {revoked}")
    report = refused_update(project, "revoked-token")
    assert "would make api.yaml invalid, so nothing was written" in report
    assert "EXPIRED_TOKEN has the same message as REVOKED_TOKEN" in report


def test_an_update_keeps_the_files_mode(project: Path) -> None:
    spec = project / "api.yaml"
    os.chmod(spec, 0o640)
    edit(spec, "message: The provided API key has been revoked.",
         "message: The provided API key was revoked.")
    # One language: the mode is the file's (test_drift updates from every quick language).
    result = check(project, "--update", "revoked-token", languages=["curl"])
    assert result.returncode == 0, result.stdout
    assert "updated api.yaml:" in result.stdout
    assert stat.S_IMODE(spec.stat().st_mode) == 0o640
    assert not [p for p in project.iterdir() if p.name.startswith(".api.yaml.")]


def test_named_examples_run_alone(project: Path) -> None:
    result = check(project, "revoked-token", "missing-token", languages=["curl"])
    assert result.returncode == 0, result.stdout
    ran = {line.split()[1] for line in result.stdout.splitlines() if line.startswith("ok ")}
    assert ran == {"revoked-token", "missing-token"}
    # Their runs alone, and no docs' coverage: that is a whole check's.
    assert result.stdout.splitlines()[-1] == "2 passed, 0 failed"


def test_an_unknown_example_is_a_usage_error(project: Path) -> None:
    result = check(project, "no-such-example")
    assert result.returncode == 2
    assert "api.yaml has no example 'no-such-example'" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("value", ["true", "True", "1", "yes", "YES"])
def test_update_refuses_under_any_spelling_of_ci(project: Path, value: str) -> None:
    before = (project / "api.yaml").read_bytes()
    result = check(project, "--update", env={"CI": value})
    assert result.returncode == 2
    assert "refuses to run in CI" in result.stderr
    assert (project / "api.yaml").read_bytes() == before


def test_update_refuses_under_github_actions(project: Path) -> None:
    result = check(project, "--update", env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 2


def test_an_update_against_the_sandbox_writes_its_ids_and_refuses_nothing(
        project: Path) -> None:
    """Nothing hostile: job ids the sandbox answers are what api.yaml documents for a job's
    id (its matcher; the shape of a literal id), so they are written, not held as opaque."""
    spec = project / "api.yaml"
    made = run_guides("new-example", "submit-job", "--method", "POST", "--title",
                      "Submit a job", "--description", "Queue leads for enrichment.",
                      "--body", '{"leads": [{"email": "ada@example.com"}]}', cwd=project)
    assert made.returncode == 0, made.stderr
    # create-job documents its id by a literal now, as an editor may write one.
    text = spec.read_text(encoding="utf-8")
    documented_id = text[text.index("  - id: create-job"):].split("        id: ", 1)[1] \
        .split("\n", 1)[0]
    edit(spec, f"        id: {documented_id}\n        name: Webinar sign-ups",
         "        id: job_0123456789abcdef\n        name: Webinar sign-ups")
    edit(spec, "message: The provided API key has been revoked.",
         "message: The provided API key was revoked.")

    # The examples whose answers now differ from api.yaml: only a divergence is written.
    result = check(project, "--update", "submit-job", "create-job", "revoked-token")

    assert result.returncode == 0, result.stdout
    assert "refused" not in result.stdout and "opaque" not in result.stdout, result.stdout
    updated = [line for line in result.stdout.splitlines() if line.startswith("updated ")]
    assert any("has been revoked" in line for line in updated), updated
    examples = {e.id: e for e in load_project(spec).spec.examples}
    matcher = examples["get-job"].response.body["id"]
    assert isinstance(matcher, Matcher)
    for example_id in ("submit-job", "create-job"):
        written = examples[example_id].response.body["id"]
        assert isinstance(written, str) and matcher.matches(written), written
        assert written != "job_0123456789abcdef"
