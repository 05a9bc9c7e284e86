"""The public sandbox behind the real nginx with the shipped `deploy/nginx/sandbox.conf`:
what one client may hold of it (time, header bytes, connections) is the proxy's to bound,
and readers still get the API's answers through it."""

from __future__ import annotations

import socket
import ssl
import time
from collections.abc import Iterator
from contextlib import ExitStack

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.model import load_project
from generator.model.matchers import Matcher
from generator.sandbox.app import SandboxSettings
from tests.conftest import REPO, free_port
from tests.front_proxy import FrontProxy, front_proxy, setting, trickled_until_closed, until_closed
from tests.sandbox.running import RunningSandbox, start_sandbox

# A real nginx in front of a real sandbox.
pytestmark = pytest.mark.e2e

PUBLIC_HOST = "sandbox.trustleads.ai"
#: Named tenants one visitor may open per hour in these tests.
TENANT_BUDGET = 2


class Deployed:
    def __init__(self, sandbox: RunningSandbox, proxy: FrontProxy) -> None:
        self.sandbox = sandbox
        self.proxy = proxy

    def client(self, source: str = "127.0.0.1") -> httpx.Client:
        transport = httpx.HTTPTransport(verify=self.proxy.tls(), local_address=source)
        return httpx.Client(transport=transport, base_url=f"{self.proxy.base}/v1",
                            timeout=30)

    def auth(self, plan: str = "pro") -> dict[str, str]:
        return {"Authorization": f"Bearer {self.sandbox.keys[plan]}"}

    def raw(self, source: str = "127.0.0.1") -> socket.socket:
        return socket.create_connection(("127.0.0.1", self.proxy.port), timeout=15,
                                        source_address=(source, 0))

    def tls(self, source: str = "127.0.0.1") -> ssl.SSLSocket:
        return self.proxy.tls().wrap_socket(self.raw(source), server_hostname="localhost")


@pytest.fixture(scope="module")
def deployed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployed]:
    folder = tmp_path_factory.mktemp("deployed")
    port = free_port()
    # As MAINTAINING.md's unit runs it, with a tenant budget small enough to spend.
    sandbox = start_sandbox(folder / "sandbox.log", "--host", "127.0.0.1", "--port", str(port),
                            "--public-url", f"https://{PUBLIC_HOST}/v1", "--real-clock",
                            "--tenant-budget", str(TENANT_BUDGET))
    try:
        with front_proxy("sandbox", port, folder / "nginx") as proxy:
            yield Deployed(sandbox, proxy)
    finally:
        assert sandbox.stop() == 0
        assert "Traceback" not in (folder / "sandbox.log").read_text()


def test_a_reader_gets_the_apis_answers_through_the_proxy(deployed: Deployed) -> None:
    with deployed.client() as client:
        jobs = client.get("/jobs", headers=deployed.auth())
        missing = client.get("/jobs")
        health = client.get(f"{deployed.proxy.base}/sandbox/health")
        credentials = client.get(f"{deployed.proxy.base}/sandbox/credentials").json()
    assert jobs.status_code == 200
    # nginx says it came over HTTPS (X-Forwarded-Proto): the sandbox adds HSTS.
    assert "max-age=" in jobs.headers["strict-transport-security"]
    assert missing.status_code == 401
    assert missing.json()["error"] == "MISSING_TOKEN"
    assert health.json() == {"status": "ok"}
    assert credentials["base_url"] == f"https://{PUBLIC_HOST}/v1"
    assert jobs.headers["server"] == "nginx"  # no version (server_tokens off)


#: What a path segment may hold (RFC 3986), percent-encodings included; not a dot, whose
#: segments nginx resolves (one above the root is a 400, not a redirect).
_PATH_CHARACTERS = st.sampled_from("abcXYZ019-_~!$&'()*+,;=:@") | st.builds(
    "%{:02X}".format, st.integers(0x21, 0xFF).filter(lambda byte: byte != ord(".")))
_SEGMENTS = st.lists(st.lists(_PATH_CHARACTERS, min_size=1, max_size=8).map("".join),
                     max_size=4)
_QUERIES = st.text(st.sampled_from("abc019-_~=&+%2F/?:@"), max_size=30)


@settings(max_examples=40, deadline=None)
@given(segments=_SEGMENTS, query=_QUERIES)
def test_plain_http_is_redirected_to_the_same_path_without_its_query(
        deployed: Deployed, segments: list[str], query: str) -> None:
    path = "/v1/" + "/".join(segments)
    with httpx.Client(timeout=10) as client:
        answer = client.get(f"http://127.0.0.1:{deployed.proxy.http_port}{path}?{query}",
                            headers={"Host": "elsewhere.example"})
    assert answer.status_code == 308
    # This server's name, whatever Host the client sent; the path as sent, no query.
    assert answer.headers["location"] == f"https://{PUBLIC_HOST}{path}"
    assert answer.headers["cache-control"] == "no-store"


def test_a_body_trickled_to_plain_http_is_dropped_in_time(deployed: Deployed) -> None:
    """The redirect is answered at once; the body announced with it is read and thrown
    away for `lingering_time` at most, so plain HTTP holds no connection longer than
    HTTPS does."""
    limit = setting("sandbox", "lingering_time")
    assert deployed.proxy.http_port is not None
    with socket.create_connection(("127.0.0.1", deployed.proxy.http_port), timeout=2) as raw:
        raw.sendall(b"POST /v1/jobs HTTP/1.1\r\nHost: x\r\nContent-Length: 900000\r\n\r\n")
        answer, closed_after = trickled_until_closed(raw, b"x", limit + 10)
    assert answer.startswith(b"HTTP/1.1 308 ")
    assert closed_after is not None and closed_after < limit + 3, closed_after


