"""The request "Try it" sends is the one api.yaml documents, or none when it is not all there."""

from __future__ import annotations

import json

import pytest

from generator.errors import GuidesError
from generator.model import Example, Spec, load_project
from generator.render.try_it import try_it_request
from generator.settings import try_it_base_url
from tests.conftest import REPO

SPEC = load_project(REPO / "api.yaml").spec


def _example(example_id: str) -> Example:
    return next(example for example in SPEC.examples if example.id == example_id)


def _request(spec: Spec, example_id: str) -> dict[str, object] | None:
    return try_it_request(spec, _example(example_id))


def test_a_plan_key_may_be_the_readers_own() -> None:
    assert _request(SPEC, "list-jobs-x-api-key") == {
        "method": "GET", "path": "/jobs", "headers": [{
            "name": "X-API-Key", "value": "{key}", "credential": {"path": ["keys", "pro"]},
            "label": "the sandbox's demo key for the Pro plan", "readers_key": True}]}


def test_a_wrong_credential_is_always_the_documented_one() -> None:
    request = _request(SPEC, "conflicting-credentials")
    assert request is not None
    headers = request["headers"]
    assert isinstance(headers, list)
    assert [(h["name"], h["value"], h["readers_key"]) for h in headers] == [
        ("Authorization", "Bearer {key}", True), ("X-API-Key", "{key}", False)]
    assert headers[1]["credential"] == {"path": ["keys", "agency"]}
    invalid = _request(SPEC, "invalid-token")
    assert invalid is not None and isinstance(invalid["headers"], list)
    assert invalid["headers"][0]["credential"] == {"path": ["unknown_key"]}


def test_the_body_is_the_documented_json() -> None:
    request = _request(SPEC, "create-job")
    assert request is not None and isinstance(request["body"], str)
    assert json.loads(request["body"]) == _example("create-job").request.body


@pytest.mark.parametrize("example_id", ["http-redirect", "payload-too-large",
                                        "unsupported-media-type"])
def test_no_request_that_api_yaml_does_not_fully_describe(example_id: str) -> None:
    assert _request(SPEC, example_id) is None


def test_missing_token_sends_no_credential() -> None:
    assert _request(SPEC, "missing-token") == {"method": "GET", "path": "/jobs", "headers": []}


@pytest.mark.parametrize("value", ["ftp://sandbox.example/v1", "sandbox.example",
                                   "https://sandbox.example/v1?x=1", "https:// x"])
def test_a_setting_that_is_not_a_base_url_is_refused(value: str) -> None:
    with pytest.raises(GuidesError, match=r"GUIDES_TRY_IT_URL: .* is not an http"):
        try_it_base_url(value)


def test_the_setting_loses_its_final_slash_and_may_be_empty() -> None:
    assert try_it_base_url("https://sandbox.trustleads.ai/v1/") == \
        "https://sandbox.trustleads.ai/v1"
    assert try_it_base_url("") == ""
