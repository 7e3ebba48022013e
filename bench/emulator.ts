// Capacity of the emulator: requests/s for GET by key, a filtered list over 15,000 IOCs and POST of an IOC,
// measured with autocannon against a bare node:http server answering a fixed JSON body in the same run.
// Run: npx tsx bench/emulator.ts [--duration <s>] [--connections <n>]
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import { startEmulator, type RunningEmulator } from "../src/emulator/index.js";

interface CannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
type Cannon = (options: Record<string, unknown>) => Promise<CannonResult>;
// autocannon ships no type declarations; this is the slice of its API the bench uses.
const autocannon = createRequire(import.meta.url)("autocannon") as Cannon;

const { values } = parseArgs({ options: { duration: { type: "string" }, connections: { type: "string" } } });
const durationS = Number(values.duration ?? 5);
const connections = Number(values.connections ?? 10);

const FIXED_BODY = JSON.stringify({
  "@odata.context": "http://127.0.0.1/V1.0/$metadata#IndicatorsOfCompromise/$entity",
  Id: 7500,
  Type: "IpAddress",
  Value: "10.0.29.75",
  DetectionFunction: "Equals",
  Enabled: true,
  ExpiresAt: null,
  AlertDefinitionId: 1,
  CreatedAt: "2026-01-01T00:00:00.000Z",
  CreatedBy: "6f1d2c3b-0000-4000-8000-00000000c11e",
  LastModifiedAt: null,
  LastModifiedBy: null,
});

function bareServer(): Promise<{ server: Server; url: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(FIXED_BODY);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve({
        server,
        url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`,
      });
    }),
  );
}

async function token(emulator: RunningEmulator): Promise<string> {
  const response = await fetch(emulator.authUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: emulator.clientId,
      client_secret: emulator.clientSecret,
      resource: "https://graph.windows.net",
    }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

/** 15,000 IOCs in three bulk uploads of 5,000 (the documented ceiling). */
async function fill(emulator: RunningEmulator, headers: Record<string, string>): Promise<void> {
  const definition = {
    Name: "bench",
    Severity: "Low",
    Title: "bench",
    UxDescription: "bench",
    Category: "Malware",
  };
  await fetch(`${emulator.apiUrl}/AlertDefinitions`, {
    method: "POST",
    headers,
    body: JSON.stringify(definition),
  });
  for (let batch = 0; batch < 3; batch++) {
    const iocs = Array.from({ length: 5000 }, (_, i) => ({
      Type: "IpAddress",
      Value: `10.${batch}.${Math.floor(i / 250)}.${i % 250}`,
      DetectionFunction: "Equals",
      "AlertDefinition@odata.bind": "AlertDefinitions(1)",
    }));
    const r = await fetch(`${emulator.apiUrl}/IndicatorsOfCompromise/Actions.BulkUpload`, {
      method: "POST",
      headers,
      body: JSON.stringify({ iocs }),
    });
    if (r.status !== 200) throw new Error(`bulk upload failed with ${r.status}`);
  }
}

async function measure(
  name: string,
  options: Record<string, unknown>,
): Promise<{ name: string } & CannonResult> {
  const result = await autocannon({ connections, duration: durationS, ...options });
  return { name, ...result };
}

type Measured = { name: string } & CannonResult;

async function measureEmulator(
  emulator: RunningEmulator,
  headers: Record<string, string>,
): Promise<Measured[]> {
  const filter = encodeURIComponent("startswith(Value,'10.2.1') and Enabled eq true");
  const ioc = JSON.stringify({
    Type: "Sha1",
    Value: "dead1111eeaabbccddeeaabbccddee11ffffffff",
    DetectionFunction: "Equals",
    "AlertDefinition@odata.bind": "AlertDefinitions(1)",
  });
  const api = emulator.apiUrl;
  return [
    await measure("GET IndicatorsOfCompromise(7500)", {
      url: `${api}/IndicatorsOfCompromise(7500)`,
      headers,
    }),
    await measure("GET list $filter over 15,000 IOCs", {
      url: `${api}/IndicatorsOfCompromise?$filter=${filter}`,
      headers,
    }),
    await measure("POST IndicatorsOfCompromise", {
      url: `${api}/IndicatorsOfCompromise`,
      method: "POST",
      headers,
      body: ioc,
    }),
  ];
}

function print(results: readonly Measured[]): void {
  const baseline = results[0]?.requests.average ?? 1;
  const row = (...cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(38) : c.padStart(i === 5 ? 8 : 9))).join(" ");
  console.log(`autocannon: ${connections} connections, ${durationS} s per scenario, node ${process.version}`);
  console.log(row("scenario", "req/s", "p50 ms", "p99 ms", "non2xx", "vs bare"));
  for (const r of results) {
    const ratio = (r.requests.average / baseline).toFixed(3);
    const failed = String(r.non2xx + r.errors);
    console.log(
      row(r.name, r.requests.average.toFixed(0), String(r.latency.p50), String(r.latency.p99), failed, ratio),
    );
  }
}

async function main(): Promise<void> {
  const bare = await bareServer();
  const emulator = await startEmulator({ quotaTotal: 10_000_000, quotaNonEquals: 10_000_000 });
  const headers = { authorization: `Bearer ${await token(emulator)}`, "content-type": "application/json" };
  await fill(emulator, headers);
  const baseline = await measure("bare node:http, fixed JSON", { url: bare.url });
  const results = [baseline, ...(await measureEmulator(emulator, headers))];
  await emulator.close();
  bare.server.close();
  print(results);
}

await main();
