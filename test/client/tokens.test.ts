import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ManualClock } from "../helpers/clock.js";
import { startTestEmulator } from "../helpers/emulator.js";
import type { Session } from "../../src/api/index.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { admin, connectTo, recordWire, type Stats } from "./support.js";

describe("with 3-second tokens", () => {
  // One driven clock for the emulator's token expiry and the client's token cycler: time moves between rounds of
  // calls instead of passing, so several token lifetimes go by without waiting for them.
  const clock = new ManualClock(Date.now());
  let emu: RunningEmulator;
  let session: Session;
  beforeAll(async () => {
    emu = await startTestEmulator({ quiet: true, tokenLifetimeSeconds: 3, now: () => clock.now() });
    session = await connectTo(emu, { clock });
  });
  afterAll(() => session.close());

  it(
    "serves 200 concurrent callers across several expiries with one token request per token and no 401",
    { timeout: 60_000 },
    async () => {
      const before = await admin<Stats>(emu, "stats");
      const wire = recordWire(session);
      const started = clock.now();
      const failures: unknown[] = [];
      const obtained = new Set<number>();
      // 200 callers, each calling once a second for 10 seconds (of the driven clock): three or more lifetimes.
      while (clock.now() - started < 10_000) {
        await Promise.all(
          Array.from({ length: 200 }, () =>
            session.alerts.list({ top: 1 }).then(undefined, (error: unknown) => failures.push(error)),
          ),
        );
        obtained.add(session.token.info()?.obtainedAt.getTime() ?? 0);
        clock.advance(1000);
      }
      const elapsedMs = clock.now() - started;
      const after = await admin<Stats>(emu, "stats");
      const issued = after.tokensIssued - before.tokensIssued;
      const tokenRequests = wire.filter((e) => e.url === emu.authUrl);

      expect(failures).toEqual([]);
      expect(after.responses["401"] ?? 0).toBe(0);
      expect(tokenRequests).toHaveLength(issued);
      // A token is replaced once, in the second half of its life: at least one per 3 s, at most one per 1.5 s.
      expect(issued).toBeGreaterThanOrEqual(Math.floor(elapsedMs / 3000));
      expect(issued).toBeLessThanOrEqual(Math.ceil(elapsedMs / 1500) + 2);
      expect(wire.filter((e) => e.url.startsWith(emu.apiUrl)).length).toBeGreaterThan(1000);
      // By the driven clock, each token was replaced at the first round past half its life (2 s, or 3 s when
      // the refresh finished after its round): the cycler reads the injected clock, not the real one.
      const times = [...obtained];
      expect(times.length).toBeGreaterThanOrEqual(4);
      for (const [i, t] of times.slice(1).entries()) expect([2000, 3000]).toContain(t - times[i]!);
    },
  );
});

describe("a call waiting its turn", () => {
  it("reads its token when its turn comes, so none is sent after it expired in the queue", async () => {
    // One clock for the emulator and the client, moved ten minutes by every exchange on the wire: ten calls queued
    // behind concurrency 1 outlive the one-hour token they would have read on arrival.
    const clock = new ManualClock(Date.parse("2030-01-01T00:00:00Z"));
    const emu = await startTestEmulator({ quiet: true, now: () => clock.now() });
    const session = await connectTo(emu, { clock, concurrency: 1 });
    session.onRequest(() => clock.advance(600_000));
    const wire = recordWire(session);
    const lists = await Promise.all(Array.from({ length: 10 }, () => session.alerts.list({ top: 1 })));
    const stats = await admin<Stats>(emu, "stats");
    await session.close();

    expect(lists).toHaveLength(10);
    expect(wire.filter((e) => e.status === 401)).toEqual([]);
    expect(stats.responses["401"] ?? 0).toBe(0);
    // The calls did cross an expiry: the queue was served on a second token.
    expect(wire.filter((e) => e.url === emu.authUrl).length).toBeGreaterThanOrEqual(1);
  });
});

describe("a call held at the 429 gate", () => {
  it("reads its token when the gate opens, so none is sent after it expired during the pause", async () => {
    // One clock for the emulator and the client; the pause is waited out on it, so moving it opens the gate.
    const clock = new ManualClock(Date.parse("2030-01-01T00:00:00Z"));
    const emu = await startTestEmulator({ quiet: true, tokenLifetimeSeconds: 60, now: () => clock.now() });
    const session = await connectTo(emu, { clock });
    const wire = recordWire(session);
    clock.advance(20_000); // the token has 40 s left
    await admin(emu, "faults", { rules: "429/59:100%x1" });
    const first = session.alerts.list({ top: 1 }).toArray();
    await vi.waitFor(() => expect(clock.sleeping).toBe(1)); // its retry waits out the Retry-After
    const second = session.alerts.list({ top: 1 }).toArray();
    await vi.waitFor(() => expect(clock.sleeping).toBe(2)); // held at the gate, past the token's expiry
    clock.advance(59_000);
    await Promise.all([first, second]);
    const stats = await admin<Stats>(emu, "stats");
    await session.close();

    expect(wire.filter((e) => e.url.startsWith(emu.apiUrl)).map((e) => e.status)).toEqual([429, 200, 200]);
    expect(stats.responses["401"] ?? 0).toBe(0);
    expect(session.waitedMs()).toBe(59_000);
  });
});

describe("a revoked token", () => {
  let emu: RunningEmulator;
  let session: Session;
  beforeAll(async () => {
    emu = await startTestEmulator({ quiet: true });
    session = await connectTo(emu);
  });
  afterAll(() => session.close());

  it("recovers with exactly one refresh, even for many callers at once", async () => {
    await session.alerts.list();
    const before = await admin<Stats>(emu, "stats");
    await admin(emu, "revoke", {});
    const wire = recordWire(session);
    await Promise.all(Array.from({ length: 20 }, () => session.alerts.list()));
    const after = await admin<Stats>(emu, "stats");
    expect(after.tokensIssued - before.tokensIssued).toBe(1);
    expect(wire.filter((e) => e.status === 401).length).toBeGreaterThanOrEqual(1);
    expect(wire.filter((e) => e.url === emu.authUrl)).toHaveLength(1);
  });

  it("replays only once: a second 401 reaches the caller as an HttpError", async () => {
    await admin(emu, "faults", { rules: "401:100%x2" });
    const wire = recordWire(session);
    await expect(session.alerts.list()).rejects.toMatchObject({
      status: 401,
      message: expect.stringMatching(/refused the token even after a refresh/),
    });
    expect(wire.filter((e) => e.url.startsWith(emu.apiUrl)).map((e) => e.status)).toEqual([401, 401]);
  });

  it("asks for the configured resource, by the v1 form or the v2.0 scope", async () => {
    const v1 = await connectTo(emu, { resource: "https://graph.microsoft.com" });
    expect(v1.token.claims()).toMatchObject({ aud: "https://graph.microsoft.com" });
    const v2 = await connectTo(emu, { authUrl: emu.authUrl.replace("/oauth2/token", "/oauth2/v2.0/token") });
    await v2.alerts.list();
    expect(v2.token.expiresAt).toBeInstanceOf(Date);
    await Promise.all([v1.close(), v2.close()]);
  });

  it("shows expiry and claims but never the token", async () => {
    const info = session.token.info();
    expect(info?.expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(session.token.claims()).toMatchObject({ aud: "https://graph.windows.net", appid: emu.clientId });
    expect(Object.keys(info ?? {}).sort()).toEqual(["claims", "expiresAt", "obtainedAt"]);
  });
});
