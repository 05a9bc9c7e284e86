"""The OpenAPI document of api.yaml: valid, complete, and its examples fit its schemas."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from generator.model import Project, Spec, load_project
from generator.openapi import openapi_document, openapi_json
from tests.conftest import MINIMAL, REPO, run_guides

METHODS = {"get", "head", "put", "post", "delete", "patch"}


@pytest.fixture(scope="module")
def repository() -> Project:
    return load_project(REPO / "api.yaml")


@pytest.fixture(scope="module")
def spec(repository: Project) -> Spec:
    return repository.spec


@pytest.fixture(scope="module")
def document(repository: Project) -> dict[str, Any]:
    return openapi_document(repository.spec, repository.recordings)


def operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


@pytest.mark.parametrize("root", [REPO, MINIMAL], ids=["api.yaml", "minimal"])
def test_the_document_is_valid_openapi_3_1(root: Path) -> None:
    loaded = load_project(root / "api.yaml")
    document = openapi_document(loaded.spec, loaded.recordings)
    assert document["openapi"] == "3.1.0"
    validate(document)  # raises on an error; a warning fails the test (pytest config)


def test_servers_and_security_come_from_api_yaml(document: dict[str, Any], spec: Spec) -> None:
    assert document["servers"] == [{"url": "https://api.trustleads.ai/v1"}]
    schemes = document["components"]["securitySchemes"]
    assert schemes["Authorization"]["type"] == "http"
    assert schemes["Authorization"]["scheme"] == "bearer"
    assert "`lfk_`" in schemes["Authorization"]["description"]
    assert "JWT session token" in schemes["Authorization"]["bearerFormat"]
    assert schemes["X-API-Key"] == {**schemes["X-API-Key"], "type": "apiKey", "in": "header",
                                    "name": "X-API-Key"}
    assert document["security"] == [{"Authorization": []}, {"X-API-Key": []}]
    assert document["info"]["title"] == spec.api.name


def test_every_error_code_is_a_reusable_response(document: dict[str, Any],
                                                  spec: Spec) -> None:
    components = document["components"]
    codes = [error.code for error in spec.errors]
    assert components["schemas"]["Error"]["properties"]["error"]["enum"] == codes
    assert sorted(components["schemas"]["Error"]["required"]) == ["docs", "error", "message"]
    assert list(components["responses"]) == codes
    for error in spec.errors:
        assert components["examples"][error.code]["value"] == error.body()


def test_operations_are_named_and_summarised(document: dict[str, Any]) -> None:
    found = {(path, method): op for path, method, op in operations(document)}
    assert sorted(found) == [("/jobs", "get"), ("/jobs", "head"), ("/jobs", "post"),
                             ("/jobs/{id}", "get"), ("/jobs/{id}", "head"), ("/me", "get"),
                             ("/me", "head")]
    ids = [op["operationId"] for op in found.values()]
    assert len(set(ids)) == len(ids)
    assert all(op["summary"] for op in found.values())
    # Every operation is authenticated, so every one documents the authentication errors.
    assert all({"401", "429"} <= set(op["responses"]) for op in found.values())


def test_paths_are_templates_with_the_ids_of_the_examples(document: dict[str, Any]) -> None:
    item = document["paths"]["/jobs/{id}"]
    [parameter] = item["parameters"]
    assert parameter["in"] == "path" and parameter["required"] is True
    assert parameter["schema"] == {"type": "string", "pattern": "^job_[0-9a-f]{16}$"}
    assert {e["value"] for e in parameter["examples"].values()} == {
        "job_629f6fbed82c07cd", "job_0000000000000000"}
    # Reading a job and a job that does not exist are one operation, with both answers.
    assert {"200", "404"} <= set(item["get"]["responses"])
    assert not any("job_" in path for path in document["paths"])


def test_examples_are_the_answers_the_pages_show(document: dict[str, Any]) -> None:
    throttled = document["components"]["responses"]["TOO_MANY_FAILED_ATTEMPTS"]
    # Seconds, as the API sent them and the catalog shows them.
    assert throttled["headers"]["Retry-After"]["example"] == "60"
    refused = document["components"]["responses"]["METHOD_NOT_ALLOWED"]
    assert refused["headers"]["Allow"]["example"] == "GET, HEAD, POST"
    listing = document["paths"]["/jobs"]["get"]["responses"]["200"]
    shown = listing["content"]["application/json"]["examples"]["list-jobs-bearer"]["value"]
    assert shown["data"][0]["id"].startswith("job_") and shown["data"][0]["name"] == "Sample import"


def test_every_401_requires_www_authenticate(document: dict[str, Any]) -> None:
    responses = [document["components"]["responses"][code] for code in (
        "MISSING_TOKEN", "INVALID_TOKEN", "REVOKED_TOKEN", "EXPIRED_TOKEN",
        "CONFLICTING_CREDENTIALS")]
    responses += [op["responses"]["401"] for _, _, op in operations(document)]
    for response in responses:
        if "$ref" in response:
            response = document["components"]["responses"][response["$ref"].split("/")[-1]]
        header = response["headers"]["WWW-Authenticate"]
        assert header["required"] is True, response["description"]
        assert header["example"].startswith('Bearer realm="trustleads"')


def test_head_is_documented_where_the_api_allows_it(document: dict[str, Any]) -> None:
    head = document["paths"]["/jobs"]["head"]
    assert head["operationId"] == "head_jobs"
    assert {"200", "401", "429"} <= set(head["responses"])
    # The answer to HEAD has the status and headers of GET's, and no body.
    assert all("content" not in response and "$ref" not in response
               for response in head["responses"].values())
    assert head["responses"]["200"]["headers"] == (
        document["paths"]["/jobs"]["get"]["responses"]["200"]["headers"])
    # Every path that answers GET answers HEAD (the pages say so, and each 405's Allow shows it).
    assert document["paths"]["/me"]["head"]["operationId"] == "head_me"


def test_a_paged_list_takes_its_parameters_and_a_status_its_enum(
        document: dict[str, Any]) -> None:
    listing = document["paths"]["/jobs"]["get"]
    assert [(p["name"], p["schema"]["type"]) for p in listing["parameters"]] == [
        ("limit", "integer"), ("starting_after", "string")]
    assert "400" in listing["responses"]
    job = listing["responses"]["200"]["content"]["application/json"]["schema"]["properties"][
        "data"]["items"]
    assert job["properties"]["status"] == {
        "type": "string", "enum": ["queued", "running", "completed", "failed"]}


def test_matchers_become_patterns_and_formats(document: dict[str, Any]) -> None:
    listing = document["paths"]["/jobs"]["get"]["responses"]["200"]
    job = listing["content"]["application/json"]["schema"]["properties"]["data"]["items"]
    assert job["properties"]["id"] == {"type": "string", "pattern": "^job_[0-9a-f]{16}$"}
    assert job["properties"]["created_at"] == {"type": "string", "format": "date-time"}
    # Objects may gain fields unless api.yaml closes them, and the document says the same.
    assert "additionalProperties" not in job
    assert "additionalProperties" not in document["components"]["schemas"]["Error"]
    assert listing["headers"]["Cache-Control"]["schema"]["const"] == "no-store"


def _media_types(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for path, method, operation in operations(document):
        for media in operation.get("requestBody", {}).get("content", {}).values():
            yield f"{method} {path} request", media
        for status, response in operation["responses"].items():
            for media in response.get("content", {}).values():
                yield f"{method} {path} {status}", media
    for code, response in document["components"]["responses"].items():
        for media in response["content"].values():
            yield code, media


def validator(document: dict[str, Any], schema: dict[str, Any]) -> Draft202012Validator:
    """Its references (``#/components/...``) resolve as they do in the document."""
    return Draft202012Validator({**schema, "components": document["components"]},
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_every_example_satisfies_its_schema(document: dict[str, Any]) -> None:
    checked = 0
    for where, media in _media_types(document):
        check = validator(document, media["schema"])
        for name, example in media["examples"].items():
            if "$ref" in example:
                example = document["components"]["examples"][example["$ref"].split("/")[-1]]
            errors = [e.message for e in check.iter_errors(example["value"])]
            assert not errors, f"{where} example {name}: {errors}"
            checked += 1
    assert checked > 20


def test_a_wrong_error_code_fails_its_response_schema(document: dict[str, Any]) -> None:
    media = document["components"]["responses"]["REVOKED_TOKEN"]["content"]["application/json"]
    body = document["components"]["examples"]["EXPIRED_TOKEN"]["value"]
    assert not validator(document, media["schema"]).is_valid(body)
    # The right code is not enough: the message and docs link are EXPIRED_TOKEN's.
    assert not validator(document, media["schema"]).is_valid({**body, "error": "REVOKED_TOKEN"})


def test_openapi_command_writes_the_document(project: Path) -> None:
    result = run_guides("openapi", "--out", "out/openapi.json", cwd=project)
    assert result.returncode == 0, result.stderr
    written = (project / "out" / "openapi.json").read_text(encoding="utf-8")
    loaded = load_project(project / "api.yaml")
    assert written == openapi_json(loaded.spec, loaded.recordings, loaded.snippets)
    assert json.loads(written)["openapi"] == "3.1.0"
    printed = run_guides("openapi", cwd=project)
    assert printed.stdout == written


def test_openapi_command_rejects_an_invalid_spec(project: Path) -> None:
    (project / "api.yaml").write_text("errors: [\n", encoding="utf-8")
    result = run_guides("openapi", "--out", "openapi.json", cwd=project)
    assert result.returncode == 2
    assert result.stderr.startswith("api.yaml:") or result.stderr.startswith("error: api.yaml")
    assert "Traceback" not in result.stderr
    assert not (project / "openapi.json").exists()
