import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { apiReport, REPORT_PATH } from "../scripts/api-report.js";

// Every public name is a promise to users: the committed report makes a change to the list visible in review.
describe("the public API", () => {
  it("matches the committed report etc/api-report.md (run `npm run api:report` to update it)", async () => {
    const committed = readFileSync(REPORT_PATH, "utf8");
    const current = await apiReport();
    expect(current, "the public API changed: run `npm run api:report` and commit etc/api-report.md").toBe(
      committed,
    );
  });

  it("publishes what the README and the notebooks import, and no internals", async () => {
    const report = await apiReport();
    const names = new Set(report.split("\n").map((line) => line.split(" ").at(-1)));
    const documented = [
      "connect",
      "where",
      "pp",
      "toCsv",
      "escapeHtml",
      "SEVERITIES",
      "isTiError",
      "HttpError",
    ];
    const types = ["RequestLogEntry", "AlertDefinition", "IndicatorOfCompromise", "Progress", "RetryPolicy"];
    const emulator = ["startEmulator", "SAMPLE_SEED", "EmulatorOptions"];
    for (const name of [...documented, ...types, ...emulator]) expect(names, name).toContain(name);
    const internals = ["sleep", "abortable", "scaledWindows", "makePage", "iocKey", "tokenFailureMessage"];
    for (const name of internals) expect(names, name).not.toContain(name);
  });
});
