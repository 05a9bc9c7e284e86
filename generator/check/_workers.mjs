// A warm Node for snippets: each snippet runs in a fresh worker thread (its own V8 isolate,
// globals and module graph) with only the environment it is given. Protocol: one JSON
// command per stdin line, one JSON reply per stdout line, matched by id.
import { Worker } from "node:worker_threads";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";

function collect(stream, cap) {
  let text = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk) => {
    if (text.length < cap) text += chunk.slice(0, cap - text.length);
  });
  return new Promise((resolve) => stream.on("end", () => resolve(text)));
}

async function run(command) {
  const worker = new Worker(pathToFileURL(command.file), {
    env: command.env, stdout: true, stderr: true, argv: [],
  });
  const stdout = collect(worker.stdout, command.cap);
  const stderr = collect(worker.stderr, command.cap);
  let failure = "";
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; worker.terminate(); }, command.timeout * 1000);
  worker.on("error", (error) => { failure = String(error?.stack ?? error); });
  const code = await new Promise((resolve) => worker.on("exit", resolve));
  clearTimeout(timer);
  const reply = {
    id: command.id, exit: timedOut ? null : (failure ? 1 : code), timed_out: timedOut,
    stdout: await stdout, stderr: (await stderr) + failure,
  };
  process.stdout.write(JSON.stringify(reply) + "\n");
}

createInterface({ input: process.stdin }).on("line", (line) => { run(JSON.parse(line)); });
