"""`guides check` on the real docs: pristine it passes; each kind of drift fails, named."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable
from pathlib import Path

import pytest

from generator.languages import LANGUAGES
from generator.model import load_project
from tests.conftest import QUICK_LANGUAGES, REPO, language_options

EXAMPLES = len(load_project(REPO / "api.yaml").spec.examples)
#: A whole check's results in one language: a run of each example, and the docs' coverage.
RUNS = EXAMPLES + 1


def check(project: Path, *args: str, env: dict[str, str] | None = None,
          languages: Iterable[str] = QUICK_LANGUAGES) -> subprocess.CompletedProcess[str]:
    """`guides check ARGS` of `project` in `languages`, as a user runs it."""
    environment = {k: v for k, v in os.environ.items()
                   if k not in {"CI", "GITHUB_ACTIONS"}} | (env or {})
    return subprocess.run([sys.executable, "-m", "generator.cli", "check",
                           *language_options(languages), *args],
                          cwd=project, capture_output=True, text=True, timeout=600,
                          check=False, env=environment)


def edit(path: Path, old: str, new: str) -> int:
    """Replace `old` once; return the 1-based line it was on."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    line = text[:text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


def test_pristine_docs_pass_and_a_rerun_replays(project: Path, tmp_path: Path) -> None:
    """A whole check of the docs as they are, in one language: that every example passes in
    every language but Java is the editing procedure's `make check`
    (tests/pages/test_editing_procedure.py); what this test is about, the cache, is the same
    whichever languages run."""
    # Every Python process the checks start writes its command line here (a
    # `sitecustomize` on PYTHONPATH, which no cache key holds): the sandbox is one.
    started = tmp_path / "started"
    (tmp_path / "probe").mkdir()
    (tmp_path / "probe" / "sitecustomize.py").write_text(
        "with open('/proc/self/cmdline', 'rb') as own, "
        f"open({str(started)!r}, 'ab') as log:\n"
        "    log.write(own.read().replace(b'\\0', b' ') + b'\\n')\n", encoding="utf-8")
    probe = {"PYTHONPATH": os.pathsep.join([str(tmp_path / "probe"), str(REPO)])}

    first = check(project, "--junit-xml", "report.xml", env=probe, languages=["curl"])
    assert first.returncode == 0, first.stdout + first.stderr
    assert first.stdout.splitlines()[-1] == f"{RUNS} passed, 0 failed"
    cases = ElementTree.parse(project / "report.xml").getroot().findall("testcase")
    assert len(cases) == RUNS
    assert {c.get("name") for c in cases} == {"curl", "docs"}
    assert b"generator.cli sandbox" in started.read_bytes()

    started.unlink()
    again = check(project, env=probe, languages=["curl"])
    assert again.returncode == 0
    assert "(cached)" in again.stdout
    # Every run answered by the cache, judged again; the docs' coverage judged anew.
    assert again.stdout.splitlines()[-1] == \
        f"{RUNS} passed, 0 failed ({RUNS - 1} runs reused from earlier checks)"
    # Nothing to run: no sandbox was started.
    assert b"generator.cli check" in started.read_bytes()
    assert b"generator.cli sandbox" not in started.read_bytes()


def test_one_word_of_a_message_fails_on_its_line(project: Path) -> None:
    line = edit(project / "api.yaml", "message: The provided API key has been revoked.",
                "message: The provided API key was revoked.")
    result = check(project, "revoked-token", "invalid-token")
    assert result.returncode == 1
    failures = [out for out in result.stdout.splitlines() if "body $.message" in out]
    assert len(failures) == len(QUICK_LANGUAGES), result.stdout
    for language_file in (LANGUAGES[key].filename for key in QUICK_LANGUAGES):
        assert any(f"snippets/revoked-token/{language_file}:" in failure
                   and f"api.yaml:{line}:" in failure for failure in failures)
    assert "expected 'The provided API key was revoked.', got 'The provided API key has " \
           "been revoked.'" in failures[0]
    assert "FAIL revoked-token [node]" in result.stdout
    quick = len(QUICK_LANGUAGES)
    assert result.stdout.splitlines()[-1] == f"{quick} passed, {quick} failed"


def retype_insufficient_plan_as_401(spec: Path) -> int:
    """403 -> 401, with the category the editorial lint then requires; returns the line."""
    line = edit(spec, "    status: 403", "    status: 401")
    edit(spec, "    category: permission", "    category: authentication")
    return line


