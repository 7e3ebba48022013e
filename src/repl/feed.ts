import { createInterface } from "node:readline";
import type { REPLServer } from "node:repl";
import type { Writable } from "node:stream";

/**
 * Feeds lines from a pipe to the REPL one at a time, each after the previous one has finished (Node's REPL
 * would start them all at once and exit before pending awaits settle). A line is finished when the REPL shows
 * its prompt again; the prompt itself is not written.
 * @example await feedLines(server, replInput, process.stdin)
 */
export async function feedLines(
  server: REPLServer,
  sink: Writable,
  source: NodeJS.ReadableStream,
): Promise<void> {
  let ready: (() => void) | undefined;
  let closed = false;
  // No prompt is ever written to a pipe (not even "... " for a continued line): a prompt only says "ready".
  server.displayPrompt = () => {
    const done = ready;
    ready = undefined;
    done?.();
  };
  server.on("exit", () => {
    closed = true;
    ready?.();
  });
  for await (const line of createInterface({ input: source, crlfDelay: Infinity })) {
    if (closed) break;
    const finished = new Promise<void>((resolve) => (ready = resolve));
    sink.write(`${line}\n`);
    await finished;
  }
}
