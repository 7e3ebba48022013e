import { describe, expect, it } from "vitest";
import {
  createPauseGate,
  normalizeRetryPolicy,
  withRetry,
  withConcurrencyLimit,
  withOriginPause,
  type HttpRequest,
  type HttpResponse,
  type Send,
} from "../../src/http/index.js";
import { AbortedError, NetworkError } from "../../src/errors/index.js";
import { requestTarget } from "../../src/http/url.js";
import { ManualClock } from "../helpers/clock.js";

const ok: HttpResponse = { status: 200, headers: {}, data: undefined };
const get = (url = "https://ti.example.com/V1.0/AlertDefinitions"): HttpRequest => ({ method: "GET", url });

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("origin pause gate", () => {
  it("holds every request to an origin after a 429, for the Retry-After time by the injected clock", async () => {
    const clock = new ManualClock();
    const gate = createPauseGate(clock);
    const sent: string[] = [];
    const next: Send = async (req) => {
      sent.push(req.url);
      return req.url.includes("first")
        ? { status: 429, headers: { "retry-after": "2" }, data: undefined }
        : ok;
    };
    const send = withOriginPause({ gate, maxPauseMs: 60_000 })(next);
    await send(get("https://ti.example.com/first"));
    let released = false;
    const held = send(get("https://ti.example.com/second")).then(() => (released = true));
    await new Promise((r) => setImmediate(r));
    // The held request waits on the clock, not on a timer: moving the clock is what releases it.
    expect(clock.sleeping).toBe(1);
    expect(released).toBe(false);
    expect(sent).toEqual(["https://ti.example.com/first"]);
    // Another origin is not paused.
    await send(get("https://other.example.com/x"));
    clock.set(1999);
    await new Promise((r) => setImmediate(r));
    expect(released).toBe(false);
    clock.set(2000);
    await held;
    expect(sent).toContain("https://ti.example.com/second");
  });

  it("counts the time origins were held, overlapping pauses once and only the part already past", () => {
    const clock = new ManualClock();
    const gate = createPauseGate(clock);
    gate.pause("https://a", 2000);
    clock.set(500);
    gate.pause("https://a", 1000); // ends before the current pause: adds nothing
    expect(gate.pausedMs()).toBe(500);
    clock.set(3000);
    gate.pause("https://a", 1000);
    expect(gate.pausedMs()).toBe(2000);
    clock.set(10_000);
    expect(gate.pausedMs()).toBe(3000);
  });

  it("never pauses longer than its ceiling and lets a waiter abort", async () => {
    const clock = new ManualClock();
    const gate = createPauseGate(clock);
    const send = withOriginPause({ gate, maxPauseMs: 1000 })(async () => ({
      status: 429,
      headers: { "retry-after": "3600" },
      data: undefined,
    }));
    await send(get());
    clock.set(1000);
    await expect(send(get())).resolves.toMatchObject({ status: 429 });
    const controller = new AbortController();
    const waiting = send({ ...get(), signal: controller.signal });
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(AbortedError);
  });

  it("pauses an origin however its URLs spell it, as the URL standard reads them", () => {
    const urls = [
      "https://HOST.example.com:443/V1.0/AlertDefinitions(1)",
      "https://host.example.com/V1.0/IndicatorsOfCompromise?$top=1",
      "https://host.example.com?x#y",
      "https://host.example.com#frag",
      "https://user:pw@host.example.com:8443/api/indicators",
      "http://127.0.0.1:8080\\V1.0",
      "http://[::1]:80/V1.0",
      "HTTP://host.example.com",
    ];
    // Twice: the second answer of each comes from what the first learnt.
    for (const url of [...urls, ...urls]) {
      const { origin, pathname, search } = new URL(url);
      expect([url, requestTarget(url)]).toEqual([url, { origin, path: pathname + search }]);
    }
  });
});