def test_a_status_changed_from_403_to_401_fails(project: Path) -> None:
    line = retype_insufficient_plan_as_401(project / "api.yaml")
    # The status is the API's, judged alike whichever sample asked: one language.
    result = check(project, "insufficient-plan", languages=["python"])
    assert result.returncode == 1
    assert f"api.yaml:{line}: status: expected 401, got 403" in result.stdout
    assert "FAIL insufficient-plan [python]" in result.stdout


def test_a_snippet_sending_the_wrong_header_fails_on_its_line(project: Path) -> None:
    snippet = project / "snippets" / "list-jobs-x-api-key" / "curl.sh"
    line = edit(snippet, '--header "X-API-Key: ${TRUSTLEADS_API_KEY',
                '--header "Authorization: Bearer ${TRUSTLEADS_API_KEY')
    # The drifted sample's language, and another whose sample is as it was.
    result = check(project, "list-jobs-x-api-key", languages=["curl", "python"])
    assert result.returncode == 1
    assert "FAIL list-jobs-x-api-key [curl]" in result.stdout
    assert (f"snippets/list-jobs-x-api-key/curl.sh:{line} " in result.stdout)
    assert "auth header: expected 'X-API-Key', got 'Authorization'" in result.stdout
    assert "FAIL list-jobs-x-api-key [python]" not in result.stdout


@pytest.mark.parametrize(("language", "old", "new"), [
    ("go", 'request.Header.Set("X-API-Key", apiKey)',
     'request.Header.Set("Authorization", "Bearer "+apiKey)'),
    ("ruby", 'request["X-API-Key"] = api_key', 'request["Authorization"] = "Bearer #{api_key}"'),
    ("php", '"X-API-Key: $apiKey"', '"Authorization: Bearer $apiKey"'),
    ("java", '.header("X-API-Key", apiKey)', '.header("Authorization", "Bearer " + apiKey)'),
])
def test_drift_in_one_languages_sample_names_its_file_and_line(
        project: Path, language: str, old: str, new: str) -> None:
    filename = LANGUAGES[language].filename
    line = edit(project / "snippets" / "list-jobs-x-api-key" / filename, old, new)
    result = check(project, "list-jobs-x-api-key", languages=[language])
    assert result.returncode == 1
    assert f"FAIL list-jobs-x-api-key [{language}]" in result.stdout
    assert f"snippets/list-jobs-x-api-key/{filename}:{line} " in result.stdout, result.stdout
    assert "auth header: expected 'X-API-Key', got 'Authorization'" in result.stdout
    assert result.stdout.splitlines()[-1] == "0 passed, 1 failed"


def test_a_language_not_on_path_is_one_line_naming_its_package(project: Path,
                                                               tmp_path: Path) -> None:
    bare = tmp_path / "bin"
    bare.mkdir()
    (bare / "node").symlink_to(shutil.which("node") or "node")
    result = check(project, "--no-cache", env={"PATH": str(bare)},
                   languages=["node", "java"])
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.splitlines() == [
        "error: the Java samples need `javac`, which is not on PATH: install it (Debian: "
        "apt-get install default-jdk-headless); or leave them out with --language"]


def test_a_run_of_one_language_is_reused_by_a_check_of_more(project: Path) -> None:
    """Which other languages a check runs changes no run's verdict (but it is no green
    verdict of the check with more). GUIDES_LANGUAGES chooses them as --language does, and
    the check says which it leaves out."""
    alone = check(project, "revoked-token", languages=[], env={"GUIDES_LANGUAGES": "curl"})
    assert alone.stdout.splitlines()[-1] == "1 passed, 0 failed", alone.stdout
    assert "GUIDES_LANGUAGES is set: checking curl only, not python, node, go, ruby, php, " \
        "java" in alone.stderr
    more = check(project, "revoked-token", languages=["python", "curl"])
    assert "ok   revoked-token [python]" in more.stdout
    assert more.stdout.splitlines()[-1] == \
        "2 passed, 0 failed (1 run reused from earlier checks)", more.stdout


@pytest.mark.parametrize(("flags", "env", "named"), [
    (("--language", "cobol"), {}, "Invalid value for '--language'"),
    ((), {"GUIDES_LANGUAGES": "curl cobol"}, "Error: GUIDES_LANGUAGES: ")])
def test_an_unknown_language_is_a_usage_error(project: Path, flags: tuple[str, ...],
                                              env: dict[str, str], named: str) -> None:
    result = check(project, *flags, languages=[], env=env)
    assert result.returncode == 2
    assert named in result.stderr
    assert "'cobol' is not one of 'curl', 'python', 'node'" in result.stderr
    assert "Traceback" not in result.stderr


