"""A credential an API echoes, in any encoding, reaches none of the check's outputs.

Hypothesis spells a known credential in every encoding an API could echo it in (raw,
base64 standard and URL-safe, padded or not, at any byte offset, inside ``user:pass``,
hex, percent-encoded, JSON-escaped), embeds it anywhere in an answer, and hands that
answer to each writer: console, JUnit, GitHub annotations, recording, run cache, and
``--update`` (which refuses and leaves api.yaml byte-identical).
"""

from __future__ import annotations

import base64
import io
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.check.guarding.redaction import Redactor
from generator.check.plan import plan_runs
from generator.check.reporting.console import CheckConsole
from generator.check.reporting.report import github_annotations, write_junit
from generator.check.results import Failure, Result
from generator.check.running.exchange import Exchange
from generator.check.storing.recording import record
from generator.check.storing.update import apply_updates
from generator.model import Project, load_project
from tests.check.judging.test_compare import exchange, recorded_body
from tests.check.storing.test_update_plan import diverging
from tests.conftest import REPO, copy_project

KEY_PREFIX = "lfk_"
_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-."

secrets = st.one_of(
    st.text(_ALPHABET, min_size=20, max_size=48).map(lambda tail: "lfk_sk_" + tail),
    st.text(_ALPHABET, min_size=24, max_size=80))


def _b64(data: bytes, urlsafe: bool, padded: bool) -> str:
    text = (base64.urlsafe_b64encode if urlsafe else base64.b64encode)(data).decode()
    return text if padded else text.rstrip("=")


@st.composite
def spellings(draw: st.DrawFn, secret: str) -> str:
    """`secret` as an API could echo it."""
    data = secret.encode()
    kind = draw(st.sampled_from(["raw", "base64", "basic", "hex", "percent", "json",
                                 "json-dumps"]))
    if kind == "raw":
        return secret
    if kind == "base64":
        # Any byte offset: what precedes it shifts the secret's bits within base64 groups.
        before = draw(st.binary(max_size=5))
        return _b64(before + data + draw(st.binary(max_size=5)), draw(st.booleans()),
                    draw(st.booleans()))
    if kind == "basic":
        user = draw(st.text("abcdefghijklmnopqrstuvwxyz0123456789", max_size=12))
        pair = f"{user}:{secret}" if draw(st.booleans()) else f"{secret}:{user}"
        return "Basic " + base64.b64encode(pair.encode()).decode()
    if kind == "hex":
        text = data.hex()
        return text.upper() if draw(st.booleans()) else text
    if kind == "percent":
        every = draw(st.booleans())
        return "".join(f"%{ord(c):02X}" if every or not c.isalnum() else c for c in secret)
    if kind == "json":
        escaped = draw(st.lists(st.booleans(), min_size=len(secret), max_size=len(secret)))
        return "".join(f"\\u{ord(c):04x}" if e else c for c, e in zip(secret, escaped,
                                                                       strict=True))
    return json.dumps(secret)


@st.composite
def echoes(draw: st.DrawFn) -> tuple[str, str, str]:
    """(secret, its spelling, a message embedding it anywhere)."""
    secret = draw(secrets)
    spelled = draw(spellings(secret))
    before = draw(st.text(max_size=30))
    after = draw(st.text(max_size=30))
    return secret, spelled, f"{before}{spelled}{after}"


def _leaks(text: str, secret: str, spelled: str) -> bool:
    return spelled in text or secret in text


@given(echoes())
@settings(max_examples=400, deadline=None)
def test_any_spelling_is_redacted(echo: tuple[str, str, str]) -> None:
    secret, spelled, message = echo
    assert not _leaks(Redactor([secret], KEY_PREFIX)(message), secret, spelled)


@pytest.fixture(scope="module")
def copied(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """One copy of the repository's project for the module: a refusal writes nothing."""
    root = copy_project(REPO, tmp_path_factory.mktemp("redaction") / "project")
    return load_project(root / "api.yaml")


def _writers(copied: Project, redact: Redactor, message: str) -> dict[str, str]:
    """What each writer writes for an answer holding `message`."""
    result = Result("revoked-token", "curl", [Failure(
        f"body $.message: expected 'x', got {message!r}", "snippets/x/curl.sh:1", 3)])
    console = io.StringIO()
    CheckConsole(console, redact, "api.yaml", interactive=False).result(result)
    with tempfile.TemporaryDirectory() as tmp:
        junit = Path(tmp) / "report.xml"
        write_junit([result], junit, "api.yaml", redact)
        report = junit.read_text(encoding="utf-8")
    annotations = io.StringIO()
    github_annotations([result], "api.yaml", redact, annotations)
    body = recorded_body("revoked-token") | {"message": message}
    answered = exchange("revoked-token", body=body,
                        headers={"content-type": "application/json", "location": message})
    example = next(e for e in copied.spec.examples if e.id == "revoked-token")
    recording = record(copied, example, answered, redact)
    cached = answered.redacted(redact).to_json()
    return {"console": console.getvalue(), "junit": report,
            "annotations": annotations.getvalue(),
            "recording": json.dumps(recording.recording, ensure_ascii=False),
            # The cache holds bodies as base64: decoded, as a reader of the file would.
            "cache": json.dumps(cached) + repr(Exchange.from_json(cached))}


@given(echo=echoes())
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_no_writer_lets_an_echoed_credential_through(echo: tuple[str, str, str],
                                                     copied: Project) -> None:
    secret, spelled, message = echo
    redact = Redactor([secret], KEY_PREFIX)
    for writer, text in _writers(copied, redact, message).items():
        assert not _leaks(text.replace("\\\\", "\\"), secret, spelled), writer
        assert not _leaks(json.loads(json.dumps(text)), secret, spelled), writer


@given(echo=echoes())
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_update_refuses_a_credential_and_writes_nothing(echo: tuple[str, str, str],
                                                        copied: Project) -> None:
    secret, spelled, message = echo
    spec = copied.root / "api.yaml"
    before = spec.read_bytes()
    runs = plan_runs(copied, {"revoked-token"})
    answer: dict[str, Any] = {"body": recorded_body("revoked-token") | {"message": message}}
    divergences = [pair for run in runs for pair in diverging(copied, run, **answer)]

    plan = apply_updates(copied, runs, divergences, Redactor([secret], KEY_PREFIX))

    assert plan.changes == [] and plan.refusals, plan
    assert "holds a credential" in plan.refusals[0]
    assert not any(_leaks(text, secret, spelled) for text in plan.refusals)
    assert spec.read_bytes() == before


def test_an_update_without_a_credential_is_still_written(tmp_path: Path) -> None:
    """The refusal is for credentials only: an ordinary new message is written."""
    root = copy_project(REPO, tmp_path / "project")
    copied = load_project(root / "api.yaml")
    runs = plan_runs(copied, {"revoked-token"})
    answer = {"body": recorded_body("revoked-token") | {"message": "Key revoked, sorry."}}
    divergences = [pair for run in runs for pair in diverging(copied, run, **answer)]
    plan = apply_updates(copied, runs, divergences, Redactor(["lfk_sk_" + "Q" * 24],
                                                             KEY_PREFIX))
    assert plan.refusals == [] and len(plan.changes) == 1

