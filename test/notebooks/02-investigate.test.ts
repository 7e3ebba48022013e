import { beforeAll, describe, expect, it } from "vitest";
import { outputText, savedOutputProblems } from "../helpers/notebook.js";
import { runProjectNotebook, type ProjectNotebookRun } from "../helpers/notebook-project.js";

describe("notebooks/02-investigate.ipynb", () => {
  let run: ProjectNotebookRun;
  beforeAll(async () => {
    run = await runProjectNotebook("02-investigate.ipynb");
  }, 300_000);

  it("runs top to bottom through the tslab kernel without an error or stderr output", () => {
    expect(run.failure).toBeUndefined();
  });

  it("filters with $filter and expands each definition's IOCs", () => {
    const text = outputText(run.notebook);
    expect(text).toContain("$filter=(Severity eq 'Medium') or (Severity eq 'High')");
    expect(text).toContain(".badsite.example");
    expect(text).toContain(
      "dead1111eeaabbccddeeaabbccddee11ffffffff, 8311e8b377736fb93b18b15372355f3f26c4cd29",
    );
  });

  it("charts the counts by severity, category and IOC type as SVG inside HTML outputs", () => {
    // HTML, not image/svg+xml: nbconvert's HTML export strips the markup of SVG outputs.
    const charts = run.notebook.cells
      .flatMap((cell) => cell.outputs ?? [])
      .flatMap((output) => ("data" in output ? [output.data["text/html"]] : []))
      .filter((html): html is string => typeof html === "string" && html.startsWith("<svg"));
    expect(charts).toHaveLength(3);
    expect(charts[0]).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(charts.join("")).toContain("SuspiciousNetworkTraffic");
    expect(charts.join("")).toContain("DomainName");
  });

  it("finds the docs' SHA-1 under its definition and exports every IOC to CSV", () => {
    const text = outputText(run.notebook);
    expect(text).toMatch(
      /<td align="left"><div align="left">dead1111eeaabbccddeeaabbccddee11ffffffff<\/div><\/td><td align="left"><div align="left">Equals<\/div><\/td><td align="right" class="ti-num">1<\/td>/,
    );
    expect(text).toContain("Id,Type,Value,DetectionFunction,Enabled,Definition,Severity");
    expect(text).toContain("3,IpAddress,52.184.197.12,Equals,true,Test Alert,Medium");
  });

  it("saves numbered cells and a text/plain part in every rich output", () => {
    expect(savedOutputProblems(run.notebook)).toEqual([]);
  });

  it("never shows the client secret or a token", () => {
    expect(run.leaks).toEqual([]);
  });
});
