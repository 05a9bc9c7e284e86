"""The right entry first, for a code, a status, or words of what happened; the queries
below are not the words of the issue that asked for them."""

from __future__ import annotations

import pytest

from generator.assistants import Guides, lookup_error, rank_errors, search_guides, terms


def _first(guides: Guides, query: str) -> str:
    entries = lookup_error(guides, query)["entries"]
    assert entries, query
    return str(entries[0]["code"])


def test_every_code_finds_itself_first_however_it_is_written(guides: Guides) -> None:
    for error in guides.errors:
        for spelled in (error.code, error.code.lower(), f"what is {error.code}?"):
            assert _first(guides, spelled) == error.code


def test_a_status_with_one_entry_finds_it_and_one_with_several_finds_only_them(
        guides: Guides) -> None:
    assert _first(guides, "I got this 403, why?") == "INSUFFICIENT_PLAN"
    assert _first(guides, "HTTP/1.1 413") == "PAYLOAD_TOO_LARGE"
    unauthorized = {e.code for e in guides.errors if e.status == 401}
    found = [e["code"] for e in lookup_error(guides, "401")["entries"]]
    assert set(found) == unauthorized


@pytest.mark.parametrize(("query", "code"), [
    ("my key was revoked yesterday", "REVOKED_TOKEN"),
    ("the dashboard JWT is too old", "EXPIRED_TOKEN"),
    ("throttled after failed logins", "TOO_MANY_FAILED_ATTEMPTS"),
    ("forgot to send the API key header", "MISSING_TOKEN"),
    ("key does not exist", "INVALID_TOKEN"),
    ("Authorization and X-API-Key carry different keys", "CONFLICTING_CREDENTIALS"),
    ("need to upgrade the plan to submit", "INSUFFICIENT_PLAN"),
    ("request body too large", "PAYLOAD_TOO_LARGE"),
    ("wrong Content-Type on the upload", "UNSUPPORTED_MEDIA_TYPE"),
    ("DELETE is not allowed on /me", "METHOD_NOT_ALLOWED"),
    ("that job does not exist any more", "NOT_FOUND"),
    ("bad limit parameter when paging", "INVALID_REQUEST"),
])
def test_words_of_what_happened_find_the_entry_first(guides: Guides, query: str,
                                                     code: str) -> None:
    assert _first(guides, query) == code


def test_words_matching_nothing_find_nothing_and_say_which_codes_there_are(
        guides: Guides) -> None:
    answer = lookup_error(guides, "zebra quartz")
    assert answer["entries"] == []
    assert "REVOKED_TOKEN" in answer["note"]
    assert rank_errors("", guides.errors) == []


def test_words_are_stemmed_and_question_words_dropped() -> None:
    assert terms("What does revoked mean?") == terms("revoke")
    assert terms("not found") == ["not", "found"]


def test_search_finds_an_example_by_what_it_does_with_its_id(guides: Guides) -> None:
    results = search_guides(guides, "reading a job")["results"]
    ids = [r.get("example_id") for r in results]
    assert "get-job" in ids[:2]
    example = results[ids.index("get-job")]
    assert example["url"] == guides.site_url + "endpoints/#example-get-job"
    assert "job" in example["excerpt"].lower()


def test_search_points_at_sections_of_hand_written_pages_too(guides: Guides) -> None:
    results = search_guides(guides, "add an error code end to end")["results"]
    assert results[0]["url"] == (guides.site_url
                                 + "editing-the-guides/#add-an-error-code-end-to-end")
