"""The Markdown copies and llms.txt: each sample under its language's name, no browser UI."""

from __future__ import annotations

import gzip
import hashlib
import re
from html import escape
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from generator.site.markdown_copies import preprocess
from tests.conftest import PAGES_ONLY, run_guides
from tests.test_cli import tree_digest

#: What the pages show only to a browser, in the words a reader sees there.
UI_TEXT = ["Show my key in the samples", "Kept in this browser tab only", "Try it",
           "Skip to content", "Was this guide helpful?", "This page could be improved",
           "View as Markdown", "Edit this page", "Copy to clipboard"]

#: The sitemap dates each page with the day of its build: two builds compared may fall on
#: either side of midnight.
_LASTMOD = re.compile(rb"<lastmod>[^<]*</lastmod>")

#: A tab's label line, and the fenced block right under it.
#: A file name the code block shows follows the label: **curl** (`curl.sh`).
_LABELLED_BLOCK = re.compile(r"^\*\*(?P<label>[^*\n]+)\*\*(?: \(`[^`\n]+`\))?\n\n"
                             r"```(?P<language>[a-z]+)\n", re.MULTILINE)


def _undated_digest(site: Path) -> dict[str, str]:
    """Each file's digest, the sitemap's read without its dates."""
    digests = tree_digest(site)
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        data = (site / name).read_bytes()
        data = gzip.decompress(data) if name.endswith(".gz") else data
        digests[name] = hashlib.sha256(_LASTMOD.sub(b"", data)).hexdigest()
    return digests


def _tab_labels(html: str) -> list[str]:
    """Every tab label of a built page, in order."""
    soup = BeautifulSoup(html, "html.parser")
    return [label.get_text(" ", strip=True) for label in soup.select(".tabbed-labels > label")]


def _browser_only_text(html: str) -> list[str]:
    """The text of a built page's controls and search-only words, line by line."""
    soup = BeautifulSoup(html, "html.parser")
    found = soup.select("form.guides-key, .guides-try, .guides-search-terms, .md-skip, "
                        ".md-feedback, .guides-page-source")
    return [line.strip() for element in found
            for line in element.get_text("\n").splitlines() if len(line.strip()) > 3]


def test_each_sample_of_the_catalog_copy_is_under_its_language_name(built_site: Path) -> None:
    html = (built_site / "error-catalog" / "index.html").read_text(encoding="utf-8")
    copy = (built_site / "error-catalog" / "index.md").read_text(encoding="utf-8")
    labels = _tab_labels(html)
    assert {"curl", "Python", "JavaScript"} <= set(labels)
    # Every tab of the page, in the page's order, is a label line over its fenced block.
    assert [m["label"] for m in _LABELLED_BLOCK.finditer(copy)] == labels
    languages = {m["label"]: m["language"] for m in _LABELLED_BLOCK.finditer(copy)}
    assert (languages["curl"], languages["Python"], languages["JavaScript"]) == (
        "sh", "python", "js")


def test_no_copy_and_no_llms_txt_carries_browser_ui(built_site: Path) -> None:
    llms = (built_site / "llms.txt").read_text(encoding="utf-8")
    copies = sorted(built_site.rglob("index.md"))
    assert len(copies) >= 6
    for copy in copies:
        html = copy.with_suffix(".html").read_text(encoding="utf-8")
        text = copy.read_text(encoding="utf-8")
        lines = {line.strip("*_ ") for line in text.splitlines()}
        for ui in [*UI_TEXT, *_browser_only_text(html)]:
            # The editors' page may quote a control's name in a sentence; no page shows one.
            assert ui not in lines, f"{copy.relative_to(built_site)}: {ui!r}"
            if copy.parent.name != "editing-the-guides":
                assert ui not in text, f"{copy.relative_to(built_site)}: {ui!r}"
            assert ui not in llms, f"llms.txt: {ui!r}"
        # Every fenced block says its language.
        fences = re.findall(r"^```(.*)$", text, re.MULTILINE)
        assert all(fences[0::2]), copy


def test_llms_txt_lists_the_copy_of_every_page(built_site: Path) -> None:
    llms = (built_site / "llms.txt").read_text(encoding="utf-8")
    pages = [page.parent.relative_to(built_site).as_posix()
             for page in built_site.rglob("index.html")
             if page.parent.name not in {"search"}]
    assert "endpoints" in pages
    for page in pages:
        path = "" if page == "." else f"{page}/"
        assert f"(https://trustleads.ai/guides/{path}index.md)" in llms, page


def test_preprocess_labels_tabs_and_drops_controls() -> None:
    soup = BeautifulSoup(
        '<div class="tabbed-set"><input type="radio"><div class="tabbed-labels">'
        '<label for="a">curl</label><label for="b">Python</label></div>'
        '<div class="tabbed-content"><div class="tabbed-block"><pre>one</pre></div>'
        '<div class="tabbed-block"><pre>two</pre></div></div></div>'
        '<form class="guides-key" hidden><label>Show my key</label><button>Clear</button>'
        '</form><div class="guides-try" hidden></div>'
        '<p>Kept <span class="guides-search-terms">rate limit throttled</span></p>',
        "html.parser")

    preprocess(soup, "error-catalog/index.md")

    assert [p.get_text() for p in soup.select(".tabbed-block > p")] == ["curl", "Python"]
    assert [pre.get_text() for pre in soup.select(".tabbed-block > pre")] == ["one", "two"]
    text = soup.get_text(" ", strip=True)
    assert text == "curl one Python two Kept"


@given(pieces=st.lists(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]),
                               min_size=1, max_size=12), min_size=1, max_size=8))
def test_a_highlighted_code_block_keeps_its_text_exactly(pieces: list[str]) -> None:
    # As Pygments writes it: a span per token, its text escaped; markup-like text included.
    spans = "".join(f'<span class="k">{escape(piece)}</span>' for piece in pieces)
    soup = BeautifulSoup(f'<div class="highlight"><pre><span></span><code>{spans}</code></pre>'
                         "</div>", "html.parser")

    preprocess(soup, "error-catalog/index.md")

    code = soup.find("code")
    assert code is not None and code.find(True) is None  # its text alone, no element left
    assert code.get_text() == "".join(pieces)


@pytest.mark.e2e  # a whole build
def test_a_pages_only_build_leaves_out_the_copies_and_nothing_else(built_site: Path,
                                                                    project: Path) -> None:
    """The tests that read the pages alone build them so (`PAGES_ONLY`), as `guides serve`
    does: that is without llms.txt and the Markdown copies, every other file the same."""
    assert run_guides("build", cwd=project, env=PAGES_ONLY).returncode == 0
    full, pages_only = _undated_digest(built_site), _undated_digest(project / "site")
    left_out = {name for name in full if name.endswith(".md") or name.startswith("llms")}
    assert {"llms.txt", "llms-full.txt", "error-catalog/index.md"} <= left_out
    assert pages_only == {name: digest for name, digest in full.items() if name not in left_out}
