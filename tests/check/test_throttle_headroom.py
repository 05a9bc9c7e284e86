"""From one address, the failures the docs show on purpose must not trip the throttle."""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.check.judging.coverage import throttle_headroom
from generator.check.plan import plan_runs
from generator.languages import LANGUAGES
from generator.model import load_project
from tests.conftest import REPO

#: The languages each job of the staging workflow checks against the staging API.
STAGING_GROUPS = [set(group.split()) for group in yaml.safe_load(
    (REPO / ".github" / "workflows" / "staging.yml").read_text(encoding="utf-8"),
)["jobs"]["check-staging"]["strategy"]["matrix"]["languages"]]


def test_the_documented_threshold_leaves_room_for_every_failing_example(project: Path) -> None:
    """Within each staging job's languages; all seven languages' failures would reach it,
    and the check says so."""
    loaded = load_project(project / "api.yaml")
    assert set().union(*STAGING_GROUPS) == set(LANGUAGES)
    for group in STAGING_GROUPS:
        assert list(throttle_headroom(loaded, plan_runs(loaded, None, group))) == [], group
    assert list(throttle_headroom(loaded, plan_runs(loaded))) != []


def test_a_threshold_the_examples_reach_is_reported_on_its_line(project: Path) -> None:
    spec = project / "api.yaml"
    spec.write_text(spec.read_text().replace("{attempts: 30,", "{attempts: 12,"))
    loaded = load_project(spec)
    unauthorized = {error.code for error in loaded.spec.errors if error.status == 401}
    failing = sum(1 for run in plan_runs(loaded) if run.example.response.error in unauthorized)

    [(loc, message)] = throttle_headroom(loaded, plan_runs(loaded))

    line = loaded.source.position(loc)[0]
    assert line is not None
    assert "threshold: {attempts: 12," in spec.read_text().splitlines()[line - 1]
    assert message.startswith(f"{failing} runs fail authentication on purpose before "
                              "TOO_MANY_FAILED_ATTEMPTS's examples, and the API answers "
                              "TOO_MANY_FAILED_ATTEMPTS after 12")
