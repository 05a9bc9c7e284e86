"""The collector's contract: validation, limits, CORS, summary, and durable acknowledgements."""

from __future__ import annotations

import asyncio
import json
import os
import signal
from pathlib import Path

import httpx
import pytest

from generator.feedback.app import CollectorSettings, create_collector
from generator.feedback.store import Store, open_store
from tests.conftest import free_port
from tests.feedback.collector import EVENT, SITE, event, post, start_collector


def test_a_valid_event_is_stored_and_acknowledged(store: Store) -> None:
    response = post(store, event(rating=0, comment="More curl examples"))
    assert response.status_code == 202
    (row,) = store.rows()
    assert (row.page, row.rating, row.comment) == ("/api-authentication/", 0, "More curl examples")


def test_a_comment_sent_after_the_vote_updates_it(store: Store) -> None:
    vote = "6f1c1b3e-2a52-4f7e-9d3a-2a8f3a1d9c11"
    assert post(store, event(id=vote, rating=0)).status_code == 202
    assert post(store, event(id=vote, rating=0, comment="An example in Go")).status_code == 202
    (row,) = store.rows()
    assert row.comment == "An example in Go"


@pytest.mark.parametrize(("body", "message"), [
    (b"not json", "the body is not JSON"),
    (b"[1, 2]", "the event must be a JSON object"),
    (event(extra=1), "unknown field 'extra'"),
    (json.dumps({k: v for k, v in EVENT.items() if k != "page"}).encode(), "missing field 'page'"),
    (event(page="api-authentication"), "page must be a URL path"),
    (event(rating=5), "rating must be one of [0, 1]"),
    (event(rating=True), "rating must be one of [0, 1]"),
    (event(comment="x" * 2001), "comment must be text of at most 2000 characters"),
    (event(ts="yesterday"), "ts must be milliseconds since the epoch"),
    (event(id="not-a-uuid"), "id must be a UUID"),
])
def test_bad_events_are_400_and_nothing_is_stored(store: Store, body: bytes,
                                                 message: str) -> None:
    response = post(store, body)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_event"
    assert message in response.json()["message"]
    assert store.rows() == []


def test_oversize_and_wrong_media_type(store: Store) -> None:
    assert post(store, event(title="x" * 9000)).status_code == 413
    assert post(store, event(), content_type="application/x-www-form-urlencoded"
                ).status_code == 415
    assert post(store, event(), content_type="application/json").status_code == 202
    assert len(store.rows()) == 1


def test_one_client_is_rate_limited_per_minute(store: Store) -> None:
    app_settings = CollectorSettings(rate_limit=3)
    app = create_collector(store, app_settings)

    async def burst() -> list[httpx.Response]:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://collector") as client:
            return [await client.post("/v1/feedback", content=event(),
                                      headers={"Content-Type": "text/plain"})
                    for _ in range(4)]

    statuses = asyncio.run(burst())
    assert [r.status_code for r in statuses] == [202, 202, 202, 429]
    assert 1 <= int(statuses[-1].headers["retry-after"]) <= 60
    assert len(store.rows()) == 3


def test_cors_answers_only_allowed_origins(store: Store) -> None:
    settings = CollectorSettings(allow_origins=[SITE], rate_limit=0)
    preflight = {"Origin": SITE, "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "content-type"}
    allowed = post(store, b"", method="OPTIONS", settings=settings, headers=preflight)
    assert allowed.headers["access-control-allow-origin"] == SITE
    denied = post(store, b"", method="OPTIONS", settings=settings,
                  headers={**preflight, "Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in denied.headers
    assert denied.json() == {"error": "cors_refused", "message": "Disallowed CORS origin"}
    simple = post(store, event(), settings=settings, headers={"Origin": SITE})
    assert simple.headers["access-control-allow-origin"] == SITE
    assert "set-cookie" not in simple.headers


def test_summary_needs_the_admin_token(store: Store) -> None:
    settings = CollectorSettings(admin_token="t0ken", rate_limit=0)
    post(store, event(), settings=settings)
    assert post(store, b"", method="GET", path="/v1/feedback/summary",
                settings=settings).status_code == 401
    summary = post(store, b"", method="GET", path="/v1/feedback/summary", settings=settings,
                   headers={"Authorization": "Bearer t0ken"}).json()
    assert summary["pages"][0]["page"] == "/api-authentication/"
    assert summary["pages"][0]["helpful"] == 1


def test_the_raw_address_is_never_stored(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "f.sqlite3"))
    try:
        post(store, event())
    finally:
        store.close()
    raw = (tmp_path / "f.sqlite3").read_bytes() + b"".join(
        p.read_bytes() for p in tmp_path.glob("f.sqlite3-*"))
    assert b"127.0.0.1" not in raw


@pytest.mark.e2e
def test_an_acknowledged_event_survives_sigkill(database: str, tmp_path: Path) -> None:
    port = free_port()
    process = start_collector(database, port, tmp_path / "log")
    acknowledged = []
    try:
        for number in range(20):
            response = httpx.post(f"http://127.0.0.1:{port}/v1/feedback",
                                  content=event(page=f"/page-{number}/"),
                                  headers={"Content-Type": "text/plain"})
            assert response.status_code == 202
            acknowledged.append(response.json()["id"])
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    restarted = start_collector(database, port, tmp_path / "log")
    restarted.terminate()
    restarted.wait(timeout=30)
    store = open_store(database)
    try:
        assert sorted(r.page for r in store.rows()) == sorted(f"/page-{n}/" for n in range(20))
    finally:
        store.close()
