import { beforeAll, describe, expect, it } from "vitest";
import { SEVERITY_CSS } from "../../src/display/index.js";
import { outputText, savedOutputProblems } from "../helpers/notebook.js";
import { runProjectNotebook, type ProjectNotebookRun } from "../helpers/notebook-project.js";

describe("notebooks/05-indicators.ipynb", () => {
  let run: ProjectNotebookRun;
  beforeAll(async () => {
    run = await runProjectNotebook("05-indicators.ipynb");
  }, 300_000);

  it("runs top to bottom through the tslab kernel without an error or stderr output", () => {
    expect(run.failure).toBeUndefined();
  });

  it("takes the hello world's steps: a token with a scope, submit, a filtered list, import, batch delete", () => {
    const text = outputText(run.notebook);
    expect(text).toContain("https://api.securitycenter.microsoft.com/.default");
    expect(text).toContain("/oauth2/v2.0/token");
    expect(text).toContain("220e7d15b011d7fac48f2bd61114db1022197f7f");
    expect(text).toContain("2233223322332233223322332233223322332233223322332233223322332222");
    // The sample holds the docs' submit sample and the import's second item: both are updated, not duplicated,
    // and only the one indicator the steps created is deleted.
    expect(text).toContain("Updated indicator 1, which was there.");
    // The demo seed: the docs' 10 sample indicators and 240 more.
    expect(text).toMatch(/Deleted \d+: 251 indicators before, 250 now\./);
  });

  it("charts indicators by action, type, severity and expiry as images with the counts as text/plain", () => {
    const charts = run.notebook.cells
      .flatMap((cell) => cell.outputs ?? [])
      .flatMap((output) => ("data" in output ? [output.data as Record<string, unknown>] : []))
      .filter((data) => typeof data["image/svg+xml"] === "string");
    const texts = charts.map((d) => String(d["text/plain"]));
    expect(texts.map((t) => t.split("\n")[0])).toEqual([
      "Indicators by action",
      "Indicators by type",
      "Indicators by severity",
      "Indicators by expiry",
    ]);
    // Every text table's headers in one case: "Action  Indicators", never "action  Indicators".
    expect(texts.map((t) => t.split("\n")[1])).toEqual([
      expect.stringMatching(/^Action\s+Indicators$/),
      expect.stringMatching(/^Type\s+Indicators$/),
      expect.stringMatching(/^Severity\s+Indicators$/),
      expect.stringMatching(/^Expires\s+Indicators$/),
    ]);
    for (const d of charts)
      expect(d["text/html"]).toMatch(/^<img class="ti-chart" alt="[^"]+" src="data:image\/svg\+xml;base64,/);
    const [action, type, severity, expiry] = charts.map((d) => String(d["image/svg+xml"]));
    expect(action).toContain(">BlockAndRemediate</text>");
    expect(type).toContain(">CertificateThumbprint</text>");
    for (const css of Object.values(SEVERITY_CSS)) expect(severity).toContain(`fill="${css}"`);
    expect(expiry).toContain(">never</text>");
    // Every bucket in its order, whatever the counts; the four add up to the 250 listed.
    const buckets = texts[3]!
      .split("\n")
      .slice(2)
      .map((line) => /^(.+?)\s+(\d+)$/.exec(line)!);
    expect(buckets.map((m) => m[1])).toEqual(["within 7 days", "within 30 days", "later", "never"]);
    expect(buckets.reduce((n, m) => n + Number(m[2]), 0)).toBe(250);
    expect(
      texts[2]!
        .split("\n")
        .slice(2)
        .map((line) => line.split(/\s+/)[0]),
    ).toEqual(["High", "Medium", "Low", "Informational"]);
  });

  it("finds the indicators expiring soon and the value listed under three actions", () => {
    const text = outputText(run.notebook);
    expect(Number(/(\d+) indicators expire within 7 days; the first ten:/.exec(text)?.[1])).toBeGreaterThan(
      10,
    );
    expect(text).toContain("Block, Warn, Allowed");
  });

  it("saves numbered cells and a text/plain part in every rich output", () => {
    expect(savedOutputProblems(run.notebook)).toEqual([]);
  });

  it("never shows the client secret or a token", () => {
    expect(run.leaks).toEqual([]);
  });
});
