// The cost of one item (issue 14): every figure of the issue's table in one run, each as a ratio against its
// baseline, with the median, min and max over `--runs` runs, and a warning when the machine is loaded.
//   1. `ti-console --eval` importing a CSV of --count IOCs (plan + apply) into a definition already holding --count
//      (the loop's, a new definition each run),
//      ÷ the docs' sequential loop (one POST per IOC, fixed bearer token).            goal >= 20x
//      1i: the same import in this (warm) process ÷ the loop; 1c: the loop ÷ (a bare `node -e 0` + 1i's import),
//      the most figure 1 could reach if starting, connecting and warming up the console cost nothing.
//   2. --creates creates, one POST each, through the library at concurrency 8 ÷ the same emulator's raw POST
//      rate (autocannon, 8 connections).                                               goal >= 0.7
//   3. CPU time per IOC on the bulk path (iocs.import + apply in this process, plus the emulator child's CPU
//      from /proc, Linux only).                                                        goal <= 25 µs
//      3r: the same ÷ the sequential loop's CPU per IOC (fetch + emulator), measured in the same run.
//   4. spawn -> prompt ÷ a bare node REPL (goal <= 1.5x); spawn -> token in hand ÷ the same (goal <= 3x).
// The library and the emulator (in a child process) are the built ones, dist/. Run: npm run bench (builds first), or
// npm run build && npx tsx bench/cost.ts [--count 5000] [--creates 3000] [--runs 3] [--duration 5]
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { ConnectedSession as Session } from "../src/index.js";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_TENANT_ID } from "../src/emulator/index.js";
import { CLI, median, PROMPT_TARGETS, timeToPrompt } from "./prompt-time.js";
import { csv, demoToken, hash, newAlert } from "./fixtures.js";

// The library as it ships, built in dist/ (as the console's figures run the built bins), typed by its source. Run
// from src/ through tsx, every closure it makes gets its name set (esbuild's keepNames): 5-8% more per create.
const DIST = new URL("../dist/index.js", import.meta.url).href;
const { connect } = (await import(DIST)) as typeof import("../src/index.js");

// autocannon ships no type declarations; this is the slice of its API the bench uses.
const autocannon = createRequire(import.meta.url)("autocannon") as (
  o: Record<string, unknown>,
) => Promise<{ requests: { average: number }; non2xx: number }>;

const { values } = parseArgs({
  options: {
    count: { type: "string" },
    creates: { type: "string" },
    runs: { type: "string" },
    duration: { type: "string" },
  },
});
const COUNT = Number(values.count ?? 5000);
const CREATES = Number(values.creates ?? 3000);
const RUNS = Number(values.runs ?? 3);
const DURATION_S = Number(values.duration ?? 5);
const EMULATOR = fileURLToPath(new URL("../dist/bin/ti-emulator.js", import.meta.url));

/** A running emulator child and what a client needs to reach it. */
interface Emulator {
  readonly child: ChildProcess;
  readonly url: string;
  readonly authUrl: string;
  readonly apiUrl: string;
}

