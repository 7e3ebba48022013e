import { describe, expect, it } from "vitest";
import { complete } from "../../src/repl/completion.js";
import { OPTION_KEYS } from "../../src/api/index.js";

let calls = 0;
const alerts = {
  list: () => {
    calls++;
    return [];
  },
  create: () => calls++,
  get poisoned(): unknown {
    calls++;
    return {};
  },
};
const context = { alerts, iocs: { list: () => calls++, forAlert: () => calls++ }, a: { Id: 1, Name: "x" } };

describe("complete", () => {
  it("completes the preloaded names and keywords", () => {
    expect(complete("ale", context, [])).toEqual([["alerts"], "ale"]);
    expect(complete("x = aw", context, [])[0]).toContain("await");
  });

  it("completes the methods of alerts and iocs", () => {
    expect(complete("alerts.cr", context, [])).toEqual([["create"], "cr"]);
    expect(complete("await iocs.", context, [])[0]).toEqual(["forAlert", "list"]);
  });

  it("completes the fields of a plain value", () => {
    expect(complete("a.N", context, [])).toEqual([["Name"], "N"]);
  });

  it("completes field names inside the object passed to create and update", () => {
    expect(complete("await alerts.create({ Sev", context, [])).toEqual([["Severity"], "Sev"]);
    expect(complete('await iocs.create({ Type: "Sha1", Al', context, [])).toEqual([
      ["AlertDefinition"],
      "Al",
    ]);
    expect(complete("iocs.update(3, { Det", context, [])).toEqual([["DetectionFunction"], "Det"]);
  });

  it("completes enum values inside quotes", () => {
    expect(complete('alerts.create({ Severity: "Hi', context, [])).toEqual([["High"], "Hi"]);
    expect(complete("x = { Type: 'Sh", context, [])).toEqual([["Sha1", "Sha256"], "Sh"]);
    expect(complete('{ DetectionFunction: "', context, [])[0]).toEqual([
      "Contains",
      "EndWith",
      "Equals",
      "StartWith",
    ]);
    expect(complete('{ Category: "Troj', context, [])[0]).toEqual(["Trojan", "TrojanDownloader"]);
  });

  it("completes dot-commands", () => {
    expect(complete(".wa", context, ["walkthrough", "whoami"])).toEqual([[".walkthrough"], ".wa"]);
  });

  it("never calls a function or reads a getter", () => {
    calls = 0;
    expect(complete("alerts.list().", context, [])).toEqual([[], ""]);
    expect(complete("alerts.list().le", context, [])).toEqual([[], ""]);
    expect(complete("alerts.poisoned.", context, [])).toEqual([[], ""]);
    expect(complete("(await iocs.list()).", context, [])).toEqual([[], ""]);
    expect(complete("alerts.", context, [])[0]).toContain("poisoned");
    expect(calls).toBe(0);
  });
});

describe("complete in calls", () => {
  it("offers a call's options (from OPTION_KEYS) in the options object, not entity fields", () => {
    expect(complete("await iocs.list({ ", context, [])[0]).toEqual([...OPTION_KEYS.list].sort());
    expect(complete("await iocs.list({ ", context, [])[0]).toContain("orderBy");
    expect(complete("await iocs.list({ ", context, [])[0]).not.toContain("Severity");
    expect(complete("await iocs.list({ fi", context, [])).toEqual([["filter"], "fi"]);
    expect(complete("await alerts.get(2, { ex", context, [])).toEqual([["expand"], "ex"]);
  });

  it("leaves out the keys already typed, at the object's own level", () => {
    const keys = complete('iocs.list({ top: 5, filter: iocs.where.eq("Type", "Sha1"), ', context, [])[0];
    expect(keys).toContain("orderBy");
    expect(keys).not.toContain("top");
    expect(keys).not.toContain("filter");
    expect(complete('alerts.create({ Name: "n", Severity: "Low", ', context, [])[0]).not.toContain(
      "Severity",
    );
    expect(complete('alerts.create({ Name: "n", ', context, [])[0]).toContain("Severity");
  });

  it("offers the set's field names inside where's quotes", () => {
    expect(complete('iocs.where.eq("', context, [])[0]).toContain("DetectionFunction");
    expect(complete('alerts.where.ne("Sev', context, [])).toEqual([["Severity"], "Sev"]);
  });
});
