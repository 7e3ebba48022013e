// Importing 5,000 IOCs against the emulator, three ways, in one run:
//   (a) importIocs + apply (Actions.BulkUpload chunks of 1,000), (b) the same with one POST per IOC at the
//   default concurrency (8), (c) a sequential one-request-at-a-time loop with a bearer token, as the docs'
//   PowerShell and Python samples do; and the ceiling: the emulator's raw POST capacity measured by autocannon.
// The emulator runs in a child process, so client and server do not share an event loop. Every path runs once
// untimed at full size (warm-up), then `--runs` times; the best run of each is compared (the machine may be shared).
// These loopback figures are the headline. Then the same three paths against an emulator adding `--latency` ms to
// every response, closer to a real network: warmed up on 500 IOCs, then timed at full size, (c) only
// `--latency-runs` times (it pays the latency 5,000 times, so one run takes half a minute).
// Run: npx tsx bench/bulk.ts [--count 5000] [--runs 3] [--duration 5] [--latency 5] [--latency-runs 1]
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { cpus, loadavg } from "node:os";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { Session } from "../src/api/index.js";
import { importIocs } from "../src/bulk/index.js";
import { connect } from "../src/connect.js";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_TENANT_ID } from "../src/emulator/index.js";
import { csv, demoToken, hash, newAlert } from "./fixtures.js";

interface CannonResult {
  requests: { average: number };
  non2xx: number;
}
// autocannon ships no type declarations; this is the slice of its API the bench uses.
const autocannon = createRequire(import.meta.url)("autocannon") as (
  o: Record<string, unknown>,
) => Promise<CannonResult>;

const { values } = parseArgs({
  options: {
    count: { type: "string" },
    runs: { type: "string" },
    duration: { type: "string" },
    latency: { type: "string" },
    "latency-runs": { type: "string" },
  },
});
const COUNT = Number(values.count ?? 5000);
const RUNS = Number(values.runs ?? 3);
const DURATION_S = Number(values.duration ?? 5);
const LATENCY_MS = Number(values.latency ?? 5);
const LATENCY_RUNS = Number(values["latency-runs"] ?? 1);
const LATENCY_WARM_UP = Math.min(COUNT, 500);

/** What a path needs: where to write, and a fresh alert definition and value range per run. */
interface Target {
  readonly session: Session;
  readonly apiUrl: string;
  readonly bearer: string;
}
type Path = (target: Target, count: number, salt: number) => Promise<void>;

async function startEmulatorProcess(
  extra: readonly string[] = [],
): Promise<{ child: ChildProcess; url: string }> {
  const cli = fileURLToPath(new URL("../src/emulator/cli.ts", import.meta.url));
  const quotas = ["--quota-total", "10000000", "--quota-non-equals", "10000000"];
  const args = ["--import", "tsx", cli, "--port", "0", "--quiet", ...quotas, ...extra];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  for await (const line of createInterface({ input: child.stdout! })) {
    const match = /listening on (http:\/\/\S+)/.exec(line);
    if (match?.[1]) return { child, url: match[1] };
  }
  throw new Error("the emulator did not start");
}

const bulkPath: Path = async ({ session }, count, salt) => {
  const plan = await importIocs(session, csv(count, salt), { alert: await newAlert(session, `a ${salt}`) });
  const result = await plan.apply({ confirm: true });
  if (result.created !== count) throw new Error(`(a) created ${result.created} of ${count}`);
};

const perItemPath: Path = async ({ session }, count, salt) => {
  const plan = await importIocs(session, csv(count, salt), { alert: await newAlert(session, `b ${salt}`) });
  const result = await plan.apply({ confirm: true, strategy: "per-item" });
  if (result.created !== count) throw new Error(`(b) created ${result.created} of ${count}`);
};

/** (c): what the docs' PowerShell and Python samples do, one POST after another with a fixed token. */
const sequentialPath: Path = async ({ session, apiUrl, bearer }, count, salt) => {
  const bind = `AlertDefinitions(${await newAlert(session, `c ${salt}`)})`;
  const headers = {
    authorization: `Bearer ${bearer}`,
    "content-type": "application/json",
    accept: "application/json",
  };
  for (let i = 0; i < count; i++) {
    const ioc = { Type: "Sha256", Value: hash(salt, i), DetectionFunction: "Equals", Enabled: true };
    const body = JSON.stringify({ ...ioc, "AlertDefinition@odata.bind": bind });
    const response = await fetch(`${apiUrl}/IndicatorsOfCompromise`, { method: "POST", headers, body });
    if (response.status !== 201) throw new Error(`POST failed with ${response.status}`);
    await response.arrayBuffer();
  }
};

/** How a scenario measures: timed runs per path ((c) may get fewer), and the size of the untimed warm-up run. */
interface Schedule {
  readonly runs: number;
  readonly sequentialRuns: number;
  readonly warmUp: number;
}

