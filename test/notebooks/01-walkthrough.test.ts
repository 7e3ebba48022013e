import { beforeAll, describe, expect, it } from "vitest";
import { outputText, savedOutputProblems } from "../helpers/notebook.js";
import { runProjectNotebook, type ProjectNotebookRun } from "../helpers/notebook-project.js";

describe("notebooks/01-walkthrough.ipynb", () => {
  let run: ProjectNotebookRun;
  beforeAll(async () => {
    run = await runProjectNotebook("01-walkthrough.ipynb");
  }, 300_000);

  it("runs top to bottom through the tslab kernel without an error or stderr output", () => {
    expect(run.failure).toBeUndefined();
    expect(run.cells.every((cell) => cell.status === "ok")).toBe(true);
  });

  it("creates the docs' alert definition and SHA-1 IOC and shows them as HTML tables", () => {
    const text = outputText(run.notebook);
    expect(text).toContain("dead1111eeaabbccddeeaabbccddee11ffffffff");
    expect(text).toContain("The alert&#39;s name");
    expect(text).toContain("Trojan");
    expect(text).toMatch(/<table class="ti-table">/);
  });

  it("shows what happened on the wire: the list, both creates and their statuses", () => {
    const text = outputText(run.notebook);
    expect(text).toMatch(
      /<td align="left"><div align="left">GET<\/div><\/td><td align="left"><div align="left">http:\/\/127\.0\.0\.1:\d+\/V1\.0\/AlertDefinitions<\/div><\/td><td align="right" class="ti-num">200<\/td>/,
    );
    expect(text).toMatch(
      /<td align="left"><div align="left">POST<\/div><\/td><td align="left"><div align="left">[^<]*\/V1\.0\/IndicatorsOfCompromise<\/div><\/td><td align="right" class="ti-num">201<\/td>/,
    );
  });

  it("saves numbered cells and a text/plain part in every rich output", () => {
    expect(savedOutputProblems(run.notebook)).toEqual([]);
  });

  it("never shows the client secret or a token", () => {
    expect(run.leaks).toEqual([]);
  });
});
