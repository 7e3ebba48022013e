// The Indicators API's own import body, `{"Indicators": [...]}` (D3), is a JSON input for indicators.import and
// sync, as `{"iocs": [...]}` is for custom TI; custom TI's import still asks for its own shape.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConnectedSession } from "../../src/connect.js";
import { readInput } from "../../src/bulk/index.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { connectTo } from "../client/support.js";

let session: ConnectedSession;

beforeAll(async () => {
  const emu = await startTestEmulator({ quiet: true });
  session = await connectTo(emu, {
    apiUrl: `${emu.url}/api`,
    authUrl: emu.authUrl.replace(/\/oauth2\/token$/, "/oauth2/v2.0/token"),
  });
});
afterAll(() => session.close());

const item = (n: number) => ({
  indicatorValue: `body-${n}.example`,
  indicatorType: "DomainName",
  action: "Block",
  title: "Import body",
  description: "the API's own import body",
});
const BODY = JSON.stringify(
  { Indicators: [item(1), item(2), { ...item(3), indicatorType: "Nope" }] },
  null,
  2,
);

describe('an {"Indicators": [...]} file', () => {
  it("imports its items, each refused one with its line, field, value and rule", async () => {
    const plan = await session.indicators.import(BODY, { format: "json" });
    expect(plan.counts).toMatchObject({ rows: 3, create: 2, rejected: 1 });
    expect(plan.rejected.map((r) => [r.line, r.field, r.value])).toEqual([[17, "indicatorType", "Nope"]]);
    await plan.apply({ confirm: true });
    expect(await session.indicators.count("title eq 'Import body'")).toBe(2);
  });

  it("is not custom TI's shape", async () => {
    await expect(readInput(BODY, { format: "json" })).rejects.toThrow(/an object with an "iocs" array/);
  });
});
