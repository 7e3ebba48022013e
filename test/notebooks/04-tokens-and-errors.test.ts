import { beforeAll, describe, expect, it } from "vitest";
import { outputText, savedOutputProblems } from "../helpers/notebook.js";
import { runProjectNotebook, type ProjectNotebookRun } from "../helpers/notebook-project.js";

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

  it("renews 3-second tokens across the calls with none failing", () => {
    const text = outputText(run.notebook);
    expect(text).toMatch(/8 calls, none failed; [1-9]\d* token renewals on the way\./);
    expect(text).not.toMatch(/&#34;401&#34;/);
  });

  it("rides through a revoked token and injected faults", () => {
    const text = outputText(run.notebook);
    expect(text).toMatch(
      /<td align="left"><div align="left">GET<\/div><\/td><td align="left"><div align="left">[^<]*<\/div><\/td><td align="right" class="ti-num">401<\/td>[\s\S]*The call succeeded/,
    );
    expect(text).toContain("15 calls: 15 succeeded, 0 failed");
    expect(text).toMatch(
      /<td align="right" class="ti-num">503<\/td>|<td align="right" class="ti-num">429<\/td>|no response/,
    );
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
