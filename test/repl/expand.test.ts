import { describe, expect, it } from "vitest";
import { runPiped } from "../helpers/repl.js";

const SETUP = [
  'const a = await alerts.create({ Name: "expanded", Severity: "Low", Title: "t", UxDescription: "u", Category: "Trojan" })',
  'await iocs.create({ Type: "Sha1", Value: "dead1111eeaabbccddeeaabbccddee11ffffffff", DetectionFunction: "Equals", AlertDefinition: a.Id })',
  'console.log("--")',
];

describe("expanded navigation in tables", () => {
  it("shows an IOC's AlertDefinition and a definition's IOCs as columns when the list asked for them", async () => {
    const input = [
      ...SETUP,
      'await iocs.list({ expand: "AlertDefinition" })',
      'await alerts.list({ expand: "IndicatorsOfCompromise" })',
      "await iocs.list()",
      "",
    ].join("\n");
    const { stdout, stderr } = await runPiped([], { input });
    expect(stderr).toBe("");
    const [iocs, alerts, plain] = stdout
      .split("--\n")[1]!
      .split(/\n(?=Id )/)
      .map((table) => table.split("\n"));
    expect(iocs![0]).toMatch(/ExpiresAt\s+AlertDefinition$/);
    expect(iocs![1]).toMatch(/Id: 1, Name: expanded/);
    expect(alerts![0]).toMatch(/Title\s+IndicatorsOfCompromise$/);
    expect(alerts![1]).toMatch(/\[1 item\]$/);
    expect(plain![0]).not.toContain("AlertDefinition ");
  });
});

describe("pp at the console", () => {
  it("takes the display options: pp(x, { vertical: true }) prints one record per row", async () => {
    const input = [...SETUP, "pp(await iocs.list(), { vertical: true })", ""].join("\n");
    const { stdout, stderr } = await runPiped([], { input });
    expect(stderr).toBe("");
    expect(stdout.split("--\n")[1]).toMatch(/^-\[ 1 \]-\nId {17}1\nType {15}Sha1\n/);
  });
});
