// The 404 page (overrides/404.html) is answered for any missing address. MkDocs wrote its
// links, styles and scripts under site_url's path (data-built-base, e.g. /guides/); when the
// same build is served elsewhere (at a host's root), the copy of this script that exists
// there is the one that runs, and its own address says where the site is. Every address
// under the built base is moved there before the browser fetches or follows it.
(() => {
  const script = document.currentScript;
  const root = document.documentElement;
  if (!script || root.dataset.guidesBase) return; // the other copy ran first
  const built = script.dataset.builtBase;
  // This file is <site>/javascripts/not-found.js.
  const base = new URL("..", script.src).pathname;
  root.dataset.guidesBase = base;
  if (!built || base === built) return;

  const moved = (value) =>
    typeof value === "string" && value.startsWith(built) ? base + value.slice(built.length) : value;

  // Material reads its base and its search worker's address from this JSON when its bundle
  // runs; the bundle comes after it, so it is moved as soon as the first script after it is
  // parsed, once its text is complete.
  let configMoved = false;
  const moveConfig = () => {
    const element = document.getElementById("__config");
    if (configMoved || !element) return;
    const config = JSON.parse(element.textContent);
    config.base = moved(config.base);
    config.search = moved(config.search);
    element.textContent = JSON.stringify(config);
    configMoved = true;
  };

  const move = (element) => {
    if (element.localName === "script" && element.hasAttribute("src")) moveConfig();
    for (const name of ["href", "src"]) {
      const value = element.getAttribute(name);
      const target = moved(value);
      if (target !== value) element.setAttribute(name, target);
    }
  };

  document.querySelectorAll("[href], [src]").forEach(move);
  // What the parser adds from now on: observers run before a parsed script is fetched and
  // run (the parser's microtask checkpoint at each </script>), so its new src is the one used.
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== Node.ELEMENT_NODE) continue;
        move(node);
        node.querySelectorAll("[href], [src]").forEach(move);
      }
    }
  });
  observer.observe(root, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", () => {
    observer.disconnect();
    moveConfig();
    document.querySelectorAll("[href], [src]").forEach(move);
  });
})();
