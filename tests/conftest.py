from __future__ import annotations

import fcntl
import os
import shutil
import socket
import socketserver
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from generator.ci import in_ci
from generator.paths import PROJECT_FILES

if TYPE_CHECKING:  # Playwright is imported by the browser tests' fixtures alone.
    from playwright.sync_api import Browser, Playwright

REPO = Path(__file__).resolve().parents[1]
MINIMAL = Path(__file__).parent / "fixtures" / "minimal"

#: The languages a whole `guides check` in a test runs, unless the test is about the
#: others: these start quickest (Java's source launcher costs about 2 s of CPU a run, and
#: `go run` compiles). The editing procedure's test (tests/pages/test_editing_procedure.py)
#: runs every language's sample of every example once.
QUICK_LANGUAGES = ("curl", "python", "node")


def language_options(languages: Iterable[str] = QUICK_LANGUAGES) -> list[str]:
    """`guides check`'s options that check only `languages`."""
    return [word for key in languages for word in ("--language", key)]


CHROMIUM = Path("/usr/bin/chromium")
#: Headless, each window of Chromium 156 still preloads the address bar's suggestion pop-ups
#: (chrome://omnibox-popup.top-chrome/) in a renderer of their own, which keeps about a tenth
#: of a core busy while the window lives: half the CPU a test spends loading one of the
#: guides' pages, for browser chrome no test can see (tests/test_chromium.py).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup"]


