"""Recordings: what the samples exchanged, committed beside them and kept fresh by the check."""

from __future__ import annotations

import json
from pathlib import Path

from tests.check.test_drift import check

RECORDING = Path("snippets") / "revoked-token" / "recording.json"


def test_an_unchanged_api_rewrites_no_recording(project: Path) -> None:
    before = {p: p.read_bytes() for p in (project / "snippets").rglob("recording.json")}
    assert before
    # Every recording is compared by any whole check (the drift tests' pristine run).
    result = check(project, "--update", "--no-cache", "revoked-token", "create-job",
                   "list-jobs-page-by-page")
    assert result.returncode == 0, result.stdout
    assert "recorded " not in result.stdout
    assert {p: p.read_bytes() for p in before} == before


def test_a_stale_recording_fails_and_update_records_anew(project: Path) -> None:
    path = project / RECORDING
    recording = json.loads(path.read_text(encoding="utf-8"))
    recording["response"]["body"]["message"] = "The key was revoked."
    recording["verified"]["on"] = "2026-01-02"
    path.write_text(json.dumps(recording, indent=2) + "\n", encoding="utf-8")

    stale = check(project, "revoked-token")
    assert stale.returncode == 1
    assert ("FAIL revoked-token [recording]" in stale.stdout
            and f"{RECORDING.as_posix()} is stale: $.response.body.message: recorded "
                '"The key was revoked.", the API now answers "The provided API key has been '
                'revoked."' in stale.stdout), stale.stdout

    updated = check(project, "--update", "revoked-token")
    assert updated.returncode == 0, updated.stdout
    assert f"recorded {RECORDING.as_posix()}" in updated.stdout
    fresh = json.loads(path.read_text(encoding="utf-8"))
    assert fresh["response"]["body"]["message"] == "The provided API key has been revoked."
    assert fresh["verified"]["on"] != "2026-01-02"
    assert check(project, "revoked-token").returncode == 0


def test_a_recording_holds_no_credential_and_the_documented_address(project: Path) -> None:
    for path in (project / "snippets").rglob("recording.json"):
        text = path.read_text(encoding="utf-8")
        assert "lfk_sk_" not in text and "eyJ" not in text and "127.0.0.1" not in text, path
    redirect = json.loads((project / "snippets/http-redirect/recording.json").read_text())
    assert redirect["response"]["headers"]["location"] == "https://api.trustleads.ai/v1/jobs"


def test_a_missing_recording_is_named(project: Path) -> None:
    (project / RECORDING).unlink()
    result = check(project, "revoked-token")
    assert result.returncode == 1
    assert f"{RECORDING.as_posix()} is stale: it has no recording yet" in result.stdout
