import { beforeAll, describe, expect, it } from "vitest";
import { outputText, savedOutputProblems } from "../helpers/notebook.js";
import { runProjectNotebook, type ProjectNotebookRun } from "../helpers/notebook-project.js";

describe("notebooks/03-bulk-edit.ipynb", () => {
  let run: ProjectNotebookRun;
  beforeAll(async () => {
    run = await runProjectNotebook("03-bulk-edit.ipynb");
  }, 300_000);

  it("runs top to bottom through the tslab kernel without an error or stderr output", () => {
    expect(run.failure).toBeUndefined();
  });

  it("shows a dry-run plan with creates, duplicates and invalid rows with their reasons", () => {
    const text = outputText(run.notebook);
    expect(text).toContain(
      '<td align="right" class="ti-num">309</td><td align="right" class="ti-num">303</td><td align="right" class="ti-num">0</td><td align="right" class="ti-num">0</td><td align="right" class="ti-num">2</td><td align="right" class="ti-num">4</td>',
    );
    expect(text).toContain("the same IOC as line 2");
    expect(text).toContain("no CIDR, no ranges");
    expect(text).toContain("10 of 303 rows");
    // Line 309's Type is wrong: its Value column must not show the bad Type as if it were the value.
    expect(text).toContain('Type: "Hostname"');
    expect(text).not.toMatch(/skip: invalid(<\/div>|<\/td>|<td[^>]*>|<div[^>]*>|[\s│|])+Hostname/);
  });

  it("applies with a progress bar, verifies, disables and cleans up", () => {
    const text = outputText(run.notebook);
    expect(text).toContain("Importing: 303 of 303 (100%), 0 failed");
    // The run's seconds are a number, right-aligned as the counts beside them.
    expect(text).toMatch(
      /<td align="right" class="ti-num">0<\/td><td align="right" class="ti-num">\d+(\.\d)?<\/td><\/tr>/,
    );
    expect(text).toContain("303 IOCs belong to");
    expect(text).toContain(
      '<td align="right" class="ti-num">309</td><td align="right" class="ti-num">0</td><td align="right" class="ti-num">0</td><td align="right" class="ti-num">303</td><td align="right" class="ti-num">2</td><td align="right" class="ti-num">4</td>',
    );
    expect(text).toContain("300 IOCs disabled, 0 failed; 3 IOCs of the feed stay enabled.");
    // On the demo seed: the clean-up leaves what was there before, and the feed's definition came after its 41.
    const [, id, left, before] =
      /Deleted 303 IOCs and alert definition (\d+); (\d+) IOCs left, (\d+) before the import\./.exec(text) ??
      [];
    expect(Number(id)).toBe(42);
    expect(Number(left)).toBeGreaterThan(250);
    expect(left).toBe(before);
  });

  it("saves numbered cells and a text/plain part in every rich output", () => {
    expect(savedOutputProblems(run.notebook)).toEqual([]);
  });

  it("never shows the client secret or a token", () => {
    expect(run.leaks).toEqual([]);
  });
});
