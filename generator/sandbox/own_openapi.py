"""The sandbox's own OpenAPI document, describing its routes (served at /v1/openapi.json)."""

from __future__ import annotations

from typing import Any

__all__ = ["OPENAPI"]


def _error(description: str, *headers: str) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
    if headers:
        response["headers"] = {name: {"schema": {"type": "string"}} for name in headers}
    return response


_AUTH_ERRORS = {
    "401": _error("Missing, invalid, revoked or expired credentials", "WWW-Authenticate"),
    "429": _error("Too many failed authentications from this client", "Retry-After"),
}

_JOB = {
    "type": "object",
    "required": ["id", "name", "status", "lead_count", "created_at"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": "^job_[0-9a-f]{16}$"},
        "name": {"type": "string"},
        "status": {"enum": ["queued", "running", "completed", "failed"]},
        "lead_count": {"type": "integer", "minimum": 1},
        "created_at": {"type": "string", "format": "date-time"},
    },
}

OPENAPI: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Trust Leads API sandbox", "version": "1.0.0"},
    "servers": [{"url": "/"}],
    "security": [{"bearer": []}, {"apiKey": []}],
    "paths": {
        "/v1/jobs": {
            "get": {
                "summary": "List enrichment jobs",
                "responses": {
                    "200": {"description": "The jobs", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/JobList"}}}},
                    **_AUTH_ERRORS,
                },
            },
            "post": {
                "summary": "Submit an enrichment job (Pro and Agency plans)",
                "requestBody": {"required": True, "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Submission"}}}},
                "responses": {
                    "201": {"description": "The job, queued", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/Job"}}}},
                    "400": _error("The body is not a valid submission"),
                    "403": _error("The plan does not allow job submission", "WWW-Authenticate"),
                    "413": _error("The body is too large"),
                    "415": _error("The body is not JSON"),
                    **_AUTH_ERRORS,
                },
            },
        },
        "/v1/jobs/{job_id}": {
            "get": {
                "summary": "One enrichment job",
                "parameters": [{"name": "job_id", "in": "path", "required": True,
                                "schema": {"type": "string"}}],
                "responses": {
                    "200": {"description": "The job", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/Job"}}}},
                    "404": _error("No such job"),
                    **_AUTH_ERRORS,
                },
            },
        },
        "/v1/me": {
            "get": {
                "summary": "Plan and scopes of the caller's credential",
                "responses": {
                    "200": {"description": "The caller", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/Me"}}}},
                    **_AUTH_ERRORS,
                },
            },
        },
        "/sandbox/sessions": {
            "post": {
                "summary": "Sandbox only: mint a dashboard session token for a plan",
                "security": [],
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "type": "object", "required": ["plan"],
                    "properties": {"plan": {"enum": ["starter", "pro", "agency"]}}}}}},
                "responses": {
                    "201": {"description": "A session token valid for one hour",
                            "content": {"application/json": {"schema": {
                                "type": "object",
                                "required": ["session_token", "plan", "expires_in"],
                                "properties": {
                                    "session_token": {"type": "string"},
                                    "plan": {"type": "string"},
                                    "expires_in": {"type": "integer"}}}}}},
                    "400": _error("Unknown plan or malformed body"),
                    "413": _error("The body is too large"),
                    "415": _error("The body is not JSON"),
                },
            },
        },
    },
    "components": {
        "securitySchemes": {
            "bearer": {"type": "http", "scheme": "bearer"},
            "apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
        },
        "schemas": {
            "Error": {
                "type": "object",
                "required": ["error", "message", "docs"],
                "additionalProperties": False,
                "properties": {
                    "error": {"type": "string", "pattern": "^[A-Z_]+$"},
                    "message": {"type": "string"},
                    "docs": {"type": "string", "format": "uri"},
                },
            },
            "Job": _JOB,
            "JobList": {
                "type": "object", "required": ["data", "has_more"],
                "additionalProperties": False,
                "properties": {"data": {"type": "array", "items": _JOB},
                               "has_more": {"type": "boolean"}},
            },
            "Submission": {
                "type": "object", "required": ["leads"], "additionalProperties": False,
                "properties": {
                    "name": {"type": "string", "minLength": 1, "maxLength": 200},
                    "leads": {"type": "array", "minItems": 1, "maxItems": 1000, "items": {
                        "type": "object", "required": ["email"],
                        "properties": {"email": {"type": "string", "format": "email"}}}},
                },
            },
            "Me": {
                "type": "object", "required": ["plan", "scopes", "credential"],
                "additionalProperties": False,
                "properties": {
                    "plan": {"enum": ["starter", "pro", "agency"]},
                    "scopes": {"type": "array", "items": {"type": "string"}},
                    "credential": {"enum": ["api_key", "session_token"]},
                },
            },
        },
    },
}
