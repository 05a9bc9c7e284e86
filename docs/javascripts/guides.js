// The theme's search overlay is a dialog without a name; screen readers announce this one.
document.querySelectorAll('.md-search[role="dialog"]').forEach((dialog) => {
  dialog.setAttribute("aria-label", "Search the guides");
});

// The heading a node comes under: the nearest before it, in its own or an enclosing block.
const headingBefore = (start) => {
  for (let block = start; block; block = block.parentElement) {
    for (let node = block.previousElementSibling; node; node = node.previousElementSibling) {
      if (/^H[1-6]$/.test(node.tagName)) {
        return node.textContent.replace(/\u00b6$/, "").trim();
      }
    }
  }
  return "";
};

// A table wider than a phone scrolls inside the wrapper the theme puts around it. A region
// that scrolls must be reachable and named for keyboard and screen-reader users (WCAG 2.1.1),
// so each wrapper is focusable and labelled by its table's columns and the section it is in.
const labelScrollingTables = () => {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach((wrapper) => {
    const table = wrapper.querySelector("table");
    if (!table || wrapper.hasAttribute("aria-label")) {
      return;
    }
    const columns = [...table.querySelectorAll("thead th")]
      .map((cell) => cell.textContent.trim()).filter(Boolean).join(", ");
    const section = headingBefore(wrapper);
    wrapper.setAttribute("role", "region");
    wrapper.setAttribute("tabindex", "0");
    wrapper.setAttribute("aria-label",
                         `Table${columns ? ` of ${columns}` : ""}${section ? `: ${section}` : ""}`);
  });
};
// A row of tab labels wider than the screen scrolls too (the theme lets it): while it does,
// it is focusable and named by the tabs it holds and the example they show, for the same
// reason (each name its own: a screen reader lists the regions by name).
const labelScrollingTabs = () => {
  document.querySelectorAll(".tabbed-labels").forEach((labels) => {
    if (labels.scrollWidth <= labels.clientWidth) {
      labels.removeAttribute("tabindex");
      return;
    }
    const names = [...labels.querySelectorAll("label")]
      .map((label) => label.textContent.trim()).filter(Boolean).join(", ");
    labels.setAttribute("role", "region");
    labels.setAttribute("tabindex", "0");
    const section = headingBefore(labels.closest(".tabbed-set"));
    labels.setAttribute("aria-label", `Tabs${section ? ` of ${section}` : ""}: ${names}`);
  });
};
// A code block wider than its column scrolls sideways. The theme makes it focusable only
// where a pointer can hover, so on a touch screen (a phone's or a tablet's, with a keyboard)
// it could not be scrolled from the keyboard: here it is focusable wherever it scrolls. This
// observer is made after the theme's, so it is told of each size after the theme was.
const focusWhereCodeScrolls = new ResizeObserver((entries) => {
  entries.forEach(({ target }) => {
    if (target.scrollWidth > target.clientWidth) {
      target.setAttribute("tabindex", "0");
    }
  });
});
// An error code is one long word, wider than the page's contents column: it may break after
// each underscore, between the words a reader reads in it (the stylesheet breaks it anywhere
// only where a part is still too wide).
const breakCodesAfterUnderscores = () => {
  document.querySelectorAll(".md-nav--secondary .md-ellipsis").forEach((label) => {
    const text = label.textContent.trim();
    if (!/^[A-Z0-9]+(_[A-Z0-9]+)+$/.test(text)) {
      return;
    }
    const parts = text.split("_");
    label.replaceChildren(...parts.flatMap((part, index) => (
      index < parts.length - 1 ? [`${part}_`, document.createElement("wbr")] : [part])));
  });
};
// The theme puts each code block's copy button in a <nav>: a landmark per code block, all
// unnamed, that a screen reader lists among the page's navigation. It is a button, no more.
const unlistCopyButtons = () => {
  document.querySelectorAll(".md-code__nav").forEach((nav) => nav.setAttribute("role", "none"));
};
const focusScrollingCode = () => {
  document.querySelectorAll("pre > code").forEach((code) => focusWhereCodeScrolls.observe(code));
};
// What the theme leaves to mend on each page it shows (with instant navigation, each new one).
const mendThePage = () => {
  labelScrollingTables();
  labelScrollingTabs();
  focusScrollingCode();
  unlistCopyButtons();
  breakCodesAfterUnderscores();
};
window.addEventListener("resize", labelScrollingTabs);
if (typeof document$ !== "undefined") {
  document$.subscribe(mendThePage);
} else {
  mendThePage();
}

// "Show my key in the samples": the reader's key replaces the placeholder key wherever a
// sample shows it, but in the examples the form names (data-keep): those that need another
// credential (a revoked key, a second key, a Starter key refused), where the reader's own
// key would change the answer. It is kept in this tab's sessionStorage only: never sent,
// never part of the page as built, and gone with the tab or the Clear button.
const KEY_STORAGE = "trustleads-guides-api-key";
document.querySelectorAll("form.guides-key").forEach((form) => {
  const placeholder = form.dataset.placeholder;
  const keep = new Set((form.dataset.keep || "").split(" ").filter(Boolean));
  const input = form.querySelector("input");
  const root = document.querySelector("article") || document.body;
  const headings = Array.from(root.querySelectorAll("h1, h2, h3, h4, h5, h6"));
  // The example a sample belongs to: the one whose heading is the last before it.
  const exampleOf = (node) => {
    let last = null;
    for (const heading of headings) {
      if (!(heading.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING)) {
        break;
      }
      last = heading;
    }
    return last && last.id.startsWith("example-") ? last.id.slice("example-".length) : null;
  };
  const built = new Map();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest("pre") && node.nodeValue.includes(placeholder)
        && !keep.has(exampleOf(node))) {
      built.set(node, node.nodeValue);
    }
  }
  const show = (key) => {
    built.forEach((text, node) => {
      node.nodeValue = text.split(placeholder).join(key || placeholder);
    });
  };
  input.value = sessionStorage.getItem(KEY_STORAGE) || "";
  show(input.value.trim());
  input.addEventListener("input", () => {
    const key = input.value.trim();
    if (key) {
      sessionStorage.setItem(KEY_STORAGE, key);
    } else {
      sessionStorage.removeItem(KEY_STORAGE);
    }
    show(key);
  });
  form.querySelector("[data-guides-key-clear]").addEventListener("click", () => {
    input.value = "";
    sessionStorage.removeItem(KEY_STORAGE);
    show("");
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.hidden = false;
});
