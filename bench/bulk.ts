// Importing 5,000 IOCs against the emulator, four ways, in one run:
//   (a) importIocs + apply (Actions.BulkUpload chunks), (b) the same plan with one POST per IOC at the default
//   concurrency, (c) a sequential one-request-at-a-time loop with a bearer token, as the docs' samples do,
//   and the ceiling: the emulator's raw POST capacity measured by autocannon.
// The emulator runs in a child process, so client and server do not share an event loop.
// Run: npx tsx bench/bulk.ts [--count 5000] [--duration 5]
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { cpus, loadavg } from "node:os";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { importIocs } from "../src/bulk/index.js";
import { connect } from "../src/connect.js";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_TENANT_ID } from "../src/emulator/index.js";
import type { Session } from "../src/api/index.js";

interface CannonResult {
  requests: { average: number };
  non2xx: number;
}
// autocannon ships no type declarations; this is the slice of its API the bench uses.
const autocannon = createRequire(import.meta.url)("autocannon") as (
  o: Record<string, unknown>,
) => Promise<CannonResult>;

const { values } = parseArgs({ options: { count: { type: "string" }, duration: { type: "string" } } });
const COUNT = Number(values.count ?? 5000);
const DURATION_S = Number(values.duration ?? 5);

async function startEmulatorProcess(): Promise<{ child: ChildProcess; url: string }> {
  const cli = fileURLToPath(new URL("../src/emulator/cli.ts", import.meta.url));
  const args = [
    "--import",
    "tsx",
    cli,
    "--port",
    "0",
    "--quiet",
    "--quota-total",
    "10000000",
    "--quota-non-equals",
    "10000000",
  ];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  for await (const line of createInterface({ input: child.stdout! })) {
    const match = /listening on (http:\/\/\S+)/.exec(line);
    if (match?.[1]) return { child, url: match[1] };
  }
  throw new Error("the emulator did not start");
}

function rows(count: number, salt: number): string {
  const lines = ["type,value"];
  for (let i = 0; i < count; i++) lines.push(`Sha256,${(salt * 1e7 + i).toString(16).padStart(64, "0")}`);
  return lines.join("\n");
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

async function timed(
  label: string,
  run: () => Promise<number>,
): Promise<{ label: string; ms: number; n: number }> {
  const started = performance.now();
  const n = await run();
  const ms = performance.now() - started;
  console.log(
    `${label.padEnd(46)} ${n} IOCs in ${(ms / 1000).toFixed(2)} s = ${Math.round((n * 1000) / ms)} IOCs/s`,
  );
  return { label, ms, n };
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

/** (c): what the docs' PowerShell and Python samples do, one POST after another. */
async function sequentialLoop(
  apiUrl: string,
  bearer: string,
  alert: number,
  count: number,
  salt = 3e7,
): Promise<number> {
  const headers = {
    authorization: `Bearer ${bearer}`,
    "content-type": "application/json",
    accept: "application/json",
  };
  for (let i = 0; i < count; i++) {
    const body = {
      Type: "Sha256",
      Value: (salt + i).toString(16).padStart(64, "0"),
      DetectionFunction: "Equals",
      Enabled: true,
      "AlertDefinition@odata.bind": `AlertDefinitions(${alert})`,
    };
    const response = await fetch(`${apiUrl}/IndicatorsOfCompromise`, {
      method: "POST",
      headers,
      body: JSON.stringify(body),
    });
    if (response.status !== 201) throw new Error(`POST failed with ${response.status}`);
    await response.arrayBuffer();
  }
  return count;
}

/** Runs every path untimed first (2,000-IOC bulk imports twice), so that no figure includes JIT warm-up. */
async function warmUp(session: Session, apiUrl: string, authUrl: string): Promise<void> {
  const rounds = [
    ["bulk", 2000, 7],
    ["bulk", 2000, 8],
    ["per-item", 500, 9],
  ] as const;
  for (const [strategy, count, salt] of rounds) {
    const plan = await importIocs(session, rows(count, salt), {
      alert: await newAlert(session, `warm-up ${salt}`),
    });
    await plan.apply({ confirm: true, strategy });
  }
  await sequentialLoop(apiUrl, await token(authUrl), await newAlert(session, "warm-up loop"), 500, 8e7);
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
      `Importing ${COUNT} IOCs into the emulator at ${url} (node ${process.version}, load ${load} on ${cpus().length} cores)`,
    );
    await warmUp(session, apiUrl, authUrl);
    const alertA = await newAlert(session, "bench a");
    let planMs = 0;
    const a = await timed("(a) importIocs, BulkUpload chunks of 1,000", async () => {
      const started = performance.now();
      const plan = await importIocs(session, rows(COUNT, 1), { alert: alertA });
      planMs = performance.now() - started;
      return (await plan.apply({ confirm: true })).created;
    });
    console.log(`    of which planning (read, validate, look up): ${planMs.toFixed(0)} ms`);
    const b = await timed("(b) importIocs, per-item POSTs, concurrency 8", async () => {
      const plan = await importIocs(session, rows(COUNT, 2), { alert: await newAlert(session, "bench b") });
      return (await plan.apply({ confirm: true, strategy: "per-item" })).created;
    });
    const bearer = await token(authUrl);
    const alertC = await newAlert(session, "bench c");
    const c = await timed("(c) sequential POST loop (the docs' samples)", () =>
      sequentialLoop(apiUrl, bearer, alertC, COUNT),
    );
    const body = JSON.stringify({
      Type: "Md5",
      Value: "d41d8cd98f00b204e9800998ecf8427e",
      DetectionFunction: "Equals",
      "AlertDefinition@odata.bind": `AlertDefinitions(${alertC})`,
    });
    const cannon = await autocannon({
      url: `${apiUrl}/IndicatorsOfCompromise`,
      method: "POST",
      connections: 8,
      duration: DURATION_S,
      headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
      body,
    });
    console.log(
      `ceiling: emulator raw POST capacity (autocannon, 8 connections, ${DURATION_S} s): ${Math.round(cannon.requests.average)} req/s (non-2xx: ${cannon.non2xx})`,
    );
    const rate = (r: { ms: number; n: number }): number => (r.n * 1000) / r.ms;
    console.log(
      `ratios: (a)/(c) = ${(c.ms / a.ms).toFixed(1)}x   (b)/(c) = ${(c.ms / b.ms).toFixed(1)}x   (a)/(b) = ${(b.ms / a.ms).toFixed(1)}x`,
    );
    console.log(
      `(a) moves ${(rate(a) / cannon.requests.average).toFixed(1)} IOCs per raw single POST the emulator can take; (b) reaches ${Math.round((100 * rate(b)) / cannon.requests.average)}% of the POST ceiling`,
    );
  } finally {
    await session.close();
    child.kill();
  }
}

await main();
