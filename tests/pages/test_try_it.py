"""Try it, as a reader uses it: a real site build, a real `guides sandbox`, real Chromium."""

from __future__ import annotations

import base64
import hashlib
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import pytest
from axe_playwright_python.sync_playwright import Axe
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from playwright.sync_api import Browser, Locator, Page, Playwright, Request

from tests.conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PAGES_ONLY,
    REPO,
    copy_project,
    free_port,
    run_guides,
    served_folder,
)
from tests.feedback.test_widget import wait_for
from tests.sandbox.running import RunningSandbox, start_sandbox


def _build(root: Path, try_it_url: str) -> Path:
    project = copy_project(REPO, root)
    result = run_guides("build", cwd=project,
                        env={"GUIDES_TRY_IT_URL": try_it_url, **PAGES_ONLY})
    assert result.returncode == 0, result.stderr
    return project / "site"


def _spki_pin(server_pem: Path) -> str:
    """Chromium's pin for the sandbox's certificate: trusted without trusting its CA."""
    certificate = x509.load_pem_x509_certificates(server_pem.read_bytes())[0]
    key = certificate.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(hashlib.sha256(key).digest()).decode()


@pytest.fixture(scope="module")
def live(playwright: Playwright, tmp_path_factory: pytest.TempPathFactory
         ) -> Iterator[tuple[str, RunningSandbox, Browser]]:
    """The site built for a sandbox that allows it, served, and a browser that trusts it."""
    root = tmp_path_factory.mktemp("try-it")
    port = free_port()
    sandbox = start_sandbox(root / "sandbox.log", "--allow-origin", f"http://127.0.0.1:{port}",
                            "--state-dir", str(root / "state"))
    try:
        site = _build(root / "project", sandbox.base_url)
        pin = _spki_pin(root / "state" / "server.pem")
        with served_folder(site, port) as url:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM),
                args=[*CHROMIUM_ARGS, f"--ignore-certificate-errors-spki-list={pin}"])
            yield url, sandbox, browser
            browser.close()
    finally:
        assert sandbox.stop() == 0


def _widget(page: Page, example_id: str) -> Locator:
    return page.locator(f"h3#example-{example_id} ~ div.guides-try").first


def _try(page: Page, example_id: str) -> Locator:
    widget = _widget(page, example_id)
    widget.get_by_role("button", name="Try it").click()
    result = widget.locator(".guides-try-result")
    wait_for(lambda: "Sending" not in result.inner_text() and result.inner_text() != "",
             f"the answer to {example_id}")
    return result


def _sandbox_requests(page: Page, base_url: str) -> list[Request]:
    sent: list[Request] = []
    page.on("request", lambda request: sent.append(request)
            if request.url.startswith(base_url.removesuffix("/v1")) else None)
    return sent


def test_revoked_key_shows_the_live_401(live: tuple[str, RunningSandbox, Browser]) -> None:
    url, sandbox, browser = live
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sent = _sandbox_requests(page, sandbox.base_url)
    page.goto(url + "error-catalog/")
    assert sent == []
    result = _try(page, "revoked-token")
    text = result.inner_text()
    assert "401 Unauthorized" in text
    assert '"error": "REVOKED_TOKEN"' in text
    assert 'Bearer realm="trustleads", error="invalid_token"' in text
    assert "sent with a revoked key" in text
    assert [r.headers["authorization"] for r in sent if r.url.endswith("/v1/jobs")] == [
        f"Bearer {sandbox.keys['revoked']}"]
    assert errors == []


def test_success_and_a_body(live: tuple[str, RunningSandbox, Browser]) -> None:
    url, _, browser = live
    page = browser.new_page()
    page.goto(url + "api-authentication/")
    listed = _try(page, "list-jobs-bearer").inner_text()
    assert "200 OK" in listed
    assert '"name": "Sample import"' in listed
    assert "demo key for the Pro plan" in listed
    assert " ms, sent with" in listed
    page.goto(url + "endpoints/")  # submitting a job is an endpoint's example
    created = _try(page, "create-job").inner_text()
    assert "201 Created" in created
    assert '"name": "Webinar sign-ups"' in created


