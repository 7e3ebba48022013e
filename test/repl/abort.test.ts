import { describe, expect, it } from "vitest";
import { connect } from "../../src/connect.js";
import { type RequestLogEntry } from "../../src/http/index.js";
import { AbortedError } from "../../src/errors/index.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { abortSignal, runAbortable } from "../../src/repl/abortable.js";
import { startTestEmulator } from "../helpers/emulator.js";

/** A session as the console opens it: every call obeys the signal of the work that makes it. */
async function consoleSession(emu: RunningEmulator) {
  const session = await connect({
    authUrl: emu.authUrl,
    apiUrl: emu.apiUrl,
    clientId: emu.clientId,
    clientSecret: emu.clientSecret,
    env: {},
    timeoutMs: 120_000,
    defaultSignal: abortSignal,
  });
  const wire: RequestLogEntry[] = [];
  session.onRequest((entry) => wire.push(entry));
  return { session, wire };
}

/** Waits until the emulator holds a hung request. */
async function hung(emu: RunningEmulator): Promise<void> {
  for (;;) {
    const stats = (await (await fetch(`${emu.url}/_emulator/stats`)).json()) as { faultsInjected: number };
    if (stats.faultsInjected > 0) return;
    await new Promise((r) => setTimeout(r, 25));
  }
}

const settle = (call: PromiseLike<unknown>) =>
  Promise.resolve(call).then(
    () => "answered",
    (error: unknown) => error,
  );

describe("abortable work in the console", () => {
  it("aborts the work's hung call, and fails the calls it makes afterwards without sending them", async () => {
    const emu = await startTestEmulator({ quiet: true, faults: "hang:100%@api" });
    const { session, wire } = await consoleSession(emu);
    const controller = new AbortController();
    // Like an evaluation that catches the abort and carries on after Ctrl-C.
    const work = runAbortable(controller.signal, async () => {
      const first = await settle(session.alerts.list());
      const later = await settle(session.iocs.get(1));
      return [first, later];
    });
    await hung(emu);
    controller.abort(new Error("Cancelled with Ctrl-C"));
    const [first, later] = await work;
    expect(first).toBeInstanceOf(AbortedError);
    expect(later).toBeInstanceOf(AbortedError);
    expect(wire.map((e) => e.error ?? e.status)).toEqual(["aborted"]);
    await session.close();
  });

  it("gives each piece of work its own signal, and none to code outside", async () => {
    const emu = await startTestEmulator({ quiet: true });
    const { session } = await consoleSession(emu);
    const cancelled = new AbortController();
    cancelled.abort();
    const aborted = runAbortable(cancelled.signal, () => settle(session.alerts.list()));
    const running = runAbortable(new AbortController().signal, () => settle(session.alerts.list()));
    expect(await aborted).toBeInstanceOf(AbortedError);
    expect(await running).toBe("answered");
    expect(await session.alerts.list()).toEqual([]);
    expect(abortSignal()).toBeUndefined();
    await session.close();
  });
});
