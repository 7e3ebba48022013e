// Importing indicators through the Indicators API under its documented rate limits (unscaled), against the embedded
// emulator run with `--rate-limit documented`: `--rounds` imports of `--count` indicators (a round after the first
// re-sends the same items, which upsert), 500 per call. Prints the calls, the seconds, the 429s the client saw, the
// bound the limits allow for that many calls (the earliest schedule within 30 per minute and 1,500 per hour), and
// what a one-submit-per-indicator loop as in the docs' samples would take at 100 per minute and 1,500 per hour.
// Run: npx tsx bench/indicators.ts [--count 15000] [--rounds 1]
import { parseArgs } from "node:util";
import { connect } from "../src/connect.js";
import { startEmulator } from "../src/emulator/index.js";
import { IMPORT_BATCH_MAX, INDICATOR_RATE_LIMITS } from "../src/schema/index.js";
import { boundSeconds } from "./fixtures.js";

const { values } = parseArgs({ options: { count: { type: "string" }, rounds: { type: "string" } } });
const COUNT = Number(values.count ?? 15_000);
const ROUNDS = Number(values.rounds ?? 1);

const emulator = await startEmulator({ host: "127.0.0.1", port: 0, quiet: true, rateLimit: "documented" });
const session = await connect({
  authUrl: emulator.authUrl.replace(/\/oauth2\/token$/, "/oauth2/v2.0/token"),
  clientId: emulator.clientId,
  clientSecret: emulator.clientSecret,
  apiUrl: `${emulator.url}/api`,
  env: {},
});
const statuses: number[] = [];
session.onRequest((e) => {
  if (e.url.endsWith("/api/indicators/import")) statuses.push(e.status ?? 0);
});
const items = Array.from({ length: COUNT }, (_, i) => ({
  indicatorValue: i.toString(16).padStart(64, "0"),
  indicatorType: "FileSha256" as const,
  action: "Block" as const,
  title: `bench ${i}`,
  description: "bench/indicators.ts",
}));
const started = performance.now();
for (let round = 0; round < ROUNDS; round++) await session.indicators.import(items);
const seconds = (performance.now() - started) / 1000;
const calls = statuses.length;
const stored = await session.indicators.count();
await session.close();
await emulator.close();

const importBound = boundSeconds(Math.ceil(COUNT / IMPORT_BATCH_MAX) * ROUNDS, INDICATOR_RATE_LIMITS.import);
const submitBound = boundSeconds(COUNT * ROUNDS, INDICATOR_RATE_LIMITS.submit);
console.log(`${COUNT} indicators x ${ROUNDS} round(s): ${calls} import calls in ${seconds.toFixed(1)} s`);
console.log(`429s seen by the client: ${statuses.filter((s) => s === 429).length}; stored: ${stored}`);
console.log(`bound at 30/min and 1,500/h: the last call may start at ${importBound.toFixed(0)} s`);
console.log(
  `one submit per indicator at 100/min and 1,500/h: ${COUNT * ROUNDS} calls, the last at ` +
    `${(submitBound / 3600).toFixed(2)} h (${(submitBound / Math.max(seconds, 1)).toFixed(0)}x this run)`,
);
