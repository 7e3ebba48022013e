import { describe, expect, it } from "vitest";
import { startTestEmulator, fetchTestToken } from "../helpers/emulator.js";
import { caller, definitionBody, JSON_TYPE } from "./support.js";

const faulty = await startTestEmulator({ faults: "503:30%,429/7:20%", faultSeed: 7 });
const twin = await startTestEmulator({ faults: "503:30%,429/7:20%", faultSeed: 7 });
const limited = await startTestEmulator({ rateLimit: { perMinute: 3 } });
const slow = await startTestEmulator({ latency: "30±10", seed: "sample" });

async function putFaults(url: string, rules: string): Promise<Response> {
  return fetch(`${url}/_emulator/faults`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ rules }),
  });
}

async function statuses(emulator: typeof faulty, n: number): Promise<number[]> {
  const call = caller(emulator);
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await call("GET", "/V1.0/AlertDefinitions")).status);
  return out;
}

describe("fault injection", () => {
  it("injects the same faults for the same seed, with OData bodies and Retry-After", async () => {
    const a = await statuses(faulty, 40);
    expect(a).toEqual(await statuses(twin, 40));
    expect(a).toContain(503);
    expect(a).toContain(429);
    expect(a).toContain(200);
    const call = caller(faulty);
    await putFaults(faulty.url, "429/7:100%x1");
    const r = await call("GET", "/V1.0/AlertDefinitions");
    expect([r.status, r.headers.get("retry-after"), r.json.error.code]).toEqual([
      429,
      "7",
      "TooManyRequests",
    ]);
    expect((await call("GET", "/V1.0/AlertDefinitions")).status).toBe(200);
    // Retry-After: 0, for tests that need the retry path and not the wait.
    await putFaults(faulty.url, "429/0:100%x1");
    const now = await call("GET", "/V1.0/AlertDefinitions");
    expect([now.status, now.headers.get("retry-after")]).toEqual([429, "0"]);
  });

  it("leaves the token endpoint alone unless a rule names it", async () => {
    await putFaults(faulty.url, "503:100%");
    await expect(fetchTestToken(faulty)).resolves.toMatch(/\./);
    await putFaults(faulty.url, "503:100%x1@token");
    await expect(fetchTestToken(faulty)).rejects.toThrow(/503/);
    await expect(fetchTestToken(faulty)).resolves.toMatch(/\./);
    await putFaults(faulty.url, "");
  });

  it("resets connections and hangs on request", async () => {
    const call = caller(faulty);
    await call("GET", "/V1.0/"); // fetch the token before the rules apply to every request
    await putFaults(faulty.url, "reset:100%x1,hang:0%");
    await expect(call("GET", "/V1.0/AlertDefinitions")).rejects.toThrow();
    await putFaults(faulty.url, "hang:100%x1");
    await expect(
      call("GET", "/V1.0/AlertDefinitions", { signal: AbortSignal.timeout(300) }),
    ).rejects.toThrow();
    expect((await call("GET", "/V1.0/AlertDefinitions")).status).toBe(200);
  });

  it("shows and validates rules at run time through /_emulator/faults", async () => {
    const bad = await putFaults(faulty.url, "503:200%");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.message).toMatch(/percent must be at most 100/);
    await putFaults(faulty.url, "500:1.5%@all");
    const shown = (await (await fetch(`${faulty.url}/_emulator/faults`)).json()) as any;
    expect(shown).toEqual({ rules: "500:1.5%@all", faultSeed: 7 });
    const stats = (await (await fetch(`${faulty.url}/_emulator/stats`)).json()) as any;
    expect(stats.faultsInjected).toBeGreaterThan(0);
    await putFaults(faulty.url, "");
  });
});

describe("rate limits", () => {
  it("answers 429 TooManyRequests with Retry-After once the per-minute limit is used", async () => {
    const call = caller(limited);
    const seen = [];
    for (let i = 0; i < 4; i++) seen.push(await call("GET", "/V1.0/AlertDefinitions"));
    expect(seen.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    const last = seen[3]!;
    expect(last.json.error.code).toBe("TooManyRequests");
    expect(Number(last.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(last.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    await fetch(`${limited.url}/_emulator/reset`, { method: "POST", headers: JSON_TYPE });
    expect((await call("GET", "/V1.0/AlertDefinitions")).status).toBe(200);
  });
});

describe("latency, seed, state and reset", () => {
  it("serves the sample seed through added latency", async () => {
    const r = await caller(slow)("GET", "/V1.0/IndicatorsOfCompromise?$count=true");
    expect(r.json["@odata.count"]).toBe(6);
  });

  it("dumps the state and reloads the seed on reset", async () => {
    const call = caller(slow);
    await call("POST", "/V1.0/AlertDefinitions", { body: definitionBody() });
    const dump = (await (await fetch(`${slow.url}/_emulator/state`)).json()) as any;
    expect(dump.AlertDefinitions).toHaveLength(4);
    const reset = await fetch(`${slow.url}/_emulator/reset`, { method: "POST", headers: JSON_TYPE });
    expect(((await reset.json()) as any).entities).toEqual({
      AlertDefinitions: 3,
      IndicatorsOfCompromise: 6,
      Indicators: 10,
    });
    const empty = await fetch(`${slow.url}/_emulator/reset`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ seed: false, tokens: true }),
    });
    expect(await empty.json()).toEqual({
      reset: true,
      tokensRevoked: true,
      entities: { AlertDefinitions: 0, IndicatorsOfCompromise: 0, Indicators: 0 },
    });
  });

  it("changes the latency at run time through PUT /_emulator/latency, validating the body", async () => {
    const put = (body: unknown, type = "application/json") =>
      fetch(`${faulty.url}/_emulator/latency`, {
        method: "PUT",
        headers: { "content-type": type },
        body: JSON.stringify(body),
      });
    const call = caller(faulty);
    await putFaults(faulty.url, "");
    // The token first: the latency delays the token endpoint too.
    expect((await call("GET", "/V1.0/AlertDefinitions")).status).toBe(200);
    expect((await put({ ms: 5000 }, "text/plain")).status).toBe(415);
    const bad = await put({ ms: -5 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.message).toMatch(/"ms": <0-999999>.*got \{"ms":-5\}/);
    expect((await put({ ms: 10, jitterMs: 20 })).status).toBe(400);
    expect(await (await put({ ms: 600_000 })).json()).toEqual({ ms: 600_000, jitterMs: 0 });
    expect(await (await fetch(`${faulty.url}/_emulator/latency`)).json()).toEqual({
      ms: 600_000,
      jitterMs: 0,
    });
    // Ten minutes of delay: the call cannot answer within its 300 ms.
    await expect(
      call("GET", "/V1.0/AlertDefinitions", { signal: AbortSignal.timeout(300) }),
    ).rejects.toThrow();
    await put({ ms: 0 });
    expect((await call("GET", "/V1.0/AlertDefinitions")).status).toBe(200);
  });

  it("answers unknown admin paths and verbs in the OData error shape", async () => {
    expect((await fetch(`${slow.url}/_emulator/nope`)).status).toBe(404);
    const r = await fetch(`${slow.url}/_emulator/stats`, { method: "DELETE" });
    expect([r.status, r.headers.get("allow")]).toEqual([405, "GET"]);
  });
});
