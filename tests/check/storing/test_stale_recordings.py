"""What a recording keeps, and when it is stale: a drift in what api.yaml fixes, never a value
it lets vary."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from generator.check.guarding.redaction import REDACTED, Redactor
from generator.check.running.exchange import Exchange
from generator.check.storing.recording import Recorded, record, stale_recordings
from generator.model import load_project
from tests.conftest import REPO, copy_project

PROJECT = load_project(REPO / "api.yaml")
EXAMPLES = {example.id: example for example in PROJECT.spec.examples}


def fresh(example_id: str, **response: Any) -> Recorded:
    """The committed recording of `example_id` seen anew, its response changed as asked."""
    recording = {key: copy.deepcopy(value) for key, value in
                 PROJECT.recordings[example_id].items() if key != "verified"}
    for name, value in response.items():
        recording["response"][name] |= value
    return Recorded(EXAMPLES[example_id], Path("recording.json"), recording)


def test_an_identical_answer_is_not_stale() -> None:
    assert stale_recordings(PROJECT, [fresh("too-many-failed-attempts")]) == []


def test_a_value_a_matcher_lets_vary_is_not_stale() -> None:
    # api.yaml documents Retry-After as !regex '^[0-9]+$': 59 is as good as 60.
    recorded = fresh("too-many-failed-attempts", headers={"retry-after": "59"})
    assert stale_recordings(PROJECT, [recorded]) == []


def test_a_value_outside_the_matcher_is_stale() -> None:
    recorded = fresh("too-many-failed-attempts", headers={"retry-after": "soon"})
    [(_, why)] = stale_recordings(PROJECT, [recorded])
    assert why == '$.response.headers.retry-after: recorded "60", the API now answers "soon"'


def test_a_fixed_value_that_changed_is_stale() -> None:
    recorded = fresh("too-many-failed-attempts", headers={"cache-control": "private"})
    [(_, why)] = stale_recordings(PROJECT, [recorded])
    assert why == ('$.response.headers.cache-control: recorded "no-store", '
                   'the API now answers "private"')


def test_a_recording_keeps_every_credential_header_api_yaml_names_and_none_of_its_values(
        tmp_path: Path) -> None:
    # A third header that carries credentials, named in api.yaml alone.
    project = copy_project(REPO, tmp_path / "project")
    spec_path = project / "api.yaml"
    text = spec_path.read_text(encoding="utf-8")
    added = "  - name: X-Session-Token\n    value: \"{key}\"\n    label: session header\n" \
            "    accepts: [session_token]\n"
    spec_path.write_text(text.replace("\nscopes:\n", f"{added}\nscopes:\n", 1), encoding="utf-8")
    loaded = load_project(spec_path)
    example = loaded.spec.examples[0]
    sent = {"x-session-token": "lfk_sk_secret_value", "accept": "*/*"}
    exchange = Exchange("GET", "/jobs", sent, b"", 200, {}, b"{}")

    recorded = record(loaded, example, exchange, Redactor([]))

    assert recorded.recording["request"]["headers"] == {"x-session-token": REDACTED}
    assert exchange.sent(loaded.spec.credential_headers) == {"x-session-token"}
