"""The second guard on every page: an allowlist sanitizer over the content the generator
writes, and a Content-Security-Policy built from the page as it is served.

The renderer already writes text from api.yaml, recordings and API answers as text (see
`generator.render.inert_markdown`); this guard does not trust that. The sanitizer (nh3, the
binding to the Ammonia crate) keeps only the elements, attributes and URL schemes a guide
page uses; the policy lets scripts run only from the site itself or when their exact text
is one the page was built with (a sha256 hash each), so an injected inline handler or
script does not run even if it got through both.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

import nh3

__all__ = ["ALLOWED_SCHEMES", "ALLOWED_TAGS", "content_security_policy",
           "has_content_security_policy", "inline_scripts", "sanitize_content",
           "with_content_security_policy"]

#: What a guide's content may hold: nh3's defaults and what Material, pymdownx (content tabs,
#: code blocks) and the guides' own controls (key form, "Try it" marker) write.
ALLOWED_TAGS = frozenset(nh3.ALLOWED_TAGS | {"input", "label", "form", "button", "svg", "path"})
ALLOWED_SCHEMES = frozenset({"https", "http", "mailto"})
_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"class", "id", "title", "hidden", "lang", "dir", "role", "tabindex"},
    **{tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()},
    "a": {"href", "hreflang", "type"},
    "img": {"src", "alt", "width", "height", "loading"},
    "th": set(nh3.ALLOWED_ATTRIBUTES["th"]) | {"style"},
    "td": set(nh3.ALLOWED_ATTRIBUTES["td"]) | {"style"},
    "input": {"type", "name", "checked", "placeholder", "spellcheck", "autocomplete",
              "disabled"},
    "label": {"for"},
    "form": {"autocomplete"},
    "button": {"type"},
    "time": {"datetime"},
    "code": {"class"},
    "svg": {"xmlns", "viewbox", "width", "height", "aria-hidden"},
    "path": {"d"},
}
_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags={"script", "style"},
    attributes=_ATTRIBUTES,
    # The guides' controls carry their data in data-* attributes; aria-* serves readers.
    generic_attribute_prefixes={"data-", "aria-"},
    url_schemes=set(ALLOWED_SCHEMES),
    # Tables align their columns by style; nothing else may be styled.
    filter_style_properties={"text-align"},
    # Links are kept as written: the site's own pages need no rel.
    link_rel=None,
    strip_comments=True,
)
_SCRIPT_START = re.compile(r"<script\b", re.IGNORECASE)
_SCRIPT_END = re.compile(r"</script\s*>", re.IGNORECASE)
_SCRIPT_SRC = re.compile(r"\ssrc\s*=", re.IGNORECASE)
_HEAD = re.compile(r"<meta charset=[^>]*>|<head[^>]*>", re.IGNORECASE)
#: The policy `with_content_security_policy` puts in a page (its content has no quote: every
#: source in it is a keyword, a hash or an origin), and the mark of a preview's build.
_POLICY_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*"'
                          r'(?: data-guides-preview="(?P<mark>[0-9a-f]+)")?>')


def sanitize_content(html: str) -> str:
    """A page's content (the HTML the Markdown became) with only allowlisted markup."""
    return _CLEANER.clean(html)


def _origin(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        return None
    return f"{parts.scheme}://{parts.netloc}"


def inline_scripts(page: str) -> Iterator[str]:
    """The text of each script element of `page` without a ``src``, up to its first
    ``</script>`` (as a browser reads it). One pass: once a script has no end, no later one
    has either (a pattern matched from each start again took minutes on a page of
    unclosed starts)."""
    position = 0
    while (start := _SCRIPT_START.search(page, position)) is not None:
        opened = page.find(">", start.end())
        end = _SCRIPT_END.search(page, opened + 1) if opened >= 0 else None
        if end is None:
            return
        if not _SCRIPT_SRC.search(page, start.end(), opened):
            yield page[opened + 1:end.start()]
        position = end.end()


def content_security_policy(page: str, connect_to: Iterable[str | None]) -> str:
    """The policy of `page`: scripts from the site and the inline scripts it holds (by hash),
    requests to the site and the origins of `connect_to` (the feedback collector, the
    Try-it sandbox), no plugins, no inline event handlers."""
    hashes = sorted({
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        + "'" for body in inline_scripts(page)})
    origins = sorted({origin for origin in map(_origin, connect_to) if origin})
    return "; ".join([
        "default-src 'self'",
        " ".join(["script-src 'self'", *hashes]),
        # Material and the widget style elements inline; styles cannot run code.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        " ".join(["connect-src 'self'", *origins]),
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def has_content_security_policy(page: str, mark: str | None = None) -> bool:
    """Whether `page` carries the policy `with_content_security_policy` puts in first; with
    `mark`, the policy it put in with that mark. (A page without the mark is not searched
    further: any page a preview serves is asked, hand-written files too.)"""
    if mark is not None and f' data-guides-preview="{mark}">' not in page:
        return False
    found = _POLICY_META.search(page)
    return found is not None and (mark is None or found["mark"] == mark)


def with_content_security_policy(page: str, connect_to: Iterable[str | None],
                                 mark: str | None = None) -> str:
    """`page` with its policy as the first thing of its head, before any script: the
    policy of the page as it is now, in place of one it carried. A preview's build gives a
    `mark` of its own, which only the pages it wrote carry (see `served_policy`)."""
    page = _POLICY_META.sub("", page, count=1)
    policy = content_security_policy(page, connect_to)
    marked = f' data-guides-preview="{mark}"' if mark else ""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}"{marked}>'
    head = _HEAD.search(page)
    if head is None:
        return meta + page
    return page[:head.end()] + meta + page[head.end():]
