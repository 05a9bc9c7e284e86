"""HTTPS, the plain-HTTP redirect, and answers to requests the API cannot serve."""

from __future__ import annotations

import socket
import ssl
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.sandbox.running import RunningSandbox, start_sandbox


@pytest.mark.parametrize("method", ["GET", "POST", "DELETE"])
def test_plain_http_is_redirected_with_method_kept(sandbox: RunningSandbox, method: str) -> None:
    response = httpx.request(method, sandbox.info["http_url"] + "/jobs", timeout=10)
    assert response.status_code == 308
    assert response.headers["location"] == sandbox.base_url + "/jobs"
    assert "strict-transport-security" not in response.headers


def test_the_redirect_never_repeats_the_query(sandbox: RunningSandbox) -> None:
    key = sandbox.keys["pro"]
    response = httpx.get(sandbox.info["http_url"] + f"/jobs?api_key={key}&x=%0d%0aSet-Cookie:a",
                         timeout=10)
    assert response.status_code == 308
    assert response.headers["location"] == sandbox.base_url + "/jobs"
    assert key not in str(response.headers) and response.content == b""


_TARGET_CHARACTERS = st.sampled_from("*@:./%-_~abcXYZ019!$&'()+,;=?#")


@settings(max_examples=30, deadline=None)
@given(target=st.text(_TARGET_CHARACTERS, min_size=1, max_size=30).filter(
    lambda text: not text.startswith("/")))
def test_a_target_that_is_not_a_path_is_redirected_to_no_other_host(
        sandbox: RunningSandbox, target: str) -> None:
    http = httpx.URL(sandbox.info["http_url"])
    with socket.create_connection((http.host, http.port or 80), timeout=10) as raw:
        raw.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .encode())
        answer = b""
        while chunk := raw.recv(4096):
            answer += chunk
    head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1")
    location = next((line.split(":", 1)[1].strip() for line in head.split("\r\n")[1:]
                     if line.lower().startswith("location:")), None)
    origin = sandbox.base_url.removesuffix("/v1")
    assert location is None or location.startswith(origin + "/"), (target, location)


def test_https_answers_carry_hsts_and_no_store(sandbox: RunningSandbox) -> None:
    with sandbox.client() as client:
        response = client.get(sandbox.base_url + "/jobs")
    assert response.headers["strict-transport-security"] == "max-age=31536000"
    assert response.headers["cache-control"] == "no-store"


def test_following_the_redirect_reaches_the_api(sandbox: RunningSandbox) -> None:
    with sandbox.client() as client:
        response = client.get(sandbox.info["http_url"] + "/me", follow_redirects=True,
                              headers={"X-API-Key": sandbox.keys["agency"]})
    assert response.json()["plan"] == "agency"


def error_code(response: httpx.Response) -> str:
    body = response.json()
    assert list(body) == ["error", "message", "docs"]
    return str(body["error"])


def test_unknown_path_is_404_in_the_error_shape(sandbox: RunningSandbox) -> None:
    with sandbox.client() as client:
        response = client.get(sandbox.base_url + "/nothing-here")
        job = client.get(sandbox.base_url + "/jobs/job_0000000000000000",
                         headers={"X-API-Key": sandbox.keys["pro"]})
    assert (response.status_code, error_code(response)) == (404, "NOT_FOUND")
    assert (job.status_code, error_code(job)) == (404, "NOT_FOUND")


def test_wrong_method_is_405_with_allow(sandbox: RunningSandbox) -> None:
    with sandbox.client() as client:
        response = client.delete(sandbox.base_url + "/jobs")
    assert (response.status_code, error_code(response)) == (405, "METHOD_NOT_ALLOWED")
    assert set(response.headers["allow"].replace(" ", "").split(",")) >= {"GET", "POST"}


def test_oversized_bodies_are_413_declared_or_streamed(sandbox: RunningSandbox) -> None:
    headers = {"X-API-Key": sandbox.keys["pro"], "Content-Type": "application/json"}
    big = b'{"leads": [' + b'{"email": "a@b.c"},' * 10_000 + b'{"email": "a@b.c"}]}'

    def chunks() -> Iterator[bytes]:
        for start in range(0, len(big), 4096):
            yield big[start:start + 4096]

    with sandbox.client() as client:
        declared = client.post(sandbox.base_url + "/jobs", headers=headers, content=big)
        streamed = client.post(sandbox.base_url + "/jobs", headers=headers, content=chunks())
    for response in (declared, streamed):
        assert response.status_code == 413, (response.status_code, response.text[:300])
        assert error_code(response) == "PAYLOAD_TOO_LARGE"


