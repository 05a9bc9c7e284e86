"""`guides check --base-url` against a hostile API, end to end.

The API is the real sandbox app served over TLS on loopback (its own trustme CA), with one
path answered as a hostile or broken API would: a dribble, a load balancer's HTML page, an
empty redirect, a gzip bomb, an endless body, a throttle asking for absurd waits, bytes that
are no text, a huge header. The real `guides check` process runs against it, as CI runs it.
Whatever the answer, the run is a failure (exit 1) naming the example, in bounded time and
memory, with its JUnit report written, no credential anywhere and api.yaml untouched.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from generator.check.storing.retry_after import LONGEST_WAIT
from tests.check.bombs import bomb
from tests.conftest import language_options

from .conftest import remote_api

#: The example whose request the hostile path answers: a success example (200, JSON).
EXAMPLE = "list-jobs-bearer"
#: Seconds a whole run may take here (a check's start-up included) on a loaded machine.
BOUND = 25.0
#: How long a hostile answer goes on at most, should its client never leave.
_LONGEST_ANSWER = 120.0

#: Sends one hostile answer: (the request, send, a task done once the client has gone).
Answer = Callable[[Scope, Send, "asyncio.Task[None]"], Awaitable[None]]


class Hostile:
    """The sandbox, except that requests for `path` get `answer`."""

    def __init__(self, app: ASGIApp, path: str, answer: Answer) -> None:
        self.app, self.path, self.answer = app, path, answer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != self.path:
            await self.app(scope, receive, send)
            return

        async def until_disconnected() -> None:
            while (await receive())["type"] != "http.disconnect":
                pass

        gone = asyncio.create_task(until_disconnected())
        try:
            await self.answer(scope, send, gone)
        finally:
            gone.cancel()


def start(status: int, headers: dict[str, bytes]) -> Message:
    return {"type": "http.response.start", "status": status,
            "headers": [(k.encode(), v) for k, v in headers.items()]}


def whole(status: int, headers: dict[str, bytes], body: bytes = b"", *,
          echo: bool = False) -> Answer:
    """One answer; with `echo`, the body ends with the request's credential headers, as a
    load balancer's error page may show the request it refused."""
    async def answer(scope: Scope, send: Send, gone: asyncio.Task[None]) -> None:
        shown = body + b"".join(b"<p>%s: %s</p>" % (k, v) for k, v in scope["headers"]
                                if echo and k in (b"authorization", b"x-api-key"))
        await send(start(status, {**headers, "content-length": str(len(shown)).encode()}))
        await send({"type": "http.response.body", "body": shown})
    return answer


def streamed(chunk: bytes, pause: float, headers: dict[str, bytes] | None = None) -> Answer:
    """200, then `chunk` every `pause` seconds, until the client leaves."""
    async def answer(scope: Scope, send: Send, gone: asyncio.Task[None]) -> None:
        await send(start(200, headers or {"content-type": b"application/json"}))
        ends = time.monotonic() + _LONGEST_ANSWER
        while not gone.done() and time.monotonic() < ends:
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
            await asyncio.sleep(pause)
    return answer


@dataclass
class Ran:
    status: int
    output: str
    junit: str
    seconds: float
    peak_rss_kib: int


@pytest.fixture
def hostile(project: Path, tmp_path: Path) -> Iterator[Callable[..., Ran]]:
    """A function that serves the sandbox with `path` answered by `answer` (from its first
    call on, for the whole test) and runs the check against it."""
    before = (project / "api.yaml").read_bytes()
    apis: list[dict[str, str]] = []
    with contextlib.ExitStack() as stack:

        def run(path: str, answer: Answer, *args: str, example: str = EXAMPLE) -> Ran:
            if not apis:
                apis.append(stack.enter_context(
                    remote_api(tmp_path, lambda app: Hostile(app, path, answer))))
            return check(project, apis[0], tmp_path / "report.xml", example, *args)

        yield run
    # No credential anywhere the check writes, however the API echoed it.
    secrets = [v for api in apis for k, v in api.items() if k.startswith("GUIDES_SANDBOX_")]
    for written in (project / ".cache").rglob("*"):
        if written.is_file():
            text = written.read_bytes().decode("latin-1")
            assert not [s for s in secrets if s in text], written
    assert (project / "api.yaml").read_bytes() == before


