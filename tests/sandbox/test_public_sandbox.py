"""What a sandbox serving the guides' readers adds: CORS, demo credentials, health, a tenant
per visitor, a rate limit per visitor, and plain HTTP behind a TLS-terminating proxy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from generator.credentials import from_document
from generator.sandbox.cors import EXPOSED_HEADERS
from tests.conftest import free_port
from tests.sandbox.running import RunningSandbox, sandbox_running, start_sandbox

# Each test starts the real command or server.
pytestmark = pytest.mark.e2e

SITE = "https://trustleads.ai"


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    """A sandbox as the guides' readers use it: CORS for the site, a rate limit."""
    log = tmp_path_factory.mktemp("public") / "sandbox.log"
    with sandbox_running(log, "--allow-origin", SITE, "--rate-limit", "20",
                         "--failed-auth-limit", "0") as running:
        yield running


def test_preflight_allows_the_site_and_its_headers(public: RunningSandbox) -> None:
    with public.client() as client:
        response = client.options(public.base_url + "/jobs", headers={
            "Origin": SITE, "Access-Control-Request-Method": "DELETE",
            "Access-Control-Request-Headers": "authorization,x-api-key,content-type"},
)
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == SITE
    assert "DELETE" in response.headers["access-control-allow-methods"]
    allowed = response.headers["access-control-allow-headers"].lower()
    assert {"authorization", "x-api-key", "content-type"} <= set(allowed.split(", "))


def test_preflight_from_another_origin_is_refused(public: RunningSandbox) -> None:
    with public.client() as client:
        response = client.options(public.base_url + "/jobs", headers={
            "Origin": "https://elsewhere.example", "Access-Control-Request-Method": "GET"})
    assert response.status_code == 400
    assert "access-control-allow-origin" not in response.headers


def test_answers_expose_the_headers_the_page_shows(public: RunningSandbox) -> None:
    with public.client() as client:
        response = client.get(public.base_url + "/jobs", headers={"Origin": SITE})
    assert response.status_code == 401
    assert response.headers["access-control-allow-origin"] == SITE
    exposed = response.headers["access-control-expose-headers"].split(", ")
    assert exposed == list(EXPOSED_HEADERS)
    assert "WWW-Authenticate" in exposed


def test_without_allowed_origins_no_cors_headers(sandbox: RunningSandbox) -> None:
    with sandbox.client() as client:
        response = client.get(sandbox.base_url + "/jobs", headers={"Origin": SITE})
    assert not [name for name in response.headers if name.startswith("access-control")]


def test_demo_credentials_are_published_and_work(public: RunningSandbox) -> None:
    with public.client() as client:
        document = client.get(public.base_url.removesuffix("/v1") + "/sandbox/credentials")
        credentials = from_document(document.json(), None)
        answers = {kind: client.get(public.base_url + "/me", headers={
            "Authorization": f"Bearer {credentials[kind]}"}).json()
            for kind in ("starter", "session", "revoked", "expired_session", "invalid")}
    assert document.headers["cache-control"] == "no-store"
    assert document.json()["keys"] == public.keys
    assert answers["starter"]["plan"] == "starter"
    assert answers["session"]["credential"] == "session_token"
    assert [answers[k]["error"] for k in ("revoked", "expired_session", "invalid")] == [
        "REVOKED_TOKEN", "EXPIRED_TOKEN", "INVALID_TOKEN"]


def test_each_visitor_has_a_tenant_of_their_own(public: RunningSandbox) -> None:
    headers = {"Authorization": f"Bearer {public.keys['pro']}"}
    submission = {"name": "Mine", "leads": [{"email": "a@b.c"}]}
    with public.client(local_address="127.0.0.2") as first, \
            public.client(local_address="127.0.0.3") as second:
        created = first.post(public.base_url + "/jobs", json=submission, headers=headers)
        mine = first.get(public.base_url + "/jobs", headers=headers).json()["data"]
        theirs = second.get(public.base_url + "/jobs", headers=headers).json()["data"]
    assert created.status_code == 201
    assert created.json() in mine
    assert created.json() not in theirs
    assert len(theirs) == 2


def test_visitors_are_rate_limited_apart_and_health_never(public: RunningSandbox) -> None:
    root = public.base_url.removesuffix("/v1")
    with public.client(local_address="127.0.0.4") as busy, \
            public.client(local_address="127.0.0.5") as calm:
        statuses = [busy.get(public.base_url + "/jobs").status_code for _ in range(21)]
        refused = busy.get(public.base_url + "/jobs", headers={"Origin": SITE})
        health = busy.get(root + "/sandbox/health")
        other = calm.get(public.base_url + "/jobs")
    assert statuses[:20] == [401] * 20
    assert statuses[20] == 429
    assert refused.json()["error"] == "RATE_LIMITED"
    assert int(refused.headers["retry-after"]) > 0
    assert refused.headers["access-control-allow-origin"] == SITE
    assert (health.status_code, health.json()) == (200, {"status": "ok"})
    assert other.status_code == 401


def test_behind_a_proxy_plain_http_with_the_public_url(tmp_path: Path) -> None:
    port = free_port()
    running = start_sandbox(tmp_path / "sandbox.log", "--port", str(port), "--public-url",
                            "https://sandbox.trustleads.ai/v1/")
    try:
        assert running.base_url == "https://sandbox.trustleads.ai/v1"
        assert running.info["listen_url"] == f"http://127.0.0.1:{port}/v1"
        assert "ca_file" not in running.info
        url = running.info["listen_url"] + "/jobs"
        pro = {"Authorization": f"Bearer {running.keys['pro']}"}
        forwarded = {**pro, "X-Forwarded-Proto": "https"}
        with httpx.Client(timeout=10) as client:
            client.post(url, json={"leads": [{"email": "a@b.c"}]},
                        headers={**forwarded, "X-Forwarded-For": "203.0.113.7"})
            seen_by = {visitor: len(client.get(url, headers={
                **forwarded, "X-Forwarded-For": visitor}).json()["data"])
                for visitor in ("203.0.113.7", "203.0.113.8")}
            proxied = client.get(url, headers=forwarded)
            direct = client.get(url, headers=pro)
    finally:
        assert running.stop() == 0
    assert seen_by == {"203.0.113.7": 3, "203.0.113.8": 2}
    assert proxied.headers["strict-transport-security"] == "max-age=31536000"
    assert "strict-transport-security" not in direct.headers
