import { describe, expect, it } from "vitest";
import { parseCliArgs } from "../../../src/emulator/cli-args.js";
import { startTestEmulator } from "../../helpers/emulator.js";
import { indicatorBody, indicatorCaller, sha256Of } from "./support.js";

// Scaled 60 times (a minute lasts a second, an hour a minute) on an injected clock that stands still unless moved.
// Tokens live long enough to outlast the clock's moves.
let nowMs = Date.parse("2030-01-01T00:00:00Z");
const OTHER = "00000000-0000-4000-8000-00000000b0b0";
const emulator = await startTestEmulator({
  rateLimit: "documented",
  rateLimitScale: 60,
  now: () => nowMs,
  tokenLifetimeSeconds: 86_400,
  clientRoles: { [OTHER]: ["Ti.ReadWrite"] },
});
const call = indicatorCaller(emulator);
const other = indicatorCaller(emulator, { clientId: OTHER });
const unlimited = await startTestEmulator();

async function statuses(n: number, send: () => Promise<{ status: number }>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await send()).status);
  return out;
}
const count = (list: number[], status: number) => list.filter((s) => s === status).length;

// 1,600 sequential requests: on a loaded two-core machine that can outlast the default timeout.
describe("documented rate limits (--rate-limit documented)", { timeout: 120_000 }, () => {
  it("allows 100 submits in a minute, answers the 101st 429 with Retry-After, and counts per app", async () => {
    const submit = (c = call) =>
      c("POST", "/api/indicators", {
        body: indicatorBody(c === call ? {} : { indicatorValue: "b".repeat(40) }),
      });
    const first = await statuses(101, () => submit());
    expect([count(first, 200), first[100]]).toEqual([100, 429]);
    const refused = await submit();
    expect(refused.json.error.code).toBe("TooManyRequests");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // Each endpoint and each app has its own budget.
    expect((await call("GET", "/api/indicators")).status).toBe(200);
    expect((await submit(other)).status).toBe(200);
    nowMs += 1_000; // one scaled minute
    expect((await submit()).status).toBe(200);
  });

  it("allows 30 imports a minute and 1,500 submits an hour", async () => {
    nowMs += 3_600_000;
    const importOnce = () =>
      call("POST", "/api/indicators/import", {
        body: { Indicators: [indicatorBody({ indicatorValue: "a".repeat(40) })] },
      });
    const imports = await statuses(31, importOnce);
    expect([count(imports, 200), imports[30]]).toEqual([30, 429]);
    const hourly: number[] = [];
    for (let minute = 0; minute < 16; minute++) {
      hourly.push(...(await statuses(100, () => call("POST", "/api/indicators", { body: indicatorBody() }))));
      nowMs += 1_000;
    }
    expect(count(hourly, 200)).toBe(1500);
    expect(count(hourly, 429)).toBe(100);
  });

  it("is off by default", async () => {
    const send = indicatorCaller(unlimited);
    const items = Array.from({ length: 40 }, (_, i) =>
      indicatorBody({ indicatorType: "FileSha256", indicatorValue: sha256Of(i) }),
    );
    const all = await statuses(40, () =>
      send("POST", "/api/indicators/import", { body: { Indicators: items } }),
    );
    expect(count(all, 200)).toBe(40);
  });
});

describe("the Indicators API flags", () => {
  it("reads --rate-limit documented, --rate-limit-scale, --indicator-cap and repeated --client-roles", () => {
    expect(
      parseCliArgs([
        "--rate-limit",
        "documented",
        "--rate-limit-scale",
        "60",
        "--indicator-cap",
        "20",
        "--client-roles",
        "a=Ti.ReadWrite.All",
        "--client-roles",
        "b=Ti.Read.All,Ti.ReadWrite",
        "--client-roles",
        "c=",
      ]),
    ).toEqual({
      rateLimit: "documented",
      rateLimitScale: 60,
      indicatorCap: 20,
      clientRoles: { a: ["Ti.ReadWrite.All"], b: ["Ti.Read.All", "Ti.ReadWrite"], c: [] },
    });
  });

  it("refuses an unknown role, a malformed client-roles value and a scale without documented limits", () => {
    expect(() => parseCliArgs(["--client-roles", "a=Ti.Admin"])).toThrow(
      "--client-roles: unknown role Ti.Admin (known: Ti.ReadWrite, Ti.ReadWrite.All, Ti.Read.All)",
    );
    expect(() => parseCliArgs(["--client-roles", "Ti.ReadWrite.All"])).toThrow(/takes <client-id>=<role>/);
    expect(() => parseCliArgs(["--rate-limit-scale", "60"])).toThrow(
      "--rate-limit-scale has no effect without --rate-limit documented",
    );
  });
});
