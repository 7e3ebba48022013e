import { beforeAll, describe, expect, it } from "vitest";
import { cellSource, outputText, savedOutputProblems, type Notebook } from "../helpers/notebook.js";
import { runProjectNotebook, type ProjectNotebookRun } from "../helpers/notebook-project.js";

/** The text of the outputs of the first code cell after the markdown cell with a line starting with `heading`. */
function sectionOutput(notebook: Notebook, heading: string): string {
  const at = notebook.cells.findIndex(
    (cell) =>
      cell.cell_type === "markdown" &&
      cellSource(cell)
        .split("\n")
        .some((line) => line.startsWith(heading)),
  );
  if (at < 0) throw new Error(`no cell headed ${heading}`);
  const next = notebook.cells.slice(at + 1).find((cell) => cell.cell_type === "code");
  return outputText({ ...notebook, cells: next ? [next] : [] });
}

/**
 * The API rows of the timelines in an output's text/plain tables, as [status, attempt, waitedMs]: token renewals
 * (3-second tokens) may come between any two attempts, so they are left out.
 */
function timelineRows(text: string): [string, number, number][] {
  const rows = [...text.matchAll(/^\+\d+\.\d{3} s\s+\S+\s+(\S+)\s+(\S+)\s+(\d+)\s+(\d+)\s+\d*$/gm)];
  return rows.filter((m) => !m[1]!.includes("/oauth2/")).map((m) => [m[2]!, Number(m[3]), Number(m[4])]);
}

describe("notebooks/04-tokens-and-errors.ipynb", () => {
  let run: ProjectNotebookRun;
  beforeAll(async () => {
    run = await runProjectNotebook("04-tokens-and-errors.ipynb");
  }, 300_000);

  it("runs top to bottom through the tslab kernel without an error or stderr output", () => {
    expect(run.failure).toBeUndefined();
  });

  it("saves numbered cells and a text/plain part in every rich output", () => {
    expect(savedOutputProblems(run.notebook)).toEqual([]);
  });

  it("shows the token's claims but never the token or the secret", () => {
    expect(outputText(run.notebook)).toContain("https://graph.windows.net");
    expect(run.leaks).toEqual([]);
  });

  it("renews 3-second tokens across the calls with none failing, the renewals in the timeline", () => {
    const text = sectionOutput(run.notebook, "## Expiry and automatic refresh");
    expect(text).toMatch(/8 calls, none failed; [1-9]\d* token renewals on the way\./);
    expect(text).toMatch(/^\+\d+\.\d{3} s\s+POST\s+\/[\w-]+\/oauth2\/token\s+200\s+1\s+0\s+\d+$/m);
    expect(sectionOutput(run.notebook, "The emulator's own counters")).not.toMatch(/^401\s/m);
  });

  it("shows a revoked token's 401, the new token and the replay in the timeline", () => {
    const text = sectionOutput(run.notebook, "## A revoked token");
    expect(timelineRows(text).map(([status]) => status)).toEqual(["401", "200"]);
    expect(text).toMatch(/oauth2\/token\s+200/);
    expect(text).toContain("The call succeeded");
  });

  it("shows each attempt under 503s: status, attempt number and the Retry-After wait before each retry", () => {
    const text = sectionOutput(run.notebook, "## Faults and throttling, attempt by attempt");
    const rows = timelineRows(text);
    expect(rows.map(([status, attempt]) => [status, attempt])).toEqual([
      ["503", 1],
      ["503", 2],
      ["200", 3],
    ]);
    expect(rows[0]![2]).toBe(0);
    expect(rows[1]![2]).toBeGreaterThanOrEqual(1000);
    expect(rows[2]![2]).toBeGreaterThanOrEqual(1000);
    expect(text).toContain("after 3 attempts");
  });

  it("rides through the mix of faults, retries shown as attempts 2 and up", () => {
    const text = sectionOutput(run.notebook, "Then a mix");
    expect(text).toMatch(/15 calls: 15 succeeded, 0 failed, in \d+ attempts \([1-9]\d* retries\)\./);
    const rows = timelineRows(text);
    expect(rows.some(([status, attempt]) => attempt > 1 && status === "200")).toBe(true);
    expect(rows.some(([status]) => status === "503" || status === "429" || status === "network")).toBe(true);
  });

  it("shows a wrong secret's AuthError with the invalid_client reply and what to do, the secret redacted", () => {
    const text = sectionOutput(run.notebook, "### 1. A wrong client secret");
    expect(text).toMatch(/AuthError: Getting a token from \S+ failed \(401 invalid_client\)/);
    expect(text).toContain("Certificates & secrets");
    expect(text).toMatch(/POST https:\/\/login\.windows\.net\/[\w-]+\/oauth2\/token → 401 Unauthorized/);
    expect(text).toContain('"client_secret": "[redacted]"');
    expect(text).toContain('"error": "invalid_client"');
    expect(text).not.toContain("not-the-secret");
  });

  it("shows a 403 from an app without the role, naming the role it needs", () => {
    const text = sectionOutput(run.notebook, "### 2. `403 Forbidden`");
    expect(text).toContain('The reader\'s token has roles ["Ti.Read.All"]');
    expect(text).toMatch(/It can list: \d+ indicators\./);
    expect(text).toContain("Error 403 Forbidden: The app's token has no role that allows submit");
    expect(text).toContain("POST https://api.securitycenter.microsoft.com/api/indicators → 403 Forbidden");
  });

  it("shows a 400 from the service with its code, message and the body that was sent", () => {
    const text = sectionOutput(run.notebook, "### 3. `400 Bad Request`");
    expect(text).toContain("Error 400 InvalidInput");
    expect(text).toContain('"AlertDefinition@odata.bind": "AlertDefinitions(999999)"');
    expect(text).toContain(
      "POST https://ti.securitycenter.windows.com/V1.0/IndicatorsOfCompromise → 400 Bad Request",
    );
  });

  it("shows an expired token's 401 by the service's clock, the renewal and the replay", () => {
    const text = sectionOutput(run.notebook, "### 4. An expired token");
    expect(timelineRows(text).map(([status]) => status)).toEqual(["401", "200"]);
    expect(text).toMatch(/oauth2\/token\s+200/);
    expect(text).toContain("the token has expired");
    expect(text).toContain("The call succeeded");
  });

  it("catches and shows a validation error and an HTTP error inside their cells", () => {
    const text = outputText(run.notebook);
    expect(text).toContain("ValidationError");
    expect(text).toContain("must be 40 hexadecimal characters");
    expect(text).toContain(
      '<td align="right" class="ti-num">404</td><td align="left"><div align="left">ResourceNotFound</div></td>',
    );
  });
});
