"""Fuzzing the event endpoint: valid and invalid events interleaved and sent at once.

Every valid event is acknowledged and stored; every invalid one is a JSON 4xx; nothing is
a 500. Runs on SQLite and on PostgreSQL (the `database` fixture's server).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import httpx
import psycopg
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.feedback.app import CollectorSettings, create_collector
from generator.feedback.store import Store, open_store

SETTINGS = CollectorSettings(rate_limit=0)

_plain_text = st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\0"),
                      max_size=60)
_page = st.text(st.characters(blacklist_categories=["Cs", "Cc", "Cf", "Co", "Cn", "Zs", "Zl",
                                                    "Zp"]),
                max_size=40).map(lambda rest: "/" + rest)

valid_events = st.fixed_dictionaries({
    "id": st.uuids(version=4).map(str),
    "page": _page,
    "title": _plain_text,
    "rating": st.sampled_from([0, 1]),
    "comment": st.none() | _plain_text,
    "version": st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7e), min_size=1,
                       max_size=64),
    "ts": st.integers(0, 10**14 - 1),
})

_json = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
                     lambda inner: st.lists(inner, max_size=4)
                     | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)
_unstorable = st.sampled_from(["\0", "a\0b", "\ud800", "x\udfff"])


@st.composite
def invalid_bodies(draw: st.DrawFn) -> bytes:
    """An event broken in one way: a field of the wrong kind, unstorable text, an unknown
    field, deep nesting, or not JSON at all."""
    event: dict[str, Any] = draw(valid_events)
    how = draw(st.sampled_from(["wrong-value", "unstorable", "unknown", "nested", "bytes"]))
    if how == "bytes":
        return draw(st.binary(max_size=200).filter(lambda b: not b.strip().startswith(b"{")))
    if how == "nested":
        return b'{"page": ' + b"[" * draw(st.integers(1000, 3000)) + b"}"
    if how == "unknown":
        event[draw(st.sampled_from(["extra", "ID", "__proto__"]))] = draw(_json)
    elif how == "unstorable":
        event[draw(st.sampled_from(["page", "title", "comment", "version"]))] = \
            "/" + draw(_unstorable)
    else:
        field = draw(st.sampled_from(["page", "rating", "ts", "id", "version"]))
        event[field] = draw(_json.filter(lambda v: not _acceptable(field, v)))
    return json.dumps(event).encode("utf-8", "surrogatepass")


def _acceptable(field: str, value: Any) -> bool:
    """Whether a random value happens to be valid for `field` (then it is not a mutation)."""
    if field == "rating":
        return value in (0, 1) and not isinstance(value, bool)
    if field == "ts":
        return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**14
    if field == "version":
        return isinstance(value, str) and 0 < len(value) <= 128
    if field == "id":
        return not value
    return isinstance(value, str) and value.startswith("/")


@contextmanager
def fresh_store(database: str) -> Iterator[Store]:
    """An empty store in `database` (a SQLite file's folder is made anew each time)."""
    if database.startswith("postgresql://"):
        url = database
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute("DROP TABLE IF EXISTS feedback")
        store = open_store(url)
        try:
            yield store
        finally:
            store.close()
        return
    with TemporaryDirectory() as folder:
        store = open_store(str(Path(folder) / "fuzz.sqlite3"))
        try:
            yield store
        finally:
            store.close()


def _send_all(store: Store, bodies: list[bytes]) -> list[httpx.Response]:
    app = create_collector(store, SETTINGS)

    async def send() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://collector") as c:
            return await asyncio.gather(*(
                c.post("/v1/feedback", content=body, headers={"Content-Type": "text/plain"})
                for body in bodies))

    return asyncio.run(send())


# `database` is made once per test, not per example: fresh_store empties it for each one.
@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(batch=st.lists(st.one_of(valid_events.map(lambda e: ("valid", e)),
                                invalid_bodies().map(lambda b: ("invalid", b))),
                      min_size=1, max_size=30))
def test_every_valid_event_is_stored_whatever_is_sent_with_it(
        database: str, batch: list[tuple[str, Any]]) -> None:
    # Ids unique within the batch, so that each valid event is its own row.
    valid = {e["id"]: e for tag, e in batch if tag == "valid"}
    bodies = [json.dumps(item).encode() if tag == "valid" else item for tag, item in batch]
    with fresh_store(database) as store:
        responses = _send_all(store, bodies)
        rows = store.rows()

    for (tag, _), response in zip(batch, responses, strict=True):
        assert response.status_code != 500
        assert response.status_code == (202 if tag == "valid" else 400), response.text
        assert set(response.json()) == ({"id"} if tag == "valid" else {"error", "message"})
    assert sorted((r.page, r.rating) for r in rows) == sorted(
        (e["page"], e["rating"]) for e in valid.values())

