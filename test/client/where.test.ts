import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator } from "../helpers/emulator.js";
import type { Session } from "../../src/api/index.js";
import { ValidationError } from "../../src/errors/index.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { alertInput, connectTo, sha1 } from "./support.js";

let emu: RunningEmulator;
let session: Session;
let alertId: number;

beforeAll(async () => {
  emu = await startTestEmulator({ quiet: true });
  session = await connectTo(emu);
  alertId = (await session.alerts.create(alertInput("where"))).Id;
  const expiries = ["2029-06-01T00:00:00Z", "2031-06-01T00:00:00Z", null];
  for (const [i, ExpiresAt] of expiries.entries()) {
    await session.iocs.create({
      Type: "Sha1",
      Value: sha1(900 + i),
      DetectionFunction: "Equals",
      Enabled: i !== 1,
      ExpiresAt,
      AlertDefinition: alertId,
    });
  }
});
afterAll(() => session.close());

const values = async (filter: ReturnType<Session["iocs"]["where"]["eq"]>) =>
  (await session.iocs.list({ filter }).toArray()).map((ioc) => ioc.Value).sort();

describe("the typed where of an entity set, against the emulator", () => {
  it("prints a filter as its OData text, also inside objects (the console and notebooks use inspect)", () => {
    const f = session.iocs.where.and(session.iocs.where.eq("Type", "Md5"), session.iocs.where.gt("Id", 3));
    expect(inspect(f)).toBe("[Filter: (Type eq 'Md5') and (Id gt 3)]");
    expect(inspect({ filter: f })).toBe("{ filter: [Filter: (Type eq 'Md5') and (Id gt 3)] }");
  });

  it("compares a date-time field with an ISO string, written unquoted", async () => {
    const filter = session.iocs.where.lt("ExpiresAt", "2030-01-01T00:00:00Z");
    expect(String(filter)).toBe("ExpiresAt lt 2030-01-01T00:00:00Z");
    expect(await values(filter)).toEqual([sha1(900)]);
  });

  it("compares a date-time field with a Date, and keeps a written offset as given", async () => {
    expect(await values(session.iocs.where.gt("ExpiresAt", new Date("2030-01-01T00:00:00Z")))).toEqual([
      sha1(901),
    ]);
    const offset = session.iocs.where.le("ExpiresAt", "2029-06-01T02:00:00+02:00");
    expect(String(offset)).toBe("ExpiresAt le 2029-06-01T02:00:00+02:00");
    expect(await values(offset)).toEqual([sha1(900)]);
  });

  it("writes enums and strings quoted, numbers and booleans bare, null for a nullable field", async () => {
    const { where } = session.iocs;
    expect(String(where.eq("Type", "Sha1"))).toBe("Type eq 'Sha1'");
    expect(String(where.eq("AlertDefinitionId", alertId))).toBe(`AlertDefinitionId eq ${alertId}`);
    expect(String(where.eq("Enabled", false))).toBe("Enabled eq false");
    expect(String(session.alerts.where.contains("Title", "it's"))).toBe("contains(Title,'it''s')");
    expect(await values(where.eq("Enabled", false))).toEqual([sha1(901)]);
    expect(await values(where.eq("ExpiresAt", null))).toEqual([sha1(902)]);
    expect(
      await values(where.and(where.eq("AlertDefinitionId", alertId), where.in("Type", ["Sha1", "Md5"]))),
    ).toEqual([sha1(900), sha1(901), sha1(902)]);
  });

  it("refuses a wrong operand before any request, naming field, value and rule", () => {
    const { where } = session.iocs;
    const refused = (make: () => unknown) => {
      try {
        make();
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        return (error as ValidationError).violations[0];
      }
      throw new Error("no ValidationError");
    };
    expect(refused(() => where.lt("ExpiresAt", "tomorrow" as never))).toMatchObject({
      field: "ExpiresAt",
      value: "tomorrow",
      rule: expect.stringMatching(/ISO 8601 date-time/),
    });
    expect(refused(() => where.lt("ExpiresAt", new Date(Number.NaN)))).toMatchObject({
      field: "ExpiresAt",
      rule: expect.stringMatching(/valid date/),
    });
    expect(refused(() => where.eq("Type", "Sha512" as never))).toMatchObject({
      field: "Type",
      value: "Sha512",
      rule: expect.stringMatching(/one of .*Sha1/),
    });
    expect(refused(() => where.eq("AlertDefinitionId", 1.5))).toMatchObject({
      field: "AlertDefinitionId",
      value: 1.5,
      rule: expect.stringMatching(/whole number/),
    });
    expect(refused(() => where.eq("Enabled", "yes" as never))).toMatchObject({
      field: "Enabled",
      rule: expect.stringMatching(/true or false/),
    });
    expect(refused(() => where.eq("Value", null as never))).toMatchObject({
      field: "Value",
      value: null,
      rule: expect.stringMatching(/never null/),
    });
    expect(refused(() => where.eq("Severty" as never, "High" as never))).toMatchObject({
      field: "Severty",
      rule: expect.stringMatching(/not a property of IndicatorsOfCompromise/),
    });
    expect(refused(() => where.in("Type", []))).toMatchObject({ field: "Type" });
  });

  it("checks field names and operands at compile time, from the field facts", () => {
    const { where } = session.alerts;
    const iocs = session.iocs.where;
    expect(String(where.eq("Severity", "High"))).toBe("Severity eq 'High'");
    // An open enum (Category) also takes other strings.
    expect(String(where.eq("Category", "Phishing"))).toBe("Category eq 'Phishing'");
    expect(String(iocs.in("Type", ["Sha1", "Md5"]))).toBe("Type in ('Sha1','Md5')");
    // @ts-expect-error misspelt field
    expect(() => where.eq("Severty", "High")).toThrow(ValidationError);
    // @ts-expect-error not a Severity
    expect(() => where.eq("Severity", "Critical")).toThrow(/one of/);
    // @ts-expect-error Enabled is a boolean
    expect(() => where.eq("Enabled", "yes")).toThrow(/true or false/);
    // @ts-expect-error a navigation property cannot be compared
    expect(() => iocs.eq("AlertDefinition", null)).toThrow(/not a property/);
    // @ts-expect-error not an ISO date-time
    expect(() => iocs.lt("ExpiresAt", "next week")).toThrow(/ISO 8601/);
    // @ts-expect-error Id is a number
    expect(() => iocs.eq("Id", "1")).toThrow(/whole number/);
    // @ts-expect-error booleans are not ordered
    expect(() => iocs.gt("Enabled", true)).toThrow(/cannot be ordered/);
    // @ts-expect-error null is not ordered
    expect(() => iocs.lt("ExpiresAt", null)).toThrow(/null/);
    // @ts-expect-error contains takes a string field
    expect(() => iocs.contains("ExpiresAt", "2030")).toThrow(/string property/);
  });
});
