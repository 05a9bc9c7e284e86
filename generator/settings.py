"""The site's build-time settings, read from the environment by mkdocs.yml.

Standard library only: a build whose pages come from the cache checks them too.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

from .errors import GuidesError

__all__ = ["FEEDBACK_VARIABLE", "FULL_SITE_VARIABLE", "SETTING_VARIABLES", "TRY_IT_VARIABLE",
           "endpoint_url_problem", "try_it_base_url"]

#: The public base URL of a deployed sandbox, for the "Try it" control; unset: no control.
TRY_IT_VARIABLE = "GUIDES_TRY_IT_URL"

#: Where the feedback widget posts votes (a `guides feedback serve`).
FEEDBACK_VARIABLE = "GUIDES_FEEDBACK_ENDPOINT"

#: Whether llms.txt and the pages' Markdown copies are written (a preview leaves them out).
FULL_SITE_VARIABLE = "GUIDES_FULL_SITE"

#: The only variables mkdocs.yml may read with ``!ENV``: each is checked before a page
#: carries it (a URL, or true/false), so no other value of the build's environment is
#: published.
SETTING_VARIABLES = (FEEDBACK_VARIABLE, TRY_IT_VARIABLE, FULL_SITE_VARIABLE)

#: Characters no URL of ours holds: controls, spaces, quotes, angle brackets, backslashes.
_UNSAFE = re.compile(r"[\x00-\x20\x7f\"'<>\\`]")


def endpoint_url_problem(value: str, *, base: bool = False) -> str | None:
    """Why `value` cannot be a URL the pages call, or None: https, or http only for a
    loopback address (a local preview); no credentials, and with `base` no query or
    fragment."""
    if _UNSAFE.search(value):
        return "holds a space, quote or control character"
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - parsing the port is what raises on a bad one
    except ValueError as err:
        return f"is not a URL ({err})"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "is not an http(s) URL"
    if parts.username is not None or parts.password is not None:
        return "carries credentials; the pages are public"
    if base and (parts.query or parts.fragment or "?" in value or "#" in value):
        return "has a query or fragment; give a base URL"
    if parts.scheme == "http" and not _loopback(parts.hostname):
        return "uses http; readers' browsers need https (http only for 127.0.0.1 or localhost)"
    return None


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def try_it_base_url(value: str) -> str:
    """The setting checked: empty (no Try it) or an http(s) base URL, without a final /."""
    problem = endpoint_url_problem(value, base=True) if value else None
    if problem is not None:
        raise GuidesError(f"{TRY_IT_VARIABLE}: {value!r} is not an http(s) base URL: it "
                          f"{problem}; give the public base URL of a deployed `guides "
                          "sandbox`, e.g. https://sandbox.trustleads.ai/v1, or leave it unset")
    return value.rstrip("/")
