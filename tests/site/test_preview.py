"""`guides serve` rebuilds the open page when api.yaml or a snippet changes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser

from generator.site.guard import content_security_policy
from tests.conftest import REPO, busy_port, copy_project, free_port

# Every test here starts `guides serve` (some through the module's shared preview).
pytestmark = pytest.mark.e2e


def _start_preview(project: Path, log: Path, env: dict[str, str] | None = None,
                   options: tuple[str, ...] = ()) -> tuple[str, Served]:
    """`guides serve` in `project`, once its first build is served; its base URL."""
    port = free_port()
    with log.open("w") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "generator.cli", "serve", "--dev-addr", f"127.0.0.1:{port}",
             *options], cwd=project, stdout=sink, stderr=subprocess.STDOUT, env=env)
    server = Served(process, log)
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait_for(lambda: "API Authentication Reference" in _get(base + "api-authentication/"),
                  "the first build", server)
    except BaseException:
        process.terminate()
        process.wait(timeout=30)
        raise
    return base, server


@contextmanager
def _previewing(project: Path, log: Path, options: tuple[str, ...] = ()) -> Iterator[Preview]:
    """`guides serve` in `project` while the block runs."""
    base, server = _start_preview(project, log, options=options)
    try:
        yield Preview(project, base, server)
    finally:
        server.process.terminate()
        server.process.wait(timeout=30)


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    """One preview (the system reports changes) for the tests that edit the project and wait
    for what it shows, as a writer's edits follow one another: its first build costs as much
    as such a test's rebuilds. Each test leaves the project building (an error it made is
    fixed again), and edits only what it names."""
    root = tmp_path_factory.mktemp("preview")
    with _previewing(copy_project(REPO, root / "project"), root / "serve.log") as started:
        yield started


@pytest.fixture
def served(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Preview]:
    """The module's preview, or, with options (--poll), one of their own."""
    options: tuple[str, ...] = getattr(request, "param", ())
    if not options:
        yield request.getfixturevalue("preview")
        return
    with _previewing(copy_project(REPO, tmp_path / "project"), tmp_path / "serve.log",
                     options) as started:
        yield started


@dataclass
class Served:
    process: subprocess.Popen[bytes]
    log: Path


@dataclass
class Preview:
    """A running preview: the project it serves, its base URL, its process."""
    project: Path
    base: str
    server: Served


def _get(url: str) -> str:
    try:
        return httpx.get(url, timeout=5).text
    except httpx.HTTPError:
        return ""


def _wait_for(condition: Callable[[], bool], what: str, server: Served,
              timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise AssertionError(f"guides serve exited: {server.log.read_text()}")
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_reading_a_source_starts_no_rebuild_and_an_editors_save_by_rename_does(
    preview: Preview
) -> None:
    project, base, server = preview.project, preview.base, preview.server
    spec = project / "api.yaml"
    # The log from here on: the module's preview may have rebuilt for other tests' edits.
    logged = len(server.log.read_text())
    for _ in range(3):
        spec.read_bytes()
        (project / "snippets" / "list-jobs-bearer" / "curl.sh").read_bytes()
    time.sleep(1)
    assert "Detected file changes" not in server.log.read_text()[logged:]

    # Editors that keep a backup write a new file and rename it over the old one.
    saved = project / ".api.yaml.swp"
    saved.write_text(spec.read_text(encoding="utf-8").replace(
        "title: API Authentication Reference", "title: API Authentication Reference, renamed"),
        encoding="utf-8")
    os.replace(saved, spec)
    _wait_for(lambda: "API Authentication Reference, renamed" in _get(
        base + "api-authentication/"), "the renamed file", server)


# By default the system reports changes; --poll looks for them.
@pytest.mark.parametrize("served", [(), ("--poll",)], indirect=True, ids=["notified", "polling"])
def test_serve_rebuilds_on_api_yaml_and_snippet_changes_and_has_the_search_index(
    served: Preview
) -> None:
    project, base, server = served.project, served.base, served.server
    page = base + "api-authentication/"

    _replace(project / "api.yaml", "title: API Authentication Reference",
             "title: API Authentication Reference, revised")
    _wait_for(lambda: "API Authentication Reference, revised" in _get(page),
              "the api.yaml change", server)

    _replace(project / "snippets" / "list-jobs-bearer" / "curl.sh",
             "# List your enrichment jobs", "# List every enrichment job")
    _wait_for(lambda: "List every enrichment job" in _get(page),
              "the snippet change", server)

    # The preview has the search index and the field reference.
    assert '"location":"error-catalog/#revoked_token"' in _get(
        base + "search/search_index.json").replace(" ", "")
    assert 'id="model-spec"' in _get(base + "editing-the-guides/")


def test_the_open_page_reloads_itself_under_the_sites_policy(preview: Preview,
                                                              browser: Browser) -> None:
    """What an editor sees: the page open in the browser changes by itself after a save.
    MkDocs adds the script that reloads it; the page's policy, made anew for the page as
    served, lets that script run and no inline code the page was not served with."""
    project, base = preview.project, preview.base
    page = browser.new_page()
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)
    answer = page.goto(base + "api-authentication/")
    assert answer is not None
    served = answer.text()
    [policy] = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"',
                          served)
    # Scripts: the site's own, and a hash of each inline script as served, MkDocs' too.
    script_src = policy.split("; ")[1]
    assert script_src == content_security_policy(served, ()).split("; ")[1]
    assert script_src.startswith("script-src 'self' 'sha256-") and "unsafe" not in script_src
    # An inline handler, as markup injected into a page would carry one, does not run.
    with page.expect_console_message(lambda m: "Content Security Policy" in m.text):
        page.evaluate("document.body.insertAdjacentHTML("
                      "'beforeend', '<img src=x onerror=\"window.ran = 1\">')")
    assert page.evaluate("window.ran") is None
    refused.clear()

    spec = project / "api.yaml"
    pristine = spec.read_text(encoding="utf-8")
    try:
        _replace(spec, "title: API Authentication Reference",
                 "title: API Authentication Reference, reloaded")
        # Read from outside: the policy lets no string be evaluated as script in the page.
        _wait_for(lambda: "reloaded" in page.locator("h1").inner_text(),
                  "the open page to reload", preview.server)
    finally:
        spec.write_text(pristine, encoding="utf-8")
    assert refused == []


