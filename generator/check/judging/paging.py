"""Examples that read a list page by page: which exchange is judged, and the sequence."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from ...model import Example, Spec
from ..running.exchange import Exchange, parse_body

__all__ = ["judged_exchange", "page_failures"]


def judged_exchange(example: Example, exchanges: Sequence[Exchange]) -> Exchange:
    """The exchange `example`'s response documents: the first page of one that follows
    pages, else the last request (the one a repetition ends with)."""
    return exchanges[0] if example.request.follows_pages else exchanges[-1]


def page_failures(spec: Spec, example: Example, exchanges: Sequence[Exchange]) -> list[str]:
    """How the requests after the documented one stray from reading the next pages in turn,
    and whether the reading stopped where no more follow."""
    paging = spec.paging
    assert paging is not None, "validation requires a paging section for follows_pages"
    documented = example.request.path
    joiner = "&" if "?" in documented else "?"
    problems = []
    for number, (previous, exchange) in enumerate(pairwise(exchanges), 2):
        page = parse_body(previous.response_body)
        items = page.get(paging.items_field) if isinstance(page, dict) else None
        if not items or not isinstance(items[-1], dict) or page.get(paging.more_field) is not True:
            problems.append(f"request {number} follows a page without more objects")
            break
        expected = f"{documented}{joiner}{paging.cursor_parameter}={items[-1].get('id')}"
        if exchange.method != example.request.method or exchange.path != expected:
            problems.append(f"request {number} should be {example.request.method} {expected}, "
                            f"the page after the last id received; it was "
                            f"{exchange.method} {exchange.path}")
            break
    last = parse_body(exchanges[-1].response_body)
    if exchanges[-1].status == 200 and isinstance(last, dict) \
            and last.get(paging.more_field) is not False:
        problems.append(f"it stopped after {len(exchanges)} page(s) although "
                        f"{paging.more_field} was not false")
    return problems
