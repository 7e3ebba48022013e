import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator } from "../helpers/emulator.js";
import type { Session } from "../../src/api/index.js";
import { ValidationError } from "../../src/errors/index.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { alertInput, connectTo, recordWire, sha1 } from "./support.js";

let emu: RunningEmulator;
let session: Session;
let alertId: number;

beforeAll(async () => {
  emu = await startTestEmulator({ quiet: true });
  session = await connectTo(emu);
  alertId = (await session.alerts.create(alertInput("options"))).Id;
  for (const n of [1, 2])
    await session.iocs.create({
      Type: "Sha1",
      Value: sha1(n),
      DetectionFunction: "Equals",
      AlertDefinition: alertId,
    });
});
afterAll(() => session.close());

/** The ValidationError `run` throws (or rejects with). */
async function refusal(run: () => unknown): Promise<ValidationError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error("expected a ValidationError");
}

describe("misspelt options", () => {
  it("refuse a list option the call does not take, naming it, its value and the valid ones, sending nothing", async () => {
    const wire = recordWire(session);
    // @ts-expect-error: a misspelt option is a type error too
    const error = await refusal(() => session.iocs.list({ fitler: "Type eq 'Md5'" }).toArray());
    expect(error.message).toBe(
      'iocs.list: "fitler" is not an option of iocs.list (its options: filter, orderBy, select, expand, top, skip, count, pageSize, signal)',
    );
    expect(error.violations).toEqual([
      {
        field: "fitler",
        value: "Type eq 'Md5'",
        rule: expect.stringContaining("is not an option of iocs.list"),
      },
    ]);
    expect(wire).toEqual([]);
  });

  it("refuse them on get, writes, deletes and count too", async () => {
    // @ts-expect-error: get takes select and expand, not expnad
    expect((await refusal(() => session.alerts.get(alertId, { expnad: "x" }))).message).toMatch(
      /^alerts\.get: "expnad"/,
    );
    // @ts-expect-error: count takes only a signal besides its filter
    expect((await refusal(() => session.iocs.count(undefined, { top: 1 }))).message).toMatch(
      /^iocs\.count: "top"/,
    );
    // @ts-expect-error: delete takes only a signal
    expect((await refusal(() => session.alerts.delete(alertId, { force: true }))).message).toMatch(
      /^alerts\.delete/,
    );
    expect(await session.alerts.count()).toBe(1);
    // @ts-expect-error: an options argument must be an object
    expect((await refusal(() => session.iocs.list("Type eq 'Sha1'"))).message).toMatch(
      /must be an options object/,
    );
  });

  it("treat a key whose value is undefined as not given", async () => {
    // @ts-expect-error: the types say so with exactOptionalPropertyTypes; JavaScript at the prompt passes undefined
    expect(await session.iocs.list({ filter: undefined }).toArray()).toHaveLength(2);
  });
});

describe("get with select and expand", () => {
  it("expands a definition's IOCs and selects fields instead of dropping the options", async () => {
    const expanded = await session.alerts.get(alertId, { expand: "IndicatorsOfCompromise" });
    const iocs = (expanded as unknown as { IndicatorsOfCompromise?: { Value: string }[] })
      .IndicatorsOfCompromise;
    expect(iocs?.map((i) => i.Value).sort()).toEqual([sha1(1), sha1(2)].sort());
    const selected = await session.alerts.get(alertId, { select: ["Id", "Name"] });
    expect(
      Object.keys(selected)
        .filter((k) => !k.startsWith("@"))
        .sort(),
    ).toEqual(["Id", "Name"]);
  });
});
