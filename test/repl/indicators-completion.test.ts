// Completion for the Indicators API's set: property names inside submit's object, the enum values in quotes after
// indicatorType / action / severity, and property names in `indicators.where.<op>("` (as alerts and iocs have).
import { describe, expect, it } from "vitest";
import { complete } from "../../src/repl/completion.js";
import { startPty } from "../helpers/repl.js";

const context = { indicators: { submit: () => 0, list: () => 0 } };

describe("completing indicators", () => {
  it("offers the writable properties inside indicators.submit({, leaving out those typed", () => {
    expect(complete("await indicators.submit({ indicatorT", context, [])).toEqual([
      ["indicatorType"],
      "indicatorT",
    ]);
    expect(complete('indicators.submit({ indicatorType: "Url", ind', context, [])).toEqual([
      ["indicatorValue"],
      "ind",
    ]);
    expect(complete("indicators.submit({ creat", context, [])).toEqual([[], "creat"]); // read-only: createdBy…
  });

  it("offers indicatorType, action and severity values in quotes", () => {
    expect(complete('indicators.submit({ indicatorType: "File', context, [])).toEqual([
      ["FileMd5", "FileSha1", "FileSha256"],
      "File",
    ]);
    expect(complete("indicators.submit({ action: 'Bl", context, [])).toEqual([
      ["Block", "BlockAndRemediate"],
      "Bl",
    ]);
    expect(complete('indicators.submit({ severity: "H', context, [])).toEqual([["High"], "H"]);
  });

  it("offers the filterable properties in indicators.where's quotes", () => {
    expect(complete('indicators.where.eq("indicatorT', context, [])).toEqual([
      ["indicatorType"],
      "indicatorT",
    ]);
    expect(complete('indicators.where.eq("educ', context, [])).toEqual([[], "educ"]); // not filterable
  });

  it("completes a property name at the console's terminal", async () => {
    const repl = startPty();
    await repl.ready();
    const from = repl.output().length;
    repl.write('indicators.submit({ indicatorType: "CertificateTh\t');
    await repl.waitFor('indicators.submit({ indicatorType: "CertificateThumbprint', { from });
    repl.write("\u0015");
    expect(await repl.send("1 + 1")).toContain("2");
    repl.kill();
  });
});
