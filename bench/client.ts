// Client benchmark: list 100,000 IOCs through `for await` (peak RSS sampled as it goes, should stay flat) and
// 2,000 GETs by key at the default concurrency vs concurrency 1. The emulator runs in a child process so that
// the RSS figures are the client's own.
// Run: node --expose-gc --import tsx bench/client.ts (or npx tsx bench/client.ts)
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { connect } from "../src/connect.js";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_TENANT_ID } from "../src/emulator/index.js";
import type { Session } from "../src/api/index.js";

const TOTAL = 100_000;
const GETS = 2_000;

async function startEmulatorProcess(args: string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "src/emulator/cli.ts", "--port", "0", "--quiet", ...args],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    const match = /listening on (http:\/\/\S+)/.exec(line);
    if (match) return { url: match[1]!, child };
  }
  throw new Error("the emulator did not start");
}

function open(url: string, concurrency?: number): Promise<Session> {
  return connect({
    authUrl: `${url}/${DEMO_TENANT_ID}/oauth2/token`,
    clientId: DEMO_CLIENT_ID,
    clientSecret: DEMO_CLIENT_SECRET,
    apiUrl: `${url}/V1.0`,
    env: {},
    ...(concurrency === undefined ? {} : { concurrency }),
  });
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

async function seed(session: Session): Promise<void> {
  const alert = await session.alerts.create({
    Name: "bench",
    Severity: "Low",
    Title: "Bench",
    UxDescription: "bench",
    Category: "Malware",
  });
  const started = performance.now();
  // Built one chunk at a time so that the seed data does not inflate the client's RSS before the listing.
  for (let start = 0; start < TOTAL; start += 5000) {
    const items = Array.from({ length: 5000 }, (_, i) => ({
      Type: "Sha1" as const,
      Value: (start + i).toString(16).padStart(40, "0"),
      DetectionFunction: "Equals" as const,
      AlertDefinition: alert.Id,
    }));
    await session.iocs.bulkUpload(items);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `seeded ${TOTAL} IOCs with BulkUpload (${TOTAL / 5000} calls of 5,000) in ${seconds.toFixed(1)} s`,
  );
}

async function listAll(session: Session): Promise<void> {
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  let seen = 0;
  const started = performance.now();
  console.log(`listing 100,000 IOCs with for await (server pages of 100): RSS at start ${mb(baseline)} MB`);
  for await (const ioc of session.iocs.list()) {
    if (ioc.Id > 0) seen++;
    if (seen % 10_000 === 0) {
      const rss = process.memoryUsage().rss;
      peak = Math.max(peak, rss);
      console.log(`  ${String(seen).padStart(7)} items  RSS ${mb(rss)} MB  peak ${mb(peak)} MB`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `listed ${seen} IOCs in ${seconds.toFixed(1)} s (${Math.round(seen / seconds)} items/s); peak RSS ${mb(peak)} MB = ${(peak / baseline).toFixed(2)}x the start`,
  );
}

async function timedGets(session: Session, ids: number[]): Promise<number> {
  const started = performance.now();
  await Promise.all(ids.map((id) => session.iocs.get(id)));
  return performance.now() - started;
}

async function getsByKey(url: string, label: string): Promise<void> {
  const parallel = await open(url);
  const serial = await open(url, 1);
  const ids = (await parallel.iocs.list({ top: GETS, select: "Id", pageSize: GETS }).toArray()).map(
    (i) => i.Id,
  );
  // Alternate three rounds each and keep the best, so that warm-up (JIT, connections) favours neither side.
  let fast = Number.POSITIVE_INFINITY;
  let slow = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) {
    slow = Math.min(slow, await timedGets(serial, ids));
    fast = Math.min(fast, await timedGets(parallel, ids));
  }
  console.log(
    `${GETS} GETs by key ${label}, best of 3: concurrency ${parallel.config.concurrency} ${fast.toFixed(0)} ms ` +
      `(${Math.round(GETS / (fast / 1000))}/s) vs concurrency 1 ${slow.toFixed(0)} ms (${Math.round(GETS / (slow / 1000))}/s): ` +
      `${(slow / fast).toFixed(2)}x faster`,
  );
  await parallel.close();
  await serial.close();
}

const plain = await startEmulatorProcess(["--quota-total", String(TOTAL + 10)]);
try {
  const session = await open(plain.url);
  await seed(session);
  await listAll(session);
  await getsByKey(plain.url, "(loopback, no added latency)");
  await session.close();
} finally {
  plain.child.kill();
}

// The same GETs with 5 ms of service latency, closer to a real network where concurrency matters most.
const slow = await startEmulatorProcess(["--latency", "5", "--seed", "sample"]);
try {
  const session = await open(slow.url);
  const alert = await session.alerts.create({
    Name: "bench",
    Severity: "Low",
    Title: "Bench",
    UxDescription: "b",
    Category: "Malware",
  });
  await session.iocs.bulkUpload(
    Array.from({ length: GETS }, (_, i) => ({
      Type: "Sha1" as const,
      Value: i.toString(16).padStart(40, "0"),
      DetectionFunction: "Equals" as const,
      AlertDefinition: alert.Id,
    })),
  );
  await getsByKey(slow.url, "(5 ms service latency)");
  await session.close();
} finally {
  slow.child.kill();
}
