"""The examples a pull request touches: what ``guides check --changed`` runs."""

from __future__ import annotations

from ..model import Project
from .compare import compare

__all__ = ["changed_examples"]


def changed_examples(base: Project, head: Project) -> list[str]:
    """Ids of HEAD's examples whose entry, snippets or recording differ from `base`, or
    whose documented exchange a change of the contract alters, in HEAD's order."""
    before = {example.id: example for example in base.spec.examples}
    touched = {example_id for change in compare(base, head).changes
               for example_id in change.examples}
    return [example.id for example in head.spec.examples
            if example.id in touched
            or before.get(example.id) != example
            or _texts(base, example.id) != _texts(head, example.id)
            or base.recordings.get(example.id) != head.recordings.get(example.id)]


def _texts(project: Project, example_id: str) -> dict[str, str]:
    return {language: snippet.text
            for language, snippet in project.snippets.get(example_id, {}).items()}
