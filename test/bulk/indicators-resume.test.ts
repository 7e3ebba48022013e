import { spawn } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { connectTo } from "../client/support.js";
import { startTestEmulator } from "../helpers/emulator.js";

const child = fileURLToPath(new URL("./child-import-indicators.ts", import.meta.url));

async function doneEntries(journal: string): Promise<number> {
  const text = await readFile(journal, "utf8").catch(() => "");
  return text.split("\n").filter((line) => line.startsWith('{"kind":"done"')).length;
}

describe("resuming an indicator import from its journal", () => {
  it("ends with exactly the input set after the importing process is killed with SIGKILL half-way", async () => {
    const emu = await startTestEmulator({ quiet: true, latency: "40" });
    const urls = {
      apiUrl: `${emu.url}/api`,
      authUrl: emu.authUrl.replace(/\/oauth2\/token$/, "/oauth2/v2.0/token"),
    };
    const session = await connectTo(emu, urls);
    const dir = await mkdtemp(join(tmpdir(), "bulk-indicators-resume-"));
    const input = join(dir, "feed.txt");
    const journal = join(dir, "import.jsonl");
    const values = Array.from({ length: 600 }, (_, i) => `host-${i}.example.com`);
    await writeFile(input, `${values.join("\n")}\n`);
    const env = {
      ...process.env,
      TI_AUTH_URL: urls.authUrl,
      TI_API_URL: urls.apiUrl,
      TI_CLIENT_ID: emu.clientId,
      TI_CLIENT_SECRET: emu.clientSecret,
    };
    const proc = spawn(process.execPath, ["--import", "tsx", child, input, journal], {
      env,
      stdio: "ignore",
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      proc.on("exit", (_code, signal) => resolve(signal)),
    );
    while ((await doneEntries(journal)) < 8 && proc.exitCode === null)
      await new Promise((r) => setTimeout(r, 20));
    proc.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    const landed = await session.indicators.count();
    expect(landed).toBeGreaterThan(0);
    expect(landed).toBeLessThan(values.length);

    const plan = await session.indicators.import(input, {
      action: "Block",
      title: "Feed",
      description: "From a feed",
    });
    const result = await plan.apply({ confirm: true, journal });
    expect(result.failed).toBe(0);
    expect(result.created + result.unchanged).toBe(values.length);
    const stored = await session.indicators.list({ pageSize: 10_000 }).toArray();
    expect(stored.map((i) => i.indicatorValue).sort()).toEqual([...values].sort());

    // A run after completion writes nothing.
    const again = await session.indicators.import(input, {
      action: "Block",
      title: "Feed",
      description: "From a feed",
    });
    expect(again.calls).toEqual({ import: 0 });
    const counted = await again.apply({ confirm: true, journal });
    // With the journal, every item is counted as done by the earlier runs; none is written again.
    expect(counted.created).toBe(counted.resumed);
    expect(await session.indicators.count()).toBe(values.length);
    await session.close();
    await emu.close();
  }, 60_000);
});
