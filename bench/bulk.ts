// Importing 5,000 IOCs against the emulator, three ways, in one run:
//   (a) importIocs + apply (Actions.BulkUpload chunks of 1,000), (b) the same with one POST per IOC at the
//   default concurrency (8), (c) a sequential one-request-at-a-time loop with a bearer token, as the docs'
//   PowerShell and Python samples do; and the ceiling: the emulator's raw POST capacity measured by autocannon.
// The emulator runs in a child process, so client and server do not share an event loop. Every path runs once
// untimed at full size (warm-up), then `--runs` times; the best run of each is compared (the machine may be shared).
// Run: npx tsx bench/bulk.ts [--count 5000] [--runs 3] [--duration 5]
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

interface CannonResult {
  requests: { average: number };
  non2xx: number;
}
// autocannon ships no type declarations; this is the slice of its API the bench uses.
const autocannon = createRequire(import.meta.url)("autocannon") as (
  o: Record<string, unknown>,
) => Promise<CannonResult>;

const { values } = parseArgs({
  options: { count: { type: "string" }, runs: { type: "string" }, duration: { type: "string" } },
});
const COUNT = Number(values.count ?? 5000);
const RUNS = Number(values.runs ?? 3);
const DURATION_S = Number(values.duration ?? 5);

/** What a path needs: where to write, and a fresh alert definition and value range per run. */
interface Target {
  readonly session: Session;
  readonly apiUrl: string;
  readonly bearer: string;
}
type Path = (target: Target, count: number, salt: number) => Promise<void>;

async function startEmulatorProcess(): Promise<{ child: ChildProcess; url: string }> {
  const cli = fileURLToPath(new URL("../src/emulator/cli.ts", import.meta.url));
  const quotas = ["--quota-total", "10000000", "--quota-non-equals", "10000000"];
  const child = spawn(process.execPath, ["--import", "tsx", cli, "--port", "0", "--quiet", ...quotas], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  for await (const line of createInterface({ input: child.stdout! })) {
    const match = /listening on (http:\/\/\S+)/.exec(line);
    if (match?.[1]) return { child, url: match[1] };
  }
  throw new Error("the emulator did not start");
}

const hash = (salt: number, i: number): string => (salt * 1e7 + i).toString(16).padStart(64, "0");

function csv(count: number, salt: number): string {
  return ["type,value", ...Array.from({ length: count }, (_, i) => `Sha256,${hash(salt, i)}`)].join("\n");
}

async function newAlert(session: Session, name: string): Promise<number> {
  const body = {
    Name: name,
    Severity: "Low" as const,
    Title: name,
    UxDescription: name,
    Category: "Malware",
  };
  return (await session.alerts.create(body)).Id;
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

/** Runs a path once untimed at full size (JIT and heap warm-up), then RUNS times; prints each, returns the best. */
async function measure(label: string, path: Path, target: Target, salt: number): Promise<number> {
  await path(target, COUNT, salt * 100);
  const times: number[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const started = performance.now();
    await path(target, COUNT, salt * 100 + run);
    times.push(performance.now() - started);
  }
  const best = Math.min(...times);
  const shown = times.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(", ");
  console.log(
    `${label.padEnd(48)} best ${(best / 1000).toFixed(2)} s = ${Math.round((COUNT * 1000) / best)} IOCs/s  (runs: ${shown})`,
  );
  return best;
}

async function token(authUrl: string): Promise<string> {
  const form = {
    grant_type: "client_credentials",
    client_id: DEMO_CLIENT_ID,
    client_secret: DEMO_CLIENT_SECRET,
    resource: "https://graph.windows.net",
  };
  const response = await fetch(authUrl, { method: "POST", body: new URLSearchParams(form) });
  return ((await response.json()) as { access_token: string }).access_token;
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

async function main(): Promise<void> {
  const { child, url } = await startEmulatorProcess();
  const authUrl = `${url}/${DEMO_TENANT_ID}/oauth2/token`;
  const apiUrl = `${url}/V1.0`;
  const session = await connect({
    authUrl,
    apiUrl,
    clientId: DEMO_CLIENT_ID,
    clientSecret: DEMO_CLIENT_SECRET,
  });
  try {
    const load = loadavg()[0]?.toFixed(1);
    console.log(
      `Importing ${COUNT} IOCs, best of ${RUNS} runs each (node ${process.version}, load ${load} on ${cpus().length} cores)`,
    );
    const target = { session, apiUrl, bearer: await token(authUrl) };
    const a = await measure("(a) importIocs, BulkUpload chunks of 1,000", bulkPath, target, 1);
    const b = await measure("(b) importIocs, per-item POSTs, concurrency 8", perItemPath, target, 2);
    const c = await measure("(c) sequential POST loop (the docs' samples)", sequentialPath, target, 3);
    const top = await ceiling(target);
    console.log(
      `ratios: (a)/(c) = ${(c / a).toFixed(1)}x   (b)/(c) = ${(c / b).toFixed(1)}x   (a)/(b) = ${(b / a).toFixed(1)}x`,
    );
    const perSecond = (ms: number): number => (COUNT * 1000) / ms;
    console.log(
      `(a) = ${(perSecond(a) / top).toFixed(1)}x the ceiling (IOCs/s vs single POSTs/s); (b) = ${Math.round((100 * perSecond(b)) / top)}% of it`,
    );
  } finally {
    await session.close();
    child.kill();
  }
}

await main();
