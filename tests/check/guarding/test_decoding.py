"""The redactor's quick paths skip only what the slow path would find nothing in."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.check.guarding.decoding import (
    RUNS,
    OwnSpans,
    decoded_texts,
    decodings,
    may_hold_runs,
    unescapings,
    views,
)
from tests.check.guarding.test_hidden_spellings import OUTER
from tests.check.guarding.test_redaction import percent_all

# Runs of an alphabet near the length that is decoded, joined by spaces, joiners, escapes,
# invisible and look-alike characters, and runs of characters joined by one character.
_PIECES = st.one_of(
    st.text("aZ7f0=+/_-x!~u{", min_size=4, max_size=24),
    st.sampled_from([" ", "\t", ".", "-", "|", "%41", "%2541", "\\x41", "&#65;", "&amp;",
                     "\u200b", "\uff21", "\u00e9"]),
    st.text("aZ7f0", min_size=5, max_size=12).map(".".join),
    st.lists(st.integers(0, 255), min_size=3, max_size=10).map(lambda b: ", ".join(map(str, b))))


@given(st.lists(_PIECES, max_size=8).map("".join))
def test_a_text_passed_over_has_no_run_in_any_view(text: str) -> None:
    rounds = unescapings(text)
    if may_hold_runs(text, rounds[-1][0]):
        return
    for read, read_spans in ((text, OwnSpans(len(text))), *rounds):
        for view, _ in views(read, read_spans):
            assert not [run.group() for runs in RUNS for run in runs.finditer(view)], view


ESCAPED = {**{name: OUTER[name] for name in ("\\x", "octal", "\\U", "entities")},
           "percent": percent_all}


# What one layer of escapes hides is read as it is, though it holds escapes of its own: a
# base85 run holds `%d3`, which a second round would undo, spoiling the run.
@given(st.text("%&#;\\xd3A7f!~{", min_size=1, max_size=30), st.sampled_from(sorted(ESCAPED)))
def test_each_round_of_escapes_undone_is_read(text: str, escape: str) -> None:
    assert text in [read for read, _ in unescapings(ESCAPED[escape](text))]


@given(st.text(st.characters(codec="ascii"), max_size=40))
def test_a_text_with_nothing_to_undo_keeps_its_own_spans(text: str) -> None:
    plain, spans = unescapings(text)[-1]
    if plain == text:
        assert list(spans) == [(at, at + 1) for at in range(len(text))]
        assert [spans[at] for at in range(-len(text), len(text))] == \
            [(at % len(text), at % len(text) + 1) for at in range(-len(text), len(text))]
        assert spans[2:9:3] == [(at, at + 1) for at in range(len(text))][2:9:3]


@given(st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=",
               min_size=16, max_size=64))
def test_a_run_decodes_alike_from_the_cache(run: str) -> None:
    first = decoded_texts(run)
    assert first == tuple(dict.fromkeys(decodings(run)))
    assert decoded_texts(run) == first
