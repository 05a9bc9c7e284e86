"""The second guard judges a run by what api.yaml documents where it stands.

A value api.yaml documents for its field (a matcher accepts it, or a documented value there
has its shape) is shown and may be written; a run in a message, or in a field api.yaml
documents otherwise, is shown by its length, however it is encoded.
"""

from __future__ import annotations

import base64
import re
import secrets
import string
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from generator.check.guarding.opaque import OPAQUE_RUN, Documented, field_of, opaque_runs, shown
from generator.check.plan import plan_runs
from generator.check.storing.update import apply_updates
from generator.model import Project, load_project
from generator.model.matchers import Matcher
from tests.check.guarding.test_hidden_spellings import INNER
from tests.check.guarding.test_redaction_everywhere import copied  # noqa: F401 (a fixture)
from tests.check.storing.test_update_plan import diverging, revoked_saying
from tests.conftest import REPO

SPEC = load_project(REPO / "api.yaml").spec
KNOWN = Documented(SPEC)


def _job_id_pattern() -> re.Pattern[str]:
    """The pattern api.yaml documents for a job's id, read from it."""
    example = next(e for e in SPEC.examples if e.id == "create-job")
    matcher = example.response.body["id"]
    assert isinstance(matcher, Matcher)
    return re.compile(str(matcher).split("'")[1])


def test_the_documented_id_matcher_is_read_from_api_yaml() -> None:
    assert _job_id_pattern().pattern.startswith("^job_")


@given(st.binary(min_size=8, max_size=8))
def test_an_id_the_documented_matcher_accepts_is_not_opaque(raw: bytes) -> None:
    job_id = f"job_{raw.hex()}"
    assert _job_id_pattern().fullmatch(job_id)
    body = {"id": job_id, "name": "Webinar sign-ups", "status": "queued", "lead_count": 1,
            "created_at": "2026-12-06T15:21:07Z"}
    assert opaque_runs(body, {}, KNOWN, ("body", "body")) == []
    text = repr(body)
    assert shown(text, body, {}, KNOWN) == text
    location = f"/v1/jobs/{job_id}"
    assert opaque_runs(location, "", KNOWN, ("header", "location")) == []


@given(st.binary(min_size=8, max_size=8))
def test_a_value_shaped_like_the_documented_one_is_not_opaque(raw: bytes) -> None:
    documented = {"next": "/jobs?starting_after=job_629f6fbed82c07cd"}
    answered = {"next": f"/jobs?starting_after=job_{raw.hex()}"}
    assert opaque_runs(answered, documented, KNOWN) == []
    assert opaque_runs([answered, answered], [documented], KNOWN) == []


@pytest.mark.parametrize("value", [
    "/jobs?starting_after=job_629f6fbed82c07cdX",      # longer
    "/jobs?starting_after=job_629F6FBED82C07CD",       # another alphabet
    "/jobs?starting_after=jab_629f6fbed82c07cd",       # another prefix
])
def test_a_value_of_another_shape_is_opaque(value: str) -> None:
    documented = {"next": "/jobs?starting_after=job_629f6fbed82c07cd"}
    assert opaque_runs({"next": value}, documented, KNOWN)


def test_an_id_in_a_message_is_opaque() -> None:
    """A message is not where api.yaml documents ids: the run there is shown by length."""
    job_id = f"job_{secrets.token_hex(8)}"
    message = f"No job {job_id} here."
    assert opaque_runs(message, "No resource exists at this path.", KNOWN,
                       ("body", "message")) == [job_id]
    assert shown(repr(message), message, "", KNOWN, ("body", "message")) == \
        "'No job [opaque, 20 characters] here.'"


def test_words_links_codes_and_dates_are_shown() -> None:
    for words in ("https://trustleads.ai/guides/error-catalog#too_many_failed_attempts",
                  "TOO_MANY_FAILED_ATTEMPTS_PER_MINUTE", "2026-12-06T15:21:07.123456+00:00"):
        assert opaque_runs(words, "", KNOWN, ("body", "message")) == []


REVOKED = "The provided API key has been revoked."


# Base32 of sixteen bytes may hold no digit at all: one case of letters, as a word has.
@given(st.sampled_from([string.ascii_uppercase, string.ascii_lowercase, "абвгдежзийклмноп"])
       .flatmap(lambda letters: st.text(letters, min_size=OPAQUE_RUN, max_size=60)),
       st.sampled_from(["", "=", "======"]))
@example("ADYBHHHUBEDQCCAKAIFQGBAFAY", "======")
def test_a_long_run_of_one_case_of_letters_is_opaque(letters: str, padding: str) -> None:
    run = letters + padding
    message = f"Key {run} revoked."
    assert opaque_runs(message, REVOKED, KNOWN, ("body", "message")) == [run]
    assert run not in shown(repr(message), message, "", KNOWN, ("body", "message"))


# A key in pieces, between tokens that are nothing once unquoted or that are parts of the
# documented message: only a whole token the message holds is documented.
@given(st.binary(min_size=16, max_size=40), st.integers(2, 19),
       st.sampled_from([" , ", " . ", " ( ", " - ", " e ", " ro ", " P "]))
def test_a_key_in_pieces_between_what_the_message_holds_is_one_run(
        key: bytes, size: int, separator: str) -> None:
    digits = str(int.from_bytes(b"\1" + key, "big"))  # 39 digits at least
    pieces = [digits[at:at + size] for at in range(0, len(digits), size)]
    runs = opaque_runs(f"Key {separator.join(pieces)} revoked.", REVOKED, KNOWN,
                       ("body", "message"))
    assert ["".join(filter(str.isdigit, run)) for run in runs] == [digits]


