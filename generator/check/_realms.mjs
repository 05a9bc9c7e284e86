// A warm Node for snippets: fetch (undici) is loaded once, and each snippet runs as a new
// module in a new V8 context: its own globals, module instance, console and process.env,
// sharing nothing with other snippets but the host's fetch. Protocol: one JSON command per
// stdin line, one JSON reply per stdout line, matched by id.
import vm from "node:vm";
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { format } from "node:util";

class Exit extends Error {
  constructor(code) { super(`process.exit(${code})`); this.code = code; }
}

function capture(cap) {
  const text = { value: "" };
  const write = (...args) => {
    if (text.value.length < cap) text.value += (format(...args) + "\n").slice(0, cap - text.value.length);
  };
  return { text, write };
}

async function builtin(specifier, context) {
  const exports = await import(specifier);
  const names = Object.keys(exports);
  const module = new vm.SyntheticModule(names, function () {
    for (const name of names) this.setExport(name, exports[name]);
  }, { context });
  return module;
}

async function run(command) {
  const out = capture(command.cap);
  const err = capture(command.cap);
  const fakeConsole = { log: out.write, info: out.write, debug: out.write, error: err.write, warn: err.write };
  const fakeProcess = {
    env: { ...command.env }, argv: ["node", command.file], platform: process.platform,
    exit: (code = 0) => { throw new Exit(code); },
  };
  const context = vm.createContext({
    console: fakeConsole, process: fakeProcess, fetch, Headers, Request, Response, URL,
    URLSearchParams, AbortController, TextEncoder, TextDecoder, setTimeout, clearTimeout,
    structuredClone, Buffer, performance,
  });
  let code = 0;
  let timedOut = false;
  let timer;
  try {
    const source = await readFile(command.file, "utf8");
    const module = new vm.SourceTextModule(source, { identifier: command.file, context });
    await module.link((specifier) => {
      if (!specifier.startsWith("node:")) throw new Error(`snippets may import only node: modules, not ${specifier}`);
      return builtin(specifier, context);
    });
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => { timedOut = true; reject(new Error("timeout")); }, command.timeout * 1000);
    });
    await Promise.race([module.evaluate({ timeout: command.timeout * 1000 }), timeout]);
  } catch (error) {
    if (error instanceof Exit) code = error.code;
    else if (!timedOut) { code = 1; err.write(error?.stack ?? String(error)); }
  } finally {
    clearTimeout(timer);
  }
  const reply = { id: command.id, exit: timedOut ? null : code, stdout: out.text.value, stderr: err.text.value };
  process.stdout.write(JSON.stringify(reply) + "\n");
}

createInterface({ input: process.stdin }).on("line", (line) => { run(JSON.parse(line)); });