def test_update_repairs_message_drift_and_keeps_the_file(project: Path) -> None:
    spec = project / "api.yaml"
    pristine = spec.read_text(encoding="utf-8")
    edit(spec, "message: The provided API key has been revoked.",
         "message: The provided API key was revoked.")
    result = check(project, "--update", "revoked-token")
    assert result.returncode == 0, result.stdout
    assert "updated api.yaml:" in result.stdout
    assert spec.read_text(encoding="utf-8") == pristine
    assert check(project, "revoked-token").returncode == 0


def test_update_refuses_to_run_in_ci(project: Path) -> None:
    result = check(project, "--update", env={"CI": "true"})
    assert result.returncode == 2
    assert "refuses to run in CI" in result.stderr


def test_github_annotations_point_at_the_api_yaml_line(project: Path) -> None:
    line = retype_insufficient_plan_as_401(project / "api.yaml")
    result = check(project, "insufficient-plan", env={"GITHUB_ACTIONS": "true"},
                   languages=["curl"])
    assert f"::error file=api.yaml,line={line},title=guides check::insufficient-plan [curl]:" \
        in result.stdout


def test_keys_never_reach_the_report(project: Path) -> None:
    snippet = project / "snippets" / "revoked-token" / "python.py"
    edit(snippet, "print(response.status_code)",
         "import sys\nprint('leaking', api_key, file=sys.stderr)\nsys.exit(3)")
    # The leaking sample's language alone: the other languages' samples are as they were
    # and pass, so nothing of theirs is reported.
    result = check(project, "revoked-token", "--junit-xml", "report.xml", languages=["python"])
    assert result.returncode == 1
    assert "the snippet exited with status 3: leaking [REDACTED]" in result.stdout
    everything = result.stdout + result.stderr + (project / "report.xml").read_text()
    assert "lfk_sk_" not in everything and "eyJ" not in everything


def test_coverage_gaps_and_unused_snippets_fail(project: Path) -> None:
    spec = project / "api.yaml"
    text = spec.read_text(encoding="utf-8")
    start = text.index("  - id: not-found\n")
    end = text.index("  - id: method-not-allowed\n")
    spec.write_text(text[:start] + text[end:], encoding="utf-8")
    # Coverage is judged on the whole file, by the first shard (or a run of every example),
    # whichever languages run.
    result = check(project, "--shard", "1/8", languages=["curl"])
    assert result.returncode == 1
    assert "error code NOT_FOUND has no example" in result.stdout
    assert "snippets/not-found/curl.sh is shown by no example" in result.stdout


def test_a_shard_runs_its_examples_whole(project: Path) -> None:
    # A slice of two examples: every N-th id, not two neighbours.
    result = check(project, "--shard", "2/12", "--no-cache")
    assert result.returncode == 0, result.stdout
    ran = [out.split()[1:3] for out in result.stdout.splitlines()
           if out.startswith("ok ") and "[" in out]
    examples = {example for example, _ in ran}
    assert len(ran) == 3 * len(examples)
    # The second of twelve slices of the sorted ids (`tests/check/test_plan.py` proves that
    # the slices of any split cover every example once).
    ids = sorted(e.id for e in load_project(project / "api.yaml").spec.examples)
    assert len(ids[1::12]) > 1
    assert examples == set(ids[1::12])


def test_bad_shard_is_a_usage_error(project: Path) -> None:
    result = check(project, "--shard", "3/2")
    assert result.returncode == 2
    assert "is not I/N" in result.stderr


@pytest.mark.parametrize("broken", [False, True], ids=["all-agree", "node-fails"])
def test_a_recording_is_written_only_when_every_language_passes(project: Path,
                                                                broken: bool) -> None:
    recording = project / "snippets" / "revoked-token" / "recording.json"
    recording.unlink()
    if broken:
        edit(project / "snippets" / "revoked-token" / "node.mjs",
             "console.log(await response.text());\n", "")
    # Beside the failing language, one that passes: its recording alone must not be kept.
    result = check(project, "--update", "revoked-token", languages=["curl", "node"])
    assert result.returncode == (1 if broken else 0), result.stdout
    assert recording.exists() is not broken, result.stdout
    if broken:
        assert "ok   revoked-token [curl]" in result.stdout
        assert "FAIL revoked-token [node]" in result.stdout
        assert "it does not print the response body it received" in result.stdout
