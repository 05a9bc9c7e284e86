"""CI is recognised however a CI service spells it; GitHub Actions as it says it."""

from __future__ import annotations

import pytest

from generator.ci import in_ci, on_github_actions


@pytest.mark.parametrize("environ", [
    {"CI": "true"}, {"CI": "True"}, {"CI": "TRUE"}, {"CI": "1"}, {"CI": "yes"}, {"CI": "Yes"},
    {"GITHUB_ACTIONS": "true"}, {"CI": "false", "GITHUB_ACTIONS": "true"},
])
def test_ci_is_recognised(environ: dict[str, str]) -> None:
    assert in_ci(environ)


@pytest.mark.parametrize("environ", [{}, {"CI": ""}, {"CI": "false"}, {"CI": "0"},
                                     {"CI": "no"}, {"GITHUB_ACTIONS": "false"}])
def test_no_ci_is_recognised_as_such(environ: dict[str, str]) -> None:
    assert not in_ci(environ)


@pytest.mark.parametrize(("environ", "github"), [
    ({"GITHUB_ACTIONS": "true"}, True), ({"CI": "true"}, False), ({}, False),
    ({"GITHUB_ACTIONS": "false"}, False)])
def test_github_actions_is_told_from_other_ci(environ: dict[str, str], github: bool) -> None:
    assert on_github_actions(environ) is github
