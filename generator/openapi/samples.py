"""``x-codeSamples`` of an operation: every sample of every example of it, in every
language, as the pages show them (the extension Redoc and other renderers read)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from ..languages import LANGUAGES
from ..model import Example

__all__ = ["Samples", "code_samples", "with_samples"]


class _Text(Protocol):
    @property
    def text(self) -> str: ...


#: Example id -> language key -> the sample's file.
Samples = Mapping[str, Mapping[str, _Text]]


def code_samples(samples: Samples, examples: list[Example]) -> list[dict[str, str]]:
    """One entry per example and language, labelled with both."""
    found: list[dict[str, str]] = []
    for example in examples:
        files = samples.get(example.id, {})
        found += [{"lang": language.label, "label": f"{language.label}: {example.title}",
                   "source": files[key].text}
                  for key, language in LANGUAGES.items() if key in files]
    return found


def with_samples(operation: dict[str, Any], samples: Samples,
                 examples: list[Example]) -> dict[str, Any]:
    """`operation` with its ``x-codeSamples``, when it has any."""
    found = code_samples(samples, examples)
    return {**operation, "x-codeSamples": found} if found else operation