async function startEmulator(): Promise<Emulator> {
  const quotas = ["--quota-total", "10000000", "--quota-non-equals", "10000000"];
  const child = spawn(process.execPath, [EMULATOR, "--port", "0", "--quiet", ...quotas], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  for await (const line of createInterface({ input: child.stdout! })) {
    const url = /listening on (http:\/\/\S+)/.exec(line)?.[1];
    if (url) return { child, url, authUrl: `${url}/${DEMO_TENANT_ID}/oauth2/token`, apiUrl: `${url}/V1.0` };
  }
  throw new Error("the emulator did not start");
}

/** CPU seconds (user + system) a child has used so far, from /proc; undefined where there is no /proc. */
function childCpuSeconds(pid: number): number | undefined {
  try {
    // Fields after the parenthesised command name: utime and stime are the 12th and 13th, in clock ticks.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** The docs' PowerShell and Python samples: one POST after another with a fixed token. Returns ms. */
async function sequentialLoop(emu: Emulator, token: string, alert: number, salt: number): Promise<number> {
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const bind = `AlertDefinitions(${alert})`;
  const started = performance.now();
  for (let i = 0; i < COUNT; i++) {
    const ioc = { Type: "Sha256", Value: hash(salt, i), DetectionFunction: "Equals", Enabled: true };
    const body = JSON.stringify({ ...ioc, "AlertDefinition@odata.bind": bind });
    const response = await fetch(`${emu.apiUrl}/IndicatorsOfCompromise`, { method: "POST", headers, body });
    if (response.status !== 201) throw new Error(`POST failed with ${response.status}`);
    await response.arrayBuffer();
  }
  return performance.now() - started;
}

/** `ti-console --eval` importing a CSV file, plan + apply, into the emulator as a tenant. Returns ms. */
function evalImport(emu: Emulator, alert: number, salt: number): Promise<number> {
  const file = join(mkdtempSync(join(tmpdir(), "ti-cost-")), "feed.csv");
  writeFileSync(file, csv(COUNT, salt));
  const code = `(await (await iocs.import(${JSON.stringify(file)}, { alert: ${alert} })).apply({ confirm: true })).created`;
  const env = {
    ...process.env,
    TI_CLIENT_ID: DEMO_CLIENT_ID,
    TI_CLIENT_SECRET: DEMO_CLIENT_SECRET,
    TI_AUTH_URL: emu.authUrl,
    TI_API_URL: emu.apiUrl,
  };
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, "--norc", "--eval", code], {
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on("exit", (status) => {
      const ms = performance.now() - started;
      if (status === 0 && out.includes(String(COUNT))) resolve(ms);
      else reject(new Error(`ti-console --eval exited ${status}: ${out.trim()}`));
    });
  });
}

/** iocs.import + apply in this process; returns CPU µs per IOC of this process plus the emulator child. */
async function bulkCpu(session: Session, emu: Emulator, salt: number): Promise<number> {
  const alert = await newAlert(session, `cpu ${salt}`);
  const text = csv(COUNT, salt);
  const before = process.cpuUsage();
  const emuBefore = childCpuSeconds(emu.child.pid!);
  const result = await (await session.iocs.import(text, { alert })).apply({ confirm: true });
  const used = process.cpuUsage(before);
  const emuAfter = childCpuSeconds(emu.child.pid!);
  if (result.created !== COUNT) throw new Error(`created ${result.created} of ${COUNT}`);
  const emuMicros = emuBefore === undefined || emuAfter === undefined ? NaN : (emuAfter - emuBefore) * 1e6;
  return (used.user + used.system + emuMicros) / COUNT;
}

/**
 * Figure 1's bound: the same import (plan + apply of COUNT into a definition holding COUNT) in this warm process,
 * and a bare `node -e 0` from spawn to exit. Even a console that cost nothing to start, connect and warm up
 * would take their sum. Returns both, in ms.
 */
async function importFloor(
  session: Session,
  salt: number,
): Promise<{ inProcess: number; nodeStart: number }> {
  const alert = await newAlert(session, `floor ${salt}`);
  await (await session.iocs.import(csv(COUNT, salt), { alert })).apply({ confirm: true });
  const text = csv(COUNT, salt + 1);
  const started = performance.now();
  const result = await (await session.iocs.import(text, { alert })).apply({ confirm: true });
  const inProcess = performance.now() - started;
  if (result.created !== COUNT) throw new Error(`created ${result.created} of ${COUNT}`);
  const spawned = performance.now();
  await new Promise<void>((resolve, reject) =>
    spawn(process.execPath, ["-e", "0"], { stdio: "ignore" }).on("exit", (status) =>
      status === 0 ? resolve() : reject(new Error(`node -e 0 exited ${status}`)),
    ),
  );
  return { inProcess, nodeStart: performance.now() - spawned };
}

/** Runs `work` (which returns ms); adds the CPU µs this process and the emulator child used meanwhile. */
async function cpuOf(emu: Emulator, work: () => Promise<number>): Promise<{ ms: number; cpuMicros: number }> {
  const before = process.cpuUsage();
  const emuBefore = childCpuSeconds(emu.child.pid!);
  const ms = await work();
  const used = process.cpuUsage(before);
  const emuAfter = childCpuSeconds(emu.child.pid!);
  const emuMicros = emuBefore === undefined || emuAfter === undefined ? NaN : (emuAfter - emuBefore) * 1e6;
  return { ms, cpuMicros: used.user + used.system + emuMicros };
}

/** CREATES creates, one POST each, at the session's concurrency (8). Returns creates per second. */
async function createRate(session: Session, alert: number, salt: number): Promise<number> {
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CREATES }, (_, i) =>
      session.iocs.create({
        Type: "Sha256",
        Value: hash(salt, i),
        DetectionFunction: "Equals",
        AlertDefinition: alert,
      }),
    ),
  );
  return (CREATES * 1000) / (performance.now() - started);
}

