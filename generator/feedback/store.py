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
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from ..errors import GuidesError
from .event import Event

__all__ = ["OUTAGE_WAIT", "RETRY_AFTER", "DatabaseError", "Row", "Store", "Unavailable", "masked",
           "open_store"]

_COLUMNS = "id, page, title, rating, comment, version, ts, received_at, client"
#: A vote's id comes back with its comment: the comment is taken once, and only from the
#: submission that cast the vote (same client, page, rating and version), so knowing an id
#: is not enough to change what a reader wrote.
_COMMENT_ONCE = (
    "ON CONFLICT (id) DO UPDATE SET comment = excluded.comment "
    "WHERE feedback.comment IS NULL AND feedback.client = excluded.client "
    "AND feedback.page = excluded.page AND feedback.rating = excluded.rating "
    "AND feedback.version = excluded.version")


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


#: Seconds a vote waits for an unreachable database (restarting, failing over) before it
#: is answered 503; well within the front proxy's proxy_read_timeout.
OUTAGE_WAIT = 5.0
#: What a 503 tells the client to wait before sending again, in seconds.
RETRY_AFTER = 30


class Unavailable(Exception):
    """The database did not answer within the vote's deadline; nothing was stored."""


class _Database(Protocol):
    def write(self, batch: Sequence[tuple[Any, ...]], deadline: float) -> None:
        """Commit `batch`, waiting for the database until `deadline` (`time.monotonic`)."""

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

    def write(self, batch: Sequence[tuple[Any, ...]], deadline: float) -> None:
        # A local file: no outage to wait out.
        with self._writer:
            self._writer.executemany(
                f"INSERT INTO feedback ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + _COMMENT_ONCE, batch)

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
    """Connections from a pool that replaces broken ones, so a restarted server is used
    again without restarting the collector."""

    def __init__(self, url: str) -> None:
        # Only deployments with PostgreSQL need these.
        import psycopg
        from psycopg_pool import ConnectionPool

        self._psycopg = psycopg
        # A first connection of its own: an unusable URL is then psycopg's own clear error.
        with psycopg.connect(url) as connection, connection.transaction():
            connection.execute("""
                CREATE TABLE IF NOT EXISTS feedback (
                    id TEXT PRIMARY KEY, page TEXT NOT NULL, title TEXT NOT NULL,
                    rating INTEGER NOT NULL, comment TEXT, version TEXT NOT NULL,
                    ts BIGINT NOT NULL, received_at DOUBLE PRECISION NOT NULL,
                    client TEXT NOT NULL)""")
            connection.execute("CREATE INDEX IF NOT EXISTS feedback_received "
                               "ON feedback (received_at)")
        # check: a connection is tested as it leaves the pool, so one the server dropped
        # (a restart) is replaced rather than failing a vote.
        self._pool = ConnectionPool(url, min_size=1, max_size=4, open=False,
                                    check=ConnectionPool.check_connection,
                                    reconnect_timeout=OUTAGE_WAIT)
        self._pool.open(wait=True, timeout=OUTAGE_WAIT)

    def write(self, batch: Sequence[tuple[Any, ...]], deadline: float) -> None:
        from psycopg_pool import PoolTimeout  # PostgreSQL deployments only, as above

        while True:
            try:
                with self._pool.connection(timeout=max(deadline - time.monotonic(), 0.05)) \
                        as connection, connection.transaction(), connection.cursor() as cursor:
                    cursor.executemany(
                        f"INSERT INTO feedback ({_COLUMNS}) "
                        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) " + _COMMENT_ONCE, batch)
                return
            except PoolTimeout as err:
                raise Unavailable(str(err)) from err
            except self._psycopg.OperationalError as err:
                # The connection broke under the write (the server stopped or restarted);
                # the pool drops it. Writing again is safe: a vote's id makes it idempotent.
                if time.monotonic() >= deadline:
                    raise Unavailable(str(err)) from err
                time.sleep(0.1)

    def rows(self, since: float) -> list[Row]:
        with self._pool.connection(timeout=OUTAGE_WAIT) as reader:
            return [Row(*row) for row in reader.execute(
                "SELECT page, title, rating, comment, version, received_at FROM feedback "
                "WHERE received_at >= %s ORDER BY received_at", (since,))]

    def close(self) -> None:
        self._pool.close()


_Pending = tuple[tuple[Any, ...], float, "asyncio.Future[None]"]


class Store:
    """Durable, batched storage of events; `add` returns once the event is committed, or
    raises `Unavailable` when the database did not answer within `OUTAGE_WAIT`."""

    def __init__(self, database: _Database) -> None:
        self._database = database
        self._pending: list[_Pending] = []
        self._writing = False

    async def add(self, event: Event, client: str) -> None:
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._pending.append(((event.id, event.page, event.title, event.rating, event.comment,
                               event.version, event.ts, time.time(), client),
                              time.monotonic() + OUTAGE_WAIT, future))
        if not self._writing:
            self._writing = True
            asyncio.get_running_loop().create_task(self._write_all())
        await future

    async def _write_all(self) -> None:
        try:
            while self._pending:
                batch, self._pending = self._pending, []
                # The batch waits no longer than its oldest vote may.
                deadline = min(deadline for _, deadline, _ in batch)
                try:
                    await asyncio.to_thread(self._database.write,
                                            [row for row, _, _ in batch], deadline)
                except Unavailable as err:
                    for _, _, future in batch:
                        future.set_exception(Unavailable(str(err)))
                except Exception:
                    # Events are validated before they get here, but one row the database
                    # still refuses must not fail the others that shared its commit.
                    await self._write_one_by_one(batch)
                else:
                    for _, _, future in batch:
                        future.set_result(None)
        finally:
            self._writing = False

    async def _write_one_by_one(self, batch: list[_Pending]) -> None:
        for row, deadline, future in batch:
            try:
                await asyncio.to_thread(self._database.write, [row], deadline)
            except Exception as err:
                future.set_exception(err)
            else:
                future.set_result(None)

    def rows(self, since: float = 0.0) -> list[Row]:
        return self._database.rows(since)

    def close(self) -> None:
        self._database.close()


class DatabaseError(GuidesError):
    """The database named by ``--db`` cannot be used."""


def masked(location: str) -> str:
    """`location` fit to print: the password of a URL replaced by ``***``."""
    parts = urlsplit(location)
    if parts.password is None:
        return location
    netloc = parts.netloc.rpartition("@")
    user = netloc[0].partition(":")[0]
    return parts._replace(netloc=f"{user}:***@{netloc[2]}").geturl()


def _one_line(err: Exception, location: str) -> str:
    text = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
    password = urlsplit(location).password
    return text.replace(password, "***") if password else text


def open_store(location: str) -> Store:
    """A ``postgresql://`` URL or a SQLite file path; `DatabaseError` when it is unusable."""
    if not location:
        raise DatabaseError("--db is empty: give a SQLite file or a postgresql:// URL")
    if location.startswith(("postgresql://", "postgres://")):
        import psycopg  # only deployments with PostgreSQL need it

        try:
            return Store(_Postgres(location))
        except psycopg.Error as err:
            raise DatabaseError(f"cannot use the database {masked(location)}: "
                                f"{_one_line(err, location)}") from err
    path = Path(location)
    if path.is_dir():
        raise DatabaseError(f"{location} is a folder; --db needs a SQLite file in it")
    if not path.parent.is_dir():
        raise DatabaseError(f"{location}: the folder {path.parent} does not exist")
    try:
        return Store(_SQLite(location))
    except sqlite3.Error as err:
        raise DatabaseError(f"{location} is not a usable SQLite database: "
                            f"{_one_line(err, location)}") from err
