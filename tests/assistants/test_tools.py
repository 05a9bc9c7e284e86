"""The tools' answers and their refusals, each naming what would be accepted."""

from __future__ import annotations

import pytest

from generator.assistants import (
    AssistantError,
    Guides,
    explain_response,
    get_example,
    lookup_error,
    reader_markdown,
    search_guides,
    sections_of,
)
from generator.languages import LANGUAGES


def test_an_entry_says_everything_a_reader_needs(guides: Guides) -> None:
    entry = lookup_error(guides, "what does REVOKED_TOKEN mean and how do I fix it")[
        "entries"][0]
    error = next(e for e in guides.errors if e.code == "REVOKED_TOKEN")
    assert entry["message"] == error.message and entry["fix"] == error.fix
    assert entry["when"] == error.when and entry["retry"] == error.retry
    assert entry["docs"] == error.docs
    assert "revoked-token" in entry["examples"]


def test_a_sample_is_the_file_the_page_shows_with_its_recording(guides: Guides) -> None:
    for language in ("node", "JavaScript", "js", "node.mjs"):
        sample = get_example(guides, "get-job", language)
        assert sample["language"] == LANGUAGES["node"].label
        assert sample["code"] == guides.project.snippets["get-job"]["node"].text
    recording = guides.project.recordings["get-job"]
    assert sample["response"]["body"] == recording["response"]["body"]
    assert sample["verified"] == recording["verified"]
    assert sample["run"] == "node node.mjs"
    assert sample["content_version"] == guides.project.digest


def test_refusals_name_what_is_accepted(guides: Guides) -> None:
    with pytest.raises(AssistantError, match="did you mean get-job"):
        get_example(guides, "get-jobs", "python")
    with pytest.raises(AssistantError, match="curl, Python, JavaScript"):
        get_example(guides, "get-job", "cobol")
    with pytest.raises(AssistantError, match="query is empty"):
        lookup_error(guides, "  ")
    with pytest.raises(AssistantError, match="query is empty"):
        search_guides(guides, "")
    with pytest.raises(AssistantError, match="nothing to explain"):
        explain_response(guides, None, None, None)
    with pytest.raises(AssistantError, match="not an HTTP status"):
        explain_response(guides, 42, None, None)


def test_sections_keep_their_anchors_and_ignore_headings_in_code() -> None:
    page = ("---\ntitle: T\n---\n\n# Title\n\nIntro.\n\n## Explicit { #here }\n\n```sh\n"
            "# a comment, not a heading\n```\n\n### Slugged heading\n\nText.\n"
            '<form class="guides-key" hidden>\n<input>\n</form>\n')
    sections = sections_of("page.md", page)
    assert [(s.title, s.anchor) for s in sections] == [
        ("Title", ""), ("Explicit", "here"), ("Slugged heading", "slugged-heading")]
    assert "# a comment" in sections[1].text
    assert "<form" not in reader_markdown(page) and "title: T" not in reader_markdown(page)
