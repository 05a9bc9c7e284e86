"""An answer cannot make the redactor slow: what one text may have decoded is bounded.

A hostile answer of 20,000 distinct base64 runs, or base64 of base64 of base64, took the
redactor tens of seconds for one text, and no deadline stops it. Beyond its budget a text is
shown only by its length; what a check meets otherwise (the sandbox's answers, a known key
in gzip+base64 of base32) is judged as before.
"""

from __future__ import annotations

import base64
import gzip
import json
import secrets
import time

from generator.check.guarding.redaction import REDACTED, Redactor
from tests.conftest import REPO

KEY = "lfk_" + secrets.token_urlsafe(24)
#: CPU seconds one text may take here, on a loaded machine.
BOUND = 3.0


def _timed(redact: Redactor, text: str) -> tuple[str, float]:
    start = time.process_time()
    out = redact(text)
    return out, time.process_time() - start


def test_twenty_thousand_distinct_runs_are_shown_by_length() -> None:
    text = " ".join(base64.b64encode(secrets.token_bytes(18)).decode() for _ in range(20_000))
    out, seconds = _timed(Redactor([KEY], "lfk_"), json.dumps({"message": text}))
    assert out == f"[opaque, {len(text) + 15} characters]"
    assert seconds < BOUND


def test_triple_base64_is_shown_by_length() -> None:
    inner = secrets.token_bytes(7_500) + KEY.encode()
    text = base64.b64encode(base64.b64encode(base64.b64encode(inner))).decode()
    assert len(text) > 17_000
    out, seconds = _timed(Redactor([KEY], "lfk_"), text)
    assert out == f"[opaque, {len(text)} characters]" and KEY not in out
    assert seconds < BOUND


def test_a_known_key_in_gzip_base64_of_base32_is_still_found() -> None:
    hidden = base64.b64encode(gzip.compress(base64.b32encode(KEY.encode()))).decode()
    assert Redactor([KEY], "lfk_")(f"token: {hidden} ok") == f"token: {REDACTED} ok"


def test_the_sandbox_answers_stay_within_the_budget() -> None:
    redact = Redactor([KEY], "lfk_")
    recordings = sorted((REPO / "snippets").glob("*/recording.json"))
    assert recordings
    for recording in recordings:
        text = json.dumps(json.loads(recording.read_text(encoding="utf-8"))["response"])
        assert "[opaque, " not in redact(text), recording
    # A page of a hundred jobs, as a sample could print it.
    page = json.dumps({"data": [{"id": f"job_{secrets.token_hex(8)}",
                                 "created_at": "2026-12-06T15:21:07Z"} for _ in range(100)]})
    assert redact(page) == page
