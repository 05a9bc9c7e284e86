"""Placeholder text: what reads as not written yet, or as the name and nothing more."""

from __future__ import annotations

import pytest

from generator.model.lint import placeholder_problem


@pytest.mark.parametrize("text", [
    "todo", "Write this. TODO.", "TBD", "see FixMe", "xxx", "Lorem Ipsum dolor.",
])
def test_placeholder_words_are_found_in_any_case(text: str) -> None:
    assert placeholder_problem(text, "REVOKED_TOKEN") == (
        f"{text!r} is placeholder text; write what a reader needs to know")


@pytest.mark.parametrize(("text", "name"), [
    ("Revoked token.", "REVOKED_TOKEN"),
    ("  revoked -- TOKEN!", "REVOKED_TOKEN"),
    ("Revoked token", "revoked-token"),
])
def test_a_text_of_only_the_names_words_is_refused(text: str, name: str) -> None:
    assert placeholder_problem(text, name) == (
        f"{text!r} only repeats {name!r}; write what a reader needs to know")


@pytest.mark.parametrize(("text", "name"), [
    ("Revoked token or key.", "REVOKED_TOKEN"),
    ("Revoked.", "REVOKED_TOKEN"),
    ("The token was revoked.", "REVOKED_TOKEN"),
    ("Todos are kept; the plan is fixed.", "TODO_LIST"),
    ("", "REVOKED_TOKEN"),
])
def test_other_texts_pass(text: str, name: str) -> None:
    assert placeholder_problem(text, name) is None


@pytest.mark.parametrize("text", [
    "Write this — TODO.", "FIXME: café", "Lorem ipsum, déjà vu.", "naïve TBD",
])
def test_placeholder_words_are_found_in_text_beyond_ascii(text: str) -> None:
    assert placeholder_problem(text, "REVOKED_TOKEN") == (
        f"{text!r} is placeholder text; write what a reader needs to know")
