// Cost of queries on big tenants: walking every page (100 a page) of N IOCs by next links, plainly, with
// `$orderby=Value` and with `$count=true`, at 20,000 and 100,000 IOCs; and planning an import of 40,000 rows
// (half of them already held) against 100,000 IOCs with `iocs.import(file, { dryRun: true })`. Each figure is the
// median of `--runs` runs with its spread (min-max), and a ratio to the plain walk of the same size in the same run.
// The tenant is seeded through the emulator's `seed` option (not 100,000 POSTs); the emulator runs in-process.
// Then the Indicators API: a walk of `--indicators` indicators (default 15,000, the documented cap) in pages of
// 100, plainly, with `$orderby=indicatorValue` and with `$filter=action eq 'Block'` (half of them).
// Run: npx tsx bench/queries.ts [--sizes 20000,100000] [--runs 3] [--rows 40000] [--indicators 15000]
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { connect } from "../src/connect.js";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_TENANT_ID, startEmulator } from "../src/emulator/index.js";

const { values } = parseArgs({
  options: {
    sizes: { type: "string" },
    runs: { type: "string" },
    rows: { type: "string" },
    indicators: { type: "string" },
  },
});
const SIZES = (values.sizes ?? "20000,100000").split(",").map(Number);
const RUNS = Number(values.runs ?? 3);
const ROWS = Number(values.rows ?? 40_000);
const INDICATORS = Number(values.indicators ?? 15_000);
const PAGE = 100;
const dir = mkdtempSync(join(tmpdir(), "bench-queries-"));

/** The i-th seeded IOC's value: 40 hex digits, so that a plain-text import infers Sha1. */
const value = (i: number): string => i.toString(16).padStart(40, "0");

function seedFile(count: number): string {
  const iocs = Array.from({ length: count }, (_, i) => ({
    // Shuffled against Id order, so that sorting by Value has work to do.
    Type: "Sha1",
    Value: value((i * 7919) % count),
    DetectionFunction: "Equals",
  }));
  const definition = {
    Name: "bench",
    Severity: "Low",
    Title: "Bench",
    UxDescription: "bench",
    Category: "Malware",
  };
  const path = join(dir, `seed-${count}.json`);
  writeFileSync(path, JSON.stringify({ alertDefinitions: [{ ...definition, iocs }] }));
  return path;
}

async function bearer(authUrl: string, resource = "https://graph.windows.net"): Promise<string> {
  const body = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: DEMO_CLIENT_ID,
    client_secret: DEMO_CLIENT_SECRET,
    resource,
  });
  const response = await fetch(authUrl, { method: "POST", body });
  return ((await response.json()) as { access_token: string }).access_token;
}

/** Follows next links from `first` to the end; returns the IOCs seen (checked against the tenant's size). */
async function walk(first: string, token: string, headers: Record<string, string> = {}): Promise<number> {
  let seen = 0;
  for (let url: string | undefined = first; url;) {
    const response = await fetch(url, { headers: { ...headers, authorization: `Bearer ${token}` } });
    if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
    const page = (await response.json()) as { value: unknown[]; "@odata.nextLink"?: string };
    seen += page.value.length;
    url = page["@odata.nextLink"];
  }
  return seen;
}

/** Runs `body` RUNS times after one untimed warm-up; returns the times in ms. */
async function timed(body: () => Promise<void>): Promise<number[]> {
  await body();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await body();
    times.push(performance.now() - started);
  }
  return times;
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function line(label: string, times: readonly number[], baseline: number): string {
  const spread = `${Math.min(...times).toFixed(0)}-${Math.max(...times).toFixed(0)}`;
  const ratio = (median(times) / baseline).toFixed(2);
  return `  ${label.padEnd(34)} ${median(times).toFixed(0).padStart(8)} ms  (${spread.padStart(13)})  ${ratio}x plain`;
}