def test_the_readers_key_goes_to_the_sandbox_on_press_only(
        live: tuple[str, RunningSandbox, Browser]) -> None:
    url, sandbox, browser = live
    page = browser.new_page()
    sent = _sandbox_requests(page, sandbox.base_url)
    page.goto(url + "api-authentication/")
    page.fill("#guides-key-input", "lfk_sk_readers0wnkey")
    assert sent == []
    result = _try(page, "list-jobs-bearer").inner_text()
    assert "INVALID_TOKEN" in result
    assert "sent with your key" in result
    assert [r.headers.get("authorization") for r in sent] == ["Bearer lfk_sk_readers0wnkey"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_keyboard_usable_and_axe_clean(live: tuple[str, RunningSandbox, Browser],
                                       scheme: Literal["light", "dark"]) -> None:
    url, _, browser = live
    page = browser.new_page(color_scheme=scheme)
    page.goto(url + "error-catalog/")
    button = _widget(page, "not-found").get_by_role("button", name="Try it")
    button.focus()
    page.keyboard.press("Enter")
    result = _widget(page, "not-found").locator(".guides-try-result")
    wait_for(lambda: "404" in result.inner_text(), "the answer after Enter")
    _widget(page, "missing-token").get_by_role("button", name="Try it").focus()
    page.keyboard.press("Space")
    wait_for(lambda: "MISSING_TOKEN" in _widget(page, "missing-token").inner_text(),
             "the answer after Space")
    # The widgets, answered and not: the rest of the page is what tests/pages/
    # test_accessibility.py reads (axe on the whole catalog costs ten times as much).
    violations = Axe().run(page, context=".guides-try").response["violations"]
    serious = [f"{v['id']}: {v['nodes'][0]['target']}" for v in violations
               if v["impact"] in {"serious", "critical"}]
    assert serious == []


@pytest.fixture(scope="module")
def unanswered(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """The site built for a sandbox address where, test by test, something else listens."""
    root = tmp_path_factory.mktemp("try-it-errors")
    sandbox_port = free_port()
    site = _build(root / "project", f"http://127.0.0.1:{sandbox_port}/v1")
    with served_folder(site, free_port()) as url:
        yield url, sandbox_port


def _error_shown(url: str, browser: Browser, *, timeout: bool = False) -> str:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    if timeout:
        page.clock.install()
    page.goto(url + "error-catalog/")
    widget = _widget(page, "revoked-token")
    widget.get_by_role("button", name="Try it").click()
    if timeout:
        page.clock.run_for(11_000)
    message = widget.locator(".guides-try-error")
    wait_for(lambda: message.count() == 1, "the widget's message")
    # The rest of the page keeps working: the code tabs still switch.
    tabs = page.locator(".tabbed-set", has=page.locator("label", has_text="Python")).first
    tabs.locator(".tabbed-labels label", has_text="Python").click()
    blocks = tabs.locator(".tabbed-block")
    assert blocks.nth(1).is_visible() and not blocks.nth(0).is_visible()
    assert errors == []
    return message.inner_text()


def test_unreachable_sandbox(unanswered: tuple[str, int], browser: Browser) -> None:
    url, port = unanswered
    assert _error_shown(url, browser) == (
        f"Could not reach the sandbox at http://127.0.0.1:{port}/v1. Check your connection, "
        "or try again later.")


def test_sandbox_that_does_not_answer(unanswered: tuple[str, int], browser: Browser) -> None:
    url, port = unanswered
    with socket.create_server(("127.0.0.1", port)):
        message = _error_shown(url, browser, timeout=True)
    assert message == (f"The sandbox at http://127.0.0.1:{port}/v1 did not answer within 10 "
                       "seconds. Try again later.")


def test_sandbox_that_refuses_the_origin(unanswered: tuple[str, int], browser: Browser,
                                         tmp_path: Path) -> None:
    url, port = unanswered
    sandbox = start_sandbox(tmp_path / "sandbox.log", "--port", str(port), "--public-url",
                            f"http://127.0.0.1:{port}/v1")
    try:
        message = _error_shown(url, browser)
    finally:
        assert sandbox.stop() == 0
    assert message == (f"The sandbox at http://127.0.0.1:{port}/v1 does not accept requests "
                       f"from this page ({url.rstrip('/')} is not among its allowed origins).")


def test_without_the_setting_no_button_no_script_no_request(browser: Browser,
                                                            built_site: Path) -> None:
    with served_folder(built_site, free_port()) as url:
        page = browser.new_page()
        elsewhere: list[str] = []
        page.on("request", lambda request: None if request.url.startswith(url)
                else elsewhere.append(request.url))
        page.goto(url + "error-catalog/")
        assert page.locator("div.guides-try").count() > 0
        assert page.get_by_role("button", name="Try it").count() == 0
        assert page.locator("script[src*='try-it']").count() == 0
        assert elsewhere == []
    assert "try-it.js" not in (built_site / "error-catalog" / "index.html").read_text()
