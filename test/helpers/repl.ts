// Drives the built console (dist/bin/ti-console.js) as a child process, as mongosh's e2e TestShell does: under a
// pseudo-terminal (prompt, keys, colours) or with pipes. Every child is tracked; a test that leaves one running
// fails in afterEach, and the child is killed.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as pty from "@lydell/node-pty";
import { afterEach, expect } from "vitest";
import { stripAnsi } from "../../src/display/index.js";

/** The built console. Tests run after `npm run build`. */
export const CLI = fileURLToPath(new URL("../../dist/bin/ti-console.js", import.meta.url));
const PROMPT = /ti\([^)\n]*\)> $/;
const running = new Set<{ kill(): void; label: string }>();

afterEach(() => {
  const left = [...running];
  for (const child of left) child.kill();
  running.clear();
  expect(
    left.map((c) => c.label),
    "children left running",
  ).toEqual([]);
});

/**
 * An environment without the developer's TI_* settings, with history in a fresh temp file. Colour settings and
 * `CI` are dropped too: the console plays a user's terminal, and Node reports no colours when `CI` is set.
 */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      (e): e is [string, string] => e[1] !== undefined && !/^TI_|^NO_COLOR$|^FORCE_COLOR$|^CI$/.test(e[0]),
    ),
  );
  return { ...env, TI_HISTORY_FILE: join(tempDir(), "history"), ...extra };
}

/** A fresh empty directory (the console's cwd, so no stray .env is read). */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "ti-console-test-"));
}

/** A console under a pseudo-terminal. `output` is everything so far, ANSI-stripped; `raw` keeps the codes. */
export interface PtyRepl {
  readonly raw: () => string;
  readonly output: () => string;
  /** Waits until the stripped output (after `from`) matches. Returns the text after `from`. */
  waitFor(pattern: RegExp | string, options?: { from?: number; timeoutMs?: number }): Promise<string>;
  /** Waits for the prompt at the end of the output. */
  waitForPrompt(options?: { from?: number; timeoutMs?: number }): Promise<string>;
  /** Waits until the session is connected (the "Token expires" line) and the prompt is back. */
  ready(options?: { timeoutMs?: number }): Promise<string>;
  /** Types a line and Enter, waits for the next prompt, returns what was printed in between (stripped). */
  send(line: string, options?: { timeoutMs?: number }): Promise<string>;
  /** Writes raw keys (e.g. "\t", "\x03"). */
  write(keys: string): void;
  /** Resolves with the exit code when the console exits. */
  readonly exited: Promise<number>;
  kill(): void;
}

/**
 * Starts the console under a pseudo-terminal (100×30), `--emulator` unless other args are given; `script` is
 * the built command unless a test runs another entry (the unbundled dist/repl/cli.js, say).
 * @example const repl = startPty(); await repl.waitForPrompt(); await repl.send("1 + 1")
 */
export function startPty(
  args: string[] = ["--emulator"],
  env: Record<string, string> = cleanEnv(),
  script: string = CLI,
): PtyRepl {
  const child = pty.spawn(process.execPath, [script, ...args], {
    cols: 100,
    rows: 30,
    cwd: tempDir(),
    env,
    name: "xterm-256color",
  });
  let raw = "";
  child.onData((data) => (raw += data));
  const tracked = { kill: () => child.kill(), label: `pty ti-console ${args.join(" ")}` };
  running.add(tracked);
  const exited = new Promise<number>((resolve) =>
    child.onExit(({ exitCode }) => {
      running.delete(tracked);
      resolve(exitCode);
    }),
  );
  const output = (): string => stripAnsi(raw).replace(/\r/g, "");
  const waitFor = async (
    pattern: RegExp | string,
    options: { from?: number; timeoutMs?: number } = {},
  ): Promise<string> => {
    const deadline = Date.now() + (options.timeoutMs ?? 20_000);
    for (;;) {
      const text = output().slice(options.from ?? 0);
      if (typeof pattern === "string" ? text.includes(pattern) : pattern.test(text)) return text;
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${String(pattern)}; output so far:\n${output()}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  return {
    raw: () => raw,
    output,
    waitFor,
    waitForPrompt: (options) => waitFor(PROMPT, options),
    // The prompt may be drawn again on its own line (cursor to column 1, clear) after the start-up file's
    // output: on a screen that is one prompt, in the stripped text several on one line.
    ready: (options) => waitFor(/Token expires[^\n]*\n(?:[\s\S]*\n)?(?:ti\([^)\n]*\)> )+$/, options),
    send: async (line, options = {}) => {
      const from = output().length;
      child.write(`${line}\r`);
      const text = await waitFor(PROMPT, { from, ...options });
      return text.replace(PROMPT, "");
    },
    write: (keys) => child.write(keys),
    exited,
    // An explicit kill is a clean end; afterEach only complains about children nobody ended.
    kill: () => {
      running.delete(tracked);
      child.kill();
    },
  };
}

/** What a piped run printed. */
export interface PipedResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number | null;
}

/**
 * Runs the console with pipes: `input` on stdin (then EOF), returns its output and exit code. Without an `env` it
 * runs with `--emulator` in a clean environment (a test that gives its own `env` decides the mode itself).
 * @example const { stdout, code } = await runPiped(["--eval", "1 + 1"])
 */
export function runPiped(
  args: string[],
  options: { input?: string; env?: Record<string, string>; cwd?: string } = {},
): Promise<PipedResult> {
  const mode = options.env === undefined ? ["--emulator"] : [];
  const child = spawn(process.execPath, [CLI, ...mode, ...args], {
    cwd: options.cwd ?? tempDir(),
    env: options.env ?? cleanEnv(),
    stdio: ["pipe", "pipe", "pipe"],
  });
  const tracked = { kill: () => child.kill(), label: `piped ti-console ${args.join(" ")}` };
  running.add(tracked);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(options.input ?? "");
  return new Promise((resolve) =>
    child.on("close", (code) => {
      running.delete(tracked);
      resolve({ stdout, stderr, code });
    }),
  );
}