/**
 * Warms the create path as autocannon's 5 s warm the emulator: rounds of CREATES creates until two in a row agree
 * within 10% (at most 6). The JIT takes about three rounds to settle (pinned to a core: 2,600/s, 6,300/s,
 * 9,000/s, then about 9,500/s), so one round left figure 2's first runs measuring the warm-up. Returns the rates.
 */
async function warmCreates(session: Session): Promise<number[]> {
  const alert = await newAlert(session, "warm-up creates");
  const rates: number[] = [];
  for (let round = 0; round < 6; round++) {
    rates.push(await createRate(session, alert, 1000 + round));
    const [before, last] = rates.slice(-2);
    if (before !== undefined && last !== undefined && Math.abs(last - before) <= 0.1 * before) break;
  }
  return rates;
}

async function rawPostRate(emu: Emulator, token: string, alert: number): Promise<number> {
  const body = JSON.stringify({
    Type: "Md5",
    Value: "d41d8cd98f00b204e9800998ecf8427e",
    DetectionFunction: "Equals",
    "AlertDefinition@odata.bind": `AlertDefinitions(${alert})`,
  });
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const url = `${emu.apiUrl}/IndicatorsOfCompromise`;
  const result = await autocannon({
    url,
    method: "POST",
    connections: 8,
    duration: DURATION_S,
    headers,
    body,
  });
  if (result.non2xx > 0) throw new Error(`autocannon: ${result.non2xx} non-2xx answers`);
  return result.requests.average;
}

/** One line of the table: the median ratio and its spread, and whether it meets its goal. */
function row(
  label: string,
  ratios: readonly number[],
  goal: string | undefined,
  met: (r: number) => boolean,
  unit = "x",
): void {
  const m = median(ratios);
  const f = (r: number): string => `${r.toFixed(unit === "x" ? 2 : 1)}${unit}`;
  const spread = `min ${f(Math.min(...ratios))}, max ${f(Math.max(...ratios))}`;
  const verdict = goal === undefined ? "" : `  goal ${goal}: ${met(m) ? "met" : "NOT met"}`;
  console.log(`${label.padEnd(62)} median ${f(m).padStart(8)}  (${spread})${verdict}`);
}

function warnIfLoaded(when: string): void {
  const [one] = loadavg();
  if (one !== undefined && one > cpus().length)
    console.log(
      `WARNING (${when}): load average ${one.toFixed(1)} > ${cpus().length} cores: figures are noisy`,
    );
}

