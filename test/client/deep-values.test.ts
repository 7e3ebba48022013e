import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator } from "../helpers/emulator.js";
import type { Session } from "../../src/api/index.js";
import { formatError, toJson } from "../../src/display/index.js";
import { alertInput, connectTo, sha1 } from "./support.js";

/** `{ a: { a: ... } }`, `depth` levels deep (built in a loop: the test itself must not recurse). */
function nested(depth: number, leaf: unknown = "x"): never {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 ? { a: value } : [value];
  // Typed `never` so it goes where any field type is expected: the point is input the types would refuse.
  return value as never;
}

let session: Session;
beforeAll(async () => {
  session = await connectTo(await startTestEmulator({ quiet: true }));
});
afterAll(() => session.close());

/** The error of `run`, shown every way a user could show it: none of them may overflow the stack. */
async function shownError(run: () => Promise<unknown>) {
  const error = (await run().catch((e: unknown) => e)) as Error;
  expect(error).toMatchObject({ kind: "validation" });
  for (const show of [String, inspect, formatError, toJson, JSON.stringify, (e: Error) => e.stack])
    expect(() => show(error)).not.toThrow();
  return error;
}

describe("a 5,000-deep value", () => {
  it("in a string field is a ValidationError naming the field, the value shortened", async () => {
    const deep = nested(5_000);
    const error = await shownError(() =>
      session.alerts.create({ ...alertInput("deep"), InternalDescription: deep }),
    );
    expect(error.message).toMatch(/InternalDescription: \{"a":\[\{"a":.*\{\.\.\.\}.* must be a string$/);
    expect(error.message.length).toBeLessThan(300);
  });

  it("in an unknown property, an IOC Value, an update, a bind and a get by Id is a ValidationError", async () => {
    const deep = nested(5_000, 1);
    const extra = { ...alertInput("deep 2"), Extra: deep };
    await shownError(() => session.alerts.create(extra));
    const ioc = {
      Type: "Sha1" as const,
      Value: deep,
      DetectionFunction: "Equals" as const,
      AlertDefinition: 1,
    };
    const iocError = await shownError(() => session.iocs.create(ioc));
    expect(iocError.message).toContain("Value: ");
    await shownError(() => session.alerts.update(1, { Title: deep }));
    await shownError(() => session.iocs.create({ ...ioc, Value: sha1(1), AlertDefinition: deep }));
    await shownError(() => session.alerts.get(deep as number));
  });
});
