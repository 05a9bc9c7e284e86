"""Samples run as a reader runs them (curl by its shebang, python, node, go run, ruby, php,
java: every one of the first three, one per request shape of the others), against two
loopback servers: the API's address, which answers every request
with a redirect to another origin (another host name and port, over plain HTTP), and that
other origin, which records every byte it receives. No credential may reach the other
origin; the base URL works as the page shows it, trailing slash included; and a variable a
sample needs and lacks is one line naming it, before any request."""

from __future__ import annotations

import http.server
import os
import secrets
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator.check.running.runtimes import cache_variables
from generator.languages import LANGUAGES
from generator.model import credential_variable, load_project
from generator.model.models import Example, Samples
from tests.conftest import QUICK_LANGUAGES, REPO, serving

#: Each test runs readers' programs, as a whole check does: left out of `make quick`.
pytestmark = pytest.mark.e2e

SNIPPETS = REPO / "snippets"
BY_FILE = {language.filename: (key, language) for key, language in LANGUAGES.items()}
SAMPLES = sorted(path for path in SNIPPETS.glob("*/*") if path.name in BY_FILE)


def _shape(example: Example, samples: Samples) -> tuple[object, ...]:
    """What a sample sends, as far as a credential's way to another origin goes: a body or
    none, the headers and the variable that fill them, the requests made."""
    request = example.request
    variable = request.credential and credential_variable(samples, request.credential)
    return (request.body is None, request.transport, request.header,
            request.conflicting_header, request.same_key_header, variable,
            request.reads_job_id, request.follows_pages, request.repeated)


def _one_per_shape() -> list[Path]:
    """Every sample of the quick languages; of each other language, the first sample of
    each request shape: its samples of one shape share their code but for the values (its
    whole check, and validation's rules of each sample, prove the rest)."""
    spec = load_project(REPO / "api.yaml").spec
    shapes = {example.id: _shape(example, spec.samples) for example in spec.examples}
    seen: set[tuple[object, ...]] = set()
    chosen = []
    for sample in SAMPLES:
        key = BY_FILE[sample.name][0]
        shape = (key, shapes[sample.parent.name])
        if key in QUICK_LANGUAGES or shape not in seen:
            seen.add(shape)
            chosen.append(sample)
    return chosen


ON_THE_WIRE = _one_per_shape()
#: The variables a sample may need and lack: those without a placeholder to fall back on.
REQUIRED = ("TRUSTLEADS_OTHER_API_KEY", "TRUSTLEADS_SESSION_TOKEN", "TRUSTLEADS_JOB_ID")


@dataclass
class Recorder:
    """A loopback HTTP server that keeps every request it receives, raw."""

    redirect_to: str | None = None
    """Answer each request with 307 to this origin plus the request's path; else 404."""
    status: int = 307
    received: list[bytes] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    port: int = 0

    def take(self) -> list[bytes]:
        with self.lock:
            taken, self.received = self.received, []
        return taken


def _handler(recorder: Recorder) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def _any(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            raw = f"{self.requestline}\r\n{self.headers}".encode("latin-1") + body
            with recorder.lock:
                recorder.received.append(raw)
            if recorder.redirect_to is None:
                self.send_response(404)
            else:
                self.send_response(recorder.status)
                self.send_header("Location", recorder.redirect_to + self.path)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _any

        def log_message(self, format: str, *args: object) -> None:
            pass  # the test reads what was received, not a log

    return Handler


def _serve(recorder: Recorder) -> Iterator[Recorder]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(recorder))
    server.daemon_threads = True
    recorder.port = server.server_address[1]
    with serving(server):
        yield recorder


@pytest.fixture(scope="module")
def other_origin() -> Iterator[Recorder]:
    yield from _serve(Recorder())


@pytest.fixture(scope="module")
def api(other_origin: Recorder) -> Iterator[Recorder]:
    # Another host name and port, over plain HTTP: another origin by every measure.
    yield from _serve(Recorder(redirect_to=f"http://localhost:{other_origin.port}"))


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


