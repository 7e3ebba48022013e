import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startTestEmulator } from "../helpers/emulator.js";
import { feedCsv, indicatorSession, seed, writeRequests } from "./sync-support.js";

const range = <T>(n: number, name: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => name(i));
const defaults = { title: "Feed A", description: "From feed A" };

describe("indicators.sync of a 12,000-row feed into a tenant of 5,000", () => {
  it("creates, updates and deletes exactly what the plan said, leaves the 2,000 others alone, and a second sync does nothing", async () => {
    const emu = await startTestEmulator({ quiet: true });
    const session = await indicatorSession(emu);
    const dir = await mkdtemp(join(tmpdir(), "bulk-sync-"));
    const owned = range(3000, (i) => `owned-${i}.example`);
    const others = range(2000, (i) => `other-${i}.example`);
    await seed(session, owned, "Feed A");
    await seed(session, others.slice(0, 1000), "Feed B");
    await seed(session, others.slice(1000), undefined);
    const before = await session.indicators.list({ pageSize: 10_000 }).toArray();
    const othersBefore = before.filter((i) => i.application !== "Feed A");
    expect(othersBefore).toHaveLength(2000);

    // Half the owned still in the feed (300 of them changed), 100 rows naming Feed B's, the rest new.
    const kept = owned.slice(0, 1500).map((value, i) => ({ value, severity: i < 300 ? "High" : "Low" }));
    const foreign = others.slice(0, 100).map((value) => ({ value, severity: "High" }));
    const fresh = range(10_400, (i) => ({ value: `new-${i}.example`, severity: "Medium" }));
    const feed = join(dir, "feed.csv");
    await writeFile(feed, feedCsv([...kept, ...foreign, ...fresh]));

    const dry = await session.indicators.sync(feed, { owner: "Feed A", ...defaults, dryRun: true });
    expect(dry.counts).toMatchObject({
      rows: 12_000,
      create: 10_400,
      update: 300,
      unchanged: 1200,
      delete: 1500,
      leftAlone: 100,
      leftOut: 0,
    });
    expect(dry.update.every((u) => JSON.stringify(u.patch) === '{"severity":"High"}')).toBe(true);
    expect(dry.sync.leftAlone[0]).toMatchObject({ line: 1502, reason: 'owned by "Feed B"' });
    expect(dry.sync.cap).toMatchObject({ limit: 15_000, others: 2000, exceeded: false });
    expect(dry.calls).toEqual({ import: 22, batchDelete: 3 });
    await expect(dry.apply({ confirm: true })).rejects.toThrow(/dry run/i);

    const plan = await session.indicators.sync(feed, { owner: "Feed A", ...defaults });
    const result = await plan.apply({ confirm: true });
    expect(result).toMatchObject({
      created: 10_400,
      updated: 300,
      deleted: 1500,
      unchanged: 1200,
      failed: 0,
    });

    const after = await session.indicators.list({ pageSize: 10_000 }).toArray();
    const mine = after.filter((i) => i.application === "Feed A");
    const wanted = [...kept, ...fresh].map((r) => r.value).sort();
    expect(mine.map((i) => i.indicatorValue).sort()).toEqual(wanted);
    expect(mine.filter((i) => i.severity === "High")).toHaveLength(300);
    // The others are exactly as they were, to the update stamp.
    const othersAfter = after.filter((i) => i.application !== "Feed A");
    const byId = (a: { id: string }, b: { id: string }) => Number(a.id) - Number(b.id);
    expect(othersAfter.sort(byId)).toEqual(othersBefore.sort(byId));

    const writes = await writeRequests(emu);
    const again = await session.indicators.sync(feed, { owner: "Feed A", ...defaults });
    expect(again.counts).toMatchObject({
      create: 0,
      update: 0,
      delete: 0,
      unchanged: 11_900,
      leftAlone: 100,
    });
    expect(again.calls).toEqual({ import: 0, batchDelete: 0 });
    const second = await again.apply({ confirm: true });
    expect(second).toMatchObject({ created: 0, updated: 0, deleted: 0, unchanged: 11_900 });
    expect(await writeRequests(emu)).toBe(writes);
    await session.close();
  }, 120_000);
});
