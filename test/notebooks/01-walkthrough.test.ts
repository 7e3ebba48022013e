import { beforeAll, describe, expect, it } from "vitest";
import { cellSource, outputText, savedOutputProblems, type Notebook } from "../helpers/notebook.js";
import { runProjectNotebook, type ProjectNotebookRun } from "../helpers/notebook-project.js";

/** The text of the outputs of the code cell right after the markdown cell whose heading starts with `heading`. */
function stepOutput(notebook: Notebook, heading: string): string {
  const at = notebook.cells.findIndex(
    (cell) => cell.cell_type === "markdown" && cellSource(cell).startsWith(heading),
  );
  if (at < 0) throw new Error(`no cell headed ${heading}`);
  return outputText({ ...notebook, cells: [notebook.cells[at + 1]!] });
}

describe("notebooks/01-walkthrough.ipynb", () => {
  let run: ProjectNotebookRun;
  beforeAll(async () => {
    run = await runProjectNotebook("01-walkthrough.ipynb");
  }, 300_000);

  it("runs top to bottom through the tslab kernel without an error or stderr output", () => {
    expect(run.failure).toBeUndefined();
    expect(run.cells.every((cell) => cell.status === "ok")).toBe(true);
  });

  it("says first that the service is deprecated and what replaced it", () => {
    const first = cellSource(run.notebook.cells[0]!);
    expect(first).toMatch(/deprecated/i);
    expect(first).toContain("Defender for Endpoint Indicators API");
    expect(first).toContain("05-indicators.ipynb");
  });

  it("shows step 1's token request as the docs do: the form with the secret redacted, the reply with the token redacted", () => {
    const text = stepOutput(run.notebook, "## Step 1");
    expect(text).toMatch(/POST https:\/\/login\.windows\.net\/[\w-]+\/oauth2\/token → 200 OK/);
    expect(text).toContain('"grant_type": "client_credentials"');
    expect(text).toContain('"client_secret": "[redacted]"');
    expect(text).toContain('"resource": "https://graph.windows.net"');
    expect(text).toContain('"access_token": "[redacted]"');
    expect(text).toContain('"token_type": "Bearer"');
  });

  it("shows step 3's reply: the sample's definitions in the table and the OData collection on the real URL", () => {
    const text = stepOutput(run.notebook, "## Step 3");
    expect(text).not.toMatch(/0 of 0 rows/);
    expect(text).toContain("Test alert.");
    expect(text).toContain("GET https://ti.securitycenter.windows.com/V1.0/AlertDefinitions → 200 OK");
    expect(text).toContain(
      '"@odata.context": "https://ti.securitycenter.windows.com/V1.0/$metadata#AlertDefinitions"',
    );
    expect(text).toContain("3 alert definitions");
  });

  it("shows step 4's body and its 201 reply with the new Id", () => {
    const text = stepOutput(run.notebook, "## Step 4");
    expect(text).toContain("POST https://ti.securitycenter.windows.com/V1.0/AlertDefinitions → 201 Created");
    expect(text).toContain('"Name": "The alert\'s name"');
    expect(text).toMatch(/"Id": 4,/);
  });

  it("shows the AlertDefinition@odata.bind that step 5 actually sent", () => {
    const text = stepOutput(run.notebook, "## Step 5");
    expect(text).toContain(
      "POST https://ti.securitycenter.windows.com/V1.0/IndicatorsOfCompromise → 201 Created",
    );
    expect(text).toContain('"AlertDefinition@odata.bind": "AlertDefinitions(4)"');
    expect(text).toContain('Sent "AlertDefinition@odata.bind": "AlertDefinitions(4)"');
    expect(text).toContain("dead1111eeaabbccddeeaabbccddee11ffffffff");
  });

  it("shows the wire on the real service's URLs, the token request first", () => {
    const text = stepOutput(run.notebook, "## What happened on the wire");
    expect(text).toMatch(
      /<td align="left"><div align="left">POST<\/div><\/td><td align="left"><div align="left">https:\/\/login\.windows\.net\/[\w-]+\/oauth2\/token<\/div><\/td><td align="right" class="ti-num">200<\/td>/,
    );
    expect(text).toMatch(
      /<td align="left"><div align="left">POST<\/div><\/td><td align="left"><div align="left">https:\/\/ti\.securitycenter\.windows\.com\/V1\.0\/IndicatorsOfCompromise<\/div><\/td><td align="right" class="ti-num">201<\/td>/,
    );
    expect(text).not.toMatch(/<td[^>]*><div align="left">http:\/\/127\.0\.0\.1/);
  });

  it("saves numbered cells and a text/plain part in every rich output", () => {
    expect(savedOutputProblems(run.notebook)).toEqual([]);
  });

  it("never shows the client secret or a token", () => {
    expect(run.leaks).toEqual([]);
  });
});
