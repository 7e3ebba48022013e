import { beforeAll, describe, expect, it } from "vitest";
import { outputText, savedOutputProblems } from "../helpers/notebook.js";
import { runProjectNotebook, type ProjectNotebookRun } from "../helpers/notebook-project.js";

describe("notebooks/06-migrate.ipynb", () => {
  let run: ProjectNotebookRun;
  beforeAll(async () => {
    run = await runProjectNotebook("06-migrate.ipynb");
  }, 300_000);

  it("runs top to bottom through the tslab kernel without an error or stderr output", () => {
    expect(run.failure).toBeUndefined();
  });

  it("plans the demo seed's migration, maps a pair by Part 3 and lists the pairs left out with their reasons", () => {
    const text = outputText(run.notebook);
    expect(text).toMatch(/41 alert definitions \(\d+ disabled\) holding \d+ IOCs\./);
    // The mapping table's HTML rows (the text copy cuts long cells): custom TI field, its value, the indicator's.
    const cell = "</div></td><td[^>]*><div[^>]*>";
    const mapping = (from: string, value: string, to: string, becomes: string) =>
      new RegExp(`>${from}${cell}${value}${cell}${to}${cell}${becomes}</div>`);
    expect(text).toMatch(mapping("UxDescription", "(A device matched [^<]+)", "description", "\\1"));
    expect(text).toMatch(mapping("Severity", "(Informational|Low|Medium|High)", "severity", "\\1"));
    expect(text).toMatch(mapping("Type", "(Sha1|Sha256|Md5)", "indicatorType", "File\\1"));
    expect(text).toMatch(mapping("ExpiresAt", "(\\d{4}-[^<]+)", "expirationTime", "\\1"));
    expect(text).toMatch(mapping("alert on a match", "", "generateAlert", "true"));
    expect(text).toMatch(
      /DetectionFunction: "(StartWith|EndWith|Contains)" has no equivalent in the Indicators API/,
    );
    expect(text).toContain("Enabled: false means the IOC is disabled");
    expect(text).toContain("AlertDefinition.Enabled: false means the definition is disabled");
    // The counts by reason too: "Enabled means the IOC is disabled" once read as if Enabled meant disabled.
    expect(text).not.toMatch(/Enabled means/);
    expect(text).toMatch(/ExpiresAt: "[^"]+" is in the past: an expired IOC is not migrated/);
    expect(text).toMatch(/\d+ duplicates: line \d+ names line \d+'s indicator/);
  });

  it("applies, verifies every planned indicator landed, and a second migration plans nothing new", () => {
    const text = outputText(run.notebook);
    expect(text).toMatch(/Verified: (\d+) planned indicators listed by the Indicators API, 0 missing\./);
    const landed = Number(/Verified: (\d+)/.exec(text)?.[1]);
    expect(text).toContain(`Nothing new: all ${landed} migrated indicators are there as planned.`);
    expect(text).toMatch(/IOCs exported with their definitions\./);
  });

  it("syncs a feed, then plans an empty second sync", () => {
    const text = outputText(run.notebook);
    expect(text).toContain("First sync: 3 created, 0 updated, 0 deleted.");
    expect(text).toContain("The second plan is empty: the feed is in.");
  });

  it("saves numbered cells and a text/plain part in every rich output", () => {
    expect(savedOutputProblems(run.notebook)).toEqual([]);
  });

  it("never shows the client secret or a token", () => {
    expect(run.leaks).toEqual([]);
  });
});