/** Runs a path once untimed (JIT and heap warm-up), then `runs` times at full size; prints each, returns the best. */
async function measure(
  label: string,
  path: Path,
  target: Target,
  salt: number,
  { runs, warmUp }: { runs: number; warmUp: number },
): Promise<number> {
  await path(target, warmUp, salt * 100);
  const times: number[] = [];
  for (let run = 1; run <= runs; run++) {
    const started = performance.now();
    await path(target, COUNT, salt * 100 + run);
    times.push(performance.now() - started);
  }
  const best = Math.min(...times);
  const shown = times.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(", ");
  console.log(
    `${label.padEnd(56)} best ${(best / 1000).toFixed(2)} s = ${Math.round((COUNT * 1000) / best)} IOCs/s  (runs: ${shown})`,
  );
  return best;
}

async function ceiling({ session, apiUrl, bearer }: Target): Promise<number> {
  const bind = `AlertDefinitions(${await newAlert(session, "ceiling")})`;
  const body = JSON.stringify({
    Type: "Md5",
    Value: "d41d8cd98f00b204e9800998ecf8427e",
    DetectionFunction: "Equals",
    "AlertDefinition@odata.bind": bind,
  });
  const headers = { authorization: `Bearer ${bearer}`, "content-type": "application/json" };
  const url = `${apiUrl}/IndicatorsOfCompromise`;
  const result = await autocannon({
    url,
    method: "POST",
    connections: 8,
    duration: DURATION_S,
    headers,
    body,
  });
  console.log(
    `ceiling: raw POST capacity of the emulator (autocannon, 8 connections, ${DURATION_S} s): ${Math.round(result.requests.average)} req/s, non-2xx ${result.non2xx}`,
  );
  return result.requests.average;
}

/** Starts an emulator child with `extra` flags, hands `body` a connected target, and stops both afterwards. */
async function withEmulator(
  extra: readonly string[],
  body: (target: Target) => Promise<void>,
): Promise<void> {
  const { child, url } = await startEmulatorProcess(extra);
  const authUrl = `${url}/${DEMO_TENANT_ID}/oauth2/token`;
  const apiUrl = `${url}/V1.0`;
  const session = await connect({
    authUrl,
    apiUrl,
    clientId: DEMO_CLIENT_ID,
    clientSecret: DEMO_CLIENT_SECRET,
  });
  try {
    await body({ session, apiUrl, bearer: await demoToken(authUrl) });
  } finally {
    await session.close();
    child.kill();
  }
}

/** Measures (a), (b) and (c) on one emulator, `tag` naming the scenario in their lines; returns the best times. */
async function threePaths(target: Target, schedule: Schedule, tag = ""): Promise<[number, number, number]> {
  const a = await measure(`(a) importIocs, BulkUpload chunks of 1,000${tag}`, bulkPath, target, 1, schedule);
  const b = await measure(
    `(b) importIocs, per-item POSTs, concurrency 8${tag}`,
    perItemPath,
    target,
    2,
    schedule,
  );
  const c = await measure(`(c) sequential POST loop (the docs' samples)${tag}`, sequentialPath, target, 3, {
    ...schedule,
    runs: schedule.sequentialRuns,
  });
  return [a, b, c];
}

function ratios(label: string, [a, b, c]: readonly [number, number, number]): string {
  const x = (slow: number, fast: number): string => `${(slow / fast).toFixed(1)}x`;
  return `${label}: (a)/(c) = ${x(c, a)}   (b)/(c) = ${x(c, b)}   (a)/(b) = ${x(b, a)}`;
}

async function main(): Promise<void> {
  const load = loadavg()[0]?.toFixed(1);
  console.log(
    `Importing ${COUNT} IOCs, best of ${RUNS} runs each (node ${process.version}, load ${load} on ${cpus().length} cores)`,
  );
  await withEmulator([], async (target) => {
    const [a, b, c] = await threePaths(target, { runs: RUNS, sequentialRuns: RUNS, warmUp: COUNT });
    const top = await ceiling(target);
    console.log(ratios("ratios", [a, b, c]));
    const perSecond = (ms: number): number => (COUNT * 1000) / ms;
    console.log(
      `(a) = ${(perSecond(a) / top).toFixed(1)}x the ceiling (IOCs/s vs single POSTs/s); (b) = ${Math.round((100 * perSecond(b)) / top)}% of it`,
    );
  });
  console.log(
    `\nWith ${LATENCY_MS} ms service latency (emulator --latency ${LATENCY_MS}), best of ${RUNS} runs, (c) of ${LATENCY_RUNS}:`,
  );
  await withEmulator(["--latency", String(LATENCY_MS)], async (target) => {
    const schedule = { runs: RUNS, sequentialRuns: LATENCY_RUNS, warmUp: LATENCY_WARM_UP };
    const times = await threePaths(target, schedule, `, ${LATENCY_MS} ms`);
    console.log(ratios(`ratios with ${LATENCY_MS} ms latency`, times));
  });
}

await main();
