"""`guides diff` and `guides check --changed` end to end, in a throwaway git repository."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from generator.cli import main
from generator.paths import PROJECT_FILES
from tests.conftest import REPO


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.com",
                    *args], cwd=root, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "guides"
    root.mkdir()
    for name in PROJECT_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy2(source, root / name)
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "The guides")
    return root


def _edit(root: Path, old: str, new: str) -> None:
    spec = root / "api.yaml"
    text = spec.read_text(encoding="utf-8")
    assert old in text
    spec.write_text(text.replace(old, new, 1), encoding="utf-8")


def _run(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main([*args, "--spec", str(root / "api.yaml")])
    out = capsys.readouterr()
    return status, out.out, out.err


_TIGHTER = ("threshold: {attempts: 30, seconds: 60}", "threshold: {attempts: 10, seconds: 60}")


def test_a_breaking_change_fails_until_announced(repo: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    _edit(repo, *_TIGHTER)
    _git(repo, "commit", "-q", "-am", "Throttle after ten failures")
    status, out, _ = _run(repo, capsys, "diff", "HEAD~1", "HEAD")
    assert status == 1
    line = next(line for line in out.splitlines() if line.startswith("breaking:"))
    assert "TOO_MANY_FAILED_ATTEMPTS" in line and "throttle tightened" in line
    assert "too-many-failed-attempts" in line  # the example a client copied
    number = 1 + (repo / "api.yaml").read_text().splitlines().index(
        "    threshold: {attempts: 10, seconds: 60}")
    assert line.endswith(f"api.yaml:{number}")
    today = date.today().isoformat()
    _edit(repo, "changes: []", f"changes:\n  - date: {today}\n    summary: Ten failed "
                               "attempts now lock a client out.\n"
                               "    codes: [TOO_MANY_FAILED_ATTEMPTS]")
    status, out, _ = _run(repo, capsys, "diff", "HEAD~1")  # the working tree
    assert status == 0, out
    assert f"announced {today}" in out


def test_additive_and_editorial_changes_pass_with_their_lines(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(repo, "message: No resource exists at this path.",
          "message: Nothing exists at this path.")
    _edit(repo, "  max_limit: 100", "  max_limit: 200")
    status, out, _ = _run(repo, capsys, "diff", "HEAD")
    assert status == 0
    assert "editorial: code NOT_FOUND: message changed" in out
    assert "clients should not match" in out
    assert "additive: paging: max_limit changed from 100 to 200" in out


def test_formats_and_annotations(repo: Path, capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    _edit(repo, "  - code: NOT_FOUND\n    status: 404\n", "  - code: NOT_FOUND\n    status: 410\n")
    status, out, _ = _run(repo, capsys, "diff", "HEAD", "--format", "json")
    assert status == 1
    document = json.loads(out)
    assert document["unannounced"] == 1
    assert document["changes"][0]["url"] == "https://trustleads.ai/guides/error-catalog/#not_found"
    assert "not-found" in document["changes"][0]["examples"]
    status, out, _ = _run(repo, capsys, "diff", "HEAD", "--format", "markdown")
    assert "| breaking | [code NOT_FOUND: status changed from 404 to 410]" \
           "(https://trustleads.ai/guides/error-catalog/#not_found)" in out
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    status, out, _ = _run(repo, capsys, "diff", "HEAD")
    assert "::error file=" in out and "api.yaml,line=" in out


def test_bad_input_is_exit_2(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = _run(repo, capsys, "diff", "no-such-revision")
    assert status == 2
    assert "'no-such-revision' is not a revision" in err and "Traceback" not in err
    _edit(repo, "changes: []", "changes:\n  - date: 2999-01-01\n    summary: Later.\n"
                               "    codes: [NOT_FOUND]")
    status, _, err = _run(repo, capsys, "diff", "HEAD")
    assert status == 2
    assert "api.yaml:" in err and "in the future" in err


def test_check_changed_runs_only_what_differs(repo: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    from generator.diff import changed_examples, project_at
    from generator.model import load_project

    spec = repo / "api.yaml"
    with project_at("HEAD", spec) as base:
        assert changed_examples(base, load_project(spec)) == []
    status, out, _ = _run(repo, capsys, "check", "--changed", "HEAD")
    assert status == 0 and "no example differs from HEAD" in out
    snippet = repo / "snippets" / "get-job" / "python.py"
    snippet.write_text(snippet.read_text() + "\n# read the job again to follow it\n")
    _edit(repo, "title: Key not found", "title: An unknown key")
    _edit(repo, *_TIGHTER)
    with project_at("HEAD", spec) as base:
        assert changed_examples(base, load_project(spec)) == [
            "get-job", "invalid-token", "too-many-failed-attempts"]
