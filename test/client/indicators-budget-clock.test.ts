import { describe, expect, it } from "vitest";
import { ManualClock } from "../helpers/clock.js";
import { withRateBudget, type HttpRequest } from "../../src/http/index.js";
import { indicatorBudgetRule } from "../../src/api/indicators/budget.js";

/** Lets the promises waiting on the clock run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("withRateBudget on an injected clock", () => {
  it("sends at most `limit` per window and lets the rest wait for room, in order", async () => {
    const clock = new ManualClock();
    const sentAt: number[] = [];
    const rule = () => ({ key: "k", windows: [{ limit: 2, ms: 1000 }] });
    const send = withRateBudget({ rule, clock, margin: 0, marginMs: 0 })(async () => {
      sentAt.push(clock.now());
      return { status: 200, headers: {}, data: undefined };
    });
    const calls = Array.from({ length: 5 }, () =>
      send({ method: "POST", url: "https://h/api/indicators/import" }),
    );
    for (let t = 0; t < 3; t++) {
      await settle();
      clock.advance(1000);
    }
    await Promise.all(calls);
    expect(sentAt).toEqual([0, 0, 1000, 1000, 2000]);
  });

  it("stops waiting with an AbortedError when the call is aborted", async () => {
    const clock = new ManualClock();
    const rule = () => ({ key: "k", windows: [{ limit: 1, ms: 60_000 }] });
    const send = withRateBudget({ rule, clock })(async () => ({ status: 200, headers: {}, data: undefined }));
    await send({ method: "GET", url: "https://h/api/indicators" });
    const controller = new AbortController();
    const waiting = send({ method: "GET", url: "https://h/api/indicators", signal: controller.signal });
    await settle();
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ kind: "aborted" });
  });
});

describe("the Indicators API's budget rule", () => {
  const rule = indicatorBudgetRule();
  const key = (method: string, path: string) =>
    rule({ method, url: `https://api.security.microsoft.com${path}` } as HttpRequest)?.key;

  it("names the documented endpoint of each call, per origin", () => {
    expect(key("GET", "/api/indicators")).toBe("https://api.security.microsoft.com list");
    expect(key("POST", "/api/indicators")).toBe("https://api.security.microsoft.com submit");
    expect(key("DELETE", "/api/indicators/994")).toBe("https://api.security.microsoft.com delete");
    expect(key("POST", "/api/indicators/import")).toBe("https://api.security.microsoft.com import");
    expect(key("POST", "/api/indicators/BatchDelete")).toBe("https://api.security.microsoft.com batchDelete");
    expect(key("POST", "/oauth2/v2.0/token")).toBeUndefined();
  });

  it("carries the documented limits: import 30 a minute, list 100 a minute and 1,500 an hour", () => {
    const windows = (path: string, method = "GET") =>
      rule({ method, url: `https://h${path}` } as HttpRequest)?.windows;
    expect(windows("/api/indicators/import", "POST")).toEqual([
      { limit: 30, ms: 60_000 },
      { limit: 1500, ms: 3_600_000 },
    ]);
    expect(windows("/api/indicators")).toEqual([
      { limit: 100, ms: 60_000 },
      { limit: 1500, ms: 3_600_000 },
    ]);
  });
});
