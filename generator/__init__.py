"""Trust Leads Guides: api.yaml in, a proven documentation site out."""

from __future__ import annotations

from .errors import BuildError, GuidesError, Problem, SpecError
from .pipeline import generate, validate
from .render import PAGES, render_pages
from .spec import Project, Spec, load_project

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
    "render_pages",
    "validate",
]
