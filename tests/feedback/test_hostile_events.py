"""Hostile votes: refused with a JSON 400/403, never a 500, never costing another vote."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections.abc import Iterator

import httpx
import pytest

from generator.feedback.app import CollectorSettings, create_collector
from generator.feedback.client_keys import ClientKeys
from generator.feedback.store import Store, open_store
from tests.feedback.collector import EVENT, SITE, UNLIMITED, event, post

VOTE = "6f1c1b3e-2a52-4f7e-9d3a-2a8f3a1d9c11"


@pytest.mark.parametrize("body", [
    b'{"page": "/a/", "title": "t", "rating": 0, "version": "v", "ts": 1, '
    b'"comment": "\\ud800"}',
    event(comment="nul \x00 inside"),
    event(title="\x00"),
    event(page="/a\x1b[31m/"),
    b"[" * 5000,
    b'{"page": ' + b"[" * 4000 + b"]" * 4000 + b"}",
], ids=["lone-surrogate", "nul-comment", "nul-title", "escape-in-page", "nested-list",
        "nested-field"])
def test_unstorable_text_and_deep_nesting_are_400(store: Store, body: bytes) -> None:
    response = post(store, body)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_event"
    assert store.rows() == []


def _concurrently(store: Store, bodies: list[bytes],
                  settings: CollectorSettings = UNLIMITED) -> list[int]:
    app = create_collector(store, settings)

    async def send_all() -> list[int]:
        # The refused row's 500 is an answer to look at, not an error of the test.
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://collector") as client:
            responses = await asyncio.gather(*(
                client.post("/v1/feedback", content=body,
                            headers={"Content-Type": "text/plain"}) for body in bodies))
        return [r.status_code for r in responses]

    return asyncio.run(send_all())


def test_bad_votes_sent_among_honest_ones_cost_none_of_them(store: Store) -> None:
    honest = [event(page=f"/page-{n}/") for n in range(200)]
    lone_surrogate = event(comment="@").replace(b'"@"', b'"\\udc00"')
    hostile = [lone_surrogate, event(comment="\x00")] * 5
    bodies = honest[:100] + hostile + honest[100:]

    statuses = _concurrently(store, bodies)

    assert statuses.count(202) == 200 and statuses.count(400) == 10
    assert len(store.rows()) == 200


_PICKY_TABLE = (
    "CREATE TABLE feedback (id TEXT PRIMARY KEY, page TEXT NOT NULL "
    "CHECK (page != '/refused/'), title TEXT NOT NULL, rating INTEGER NOT NULL, "
    "comment TEXT, version TEXT NOT NULL, ts BIGINT NOT NULL, "
    "received_at DOUBLE PRECISION NOT NULL, client TEXT NOT NULL)")


@pytest.fixture
def picky(database: str) -> Iterator[Store]:
    """A real database that refuses one page (a CHECK constraint), as a disk or a schema
    change might refuse one row the collector thought valid."""
    if database.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(database, autocommit=True) as connection:
            connection.execute(_PICKY_TABLE)
    else:
        with sqlite3.connect(database) as connection:
            connection.execute(_PICKY_TABLE)
    opened = open_store(database)
    yield opened
    opened.close()


def test_a_row_the_database_refuses_fails_alone(picky: Store) -> None:
    bodies = [event(page=f"/page-{n}/") for n in range(30)]
    bodies.insert(15, event(page="/refused/"))

    statuses = _concurrently(picky, bodies)

    assert statuses.count(202) == 30
    assert statuses[15] == 500
    assert len(picky.rows()) == 30


@pytest.mark.parametrize(("origin", "status"), [
    (SITE, 202), ("https://evil.example", 403), ("null", 403), (None, 202)])
def test_every_write_checks_its_origin(store: Store, origin: str | None, status: int) -> None:
    settings = CollectorSettings(allow_origins=[SITE], rate_limit=0)
    response = post(store, event(), settings=settings,
                    headers={"Origin": origin} if origin else {})
    assert response.status_code == status
    if status == 403:
        assert response.json()["error"] == "origin_not_allowed"
        assert store.rows() == []


def _post_as(store: Store, address: str, body: bytes,
             settings: CollectorSettings = UNLIMITED) -> httpx.Response:
    app = create_collector(store, settings)

    async def send() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, client=(address, 40000))
        async with httpx.AsyncClient(transport=transport, base_url="http://collector") as c:
            return await c.post("/v1/feedback", content=body,
                                headers={"Content-Type": "text/plain"})

    return asyncio.run(send())


def test_a_comment_is_set_once_and_only_by_the_vote_s_own_sender(store: Store) -> None:
    assert _post_as(store, "192.0.2.1", event(id=VOTE, rating=0)).status_code == 202
    # Someone else who learnt the id cannot write the comment…
    _post_as(store, "198.51.100.7", event(id=VOTE, rating=0, comment="spam"))
    assert store.rows()[0].comment is None
    # …the reader can, once…
    _post_as(store, "192.0.2.1", event(id=VOTE, rating=0, comment="An example in Go"))
    # …and not overwrite it later, nor change the vote it belongs to.
    _post_as(store, "192.0.2.1", event(id=VOTE, rating=0, comment="changed"))
    _post_as(store, "192.0.2.1", event(id=VOTE, rating=1, comment="flipped"))
    (row,) = store.rows()
    assert (row.rating, row.comment) == (0, "An example in Go")


@pytest.mark.parametrize(("shared", "comment"), [(True, "An example in Go"), (False, None)])
def test_instances_sharing_a_client_secret_take_each_other_s_comments(
        store: Store, shared: bool, comment: str | None) -> None:
    first, second = (CollectorSettings(rate_limit=0, keys=ClientKeys(
        secret=b"shared" if shared else None)) for _ in range(2))
    _post_as(store, "192.0.2.1", event(id=VOTE, rating=0), first)
    _post_as(store, "192.0.2.1", event(id=VOTE, rating=0, comment="An example in Go"), second)
    assert store.rows()[0].comment == comment


@pytest.mark.parametrize(("method", "path", "status"), [
    ("GET", "/v1/feedback", 405), ("POST", "/nowhere", 404), ("DELETE", "/v1/feedback", 405)])
def test_every_error_status_has_the_json_shape(store: Store, method: str, path: str,
                                               status: int) -> None:
    response = post(store, b"", method=method, path=path)
    assert response.status_code == status
    assert set(response.json()) == {"error", "message"}
    if status == 405:
        assert response.headers["allow"] == "POST"


def test_x_forwarded_for_is_ignored_unless_proxies_are_trusted(store: Store) -> None:
    app = create_collector(store, CollectorSettings(rate_limit=2))

    async def spoof() -> list[int]:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://collector") as client:
            return [(await client.post("/v1/feedback", content=json.dumps(EVENT), headers={
                "Content-Type": "text/plain", "X-Forwarded-For": f"203.0.113.{n}"})).status_code
                for n in range(3)]

    assert asyncio.run(spoof()) == [202, 202, 429]
