// Time from spawn to the first prompt, under a pseudo-terminal: ti-console on the embedded emulator vs a bare
// `node` REPL (and `mongosh --nodb` when it is already installed), plus the time until ti-console is connected
// (emulator started, first token fetched). Runs alternate so that load on the machine
// hits both alike; prints medians and the ratio (target <= 2x). Run: npm run build && npx tsx bench/startup.ts
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as pty from "@lydell/node-pty";

const RUNS = Number(process.env["RUNS"] ?? 10);
const CLI = fileURLToPath(new URL("../dist/bin/ti-console.js", import.meta.url));
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

interface Target {
  readonly name: string;
  readonly file: string;
  readonly args: readonly string[];
  /** What the output matches when the target is at its first prompt (or, for "ready", connected). */
  readonly prompt: RegExp;
}

function timeToPrompt(target: Target): Promise<number> {
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

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function which(command: string): string | undefined {
  try {
    return execFileSync("which", [command], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

const targets: Target[] = [
  { name: "node (bare REPL)", file: process.execPath, args: [], prompt: /> $/ },
  { name: "ti-console --emulator", file: process.execPath, args: [CLI, "--emulator"], prompt: /ti> $/ },
  // The prompt shows while the session connects; "ready" is when the token's expiry line has printed.
  {
    name: "ti-console ready",
    file: process.execPath,
    args: [CLI, "--emulator"],
    prompt: /Token expires[^\n]*\n[\s\S]*ti> $/,
  },
];
const mongosh = which("mongosh");
if (mongosh) targets.push({ name: "mongosh --nodb", file: mongosh, args: ["--nodb"], prompt: />\s*$/ });

const samples = new Map<string, number[]>(targets.map((t) => [t.name, []]));
await timeToPrompt(targets[1]!); // warm the file cache once, not counted
for (let run = 0; run < RUNS; run++) {
  for (const target of targets) samples.get(target.name)!.push(await timeToPrompt(target));
}
const baseline = median(samples.get(targets[0]!.name)!);
console.log(`spawn to first prompt, median of ${RUNS} runs (pseudo-terminal)`);
for (const target of targets) {
  const values = samples.get(target.name)!;
  const m = median(values);
  const range = `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)} ms`;
  console.log(
    `${target.name.padEnd(24)} ${m.toFixed(0).padStart(6)} ms  (${range})  ${(m / baseline).toFixed(2)}x node`,
  );
}
if (!mongosh) console.log("mongosh: not installed (not measured)");
process.exit(0);