def test_the_redirect_is_the_one_the_docs_show(deployed: Deployed) -> None:
    examples = load_project(REPO / "api.yaml").spec.examples
    example = next(e for e in examples if e.id == "http-redirect")
    key = deployed.sandbox.keys["pro"]
    with httpx.Client(timeout=10) as client:
        answer = client.get(f"http://127.0.0.1:{deployed.proxy.http_port}/v1"
                            f"{example.request.path}?api_key={key}")
    assert answer.status_code == example.response.status
    for name, expected in (example.response.headers or {}).items():
        matches = expected.matches if isinstance(expected, Matcher) else expected.__eq__
        assert matches(answer.headers[name]), (name, answer.headers[name])
    assert key not in answer.headers["location"]


def test_an_x_forwarded_for_a_client_sends_names_no_other_visitor(deployed: Deployed) -> None:
    # Each request claims another address; the sandbox still counts one visitor's tenants.
    with deployed.client("127.0.0.6") as client:
        statuses = [client.get("/jobs", headers={
            **deployed.auth(), "X-Sandbox-Tenant": f"t{n}",
            "X-Forwarded-For": f"203.0.113.{n}"}).status_code
            for n in range(TENANT_BUDGET + 1)]
    with deployed.client("127.0.0.7") as other:
        elsewhere = other.get("/jobs", headers={**deployed.auth(), "X-Sandbox-Tenant": "t0"})
    assert statuses == [200] * TENANT_BUDGET + [429]
    assert elsewhere.status_code == 200


def test_header_lines_beyond_the_bound_are_refused_by_the_proxy(deployed: Deployed) -> None:
    bound = setting("sandbox", "large_client_header_buffers 4")
    with deployed.client() as client:
        within = client.get("/jobs", headers={"X-Filler": "a" * (bound // 2)})
        beyond = client.get("/jobs", headers={"X-Filler": "a" * bound})
    assert within.status_code == 401  # the sandbox's answer: no credential
    assert beyond.status_code == 400
    assert "<html>" in beyond.text  # nginx's page: the sandbox never saw it


STALLS = {
    # What a client sends before it stops, and the setting that bounds its silence.
    "handshake": (b"", "client_header_timeout"),
    "half-a-client-hello": (b"\x16\x03\x01\x02\x00\x01", "client_header_timeout"),
    "headers": (b"POST /v1/jobs HTTP/1.1\r\nHost: localhost\r\n", "client_header_timeout"),
    "body": (b"POST /v1/jobs HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
             b"Content-Length: 1000\r\n\r\n{", "client_body_timeout"),
}


@pytest.mark.parametrize("stall", list(STALLS))
def test_a_stalled_client_is_cut_off_in_time(deployed: Deployed, stall: str) -> None:
    opening, directive = STALLS[stall]
    limit = setting("sandbox", directive)
    in_clear = stall in ("handshake", "half-a-client-hello")
    with deployed.raw() if in_clear else deployed.tls() as connection:
        connection.sendall(opening)
        started = time.monotonic()
        answer = until_closed(connection)
        elapsed = time.monotonic() - started
    assert limit - 1 < elapsed < limit + 5, elapsed
    assert answer == b"" or answer.startswith(b"HTTP/1.1 408"), answer[:80]


def test_trickled_headers_are_cut_off_in_time(deployed: Deployed) -> None:
    limit = setting("sandbox", "client_header_timeout")
    with deployed.tls() as slow:
        slow.sendall(STALLS["headers"][0])
        # A header line every half second does not reset the header deadline.
        _, closed_after = trickled_until_closed(slow, b"X-Slow: 1\r\n", limit + 10)
    assert closed_after is not None and closed_after < limit + 5


def test_one_address_cannot_hold_every_connection(deployed: Deployed) -> None:
    """A body trickled a byte at a time is held by nginx (its body timeout is per read),
    never by the sandbox; and only so many per address."""
    per_address = setting("sandbox", "limit_conn sandbox_clients")
    with ExitStack() as stack:
        for _ in range(per_address):
            stack.enter_context(deployed.tls("127.0.0.9")).sendall(STALLS["body"][0])
        time.sleep(0.5)  # nginx has read their headers
        with deployed.client("127.0.0.9") as same:
            refused = same.get("/jobs", headers=deployed.auth())
        with deployed.client("127.0.0.10") as other:
            served = other.get("/jobs", headers=deployed.auth())
    assert refused.status_code == 429
    assert served.status_code == 200


def test_a_body_over_the_sandboxs_limit_gets_the_sandboxs_own_413(deployed: Deployed) -> None:
    own_limit = SandboxSettings().max_body_bytes
    proxy_limit = setting("sandbox", "client_max_body_size")
    assert proxy_limit > own_limit
    headers = {**deployed.auth(), "Content-Type": "application/json"}
    with deployed.client("127.0.0.11") as client:
        over_own = client.post("/jobs", content=b" " * (own_limit + 1), headers=headers)
        over_proxy = client.post("/jobs", content=b" " * (proxy_limit + 1), headers=headers)
    assert over_own.status_code == 413
    assert over_own.json()["error"] == "PAYLOAD_TOO_LARGE"
    assert over_proxy.status_code == 413
    assert "<html>" in over_proxy.text
