"""api.yaml: its typed models, loading with positions, and validation."""

from __future__ import annotations

from .load import Project, Snippet, load_project
from .models import (
    ErrorCode,
    Example,
    Spec,
    credential_variable,
    matcher_placeholder,
    reason_phrase,
)
from .source import SourceDocument

__all__ = [
    "ErrorCode",
    "Example",
    "Project",
    "Snippet",
    "SourceDocument",
    "Spec",
    "credential_variable",
    "load_project",
    "matcher_placeholder",
    "reason_phrase",
]
