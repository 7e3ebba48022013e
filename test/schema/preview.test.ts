import { describe, expect, it } from "vitest";
import { boundedValue, previewValue } from "../../src/schema/index.js";

describe("previewValue", () => {
  it("shows small values as JSON", () => {
    expect(previewValue({ a: [1, "b", null, true] })).toBe('{"a":[1,"b",null,true]}');
    expect(previewValue(10n)).toBe("10n");
  });

  it("cuts long, wide, deep and cyclic values to the limit", () => {
    expect(previewValue("x".repeat(10_000_000))).toHaveLength(80);
    expect(
      previewValue(
        Array.from({ length: 1_000_000 }, (_, i) => i),
        20,
      ),
    ).toBe("[0,1,2,3,4,5,6,7,...");
    const cycle: Record<string, unknown> = {};
    cycle["self"] = cycle;
    expect(previewValue(cycle, 200)).toBe(`${'{"self":'.repeat(8)}{...}${"}".repeat(8)}`);
  });
});

describe("boundedValue", () => {
  it("keeps a shallow value and replaces a deep one by its preview", () => {
    const shallow = { a: { b: [1] } };
    expect(boundedValue(shallow)).toBe(shallow);
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(boundedValue(deep)).toBe(`${"[".repeat(8)}[...]${"]".repeat(8)}`);
  });
});