def test_a_hand_written_html_file_keeps_its_own_policy(preview: Preview) -> None:
    """Only the pages the preview built get their policy anew: a file of docs/ that copies a
    built page's policy tag, but with a policy of its own, is served with that policy."""
    written = preview.project / "docs" / "hand-written.html"
    strict = "script-src 'none'"
    written.write_text(
        '<!doctype html><html><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{strict}"></head>'
        '<body><script>document.body.textContent = "ran"</script></body></html>',
        encoding="utf-8")
    served = [""]

    def shown() -> bool:
        # The answer the wait saw is the one judged: another request could meet a rebuild
        # (the file's creation and its writing may each start one) and time out.
        served[0] = _get(preview.base + "hand-written.html")
        return "<script>document.body" in served[0]

    try:
        _wait_for(shown, "the hand-written file", preview.server)
    finally:
        written.unlink()
    assert re.findall(r'http-equiv="Content-Security-Policy" content="([^"]*)"',
                      served[0]) == [strict]


def test_an_invalid_edit_shows_an_error_page_until_fixed(preview: Preview) -> None:
    project, base, server = preview.project, preview.base, preview.server
    page = base + "api-authentication/"
    spec = project / "api.yaml"
    pristine = spec.read_text(encoding="utf-8")
    _replace(spec, "    status: 403", "    status: 99")
    _wait_for(lambda: "api.yaml has an error" in _get(page), "the error page", server)
    assert "Input should be greater than or equal to 400: got 99 (at errors[5].status)" \
        in _get(page)
    assert server.process.poll() is None
    assert "ERROR   -  api.yaml:" in server.log.read_text()

    spec.write_text(pristine, encoding="utf-8")
    _wait_for(lambda: "Authentication methods" in _get(page), "the page to return", server)


_OVERRIDE = Path("overrides/partials/integrations/analytics/custom.html")


def _break_override(project: Path) -> str:
    """A syntax error on line 10 of an override; returns the file's text before it."""
    override = project / _OVERRIDE
    pristine = override.read_text(encoding="utf-8")
    lines = pristine.splitlines()
    lines[9] = "  var endpoint = {{ config.extra.feedback_endpoint | tojson }"
    override.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return pristine


def test_a_broken_override_is_shown_on_the_page_until_fixed(preview: Preview) -> None:
    project, base, server = preview.project, preview.base, preview.server
    page = base + "api-authentication/"
    pristine = _break_override(project)
    where = f"{_OVERRIDE}:10: template syntax error: unexpected &#39;}}&#39;"
    _wait_for(lambda: where in _get(page), "the template error page", server)
    log = server.log.read_text()
    assert f"ERROR   -  {_OVERRIDE}:10: template syntax error: unexpected '}}'" in log
    assert "Traceback" not in log
    assert server.process.poll() is None

    (project / _OVERRIDE).write_text(pristine, encoding="utf-8")
    _wait_for(lambda: "Authentication methods" in _get(page), "the page to return", server)


def test_a_preview_started_with_a_broken_override_is_one_clear_error(project: Path) -> None:
    _break_override(project)
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "serve", "--dev-addr",
         f"127.0.0.1:{free_port()}"], cwd=project, capture_output=True, text=True,
        timeout=300, check=False)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == (
        f"error: {_OVERRIDE}:10: template syntax error: unexpected '}}'")


def test_a_busy_address_is_one_clear_error(project: Path) -> None:
    with busy_port() as port:
        result = subprocess.run(
            [sys.executable, "-m", "generator.cli", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 2
    # Said at once: the one line, before any build (whose log would come first).
    assert result.stderr.splitlines() == [
        f"error: cannot serve the preview on 127.0.0.1:{port}: Address already in use"]


def test_sigterm_stops_the_preview_and_removes_its_site(project: Path, tmp_path: Path) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    _base, server = _start_preview(project, tmp_path / "serve.log",
                                   env={**os.environ, "TMPDIR": str(temporary)})
    try:
        assert [path.name[:15] for path in temporary.iterdir()] == ["guides-preview-"]
    finally:
        server.process.terminate()
        assert server.process.wait(timeout=30) == 0, server.log.read_text()
    assert list(temporary.iterdir()) == []
