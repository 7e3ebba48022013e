import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../../src/emulator/index.js";
import { startTestEmulator } from "../../helpers/emulator.js";
import { indicatorBody, indicatorCaller } from "./support.js";

const dir = mkdtempSync(join(tmpdir(), "ti-emulator-indicator-seed-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("--seed and the Indicators API", () => {
  it("loads the successor sample with --seed sample, visible to the demo app, and again on reset", async () => {
    const emulator = await startTestEmulator({ seed: "sample" });
    const call = indicatorCaller(emulator);
    const listed = (await call("GET", "/api/indicators")).json.value;
    expect(listed.map((i: any) => `${i.indicatorType} ${i.action}`)).toEqual([
      "FileSha1 BlockAndRemediate",
      "FileSha256 Audit",
      "DomainName Block",
      "DomainName Warn",
      "DomainName Allowed",
      "IpAddress Audit",
      "IpAddress Block",
      "Url Warn",
      "FileMd5 Block",
      "CertificateThumbprint BlockAndRemediate",
    ]);
    expect(listed.every((i: any) => i.createdBy === emulator.clientId)).toBe(true);
    await call("DELETE", "/api/indicators/1");
    const reset = await fetch(`${emulator.url}/_emulator/reset`, {
      method: "POST",
      headers: { "content-type": "application/json" },
    });
    expect(((await reset.json()) as any).entities).toEqual({
      AlertDefinitions: 3,
      IndicatorsOfCompromise: 6,
      Indicators: 10,
    });
  });

  it("loads a seed file's indicators list", async () => {
    const path = join(dir, "seed.json");
    writeFileSync(path, JSON.stringify({ alertDefinitions: [], indicators: [indicatorBody()] }));
    const emulator = await startTestEmulator({ seed: path });
    expect((await indicatorCaller(emulator)("GET", "/api/indicators")).json.value).toHaveLength(1);
  });

  it("refuses to start on a seed file with an invalid indicator, naming it", async () => {
    const path = join(dir, "bad.json");
    writeFileSync(
      path,
      JSON.stringify({ alertDefinitions: [], indicators: [indicatorBody({ action: "Alert" })] }),
    );
    await expect(startEmulator({ seed: path, port: 0 })).rejects.toThrow(
      'seed is invalid: indicators[0]: action: "Alert" is a legacy action',
    );
  });
});
