import { readFileSync, statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cleanEnv, startPty, type PtyRepl } from "../helpers/repl.js";

// The continuation prompt: "... " before Node 24, "| " from 24 on.
const CONTINUATION = /(?:\.\.\. |\| )$/;
const ENTRY = ["[", '  "multi",', '  "line",', '  "entry",', '].join("-")'];

/** Types a multi-line entry line by line, each once the continuation prompt asks for it; returns its output. */
async function typeEntry(repl: PtyRepl, lines: readonly string[]): Promise<string> {
  const from = repl.output().length;
  for (const line of lines.slice(0, -1)) {
    const at = repl.output().length;
    repl.write(`${line}\r`);
    await repl.waitFor(CONTINUATION, { from: at });
  }
  return repl.send(lines.at(-1) ?? "").then(() => repl.output().slice(from));
}

/** Presses Up until the prompt line shows `pattern`; returns nothing, throws if it never does. */
async function recallWithUp(repl: PtyRepl, pattern: RegExp): Promise<void> {
  const from = repl.output().length;
  repl.write("\u001b[A");
  await repl.waitFor(pattern, { from });
}

async function exitWithCtrlD(repl: PtyRepl): Promise<void> {
  repl.write("\u0003\u0004"); // clear the line, then Ctrl-D: an exit that history does not record
  expect(await repl.exited).toBe(0);
}

describe("history of multi-line entries", () => {
  it("keeps a multi-line entry as one: Ctrl-R in the next session finds and runs it whole", async () => {
    const env = cleanEnv();
    const first = startPty(["--emulator"], env);
    await first.ready();
    expect(await typeEntry(first, ENTRY)).toContain("multi-line-entry");
    await first.send("1 + 1");
    await exitWithCtrlD(first);
    const text = readFileSync(env["TI_HISTORY_FILE"]!, "utf8");
    // No line of the entry stands alone in the file: it reloads as the one entry it was.
    expect(text.split("\n")).not.toContain('  "line",');
    expect(statSync(env["TI_HISTORY_FILE"]!).mode & 0o777).toBe(0o600);

    const second = startPty(["--emulator"], env);
    await second.ready();
    const from = second.output().length;
    second.write("\u0012"); // Ctrl-R: reverse search
    second.write('"line"');
    await second.waitFor(/"line"/, { from });
    second.write("\r");
    const ran = await second.waitFor(/multi-line-entry[\s\S]*ti\([^)\n]*\)> $/, { from });
    expect(ran).toContain("multi-line-entry");
    await recallWithUp(second, /\]\.join\("-"\)\s*$/);
    await exitWithCtrlD(second);
  });
});

describe("history of concurrent sessions", () => {
  it("gives each console its own lines on Up, and keeps both consoles' lines in the file", async () => {
    const env = cleanEnv();
    const a = startPty(["--emulator"], env);
    const b = startPty(["--emulator"], env);
    await Promise.all([a.ready(), b.ready()]);
    await a.send("fromA1 = 1");
    await b.send("fromB1 = 2");
    await a.send("fromA2 = 3");
    await b.send("fromB2 = 4");
    await recallWithUp(a, /\)> fromA2 = 3$/);
    await recallWithUp(a, /\)> fromA1 = 1$/);
    await recallWithUp(b, /\)> fromB2 = 4$/);
    await recallWithUp(b, /\)> fromB1 = 2$/);
    await exitWithCtrlD(a);
    await exitWithCtrlD(b);
    const text = readFileSync(env["TI_HISTORY_FILE"]!, "utf8");
    for (const line of ["fromA1 = 1", "fromA2 = 3", "fromB1 = 2", "fromB2 = 4"])
      expect(text.split(line).length - 1, line).toBe(1);

    // The next console sees both, newest first.
    const c = startPty(["--emulator"], env);
    await c.ready();
    await recallWithUp(c, /\)> fromB2 = 4$/);
    await recallWithUp(c, /\)> fromA2 = 3$/);
    await exitWithCtrlD(c);
  });
});
