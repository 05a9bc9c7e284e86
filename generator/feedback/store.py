"""Where votes go: SQLite (WAL, synchronous=FULL) or PostgreSQL, with group commit.

An event is acknowledged only once its transaction is committed. Requests arriving while a
commit is in progress wait for the next one, which takes all of them at once: one fsync for
many events, so durability does not cap throughput.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from .event import Event

__all__ = ["Row", "Store", "open_store"]

_COLUMNS = "id, page, title, rating, comment, version, ts, received_at, client"


@dataclass(frozen=True)
class Row:
    page: str
    title: str
    rating: int
    comment: str | None
    version: str
    """Content hash of the api.yaml the page was built from."""
    received_at: float
    """Seconds since the epoch, by the collector's clock."""


class _Database(Protocol):
    def write(self, batch: Sequence[tuple[Any, ...]]) -> None: ...

    def rows(self, since: float) -> list[Row]: ...

    def close(self) -> None: ...


class _SQLite:
    def __init__(self, path: str) -> None:
        self._path = path
        self._writer = self._connect()
        self._writer.executescript(f"""
            CREATE TABLE IF NOT EXISTS feedback (
                id TEXT PRIMARY KEY, page TEXT NOT NULL, title TEXT NOT NULL,
                rating INTEGER NOT NULL, comment TEXT, version TEXT NOT NULL,
                ts INTEGER NOT NULL, received_at REAL NOT NULL, client TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS feedback_received ON feedback (received_at);
            SELECT {_COLUMNS} FROM feedback LIMIT 0;""")

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self._path, check_same_thread=False, timeout=30)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=FULL")
        return connection

    def write(self, batch: Sequence[tuple[Any, ...]]) -> None:
        with self._writer:
            self._writer.executemany(
                f"INSERT INTO feedback ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET comment = excluded.comment", batch)

    def rows(self, since: float) -> list[Row]:
        reader = self._connect()
        try:
            return [Row(*row) for row in reader.execute(
                "SELECT page, title, rating, comment, version, received_at FROM feedback "
                "WHERE received_at >= ? ORDER BY received_at", (since,))]
        finally:
            reader.close()

    def close(self) -> None:
        self._writer.close()


class _Postgres:
    def __init__(self, url: str) -> None:
        import psycopg  # only deployments with PostgreSQL need it

        self._url = url
        self._psycopg = psycopg
        self._writer = psycopg.connect(url)
        with self._writer.transaction():
            self._writer.execute("""
                CREATE TABLE IF NOT EXISTS feedback (
                    id TEXT PRIMARY KEY, page TEXT NOT NULL, title TEXT NOT NULL,
                    rating INTEGER NOT NULL, comment TEXT, version TEXT NOT NULL,
                    ts BIGINT NOT NULL, received_at DOUBLE PRECISION NOT NULL,
                    client TEXT NOT NULL)""")
            self._writer.execute("CREATE INDEX IF NOT EXISTS feedback_received "
                                 "ON feedback (received_at)")

    def write(self, batch: Sequence[tuple[Any, ...]]) -> None:
        with self._writer.transaction(), self._writer.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO feedback ({_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) "
                "ON CONFLICT (id) DO UPDATE SET comment = excluded.comment", batch)

    def rows(self, since: float) -> list[Row]:
        with self._psycopg.connect(self._url) as reader:
            return [Row(*row) for row in reader.execute(
                "SELECT page, title, rating, comment, version, received_at FROM feedback "
                "WHERE received_at >= %s ORDER BY received_at", (since,))]

    def close(self) -> None:
        self._writer.close()


class Store:
    """Durable, batched storage of events; `add` returns once the event is committed."""

    def __init__(self, database: _Database) -> None:
        self._database = database
        self._pending: list[tuple[tuple[Any, ...], asyncio.Future[None]]] = []
        self._writing = False

    async def add(self, event: Event, client: str) -> None:
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._pending.append(((event.id, event.page, event.title, event.rating, event.comment,
                               event.version, event.ts, time.time(), client), future))
        if not self._writing:
            self._writing = True
            asyncio.get_running_loop().create_task(self._write_all())
        await future

    async def _write_all(self) -> None:
        try:
            while self._pending:
                batch, self._pending = self._pending, []
                try:
                    await asyncio.to_thread(self._database.write, [row for row, _ in batch])
                except Exception as err:
                    for _, future in batch:
                        future.set_exception(err)
                else:
                    for _, future in batch:
                        future.set_result(None)
        finally:
            self._writing = False

    def rows(self, since: float = 0.0) -> list[Row]:
        return self._database.rows(since)

    def close(self) -> None:
        self._database.close()


def open_store(location: str) -> Store:
    """A ``postgresql://`` URL or a SQLite file path."""
    if location.startswith(("postgresql://", "postgres://")):
        return Store(_Postgres(location))
    return Store(_SQLite(location))