describe("concurrency limit", () => {
  it("keeps at most n requests in flight and serves the queue in order", async () => {
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    const gates = Array.from({ length: 6 }, deferred);
    const send = withConcurrencyLimit(2)(async (req) => {
      const n = Number(new URL(req.url).searchParams.get("n"));
      active++;
      peak = Math.max(peak, active);
      order.push(n);
      await gates[n]!.promise;
      active--;
      return ok;
    });
    const all = Array.from({ length: 6 }, (_, n) => send(get(`https://x/?n=${n}`)));
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual([0, 1]);
    gates.forEach((g) => g.resolve());
    await Promise.all(all);
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("drops a queued request whose caller aborts", async () => {
    const hold = deferred();
    const send = withConcurrencyLimit(1)(async () => {
      await hold.promise;
      return ok;
    });
    const first = send(get());
    const controller = new AbortController();
    const queued = send({ ...get(), signal: controller.signal });
    controller.abort();
    await expect(queued).rejects.toBeInstanceOf(AbortedError);
    hold.resolve();
    await expect(first).resolves.toBe(ok);
    await expect(send(get())).resolves.toBe(ok);
  });

  it("frees the slot of a send that fails, at once or later, and hands it to the queue", async () => {
    let calls = 0;
    const send = withConcurrencyLimit(1)((req) => {
      calls++;
      if (req.url.endsWith("sync")) throw new Error("thrown before any promise");
      return req.url.endsWith("async") ? Promise.reject(new Error("rejected")) : Promise.resolve(ok);
    });
    const results = await Promise.allSettled([
      send(get("https://x/sync")),
      send(get("https://x/async")),
      send(get("https://x/sync")),
      send(get()),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected", "fulfilled"]);
    expect(calls).toBe(4);
    await expect(send(get())).resolves.toBe(ok);
  });
});

describe("retry wrapper", () => {
  const policy = normalizeRetryPolicy({ baseDelayMs: 1, maxDelayMs: 2 });
  const post = (readBack?: HttpRequest["readBack"]): HttpRequest => ({
    method: "POST",
    url: "https://ti.example.com/V1.0/IndicatorsOfCompromise",
    body: {},
    ...(readBack ? { readBack } : {}),
  });
  const failing = (status: number) => {
    const calls: number[] = [];
    const next: Send = async () => {
      calls.push(status);
      return calls.length === 1
        ? { status, headers: {}, data: undefined }
        : { status: 201, headers: {}, data: "resent" };
    };
    return { calls, send: withRetry({ policy })(next) };
  };

  it("returns what the read-back found instead of re-sending a POST that landed", async () => {
    const { calls, send } = failing(500);
    const res = await send(post(async () => ({ status: 201, headers: {}, data: "found" })));
    expect(res).toMatchObject({ status: 201, data: "found", attempts: 1 });
    expect(calls).toHaveLength(1);
  });

  it("re-sends a POST the read-back did not find", async () => {
    const { calls, send } = failing(500);
    expect(await send(post(async () => undefined))).toMatchObject({
      status: 201,
      data: "resent",
      attempts: 2,
    });
    expect(calls).toHaveLength(2);
  });

  it("gives the original failure when the read-back itself fails", async () => {
    const { calls, send } = failing(502);
    const res = await send(
      post(async () => {
        throw new Error("query not supported");
      }),
    );
    expect(res).toMatchObject({ status: 502 });
    expect(calls).toHaveLength(1);
  });

  it("never re-sends a POST of unknown outcome without a read-back", async () => {
    let calls = 0;
    const send = withRetry({ policy })(async () => {
      calls++;
      throw new NetworkError(
        { method: "POST", url: "https://x" },
        Object.assign(new Error("reset"), { code: "ECONNRESET" }),
      );
    });
    await expect(send(post())).rejects.toBeInstanceOf(NetworkError);
    expect(calls).toBe(1);
  });

  it("re-sends a POST refused before it was sent (connection refused)", async () => {
    let calls = 0;
    const send = withRetry({ policy })(async () => {
      if (++calls === 1) {
        throw new NetworkError(
          { method: "POST", url: "https://x" },
          Object.assign(new Error("refused"), { code: "ECONNREFUSED" }),
        );
      }
      return { status: 201, headers: {}, data: undefined };
    });
    expect(await send(post())).toMatchObject({ status: 201, attempts: 2 });
  });
});