# Bytes written as numbers in one token: more numbers than a date and time have.
@given(st.binary(min_size=16, max_size=40),
       st.sampled_from(["\\{:03o}", "{:03d}.", "{:03d}:", "{:03d}_", "{:d}|"]))
def test_bytes_written_as_numbers_are_opaque(key: bytes, spelling: str) -> None:
    token = "".join(spelling.format(byte) for byte in key).strip("._:|")
    assert opaque_runs(f"Key {token} revoked.", REVOKED, KNOWN, ("body", "message")) \
        == [token]


ENCODINGS: dict[str, Callable[[bytes], str]] = {
    "base32": lambda key: base64.b32encode(key).decode().rstrip("="),
    "base32, lower case": lambda key: base64.b32encode(key).decode().lower().rstrip("="),
    "base64": lambda key: base64.b64encode(key).decode().rstrip("="),
    "hex": lambda key: key.hex(),
    "base85": lambda key: base64.b85encode(key).decode()}
#: What JSON or a repr puts around a value.
QUOTING = "\"'[]{}(),:"
#: The signs of base64 and base85.
SIGNS = "!#$%&()*+-/;<=>?@^_`{|}~"


# An encoding shown in groups of one length, as a second factor's secret is (``jbsw y3dp``):
# one run, though a group may read as a word (``ehpk``) or be too short to tell (``PON``).
# Keys of 17 bytes or more: sixteen are twenty characters of base85, just `OPAQUE_RUN`,
# and a last group of one or two of its signs reads as a separator. Words before the key
# may be as long as a group (``Key``) or longer ones of one length (``alpha bravo``).
@given(st.binary(min_size=17, max_size=40), st.sampled_from(sorted(ENCODINGS)),
       st.integers(3, 8), st.sampled_from([" ", " - ", ", ", "\n"]),
       st.sampled_from(["Key", "Key alpha bravo", "The secret", "Scan"]))
@example(b"H!\xe4\xc3\x1d\x99\xbeT\x9f\xe0\xc1\x8b\xe2" * 2, "base32, lower case", 4, " ",
         "Key alpha bravo")
def test_a_key_shown_in_groups_is_one_run(key: bytes, encoding: str, size: int,
                                          separator: str, before: str) -> None:
    encoded = ENCODINGS[encoding](key)
    groups = [encoded[at:at + size] for at in range(0, len(encoded), size)]
    # A group with a letter and a digit or a sign, which numbers between words do not
    # have; none that quoting would cut short (base85 holds brackets).
    assume(any(re.search(r"[A-Za-z]", group) and re.search(r"[\d!#&*+;<=>?@^`|~-]", group)
               for group in groups))
    assume(not any(group[0] in QUOTING or group[-1] in QUOTING for group in groups))
    spelled = separator.join(groups)
    message = f"{before} {spelled} revoked."
    runs = opaque_runs(message, REVOKED, KNOWN, ("body", "message"))
    # One run, but for a last group of one or two signs, which read as a separator.
    whole = spelled.rstrip(SIGNS + separator) if len(groups[-1]) <= 2 else spelled
    assert any(whole in run for run in runs), runs
    # What stands around the key is shown, but for a word as long as a group next to it
    # (``revoked.`` is 8 characters).
    text = shown(message, message, REVOKED)
    assert text.startswith(before.split()[0]) or len(before.split()[0]) == size, text
    after = text.rpartition("]")[2]
    assert after.endswith(" revoked.") or size == len("revoked."), text
    assert not any(char.isalnum() for char in after.removesuffix(" revoked.")), text


def test_a_run_a_documented_text_holds_on_a_line_of_its_own_is_documented() -> None:
    """A documented text is read value by value, not as JSON, whose escapes (``\\n``)
    would glue a word to the run."""
    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    documented = {"hint": f"Scan:\n{secret}", "note": "x"}
    assert opaque_runs({"hint": "x", "note": f"Use {secret} now"}, documented) == []


def test_the_field_of_a_divergence() -> None:
    assert field_of("header Location") == ("header", "location")
    assert field_of("body $.data[0].id") == ("body", "id")
    assert field_of("body $.message") == ("body", "message")
    assert field_of("body $") is None and field_of("status") is None


# A key's bytes vary (sixteen zero bytes encode to a run of one letter, which reads as a word).
@given(st.lists(st.integers(0, 255), min_size=16, max_size=40, unique=True).map(bytes),
       st.sampled_from(sorted(INNER)))
@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_update_refuses_a_key_it_does_not_know_in_a_message(
        copied: Project, data: bytes, layer: str) -> None:  # noqa: F811
    """No redactor knows this key: the run alone is why nothing is written."""
    spec = copied.root / "api.yaml"
    before = spec.read_bytes()
    encoded = INNER[layer](data).decode()
    runs = plan_runs(copied, {"revoked-token"})
    answer = revoked_saying(f"Key {encoded} revoked.")
    plan = apply_updates(copied, runs, [pair for run in runs
                                        for pair in diverging(copied, run, **answer)])
    assert plan.changes == [], plan
    # Base85 holds markup characters too: that is refused as well, showing the same.
    assert any("which holds a run of 20 or more" in refusal for refusal in plan.refusals)
    assert all("[opaque, " in refusal and encoded not in refusal for refusal in plan.refusals)
    assert spec.read_bytes() == before
