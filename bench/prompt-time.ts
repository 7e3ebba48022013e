// Spawn-to-prompt timing under a pseudo-terminal, shared by bench/startup.ts and bench/cost.ts.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as pty from "@lydell/node-pty";

/** The built console (run `npm run build` first). */
export const CLI = fileURLToPath(new URL("../dist/bin/ti-console.js", import.meta.url));
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** A program to start and what its output matches once it is at its first prompt (or, for "ready", connected). */
export interface PromptTarget {
  readonly name: string;
  readonly file: string;
  readonly args: readonly string[];
  readonly prompt: RegExp;
}

/** The bare node REPL, ti-console's first prompt, and ti-console with its token in hand. */
export const PROMPT_TARGETS: readonly PromptTarget[] = [
  { name: "node (bare REPL)", file: process.execPath, args: [], prompt: /> $/ },
  {
    name: "ti-console --emulator",
    file: process.execPath,
    args: [CLI, "--emulator"],
    prompt: /ti(\([^)]*\))?> $/,
  },
  // The prompt shows while the session connects; "ready" is when the token's expiry line has printed.
  {
    name: "ti-console ready",
    file: process.execPath,
    args: [CLI, "--emulator"],
    prompt: /Token expires[^\n]*\n[\s\S]*ti(\([^)]*\))?> $/,
  },
];

/** Milliseconds from spawn until `target`'s output matches its prompt (history in a fresh temporary file). */
export function timeToPrompt(target: PromptTarget): Promise<number> {
  const env = { ...process.env, TI_HISTORY_FILE: join(mkdtempSync(join(tmpdir(), "ti-bench-")), "history") };
  const start = process.hrtime.bigint();
  const child = pty.spawn(target.file, [...target.args], { cols: 100, rows: 30, env, cwd: tmpdir() });
  let out = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${target.name}: no prompt after 30 s; output: ${out}`));
    }, 30_000);
    child.onData((data) => {
      out += data;
      if (!target.prompt.test(out.replace(ANSI, ""))) return;
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      clearTimeout(timer);
      child.onExit(() => resolve(ms));
      child.kill();
    });
  });
}

/** The median of `values` (not empty). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
