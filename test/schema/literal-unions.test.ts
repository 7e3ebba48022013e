// Type-level tests: the suite's typecheck (tsc over test/) fails if an input type accepts a value outside its
// enum. Each `@ts-expect-error` line must be an error; each expectTypeOf must hold.
import { describe, expectTypeOf, it } from "vitest";
import type {
  AlertDefinitionInput,
  DetectionFunction,
  Indicator,
  IndicatorInput,
  IndicatorOfCompromise,
  IocInput,
  IocType,
  Severity,
} from "../../src/index.js";
import type { IocCreateInput } from "../../src/api/index.js";
import type { IndicatorAction, IndicatorType } from "../../src/schema/index.js";

const alert = { Name: "n", Title: "t", UxDescription: "u", Category: "Malware" } as const;
const ioc = { Value: "v", DetectionFunction: "Equals", AlertDefinition: 1 } as const;
const indicator = { indicatorValue: "a.example", title: "t", description: "d" } as const;

describe("custom TI input types", () => {
  it("take an IOC type, a severity and a detection function only from their lists", () => {
    const sha256: IocCreateInput = { ...ioc, Type: "Sha256" };
    // @ts-expect-error: "Sha3" is not an IOC type
    const sha3: IocCreateInput = { ...ioc, Type: "Sha3" };
    const high: AlertDefinitionInput = { ...alert, Severity: "High" };
    // @ts-expect-error: "Urgent" is not a severity
    const urgent: AlertDefinitionInput = { ...alert, Severity: "Urgent" };
    // @ts-expect-error: "Matches" is not a detection function
    const matches: IocInput = { Type: "Sha1", Value: "v", DetectionFunction: "Matches" };
    expectTypeOf([sha256, sha3, high, urgent, matches]).not.toBeAny();
  });

  it("take the upper- and lower-case spellings the docs use (SHA1), matched without regard to case", () => {
    const upper: IocInput = { Type: "SHA1", Value: "v", DetectionFunction: "EQUALS" };
    const lower: AlertDefinitionInput = { ...alert, Severity: "low" };
    expectTypeOf(upper.Type).toExtend<string>();
    expectTypeOf(lower.Severity).toExtend<string>();
  });

  it("give entities read back the exact unions", () => {
    expectTypeOf<IndicatorOfCompromise["Type"]>().toEqualTypeOf<IocType>();
    expectTypeOf<IndicatorOfCompromise["DetectionFunction"]>().toEqualTypeOf<DetectionFunction>();
    expectTypeOf<IocType>().toEqualTypeOf<"Sha1" | "Sha256" | "Md5" | "IpAddress" | "DomainName">();
    expectTypeOf<Severity>().toEqualTypeOf<"Informational" | "Low" | "Medium" | "High">();
  });
});

describe("Indicators API input types", () => {
  it("take an indicator type, an action and a severity only from their lists", () => {
    const block: IndicatorInput = { ...indicator, indicatorType: "DomainName", action: "Block" };
    // @ts-expect-error: "Sha3" is not an indicator type
    const sha3: IndicatorInput = { ...indicator, indicatorType: "FileSha3", action: "Block" };
    // @ts-expect-error: "AlertAndBlock" is a legacy action (the run-time error names its replacement)
    const legacy: IndicatorInput = { ...indicator, indicatorType: "DomainName", action: "AlertAndBlock" };
    // @ts-expect-error: "Urgent" is not a severity
    const urgent: IndicatorInput = { ...block, severity: "Urgent" };
    expectTypeOf([block, sha3, legacy, urgent]).not.toBeAny();
  });

  it("give indicators read back the exact unions", () => {
    expectTypeOf<Indicator["indicatorType"]>().toEqualTypeOf<IndicatorType>();
    expectTypeOf<Indicator["action"]>().toEqualTypeOf<IndicatorAction>();
    expectTypeOf<Indicator["severity"]>().toEqualTypeOf<Severity>();
  });
});
