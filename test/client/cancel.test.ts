import { describe, expect, it } from "vitest";
import { startTestEmulator } from "../helpers/emulator.js";
import { AbortedError } from "../../src/errors/index.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import type { ConnectOptions } from "../../src/connect.js";
import { admin, connectTo, recordWire, type Stats } from "./support.js";

/** An emulator whose request lines the test can read (a hung request that the client gives up logs `no-reply`). */
async function loggedEmulator(): Promise<{ emu: RunningEmulator; lines: string[] }> {
  const lines: string[] = [];
  const emu = await startTestEmulator({ onLog: (line) => lines.push(line) });
  return { emu, lines };
}

/** Waits (polling, generously) until `check` holds. */
async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const faultsFired = async (emu: RunningEmulator) => (await admin<Stats>(emu, "stats")).faultsInjected;
const settle = (call: PromiseLike<unknown>) =>
  Promise.resolve(call).then(
    () => "answered",
    (error: unknown) => error,
  );
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Connects with long timeouts, so that only an abort can end a hung request. */
function patientSession(emu: RunningEmulator, options: ConnectOptions = {}) {
  return connectTo(emu, { timeoutMs: 120_000, ...options });
}

describe("the session's default signal", () => {
  it("aborts a hung call when it aborts: the connection is closed and no retry is sent", async () => {
    const { emu, lines } = await loggedEmulator();
    let controller = new AbortController();
    const session = await patientSession(emu, { defaultSignal: () => controller.signal });
    await admin(emu, "faults", { rules: "hang:100%@api" });
    const outcome = settle(session.alerts.list());
    await until(async () => (await faultsFired(emu)) === 1, "the request to hang");
    controller.abort(new Error("Cancelled with Ctrl-C"));
    expect(await outcome).toBeInstanceOf(AbortedError);
    await until(() => lines.some((l) => / GET \/V1\.0\/AlertDefinitions no-reply /.test(l)), "no-reply");
    await pause(500);
    expect(await faultsFired(emu)).toBe(1);
    // The source is asked again for the next call, so a fresh signal lets it through.
    await admin(emu, "faults", { rules: "" });
    controller = new AbortController();
    expect(await session.alerts.list()).toEqual([]);
    await session.close();
  });

  it("fails a call at once, sending nothing, when it is already aborted", async () => {
    const emu = await startTestEmulator({ quiet: true });
    const session = await patientSession(emu, { defaultSignal: () => AbortSignal.abort() });
    const wire = recordWire(session);
    const live = new AbortController().signal;
    await expect(session.alerts.get(1, { signal: live })).rejects.toBeInstanceOf(AbortedError);
    await expect(session.iocs.list().toArray()).rejects.toBeInstanceOf(AbortedError);
    expect(wire).toEqual([]);
    await session.close();
  });

  it("is joined with a call's own signal: either one aborts the call", async () => {
    const emu = await startTestEmulator({ quiet: true });
    const session = await patientSession(emu, { defaultSignal: () => new AbortController().signal });
    await admin(emu, "faults", { rules: "hang:100%@api" });
    const controller = new AbortController();
    const outcome = settle(session.alerts.get(1, { signal: controller.signal }));
    await until(async () => (await faultsFired(emu)) === 1, "the request to hang");
    controller.abort();
    expect(await outcome).toBeInstanceOf(AbortedError);
    await session.close();
  });
});

describe("an abort", () => {
  it("is never retried, even by a retrying policy", async () => {
    const { emu, lines } = await loggedEmulator();
    const session = await patientSession(emu, { retry: { limit: 6, baseDelayMs: 1 } });
    const wire = recordWire(session);
    await admin(emu, "faults", { rules: "hang:100%@api" });
    const controller = new AbortController();
    const outcome = settle(session.iocs.get(7, { signal: controller.signal }));
    await until(async () => (await faultsFired(emu)) === 1, "the request to hang");
    controller.abort();
    expect(await outcome).toBeInstanceOf(AbortedError);
    await until(
      () => lines.some((l) => / GET \/V1\.0\/IndicatorsOfCompromise\(7\) no-reply /.test(l)),
      "no-reply",
    );
    await pause(500);
    expect(await faultsFired(emu)).toBe(1);
    expect(wire.map((e) => e.error ?? e.status)).toEqual(["aborted"]);
    await session.close();
  });

  it("stops the backoff wait between attempts", async () => {
    const emu = await startTestEmulator({ quiet: true });
    const retry = { limit: 6, baseDelayMs: 600_000, maxDelayMs: 600_000 };
    const session = await patientSession(emu, { retry });
    await admin(emu, "faults", { rules: "503:100%@api" });
    const controller = new AbortController();
    const outcome = settle(session.alerts.list({ signal: controller.signal }));
    await until(async () => (await faultsFired(emu)) >= 1, "the first 503");
    controller.abort();
    expect(await outcome).toBeInstanceOf(AbortedError);
    const fired = await faultsFired(emu);
    await pause(500);
    expect(await faultsFired(emu)).toBe(fired);
    await session.close();
  });

  it("stops a Retry-After wait", async () => {
    const emu = await startTestEmulator({ quiet: true });
    const session = await patientSession(emu);
    await admin(emu, "faults", { rules: "503/50:100%@api" });
    const controller = new AbortController();
    const outcome = settle(session.alerts.count(undefined, { signal: controller.signal }));
    await until(async () => (await faultsFired(emu)) === 1, "the 503 with Retry-After: 50");
    controller.abort();
    expect(await outcome).toBeInstanceOf(AbortedError);
    await pause(500);
    expect(await faultsFired(emu)).toBe(1);
    await session.close();
  });

  it("lets a call waiting at the paused origin leave without sending", async () => {
    const emu = await startTestEmulator({ quiet: true });
    const session = await patientSession(emu);
    const wire = recordWire(session);
    await admin(emu, "faults", { rules: "429/50:100%x1@api" });
    const first = new AbortController();
    const limited = settle(session.alerts.list({ signal: first.signal }));
    await until(() => wire.length === 1, "the 429 that pauses the origin");
    const second = new AbortController();
    const waiting = settle(session.iocs.list({ signal: second.signal }));
    await pause(200);
    second.abort();
    expect(await waiting).toBeInstanceOf(AbortedError);
    first.abort();
    expect(await limited).toBeInstanceOf(AbortedError);
    expect(wire.map((e) => e.status)).toEqual([429]);
    await session.close();
  });

  it("stops a wait for a token refresh that hangs", async () => {
    const emu = await startTestEmulator({ quiet: true });
    const session = await patientSession(emu);
    await admin(emu, "faults", { rules: "hang:100%@token" });
    // Every outstanding token now gets a 401, so the call must wait for a new one.
    await admin(emu, "revoke", {});
    const controller = new AbortController();
    const outcome = settle(session.alerts.list({ signal: controller.signal }));
    await until(async () => (await faultsFired(emu)) === 1, "the token request to hang");
    controller.abort();
    expect(await outcome).toBeInstanceOf(AbortedError);
    await session.close();
  });
});
