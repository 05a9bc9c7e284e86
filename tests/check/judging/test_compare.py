"""The comparison at the checker's core, on exchanges made by hand: precise and fast."""

from __future__ import annotations

import copy
import json
from typing import Any

from generator.check.judging.compare import compare
from generator.check.running.exchange import Exchange
from generator.model import load_project
from tests.conftest import REPO

PROJECT = load_project(REPO / "api.yaml")
SPEC = PROJECT.spec
INDEX = {example.id: index for index, example in enumerate(SPEC.examples)}


def exchange(example_id: str, status: int | None = None,
             body: Any = None, headers: dict[str, str] | None = None) -> Exchange:
    """What the recording of `example_id` saw, changed as asked."""
    recording = PROJECT.recordings[example_id]
    request, response = recording["request"], recording["response"]
    return Exchange(
        method=request["method"], path=request["url"].removeprefix(
            SPEC.api.base_url.rstrip("/")),
        request_headers={name: "x" for name in request["headers"]},
        request_body=json.dumps(request["body"]).encode() if request["body"] else b"",
        status=status or response["status"],
        response_headers=headers if headers is not None else dict(response["headers"]),
        response_body=json.dumps(body if body is not None else response["body"]).encode())


def recorded_body(example_id: str) -> Any:
    return copy.deepcopy(PROJECT.recordings[example_id]["response"]["body"])


def test_the_recorded_exchange_matches_what_is_documented() -> None:
    for example_id, index in INDEX.items():
        assert compare(SPEC, index, exchange(example_id)) == [], example_id


def test_objects_may_gain_fields() -> None:
    body = recorded_body("list-jobs-bearer")
    body["next_cursor"] = None
    body["data"][0]["tags"] = ["imported"]
    assert compare(SPEC, INDEX["list-jobs-bearer"], exchange("list-jobs-bearer",
                                                              body=body)) == []
    error = recorded_body("revoked-token") | {"request_id": "req_123"}
    assert compare(SPEC, INDEX["revoked-token"], exchange("revoked-token", body=error)) == []


def test_a_missing_field_diverges_where_it_is_documented() -> None:
    body = recorded_body("list-jobs-bearer")
    del body["data"][1]["lead_count"]
    (found,) = compare(SPEC, INDEX["list-jobs-bearer"], exchange("list-jobs-bearer", body=body))
    assert found.what == "body $.data[1]"
    assert found.loc == ("examples", INDEX["list-jobs-bearer"], "response", "body", "data", 1)


def test_a_closed_object_refuses_a_field_more() -> None:
    index = INDEX["me-session-token"]
    example = SPEC.examples[index]
    closed = example.model_copy(update={"response": example.response.model_copy(
        update={"closed": True})})
    spec = SPEC.model_copy(update={"examples": [*SPEC.examples[:index], closed,
                                                *SPEC.examples[index + 1:]]})
    body = recorded_body("me-session-token") | {"team": "growth"}
    (found,) = compare(spec, index, exchange("me-session-token", body=body))
    assert "team" in str(found.actual)


def test_an_error_message_diverges_at_its_catalog_line() -> None:
    body = recorded_body("revoked-token") | {"message": "Gone."}
    (found,) = compare(SPEC, INDEX["revoked-token"], exchange("revoked-token", body=body))
    assert (found.what, found.literal, found.actual) == ("body $.message", True, "Gone.")
    assert found.loc[:2] == ("errors", next(i for i, e in enumerate(SPEC.errors)
                                            if e.code == "REVOKED_TOKEN"))


def test_a_matcher_accepts_any_matching_value_and_refuses_others() -> None:
    body = recorded_body("list-jobs-bearer")
    body["data"][0]["id"] = "job_0123456789abcdef"
    assert compare(SPEC, INDEX["list-jobs-bearer"], exchange("list-jobs-bearer",
                                                              body=body)) == []
    body["data"][0]["id"] = "JOB-1"
    (found,) = compare(SPEC, INDEX["list-jobs-bearer"], exchange("list-jobs-bearer", body=body))
    assert found.what == "body $.data[0].id" and not found.literal


def test_a_status_and_a_category_rule_diverge() -> None:
    found = compare(SPEC, INDEX["revoked-token"], exchange("revoked-token", status=400,
                                                           headers={}))
    assert [d.what for d in found][:2] == ["status", "header WWW-Authenticate (every "
                                                     "authentication error)"]



def test_against_an_api_with_its_own_data_illustrations_are_judged_by_shape() -> None:
    body = recorded_body("list-jobs-bearer")
    body["data"] = [{**body["data"][0], "name": "Q3 webinar", "lead_count": 7}] * 3
    index = INDEX["list-jobs-bearer"]
    assert compare(SPEC, index, exchange("list-jobs-bearer", body=body),
                   illustrations_by_shape=True) == []
    assert compare(SPEC, index, exchange("list-jobs-bearer", body=body)) != []
    body["data"][2] = {**body["data"][0], "lead_count": "7"}
    (found,) = compare(SPEC, index, exchange("list-jobs-bearer", body=body),
                       illustrations_by_shape=True)
    assert found.what == "body $.data[2].lead_count" and "a number like 25" in found.describe()


def test_against_an_api_with_its_own_data_the_contract_stays_exact() -> None:
    body = recorded_body("revoked-token") | {"message": "Gone."}
    (found,) = compare(SPEC, INDEX["revoked-token"], exchange("revoked-token", body=body),
                       illustrations_by_shape=True)
    assert found.what == "body $.message"
    other = recorded_body("me-session-token") | {"plan": "agency"}
    assert compare(SPEC, INDEX["me-session-token"], exchange("me-session-token", body=other),
                   illustrations_by_shape=True) == []


def test_against_an_api_with_its_own_data_a_status_is_one_of_the_documented_values() -> None:
    body = recorded_body("list-jobs-bearer")
    body["data"] = [{**body["data"][0], "status": status} for status in SPEC.enums["status"]]
    index = INDEX["list-jobs-bearer"]
    assert compare(SPEC, index, exchange("list-jobs-bearer", body=body),
                   illustrations_by_shape=True) == []
    body["data"][1]["status"] = "paused"
    (found,) = compare(SPEC, index, exchange("list-jobs-bearer", body=body),
                       illustrations_by_shape=True)
    assert found.what == "body $.data[1].status"
    assert found.describe() == ("body $.data[1].status: expected \"one of ['queued', "
                                "'running', 'completed', 'failed']\", got 'paused'")
