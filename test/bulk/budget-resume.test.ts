import { spawn } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { JournalEntry } from "../../src/bulk/journal.js";
import { admin, connectTo, recordWire, type Stats } from "../client/support.js";
import { startTestEmulator } from "../helpers/emulator.js";

const child = fileURLToPath(new URL("./child-import-burst.ts", import.meta.url));
// The documented limits with windows 6 times shorter: import 30 calls per 10 s. 12,000 rows at 250 a call are 48
// import calls: the killed run spends most of the first window's 30 in a burst, so a resumed run that did not know
// them would send more than 30 inside one window of the service's.
const SCALE = 6;
const TOTAL = 12_000;
const CHUNK = 250;
const BURST = 24;

async function journalEntries(journal: string): Promise<JournalEntry[]> {
  const text = await readFile(journal, "utf8").catch(() => "");
  // The last line may be torn while the child writes it.
  return text.split("\n").flatMap((line) => {
    try {
      return line ? [JSON.parse(line) as JournalEntry] : [];
    } catch {
      return [];
    }
  });
}

const doneKeys = (entries: readonly JournalEntry[]): string[] =>
  entries.flatMap((e) => (e.kind === "done" ? e.items.map((i) => i.key) : []));

describe("the rate budget across processes, on resume from a journal", () => {
  it("counts the killed run's calls: a resume right after a burst meets no 429 and ends with the exact set", async () => {
    const emu = await startTestEmulator({ quiet: true, rateLimit: "documented", rateLimitScale: SCALE });
    const urls = {
      apiUrl: `${emu.url}/api`,
      authUrl: emu.authUrl.replace(/\/oauth2\/token$/, "/oauth2/v2.0/token"),
    };
    const dir = await mkdtemp(join(tmpdir(), "budget-resume-"));
    const input = join(dir, "feed.txt");
    const journal = join(dir, "import.jsonl");
    const values = Array.from({ length: TOTAL }, (_, i) => `burst-${i}.example.com`);
    await writeFile(input, `${values.join("\n")}\n`);
    const env = {
      ...process.env,
      TI_AUTH_URL: urls.authUrl,
      TI_API_URL: urls.apiUrl,
      TI_CLIENT_ID: emu.clientId,
      TI_CLIENT_SECRET: emu.clientSecret,
    };
    const args = ["--import", "tsx", child, input, journal, String(SCALE), String(CHUNK)];
    const proc = spawn(process.execPath, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    proc.stderr.on("data", (chunk) => (stderr += chunk));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      proc.on("exit", (_code, signal) => resolve(signal)),
    );
    while (doneKeys(await journalEntries(journal)).length < BURST * CHUNK && proc.exitCode === null)
      await new Promise((r) => setTimeout(r, 10));
    proc.kill("SIGKILL");
    expect(await exited, stderr).toBe("SIGKILL");
    const killedCalls = (await admin<Stats>(emu, "stats")).requests["POST indicators/import"] ?? 0;
    // The burst: at least BURST calls answered, all inside the first window, and the input not finished.
    expect(killedCalls).toBeGreaterThanOrEqual(BURST);
    expect(doneKeys(await journalEntries(journal)).length).toBeLessThan(TOTAL);

    // Resumed at once, in this process: its budget starts from the journal, not empty.
    const session = await connectTo(emu, { ...urls, rateBudgetScale: SCALE });
    const wire = recordWire(session);
    const plan = await session.indicators.import(input, {
      action: "Block",
      title: "Feed",
      description: "From a feed",
    });
    const result = await plan.apply({ confirm: true, journal, chunkSize: CHUNK });
    expect(wire.filter((e) => e.status === 429)).toEqual([]);
    expect(result).toMatchObject({ created: TOTAL, failed: 0, skipped: 0, stopped: undefined });

    // The service refused nothing with 429 across both processes, and holds exactly the input, once each.
    const stats = await admin<Stats & { rateLimited: number }>(emu, "stats");
    expect([stats.rateLimited, stats.responses["429"]]).toEqual([0, undefined]);
    const stored = await session.indicators.list({ pageSize: 10_000 }).toArray();
    expect(stored.map((i) => i.indicatorValue).sort()).toEqual([...values].sort());
    await session.close();
  }, 90_000);
});
