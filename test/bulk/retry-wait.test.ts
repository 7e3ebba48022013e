import { describe, expect, it, vi } from "vitest";
import { deleteWhere } from "../../src/bulk/index.js";
import { admin } from "../client/support.js";
import { ManualClock } from "../helpers/clock.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { newAlert, openSession } from "./session.js";

describe("a bulk edit's wait between attempts", () => {
  it("is kept by the apply's clock, and an abort during it returns the partial result", async () => {
    const emu = await startTestEmulator({ quiet: true });
    // No client retries: every 503 reaches the bulk engine as an unknown outcome, to be tried again later.
    const session = await openSession(emu, { retry: { limit: 0 } });
    const alert = await newAlert(session);
    for (const n of [1, 2, 3]) {
      await session.iocs.create({
        Type: "IpAddress",
        Value: `10.0.0.${n}`,
        DetectionFunction: "Equals",
        AlertDefinition: alert,
      });
    }
    const plan = await deleteWhere(session, `AlertDefinitionId eq ${alert}`);
    await admin(emu, "faults", { rules: "503:100%" });
    const clock = new ManualClock(Date.now());
    const controller = new AbortController();
    const applying = plan.apply({ confirm: true, concurrency: 1, clock, signal: controller.signal });
    // The first delete failed and its retry waits on the injected clock, which stands still.
    await vi.waitFor(() => expect(clock.sleeping).toBe(1), { timeout: 10_000 });
    controller.abort();
    const result = await applying;

    expect(result.stopped?.reason).toBe("aborted");
    expect(result).toMatchObject({ deleted: 0, failed: 0, skipped: 3 });
  }, 30_000);
});
