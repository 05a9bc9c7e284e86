"""What a reader's setup lines read from `GET /sandbox/credentials` besides credentials: the
sandbox's addresses and a job of the reader's own."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.conftest import free_port
from tests.sandbox.running import RunningSandbox, start_sandbox

pytestmark = pytest.mark.e2e

_CREDENTIALS = "/sandbox/credentials"


def _document(sandbox: RunningSandbox, client: httpx.Client) -> dict[str, str]:
    answer = client.get(sandbox.base_url.removesuffix("/v1") + _CREDENTIALS)
    assert answer.status_code == 200
    return dict(answer.json())


def test_the_addresses_are_the_announced_ones_and_the_plain_one_redirects(
        sandbox: RunningSandbox) -> None:
    with sandbox.client() as client:
        document = _document(sandbox, client)
        redirect = client.get(document["http_url"] + "/jobs")
    assert (document["base_url"], document["http_url"]) == (
        sandbox.base_url, sandbox.info["http_url"])
    # The plain-HTTP port is not the HTTPS one: swapping the scheme alone would miss it.
    assert document["http_url"] != "http://" + sandbox.base_url.split("://", 1)[1]
    assert redirect.status_code == 308
    assert redirect.headers["location"] == sandbox.base_url + "/jobs"


def test_the_job_is_one_of_the_visitors_own(sandbox: RunningSandbox) -> None:
    pro = {"Authorization": f"Bearer {sandbox.keys['pro']}"}
    with sandbox.client() as client:
        job_id = _document(sandbox, client)["job_id"]
        listed = client.get(sandbox.base_url + "/jobs", headers=pro).json()["data"]
        read = client.get(f"{sandbox.base_url}/jobs/{job_id}", headers=pro)
    assert job_id == listed[0]["id"]
    assert read.status_code == 200
    assert read.json() == listed[0]


def test_behind_a_proxy_the_public_addresses(tmp_path: Path) -> None:
    port = free_port()
    running = start_sandbox(tmp_path / "sandbox.log", "--port", str(port), "--public-url",
                            "https://sandbox.trustleads.ai/v1/")
    try:
        with httpx.Client(timeout=10) as client:
            document = client.get(f"http://127.0.0.1:{port}{_CREDENTIALS}").json()
    finally:
        assert running.stop() == 0
    assert document["base_url"] == "https://sandbox.trustleads.ai/v1"
    assert document["http_url"] == "http://sandbox.trustleads.ai/v1"