def check(project: Path, api: dict[str, str], junit: Path, *args: str) -> Ran:
    """The real `guides check --base-url` process; its peak memory, polled from /proc."""
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env |= {k: v for k, v in api.items() if k.startswith("GUIDES_")}
    junit.unlink(missing_ok=True)
    log = junit.with_suffix(".log")
    started = time.monotonic()
    # Output to a file: a pipe nobody reads while polling could fill and stall the check.
    with log.open("w") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "generator.cli", "check", "--base-url", api["base_url"],
             "--http-url", api["http_url"], "--ca-file", api["ca_file"],
             "--junit-xml", str(junit), *language_options(), *args],
            cwd=project, stdout=sink, stderr=subprocess.STDOUT, env=env)
    status = Path(f"/proc/{process.pid}/status")
    peak = 0
    while process.poll() is None and time.monotonic() - started < BOUND * 4:
        try:
            peak = max(peak, _vm_hwm(status.read_text()))
        except OSError:  # it has ended
            break
        time.sleep(0.02)
    if process.poll() is None:
        process.kill()
    process.wait()
    output = log.read_text(encoding="utf-8", errors="replace")
    seconds = time.monotonic() - started
    secrets = [v for k, v in api.items() if k.startswith("GUIDES_SANDBOX_")]
    report = junit.read_text(encoding="utf-8") if junit.exists() else ""
    assert not [s for s in secrets if s in output + report], output
    assert "Traceback" not in output, output
    return Ran(process.returncode, output, report, seconds, peak)


def _vm_hwm(status: str) -> int:
    """The peak resident memory (KiB) in a /proc status file; 0 once the process has ended."""
    return next((int(line.split()[1]) for line in status.splitlines()
                 if line.startswith("VmHWM:")), 0)


def assert_clean_failure(ran: Ran, *named: str) -> None:
    """Exit 1 in bounded time, the FAIL lines naming `named`, the JUnit report written."""
    assert ran.status == 1, ran.output
    assert ran.seconds < BOUND, (ran.seconds, ran.output)
    suite = ElementTree.fromstring(ran.junit)
    failed = {case.get("classname") for case in suite.iter("testcase")
              if case.find("failure") is not None}
    for name in named:
        assert f"FAIL {name}" in ran.output, ran.output
        assert name.split(" [")[0] in failed, ran.junit


def languages(example: str = EXAMPLE) -> list[str]:
    return [f"{example} [{language}]" for language in ("curl", "node", "python")]


def test_an_html_502_from_a_load_balancer(hostile: Callable[..., Ran]) -> None:
    ran = hostile("/v1/jobs", whole(502, {"content-type": b"text/html"},
                                    b"<html><body><h1>502 Bad Gateway</h1>", echo=True))
    assert_clean_failure(ran, *languages())


def test_me_dribbling_a_byte_every_few_seconds_is_cut_off_by_the_deadline(
        hostile: Callable[..., Ran]) -> None:
    # The contract's question: `/me` with the Pro key, before any example runs.
    ran = hostile("/v1/me", streamed(b" ", 2.0), "--deadline", "4", example="me-api-key")
    assert_clean_failure(ran, "credential pro")
    assert re.search(r"api\.yaml:\d+: GUIDES_SANDBOX_PRO_KEY is not the credential api\.yaml "
                     r"requires: GET /me answered nothing before the check's deadline "
                     r"\(--deadline\)", ran.output), ran.output
    for name in languages("me-api-key"):
        assert f"not judged {name}" in ran.output
    skipped = [case for case in ElementTree.fromstring(ran.junit).iter("testcase")
               if case.find("skipped") is not None]
    assert {case.get("classname") for case in skipped} == {"me-api-key"}


def test_an_empty_307_without_location(hostile: Callable[..., Ran]) -> None:
    ran = hostile("/v1/jobs", whole(307, {}))
    assert_clean_failure(ran, *languages())
    assert re.search(r"api\.yaml:\d+: status: expected 200, got 307", ran.output)


def test_a_gzip_bomb_is_refused_within_bounded_memory(hostile: Callable[..., Ran]) -> None:
    gzipped = bomb(512)
    assert len(gzipped) * 900 < 512 * 1024 * 1024 < len(gzipped) * 1100
    ran = hostile("/v1/jobs", whole(200, {"content-type": b"application/json",
                                          "content-encoding": b"gzip"}, gzipped))
    assert_clean_failure(ran, *languages())
    assert "was not read: the body exceeds 8 MiB once decoded" in ran.output
    print(f"peak RSS of the check on a 512 MiB gzip bomb: {ran.peak_rss_kib / 1024:.0f} MiB")
    assert 0 < ran.peak_rss_kib < 200 * 1024


