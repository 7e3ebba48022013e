// The .sync wizard at a terminal: input, owner, priority rule, the dry run as a table, confirm, then a second
// sync of the same feed that has nothing to do; and an apply with its progress line, stopped by Ctrl-C with its
// summary, that `.sync` again resumes from the journal.
import { access, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { feedCsv, indicatorSession, indicatorUrls } from "../bulk/sync-support.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { cleanEnv, startPty, type PtyRepl } from "../helpers/repl.js";

const PROMPT_END = /ti\([^)\n]*\)> $/;

/** Answers the wizard's questions: feed, owner, the default priority rule. */
async function askSync(repl: PtyRepl, feed: string, owner: string, from: number): Promise<void> {
  repl.write(".sync\r");
  await repl.waitFor("Feed file", { from });
  repl.write(`${feed}\r`);
  await repl.waitFor("Owner", { from });
  repl.write(`${owner}\r`);
  await repl.waitFor("Priority over the cap", { from });
  repl.write("\r");
}

const journalLines = async (path: string): Promise<string[]> =>
  (await readFile(path, "utf8")).split("\n").filter((l) => l !== "");

describe("the .sync wizard", () => {
  it("shows the dry run as a table, applies on yes, and a second sync plans nothing", async () => {
    const dir = await mkdtemp(join(tmpdir(), "repl-sync-"));
    const feed = join(dir, "feed.csv");
    const rows = ["DomainName,one.example,Block,High", "DomainName,two.example,Block,Low"];
    await writeFile(feed, ["IndicatorType,IndicatorValue,Action,Severity", ...rows].join("\n") + "\n");
    const repl = startPty();
    await repl.ready();
    for (const run of [1, 2]) {
      const from = repl.output().length;
      repl.write(".sync\r");
      await repl.waitFor("Feed file", { from });
      repl.write(`${feed}\r`);
      await repl.waitFor("Owner", { from });
      repl.write("Wizard feed\r");
      await repl.waitFor("Priority over the cap", { from });
      repl.write("\r");
      if (run === 1) {
        await repl.waitFor("Apply this sync?", { from });
        const table = repl.output().slice(from);
        expect(table).toMatch(
          /Action +Line +What +Reason\ncreate +2 +\["one\.example","DomainName","Block"\]/,
        );
        expect(table).toMatch(/create +2\n/);
        expect(table).toContain("calls       import: 1, batchDelete: 0");
        repl.write("y\r");
        const text = await repl.waitFor(/created\s+2[\s\S]*ti\([^)\n]*\)> $/, { from });
        expect(text).toMatch(/deleted\s+0/);
      } else {
        const text = await repl.waitFor(/Nothing written\.[\s\S]*ti\([^)\n]*\)> $/, { from });
        expect(text).toMatch(/unchanged\s+2/);
        expect(text).not.toContain("Apply this sync?");
      }
    }
    repl.kill();
  }, 60_000);

  it("shows the progress line, stops at Ctrl-C with a summary that adds up, and .sync again resumes", async () => {
    // Slow answers, so that Ctrl-C lands between the sync's 10 import calls (one at a time, 500 rows each).
    const emu = await startTestEmulator({ quiet: true, latency: "400" });
    const total = 5_000;
    const dir = await mkdtemp(join(tmpdir(), "repl-sync-stop-"));
    const feed = join(dir, "feed.csv");
    const values = Array.from({ length: total }, (_, i) => `stop-${i}.example`);
    await writeFile(feed, feedCsv(values.map((value) => ({ value, severity: "High" }))));
    const urls = indicatorUrls(emu);
    const env = cleanEnv({
      ...{ TI_AUTH_URL: urls.authUrl, TI_API_URL: urls.apiUrl },
      ...{ TI_CLIENT_ID: emu.clientId, TI_CLIENT_SECRET: emu.clientSecret },
    });
    const repl = startPty([], env);
    const session = await indicatorSession(emu);
    try {
      await repl.ready({ timeoutMs: 30_000 });
      let from = repl.output().length;
      await askSync(repl, feed, "Stop feed", from);
      await repl.waitFor("Apply this sync?", { from, timeoutMs: 30_000 });
      repl.write("y\r");
      await repl.waitFor(/Importing [█░]+ [1-9][\d,]*\/5,000/, { from, timeoutMs: 30_000 });
      repl.write("\u0003");
      const stopped = await repl.waitFor(
        /To finish: \.sync again with the same feed and owner[^\n]*\n[\s\S]*ti\([^)\n]*\)> $/,
        { from, timeoutMs: 30_000 },
      );
      const [, created, failed, skipped] =
        /import stopped in [^\n]*: ([\d,]+) created, ([\d,]+) failed, ([\d,]+) skipped/.exec(stopped) ?? [];
      const n = (text: string | undefined): number => Number(text?.replace(/,/g, ""));
      // The summary adds up: every row created, failed or skipped, and Ctrl-C came before the end.
      expect(n(created) + n(failed) + n(skipped)).toBe(total);
      expect(n(skipped)).toBeGreaterThan(0);
      // The journal beside the feed holds what was written, done by done.
      const journal = join(dir, "feed.csv.stop-feed.sync.jsonl");
      const done = (await journalLines(journal))
        .filter((l) => l.startsWith('{"kind":"done"'))
        .flatMap((l) => (JSON.parse(l) as { items: unknown[] }).items);
      expect(done).toHaveLength(n(created));
      const landed = (await session.indicators.list({ pageSize: 10_000 }).toArray()).length;
      // A chunk in flight at Ctrl-C may have landed (the rerun adopts it).
      expect(landed).toBeGreaterThanOrEqual(n(created));
      expect(landed).toBeLessThan(total);

      from = repl.output().length;
      await askSync(repl, feed, "Stop feed", from);
      await repl.waitFor("Apply this sync?", { from, timeoutMs: 30_000 });
      expect(repl.output().slice(from)).toMatch(new RegExp(`create +${total - landed}\n`));
      repl.write("y\r");
      const finished = await repl.waitFor(/resumed\s+[\d,]+\n[\s\S]*ti\([^)\n]*\)> $/, {
        from,
        timeoutMs: 60_000,
      });
      expect(finished).toMatch(/created\s+5000\n/);
      expect(finished).toMatch(/failed\s+0\n/);
      // What the stopped run wrote counts as resumed (from the journal), not written twice.
      expect(n(/resumed\s+([\d,]+)/.exec(finished)?.[1])).toBe(landed);
      const stored = await session.indicators.list({ pageSize: 10_000 }).toArray();
      expect(stored.map((i) => i.indicatorValue).sort()).toEqual([...values].sort());
      // Run to its end, the sync leaves no journal for a later one to mistake for its own.
      await expect(access(journal)).rejects.toThrow();
      expect(PROMPT_END.test(repl.output())).toBe(true);
    } finally {
      await session.close();
      repl.kill();
    }
  }, 120_000);
});
