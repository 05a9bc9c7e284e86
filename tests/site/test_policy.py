"""The Content-Security-Policy's own logic: which inline scripts a page holds, and the
policy put in a page that carries one already (the preview's case: MkDocs added a script)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from generator.site.guard import (
    content_security_policy,
    has_content_security_policy,
    inline_scripts,
    with_content_security_policy,
)

#: A reading of script elements independent of `inline_scripts`: a pattern matched from
#: every start (correct, but it takes time with the square of a page's unclosed starts).
_REFERENCE = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)

#: Pieces pages are made of here: starts and ends of script elements in several spellings,
#: with and without a source, and text between them.
_PIECES = st.sampled_from([
    "<script>", "<SCRIPT>", "<script type=module>", "<script src=a.js>", "<script\tsrc='b'>",
    "<scripts>", "<script", "</script>", "</SCRIPT >", "</script\n>", "</scrip>", ">", "<",
    "a", "src=", " ", "\n", "<p>", "</body>", "é",
])


def _reference(page: str) -> list[str]:
    return [body for attributes, body in _REFERENCE.findall(page)
            if not re.search(r"\ssrc\s*=", attributes, re.IGNORECASE)]


@given(st.lists(_PIECES, max_size=40).map("".join))
def test_the_inline_scripts_are_those_a_pattern_finds(page: str) -> None:
    assert list(inline_scripts(page)) == _reference(page)


def test_a_page_of_unclosed_starts_holds_no_script() -> None:
    assert list(inline_scripts("<p></body>" + "<script>" * 32_000)) == []
    assert list(inline_scripts("<script>a</script>" + "<script x" * 32_000)) == ["a"]


PAGE = ("<html><head><meta charset=utf-8><title>t</title></head><body>"
        "<script>one()</script></body></html>")


def test_the_policy_is_put_first_in_the_head_once() -> None:
    once = with_content_security_policy(PAGE, ["https://feedback.example/v1/feedback"])
    assert has_content_security_policy(once) and not has_content_security_policy(PAGE)
    assert once.index('http-equiv="Content-Security-Policy"') < once.index("<title>")
    assert "connect-src 'self' https://feedback.example;" in once
    assert with_content_security_policy(once, ["https://feedback.example/"]) == once


def test_a_page_that_carries_the_policy_gets_the_policy_of_what_it_holds_now() -> None:
    built = with_content_security_policy(PAGE, [])
    served = built.replace("</body>", "<script>livereload(1, 2);</script></body>")
    again = with_content_security_policy(served, [])
    assert again.count('http-equiv="Content-Security-Policy"') == 1
    [policy] = re.findall(r'content="([^"]*)"', again)
    assert policy == content_security_policy(served, [])
    assert len(re.findall(r"'sha256-", policy)) == 2


def test_only_a_page_with_the_previews_mark_is_its_page() -> None:
    marked = with_content_security_policy(PAGE, [], "5eed")
    assert has_content_security_policy(marked, "5eed")
    assert not has_content_security_policy(marked, "0dd")
    # A page that copies everything but the mark, or carries no policy at all.
    assert not has_content_security_policy(with_content_security_policy(PAGE, []), "5eed")
    assert not has_content_security_policy(PAGE, "5eed")
    # Applied again, the mark stays with the policy, once.
    again = with_content_security_policy(marked, [], "5eed")
    assert again == marked and again.count('data-guides-preview="5eed"') == 1
