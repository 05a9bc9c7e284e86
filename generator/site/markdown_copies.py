"""The Markdown copies of the pages (``page/index.md``, listed in ``llms.txt``) as readers see them.

mkdocs-llmstxt turns each page's HTML back into Markdown; its own cleanup deletes the tab
labels, so every sample would lose the name of its language. `preprocess` (its documented
``preprocess`` hook, loaded through ``hooks/markdown_copies.py``) writes each tab's label
as a line before the tab's content, drops what only works in a browser, and then runs the
plugin's public `autoclean` (mkdocs.yml sets ``autoclean: false`` so that it runs after this).
"""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag
from mkdocs_llmstxt import autoclean

__all__ = ["preprocess"]

#: What a page shows only to a browser: controls a script brings to life and text meant for
#: the search index. A copy read by a person or an assistant has no use for them. Elements
#: with a `hidden` attribute are shown by a script (the key form, Try it), or never.
_CONTROLS = frozenset({"form", "button", "input", "select", "textarea"})
_BROWSER_ONLY_CLASSES = frozenset({
    "guides-key",             # "Show my key in the samples"
    "guides-try",             # Try it
    "guides-search-terms",    # words for the search index only
    "md-skip",                # "Skip to content"
    "md-clipboard",           # copy buttons
    "md-feedback",            # "Was this guide helpful?"
    "guides-page-source",     # "Edit this page", "View as Markdown"
})


def preprocess(soup: BeautifulSoup, output: str) -> None:
    """Reduce code blocks to their text, label every tab's content, drop browser-only elements,
    then clean as the plugin does."""
    # find_all with a test of each element, not CSS selectors: one walk of the page where
    # soupsieve took a tenth of the whole build.
    for block in soup.find_all("pre"):
        # Its highlighting is a span per token, which the copy turns back into the text:
        # the text alone gives the same Markdown, a tenth of the conversion's work.
        code = block.find("code", recursive=False)
        if isinstance(code, Tag):
            code.string = code.get_text()
    for tabs in soup.find_all("div", class_="tabbed-set"):
        _label_tabs(soup, tabs)
    for element in soup.find_all(_browser_only):
        if not element.decomposed:  # inside one dropped already
            element.decompose()
    autoclean(soup)


def _browser_only(element: Tag) -> bool:
    return (element.name in _CONTROLS or element.has_attr("hidden")
            or not _BROWSER_ONLY_CLASSES.isdisjoint(element.get("class") or ()))


def _label_tabs(soup: BeautifulSoup, tabs: Tag) -> None:
    """Each ``.tabbed-block`` opens with its label (``curl``, ``Python``…) as a paragraph,
    with the file name its code block shows above it, if any: **curl** (`curl.sh`).

    pymdownx.tabbed writes the labels in one row and the blocks after them, in the same order.
    """
    labels_row = tabs.find(class_="tabbed-labels", recursive=False)
    blocks_row = tabs.find(class_="tabbed-content", recursive=False)
    if not isinstance(labels_row, Tag) or not isinstance(blocks_row, Tag):
        return
    labels = [label.get_text(" ", strip=True)
              for label in labels_row.find_all("label", recursive=False)]
    blocks = blocks_row.find_all(class_="tabbed-block", recursive=False)
    for label, block in zip(labels, blocks, strict=False):
        line = soup.new_tag("p")
        strong = soup.new_tag("strong")
        strong.string = label
        line.append(strong)
        filename = block.find("span", class_="filename")
        if isinstance(filename, Tag):
            code = soup.new_tag("code")
            code.string = filename.get_text()
            line.extend([" (", code, ")"])
            filename.decompose()
        block.insert(0, line)