def require(available: bool, what: str, package: str) -> None:
    """Skip a test whose component is missing on a workstation; fail it under CI."""
    if available:
        return
    message = (f"{what} is missing; `make test` installs it (as root, with apt-get), "
               f"or install the Debian package {package}")
    if in_ci():
        pytest.fail(f"{message} (under CI: not skipping)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def chromium() -> Path:
    require(CHROMIUM.exists(), "Chromium (/usr/bin/chromium)", "chromium")
    return CHROMIUM


@pytest.fixture(scope="module")
def playwright(chromium: Path) -> Iterator[Playwright]:
    """One Playwright at a time, as its sync API allows, for a module's tests: while it
    runs, its event loop is the thread's (no other test could run one)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def chromium_browser(playwright: Playwright, chromium: Path) -> Iterator[Browser]:
    """Debian's Chromium, headless, launched once for a module's tests (a launch costs more
    than most browser tests)."""
    launched = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
    yield launched
    launched.close()


@pytest.fixture
def browser(chromium_browser: Browser) -> Iterator[Browser]:
    """The shared Chromium, for one test: what the test opens (each page or context its own
    profile, as a new reader's) is closed after it."""
    before = set(chromium_browser.contexts)
    yield chromium_browser
    for context in chromium_browser.contexts:
        if context not in before:
            context.close()


#: Fixtures that make a test need a browser, a database server, or the toolkit's processes.
_BROWSER_FIXTURES = {"chromium", "browser", "playwright"}
_DATABASE_FIXTURES = {"postgres_url", "postgresql_server"}
_END_TO_END_FIXTURES = {"built_site", "built_project", "project", "sandbox", "check_run", "clone",
                        "drifted_api"}

#: Markers of the tests `make quick` leaves out: only they may start the toolkit's own
#: commands and servers.
_OUT_OF_THE_QUICK_LOOP = ("browser", "database", "e2e")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test by what it needs, from its fixtures, so that `make quick` can run
    the unit tests alone: `browser`, `database`, and `e2e` (whole commands, builds,
    servers), a module may also mark itself; `unit` is every other test. Then order them
    for the test processes, which take tests in this order: the `long` ones first, the unit
    tests (a second or less each) last, where they fill the gaps the others leave."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        params = getattr(getattr(item, "callspec", None), "params", {})
        if fixtures & _BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if fixtures & _DATABASE_FIXTURES or params.get("database") == "postgresql":
            item.add_marker(pytest.mark.database)
        if fixtures & _END_TO_END_FIXTURES:
            item.add_marker(pytest.mark.e2e)
        if not any(item.get_closest_marker(kind) for kind in _OUT_OF_THE_QUICK_LOOP):
            item.add_marker(pytest.mark.unit)
    items.sort(key=_start_order)


#: Programs that make a test end-to-end: the toolkit's commands, make, the servers.
_WHOLE_PROGRAMS = {"guides", "make", "nginx", "initdb", "pg_ctl", "postgres"}
_start_process = subprocess.Popen.__init__


def _guarded_start(self: subprocess.Popen[Any], args: Any, *more: Any, **options: Any) -> None:
    """`Popen.__init__` for a test in the quick loop: a whole command or server fails it,
    naming the marker it lacks, so `make quick` stays the unit loop however a test starts
    one."""
    words = [str(word) for word in args] if isinstance(args, (list, tuple)) else [str(args)]
    if "generator.cli" in words or Path(words[0]).name in _WHOLE_PROGRAMS:
        raise AssertionError(
            f"a test that starts {' '.join(words[:4])} is end-to-end: mark it e2e (a fixture "
            f"named in tests/conftest.py's _END_TO_END_FIXTURES, or the module's pytestmark)")
    _start_process(self, args, *more, **options)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Iterator[None]:
    """While a test of the quick loop and its fixtures run, processes start guarded."""
    if item.get_closest_marker("unit") is None:
        yield
        return
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(subprocess.Popen, "__init__", _guarded_start)
        yield


def _start_order(item: pytest.Item) -> int:
    if item.get_closest_marker("long"):
        return 0
    return 2 if item.get_closest_marker("unit") else 1


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="Rewrite golden files from the current output instead of comparing.")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def installed(venv: str | Path = ".venv") -> list[str]:
    """make's options that take `venv` as installed already, with every extra."""
    return [option for extra in ("build", "check", "dev")
            for option in ("-o", f"{venv}/.installed-{extra}")]


def free_port() -> int:
    """A loopback port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, process: subprocess.Popen[Any], log: Path, what: str) -> None:
    """Return once `process` accepts connections on loopback `port`; fail, with its log, if
    it ends or does not listen within 30 s."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"{what} did not start: {log.read_text(errors='replace')}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise AssertionError(f"{what} did not listen within 30 s: {log.read_text(errors='replace')}")


@contextmanager
def busy_port() -> Iterator[int]:
    """A loopback port another program is listening on, for as long as the block runs."""
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        yield busy.getsockname()[1]


@contextmanager
def serving(server: socketserver.BaseServer) -> Iterator[None]:
    """`server` answering from a thread of its own while the block runs, then shut down."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def served_folder(folder: Path, port: int | None = None) -> Iterator[str]:
    """`folder` served over HTTP on loopback, as a static host would; its base URL."""
    port = port or free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
         "--directory", str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        # Listening once a connection is accepted: a browser sent sooner is refused.
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"http.server on port {port} did not start") from None
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=30)


def copy_project(source: Path, target: Path) -> Path:
    """A private copy of a project (api.yaml, mkdocs.yml, docs/, snippets/) to modify."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        path = source / name
        if path.is_dir():
            shutil.copytree(path, target / name)
        elif path.exists():
            shutil.copy2(path, target / name)
    return target


#: The settings of a build for a test that reads the pages alone: without llms.txt and the
#: pages' Markdown copies (as `guides serve` builds), the pages are the same to the byte, for
#: less than half the build's CPU.
PAGES_ONLY = {"GUIDES_FULL_SITE": "false"}


def run_guides(*args: str, cwd: Path,
               env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real `guides` command in a child process, as a user runs it (with `env` added to
    this process's variables)."""
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd,
                          capture_output=True, text=True, check=False, timeout=300,
                          env={**os.environ, **(env or {})})


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(REPO, tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The repository's site, built once per run by a real `guides build` (the test
    processes of one run share it under the run's temporary folder); tests only read it."""
    if worker_id == "master":
        shared = tmp_path_factory.mktemp("built")
    else:
        shared = tmp_path_factory.getbasetemp().parent
    root = shared / "built" / "project"
    with (shared / "built.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (root / "site" / "index.html").is_file():
            shutil.rmtree(root, ignore_errors=True)
            result = run_guides("build", cwd=copy_project(REPO, root))
            assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture
def built_project(built_site: Path, tmp_path: Path) -> Path:
    """A private copy of the project `built_site` came from, its site and cache with it: for a
    test about what the next build does to a site built before."""
    return Path(shutil.copytree(built_site.parent, tmp_path / "project", symlinks=True))
