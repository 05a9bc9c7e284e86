"""The general promises judged on one exchange: HSTS, a code's headers, Allow, a page."""

from __future__ import annotations

import json

from generator.check.judging.compare import compare
from generator.check.running.exchange import Exchange
from generator.model import load_project
from tests.conftest import REPO

PROJECT = load_project(REPO / "api.yaml")
SPEC = PROJECT.spec
INDEX = {example.id: index for index, example in enumerate(SPEC.examples)}


def _judged(example_id: str, status: int, headers: dict[str, str], body: object,
            path: str | None = None) -> list[str]:
    example = SPEC.examples[INDEX[example_id]]
    request = example.request
    sent = {name.lower(): "x" for name in (request.header, request.conflicting_header) if name}
    exchange = Exchange(request.method, path or request.path, sent, b"", status,
                        {k.lower(): v for k, v in headers.items()}, json.dumps(body).encode())
    return [d.what for d in compare(SPEC, INDEX[example_id], exchange)]


def _error(code: str) -> dict[str, str]:
    return SPEC.error(code).body()  # type: ignore[return-value]


HSTS = {"Strict-Transport-Security": "max-age=1", "Cache-Control": "no-store"}


def test_allow_is_the_paths_methods_in_any_order() -> None:
    assert SPEC.allowed_methods("/jobs/job_1") == ["GET", "HEAD"]
    assert SPEC.allowed_methods("/jobs?limit=2") == ["GET", "HEAD", "POST"]
    ok = _judged("method-not-allowed", 405, {**HSTS, "Allow": "POST, GET, HEAD"},
                 _error("METHOD_NOT_ALLOWED"))
    assert ok == []
    short = _judged("method-not-allowed", 405, {**HSTS, "Allow": "GET, POST"},
                    _error("METHOD_NOT_ALLOWED"))
    assert short == ["header Allow (every 405 of this path)"]


def test_every_https_answer_carries_hsts() -> None:
    found = _judged("method-not-allowed", 405, {"Allow": "GET, HEAD, POST"},
                    _error("METHOD_NOT_ALLOWED"))
    assert found == ["header Strict-Transport-Security (every HTTPS answer)"]


def test_a_codes_challenge_is_exact() -> None:
    found = _judged("conflicting-credentials", 401, {
        **HSTS, "WWW-Authenticate": 'Bearer realm="trustleads", error="invalid_request"'},
        _error("CONFLICTING_CREDENTIALS"))
    assert found == ["header WWW-Authenticate (every CONFLICTING_CREDENTIALS)"]


def test_a_page_is_full_while_more_follow_and_oldest_first() -> None:
    def job(day: int) -> dict[str, object]:
        return {"id": f"job_{day:016x}", "name": "n", "status": "queued", "lead_count": 1,
                "created_at": f"2026-01-{day:02d}T00:00:00Z"}

    ascending = {"data": [job(day) for day in range(1, 11)], "has_more": True}
    assert not [w for w in _judged("list-jobs-bearer", 200, HSTS, ascending) if "(" in w]
    newest = {"data": [job(day) for day in range(10, 0, -1)], "has_more": True}
    assert "body $.data (oldest first by created_at)" in _judged(
        "list-jobs-bearer", 200, HSTS, newest)
    short = {"data": [job(day) for day in range(1, 6)], "has_more": True}
    assert "body $.data (a page of 10 while more follow)" in _judged(
        "list-jobs-bearer", 200, HSTS, short)
