"""The site's build-time settings, read from the environment by mkdocs.yml.

Standard library only: a build whose pages come from the cache checks them too.
"""

from __future__ import annotations

import re

from .errors import GuidesError

__all__ = ["FULL_SITE_VARIABLE", "TRY_IT_VARIABLE", "try_it_base_url"]

#: The public base URL of a deployed sandbox, for the "Try it" control; unset: no control.
TRY_IT_VARIABLE = "GUIDES_TRY_IT_URL"

#: Whether llms.txt and the pages' Markdown copies are written (a preview leaves them out).
FULL_SITE_VARIABLE = "GUIDES_FULL_SITE"


def try_it_base_url(value: str) -> str:
    """The setting checked: empty (no Try it) or an http(s) base URL, without a final /."""
    if value and not re.fullmatch(r"https?://[^/\s?#]+(/[^\s?#]*)?", value):
        raise GuidesError(f"{TRY_IT_VARIABLE}: {value!r} is not an http(s) base URL; give "
                          "the public base URL of a deployed `guides sandbox`, e.g. "
                          "https://sandbox.trustleads.ai/v1, or leave it unset")
    return value.rstrip("/")
