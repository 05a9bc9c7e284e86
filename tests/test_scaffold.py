"""`guides new-example`: an entry and a sample per language that `guides check --update`
completes."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from generator.languages import LANGUAGES
from generator.model import load_project
from generator.model.consistency import MAX_EXAMPLE_ID_LENGTH
from tests.check.test_drift import check, edit
from tests.conftest import run_guides
from tests.pages.test_samples_on_the_wire import run_sample

TEXTS = ("--title", "Read one job", "--description", "Fetch a job by its id.")


def test_new_example_is_completed_by_check_update(project: Path) -> None:
    comments = [line for line in (project / "api.yaml").read_text().splitlines()
                if line.startswith("#")]
    made = run_guides("new-example", "submit-job", "--method", "POST", "--title",
                      "Submit a job", "--description", "Queue leads for enrichment.",
                      "--body", '{"leads": [{"email": "ada@example.com"}]}', cwd=project)
    assert made.returncode == 0, made.stderr
    for language in LANGUAGES.values():
        assert (project / "snippets" / "submit-job" / language.filename).is_file()
    assert run_guides("validate", cwd=project).returncode == 0

    updated = check(project, "--update", "submit-job")
    assert updated.returncode == 0, updated.stdout
    example = next(e for e in load_project(project / "api.yaml").spec.examples
                   if e.id == "submit-job")
    assert example.response.status == 201
    assert example.response.body["status"] == "queued"
    assert [line for line in (project / "api.yaml").read_text().splitlines()
            if line.startswith("#")] == comments


def test_an_existing_id_is_refused_and_nothing_changes(project: Path) -> None:
    before = (project / "api.yaml").read_bytes()
    refused = run_guides("new-example", "invalid-token", *TEXTS, cwd=project)
    assert refused.returncode == 2
    assert "an example 'invalid-token' exists already" in refused.stderr
    assert (project / "api.yaml").read_bytes() == before


def test_a_bad_id_is_refused(project: Path) -> None:
    refused = run_guides("new-example", "Bad Id", *TEXTS, cwd=project)
    assert refused.returncode == 2
    assert "is not an example id" in refused.stderr
    assert not any(p.name.startswith(".") for p in (project / "snippets").iterdir())


def test_the_scaffold_writes_the_flags_texts_and_keeps_modes(project: Path) -> None:
    spec = project / "api.yaml"
    spec.chmod(0o640)
    made = run_guides("new-example", "read-job", *TEXTS, "--path", "/jobs/job_1", cwd=project)
    assert made.returncode == 0, made.stderr
    assert stat.S_IMODE(spec.stat().st_mode) == 0o640
    folder = project / "snippets" / "read-job"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    for name, opening in (("curl.sh", "# Fetch a job by its id."),
                          ("python.py", '"""Fetch a job by its id."""'),
                          ("node.mjs", "// Fetch a job by its id."),
                          ("main.go", "// Fetch a job by its id."),
                          ("main.rb", "# Fetch a job by its id."),
                          ("main.php", "// Fetch a job by its id."),
                          ("Main.java", "// Fetch a job by its id.")):
        text = (folder / name).read_text()
        assert opening in text.splitlines()[:2]
        assert "read job" not in text.lower()
    example = load_project(spec).spec.examples[-1]
    assert (example.title, example.description) == ("Read one job", "Fetch a job by its id.")


@pytest.mark.parametrize(("old", "new", "complaint"), [
    ("message: The provided API key has been revoked.", "message: Revoked token.",
     "'Revoked token.' only repeats 'REVOKED_TOKEN'"),
    ("fix: Send your key in one header", "fix: TODO send your key in one header",
     "placeholder text"),
    ("title: Revoked key", "description: Revoked token.\n    title: Revoked key",
     "only repeats 'revoked-token'"),
])
def test_placeholder_text_is_refused_with_its_line(project: Path, old: str, new: str,
                                                   complaint: str) -> None:
    spec = project / "api.yaml"
    line = edit(spec, old, new)
    result = run_guides("validate", cwd=project)
    assert result.returncode == 2
    assert f"api.yaml:{line}:" in result.stderr and complaint in result.stderr


def test_a_snippet_comment_repeating_the_id_is_refused(project: Path) -> None:
    edit(project / "snippets" / "revoked-token" / "curl.sh", "\n# ", "\n# revoked token\n# ")
    result = run_guides("validate", cwd=project)
    assert result.returncode == 2
    assert "snippet snippets/revoked-token/curl.sh: its opening comment" in result.stderr


@pytest.mark.parametrize(("flags", "complaint"), [
    (("--path", "/jobs/$(id)"), "is not a path below the base URL"),
    (("--body", "{not json"), "--body is not JSON"),
    (("--header", "X-Nope"), "'X-Nope' is not one of api.yaml's headers: Authorization, X-API-Key"),
])
def test_bad_flags_are_refused_before_anything_is_written(project: Path, flags: tuple[str, ...],
                                                          complaint: str) -> None:
    before = (project / "api.yaml").read_bytes()
    refused = run_guides("new-example", "read-job", *TEXTS, *flags, cwd=project)
    assert refused.returncode == 2
    assert complaint in refused.stderr
    assert (project / "api.yaml").read_bytes() == before
    assert not (project / "snippets" / "read-job").exists()


def test_the_header_defaults_to_the_one_api_yaml_recommends(project: Path) -> None:
    spec = project / "api.yaml"
    # Which header is recommended is a fact of api.yaml alone: move the mark, and it follows.
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace("    recommended: true\n    accepts: [api_key, session_token]",
                                 "    accepts: [api_key, session_token]").replace(
        "    accepts: [api_key]", "    recommended: true\n    accepts: [api_key]"),
        encoding="utf-8")
    made = run_guides("new-example", "read-job", *TEXTS, cwd=project)
    assert made.returncode == 0, made.stderr
    [entry] = [e for e in load_project(spec).spec.examples if e.id == "read-job"]
    assert entry.request.header == "X-API-Key"


def test_scaffolded_samples_forgive_and_keep_their_credential(project: Path) -> None:
    """A session token has no placeholder to fall back on: each scaffolded sample stops with
    one line naming its variable; and each sample `guides check --update` completes runs."""
    for flags in (("plan-by-session", "--path", "/me", "--credential", "session"),
                  ("jobs-by-x-key", "--header", "X-API-Key")):
        made = run_guides("new-example", *flags, *TEXTS, cwd=project)
        assert made.returncode == 0, made.stderr
    folder = project / "snippets" / "plan-by-session"
    for name in ("curl.sh", "python.py", "node.mjs"):
        ran = run_sample(folder / name, {"TRUSTLEADS_BASE_URL": "https://127.0.0.1:9/v1/"})
        assert ran.returncode != 0
        assert ran.stderr.strip().count("\n") == 0, ran.stderr
        assert "TRUSTLEADS_SESSION_TOKEN" in ran.stderr
    assert 'redirect: "manual"' in (project / "snippets" / "jobs-by-x-key" / "node.mjs").read_text()
    # Every language's template: these two examples are the scaffold's test of all seven.
    updated = check(project, "--update", "plan-by-session", "jobs-by-x-key",
                    languages=LANGUAGES)
    assert updated.returncode == 0, updated.stdout


@pytest.mark.parametrize("length", [65, 300, 5000])
def test_an_over_long_id_is_refused_naming_the_limit(project: Path, length: int) -> None:
    before = (project / "api.yaml").read_bytes()
    listing = sorted(p.name for p in (project / "snippets").iterdir())
    refused = run_guides("new-example", "a" * length, *TEXTS, cwd=project)
    assert refused.returncode == 2
    assert "Traceback" not in refused.stderr
    assert f"is {length} characters long" in refused.stderr
    assert f"at most {MAX_EXAMPLE_ID_LENGTH} characters" in refused.stderr
    assert len(refused.stderr.splitlines()) == 1
    assert (project / "api.yaml").read_bytes() == before
    assert sorted(p.name for p in (project / "snippets").iterdir()) == listing


def test_an_id_at_the_limit_is_scaffolded(project: Path) -> None:
    example_id = "-".join(["abcdefg"] * 8)
    assert len(example_id) == 63
    example_id += "h"
    made = run_guides("new-example", example_id, *TEXTS, cwd=project)
    assert made.returncode == 0, made.stderr
    assert (project / "snippets" / example_id / "curl.sh").is_file()


def test_a_dangling_symlink_in_the_way_is_not_written_through(project: Path,
                                                               tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    (project / "snippets" / "read-job").symlink_to(elsewhere)
    refused = run_guides("new-example", "read-job", *TEXTS, cwd=project)
    assert refused.returncode == 2
    # Refused before the scaffold looks: the snippets folder holds a link out of the repository.
    assert refused.stderr.startswith("error: snippets/read-job: a symlink to ")
    assert not elsewhere.exists()
