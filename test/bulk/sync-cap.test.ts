import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startTestEmulator } from "../helpers/emulator.js";
import { feedCsv, indicatorSession, seed } from "./sync-support.js";

const SEVERITIES = ["Low", "Medium", "High", "Informational"];
const defaults = { title: "Feed A", description: "From feed A" };

describe("indicators.sync over the cap", () => {
  it("keeps exactly the top rows by severity then newest, lists the rest, and the tenant ends at the cap", async () => {
    const emu = await startTestEmulator({ quiet: true, indicatorCap: 50 });
    const session = await indicatorSession(emu);
    const dir = await mkdtemp(join(tmpdir(), "bulk-sync-cap-"));
    await seed(
      session,
      Array.from({ length: 20 }, (_, i) => `other-${i}.example`),
      "Feed B",
    );
    await seed(
      session,
      Array.from({ length: 5 }, (_, i) => `owned-${i}.example`),
      "Feed A",
    );
    // Line 2 is owned-0 (Low); lines 3-42 are new-0..39, their severity cycling Low, Medium, High, Informational.
    const rows = [
      { value: "owned-0.example", severity: "Low" },
      ...Array.from({ length: 40 }, (_, i) => ({
        value: `new-${i}.example`,
        severity: SEVERITIES[i % 4] as string,
      })),
    ];
    const feed = join(dir, "feed.csv");
    await writeFile(feed, feedCsv(rows));
    const plan = await session.indicators.sync(feed, { owner: "Feed A", ...defaults, cap: 50 });
    expect(plan.sync.cap).toMatchObject({ limit: 50, others: 20, exceeded: true });
    // Room for 30: every High (10), every Medium (10), and the 10 newest Low (new-36 down to new-0): owned-0 is older.
    const of = (severity: string) =>
      rows.filter((r) => r.severity === severity && r.value.startsWith("new-"));
    const kept = [...of("High"), ...of("Medium"), ...of("Low")].map((r) => r.value).sort();
    const leftOut = ["owned-0.example", ...of("Informational").map((r) => r.value)].sort();
    expect(plan.sync.cap.leftOut.map((r) => r.body["indicatorValue"]).sort()).toEqual(leftOut);
    expect(plan.create.map((c) => c.body["indicatorValue"]).sort()).toEqual(kept);
    expect(plan.counts).toMatchObject({ create: 30, delete: 5, leftOut: 11 });

    const result = await plan.apply({ confirm: true });
    expect(result).toMatchObject({ created: 30, deleted: 5, failed: 0 });
    const mine = await session.indicators.list({ filter: "application eq 'Feed A'" }).toArray();
    expect(mine.map((i) => i.indicatorValue).sort()).toEqual(kept);
    expect(await session.indicators.count()).toBe(50);

    const newest = await session.indicators.sync(feed, {
      owner: "Feed A",
      ...defaults,
      cap: 50,
      priority: "newest",
    });
    // By line alone, the 30 latest rows (new-10..39) stay.
    const latest = rows
      .slice(-30)
      .map((r) => r.value)
      .sort();
    const landing = [
      ...newest.create.map((c) => c.body["indicatorValue"]),
      ...newest.unchanged.map((u) => rows[u.line - 2]?.value),
    ];
    expect(landing.sort()).toEqual(latest);
    await session.close();
  }, 60_000);
});

describe("indicators.sync's expiry per type and device groups", () => {
  it("skips rows already expired with a reason, gives new IPs their type's expiry, reports unknown groups", async () => {
    const emu = await startTestEmulator({ quiet: true });
    const session = await indicatorSession(emu);
    const dir = await mkdtemp(join(tmpdir(), "bulk-sync-expiry-"));
    const feed = join(dir, "feed.csv");
    await writeFile(
      feed,
      [
        "IndicatorType,IndicatorValue,ExpirationTime,Action,RbacGroups",
        "IpAddress,52.184.197.12,,Block,Finance",
        "DomainName,old.example,2020-01-01T00:00:00Z,Block,",
        `FileSha256,${"a".repeat(64)},,Block,"Finance,Nowhere"`,
      ].join("\n") + "\n",
    );
    const options = {
      owner: "Feed A",
      ...defaults,
      expiryDays: { IpAddress: 30 },
      knownDeviceGroups: ["Finance"],
    };
    const plan = await session.indicators.sync(feed, options);
    expect(plan.sync.expired).toEqual([
      { line: 3, reason: expect.stringMatching(/expirationTime: .* is in the past/) },
    ]);
    expect(plan.sync.unknownDeviceGroups).toEqual([{ line: 4, key: expect.any(String), names: ["Nowhere"] }]);
    const ip = plan.create.find((c) => c.body["indicatorType"] === "IpAddress");
    const days = (Date.parse(String(ip?.body["expirationTime"])) - Date.now()) / 86_400_000;
    expect(Math.round(days)).toBe(30);
    expect(
      plan.create.find((c) => c.body["indicatorType"] === "FileSha256")?.body["expirationTime"],
    ).toBeNull();
    await plan.apply({ confirm: true });
    // The default expiry is not compared: the next sync, a moment later, changes nothing.
    const again = await session.indicators.sync(feed, options);
    expect(again.counts).toMatchObject({ create: 0, update: 0, unchanged: 2 });
    await expect(
      session.indicators.sync(feed, { ...options, expiryDays: { Ip: 3 } as never }),
    ).rejects.toThrow(/expiryDays\.Ip/);
    await expect(session.indicators.sync(feed, { owner: " " })).rejects.toThrow(/owner/);
    await expect(session.indicators.sync(feed, { ...options, priority: "loudest" as never })).rejects.toThrow(
      /priority: "loudest" must be one of severity, newest, input/,
    );
    await session.close();
  }, 60_000);
});
