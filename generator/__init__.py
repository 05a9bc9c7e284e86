"""Trust Leads Guides: api.yaml in, a proven documentation site out.

Public names load on first use: every ``guides`` command imports this package, and the light
ones (a check answered from its cache, the sandbox, the feedback collector) would otherwise
pay for pydantic, the templates and the OpenAPI writer, about 0.25 s of CPU each time.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .errors import BuildError, GuidesError, Problem, SpecError
    from .model import Project, Spec, load_project
    from .openapi import openapi_document, openapi_json
    from .paths import PAGES
    from .pipeline import generate, validate
    from .render import render_pages

_HOMES = {
    "BuildError": "errors",
    "GuidesError": "errors",
    "Problem": "errors",
    "SpecError": "errors",
    "PAGES": "paths",
    "openapi_document": "openapi",
    "openapi_json": "openapi",
    "generate": "pipeline",
    "validate": "pipeline",
    "render_pages": "render",
    "Project": "model",
    "Spec": "model",
    "load_project": "model",
}

__all__ = [
    "PAGES",
    "BuildError",
    "GuidesError",
    "Problem",
    "Project",
    "Spec",
    "SpecError",
    "generate",
    "load_project",
    "openapi_document",
    "openapi_json",
    "render_pages",
    "validate",
]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)
