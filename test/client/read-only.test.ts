import { beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator } from "../helpers/emulator.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { ConfigurationError } from "../../src/errors/index.js";
import type { RequestLogEntry } from "../../src/http/index.js";
import { alertInput, connectTo } from "./support.js";

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startTestEmulator({ quiet: true });
  const writer = await connectTo(emu);
  await writer.alerts.create(alertInput("kept"));
  await writer.close();
});

describe("a read-only session", () => {
  it("reads, and refuses every write before it is sent", async () => {
    const session = await connectTo(emu, { readOnly: true });
    const wire: RequestLogEntry[] = [];
    session.onRequest((e) => wire.push(e));
    expect(await session.alerts.count()).toBe(1);
    const created = await session.alerts.create(alertInput("new")).catch((e: unknown) => e);
    expect(created).toBeInstanceOf(ConfigurationError);
    expect((created as Error).message).toMatch(
      /^Refused POST http:\/\/127\.0\.0\.1:\d+\/V1\.0\/AlertDefinitions: this session is read-only/,
    );
    await expect(session.alerts.delete(1)).rejects.toThrow(/Refused DELETE/);
    expect(wire.map((e) => e.method)).toEqual(["GET"]);
    await session.close();
    const reader = await connectTo(emu);
    expect(await reader.alerts.count()).toBe(1);
    await reader.close();
  });
});
