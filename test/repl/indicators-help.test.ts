// `.help` tells what `indicators` has: every member the console's set defines (its bulk edits and sync too), and
// examples of its bulk edits beside custom TI's, so an Indicators API user finds them where they look first.
import { describe, expect, it } from "vitest";
import { runPiped } from "../helpers/repl.js";

describe(".help and indicators", () => {
  it("names every member of the preloaded indicators and shows its bulk edits", async () => {
    const { stdout, code } = await runPiped([], {
      input: 'Object.keys(indicators).join(" ")\n.help\n',
    });
    expect(code).toBe(0);
    const members = /'((?:\w+ )+\w+)'/.exec(stdout)?.[1]?.split(" ") ?? [];
    expect(members).toContain("sync");
    const preloaded = /^ {2}indicators {2,}([^\n]*(?:\n {19}[^\n]*)*)/m.exec(stdout)?.[1] ?? "";
    const named = members.filter((m) => new RegExp(`\\b${m}\\b`).test(preloaded));
    expect(named).toEqual(members);
    for (const call of [
      "indicators.import(",
      "indicators.updateWhere(",
      "indicators.deleteWhere(",
      "indicators.export(",
    ])
      expect(stdout).toContain(`  await ${call}`);
  });
});
