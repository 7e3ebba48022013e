import { spawn } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { ConnectedSession } from "../../src/connect.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { feedCsv, indicatorSession, indicatorUrls, seed } from "./sync-support.js";

const child = fileURLToPath(new URL("./child-sync-indicators.ts", import.meta.url));

async function doneEntries(journal: string): Promise<number> {
  const text = await readFile(journal, "utf8").catch(() => "");
  return text.split("\n").filter((line) => line.startsWith('{"kind":"done"')).length;
}

// Starts the child sync and kills it with SIGKILL once the journal holds `done` finished chunks.
async function killAt(emu: RunningEmulator, args: string[], done: number): Promise<void> {
  const urls = indicatorUrls(emu);
  const env = {
    ...process.env,
    ...{ TI_AUTH_URL: urls.authUrl, TI_API_URL: urls.apiUrl },
    ...{ TI_CLIENT_ID: emu.clientId, TI_CLIENT_SECRET: emu.clientSecret },
  };
  const proc = spawn(process.execPath, ["--import", "tsx", child, ...args], { env, stdio: "ignore" });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => proc.on("exit", (_c, s) => resolve(s)));
  while ((await doneEntries(args[1] as string)) < done && proc.exitCode === null)
    await new Promise((r) => setTimeout(r, 20));
  proc.kill("SIGKILL");
  expect(await exited).toBe("SIGKILL");
}

const countOf = async (session: ConnectedSession, prefix: string) =>
  (await session.indicators.list({ filter: `startswith(indicatorValue,'${prefix}')` }).toArray()).length;

describe("resuming a sync from its journal", () => {
  it("ends exactly as planned after kill -9 during its deletes and again during its creates", async () => {
    const emu = await startTestEmulator({ quiet: true, latency: "40" });
    const session = await indicatorSession(emu);
    const dir = await mkdtemp(join(tmpdir(), "bulk-sync-resume-"));
    await seed(
      session,
      Array.from({ length: 600 }, (_, i) => `owned-${i}.example`),
      "Feed A",
    );
    await seed(
      session,
      Array.from({ length: 50 }, (_, i) => `other-${i}.example`),
      "Feed B",
    );
    const others = await session.indicators.list({ filter: "application eq 'Feed B'" }).toArray();
    const values = Array.from({ length: 600 }, (_, i) => `new-${i}.example`);
    const input = join(dir, "feed.csv");
    const journal = join(dir, "sync.jsonl");
    await writeFile(input, feedCsv(values.map((value) => ({ value, severity: "High" }))));
    const planned = await session.indicators.sync(input, {
      owner: "Feed A",
      title: "Feed A",
      description: "From feed A",
    });
    expect(planned.counts).toMatchObject({ create: 600, delete: 600 });

    // 30 chunks of 20 deletes come first, then 30 of creates.
    await killAt(emu, [input, journal], 5);
    const owned = await countOf(session, "owned-");
    expect(owned).toBeGreaterThan(0);
    expect(owned).toBeLessThan(600);
    await killAt(emu, [input, journal], 38);
    expect(await countOf(session, "owned-")).toBe(0);
    const created = await countOf(session, "new-");
    expect(created).toBeGreaterThan(0);
    expect(created).toBeLessThan(600);

    const plan = await session.indicators.sync(input, {
      owner: "Feed A",
      title: "Feed A",
      description: "From feed A",
    });
    const result = await plan.apply({ confirm: true, journal });
    expect(result.failed).toBe(0);
    expect(result.created + result.unchanged).toBe(600);
    const mine = await session.indicators.list({ filter: "application eq 'Feed A'" }).toArray();
    expect(mine.map((i) => i.indicatorValue).sort()).toEqual([...values].sort());
    expect(await session.indicators.list({ filter: "application eq 'Feed B'" }).toArray()).toEqual(others);
    const again = await session.indicators.sync(input, {
      owner: "Feed A",
      title: "Feed A",
      description: "From feed A",
    });
    expect(again.counts).toMatchObject({ create: 0, update: 0, delete: 0, unchanged: 600 });
    await session.close();
  }, 120_000);
});
