import { spawn } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { JournalEntry } from "../../src/bulk/journal.js";
import { summaryOf } from "../../src/bulk/result.js";
import { admin, connectTo, recordWire, type Stats } from "../client/support.js";
import { startTestEmulator } from "../helpers/emulator.js";

const child = fileURLToPath(new URL("./child-import-limited.ts", import.meta.url));
// The documented limits with windows 10 times shorter (the emulator's and the client's alike): import 30 per 6 s,
// list 100 per 6 s. The whole import takes 30 import calls of 500 (the default), the killed run's and the resumed
// run's together, all inside one scaled minute: a run restarted within a minute of its predecessor must still stay
// inside the limit with the calls the killed process made, which only the service counted.
const SCALE = 10;
const TOTAL = 15_000;

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

describe("a 15,000-indicator import under the documented limits and faults, killed and resumed", () => {
  it("ends with every indicator exactly once, the journal accounted for and no 429 on the wire", async () => {
    const emu = await startTestEmulator({
      quiet: true,
      rateLimit: "documented",
      rateLimitScale: SCALE,
      faults: "503:10%,reset:1%",
      faultSeed: 15,
    });
    const urls = {
      apiUrl: `${emu.url}/api`,
      authUrl: emu.authUrl.replace(/\/oauth2\/token$/, "/oauth2/v2.0/token"),
    };
    const dir = await mkdtemp(join(tmpdir(), "bulk-limited-resume-"));
    const input = join(dir, "feed.txt");
    const journal = join(dir, "import.jsonl");
    const values = Array.from({ length: TOTAL }, (_, i) => `host-${i}.example.com`);
    await writeFile(input, `${values.join("\n")}\n`);
    const env = {
      ...process.env,
      TI_AUTH_URL: urls.authUrl,
      TI_API_URL: urls.apiUrl,
      TI_CLIENT_ID: emu.clientId,
      TI_CLIENT_SECRET: emu.clientSecret,
    };
    const proc = spawn(process.execPath, ["--import", "tsx", child, input, journal, String(SCALE)], {
      env,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    proc.stderr.on("data", (chunk) => (stderr += chunk));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      proc.on("exit", (_code, signal) => resolve(signal)),
    );
    while (doneKeys(await journalEntries(journal)).length < TOTAL / 2 && proc.exitCode === null)
      await new Promise((r) => setTimeout(r, 20));
    proc.kill("SIGKILL");
    expect(await exited, stderr).toBe("SIGKILL");
    const first = await journalEntries(journal);
    const doneBefore = new Set(doneKeys(first));
    const sentBefore = first.flatMap((e) => (e.kind === "sent" ? e.keys : []));
    const unansweredBefore = new Set(sentBefore.filter((k) => !doneBefore.has(k)));
    expect(doneBefore.size).toBeGreaterThanOrEqual(TOTAL / 2);
    expect(doneBefore.size).toBeLessThan(TOTAL);

    const session = await connectTo(emu, { ...urls, rateBudgetScale: SCALE });
    const wire = recordWire(session);
    const plan = await session.indicators.import(input, {
      action: "Block",
      title: "Feed",
      description: "From a feed",
    });
    const result = await plan.apply({ confirm: true, journal });
    expect(wire.filter((e) => e.status === 429)).toEqual([]);

    // The summary adds up: every row created once, by the killed run (done, or sent and found landed) or by this.
    expect(result).toMatchObject({
      created: TOTAL,
      updated: 0,
      unchanged: 0,
      failed: 0,
      skipped: 0,
      rejected: 0,
      duplicates: 0,
      stopped: undefined,
    });
    const adopted = result.resumed - doneBefore.size;
    expect(adopted).toBeGreaterThanOrEqual(0);
    expect(adopted).toBeLessThanOrEqual(unansweredBefore.size);

    // The journal: two runs, every row done exactly once across them, nothing failed, and the end line is the summary.
    const entries = await journalEntries(journal);
    expect(entries.filter((e) => e.kind === "begin")).toHaveLength(2);
    expect(entries.filter((e) => e.kind === "failed")).toEqual([]);
    const done = doneKeys(entries);
    expect(done).toHaveLength(TOTAL);
    expect(new Set(done).size).toBe(TOTAL);
    const end = entries.at(-1);
    expect(end?.kind === "end" && end.summary).toEqual(summaryOf(result));

    // Exactly the input set on the service: every value once.
    const stored = await session.indicators.list({ pageSize: 10_000 }).toArray();
    expect(stored).toHaveLength(TOTAL);
    expect(stored.map((i) => i.indicatorValue).sort()).toEqual([...values].sort());

    // Both processes stayed within the limits: the emulator refused nothing with 429, though faults fired.
    const stats = await admin<Stats & { rateLimited: number }>(emu, "stats");
    expect([stats.rateLimited, stats.responses["429"]]).toEqual([0, undefined]);
    expect(stats.faultsInjected).toBeGreaterThan(0);
    // Faults are answered before the limit counts a call: 30 import calls landed, one per 500 rows.
    expect(stats.requests["POST indicators/import"]).toBe(TOTAL / 500);
    await session.close();
  }, 90_000);
});
