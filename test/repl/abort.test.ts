import { describe, expect, it } from "vitest";
import { connect } from "../../src/connect.js";
import { isTiError } from "../../src/http/errors.js";
import { createAbortableDispatcher } from "../../src/repl/abortable.js";
import { startTestEmulator } from "../helpers/emulator.js";

describe("createAbortableDispatcher", () => {
  it("aborts a hanging request when the current signal aborts", async () => {
    const emu = await startTestEmulator({ faults: "hang:100%@api" });
    let controller: AbortController | undefined;
    const dispatcher = createAbortableDispatcher(() => controller?.signal);
    // No retries: this test is about the dispatcher; the client retries a dispatcher abort as a network error.
    const session = await connect({
      ...emu,
      clientSecret: emu.clientSecret,
      timeoutMs: 120_000,
      retry: { limit: 0 },
      dispatcher,
    });
    try {
      controller = new AbortController();
      const pending = Promise.resolve(session.alerts.list()).then(
        () => "answered",
        (err: unknown) => err,
      );
      await new Promise((r) => setTimeout(r, 300));
      controller.abort(new Error("Cancelled with Ctrl-C"));
      const outcome = await pending;
      expect(isTiError(outcome)).toBe(true);
    } finally {
      await session.close();
      await dispatcher.close();
    }
  });

  it("leaves requests alone when there is no signal", async () => {
    const emu = await startTestEmulator();
    const dispatcher = createAbortableDispatcher(() => undefined);
    const session = await connect({ ...emu, clientSecret: emu.clientSecret, dispatcher });
    try {
      expect(await session.alerts.list()).toEqual([]);
    } finally {
      await session.close();
      await dispatcher.close();
    }
  });
});