@pytest.mark.parametrize(("content_type", "body", "status", "code"), [
    ("text/plain", b'{"leads": [{"email": "a@b.c"}]}', 415, "UNSUPPORTED_MEDIA_TYPE"),
    ("application/json", b"{not json", 400, "INVALID_REQUEST"),
    ("application/json", b'{"leads": []}', 400, "INVALID_REQUEST"),
    ("application/json", b'{"leads": [{"email": 7}]}', 400, "INVALID_REQUEST"),
    ("application/json", b"[" * 10_000 + b"]" * 10_000, 400, "INVALID_REQUEST"),
])
def test_bad_submissions(sandbox: RunningSandbox, content_type: str, body: bytes, status: int,
                         code: str) -> None:
    with sandbox.client() as client:
        response = client.post(sandbox.base_url + "/jobs", content=body, headers={
            "X-API-Key": sandbox.keys["pro"], "Content-Type": content_type})
    assert (response.status_code, error_code(response)) == (status, code)


def test_submitted_job_can_be_read_back(sandbox: RunningSandbox) -> None:
    headers = {"Authorization": f"Bearer {sandbox.keys['pro']}"}
    with sandbox.client() as client:
        created = client.post(sandbox.base_url + "/jobs", headers=headers,
                              json={"name": "Webinar", "leads": [{"email": "a@b.c"}] * 3})
        assert created.status_code == 201
        job = created.json()
        assert created.headers["location"] == f"/v1/jobs/{job['id']}"
        # Location is relative to the host, as RFC 9110 allows.
        read_back = client.get(str(httpx.URL(sandbox.base_url).join(created.headers["location"])),
                               headers=headers)
        assert read_back.json() == job
    assert job["status"] == "queued" and job["lead_count"] == 3


@pytest.mark.e2e
def test_ids_and_times_repeat_from_run_to_run(tmp_path: Path) -> None:
    answers = []
    for run in range(2):
        running = start_sandbox(tmp_path / f"run{run}.log")
        try:
            with running.client() as client:
                answers.append(client.get(running.base_url + "/jobs",
                                          headers={"X-API-Key": running.keys["starter"]}).json())
        finally:
            assert running.stop() == 0
    assert answers[0] == answers[1]
    assert answers[0]["data"][0]["created_at"] == "2026-01-01T00:00:00Z"


def test_tenants_see_only_their_own_jobs(sandbox: RunningSandbox) -> None:
    headers = {"X-API-Key": sandbox.keys["pro"]}
    with sandbox.client() as client:
        created = client.post(sandbox.base_url + "/jobs", json={"leads": [{"email": "a@b.c"}]},
                              headers={**headers, "X-Sandbox-Tenant": "first"}).json()
        first = client.get(sandbox.base_url + "/jobs",
                           headers={**headers, "X-Sandbox-Tenant": "first"}).json()
        second = client.get(sandbox.base_url + "/jobs",
                            headers={**headers, "X-Sandbox-Tenant": "second"}).json()
        again = client.post(sandbox.base_url + "/jobs", json={"leads": [{"email": "a@b.c"}]},
                            headers={**headers, "X-Sandbox-Tenant": "second"}).json()
    assert created in first["data"]
    assert created not in second["data"]
    assert again["id"] == created["id"]


@pytest.mark.e2e
def test_a_request_beyond_the_connection_cap_is_503(tmp_path: Path) -> None:
    running = start_sandbox(tmp_path / "sandbox.log", "--max-connections", "3")
    url = httpx.URL(running.base_url)
    tls = ssl.create_default_context(cafile=running.info["ca_file"])
    try:
        with ExitStack() as held:
            for _ in range(3):  # idle connections, their handshakes done
                raw = socket.create_connection((url.host, url.port or 443), timeout=10)
                held.enter_context(tls.wrap_socket(raw, server_hostname=url.host))
            time.sleep(0.2)
            with running.client() as client:
                refused = client.get(running.base_url + "/me")
        time.sleep(0.2)
        with running.client() as client:
            served = client.get(running.base_url + "/me")
    finally:
        assert running.stop() == 0
    assert refused.status_code == 503
    assert served.status_code == 401  # the API's answer: no credential
