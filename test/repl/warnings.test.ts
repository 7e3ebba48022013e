import { describe, expect, it } from "vitest";
import { runPiped } from "../helpers/repl.js";

const ALERT =
  'const a = await alerts.create({ Name: "w", Severity: "Low", Title: "t", UxDescription: "u", Category: "Phishy" })';
const PAST_IOC =
  'await iocs.create({ Type: "Sha1", Value: "dead1111eeaabbccddeeaabbccddee11ffffffff", DetectionFunction: "Equals", AlertDefinition: a.Id, ExpiresAt: "2020-01-01T00:00:00Z" })';

describe("warnings at the console", () => {
  it("prints a past ExpiresAt and an unknown Category as warnings, and still makes both", async () => {
    const { stdout, stderr, code } = await runPiped([], { input: `${ALERT}\n${PAST_IOC}\n` });
    expect(code).toBe(0);
    expect(stderr).toMatch(/^Warning: AlertDefinitions: Category: "Phishy" is not one of /m);
    expect(stderr).toMatch(
      /^Warning: IndicatorsOfCompromise: ExpiresAt: "2020-01-01T00:00:00Z" is in the past/m,
    );
    expect(stdout).toMatch(/ExpiresAt\s+2020-01-01/);
  });
});
