import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator } from "../helpers/emulator.js";
import type { Session } from "../../src/api/index.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { admin, connectTo, recordWire, type Stats } from "./support.js";

describe("with 3-second tokens", () => {
  // One driven clock for the emulator's token expiry and the client's token cycler: time moves between rounds of
  // calls instead of passing, so several token lifetimes go by without waiting for them.
  const clock = { t: Date.now(), now: () => clock.t };
  let emu: RunningEmulator;
  let session: Session;
  beforeAll(async () => {
    emu = await startTestEmulator({ quiet: true, tokenLifetimeSeconds: 3, now: clock.now });
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
        clock.t += 1000;
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
