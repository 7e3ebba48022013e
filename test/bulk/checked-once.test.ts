// Bulk planning validates every row once; bulkUpload then sends the planned bodies without a second pass
// (issue 14). What makes that safe is tested here: the bodies are frozen, and a mark only ever covers its set.
import { beforeAll, describe, expect, it } from "vitest";
import type { Session } from "../../src/api/index.js";
import { markChecked } from "../../src/api/index.js";
import { importIocs } from "../../src/bulk/index.js";
import { ValidationError } from "../../src/errors/index.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { iocsOf, newAlert, openSession } from "./session.js";

const SHA256 = "a".repeat(64);
let emu: RunningEmulator;
let session: Session;
beforeAll(async () => {
  emu = await startTestEmulator({ quiet: true });
  session = await openSession(emu);
});

describe("a body validated by planning", () => {
  it("cannot change between the plan and its apply, so what was validated is what is sent", async () => {
    const alert = await newAlert(session);
    const plan = await importIocs(session, `type,value\nSha256,${SHA256}`, { alert });
    const body = plan.create[0]!.body as Record<string, unknown>;
    expect(Object.isFrozen(body)).toBe(true);
    expect(() => (body["Value"] = "not a hash")).toThrow(TypeError);
    await plan.apply({ confirm: true });
    expect((await iocsOf(session, alert)).map((i) => i.Value)).toEqual([SHA256]);
  });

  it("is checked all the same when it goes to another set, and when it carries an expiry", async () => {
    const alert = await newAlert(session);
    const ioc = { Type: "Sha256", Value: SHA256, DetectionFunction: "Equals" };
    const marked = markChecked("IndicatorsOfCompromise", { ...ioc });
    await expect(session.alerts.bulkUpload([marked as never])).rejects.toThrow(ValidationError);
    const bind = { "AlertDefinition@odata.bind": `AlertDefinitions(${alert})` };
    const expiring = markChecked("IndicatorsOfCompromise", { ...ioc, ...bind, ExpiresAt: "tomorrow" });
    expect(Object.isFrozen(expiring)).toBe(false);
    await expect(session.iocs.bulkUpload([expiring as never])).rejects.toThrow(/ExpiresAt/);
    expect(await iocsOf(session, alert)).toEqual([]);
  });
});
