import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_TENANT_ID,
  type RunningEmulator,
} from "../../../src/emulator/index.js";
import { startEmulator } from "../../../src/emulator/index.js";
import { encodeRecord } from "../../../src/emulator/store/journal-format.js";
import { compactJournal } from "../../../src/emulator/store/journal-file.js";
import { MemoryStore } from "../../../src/emulator/store/memory.js";
import { startTestEmulator } from "../../helpers/emulator.js";
import { spawnCli, urlOf, type SpawnedCli } from "../spawn.js";
import { indicatorBody, indicatorCaller, sha256Of } from "./support.js";

const dir = mkdtempSync(join(tmpdir(), "ti-emulator-indicators-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const running: SpawnedCli[] = [];
afterAll(() => running.forEach((cli) => cli.child.kill("SIGKILL")));

async function start(statePath: string) {
  const cli = spawnCli(["--port", "0", "--quiet", "--state", statePath]);
  running.push(cli);
  const url = urlOf(await cli.firstLine);
  const emulator = {
    url,
    authUrl: `${url}/${DEMO_TENANT_ID}/oauth2/token`,
    tenantId: DEMO_TENANT_ID,
    clientId: DEMO_CLIENT_ID,
    clientSecret: DEMO_CLIENT_SECRET,
  } as RunningEmulator;
  return { cli, call: indicatorCaller(emulator) };
}

const item = (n: number) => indicatorBody({ indicatorType: "FileSha256", indicatorValue: sha256Of(n) });

describe("indicators under --state", { timeout: 90_000 }, () => {
  it("keeps every acknowledged indicator write across kill -9 and restart, and never reuses an id", async () => {
    const path = join(dir, "state.jsonl");
    const first = await start(path);
    const imported = await first.call("POST", "/api/indicators/import", {
      body: { Indicators: [1, 2, 3, 4].map(item) },
    });
    expect(imported.json.value.map((v: any) => v.id)).toEqual(["1", "2", "3", "4"]);
    expect(
      (await first.call("POST", "/api/indicators", { body: { ...item(2), title: "kept" } })).status,
    ).toBe(200);
    expect((await first.call("DELETE", "/api/indicators/4")).status).toBe(204);
    const before = (await first.call("GET", "/api/indicators")).json.value;
    first.cli.child.kill("SIGKILL");
    expect(await first.cli.exited).toBe("SIGKILL");

    const second = await start(path);
    expect((await second.call("GET", "/api/indicators")).json.value).toEqual(before);
    expect((await second.call("POST", "/api/indicators", { body: item(9) })).json.id).toBe("5");
  });

  it("validates replayed indicators against the schema, not only their checksum, naming field, value and rule", async () => {
    const path = join(dir, "replay.jsonl");
    const emu = await startEmulator({ statePath: path });
    expect((await indicatorCaller(emu)("POST", "/api/indicators", { body: item(1) })).status).toBe(200);
    await emu.close();
    const line = readFileSync(path, "utf8").trimEnd().split("\n").at(-1)!;
    const stored = JSON.parse(line.replace(/^\w+ /, ""))[0].entity;
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ severity: "Hig" }, /severity: "Hig" is not one of/],
      [{ indicatorType: "Url" }, /indicatorValue: ".*" .* for indicatorType Url/],
      [{ action: "Audit", generateAlert: false }, /generateAlert: false must be true when action is Audit/],
      [{ indicatorTitle: "x" }, /indicatorTitle is not a property of Indicators/],
      [{ createdBy: 7 }, /createdBy: 7 is not valid/],
      [{ Id: "x" }, /Id: "x" is not valid/],
      [{ severity: "high" }, /severity: "high" is not in its stored \(canonical\) form/],
    ];
    for (const [change, message] of cases) {
      const copy = join(dir, "replay-copy.jsonl");
      copyFileSync(path, copy);
      appendFileSync(
        copy,
        `${encodeRecord([{ op: "put", set: "Indicators", entity: { ...stored, ...change } }])}\n`,
      );
      await expect(startEmulator({ statePath: copy })).rejects.toThrow(message);
    }
  });

  it("compacts a custom-TI-only store byte for byte as before the Indicators set existed", () => {
    const memory = new MemoryStore();
    memory.allocateIds("AlertDefinitions", 2);
    const path = join(dir, "custom.jsonl");
    compactJournal(path, memory);
    expect(readFileSync(path, "utf8").split("\n")[1]?.replace(/^\w+ /, "")).toBe(
      '{"nextIds":{"AlertDefinitions":3,"IndicatorsOfCompromise":1}}',
    );
    memory.allocateIds("Indicators", 7);
    compactJournal(path, memory);
    expect(readFileSync(path, "utf8").split("\n")[1]?.replace(/^\w+ /, "")).toBe(
      '{"nextIds":{"AlertDefinitions":3,"IndicatorsOfCompromise":1,"Indicators":8}}',
    );
  });
});

describe("fault rules on /api", () => {
  it("inject faults into Indicators API calls with the OData error body", async () => {
    const emulator = await startTestEmulator({ faults: "503/2:100%x1" });
    const call = indicatorCaller(emulator);
    const r = await call("GET", "/api/indicators");
    expect([r.status, r.headers.get("retry-after"), r.json.error.code]).toEqual([
      503,
      "2",
      "ServiceUnavailable",
    ]);
    expect((await call("GET", "/api/indicators")).status).toBe(200);
  });
});
