"""Every page read by axe-core in a real Chromium: every rule in the light scheme on a desktop,
every rule but the colour ones on a 390 px touch-screen phone, the colour rules in the dark
scheme (on a desktop); no violation, of any impact. The phone's layout uses the desktop's
palette, and hides what it adds, the drawer, until it is opened: the colours are judged once
per scheme, on the desktop, where they are most of axe's work (every token of every code
sample shown). The samples' other tabs, which axe skips while hidden, are read in both
schemes on one page whose examples show every language. And on the phone, tables fit and no
button covers code."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Literal

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize

from tests.feedback.test_widget import wait_for

PAGES = ["", "api-authentication/", "error-catalog/", "billing-plans-comparison/",
         "editing-the-guides/"]
#: A phone held upright (an iPhone 12 to 15 is 390 CSS pixels wide), and a laptop. The phone
#: is a touch screen without hover, as the theme sees it: what it leaves out there (a code
#: block that scrolls is focusable only where a pointer can hover) is read as a phone has it.
PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
#: The rules about colours: the only ones whose answer the dark scheme could change (the same
#: page, the same layout), and the only ones a phone's layout could not (the same palette).
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
#: The colour rules alone.
COLOURS_ONLY = {"resultTypes": ["violations"],
                "runOnly": {"type": "rule", "values": COLOUR_RULES}}
#: What axe reads in each scheme, and on the phone.
RULES = {"light": {"resultTypes": ["violations"]},
         "dark": COLOURS_ONLY,
         "phone": {"resultTypes": ["violations"],
                   "rules": {rule: {"enabled": False} for rule in COLOUR_RULES}}}

Scheme = Literal["light", "dark"]
Opened = Callable[[Scheme, ViewportSize, str], Page]


@pytest.fixture(scope="module")
def opened(served: str, chromium_browser: Browser) -> Iterator[Opened]:
    """Each page as a new reader in a scheme and on a screen sees it, loaded once for the
    module: the tests that take it only read it (axe, the layout), so a page each of them
    loaded again would show them the same. A test that changes a page opens its own."""
    contexts: dict[tuple[Scheme, int], BrowserContext] = {}
    pages: dict[tuple[Scheme, int, str], Page] = {}

    def page(scheme: Scheme, screen: ViewportSize, path: str) -> Page:
        key = (scheme, screen["width"], path)
        if key not in pages:
            context = contexts.get(key[:2])
            if context is None:
                phone = screen == PHONE
                context = contexts[key[:2]] = chromium_browser.new_context(
                    color_scheme=scheme, viewport=screen, is_mobile=phone, has_touch=phone)
            pages[key] = context.new_page()
            response = pages[key].goto(served + path)
            assert response is not None and response.ok, path
        return pages[key]

    yield page
    for context in contexts.values():
        context.close()


@pytest.mark.parametrize(("scheme", "screen", "rules"),
                         [("light", DESKTOP, "light"), ("light", PHONE, "phone"),
                          ("dark", DESKTOP, "dark")],
                         ids=["light-desktop", "light-phone", "dark-desktop"])
def test_no_violation_on_any_page(
        opened: Opened, scheme: Scheme, screen: ViewportSize, rules: str) -> None:
    found = []
    for path in PAGES:
        page = opened(scheme, screen, path)
        violations = Axe().run(page, options=RULES[rules]).response["violations"]
        found += [f"/{path} {v['id']} ({v['impact']}): {len(v['nodes'])} element(s), e.g. "
                  f"{v['nodes'][0]['target']}: {v['nodes'][0]['failureSummary']}"
                  for v in violations]
    assert found == []


def test_the_dark_schemes_rules_find_text_too_faint_to_read(served: str,
                                                             browser: Browser) -> None:
    page = browser.new_page(color_scheme="dark")
    page.goto(served + "billing-plans-comparison/")
    assert Axe().run(page, options=RULES["dark"]).response["violations"] == []
    page.add_style_tag(content="article p { color: #333 !important }")
    violations = Axe().run(page, options=RULES["dark"]).response["violations"]
    assert [(v["id"], v["impact"]) for v in violations] == [("color-contrast", "serious")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_each_languages_code_is_read_in_the_colours_a_reader_sees(
        served: str, browser: Browser, scheme: Scheme) -> None:
    """A sample's tabs but the one chosen are hidden, and axe reads only what shows: here
    every tab shows at once (a style that undoes the hiding alone, so each code block has
    the colours a reader who chooses its tab sees), and the colour rules read them all."""
    page = browser.new_page(color_scheme=scheme, viewport=DESKTOP)
    page.goto(served + "api-authentication/")
    page.add_style_tag(content=".tabbed-set > .tabbed-content > .tabbed-block "
                               "{ display: block !important }")
    shown = page.evaluate("() => [...document.querySelectorAll('.tabbed-block code')]"
                          ".filter((code) => code.getClientRects().length).length")
    assert shown == page.locator(".tabbed-block code").count() > 30
    violations = Axe().run(page, context=".tabbed-set",
                           options=COLOURS_ONLY).response["violations"]
    assert [f"{v['id']} ({v['impact']}): {len(v['nodes'])} element(s), e.g. "
            f"{v['nodes'][0]['target']}" for v in violations] == []


def test_the_scheme_follows_the_system_until_the_reader_chooses(served: str,
                                                                browser: Browser) -> None:
    page = browser.new_page(color_scheme="dark")
    page.goto(served)
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    assert page.evaluate(scheme) == "slate"
    # The toggle steps through the palettes: system, light, dark.
    page.click("form[data-md-component=palette] label:visible")
    wait_for(lambda: page.evaluate(scheme) == "default", "the light scheme")
    page.reload()
    assert page.evaluate(scheme) == "default"


# Each table against the width of the text it sits in; each wrapper the theme scrolls it in.
_TABLES = r"""() => {
  return [...document.querySelectorAll("article table")].map((table) => {
    const wrapper = table.closest(".md-typeset__scrollwrap");
    // A word of a cell (between spaces, hyphens and slashes, where lines may break) that the
    // layout broke across lines: a column squeezed too narrow.
    const broken = [...table.querySelectorAll("th, td")].flatMap((cell) => {
      const range = document.createRange();
      return [...cell.querySelectorAll("*"), cell].flatMap((node) => [...node.childNodes])
        .filter((text) => text.nodeType === 3).flatMap((text) => {
          const words = [];
          for (const match of text.data.matchAll(/[^\s\/-]+/g)) {
            range.setStart(text, match.index);
            range.setEnd(text, match.index + match[0].length);
            const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
            if (tops.size > 1 && match[0].length <= 16) words.push(match[0]);
          }
          return words;
        });
    });
    return {
      columns: [...table.querySelectorAll("th")].map((th) => th.textContent.trim()).join("|"),
      broken,
      region: wrapper ? [wrapper.getAttribute("role"), wrapper.tabIndex,
                         wrapper.getAttribute("aria-label") || ""] : null,
    };
  });
}"""

# Every visible copy button, and every line box of text in its code block that it overlaps.
_COVERED = """() => [...document.querySelectorAll("pre > .md-code__nav")].flatMap((nav) => {
  const button = nav.getBoundingClientRect();
  if (!button.width) return [];
  const range = document.createRange();
  range.selectNodeContents(nav.parentElement.querySelector("code"));
  return [...range.getClientRects()].filter((line) => line.width && line.height
    && line.left < button.right && line.right > button.left
    && line.top < button.bottom && line.bottom > button.top)
    .map((line) => nav.parentElement.id + ": " + Math.round(line.top));
})"""


def test_on_a_phone_tables_read_whole_words_and_scroll_regions_are_named(
        opened: Opened) -> None:
    tables = 0
    for path in PAGES:
        page = opened("light", PHONE, path)
        wait_for(lambda: page.evaluate(  # noqa: B023 (called here, before the loop moves on)
            "document.querySelectorAll('article table').length === "
            "document.querySelectorAll('.md-typeset__scrollwrap[aria-label]').length"),
            f"labelled tables on /{path}")
        for table in page.evaluate(_TABLES):
            tables += 1
            # Reflowed without breaking short words; what is still wider scrolls in its region.
            assert table["broken"] == [], (path, table)
            role, tab_index, label = table["region"]
            assert (role, tab_index) == ("region", 0), (path, table)
            assert label.startswith("Table of ") and table["columns"].split("|")[0] in label
    assert tables >= 10


def test_the_copy_button_covers_no_line_of_code(opened: Opened) -> None:
    buttons = 0
    for screen in (PHONE, DESKTOP):
        for path in PAGES:
            page = opened("light", screen, path)
            buttons += page.locator("pre > .md-code__nav").count()
            assert page.evaluate(_COVERED) == [], (screen, path)
    assert buttons > 20


def test_the_tab_a_keyboard_is_on_has_a_focus_ring(served: str, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(served + "endpoints/")
    for _ in range(80):  # Tab until a tab set's (hidden) radio button has the focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.tabbed-set > input')"):
            break
    page.keyboard.press("ArrowRight")
    outline = page.evaluate("""() => {
      const input = document.activeElement;
      const set = input.closest('.tabbed-set');
      const n = Array.from(set.querySelectorAll(':scope > input')).indexOf(input) + 1;
      const label = set.querySelector(`:scope > .tabbed-labels > :nth-child(${n})`);
      const style = getComputedStyle(label);
      return [style.outlineStyle, parseFloat(style.outlineWidth)];
    }""")
    assert outline[0] == "solid" and outline[1] >= 1, outline


def test_the_table_of_contents_shows_each_heading_whole(opened: Opened) -> None:
    """An error code is one long word: in the narrow column of the page's contents it is
    broken where it must be, never cut short with an ellipsis."""
    entries = 0
    for path in PAGES:
        page = opened("light", DESKTOP, path)
        cut = page.evaluate("""() => [...document.querySelectorAll(
            ".md-nav--secondary .md-nav__link .md-ellipsis")]
            .filter((label) => label.getClientRects().length)
            .map((label) => [label.textContent.trim(), label.scrollWidth > label.clientWidth])""")
        entries += len(cut)
        assert [text for text, hidden in cut if hidden] == [], path
    assert entries > 20
