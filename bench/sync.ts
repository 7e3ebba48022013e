// A feed sync through the Indicators API under its documented rate limits (unscaled), against the emulator run
// with `--rate-limit documented`: a 12,000-row feed into a tenant of 5,000 indicators, 3,000 of them owned by
// the feed (half still in it, 300 of those changed) and 2,000 of other owners, as in test/bulk/sync.test.ts.
// The tenant is seeded on an unlimited emulator and the limited one reopens its state file, so the sync starts
// with empty windows. Prints the calls per endpoint, the seconds, the 429s the client saw, the bound the limits
// allow for those calls (each endpoint's earliest schedule within its windows; the endpoints' budgets are apart),
// and the second sync of the same feed, which must write nothing. Run: npx tsx bench/sync.ts
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { connect } from "../src/connect.js";
import { startEmulator, type RunningEmulator } from "../src/emulator/index.js";
import { INDICATOR_RATE_LIMITS, type IndicatorEndpoint } from "../src/schema/index.js";
import { boundSeconds, hash } from "./fixtures.js";

const OWNER = "Bench feed";
const range = <T>(n: number, of: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => of(i));
const owned = range(3000, (i) => hash(1, i));
const others = range(2000, (i) => hash(2, i));
const kept = owned.slice(0, 1500).map((value, i) => ({ value, severity: i < 300 ? "High" : "Low" }));
const fresh = range(10_500, (i) => ({ value: hash(3, i), severity: "Medium" }));
const defaults = { title: OWNER, description: "bench/sync.ts" };

const sessionOn = (emulator: RunningEmulator) =>
  connect({
    authUrl: emulator.authUrl.replace(/\/oauth2\/token$/, "/oauth2/v2.0/token"),
    clientId: emulator.clientId,
    clientSecret: emulator.clientSecret,
    apiUrl: `${emulator.url}/api`,
    env: {},
  });

/** The rate-limited endpoint of a request, as the budget counts it. */
function endpointOf(method: string, url: string): IndicatorEndpoint {
  const path = new URL(url).pathname;
  if (path.endsWith("/import")) return "import";
  if (path.endsWith("/BatchDelete")) return "batchDelete";
  if (/\/indicators\/[^/]+$/.test(path)) return "delete";
  return method === "GET" ? "list" : "submit";
}

const dir = await mkdtemp(join(tmpdir(), "bench-sync-"));
const statePath = join(dir, "state.jsonl");
const seeding = await startEmulator({ host: "127.0.0.1", port: 0, quiet: true, statePath });
const seeder = await sessionOn(seeding);
const item = (value: string, application: string) => ({
  ...{ indicatorValue: value, indicatorType: "FileSha256" as const, action: "Block" as const },
  ...{ title: application, description: defaults.description, severity: "Low" as const, application },
});
await seeder.indicators.import([
  ...owned.map((v) => item(v, OWNER)),
  ...others.map((v) => item(v, "Other feed")),
]);
await seeder.close();
await seeding.close();

const emulator = await startEmulator({
  ...{ host: "127.0.0.1", port: 0, quiet: true, statePath },
  rateLimit: "documented",
});
const session = await sessionOn(emulator);
const calls: { endpoint: IndicatorEndpoint; status: number }[] = [];
session.onRequest((e) => {
  if (e.url.includes("/api/indicators"))
    calls.push({ endpoint: endpointOf(e.method, e.url), status: e.status ?? 0 });
});
const feed = join(dir, "feed.csv");
const rows = [...kept, ...fresh].map((r) => `FileSha256,${r.value},Block,${r.severity}`);
await writeFile(feed, ["IndicatorType,IndicatorValue,Action,Severity", ...rows].join("\n") + "\n");

const started = performance.now();
const plan = await session.indicators.sync(feed, { owner: OWNER, ...defaults });
const result = await plan.apply({ confirm: true });
const seconds = (performance.now() - started) / 1000;
const first = calls.splice(0);
const stored = await session.indicators.list({ pageSize: 10_000 }).toArray();
calls.splice(0);

const again = await session.indicators.sync(feed, { owner: OWNER, ...defaults });
const second = await again.apply({ confirm: true });
const secondWrites = calls.filter((c) => c.endpoint !== "list").length;
await session.close();
await emulator.close();
await rm(dir, { recursive: true, force: true });

const count = (endpoint: IndicatorEndpoint) => first.filter((c) => c.endpoint === endpoint).length;
const bound = Math.max(
  ...(["list", "import", "batchDelete"] as const).map((e) =>
    boundSeconds(count(e), INDICATOR_RATE_LIMITS[e]),
  ),
);
const mine = stored.filter((i) => i.application === OWNER).length;
const { created, updated, deleted, unchanged, failed } = result;
console.log(
  `sync of ${rows.length} rows into a tenant of 5000 (3000 owned): ` +
    `${created} created, ${updated} updated, ${deleted} deleted, ${unchanged} unchanged, ${failed} failed`,
);
console.log(
  `calls: ${count("list")} list, ${count("import")} import, ${count("batchDelete")} BatchDelete ` +
    `(plan: ${plan.calls.import} import, ${plan.calls.batchDelete} BatchDelete) in ${seconds.toFixed(1)} s`,
);
console.log(`429s seen by the client: ${first.filter((c) => c.status === 429).length}`);
console.log(`bound at the documented limits: the last call may start at ${bound.toFixed(0)} s`);
console.log(`stored: ${mine} owned by the feed, ${stored.length - mine} of other owners`);
console.log(
  `second sync: ${again.counts.create} to create, ${again.counts.update} to update, ` +
    `${again.counts.delete} to delete, ${second.unchanged} unchanged; write requests: ${secondWrites}`,
);
console.log(
  `load average (1, 5, 15 min): ${loadavg()
    .map((l) => l.toFixed(2))
    .join(", ")}`,
);
