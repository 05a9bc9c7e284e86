// "Try it": each example's documented request (from api.yaml, in the page as data) is sent
// from the reader's browser to the sandbox the site was built for (GUIDES_TRY_IT_URL), and
// the live answer is shown under the recorded one. This script is part of the page only in
// such a build. A key the reader typed in "Show my key in the samples" is sent to that
// sandbox only, and only when they press the button.
(() => {
  const TIMEOUT_MS = 10000;
  const sandbox = document.currentScript.dataset.sandbox.replace(/\/+$/, "");
  const endpoint = (path) => new URL(path, `${sandbox}/`).href;
  let credentials = null;

  const element = (tag, attributes = {}, text = "") => {
    const made = document.createElement(tag);
    Object.entries(attributes).forEach(([name, value]) => made.setAttribute(name, value));
    made.textContent = text;
    return made;
  };

  const withTimeout = async (url, options) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    try {
      return await fetch(url, { ...options, signal: controller.signal, credentials: "omit",
                                cache: "no-store", referrerPolicy: "no-referrer" });
    } finally {
      clearTimeout(timer);
    }
  };

  // Demo credentials are public by design; fetched once per page, on the first press.
  const demoCredentials = async () => {
    if (!credentials) {
      credentials = withTimeout(endpoint("../sandbox/credentials"), {}).then((response) => {
        if (!response.ok) throw new Error(`the sandbox answered ${response.status}`);
        return response.json();
      });
      credentials.catch(() => { credentials = null; });
    }
    return credentials;
  };

  const readersKey = () => {
    const input = document.querySelector("form.guides-key input");
    return input ? input.value.trim() : "";
  };

  const credentialFor = async (header) => {
    const own = header.readers_key ? readersKey() : "";
    if (own) return { value: own, label: "your key" };
    const document_ = await demoCredentials();
    const value = header.credential.path.reduce((found, step) => found && found[step], document_);
    return { value, label: header.label };
  };

  // A fetch that fails without an answer is either a sandbox out of reach or one that
  // does not allow this page's origin; an opaque request to its health endpoint tells which.
  const whyUnanswered = async () => {
    try {
      await withTimeout(endpoint("../sandbox/health"), { mode: "no-cors" });
      return `The sandbox at ${sandbox} does not accept requests from this page ` +
        `(${location.origin} is not among its allowed origins).`;
    } catch {
      return `Could not reach the sandbox at ${sandbox}. Check your connection, or try ` +
        "again later.";
    }
  };

  const showAnswer = (result, response, text, elapsed, sentWith) => {
    const status = element("p");
    status.append("Live response: ");
    status.append(element("strong", {}, `${response.status} ${response.statusText}`.trim()));
    status.append(` in ${Math.round(elapsed)} ms, sent with ${sentWith.join(" and ")}.`);
    const table = element("table");
    const head = table.createTHead().insertRow();
    head.append(element("th", { scope: "col" }, "Header"), element("th", { scope: "col" }, "Value"));
    const rows = table.createTBody();
    response.headers.forEach((value, name) => {
      const row = rows.insertRow();
      row.insertCell().append(element("code", {}, name));
      row.insertCell().append(element("code", {}, value));
    });
    let shown = text;
    try {
      shown = JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      // Not JSON: shown as it came.
    }
    // The theme scrolls the code element: focusable, so keyboards can scroll it too.
    const body = element("pre", { class: "guides-try-body" });
    body.append(element("code", { tabindex: "0", "aria-label": "Response body" }, shown));
    result.replaceChildren(status, table, ...(text ? [body] : []));
  };

  const send = async (request, button, result) => {
    button.disabled = true;
    result.replaceChildren(element("p", {}, "Sending…"));
    try {
      const headers = new Headers();
      const sentWith = [];
      for (const header of request.headers) {
        const credential = await credentialFor(header);
        headers.append(header.name, header.value.split("{key}").join(credential.value));
        sentWith.push(credential.label);
      }
      if (request.body !== undefined) headers.set("Content-Type", "application/json");
      const started = performance.now();
      const response = await withTimeout(`${sandbox}${request.path}`, {
        method: request.method, headers, body: request.body, redirect: "manual", mode: "cors",
      });
      const text = await response.text();
      showAnswer(result, response, text, performance.now() - started,
                 sentWith.length ? sentWith : ["no credentials"]);
    } catch (error) {
      const message = error.name === "AbortError"
        ? `The sandbox at ${sandbox} did not answer within ${TIMEOUT_MS / 1000} seconds. ` +
          "Try again later."
        : error instanceof TypeError ? await whyUnanswered()
          : `The sandbox could not be asked: ${error.message}.`;
      result.replaceChildren(element("p", { class: "guides-try-error" }, message));
    } finally {
      button.disabled = false;
    }
  };

  document.querySelectorAll("div.guides-try[data-request]").forEach((widget, index) => {
    const request = JSON.parse(widget.dataset.request);
    const note = element("span", { id: `guides-try-note-${index}`, class: "guides-try-note" },
                         `Sends this request to ${sandbox}.`);
    const button = element("button", { type: "button", class: "md-button",
                                       "aria-describedby": note.id }, "Try it");
    const result = element("div", { class: "guides-try-result", role: "status",
                                     "aria-live": "polite" });
    button.addEventListener("click", () => send(request, button, result));
    const controls = element("p", { class: "guides-try-controls" });
    controls.append(button, " ", note);
    widget.append(controls, result);
    widget.hidden = false;
  });

  document.querySelectorAll("form.guides-key .guides-key-note").forEach((note) => {
    note.textContent = "Kept in this browser tab only; sent nowhere but to the sandbox at " +
      `${sandbox}, and only when you press Try it. Copy buttons copy the samples as shown.`;
  });
})();
