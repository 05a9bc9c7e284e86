"""`changes:` held to what it names, and shown on the Changelog page, its feed and the
catalog."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest

from generator.errors import SpecError
from generator.model import Project, load_project
from generator.render import render_pages
from generator.render.changelog import atom_feed
from tests.conftest import REPO

_ATOM = "{http://www.w3.org/2005/Atom}"


def _with_changes(entries: str) -> Project:
    text = (REPO / "api.yaml").read_text(encoding="utf-8")
    return load_project(REPO / "api.yaml",
                        raw=text.replace("changes: []", "changes:\n" + entries).encode())


_ENTRIES = """  - date: 2025-03-04
    summary: NOT_FOUND says "gone" & 1 < 2.
    codes: [NOT_FOUND]
    paths: ["/jobs/{id}"]
  - date: 2025-01-02
    summary: Pages hold at most 100 jobs.
    sections: [paging]
    removed: [GONE_CODE]
"""


@pytest.mark.parametrize(("entry", "words"), [
    ("  - {date: 2025-01-02, summary: x, codes: [NO_SUCH]}", "unknown error code 'NO_SUCH'"),
    ("  - {date: 2025-01-02, summary: x, paths: [/nowhere]}", "no endpoint or example"),
    ("  - {date: 2025-01-02, summary: x, sections: [pagination]}", "unknown section"),
    ("  - {date: 2025-01-02, summary: x, removed: [NOT_FOUND]}", "still in api.yaml"),
    ("  - {date: 2025-01-02, summary: x}", "names no code, path or section"),
    (f"  - {{date: {date.today().replace(year=date.today().year + 1)}, summary: x, "
     "codes: [NOT_FOUND]}", "in the future"),
    ("  - {date: 2025-01-02, summary: x, codes: [NOT_FOUND]}\n"
     "  - {date: 2025-05-02, summary: y, codes: [NOT_FOUND]}", "newest first"),
])
def test_an_entry_is_held_to_what_it_names(entry: str, words: str) -> None:
    with pytest.raises(SpecError) as caught:
        _with_changes(entry)
    assert words in str(caught.value)
    assert "api.yaml:" in str(caught.value) and "changes[" in str(caught.value)


def test_the_page_lists_entries_newest_first_with_links() -> None:
    page = render_pages(_with_changes(_ENTRIES))["changelog.md"]
    first, second = page.index("2025-03-04"), page.index("2025-01-02")
    assert first < second
    assert "[`NOT_FOUND`](error-catalog.md#not_found)" in page
    assert "[`/jobs/{id}`](endpoints.md#read-a-job)" in page
    assert "`GONE_CODE` (removed)" in page
    assert "1 &lt; 2" in page


def test_the_catalog_says_when_a_code_last_changed() -> None:
    catalog = render_pages(_with_changes(_ENTRIES))["error-catalog.md"]
    entry = catalog[catalog.index("{ #not_found }"):catalog.index("{ #method_not_allowed }")]
    assert "Last changed\n:   [2025-03-04](changelog.md#2025-03-04-not-found-says-gone-1-2)" \
        in entry
    others = catalog[catalog.index("{ #invalid_token }"):catalog.index("{ #revoked_token }")]
    assert "Last changed" not in others


def test_the_feed_is_atom_with_every_entry_escaped() -> None:
    project = _with_changes(_ENTRIES)
    feed = ET.fromstring(atom_feed(project.spec))
    assert feed.tag == f"{_ATOM}feed"
    assert feed.findtext(f"{_ATOM}updated") == "2025-03-04T00:00:00Z"
    entries = feed.findall(f"{_ATOM}entry")
    assert [e.findtext(f"{_ATOM}title") for e in entries] == [
        'NOT_FOUND says "gone" & 1 < 2.', "Pages hold at most 100 jobs."]
    for entry in entries:
        for name in ("id", "updated", "title"):
            assert entry.findtext(f"{_ATOM}{name}")
        link = entry.find(f"{_ATOM}link")
        assert link is not None
        assert link.get("href", "").startswith("https://trustleads.ai/guides/changelog/#2025-")
    assert feed.find(f"{_ATOM}author/{_ATOM}name") is not None