async function main(): Promise<void> {
  console.log(`The cost of one item: ${RUNS} runs each, node ${process.version}, ${cpus().length} cores`);
  warnIfLoaded("start");
  const emu = await startEmulator();
  const session = await connect({
    authUrl: emu.authUrl,
    apiUrl: emu.apiUrl,
    clientId: DEMO_CLIENT_ID,
    clientSecret: DEMO_CLIENT_SECRET,
    env: {},
  });
  const imports: number[] = [];
  const inProcess: number[] = []; // figure 1's import, warm in this process, ÷ the loop
  const ceilings: number[] = []; // the loop ÷ (node's own start + that warm import): figure 1 can be no better
  const creates: number[] = [];
  const cpu: number[] = [];
  const cpuRatios: number[] = [];
  const loads: number[] = [];
  const timings: string[] = []; // figures 1's and 2's two sides, so a reader sees what the ratios are made of
  try {
    const token = await demoToken(emu.authUrl);
    await sequentialLoop(emu, token, await newAlert(session, "warm-up"), 1); // the JIT is warm
    await bulkCpu(session, emu, 2); // warm-up, not counted
    timings.push(
      `figure 2's warm-up: ${(await warmCreates(session)).map((r) => `${r.toFixed(0)}/s`).join(", ")}`,
    );
    for (let run = 1; run <= RUNS; run++) {
      const salt = 10 * run;
      loads.push(loadavg()[0] ?? NaN);
      // Each run's definition holds exactly COUNT IOCs (the loop's) when the import plans against it.
      const alert = await newAlert(session, `cost ${run}`);
      const loop = await cpuOf(emu, () => sequentialLoop(emu, token, alert, salt + 1));
      const evalMs = await evalImport(emu, alert, salt + 2);
      imports.push(loop.ms / evalMs);
      const floor = await importFloor(session, salt + 5);
      inProcess.push(loop.ms / floor.inProcess);
      ceilings.push(loop.ms / (floor.nodeStart + floor.inProcess));
      timings.push(
        `run ${run}: the loop ${loop.ms.toFixed(0)} ms, --eval import ${evalMs.toFixed(0)} ms, ` +
          `the import warm in this process ${floor.inProcess.toFixed(0)} ms, node -e 0 ${floor.nodeStart.toFixed(0)} ms`,
      );
      const bulk = await bulkCpu(session, emu, salt + 3);
      cpu.push(bulk);
      cpuRatios.push(bulk / (loop.cpuMicros / COUNT));
      // One round untimed first: the imports just run leave the create path's JIT code to warm again (the first
      // round after one measured a fifth to a half slower, then it recovered), as autocannon's rate is a warm average.
      const afterImport = await createRate(session, alert, salt + 6);
      const [library, raw] = [
        await createRate(session, alert, salt + 4),
        await rawPostRate(emu, token, alert),
      ];
      creates.push(library / raw);
      timings.push(
        `run ${run}: ${CREATES} creates ${library.toFixed(0)}/s (the round before, right after the imports, ` +
          `${afterImport.toFixed(0)}/s), autocannon ${raw.toFixed(0)}/s`,
      );
    }
  } finally {
    await session.close();
    emu.child.kill();
  }
  const prompts = PROMPT_TARGETS.map(() => [] as number[]);
  await timeToPrompt(PROMPT_TARGETS[1]!); // warm the file cache once, not counted
  for (let run = 0; run < RUNS; run++)
    for (const [i, target] of PROMPT_TARGETS.entries()) prompts[i]!.push(await timeToPrompt(target));
  const bare = prompts[0]!;
  warnIfLoaded("end");
  console.log("");
  row(`1. --eval import of ${COUNT} into ${COUNT} ÷ sequential POST loop`, imports, ">= 20x", (r) => r >= 20);
  row("1i. (the same import, warm in this process, ÷ the loop)", inProcess, undefined, () => true);
  row("1c. (figure 1's ceiling: the loop ÷ (node -e 0 + 1i's import))", ceilings, undefined, () => true);
  row(
    `2. ${CREATES} creates at concurrency 8 ÷ raw POST rate (autocannon)`,
    creates,
    ">= 0.7x",
    (r) => r >= 0.7,
  );
  row("3. CPU per IOC on the bulk path, client + emulator", cpu, "<= 25 µs", (r) => r <= 25, " µs");
  row("3r. (the same ÷ the sequential loop's CPU per IOC)", cpuRatios, undefined, () => true);
  const over = (i: number): number[] => prompts[i]!.map((ms, run) => ms / bare[run]!);
  row("4a. spawn -> prompt ÷ bare node REPL", over(1), "<= 1.5x", (r) => r <= 1.5);
  row("4b. spawn -> token in hand ÷ bare node REPL", over(2), "<= 3x", (r) => r <= 3);
  for (const line of timings) console.log(`(${line})`);
  console.log(`(bare node REPL: median ${median(bare).toFixed(0)} ms)`);
  const cores = cpus().length;
  const loaded = loads.filter((l) => l > cores).length;
  console.log(`(1-minute load average at each run's start: ${loads.map((l) => l.toFixed(1)).join(", ")})`);
  if (loaded > 0) console.log(`WARNING: ${loaded} of ${RUNS} runs started with load above ${cores} cores`);
}

await main();
process.exit(0);
