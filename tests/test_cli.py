"""The `guides` command as users run it: a real child process in a project copy."""

from __future__ import annotations

import hashlib
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from generator.build import FIELD_REFERENCE_MARKER, with_field_reference
from generator.model import load_project
from generator.render import render_field_reference, render_pages
from tests.conftest import PAGES_ONLY, REPO, run_guides


def tree_digest(root: Path) -> dict[str, str]:
    return {path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*")) if path.is_file()}


def test_validate_reports_what_it_checked(project: Path) -> None:
    result = run_guides("validate", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "api.yaml: valid — 12 error codes, 24 examples, 6 pages" in result.stdout


@pytest.mark.e2e
def test_missing_spec_is_a_clear_error(tmp_path: Path) -> None:
    result = run_guides("validate", "--spec", "nowhere.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == "error: nowhere.yaml: cannot read the file: " \
                                    "No such file or directory"


def test_usage_error_exits_2(project: Path) -> None:
    result = run_guides("generate", cwd=project)
    assert result.returncode == 2
    assert "Missing option '--out'" in result.stderr


def test_generate_writes_every_page_with_its_content_version(project: Path) -> None:
    result = run_guides("generate", "--out", "out", cwd=project)
    assert result.returncode == 0, result.stderr
    loaded = load_project(project / "api.yaml")
    stamp = f"---\ncontent_version: {loaded.digest}\n"

    def stamped(markdown: str) -> str:
        return stamp + (markdown.removeprefix("---\n") if markdown.startswith("---\n")
                        else f"---\n\n{markdown}")

    expected = {name: stamped(markdown) for name, markdown in render_pages(loaded).items()}
    hand_written = (project / "docs" / "editing-the-guides.md").read_text(encoding="utf-8")
    assert FIELD_REFERENCE_MARKER in hand_written
    expected["editing-the-guides.md"] = stamped(
        with_field_reference(hand_written, render_field_reference()))
    written = {p.name: p.read_text(encoding="utf-8") for p in (project / "out").glob("*.md")}
    assert written == expected
    assert "{ #errors.status }" in written["editing-the-guides.md"]
    assert (project / "out" / "openapi.json").is_file()
    assert not [p for p in (project / "out").iterdir() if p.name.startswith(".")]


def test_failed_generate_writes_nothing(project: Path) -> None:
    (project / "api.yaml").write_text("errors: [\n", encoding="utf-8")
    result = run_guides("generate", "--out", "out", cwd=project)
    assert result.returncode == 2
    assert not (project / "out").exists()


def test_build_replaces_the_site_and_keeps_its_folders_mode(
        built_site: Path, built_project: Path) -> None:
    # The tests run under the usual umask 022: a new folder is 0755.
    assert stat.S_IMODE(built_site.stat().st_mode) == 0o755
    project = built_project
    (project / "site" / "stale.html").write_text("old", encoding="utf-8")
    (project / "site").chmod(0o750)
    result = run_guides("build", cwd=project, env=PAGES_ONLY)
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "api-authentication" / "index.html").is_file()
    assert not (project / "site" / "stale.html").exists()
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []
    assert stat.S_IMODE((project / "site").stat().st_mode) == 0o750


def test_failed_build_leaves_the_previous_site_exactly_as_it_was(built_project: Path) -> None:
    project = built_project
    before = tree_digest(project / "site")

    spec = project / "api.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("status: 403", "status: 99"),
                    encoding="utf-8")
    result = run_guides("build", cwd=project)

    assert result.returncode == 2
    assert "(at errors[5].status)" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(project / "site") == before


def test_site_generator_failure_leaves_the_previous_site(built_project: Path) -> None:
    project = built_project
    before = tree_digest(project / "site")
    # Valid api.yaml, but a hand-written page with a broken link fails the strict build.
    page = project / "docs" / "editing-the-guides.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[gone](no-such-page.md)\n",
                    encoding="utf-8")

    result = run_guides("build", cwd=project, env=PAGES_ONLY)

    assert result.returncode == 1
    assert "no-such-page.md" in result.stderr
    assert "site/ was left unchanged" in result.stderr
    assert tree_digest(project / "site") == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []


def test_main_returns_every_exit_status_instead_of_raising(
        built_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.cli import main

    project = built_project
    spec = str(project / "api.yaml")
    assert main(["--help"]) == 0
    assert main(["check", "--spec", spec, "no-such-example"]) == 2
    assert main(["linkcheck", "--spec", spec, "--site-dir", str(project / "nowhere")]) == 2
    (project / "site" / "index.html").write_text('<a href="missing/">x</a>', encoding="utf-8")
    assert main(["linkcheck", "--spec", spec, "--site-dir", str(project / "site")]) == 1
    assert "1 broken links" in capsys.readouterr().out


def test_an_invalid_api_yaml_stops_the_build_before_mkdocs_runs(project: Path) -> None:
    spec = project / "api.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("status: 403", "status: 99"),
                    encoding="utf-8")
    result = run_guides("build", cwd=project)
    assert result.returncode == 2
    # The validator's own error, with its position, and nothing from MkDocs.
    (line,) = result.stderr.splitlines()
    assert re.fullmatch(r"error: api\.yaml:\d+:\d+: Input should be greater than or equal "
                        r"to 400: got 99 \(at errors\[5\]\.status\)", line)


def test_a_command_whose_extra_is_missing_names_the_extra(tmp_path: Path) -> None:
    # httpx made unimportable in a real `guides` process, as in a venv with only the build.
    code = ("import sys; sys.modules['httpx'] = None; from generator.cli import main; "
            "sys.exit(main(['check', '--spec', 'api.yaml']))")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                            text=True, check=False, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "error: `guides check` needs httpx, which is not installed: pip install "
        "'trustleads-guides[check]' (or `make test`, which installs everything)"]
