// The .sync wizard at a terminal: input, owner, priority rule, the dry run as a table, confirm, then a second
// sync of the same feed that has nothing to do.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startPty } from "../helpers/repl.js";

describe("the .sync wizard", () => {
  it("shows the dry run as a table, applies on yes, and a second sync plans nothing", async () => {
    const dir = await mkdtemp(join(tmpdir(), "repl-sync-"));
    const feed = join(dir, "feed.csv");
    const rows = ["DomainName,one.example,Block,High", "DomainName,two.example,Block,Low"];
    await writeFile(feed, ["IndicatorType,IndicatorValue,Action,Severity", ...rows].join("\n") + "\n");
    const repl = startPty();
    await repl.ready();
    for (const run of [1, 2]) {
      const from = repl.output().length;
      repl.write(".sync\r");
      await repl.waitFor("Feed file", { from });
      repl.write(`${feed}\r`);
      await repl.waitFor("Owner", { from });
      repl.write("Wizard feed\r");
      await repl.waitFor("Priority over the cap", { from });
      repl.write("\r");
      if (run === 1) {
        await repl.waitFor("Apply this sync?", { from });
        const table = repl.output().slice(from);
        expect(table).toMatch(
          /Action +Line +What +Reason\ncreate +2 +\["one\.example","DomainName","Block"\]/,
        );
        expect(table).toMatch(/create +2\n/);
        expect(table).toContain("calls       import: 1, batchDelete: 0");
        repl.write("y\r");
        const text = await repl.waitFor(/created\s+2[\s\S]*ti\([^)\n]*\)> $/, { from });
        expect(text).toMatch(/deleted\s+0/);
      } else {
        const text = await repl.waitFor(/Nothing written\.[\s\S]*ti\([^)\n]*\)> $/, { from });
        expect(text).toMatch(/unchanged\s+2/);
        expect(text).not.toContain("Apply this sync?");
      }
    }
    repl.kill();
  }, 60_000);
});