def run_sample(sample: Path, env: dict[str, str]) -> Ran:
    """`sample` run as the page tells a reader to, from its folder, with only `env` (and
    PATH, and the caches a reader's runtime keeps in their home) set."""
    key, language = BY_FILE[sample.name]
    # This interpreter has httpx; another python3 on PATH may not.
    command = [sys.executable, sample.name] if key == "python" else list(language.command)
    done = subprocess.run(command, env={"PATH": os.environ["PATH"], "LANG": "C.UTF-8",
                                        **cache_variables(REPO, key, language), **env},
                          capture_output=True, text=True, timeout=60, check=False,
                          cwd=sample.parent)
    return Ran(done.returncode, done.stdout, done.stderr)


def _credentials() -> dict[str, str]:
    return {"TRUSTLEADS_API_KEY": "lfk_sk_" + secrets.token_hex(16),
            "TRUSTLEADS_OTHER_API_KEY": "lfk_sk_" + secrets.token_hex(16),
            "TRUSTLEADS_SESSION_TOKEN": "eyJ" + secrets.token_urlsafe(24)}


def _name(sample: Path) -> str:
    return f"{sample.parent.name}/{sample.name}"


def _cases(*cases: tuple[Path, *tuple[str, ...]]) -> list[object]:
    """A case per (sample, ...), named by the sample."""
    return [pytest.param(*case, id="-".join((_name(case[0]), *case[1:]))) for case in cases]


@pytest.fixture(autouse=True)
def _tools() -> None:
    for tool in ("curl", "node", "go", "ruby", "php", "java"):
        assert shutil.which(tool), f"{tool} runs the samples; install it"


@pytest.mark.parametrize("sample", _cases(*((sample,) for sample in ON_THE_WIRE)))
def test_no_credential_follows_a_redirect_to_another_origin(
        sample: Path, api: Recorder, other_origin: Recorder) -> None:
    credentials = _credentials()
    api.take(), other_origin.take()
    # The base URL as the pages show it, trailing slash included.
    ran = run_sample(sample, {**credentials, "TRUSTLEADS_JOB_ID": "job_629f6fbed82c07cd",
                              "TRUSTLEADS_BASE_URL": f"http://127.0.0.1:{api.port}/v1/"})
    asked, leaked = api.take(), other_origin.take()
    assert asked, f"{_name(sample)} made no request: {ran.stderr}"
    for raw in leaked:
        for name, value in credentials.items():
            if value.encode() in raw:
                pytest.fail(f"{_name(sample)} sent ${name} to another origin:\n"
                            f"{raw.decode('latin-1')}")
    for raw in asked:
        line = raw.split(b"\r\n", 1)[0].decode("latin-1")
        assert line.split()[1].startswith("/v1/") and "//" not in line.split()[1], \
            f"{_name(sample)} asked {line!r} of the base URL with a trailing slash"


#: What each language does when left to follow redirects, in the file it is run as: each
#: carries X-API-Key to the other origin, the pattern the samples avoid.
FOLLOWING = {
    # fetch drops Authorization on a redirect to another origin, not custom headers.
    "node.mjs": "const response = await fetch(`${process.env.TRUSTLEADS_BASE_URL}jobs`, "
                "{ headers: { \"X-API-Key\": process.env.TRUSTLEADS_API_KEY } });\n"
                "console.log(response.status);\n",
    "main.php": '<?php\n$context = stream_context_create(["http" => ["header" => '
                '"X-API-Key: " . getenv("TRUSTLEADS_API_KEY"), "ignore_errors" => true]]);\n'
                'file_get_contents(getenv("TRUSTLEADS_BASE_URL") . "jobs", false, $context);\n'
                'echo explode(" ", $http_response_header[0])[1], "\\n";\n',
    "main.go": 'package main\n\nimport (\n\t"fmt"\n\t"net/http"\n\t"os"\n)\n\n'
               'func main() {\n\trequest, _ := http.NewRequest("GET", '
               'os.Getenv("TRUSTLEADS_BASE_URL")+"jobs", nil)\n'
               '\trequest.Header.Set("X-API-Key", os.Getenv("TRUSTLEADS_API_KEY"))\n'
               '\tresponse, err := http.DefaultClient.Do(request)\n\tif err != nil {\n'
               '\t\tpanic(err)\n\t}\n\tfmt.Println(response.StatusCode)\n}\n',
}


