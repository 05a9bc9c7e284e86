"""What the site's search reads of a page: its text, not the controls around it.

The search index is built from each page's HTML; tab labels ("curl", "Python", …) and table
headings ("Header", "Value") would show in its previews as run-together words. Marked
``data-search-exclude`` (Material's documented attribute), they stay on the page and out of
the index.
"""

from __future__ import annotations

__all__ = ["without_controls_in_search"]

#: Exactly as pymdownx.tabbed (alternate style) and Python-Markdown's tables write them.
_CONTROLS = ('<div class="tabbed-labels">', "<thead>")


def without_controls_in_search(html: str) -> str:
    """`html` with its tab labels and table headings kept out of the search index."""
    for tag in _CONTROLS:
        html = html.replace(tag, f"{tag[:-1]} data-search-exclude>")
    return html
