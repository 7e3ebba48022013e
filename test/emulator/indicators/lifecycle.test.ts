import { beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator } from "../../helpers/emulator.js";
import { resetEmulator } from "../support.js";
import { indicatorBody, indicatorCaller, sha256Of } from "./support.js";

// An injected clock: expiry is judged by the service's clock, so the tests move time instead of waiting.
let nowMs = Date.parse("2030-01-01T00:00:00Z");
const emulator = await startTestEmulator({ indicatorCap: 3, now: () => nowMs });
const call = indicatorCaller(emulator);
beforeEach(() => resetEmulator(emulator));

const item = (n: number, more: Record<string, unknown> = {}) =>
  indicatorBody({ indicatorType: "FileSha256", indicatorValue: sha256Of(n), expirationTime: null, ...more });

describe("the tenant cap", () => {
  it("refuses the submit that would pass the cap with 400 InvalidRequestBody, and still updates at the cap", async () => {
    for (const n of [1, 2, 3])
      expect((await call("POST", "/api/indicators", { body: item(n) })).status).toBe(200);
    const over = await call("POST", "/api/indicators", { body: item(4) });
    expect([over.status, over.json.error.code]).toEqual([400, "InvalidRequestBody"]);
    expect(over.json.error.message).toBe(
      "The tenant has 3 active indicators, the most allowed (increases are not supported); delete some first",
    );
    expect((await call("POST", "/api/indicators", { body: item(3, { title: "again" }) })).status).toBe(200);
  });

  it("fails only the import items past the cap, in order", async () => {
    const r = await call("POST", "/api/indicators/import", {
      body: { Indicators: [1, 2, 3, 4, 1].map((n) => item(n)) },
    });
    expect(r.json.value.map((v: any) => v.isFailed)).toEqual([false, false, false, true, false]);
    expect(r.json.value[3].failureReason).toMatch(/^The tenant has 3 active indicators/);
    expect(r.json.value[4].id).toBe("1");
  });
});

describe("expiry", () => {
  it("deletes an indicator when its expirationTime passes, to the second, so it no longer counts", async () => {
    const soon = new Date(nowMs + 10_000).toISOString();
    await call("POST", "/api/indicators/import", {
      body: { Indicators: [item(1, { expirationTime: soon }), item(2), item(3)] },
    });
    nowMs += 9_999;
    expect((await call("GET", "/api/indicators")).json.value).toHaveLength(3);
    nowMs += 1;
    expect((await call("GET", "/api/indicators")).json.value.map((i: any) => i.id)).toEqual(["2", "3"]);
    const state = (await (await fetch(`${emulator.url}/_emulator/state`)).json()) as any;
    expect(state.Indicators.map((i: any) => i.Id)).toEqual([2, 3]);
    expect((await call("POST", "/api/indicators", { body: item(4) })).status).toBe(200);
  });

  it("refuses an expirationTime that has already passed by the service's clock", async () => {
    const r = await call("POST", "/api/indicators", {
      body: item(1, { expirationTime: new Date(nowMs).toISOString() }),
    });
    expect([r.status, r.json.error.code]).toEqual([400, "InvalidRequestBody"]);
    expect(r.json.error.message).toMatch(/^expirationTime: ".*" is in the past/);
  });
});
