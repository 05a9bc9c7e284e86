"""`guides new-example`: an entry and three snippets that `guides check --update` completes."""

from __future__ import annotations

from pathlib import Path

from generator.spec import load_project
from tests.check.test_drift import check
from tests.conftest import run_guides


def test_new_example_is_completed_by_check_update(project: Path) -> None:
    comments = [line for line in (project / "api.yaml").read_text().splitlines()
                if line.startswith("#")]
    made = run_guides("new-example", "submit-job", "--method", "POST", "--title",
                      "Submit a job", cwd=project)
    assert made.returncode == 0, made.stderr
    for name in ("curl.sh", "python.py", "node.mjs"):
        assert (project / "snippets" / "submit-job" / name).is_file()
    assert run_guides("validate", cwd=project).returncode == 0

    updated = check(project, "--update")
    assert updated.returncode == 0, updated.stdout
    example = next(e for e in load_project(project / "api.yaml").spec.examples
                   if e.id == "submit-job")
    assert example.response.status == 201
    assert example.response.body["status"] == "queued"
    assert [line for line in (project / "api.yaml").read_text().splitlines()
            if line.startswith("#")] == comments


def test_an_existing_id_is_refused_and_nothing_changes(project: Path) -> None:
    before = (project / "api.yaml").read_bytes()
    refused = run_guides("new-example", "invalid-token", cwd=project)
    assert refused.returncode == 2
    assert "an example 'invalid-token' exists already" in refused.stderr
    assert (project / "api.yaml").read_bytes() == before


def test_a_bad_id_is_refused(project: Path) -> None:
    refused = run_guides("new-example", "Bad Id", cwd=project)
    assert refused.returncode == 2
    assert "is not an example id" in refused.stderr
    assert not any(p.name.startswith(".") for p in (project / "snippets").iterdir())
