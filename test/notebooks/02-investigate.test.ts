import { beforeAll, describe, expect, it } from "vitest";
import { SEVERITY_CSS } from "../../src/display/index.js";
import { outputText, savedOutputProblems } from "../helpers/notebook.js";
import { runProjectNotebook, type ProjectNotebookRun } from "../helpers/notebook-project.js";

type Data = Record<string, unknown>;

/** The rich outputs (display data) of a run, in order. */
function richOutputs(run: ProjectNotebookRun): Data[] {
  return run.notebook.cells
    .flatMap((cell) => cell.outputs ?? [])
    .flatMap((o) => ("data" in o ? [o.data as Data] : []));
}

describe("notebooks/02-investigate.ipynb", () => {
  let run: ProjectNotebookRun;
  beforeAll(async () => {
    run = await runProjectNotebook("02-investigate.ipynb");
  }, 300_000);

  it("runs top to bottom through the tslab kernel on the demo seed without an error or stderr output", () => {
    expect(run.failure).toBeUndefined();
    expect(outputText(run.notebook)).toContain(", demo data");
  });

  it("filters the upper severities and sorts them by rank, High before Medium", () => {
    const text = outputText(run.notebook);
    expect(text).toContain("$filter=(Severity eq 'Medium') or (Severity eq 'High')");
    const table = richOutputs(run)
      .map((d) => String(d["text/plain"]))
      .find((t) => t.startsWith("Id") && t.includes("Medium") && t.includes("High"));
    const severities = (table ?? "")
      .split("\n")
      .slice(1)
      .map((line) => /\b(High|Medium)\b/.exec(line)?.[1]);
    expect(severities.length).toBeGreaterThan(4);
    expect(severities.lastIndexOf("High")).toBeLessThan(severities.indexOf("Medium"));
    expect(severities).not.toContain("Low");
  });

  it("charts severity, category, IOC type, IOCs per day and per definition as images with text/plain", () => {
    const charts = richOutputs(run).filter((d) => typeof d["image/svg+xml"] === "string");
    // The first line is the title, with what was left out in parentheses.
    expect(
      charts.map((d) =>
        String(d["text/plain"])
          .split("\n")[0]!
          .replace(/ \(.*\)$/, ""),
      ),
    ).toEqual([
      "Alert definitions by severity",
      "Alert definitions by category",
      "IOCs by type",
      "IOCs created per day",
      "IOCs per alert definition",
    ]);
    expect(String(charts[4]!["text/plain"])).toMatch(
      /^IOCs per alert definition \(the 12 largest of 41; 29 more not shown\)\n/,
    );
    for (const d of charts) {
      expect(d["image/svg+xml"]).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      expect(d["text/html"]).toMatch(/^<img class="ti-chart" alt="[^"]+" src="data:image\/svg\+xml;base64,/);
    }
    const [severity, , types, perDay] = charts.map((d) => String(d["image/svg+xml"]));
    for (const css of Object.values(SEVERITY_CSS)) expect(severity).toContain(`fill="${css}"`);
    expect(types).toContain(">DomainName</text>");
    expect(perDay).toContain(">Day created (UTC)</text>");
    // Three months of demo data, a day per character of the sparkline.
    expect(String(charts[3]!["text/plain"])).toMatch(/^IOCs created per day\n\d{3} from \d{4}-\d\d-\d\d to /);
  });

  it("finds the near-duplicates, the expired IOCs and the docs' SHA-1 under its definition", () => {
    const text = outputText(run.notebook);
    expect(text).toMatch(/cdn\.northwind-cdn\.example\s+\S[^\n]*\.northwind-cdn\.example/);
    const expired = /(\d+) of (\d+) IOCs expired before/.exec(text);
    expect(Number(expired?.[1])).toBeGreaterThan(0);
    expect(text).toMatch(
      /<td align="left"><div align="left">dead1111eeaabbccddeeaabbccddee11ffffffff<\/div><\/td><td align="left"><div align="left">Equals<\/div><\/td><td align="right" class="ti-num">1<\/td>/,
    );
  });

  it("exports every IOC to CSV and shows the path and the first rows only", () => {
    const text = outputText(run.notebook);
    const wrote = /Wrote (\d+) IOCs \((\d+) lines with the header\) to (\S+ti-console-iocs\.csv)\./.exec(
      text,
    );
    expect(Number(wrote?.[1])).toBeGreaterThan(250);
    expect(text).toContain("Id,Type,Value,DetectionFunction,Enabled,Definition,Severity");
    expect(
      text.split("\n").filter((line) => /^\d+,(Sha1|Sha256|Md5|IpAddress|DomainName),/.test(line)),
    ).toHaveLength(5);
  });

  it("saves numbered cells and a text/plain part in every rich output", () => {
    expect(savedOutputProblems(run.notebook)).toEqual([]);
  });

  it("never shows the client secret or a token", () => {
    expect(run.leaks).toEqual([]);
  });
});
