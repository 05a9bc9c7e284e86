"""``guides diff``: the changes of the API contract between two versions of api.yaml,
classified for clients (breaking, additive, editorial) and held to ``changes:``."""

from __future__ import annotations

from .changed import changed_examples
from .classify import Kind, classify, describe
from .compare import Comparison, ContractChange, compare
from .report import FORMATS, write_annotations, write_report
from .revisions import RevisionError, project_at
from .walk import Difference, differences

__all__ = ["FORMATS", "Comparison", "ContractChange", "Difference", "Kind", "RevisionError",
           "changed_examples", "classify", "compare", "describe", "differences",
           "project_at", "write_annotations", "write_report"]
