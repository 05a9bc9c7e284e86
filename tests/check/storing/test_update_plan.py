"""The update plan on divergences made by hand: what is written, left alone or refused.

No sample runs here: the divergences come from `compare` on exchanges built from the
recordings, and api.yaml is a copy of the repository's.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import pytest

from generator.check.judging.compare import Divergence, compare
from generator.check.plan import Run, plan_runs
from generator.check.storing.update import Change, apply_updates
from generator.model import Project, load_project
from tests.check.judging.test_compare import INDEX, exchange, recorded_body
from tests.conftest import QUICK_LANGUAGES

REVOKED = "The provided API key has been revoked."


@pytest.fixture
def copied(project: Path) -> Project:
    return load_project(project / "api.yaml")


def runs_of(copied: Project, example_id: str) -> list[Run]:
    """The runs of a check of `example_id` in the quick languages, in their order."""
    return plan_runs(copied, {example_id}, set(QUICK_LANGUAGES))


def diverging(copied: Project, run: Run, **answered: Any) -> list[tuple[Run, Divergence]]:
    """The divergences of `run` when the API answers as the recording did, changed."""
    found = compare(copied.spec, run.index, exchange(run.example.id, **answered))
    assert found, "the changed answer must diverge"
    return [(run, divergence) for divergence in found]


def revoked_saying(message: str) -> dict[str, Any]:
    return {"body": recorded_body("revoked-token") | {"message": message}}


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.ndiff(before.splitlines(), after.splitlines())
            if line[:1] in "+-"]


def test_an_answer_every_run_agrees_on_is_written_at_its_line(copied: Project) -> None:
    spec = copied.root / "api.yaml"
    before = spec.read_text(encoding="utf-8")
    runs = runs_of(copied, "revoked-token")
    divergences = [pair for run in runs
                   for pair in diverging(copied, run, **revoked_saying("Key revoked."))]

    plan = apply_updates(copied, runs, divergences)

    line = before.splitlines().index(f"    message: {REVOKED}") + 1
    assert plan.changes == [Change(("errors", 2, "message"), line, REVOKED, "Key revoked.")]
    assert plan.conflicts == [] and plan.refusals == []
    after = spec.read_text(encoding="utf-8")
    assert changed_lines(before, after) == [f"-     message: {REVOKED}",
                                            "+     message: Key revoked."]
    assert load_project(spec).spec.errors[2].message == "Key revoked."


def test_a_value_of_one_example_is_written_from_the_runs_that_saw_it(
        copied: Project) -> None:
    runs = runs_of(copied, "list-jobs-bearer")
    body = recorded_body("list-jobs-bearer")
    body["data"][0]["lead_count"] = 26

    plan = apply_updates(copied, runs, diverging(copied, runs[0], body=body))

    index = INDEX["list-jobs-bearer"]
    assert [(c.loc, c.old, c.new) for c in plan.changes] == [
        (("examples", index, "response", "body", "data", 0, "lead_count"), 25, 26)]
    assert load_project(copied.root / "api.yaml").spec.examples[index] \
        .response.body["data"][0]["lead_count"] == 26


def test_runs_that_disagree_leave_the_value_and_say_so(copied: Project) -> None:
    spec = copied.root / "api.yaml"
    before = spec.read_bytes()
    first, second, third = runs_of(copied, "revoked-token")
    divergences = [*diverging(copied, first, **revoked_saying("Key revoked.")),
                   *diverging(copied, second, **revoked_saying("Key withdrawn.")),
                   *diverging(copied, third, **revoked_saying("Key withdrawn."))]

    plan = apply_updates(copied, [first, second, third], divergences)

    assert plan.changes == [] and plan.refusals == []
    assert plan.conflicts == ["errors[2].message: the runs disagree "
                              "('Key revoked.', 'Key withdrawn.')"]
    assert spec.read_bytes() == before


def test_one_language_does_not_change_a_catalog_entry(copied: Project) -> None:
    runs = runs_of(copied, "revoked-token")
    plan = apply_updates(copied, runs,
                         diverging(copied, runs[0], **revoked_saying("Key revoked.")))

    others = sorted(run.name for run in runs[1:])
    assert plan.changes == []
    assert plan.conflicts == [f"errors[2].message: {', '.join(others)} still answer what "
                              "REVOKED_TOKEN documents; one example's answer does not change "
                              "the catalog entry"]


def test_a_catalog_entry_needs_every_example_of_its_code_to_have_run(
        copied: Project) -> None:
    (run, *_) = runs_of(copied, "revoked-token")
    # The runs of the check leave out the example that documents REVOKED_TOKEN.
    others = runs_of(copied, "missing-token")

    plan = apply_updates(copied, others,
                         diverging(copied, run, **revoked_saying("Key revoked.")))

    assert plan.changes == []
    assert plan.conflicts == ["errors[2].message: not every example of REVOKED_TOKEN ran; "
                              "run `guides check --update` without naming examples to change "
                              "the catalog entry"]


@pytest.mark.parametrize(("answered", "says"), [
    ({"status": 201, "body": {"id": "job_1"}},
     "documents error REVOKED_TOKEN, but the API answered status 201"),
    ({"body": recorded_body("revoked-token") | {"error": "EXPIRED_TOKEN"}},
     "documents error REVOKED_TOKEN, but the API answered error EXPIRED_TOKEN"),
], ids=["success-for-an-error", "another-code"])
def test_an_answer_of_another_kind_is_refused_once_and_nothing_is_written(
        copied: Project, answered: dict[str, Any], says: str) -> None:
    spec = copied.root / "api.yaml"
    before = spec.read_bytes()
    runs = runs_of(copied, "revoked-token")
    divergences = [pair for run in runs for pair in diverging(copied, run, **answered)]

    plan = apply_updates(copied, runs, divergences)

    line = before.decode().splitlines().index("    response: {error: REVOKED_TOKEN}") + 1
    (refusal,) = plan.refusals
    assert refusal.startswith(f"revoked-token: api.yaml:{line} {says}. --update never turns")
    assert plan.changes == [] and plan.conflicts == []
    assert spec.read_bytes() == before


def test_an_error_for_a_success_is_refused(copied: Project) -> None:
    runs = runs_of(copied, "list-jobs-bearer")
    plan = apply_updates(copied, runs, diverging(
        copied, runs[0], status=401, body=recorded_body("revoked-token")))
    (refusal,) = plan.refusals
    assert "documents status 200, but the API answered status 401" in refusal


def test_an_update_that_would_not_validate_is_refused(copied: Project) -> None:
    spec = copied.root / "api.yaml"
    before = spec.read_bytes()
    expired = copied.spec.errors[3].message
    runs = runs_of(copied, "revoked-token")
    divergences = [pair for run in runs
                   for pair in diverging(copied, run, **revoked_saying(expired))]

    plan = apply_updates(copied, runs, divergences)

    (refusal,) = plan.refusals
    assert refusal.startswith("what the API answered would make api.yaml invalid")
    assert "EXPIRED_TOKEN has the same message as REVOKED_TOKEN" in refusal
    assert plan.changes == []
    assert spec.read_bytes() == before


def test_divergences_that_are_not_literals_write_nothing(copied: Project) -> None:
    spec = copied.root / "api.yaml"
    before = spec.read_bytes()
    runs = runs_of(copied, "list-jobs-bearer")
    body = recorded_body("list-jobs-bearer")
    del body["data"][1]["lead_count"]

    plan = apply_updates(copied, runs, diverging(copied, runs[0], body=body))

    assert (plan.changes, plan.conflicts, plan.refusals) == ([], [], [])
    assert spec.read_bytes() == before


@pytest.mark.parametrize("answered", [
    "Revoked \\`<img src=x onerror=alert(1)>",
    "See [the fix](javascript:alert(1)).",
    "Use `Bearer` now.",
    "Revoked {: onclick=alert(1) }",
    "Revoked\x01 key.",
])
def test_an_answer_holding_markup_is_refused_and_nothing_is_written(
        copied: Project, answered: str) -> None:
    spec = copied.root / "api.yaml"
    before = spec.read_bytes()
    runs = runs_of(copied, "revoked-token")
    divergences = [pair for run in runs
                   for pair in diverging(copied, run, **revoked_saying(answered))]

    plan = apply_updates(copied, runs, divergences)

    (refusal,) = plan.refusals
    assert refusal.startswith("revoked-token: body $.message (api.yaml:")
    assert repr(answered) in refusal and "never markup" in refusal
    assert plan.changes == []
    assert spec.read_bytes() == before
