"""The credential contract: a remote API confirms each credential before its examples count."""

from __future__ import annotations

from pathlib import Path

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from generator.model import load_project
from tests.check.conftest import remote_api
from tests.check.test_remote import check_remote


def test_a_starter_key_given_as_the_pro_one_is_reported_once(
        project: Path, drifted_api: dict[str, str]) -> None:
    api = {**drifted_api, "GUIDES_SANDBOX_PRO_KEY": drifted_api["GUIDES_SANDBOX_STARTER_KEY"]}
    result = check_remote(project, api, "create-job", "list-jobs-bearer", "revoked-token",
                          "insufficient-plan")
    out = result.stdout
    assert result.returncode == 1, out + result.stderr
    line = load_project(project / "api.yaml").source.position(("credentials", "kinds", "pro"))[0]
    reports = [text for text in out.splitlines() if "GUIDES_SANDBOX_PRO_KEY is not" in text]
    assert reports == [
        f"     api.yaml:{line}: GUIDES_SANDBOX_PRO_KEY is not the credential api.yaml requires: "
        'GET /me answered 200 {"plan": "starter", "scopes": ["jobs:read", "account:read"], '
        "\"credential\": \"api_key\"}; it must be plan 'pro' with scopes ['jobs:read', "
        "'jobs:write', 'account:read'], credential 'api_key' (An active API key of a Pro "
        "account; the examples submit jobs with it.)"]
    assert "FAIL credential pro" in out
    # Its examples are named as not judged, not as twenty divergences.
    assert "not judged create-job [python]: its credential GUIDES_SANDBOX_PRO_KEY was not " \
        "confirmed" in out
    assert "FAIL create-job" not in out and "FAIL list-jobs-bearer" not in out
    # What does not depend on it is still judged: the drifted message still fails.
    assert "FAIL revoked-token [curl]" in out
    assert "ok   insufficient-plan [curl]" in out
    assert out.rstrip().splitlines()[-1].endswith(" not judged")
    assert "lfk_sk_" not in out


def test_confirmed_credentials_let_every_example_be_judged(
        project: Path, drifted_api: dict[str, str]) -> None:
    # An example for each credential api.yaml names.
    examples = {e.request.credential: e.id
                for e in load_project(project / "api.yaml").spec.examples}
    result = check_remote(project, drifted_api, *examples.values())
    assert "FAIL credential" not in result.stdout
    assert f"ok   {examples['pro']} [node]" in result.stdout
    assert "not judged" not in result.stdout


class Renumbered:
    """An API whose jobs have other ids: the docs' job id names nothing there."""

    SHOWN, OWN = b"job_629f6fbed82c07cd", b"job_0123456789abcdef"

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path = scope["path"].encode()
            path = path.replace(self.SHOWN, b"job_ffffffffffffffff").replace(self.OWN,
                                                                            self.SHOWN)
            scope = {**scope, "path": path.decode(), "raw_path": path}

        async def renumber(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message,
                           "body": message.get("body", b"").replace(self.SHOWN, self.OWN)}
            await send(message)

        await self.app(scope, receive, renumber)


def test_an_example_reading_a_job_is_lent_one_of_the_accounts_own(
        project: Path, tmp_path: Path) -> None:
    with remote_api(tmp_path, Renumbered) as api:
        result = check_remote(project, api, "get-job", "list-jobs-bearer")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok   get-job [curl]" in result.stdout


class NoJobs:
    """An API whose account has no job yet: every list is empty."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == "/v1/jobs" and scope["method"] == "GET":
            await JSONResponse({"data": [], "has_more": False})(scope, receive, send)
            return
        await self.app(scope, receive, send)


def test_an_example_reading_a_job_is_not_judged_when_the_account_has_none(
        project: Path, tmp_path: Path) -> None:
    with remote_api(tmp_path, NoJobs) as api:
        result = check_remote(project, api, "get-job")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "not judged get-job [node]: it reads one of the account's jobs, and GET " \
        "/jobs?limit=1 with GUIDES_SANDBOX_PRO_KEY listed none: 200 " in result.stdout
    assert result.stdout.rstrip().endswith("0 passed, 0 failed, 3 not judged")
