"""The trial: `guides check --base-url` against an API that follows the pages alone.

It has its own accounts, jobs (other names, other counts), keys and session secret, adds a
field to every object and a `request_id` to every error, sees every run come from one
address, and locks that address out when the throttling example trips it.
"""

from __future__ import annotations

import re
import ssl
import subprocess
from collections.abc import Iterable
from pathlib import Path

import httpx

from tests.check.test_remote import check_remote
from tests.conftest import QUICK_LANGUAGES

from .paging import DEFAULT_LIMIT
from .server import Served
from .staging import staging_api

#: How long this API locks a client out: longer than a check takes to start (without the
#: wait the second check fails), short enough to keep the test quick.
LOCKOUT_SECONDS = 8.0


def check(project: Path, served: Served, credentials: dict[str, str], *examples: str,
          languages: Iterable[str] = QUICK_LANGUAGES) -> subprocess.CompletedProcess[str]:
    api = {"base_url": served.base_url, "http_url": served.http_url,
           "ca_file": served.ca_file, **credentials}
    return check_remote(project, api, *examples, languages=languages)


def test_the_check_passes_twice_in_a_row(project: Path, tmp_path: Path) -> None:
    with staging_api(tmp_path, lockout=LOCKOUT_SECONDS) as staging:
        served, credentials = staging.served, staging.credentials
        with httpx.Client(verify=ssl.create_default_context(cafile=served.ca_file),
                          headers={"X-API-Key": credentials["GUIDES_SANDBOX_PRO_KEY"]}
                          ) as client:
            listed = client.get(served.base_url + "/jobs").json()
            out_of_range = client.get(served.base_url + "/jobs", params={"limit": 101})
            refused = client.get(served.base_url + "/jobs", headers={"X-API-Key": ""}).json()
        first = check(project, served, credentials)
        # Again, the examples whose answers depend on what the first run left behind: the
        # lock-out it ended with, the jobs it created, the throttle's count. That state is
        # the API's, met by whichever sample asks first: curl's. (The other languages'
        # samples met the same answers in the first run: a lock-out another language's
        # sample began, a list other runs had grown.)
        second = check(project, served, credentials, "too-many-failed-attempts",
                       "create-job", "list-jobs-page-by-page", "me-api-key",
                       languages=["curl"])
        cursors = [query["starting_after"] for query in staging.api.queries
                   if "starting_after" in query]

    # Its own data, more of it than one page holds, and fields the docs do not list.
    assert "Sample import" not in {job["name"] for job in listed["data"]}
    assert len(listed["data"]) == DEFAULT_LIMIT and listed["has_more"] is True
    assert out_of_range.json()["error"] == "INVALID_REQUEST"
    assert all("region" in job for job in listed["data"]) and "request_id" in refused
    # The paging example followed the cursor through every page of the Pro account's jobs.
    assert len(set(cursors)) >= DEFAULT_LIMIT, cursors
    assert first.returncode == 0, first.stdout + first.stderr
    assert " 0 failed" in first.stdout
    # The throttling example ran last and locked this machine out; the next check waited.
    assert f"{served.base_url} throttles this machine for" in first.stdout
    assert re.search(rf"^waiting \d+ s: {re.escape(served.base_url)} asked \(Retry-After\)",
                     second.stdout, re.MULTILINE), second.stdout
    assert second.returncode == 0, second.stdout + second.stderr
    assert "lfk_sk_" not in first.stdout + second.stdout


def test_a_changed_error_message_is_named_with_its_example_and_line(
        project: Path, tmp_path: Path) -> None:
    documented = "The provided API key has been revoked."
    line = next(number for number, text in enumerate(
        (project / "api.yaml").read_text().splitlines(), 1) if text.endswith(documented))
    with staging_api(tmp_path, lockout=LOCKOUT_SECONDS,
                     messages={"REVOKED_TOKEN": "The key was revoked."}) as staging:
        # One language: the message is the API's, judged alike whichever sample asked.
        result = check(project, staging.served, staging.credentials, "revoked-token",
                       languages=["curl"])

    assert result.returncode == 1, result.stdout + result.stderr
    assert "FAIL revoked-token [curl]" in result.stdout
    assert (f"api.yaml:{line}: body $.message: expected {documented!r}, "
            "got 'The key was revoked.'") in result.stdout
