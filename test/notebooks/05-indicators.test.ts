import { beforeAll, describe, expect, it } from "vitest";
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
    expect(text).toMatch(/Deleted \d+: 11 indicators before, 10 now\./);
  });

  it("counts indicators by action, type and expiry, in tables and as SVG charts inside HTML outputs", () => {
    const text = outputText(run.notebook);
    expect(text).toMatch(/BlockAndRemediate<\/div><\/td><td align="right" class="ti-num">2<\/td>/);
    expect(text).toMatch(/CertificateThumbprint<\/div><\/td><td align="right" class="ti-num">1<\/td>/);
    expect(text).toMatch(/never<\/div><\/td><td align="right" class="ti-num">5<\/td>/);
    const charts = run.notebook.cells
      .flatMap((cell) => cell.outputs ?? [])
      .flatMap((output) => ("data" in output ? [output.data["text/html"]] : []))
      .filter((html): html is string => typeof html === "string" && html.startsWith("<svg"));
    expect(charts).toHaveLength(3);
    expect(charts.join("")).toContain("Indicators by expiry");
  });

  it("finds the indicators expiring soon and the value listed under three actions", () => {
    const text = outputText(run.notebook);
    expect(text).toMatch(/10\.10\.10\.10[\s\S]*https:\/\/login-contoso\.example\.com\/phish/);
    expect(text).toContain("Block, Warn, Allowed");
  });

  it("saves numbered cells and a text/plain part in every rich output", () => {
    expect(savedOutputProblems(run.notebook)).toEqual([]);
  });

  it("never shows the client secret or a token", () => {
    expect(run.leaks).toEqual([]);
  });
});
