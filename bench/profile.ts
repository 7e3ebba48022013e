// Where the bulk path's CPU goes (issue 14): `ti-console --eval` imports --count IOCs from a CSV (plan + apply)
// into an emulator seeded with --count IOCs, both built (dist/) and each under `node --cpu-prof`; then prints
// the top frames by self time of each. The emulator's frames are only those sampled while the console ran
// (its seeding is left out). Profiles stay in the printed directory, for Chrome DevTools or speedscope.
// Run: npm run build && npx tsx bench/profile.ts [--count 5000] [--top 20]
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_TENANT_ID } from "../src/emulator/index.js";
import { csv, hash } from "./fixtures.js";
import { CLI } from "./prompt-time.js";
import { formatTopFrames, topFrames } from "./top-frames.js";

const { values } = parseArgs({ options: { count: { type: "string" }, top: { type: "string" } } });
const COUNT = Number(values.count ?? 5000);
const TOP = Number(values.top ?? 20);
const EMULATOR = fileURLToPath(new URL("../dist/bin/ti-emulator.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "ti-profile-"));

/** A seed file: one alert definition (Id 1) holding COUNT IOCs, the tenant the import lands in. */
function writeSeed(): string {
  const definition = {
    Name: "held",
    Severity: "Low",
    Title: "held",
    UxDescription: "held",
    Category: "Malware",
  };
  const iocs = Array.from({ length: COUNT }, (_, i) => ({
    Type: "Sha256",
    Value: hash(1, i),
    DetectionFunction: "Equals",
    Enabled: true,
  }));
  const file = join(dir, "seed.json");
  writeFileSync(file, JSON.stringify({ alertDefinitions: [{ ...definition, iocs }] }));
  return file;
}

function profiled(name: string): string[] {
  const out = join(dir, name);
  mkdirSync(out);
  return ["--cpu-prof", "--cpu-prof-dir", out];
}

async function startEmulator(seed: string): Promise<{ child: ChildProcess; url: string }> {
  const quotas = ["--quota-total", "10000000", "--quota-non-equals", "10000000"];
  const args = [...profiled("emulator"), EMULATOR, "--port", "0", "--quiet", "--seed", seed, ...quotas];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  for await (const line of createInterface({ input: child.stdout! })) {
    const url = /listening on (http:\/\/\S+)/.exec(line)?.[1];
    if (url) return { child, url };
  }
  throw new Error("the emulator did not start");
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on("exit", (status) => resolve(status)));
}

/** The µs of process.hrtime, the clock of a .cpuprofile's timestamps on Linux. */
const nowUs = (): number => Number(process.hrtime.bigint() / 1000n);

async function main(): Promise<void> {
  const [load] = loadavg();
  console.log(`profile: ${COUNT} IOCs into ${COUNT}, node ${process.version}, load ${load?.toFixed(1)}`);
  if (load !== undefined && load > cpus().length) console.log(`WARNING: load above ${cpus().length} cores`);
  const emulator = await startEmulator(writeSeed());
  const feed = join(dir, "feed.csv");
  writeFileSync(feed, csv(COUNT, 2));
  const code = `(await (await iocs.import(${JSON.stringify(feed)}, { alert: 1 })).apply({ confirm: true })).created`;
  const env = {
    ...process.env,
    TI_CLIENT_ID: DEMO_CLIENT_ID,
    TI_CLIENT_SECRET: DEMO_CLIENT_SECRET,
    TI_AUTH_URL: `${emulator.url}/${DEMO_TENANT_ID}/oauth2/token`,
    TI_API_URL: `${emulator.url}/V1.0`,
  };
  const from = nowUs();
  const client = spawn(process.execPath, [...profiled("client"), CLI, "--norc", "--eval", code], {
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  client.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const status = await exited(client);
  const to = nowUs();
  emulator.child.kill("SIGTERM"); // it exits by itself on SIGTERM, so --cpu-prof writes its profile
  await exited(emulator.child);
  if (status !== 0 || !out.includes(String(COUNT))) throw new Error(`ti-console exited ${status}: ${out}`);
  console.log(`console ran ${((to - from) / 1000).toFixed(0)} ms wall; profiles in ${dir}\n`);
  const file = (name: string): string => join(dir, name, readdirSync(join(dir, name))[0]!);
  console.log(formatTopFrames("client (ti-console --eval)", topFrames(file("client")), TOP).join("\n"));
  console.log("");
  const emulatorTop = topFrames(file("emulator"), { from, to });
  console.log(formatTopFrames("emulator (while the console ran)", emulatorTop, TOP).join("\n"));
}

await main();