def test_an_endless_chunked_body(hostile: Callable[..., Ran]) -> None:
    ran = hostile("/v1/jobs", streamed(b"[" * 65536, 0.0))
    assert_clean_failure(ran, *languages())
    assert "the body exceeds 8 MiB" in ran.output


def test_a_binary_body(hostile: Callable[..., Ran]) -> None:
    ran = hostile("/v1/jobs", whole(200, {"content-type": b"application/octet-stream"},
                                    bytes(range(256)) * 64, echo=True))
    assert_clean_failure(ran, *languages())
    assert re.search(r"api\.yaml:\d+: body \$: expected", ran.output)


def test_a_huge_header(hostile: Callable[..., Ran]) -> None:
    ran = hostile("/v1/jobs", whole(200, {"content-type": b"application/json",
                                          "x-padding": b"a" * (1024 * 1024)}, b"{}"))
    assert_clean_failure(ran, *languages())
    assert "the API could not be reached for GET /jobs" in ran.output


#: Absurd waits a 429 may ask for: a digit that is no ASCII digit, 400 nines, 115 days.
ABSURD_WAITS = ["²", "9" * 400, "9999999"]


def test_absurd_retry_after_is_ignored_or_capped_and_said(
        hostile: Callable[..., Ran], project: Path) -> None:
    waits = iter(ABSURD_WAITS)

    async def throttled(scope: Scope, send: Send, gone: asyncio.Task[None]) -> None:
        # One value per request: each of the example's three runs gets its own.
        answer = whole(429, {"content-type": b"application/json",
                             "retry-after": next(waits, "²").encode()},
                       b'{"error": "TOO_MANY_REQUESTS"}')
        await answer(scope, send, gone)

    ran = hostile("/v1/jobs", throttled)
    assert_clean_failure(ran, *languages())
    assert "warning: ignored Retry-After '²' from GET /jobs" in ran.output
    assert ran.output.count(f"waiting at most {LONGEST_WAIT} s") == 2, ran.output
    # Remembered capped, as a finite moment the next run reads.
    state = project / ".cache" / "guides" / "not-before.json"
    (moment,) = json.loads(state.read_text(encoding="utf-8")).values()
    assert time.time() < moment <= time.time() + LONGEST_WAIT
    # The next run honours the lock-out it can read; one that cannot wait that long, within
    # its deadline, fails at once saying why instead of sleeping past it.
    later = hostile("/v1/jobs", throttled, "--deadline", "30")
    assert later.status == 1 and later.seconds < BOUND, later.output
    assert "warning: ignored" not in later.output
    assert "FAIL Retry-After" in later.output
    assert "longer than the check's deadline (30 s, --deadline)" in later.output
    ElementTree.fromstring(later.junit)


def test_a_run_cut_off_by_its_deadline_names_the_examples(
        hostile: Callable[..., Ran]) -> None:
    ran = hostile("/v1/jobs", streamed(b" ", 0.5), "--deadline", "4")
    assert_clean_failure(ran, *languages())
    assert ran.output.count("the check's deadline (4 s, --deadline) ended it") == 3


def test_a_body_nested_a_thousand_levels_deep(hostile: Callable[..., Ran]) -> None:
    deep = b'{"jobs": ' + b"[" * 1000 + b"]" * 1000 + b"}"
    ran = hostile("/v1/jobs", whole(200, {"content-type": b"application/json"}, deep))
    assert_clean_failure(ran, *languages())
    assert "the body nests deeper than 64 levels" in ran.output
    assert "RecursionError" not in ran.output


def test_a_tls_handshake_that_never_ends(project: Path, tmp_path: Path) -> None:
    """An API that accepts connections and never answers the TLS hello: the check ends by
    its deadline, every run named, and nothing of the proxy's own ending is printed."""
    before = (project / "api.yaml").read_bytes()
    with remote_api(tmp_path, lambda app: app) as api, socket.create_server(
            ("127.0.0.1", 0)) as silent:
        stalled = {**api, "base_url": f"https://127.0.0.1:{silent.getsockname()[1]}/v1"}
        ran = check(project, stalled, tmp_path / "report.xml", "method-before-credentials",
                    "--deadline", "4")
    # The one example sent without a credential: the others wait on the contract's question.
    assert_clean_failure(ran, *languages("method-before-credentials"))
    for noise in ("Exception in ASGI application", "CancelledError", "Traceback"):
        assert noise not in ran.output, ran.output
    ElementTree.fromstring(ran.junit)
    assert (project / "api.yaml").read_bytes() == before