async function bench(size: number): Promise<void> {
  const emulator = await startEmulator({
    host: "127.0.0.1",
    port: 0,
    pageSize: PAGE,
    seed: seedFile(size),
    quotaTotal: 10_000_000,
    quotaNonEquals: 10_000_000,
  });
  try {
    const token = await bearer(emulator.authUrl);
    const list = `${emulator.url}/V1.0/IndicatorsOfCompromise`;
    const walkOf = (query: string) => async () => {
      const seen = await walk(`${list}${query}`, token);
      if (seen !== size) throw new Error(`walk ${query} saw ${seen} of ${size}`);
    };
    console.log(`${size} IOCs, pages of ${PAGE}, median of ${RUNS} runs (spread):`);
    const plain = await timed(walkOf(""));
    const base = median(plain);
    console.log(line("walk", plain, base));
    console.log(line("walk $orderby=Value", await timed(walkOf("?$orderby=Value")), base));
    console.log(line("walk $count=true", await timed(walkOf("?$count=true")), base));
    if (size >= 100_000) await plan(emulator.url, size, base);
  } finally {
    await emulator.close();
  }
}

/** Plans a dry-run import of ROWS values, every other one already held, against the seeded tenant. */
async function plan(url: string, size: number, base: number): Promise<void> {
  const file = join(dir, "feed.txt");
  const rows = Array.from({ length: ROWS }, (_, i) => value(i % 2 === 0 ? i : size + i));
  writeFileSync(file, `${rows.join("\n")}\n`);
  const session = await connect({
    authUrl: `${url}/${DEMO_TENANT_ID}/oauth2/token`,
    apiUrl: `${url}/V1.0`,
    clientId: DEMO_CLIENT_ID,
    clientSecret: DEMO_CLIENT_SECRET,
    env: {},
  });
  try {
    const times = await timed(async () => {
      const planned = await session.iocs.import(file, { alert: 1, dryRun: true });
      if (planned.counts.unchanged !== ROWS / 2)
        throw new Error(`plan found ${planned.counts.unchanged} held rows`);
    });
    console.log(line(`import plan of ${ROWS} rows (dry run)`, times, base));
  } finally {
    await session.close();
  }
}

/** Imports INDICATORS indicators (untimed, 500 a call), then times the three walks of the Indicators API list. */
async function benchIndicators(): Promise<void> {
  const emulator = await startEmulator({ host: "127.0.0.1", port: 0 });
  try {
    const token = await bearer(emulator.authUrl, "https://api.securitycenter.microsoft.com");
    const list = `${emulator.url}/api/indicators`;
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    for (let start = 0; start < INDICATORS; start += 500) {
      const Indicators = Array.from({ length: Math.min(500, INDICATORS - start) }, (_, k) => ({
        // Shuffled against id order, as for the IOCs.
        indicatorValue: value(((start + k) * 7919) % INDICATORS),
        indicatorType: "FileSha1",
        action: (start + k) % 2 === 0 ? "Block" : "Allowed",
        title: "bench",
        description: "bench",
      }));
      const response = await fetch(`${list}/import`, {
        method: "POST",
        headers,
        body: JSON.stringify({ Indicators }),
      });
      if (response.status !== 200) throw new Error(`import answered ${response.status}`);
    }
    const walkOf = (query: string, expected: number) => async () => {
      const seen = await walk(`${list}${query}`, token, { prefer: `odata.maxpagesize=${PAGE}` });
      if (seen !== expected) throw new Error(`walk ${query} saw ${seen} of ${expected}`);
    };
    console.log(`${INDICATORS} indicators, pages of ${PAGE}, median of ${RUNS} runs (spread):`);
    const plain = await timed(walkOf("", INDICATORS));
    const base = median(plain);
    console.log(line("walk", plain, base));
    console.log(
      line("walk $orderby=indicatorValue", await timed(walkOf("?$orderby=indicatorValue", INDICATORS)), base),
    );
    const block = `?$filter=${encodeURIComponent("action eq 'Block'")}`;
    console.log(
      line("walk $filter=action eq 'Block'", await timed(walkOf(block, Math.ceil(INDICATORS / 2))), base),
    );
  } finally {
    await emulator.close();
  }
}

const load = loadavg()[0] ?? 0;
console.log(`node ${process.version}, load ${load.toFixed(1)} on ${cpus().length} cores`);
if (load > cpus().length)
  console.log(`warning: load average ${load.toFixed(1)} > ${cpus().length} cores; figures are noisy`);
try {
  for (const size of SIZES) await bench(size);
  if (INDICATORS > 0) await benchIndicators();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
