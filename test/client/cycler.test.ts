import { describe, expect, it } from "vitest";
import {
  createTokenCycler,
  normalizeTokenCyclerOptions,
  scaledWindows,
  Secret,
  type AccessToken,
} from "../../src/auth/index.js";
import { AbortedError } from "../../src/errors/index.js";
import { ManualClock } from "../helpers/clock.js";

const HOUR = 3_600_000;

function fakeAuthority(clock: ManualClock, lifetimeMs = HOUR) {
  let issued = 0;
  const pending: Array<(t: AccessToken) => void> = [];
  const fetchToken = (): Promise<AccessToken> =>
    new Promise((resolve) => {
      issued++;
      pending.push(resolve);
    });
  const settle = (): void => {
    const resolve = pending.shift();
    resolve?.({
      value: new Secret(`token-${issued}`),
      obtainedAtMs: clock.now(),
      expiresOnMs: clock.now() + lifetimeMs,
    });
  };
  return { fetchToken, settle, issued: () => issued };
}

const tick = () => new Promise((r) => setImmediate(r));

describe("token cycler", () => {
  it("shares one in-flight refresh among concurrent first callers", async () => {
    const clock = new ManualClock();
    const authority = fakeAuthority(clock);
    const cycler = createTokenCycler(authority.fetchToken, normalizeTokenCyclerOptions({ clock }));
    const calls = Array.from({ length: 50 }, () => cycler.getToken());
    authority.settle();
    expect(new Set(await Promise.all(calls))).toEqual(new Set(["token-1"]));
    expect(authority.issued()).toBe(1);
  });

  it("reuses the cached token until the refresh window", async () => {
    const clock = new ManualClock();
    const authority = fakeAuthority(clock);
    const cycler = createTokenCycler(authority.fetchToken, normalizeTokenCyclerOptions({ clock }));
    const first = cycler.getToken();
    authority.settle();
    await first;
    clock.set(HOUR - 5 * 60_000 - 1);
    expect(await cycler.getToken()).toBe("token-1");
    expect(authority.issued()).toBe(1);
  });

  it("refreshes in the background from 5 minutes before expiry without making callers wait", async () => {
    const clock = new ManualClock();
    const authority = fakeAuthority(clock);
    const cycler = createTokenCycler(authority.fetchToken, normalizeTokenCyclerOptions({ clock }));
    const first = cycler.getToken();
    authority.settle();
    await first;
    clock.set(HOUR - 4 * 60_000);
    expect(await cycler.getToken()).toBe("token-1");
    expect(await cycler.getToken()).toBe("token-1");
    expect(authority.issued()).toBe(2);
    authority.settle();
    await tick();
    expect(await cycler.getToken()).toBe("token-2");
  });

  it("makes callers wait for the new token only in the last 60 seconds", async () => {
    const clock = new ManualClock();
    const authority = fakeAuthority(clock);
    const cycler = createTokenCycler(authority.fetchToken, normalizeTokenCyclerOptions({ clock }));
    const first = cycler.getToken();
    authority.settle();
    await first;
    clock.set(HOUR - 30_000);
    let settled = false;
    const waiting = cycler.getToken().then((t) => ((settled = true), t));
    await tick();
    expect(settled).toBe(false);
    authority.settle();
    expect(await waiting).toBe("token-2");
  });

  it("scales both windows for short-lived tokens", () => {
    expect(scaledWindows(3000, normalizeTokenCyclerOptions())).toEqual({
      refreshMs: 1500,
      blockMs: 300,
      retryMs: 150,
    });
    expect(scaledWindows(HOUR, normalizeTokenCyclerOptions())).toEqual({
      refreshMs: 300_000,
      blockMs: 60_000,
      retryMs: 10_000,
    });
  });

  it("forgets a refused token only while it is still the current one", async () => {
    const clock = new ManualClock();
    const authority = fakeAuthority(clock);
    const cycler = createTokenCycler(authority.fetchToken, normalizeTokenCyclerOptions({ clock }));
    const first = cycler.getToken();
    authority.settle();
    await first;
    cycler.invalidate("token-1");
    const second = cycler.getToken();
    authority.settle();
    expect(await second).toBe("token-2");
    cycler.invalidate("token-1"); // a late 401 for the old token must not drop the new one
    expect(await cycler.getToken()).toBe("token-2");
    expect(authority.issued()).toBe(2);
  });

  it("lets one waiter abort, with an AbortedError, without cancelling the shared refresh", async () => {
    const clock = new ManualClock();
    const authority = fakeAuthority(clock);
    const cycler = createTokenCycler(authority.fetchToken, normalizeTokenCyclerOptions({ clock }));
    const controller = new AbortController();
    const aborted = cycler.getToken(controller.signal);
    const other = cycler.getToken();
    controller.abort();
    await expect(aborted).rejects.toBeInstanceOf(AbortedError);
    authority.settle();
    expect(await other).toBe("token-1");
  });

  it("passes a failed blocking refresh to every waiter and tries again on the next call", async () => {
    const clock = new ManualClock();
    let calls = 0;
    const cycler = createTokenCycler(async () => {
      calls++;
      if (calls === 1) throw new Error("authority down");
      return { value: new Secret("ok"), obtainedAtMs: 0, expiresOnMs: HOUR };
    }, normalizeTokenCyclerOptions({ clock }));
    await expect(Promise.all([cycler.getToken(), cycler.getToken()])).rejects.toThrow("authority down");
    expect(await cycler.getToken()).toBe("ok");
    expect(calls).toBe(2);
  });
});

describe("token cycler background failures", () => {
  /** A cycler whose authority fails its second request only; `calls()` counts requests. */
  function hiccupOnSecondCall() {
    const clock = new ManualClock();
    let calls = 0;
    const cycler = createTokenCycler(async () => {
      calls++;
      if (calls === 2) throw new Error("authority hiccup");
      return {
        value: new Secret(`token-${calls}`),
        obtainedAtMs: clock.now(),
        expiresOnMs: clock.now() + HOUR,
      };
    }, normalizeTokenCyclerOptions({ clock }));
    return { clock, cycler, calls: () => calls };
  }

  it("keeps serving the current token when a background refresh fails, and retries after a quiet spell", async () => {
    const { clock, cycler, calls } = hiccupOnSecondCall();
    await cycler.getToken();
    clock.set(HOUR - 4 * 60_000);
    expect(await cycler.getToken()).toBe("token-1");
    await tick();
    expect(await cycler.getToken()).toBe("token-1");
    expect(calls()).toBe(2);
    clock.advance(10_000);
    expect(await cycler.getToken()).toBe("token-1");
    await tick();
    expect(await cycler.getToken()).toBe("token-3");
  });

  it("survives the current token being refused while a background refresh fails", async () => {
    const { clock, cycler } = hiccupOnSecondCall();
    await cycler.getToken();
    clock.set(HOUR - 4 * 60_000);
    const during = cycler.getToken();
    cycler.invalidate("token-1");
    expect(await during).toBe("token-1");
    await tick();
    expect(await cycler.getToken()).toBe("token-3");
  });
});