@pytest.mark.parametrize("filename", FOLLOWING)
def test_the_harness_sees_each_languages_leak(tmp_path: Path, api: Recorder,
                                             other_origin: Recorder, filename: str) -> None:
    sample = tmp_path / filename
    sample.write_text(FOLLOWING[filename])
    key = _credentials()["TRUSTLEADS_API_KEY"]
    api.take(), other_origin.take()
    ran = run_sample(sample, {"TRUSTLEADS_API_KEY": key,
                              "TRUSTLEADS_BASE_URL": f"http://127.0.0.1:{api.port}/v1/"})
    assert ran.returncode == 0, ran.stderr
    assert any(key.encode() in raw for raw in other_origin.take())




def _with_required() -> list[tuple[Path, str]]:
    """(sample, variable) for each variable a sample needs: every sample of the quick
    languages; of each other language, its first sample needing that variable (validation
    holds all of a language's samples to one spelling of the check)."""
    chosen: dict[tuple[str, str], Path] = {}
    cases = []
    for sample in SAMPLES:
        key = BY_FILE[sample.name][0]
        for name in REQUIRED:
            if name in sample.read_text(encoding="utf-8") and (
                    key in QUICK_LANGUAGES or chosen.setdefault((key, name), sample) == sample):
                cases.append((sample, name))
    return cases


WITH_REQUIRED = _with_required()


@pytest.mark.parametrize(("sample", "variable"), _cases(*WITH_REQUIRED))
def test_a_missing_variable_is_one_line_naming_it(sample: Path, variable: str,
                                                  api: Recorder) -> None:
    env = {**_credentials(), "TRUSTLEADS_JOB_ID": "job_629f6fbed82c07cd",
           "TRUSTLEADS_BASE_URL": f"http://127.0.0.1:{api.port}/v1"}
    del env[variable]
    api.take()
    ran = run_sample(sample, env)
    assert ran.returncode != 0
    said = ran.stderr.strip().splitlines()
    if sample.name == "main.go":
        # `go run` adds a line of its own when the program ends with another status.
        assert said[-1] == f"exit status {ran.returncode}", ran.stderr
        said = said[:-1]
    assert len(said) == 1 and variable in ran.stderr, ran.stderr
    assert "Traceback" not in ran.stderr
    assert api.take() == [], f"{_name(sample)} made a request without ${variable}"


@pytest.mark.parametrize("sample", _cases(*((s,) for s in SAMPLES
                                              if s.parent.name == "http-redirect")))
def test_the_redirect_sample_calls_plain_http_as_the_page_says(
        sample: Path, api: Recorder, other_origin: Recorder) -> None:
    # Set as the pages tell a reader: the https base URL. The sample calls plain HTTP.
    api.take(), other_origin.take()
    ran = run_sample(sample, {"TRUSTLEADS_BASE_URL": f"https://127.0.0.1:{api.port}/v1/"})
    assert ran.returncode == 0, ran.stderr
    # PHP's http stream wrapper speaks HTTP/1.0 unless told otherwise.
    assert [raw.split(b"\r\n", 1)[0].rpartition(b"/")[0] for raw in api.take()] == [
        b"GET /v1/jobs HTTP"]
    assert "307" in ran.stdout
    assert f"http://localhost:{other_origin.port}/v1/jobs" in ran.stdout
    assert other_origin.take() == []
