"""The feedback collector under load, on loopback: throughput, p99, and no acknowledged loss.

Run with ``make bench`` (needs wrk: ``apt-get install wrk``). Against the SQLite collector
(WAL, synchronous=FULL, group commit):

1. wrk posts events for 10 s from 64 connections: events/s and latency percentiles;
2. a load generator posts events with known ids, the collector is killed with SIGKILL
   mid-load, and every acknowledged (202) id is looked up in the database afterwards;
3. 32 concurrent posters send events of which 5 % are invalid (NUL, lone surrogate, deep
   nesting, bad rating), so invalid ones share commits with valid ones: every valid event
   must be acknowledged and stored, every invalid one refused with 400 and not stored.

Targets on a 2-core machine: >= 1,000 events/s, p99 <= 50 ms, zero acknowledged events lost,
every valid event of the mixed load stored.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

EVENT = {"page": "/api-authentication/", "title": "API Authentication Reference",
         "rating": 1, "comment": None, "version": "bench", "ts": 1764288000000}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_collector(database: Path, port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("guides")), "feedback", "serve", "--port", str(port),
         "--db", str(database), "--rate-limit", "0"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process
        except OSError:
            time.sleep(0.05)
    raise SystemExit("the collector did not start")


def wrk_run(url: str, work: Path) -> tuple[float, dict[str, float]]:
    script = work / "post.lua"
    script.write_text(
        'wrk.method = "POST"\n'
        'wrk.headers["Content-Type"] = "text/plain;charset=UTF-8"\n'
        f"wrk.body = {json.dumps(json.dumps(EVENT))}\n", encoding="utf-8")
    result = subprocess.run(["wrk", "-t2", "-c64", "-d10s", "--latency", "-s", str(script), url],
                            capture_output=True, text=True, check=True)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", result.stdout).group(1))  # type: ignore[union-attr]
    percentiles = {}
    for label, value, unit in re.findall(r"^\s+(\d+)%\s+([\d.]+)(us|ms|s)\s*$", result.stdout,
                                         re.MULTILINE):
        percentiles[label] = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", result.stdout)
    if non_2xx:
        raise SystemExit(f"wrk saw {non_2xx.group(1)} error responses:\n{result.stdout}")
    return rate, percentiles


async def post_until_killed(url: str, process: subprocess.Popen[bytes],
                            kill_after: float) -> tuple[set[str], int]:
    acknowledged: set[str] = set()
    attempts = 0
    stop_at = time.monotonic() + kill_after + 1.0
    killed = False

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal attempts
        while time.monotonic() < stop_at:
            event_id = str(uuid.uuid4())
            attempts += 1
            try:
                response = await client.post(url, content=json.dumps({**EVENT, "id": event_id}),
                                             headers={"Content-Type": "text/plain"})
            except httpx.HTTPError:
                await asyncio.sleep(0.01)
                continue
            if response.status_code == 202:
                acknowledged.add(event_id)

    async def killer() -> None:
        nonlocal killed
        await asyncio.sleep(kill_after)
        os.kill(process.pid, signal.SIGKILL)
        killed = True

    async with httpx.AsyncClient(timeout=5) as client:
        await asyncio.gather(killer(), *(worker(client) for _ in range(32)))
    assert killed
    return acknowledged, attempts


#: Invalid events of the mixed load, in turn: text no backend stores, deep nesting, a bad value.
INVALID_BODIES = [
    json.dumps({**EVENT, "comment": "nul \u0000"}).encode(),
    json.dumps({**EVENT, "comment": "x"}).replace('"x"', '"\\ud800"').encode(),
    b'{"page": ' + b"[" * 4000 + b"}",
    json.dumps({**EVENT, "rating": 7}).encode(),
]


async def post_mixed(url: str, total: int, invalid_every: int) -> tuple[set[str], dict[int, int]]:
    """Post `total` events, one in `invalid_every` invalid; the valid ids acknowledged and
    the count of each status the invalid ones got."""
    queue: asyncio.Queue[tuple[str | None, bytes]] = asyncio.Queue()
    for number in range(total):
        if number % invalid_every == invalid_every - 1:
            queue.put_nowait((None, INVALID_BODIES[number % len(INVALID_BODIES)]))
        else:
            event_id = str(uuid.uuid4())
            queue.put_nowait((event_id, json.dumps({**EVENT, "id": event_id}).encode()))
    acknowledged: set[str] = set()
    refused: dict[int, int] = {}

    async def worker(client: httpx.AsyncClient) -> None:
        while not queue.empty():
            event_id, body = queue.get_nowait()
            response = await client.post(url, content=body,
                                         headers={"Content-Type": "text/plain"})
            if event_id is None:
                refused[response.status_code] = refused.get(response.status_code, 0) + 1
            elif response.status_code == 202:
                acknowledged.add(event_id)

    async with httpx.AsyncClient(timeout=10) as client:
        await asyncio.gather(*(worker(client) for _ in range(32)))
    return acknowledged, refused


def main() -> int:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install wrk")
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        port = free_port()
        url = f"http://127.0.0.1:{port}/v1/feedback"
        collector = start_collector(work / "load.sqlite3", port)
        try:
            rate, latency = wrk_run(url, work)
        finally:
            collector.terminate()
            collector.wait()
        stored = sqlite3.connect(work / "load.sqlite3").execute(
            "SELECT count(*) FROM feedback").fetchone()[0]
        print("SQLite collector (WAL, synchronous=FULL), wrk 64 connections for 10 s:")
        print(f"  throughput  {rate:8.0f} events/s   (target >= 1,000)")
        print("  latency     " + ", ".join(f"p{k} {v:.1f} ms" for k, v in latency.items())
              + "   (target p99 <= 50 ms)")
        print(f"  rows stored {stored:8d}")

        port = free_port()
        url = f"http://127.0.0.1:{port}/v1/feedback"
        database = work / "kill.sqlite3"
        collector = start_collector(database, port)
        acknowledged, attempts = asyncio.run(post_until_killed(url, collector, kill_after=2.0))
        collector.wait()
        ids = {row[0] for row in sqlite3.connect(database).execute("SELECT id FROM feedback")}
        lost = acknowledged - ids
        print("SIGKILL mid-load (32 concurrent posters, killed after 2 s):")
        print(f"  sent {attempts}, acknowledged {len(acknowledged)}, stored {len(ids)}, "
              f"acknowledged but lost {len(lost)}   (target 0)")

        port = free_port()
        database = work / "mixed.sqlite3"
        collector = start_collector(database, port)
        total, valid = 4000, 4000 - 4000 // 20
        try:
            accepted, refused = asyncio.run(post_mixed(
                f"http://127.0.0.1:{port}/v1/feedback", total, invalid_every=20))
        finally:
            collector.terminate()
            collector.wait()
        stored_ids = {row[0] for row in sqlite3.connect(database).execute(
            "SELECT id FROM feedback")}
        missing = valid - len(accepted & stored_ids)
        print("Mixed load, 5 % invalid events (32 concurrent posters):")
        print(f"  valid {valid}: acknowledged {len(accepted)}, stored {len(stored_ids)}, "
              f"not stored {missing}   (target 0); invalid {total - valid}: "
              + ", ".join(f"{n} x {status}" for status, n in sorted(refused.items()))
              + "   (target all 400)")
    return 0 if not lost and not missing and set(refused) == {400} else 1


if __name__ == "__main__":
    sys.exit(main())
