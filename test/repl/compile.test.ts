import { createContext, Script } from "node:vm";
import { describe, expect, it } from "vitest";
import { compileEntry, IncompleteInput } from "../../src/repl/compile.js";

async function run(context: object, code: string): Promise<unknown> {
  const { source, awaits } = compileEntry(code);
  const value: unknown = new Script(source).runInContext(context);
  return awaits ? await value : value;
}

describe("compileEntry", () => {
  it("keeps top-level declarations of an awaiting entry in the context", async () => {
    const context = createContext({ get: (v: unknown) => Promise.resolve(v) });
    await run(context, "const a = await get(1), { b, c: [d] } = await get({ b: 2, c: [3] }); let e;");
    await run(context, "function f() { return a + b } class K {}; await get(0)");
    expect(await run(context, "[a, b, d, e, f(), typeof K]")).toEqual([1, 2, 3, undefined, 3, "function"]);
  });

  it("gives an awaiting entry the value of its last expression, and a plain one its own", async () => {
    const context = createContext({ get: (v: unknown) => Promise.resolve(v) });
    expect(await run(context, "const x = await get(20); x + 1")).toBe(21);
    expect(await run(context, "for await (const v of [get(1)]) {}; 7")).toBe(7);
    expect(compileEntry("1 + 1")).toEqual({ source: "1 + 1", awaits: false, lineOffset: 0 });
    expect(compileEntry("await get(1)").lineOffset).toBe(1);
    expect(compileEntry("async () => { await 1 }").awaits).toBe(false);
  });

  it("reads a lone { … } as an object literal", async () => {
    expect(await run(createContext({}), "{ a: 1 }")).toEqual({ a: 1 });
    expect(compileEntry("{ let a = 1; }").source).toBe("{ let a = 1; }");
  });

  it("tells an unfinished entry from a syntax error", () => {
    for (const code of ["alerts.create({", "`abc", "/* note", "if (x) {"])
      expect(() => compileEntry(code), code).toThrow(IncompleteInput);
    expect(compileEntry('"abc').source).toBe('"abc');
  });
});
