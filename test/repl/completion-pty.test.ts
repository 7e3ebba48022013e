import { describe, expect, it } from "vitest";
import { startPty } from "../helpers/repl.js";

describe("Tab at the terminal", () => {
  it("completes a call's option key inside list({ and a field name inside where's quotes", async () => {
    const repl = startPty();
    await repl.ready();
    let from = repl.output().length;
    repl.write("iocs.list({ orde\t");
    expect(await repl.waitFor("iocs.list({ orderBy", { from })).toContain("orderBy");
    repl.write("\u0003");
    await repl.waitForPrompt({ from });
    from = repl.output().length;
    repl.write('iocs.where.eq("DetectionF\t');
    expect(await repl.waitFor('iocs.where.eq("DetectionFunction', { from })).toContain("DetectionFunction");
    repl.kill();
  });
});
