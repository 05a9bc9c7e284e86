"""Each matcher on its own: what it accepts, what it refuses, how it is shown and written."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel

from generator.model.matchers import (
    MATCHER_TAGS,
    Iso8601Matcher,
    Matcher,
    RegexMatcher,
    UuidMatcher,
    matcher_from_tag,
)

UUID = "3f2b8c1e-9d4a-4e6f-8b7c-1a2d3e4f5a6b"


@pytest.mark.parametrize("value", [UUID, UUID.upper(), "00000000-0000-0000-0000-000000000000"])
def test_uuid_accepts_the_hyphenated_form_in_either_case(value: str) -> None:
    assert UuidMatcher().matches(value)


@pytest.mark.parametrize("value", [
    UUID.replace("-", ""), "{" + UUID + "}", f"urn:uuid:{UUID}", UUID[:-1],
    "job_629f6fbed82c07cd", "", None, 42, [UUID]],
    ids=["no-hyphens", "braces", "urn", "short", "job-id", "empty", "none", "int",
         "list"])
def test_uuid_refuses_other_spellings_and_other_values(value: Any) -> None:
    assert not UuidMatcher().matches(value)


@pytest.mark.parametrize("value", [
    "2026-01-01T00:00:00Z", "2026-01-01T00:00:00+02:00", "2026-01-01T00:00:00.123456Z",
    "2026-01-01T00:00"])
def test_iso8601_accepts_date_times(value: str) -> None:
    assert Iso8601Matcher().matches(value)


@pytest.mark.parametrize("value", [
    "2026-01-01", "2026-13-01T00:00:00Z", "2026-01-01T25:00:00Z", "yesterday T", "",
    1767225600, None],
    ids=["date-only", "month-13", "hour-25", "words", "empty", "epoch", "none"])
def test_iso8601_refuses_what_is_not_a_date_time(value: Any) -> None:
    assert not Iso8601Matcher().matches(value)


def test_regex_searches_text_only() -> None:
    matcher = RegexMatcher("^job_[0-9a-f]{4}$")
    assert matcher.matches("job_00af")
    assert not matcher.matches("job_00AF")
    assert not matcher.matches("a job_00af")
    assert not matcher.matches(None)
    # Unanchored, a pattern may match anywhere in the value.
    assert RegexMatcher("job_").matches("the job_1")


@pytest.mark.parametrize(("matcher", "written", "shown"), [
    (UuidMatcher(), "!uuid", "<uuid>"),
    (Iso8601Matcher(), "!iso8601", "<ISO 8601 date-time>"),
    (RegexMatcher("^job_"), "!regex '^job_'", "<text matching ^job_>"),
    (RegexMatcher("it's"), "!regex \"it's\"", "<text matching it's>"),
], ids=["uuid", "iso8601", "regex", "regex-quote"])
def test_each_matcher_is_written_as_its_tag_and_shown_as_a_placeholder(
        matcher: Matcher, written: str, shown: str) -> None:
    assert str(matcher) == written
    assert matcher.placeholder() == shown


def test_reprs_name_the_matcher_and_its_pattern() -> None:
    assert repr(UuidMatcher()) == "UuidMatcher()"
    assert repr(Iso8601Matcher()) == "Iso8601Matcher()"
    assert repr(RegexMatcher("^a")) == "RegexMatcher(pattern='^a')"


def test_matchers_compare_by_value() -> None:
    assert UuidMatcher() == UuidMatcher()
    assert RegexMatcher("^a") == RegexMatcher("^a")
    assert RegexMatcher("^a") != RegexMatcher("^b")
    assert len({UuidMatcher(), UuidMatcher(), Iso8601Matcher()}) == 2


@pytest.mark.parametrize(("tag", "value", "expected"), [
    ("!uuid", "", UuidMatcher()),
    ("!iso8601", "", Iso8601Matcher()),
    ("!regex", "^job_", RegexMatcher("^job_")),
])
def test_a_tag_gives_its_matcher(tag: str, value: str, expected: Matcher) -> None:
    assert matcher_from_tag(tag, value) == expected


@pytest.mark.parametrize(("tag", "value", "error"), [
    ("!uuid", "x", "!uuid takes no value; write just !uuid"),
    ("!iso8601", "2026", "!iso8601 takes no value; write just !iso8601"),
    ("!regex", "", "!regex needs a pattern, e.g. !regex '^job_'"),
    ("!regex", "(", "!regex '(' is not a valid regular expression: missing ), unterminated "
                    "subpattern at position 0"),
    ("!date", "", "unknown tag !date; the matchers are !uuid, !iso8601, !regex"),
])
def test_a_wrong_tag_says_how_to_write_it(tag: str, value: str, error: str) -> None:
    with pytest.raises(ValueError) as raised:
        matcher_from_tag(tag, value)
    assert str(raised.value) == error


def test_every_tag_named_has_a_matcher() -> None:
    made = [matcher_from_tag(tag, "x" if tag == "!regex" else "") for tag in MATCHER_TAGS]
    assert [m.tag for m in made] == list(MATCHER_TAGS)


def test_a_model_field_takes_matchers_as_they_are() -> None:
    class Documented(BaseModel):
        value: Matcher | str

    assert Documented(value=UuidMatcher()).value == UuidMatcher()
    assert Documented(value="!uuid").value == "!uuid"
