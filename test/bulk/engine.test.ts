import { beforeAll, describe, expect, it } from "vitest";
import type { ConnectedSession } from "../../src/connect.js";
import {
  importInto,
  iocTarget,
  type AnyPlan,
  type CreateOutcome,
  type IocTarget,
} from "../../src/bulk/index.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { iocsOf, newAlert, openSession, syntheticCsv } from "./session.js";

let emu: RunningEmulator;
let session: ConnectedSession;
beforeAll(async () => {
  emu = await startTestEmulator({ quiet: true });
  session = await openSession(emu);
});

async function setFaults(rules: string): Promise<void> {
  const res = await fetch(`${emu.url}/_emulator/faults`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ rules }),
  });
  expect(res.ok).toBe(true);
}

async function createPosts(): Promise<number> {
  const stats = (await (await fetch(`${emu.url}/_emulator/stats`)).json()) as {
    requests: Record<string, number>;
  };
  return Object.entries(stats.requests)
    .filter(([route]) => route.startsWith("POST") && route.includes("IndicatorsOfCompromise"))
    .reduce((sum, [, n]) => sum + n, 0);
}

describe("apply's confirm callback", () => {
  it("is asked once with the plan before anything is written; no writes nothing and resolves to undefined", async () => {
    const alert = await newAlert(session);
    const plan = await session.iocs.import(syntheticCsv(5), { alert });
    const asked: AnyPlan[] = [];
    const declined = await plan.apply({ confirm: (p) => (asked.push(p), false) });
    expect(declined).toBeUndefined();
    expect(asked.map((p) => (p.operation === "import" ? p.counts.create : -1))).toEqual([5]);
    expect(await iocsOf(session, alert)).toHaveLength(0);
    const result = await plan.apply({ confirm: async () => true });
    expect(result).toMatchObject({ created: 5, failed: 0 });
    expect(await iocsOf(session, alert)).toHaveLength(5);
  });
});

describe("the engine over a target with per-item results", () => {
  it("records a refused item of a batch alone, without splitting or re-sending the batch", async () => {
    const alert = await newAlert(session);
    const base = iocTarget(session.iocs);
    // A batch call answering per item, as the Indicators API's import does: here one POST per item of the batch.
    const perItem: IocTarget = {
      ...base,
      batchResults: "per-item",
      createBatch: (items, signal) =>
        Promise.all(
          items.map((item) =>
            base.createOne(item, signal).catch((error: unknown): CreateOutcome => ({ key: item.key, error })),
          ),
        ),
    };
    const plan = await importInto(perItem, session, syntheticCsv(4), { alert, what: "Importing" });
    await setFaults("400:100%x1@api");
    const before = await createPosts();
    const result = await plan.apply({ confirm: true, chunkSize: 4, chunkConcurrency: 1 });
    await setFaults("");
    expect(result).toMatchObject({ created: 3, failed: 1, skipped: 0 });
    expect(result.failures[0]).toMatchObject({ status: 400 });
    // The refused POST was answered by the fault, before routing: the three that reached the handlers were each
    // sent once, and the refused item was not sent again (a refusal is final, and per-item answers are not split).
    expect((await createPosts()) - before).toBe(3);
    expect(await iocsOf(session, alert)).toHaveLength(3);
  });
});
