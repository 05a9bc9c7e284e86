// "Decode a response" on the Error Catalog: a reader pastes what they got (a status line,
// a JSON body, or just the code) and the page jumps to the matching entry and shows its
// fix. Everything happens in the page, from the catalog's data carried in it: nothing is
// sent, and it works offline.
(() => {
  const marker = document.querySelector(".guides-decode[data-entries]");
  if (!marker) return;
  const entries = JSON.parse(marker.dataset.entries);
  const byCode = new Map(entries.map((entry) => [entry.code, entry]));
  const byAnchor = new Map(entries.map((entry) => [entry.anchor, entry]));

  const element = (tag, attributes = {}, text = "") => {
    const made = document.createElement(tag);
    Object.entries(attributes).forEach(([name, value]) => made.setAttribute(name, value));
    made.textContent = text;
    return made;
  };

  // The status of a pasted answer: its status line ("HTTP/1.1 403 Forbidden", "HTTP/2 403"),
  // else a number alone at the start ("403"), else any 4xx or 5xx standing alone.
  const statusOf = (text) => {
    const found = text.match(/\bHTTP\/[\d.]+\s+(\d{3})\b/i) || text.match(/^\s*(\d{3})\b/) ||
      text.match(/(?<![\d.])([45]\d\d)(?![\d.])/);
    return found ? Number(found[1]) : null;
  };

  const bodyOf = (text) => {
    const start = text.indexOf("{");
    const end = text.lastIndexOf("}");
    if (start < 0 || end <= start) return null;
    try {
      const body = JSON.parse(text.slice(start, end + 1));
      return body && typeof body === "object" ? body : null;
    } catch {
      return null;
    }
  };

  // The same order as `guides mcp`'s explain_response: the body's code, a code named
  // anywhere, the docs link's anchor, a message quoted, then the status alone.
  const decode = (text) => {
    const status = statusOf(text);
    const body = bodyOf(text);
    if (body && typeof body.error === "string" && byCode.has(body.error)) {
      return { entry: byCode.get(body.error), status };
    }
    const named = (text.match(/[A-Za-z0-9_]+/g) || []).map((word) => word.toUpperCase())
      .find((word) => byCode.has(word));
    if (named) return { entry: byCode.get(named), status };
    if (body && typeof body.docs === "string" && byAnchor.has(body.docs.split("#").pop())) {
      return { entry: byAnchor.get(body.docs.split("#").pop()), status };
    }
    const quoted = entries.find((entry) => text.includes(entry.message));
    if (quoted) return { entry: quoted, status };
    const candidates = entries.filter((entry) => entry.status === status);
    if (candidates.length === 1) return { entry: candidates[0], status };
    return { entry: null, status, candidates, body };
  };

  const plain = (text) => text.replace(/`([^`]*)`/g, "$1");
  const link = (entry) => element("a", { href: `#${entry.anchor}` }, entry.code);

  const show = (result, output) => {
    document.querySelectorAll(".guides-decoded").forEach((old) => {
      old.classList.remove("guides-decoded");
    });
    output.replaceChildren();
    const { entry } = result;
    if (entry) {
      const heading = document.getElementById(entry.anchor);
      if (heading) {
        heading.classList.add("guides-decoded");
        heading.scrollIntoView({ block: "start" });
      }
      output.append(link(entry),
                    ` — ${entry.status} ${entry.reason}: ${plain(entry.message)} `,
                    element("strong", {}, "How to fix it:"), ` ${plain(entry.fix)}`);
      if (result.status && result.status !== entry.status) {
        output.append(` (The API sends ${entry.code} with status ${entry.status}, not ` +
                      `${result.status}: something between the API and you changed it.)`);
      }
      return;
    }
    if (result.candidates.length > 1) {
      output.append(`Status ${result.status} is one of these; the body's "error" field ` +
                    "tells which: ");
      result.candidates.forEach((candidate, index) => {
        output.append(index ? ", " : "", link(candidate));
      });
      output.append(".");
    } else if (result.body && !("error" in result.body)) {
      output.append("No entry matches: this body is not one of the API's error answers, " +
                    "which all have the fields error, message and docs.");
    } else if (result.status) {
      output.append(`No entry of the catalog has status ${result.status}.`);
    } else {
      output.append("No entry matches. Paste the status line (HTTP/1.1 401 Unauthorized), " +
                    "the JSON body, or the error code.");
    }
  };

  const form = element("form", { class: "guides-decode-form", autocomplete: "off" });
  const label = element("label", { for: "guides-decode-input" },
                        "Decode a response: paste the status line, the JSON body or the " +
                        "error code you got");
  const input = element("textarea", { id: "guides-decode-input", rows: "4",
                                      spellcheck: "false",
                                      placeholder: 'HTTP/1.1 401 Unauthorized\n{"error": …}' });
  const button = element("button", { type: "submit", class: "md-button" }, "Decode");
  const note = element("span", { class: "guides-decode-note" },
                       "Decoded in this page: nothing you paste is sent anywhere.");
  const output = element("p", { class: "guides-decode-result", role: "status",
                                "aria-live": "polite" });
  form.append(label, input, button, note);
  marker.append(form, output);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (input.value.trim()) show(decode(input.value), output);
  });
  marker.hidden = false;
})();
