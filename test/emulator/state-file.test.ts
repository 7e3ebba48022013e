import { appendFileSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { encodeRecord } from "../../src/emulator/store/journal-format.js";
import { caller, definitionBody, iocBody } from "./support.js";
import { spawnCli, urlOf, type SpawnedCli } from "./spawn.js";

const dir = mkdtempSync(join(tmpdir(), "ti-emulator-file-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const spawned: SpawnedCli[] = [];
afterAll(() => spawned.forEach((cli) => cli.child.kill("SIGKILL")));
let files = 0;
const newPath = (): string => join(dir, `state-${++files}.jsonl`);

/** A state file holding two definitions and three IOCs, the second IOC deleted. */
async function writtenState(): Promise<string> {
  const path = newPath();
  const emu = await startEmulator({ statePath: path });
  const call = caller(emu);
  await call("POST", "/V1.0/AlertDefinitions", { body: definitionBody({ Severity: "Low" }) });
  await call("POST", "/V1.0/AlertDefinitions", { body: definitionBody({ Severity: "High" }) });
  for (let i = 0; i < 3; i++) await call("POST", "/V1.0/IndicatorsOfCompromise", { body: iocBody(1) });
  expect((await call("DELETE", "/V1.0/IndicatorsOfCompromise(2)")).status).toBe(204);
  await emu.close();
  return path;
}

async function dump(
  emu: RunningEmulator,
): Promise<{ AlertDefinitions: any[]; IndicatorsOfCompromise: any[] }> {
  return (await fetch(`${emu.url}/_emulator/state`)).json() as never;
}

/** Replaces the first occurrence of `from` by `to` (same length: the JSON stays valid, only the bytes flip). */
function flip(path: string, from: string, to: string): void {
  const text = readFileSync(path, "utf8");
  expect(text).toContain(from);
  writeFileSync(path, text.replace(from, to));
}

describe("one emulator per state file", { timeout: 60_000 }, () => {
  it("refuses a second emulator on the same file, naming the process that holds it", async () => {
    const path = newPath();
    const first = await startEmulator({ statePath: path });
    await expect(startEmulator({ statePath: path })).rejects.toThrow(
      new RegExp(`in use by process ${process.pid}\\b.*\\.lock`),
    );
    await caller(first)("POST", "/V1.0/AlertDefinitions", { body: definitionBody() });
    await first.close();
    const second = await startEmulator({ statePath: path });
    expect((await dump(second)).AlertDefinitions).toHaveLength(1);
    await second.close();
  });

  it("refuses a second ti-emulator process with a message naming the first one's pid", async () => {
    const path = newPath();
    const first = spawnCli(["--port", "0", "--quiet", "--state", path]);
    spawned.push(first);
    urlOf(await first.firstLine);
    const second = spawnCli(["--port", "0", "--quiet", "--state", path]);
    spawned.push(second);
    expect(await second.exited).toBe(1);
    expect(second.stderr.join("\n")).toContain(`in use by process ${first.child.pid}`);
    first.child.kill("SIGKILL");
    await first.exited;
    // A lock left by a killed process is stale: the next start takes it over.
    const third = spawnCli(["--port", "0", "--quiet", "--state", path]);
    spawned.push(third);
    urlOf(await third.firstLine);
    third.child.kill("SIGKILL");
  });
});

describe("a stray file is never wiped", () => {
  for (const [name, content] of [
    ["one line without a newline", '{"my":"important data"}'],
    ["several lines", "first\nsecond\n"],
    ["an empty JSON object", "{}"],
  ] as const) {
    it(`refuses ${name} and leaves it byte for byte`, async () => {
      const path = newPath();
      writeFileSync(path, content);
      await expect(startEmulator({ statePath: path })).rejects.toThrow(/is not a ti-emulator state file/);
      expect(readFileSync(path, "utf8")).toBe(content);
    });
  }

  it("starts on an empty file and on a header torn by a crash", async () => {
    for (const content of ["", '{"format":"ti-emu']) {
      const path = newPath();
      writeFileSync(path, content);
      const emu = await startEmulator({ statePath: path });
      expect((await caller(emu)("POST", "/V1.0/AlertDefinitions", { body: definitionBody() })).status).toBe(
        201,
      );
      await emu.close();
    }
  });
});

describe("corruption is detected", () => {
  it("refuses byte flips that keep the JSON valid: a key, an enum value, a deleted Id", async () => {
    for (const [from, to] of [
      ['"InternalDescription"', '"InternalDescrIption"'],
      ['"Severity":"High"', '"Severity":"Hig"'],
      [
        '"op":"delete","set":"IndicatorsOfCompromise","id":2',
        '"op":"delete","set":"IndicatorsOfCompromise","id":7',
      ],
    ]) {
      const path = await writtenState();
      flip(path, from!, to!);
      await expect(startEmulator({ statePath: path })).rejects.toThrow(/line \d+ .*corrupt/);
    }
  });

  it("refuses a record whose checksum holds but whose entity breaks the schema, naming field, value and rule", async () => {
    const path = await writtenState();
    const entity = {
      Id: 9,
      ...definitionBody({ Severity: "Hig" }),
      CreatedAt: "2030-01-01T00:00:00Z",
      CreatedBy: "someone",
      LastModifiedAt: null,
      LastModifiedBy: null,
    };
    appendFileSync(path, `${encodeRecord([{ op: "put", set: "AlertDefinitions", entity }])}\n`);
    await expect(startEmulator({ statePath: path })).rejects.toThrow(/Severity: "Hig" is not one of/);
  });

  it("drops a torn last record (no newline) and keeps a complete one that only lost its newline", async () => {
    const path = await writtenState();
    const full = readFileSync(path);
    truncateSync(path, full.length - 1);
    const kept = await startEmulator({ statePath: path });
    expect((await dump(kept)).IndicatorsOfCompromise.map((i) => i.Id)).toEqual([1, 3]);
    await kept.close();
    truncateSync(path, readFileSync(path).length - 10);
    const torn = await startEmulator({ statePath: path });
    // The delete of IOC 2 was the last record: torn, never acknowledged, dropped.
    expect((await dump(torn)).IndicatorsOfCompromise.map((i) => i.Id)).toEqual([1, 2, 3]);
    await torn.close();
  });

  it("refuses a damaged last record that ends in a newline (it was acknowledged)", async () => {
    const path = await writtenState();
    const text = readFileSync(path, "utf8");
    writeFileSync(path, `${text.slice(0, -6)}x${text.slice(-5)}`);
    await expect(startEmulator({ statePath: path })).rejects.toThrow(/line \d+ .*corrupt/);
  });
});
