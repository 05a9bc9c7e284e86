"""A reader's sweep of the built site: for every example and every language, the lines of
its "Sandbox (sh)" tab and the sample, both exactly as their copy buttons give them, run
with nothing else against a real `guides sandbox` the site was built for, give the
response the page shows."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from generator.check.running.reader_libraries import reader_environment
from generator.languages import LANGUAGES as SAMPLE_LANGUAGES
from generator.model import Example, Spec, load_project
from generator.model.matchers import Matcher
from tests.conftest import PAGES_ONLY, REPO, copy_project, run_guides
from tests.page_text import main_text
from tests.sandbox.running import RunningSandbox, start_sandbox

pytestmark = pytest.mark.e2e

PAGES = ("api-authentication", "endpoints", "error-catalog")
SANDBOX_TAB = "Sandbox (sh)"
#: Tab label -> the file a reader saves the sample as, and how they run it, as "Run the
#: samples" says: "save the sample and run it with `sh`, `python3` or `node`", the
#: JavaScript ones as `.mjs`.
LANGUAGES = {"curl": ("curl.sh", "sh curl.sh"), "Python": ("python.py", "python3 python.py"),
             "JavaScript": ("node.mjs", "node node.mjs")}


@dataclass
class Shown:
    """One example as its built page shows it."""

    tabs: dict[str, str] = field(default_factory=dict)
    """Tab label -> the text its copy button copies."""
    blocks: list[str] = field(default_factory=list)
    """Code blocks outside tabs: the response body, when there is one."""
    html: str = ""


class _Examples(HTMLParser):
    """Each example's tabs and code blocks, with the text Material's copy button copies:
    the code element's text, trailing whitespace trimmed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, Shown] = {}
        self._example: Shown | None = None
        self._divs: list[str] = []
        self._labels: list[str] = []
        self._block = -1
        self._label: list[str] | None = None
        self._code: list[str] | None = None
        self._pre = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            identifier = attributes.get("id") or ""
            self._example = None
            if identifier.startswith("example-"):
                self._example = self.found.setdefault(identifier.removeprefix("example-"),
                                                      Shown())
        elif tag == "div":
            classes = (attributes.get("class") or "").split()
            self._divs.append(" ".join(classes))
            if "tabbed-set" in classes:
                self._labels, self._block = [], -1
            elif "tabbed-block" in classes:
                self._block += 1
        elif tag == "label" and self._in("tabbed-labels"):
            self._label = []
        elif tag == "pre":
            self._pre = True
        elif tag == "code" and self._pre:
            self._code = []

    def _in(self, css: str) -> bool:
        return any(css in classes.split() for classes in self._divs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._divs:
            self._divs.pop()
        elif tag == "pre":
            self._pre = False
        elif tag == "label" and self._label is not None:
            self._labels.append("".join(self._label))
            self._label = None
        elif tag == "code" and self._code is not None:
            text = "".join(self._code).rstrip()
            self._code = None
            if self._example is None:
                return
            if self._in("tabbed-set") and 0 <= self._block < len(self._labels):
                self._example.tabs[self._labels[self._block]] = text
            else:
                self._example.blocks.append(text)

    def handle_data(self, data: str) -> None:
        if self._label is not None:
            self._label.append(data)
        if self._code is not None:
            self._code.append(data)


def _examples(site: Path) -> dict[str, Shown]:
    found: dict[str, Shown] = {}
    for page in PAGES:
        html = (site / page / "index.html").read_text(encoding="utf-8")
        parser = _Examples()
        parser.feed(html)
        starts = [(m.start(), m.group(1)) for m in
                  re.finditer(r'<h[23] id="example-([^"]+)"', html)]
        for start, example_id in starts:
            following = re.compile(r"<h[1-6][ >]").search(html, start + 1)
            end = following.start() if following else len(html)
            parser.found[example_id].html = html[start:end]
        found.update(parser.found)
    return found


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: str | None


def _shown_answer(example_id: str, examples: dict[str, Shown]) -> Answer:
    """The response the page shows under the example, following "the same answer as" and
    "Headers as in" to the example named."""
    shown = examples[example_id]
    same = re.search(r'the same answer as <a href="#example-([^"]+)"', shown.html)
    if same:
        return _shown_answer(same.group(1), examples)
    status = re.search(r"Response: <strong>(\d{3}) ", shown.html)
    assert status, f"{example_id}: the page shows no status"
    response = shown.html[status.start():]
    headers_as = re.search(r'Headers as in <a href="#example-([^"]+)"', response)
    headers = (_shown_answer(headers_as.group(1), examples).headers if headers_as else
               {unescape(re.sub("<[^>]+>", "", name)).lower():
                unescape(re.sub("<[^>]+>", "", value))
                for name, value in re.findall(
                    r"<tr>\s*<td><code>(.*?)</code></td>\s*<td><code>(.*?)</code></td>",
                    response, flags=re.S)})
    return Answer(int(status.group(1)), headers, shown.blocks[0] if shown.blocks else None)


def _printed(stdout: str) -> Answer:
    """What a sample printed: the first status, the headers it printed (all, for curl's
    --include; a `Name: value` line for the others), and the first JSON document."""
    lines = stdout.replace("\r\n", "\n").split("\n")
    first = lines[0].split()
    status = int(first[1] if first[0].startswith("HTTP/") else first[0])
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if not line.strip() or line.lstrip().startswith(("{", "[")):
            break
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    rest = "\n".join(lines[1:])
    start = min((i for i in (rest.find("{"), rest.find("[")) if i >= 0), default=-1)
    body = None
    if start >= 0:
        value, _ = json.JSONDecoder().raw_decode(rest[start:])
        body = json.dumps(value)
    return Answer(status, headers, body)


def _differences(shown: Any, actual: Any, documented: Any, where: str = "$") -> list[str]:
    """How `actual` differs from what the page shows: the same JSON, except where api.yaml
    documents a value as varying (a matcher), which `actual` must then satisfy. The page
    shows the values of one recorded run; a public sandbox keeps the real time."""
    if isinstance(documented, Matcher):
        return [] if documented.matches(actual) else [f"{where}: {actual!r} is not {documented}"]
    if isinstance(shown, dict) and isinstance(actual, dict):
        if set(shown) != set(actual):
            return [f"{where}: fields {sorted(actual)}, the page shows {sorted(shown)}"]
        return [problem for key in shown for problem in _differences(
            shown[key], actual[key],
            documented.get(key) if isinstance(documented, dict) else None, f"{where}.{key}")]
    if isinstance(shown, list) and isinstance(actual, list):
        if len(shown) != len(actual):
            return [f"{where}: {len(actual)} items, the page shows {len(shown)}"]
        return [problem for index, (one, other) in enumerate(zip(shown, actual, strict=True))
                for problem in _differences(
                    one, other, documented[index] if isinstance(documented, list)
                    and index < len(documented) else None, f"{where}[{index}]")]
    return [] if shown == actual else [f"{where}: {actual!r}, the page shows {shown!r}"]


@dataclass
class Reader:
    site: Path
    sandbox: RunningSandbox
    spec: Spec
    examples: dict[str, Shown]
    #: The `bin` of a virtual environment with what "Run the samples" has a reader install.
    python: Path


@pytest.fixture(scope="module")
def reader(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Reader]:
    """The site built for a real sandbox, as the public one runs: its own clock."""
    root = tmp_path_factory.mktemp("reader-sweep")
    sandbox = start_sandbox(root / "sandbox.log", "--real-clock",
                            "--state-dir", str(root / "state"))
    try:
        project = copy_project(REPO, root / "project")
        built = run_guides("build", cwd=project,
                           env={"GUIDES_TRY_IT_URL": sandbox.base_url, **PAGES_ONLY})
        assert built.returncode == 0, built.stderr
        spec = load_project(project / "api.yaml").spec
        python = reader_environment(root / "python", SAMPLE_LANGUAGES["python"].requirements)
        yield Reader(project / "site", sandbox, spec, _examples(project / "site"), python)
    finally:
        assert sandbox.stop() == 0


def _order(spec: Spec) -> list[Example]:
    """Page order, except that examples which create jobs run after the ones that list them
    (each visitor's jobs are their own, and grow), and the one that trips a per-client
    threshold runs last (it locks this client out of further failures for a while)."""
    return sorted(spec.examples, key=lambda example: (
        spec.threshold(example) is not None, spec.response_status(example) == 201))


_SPEC = load_project(REPO / "api.yaml").spec
_RUNS = [(example.id, language) for example in _order(_SPEC) for language in LANGUAGES]


def test_run_the_samples_says_how_to_run_them(reader: Reader) -> None:
    text = main_text(reader.site / "api-authentication" / "index.html")
    for words in ("`sh`", "`python3`", "`node`", "`.mjs`", "httpx", "Node 20"):
        assert words.strip("`") in text, words


@pytest.mark.parametrize(("example_id", "language"), _RUNS,
                         ids=[f"{example_id}-{language}" for example_id, language in _RUNS])
def test_the_sample_copied_from_the_page_answers_what_the_page_shows(
        reader: Reader, tmp_path: Path, example_id: str, language: str) -> None:
    shown = reader.examples[example_id]
    assert SANDBOX_TAB in shown.tabs, f"no {SANDBOX_TAB!r} tab: {sorted(shown.tabs)}"
    assert language in shown.tabs, f"no {language!r} tab: {sorted(shown.tabs)}"
    name, command = LANGUAGES[language]
    folder = tmp_path / "reader"
    folder.mkdir()
    (folder / name).write_text(shown.tabs[language] + "\n", encoding="utf-8")
    ca_file = str(reader.sandbox.info["ca_file"])
    # A reader of the public sandbox trusts its certificate already; this local sandbox's
    # comes from its own CA, which a reader would trust with these three variables. The
    # Python on PATH has what "Run the samples" asks a reader to install, and only that.
    env = {"PATH": f"{reader.python}:{os.environ['PATH']}",
           "HOME": str(tmp_path), "SSL_CERT_FILE": ca_file, "NODE_EXTRA_CA_CERTS": ca_file,
           "CURL_CA_BUNDLE": ca_file}
    ran = subprocess.run(["sh", "-c", f"{shown.tabs[SANDBOX_TAB]}\n{command}"], cwd=folder,
                         env=env, capture_output=True, text=True, timeout=120, check=False)
    assert ran.returncode == 0, ran.stderr
    printed, expected = _printed(ran.stdout), _shown_answer(example_id, reader.examples)
    assert printed.status == expected.status, ran.stdout
    example = next(e for e in reader.spec.examples if e.id == example_id)
    # What the example documents, and what every answer of its error code carries.
    code_headers = (reader.spec.error(example.response.error).headers
                    if example.response.error else {})
    documented = {name.lower(): value
                  for name, value in {**code_headers, **example.response.headers}.items()}
    api_base = reader.spec.api.base_url.rstrip("/")
    every_header = ran.stdout.startswith("HTTP/")  # curl's --include
    for header, value in expected.headers.items():
        if not every_header and header not in printed.headers:
            continue
        assert header in printed.headers, f"{header} missing from {ran.stdout}"
        actual, matcher = printed.headers[header], documented.get(header)
        if isinstance(matcher, Matcher):
            assert matcher.matches(actual), f"{header}: {actual!r} is not {matcher}"
        if value.startswith(api_base) or not isinstance(matcher, Matcher):
            # An address of the API is the sandbox's own on this run.
            assert actual == value.replace(api_base, reader.sandbox.base_url, 1), header
    if expected.body is None:
        assert printed.body is None, ran.stdout
        return
    assert printed.body is not None, ran.stdout
    problems = _differences(json.loads(expected.body), json.loads(printed.body),
                            reader.spec.response_body(example))
    assert not problems, problems


def test_generate_writes_the_sandbox_lines_too(tmp_path: Path) -> None:
    """The pages for another site generator carry the same setup as the MkDocs build."""
    project = copy_project(REPO, tmp_path / "project")
    generated = subprocess.run(
        [sys.executable, "-m", "generator.cli", "generate", "--out", str(tmp_path / "out")],
        cwd=project, capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "GUIDES_TRY_IT_URL": "https://sandbox.example.org/v1/"})
    assert generated.returncode == 0, generated.stderr
    page = (tmp_path / "out" / "endpoints.md").read_text(encoding="utf-8")
    assert f'=== "{SANDBOX_TAB}"' in page
    variable = _SPEC.samples.base_url_variable
    assert f"export {variable}=https://sandbox.example.org/v1\n" in page
    assert "curl -fsS https://sandbox.example.org/sandbox/credentials" in page
