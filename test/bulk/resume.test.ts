import { spawn } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importIocs, type BulkSets } from "../../src/bulk/index.js";
import type { IndicatorOfCompromise } from "../../src/schema/index.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { iocsOf, keysOf, newAlert, openSession, syntheticCsv } from "./session.js";

const child = fileURLToPath(new URL("./child-import.ts", import.meta.url));

async function doneEntries(journal: string): Promise<number> {
  const text = await readFile(journal, "utf8").catch(() => "");
  return text.split("\n").filter((line) => line.startsWith('{"kind":"done"')).length;
}

describe("resuming an import from its journal", () => {
  it("ends with exactly the input set after the importing process is killed with SIGKILL half-way", async () => {
    const emu = await startTestEmulator({ quiet: true, latency: "40" });
    const session = await openSession(emu);
    const alert = await newAlert(session);
    const dir = await mkdtemp(join(tmpdir(), "bulk-resume-"));
    const input = join(dir, "input.csv");
    const journal = join(dir, "import.jsonl");
    await writeFile(input, syntheticCsv(2000));
    const env = {
      ...process.env,
      TI_AUTH_URL: emu.authUrl,
      TI_API_URL: emu.apiUrl,
      TI_CLIENT_ID: emu.clientId,
      TI_CLIENT_SECRET: emu.clientSecret,
    };
    const proc = spawn(process.execPath, ["--import", "tsx", child, input, String(alert), journal], {
      env,
      stdio: "ignore",
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      proc.on("exit", (_code, signal) => resolve(signal)),
    );
    while ((await doneEntries(journal)) < 15 && proc.exitCode === null)
      await new Promise((r) => setTimeout(r, 20));
    proc.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    const landedBefore = (await iocsOf(session, alert)).length;
    expect(landedBefore).toBeGreaterThan(0);
    expect(landedBefore).toBeLessThan(2000);

    const plan = await importIocs(session, input, { alert });
    const result = await plan.apply({ confirm: true, journal });
    expect(result).toMatchObject({ created: 2000, failed: 0, skipped: 0, unchanged: 0 });
    expect(result.resumed).toBeGreaterThanOrEqual(15 * 50);
    const stored = await iocsOf(session, alert);
    expect(stored).toHaveLength(2000);
    expect(keysOf(stored)).toEqual(
      keysOf(stored.filter((s, i, all) => all.findIndex((o) => o.Value === s.Value) === i)),
    );
  }, 120_000);

  it("returns the partial result on abort, and finishes when the same plan is applied again", async () => {
    const emu = await startTestEmulator({ quiet: true, latency: "20" });
    const session = await openSession(emu);
    const alert = await newAlert(session);
    const plan = await importIocs(session, syntheticCsv(600), { alert });
    const controller = new AbortController();
    const first = await plan.apply({
      confirm: true,
      chunkSize: 50,
      chunkConcurrency: 1,
      signal: controller.signal,
      progressIntervalMs: 0,
      onProgress: (p) => p.done >= 200 && controller.abort(),
    });
    expect(first.stopped?.reason).toBe("aborted");
    expect(first.created).toBeGreaterThanOrEqual(200);
    expect(first.created + first.skipped).toBe(600);
    const second = await plan.apply({ confirm: true, chunkSize: 50 });
    expect(second).toMatchObject({ created: 600, failed: 0, skipped: 0 });
    expect(second.resumed).toBe(first.created);
    expect(await iocsOf(session, alert)).toHaveLength(600);
  }, 60_000);

  it("counts a chunk that landed before its answer was lost to a kill as created by the earlier run", async () => {
    const emu = await startTestEmulator({ quiet: true });
    const session = await openSession(emu);
    const alert = await newAlert(session);
    const journal = join(await mkdtemp(join(tmpdir(), "bulk-journal-")), "j.jsonl");
    const input = syntheticCsv(40);
    const controller = new AbortController();
    const sets: BulkSets = {
      alerts: session.alerts,
      iocs: {
        ...session.iocs,
        async bulkUpload(items, options): Promise<IndicatorOfCompromise[]> {
          await session.iocs.bulkUpload(items, options);
          // The process "dies" after the service stored the chunk but before the answer was journalled.
          controller.abort();
          throw Object.assign(new Error("The operation was aborted"), { kind: "aborted" });
        },
      },
    };
    const first = await (
      await importIocs(sets, input, { alert })
    ).apply({ confirm: true, journal, chunkSize: 10, chunkConcurrency: 1, signal: controller.signal });
    expect(first).toMatchObject({ created: 0, skipped: 40, stopped: { reason: "aborted" } });
    const plan = await importIocs(session, input, { alert });
    expect(plan.counts).toMatchObject({ create: 30, unchanged: 10 });
    const second = await plan.apply({ confirm: true, journal });
    expect(second).toMatchObject({ created: 40, resumed: 10, unchanged: 0, failed: 0 });
    expect(await iocsOf(session, alert)).toHaveLength(40);
  });

  it("stops when tokens can no longer be had, and a rerun with the journal finishes without duplicates", async () => {
    const emu = await startTestEmulator({ quiet: true, tokenLifetimeSeconds: 3, latency: "30" });
    const session = await openSession(emu, { retry: { limit: 2, baseDelayMs: 50 } });
    const alert = await newAlert(session);
    const journal = join(await mkdtemp(join(tmpdir(), "bulk-journal-")), "j.jsonl");
    const input = syntheticCsv(3000);
    const setFaults = (rules: string): Promise<Response> =>
      fetch(`${emu.url}/_emulator/faults`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ rules }),
      });
    let broken = false;
    const first = await (
      await importIocs(session, input, { alert })
    ).apply({
      confirm: true,
      journal,
      chunkSize: 20,
      chunkConcurrency: 1,
      progressIntervalMs: 0,
      onProgress: (p) => {
        if (p.done >= 100 && !broken) void setFaults("503:100%@token");
        broken ||= p.done >= 100;
      },
    });
    expect(first.stopped?.reason).toBe("auth");
    expect(first.created).toBeGreaterThanOrEqual(100);
    expect(first.created).toBeLessThan(3000);
    await setFaults("");
    const second = await (await importIocs(session, input, { alert })).apply({ confirm: true, journal });
    expect(second).toMatchObject({ created: 3000, failed: 0, skipped: 0 });
    const stored = await iocsOf(session, alert);
    expect(stored).toHaveLength(3000);
    expect(new Set(keysOf(stored)).size).toBe(3000);
  }, 120_000);

  it("refuses a journal written by a different import", async () => {
    const emu = await startTestEmulator({ quiet: true });
    const session = await openSession(emu);
    const alert = await newAlert(session);
    const journal = join(await mkdtemp(join(tmpdir(), "bulk-journal-")), "j.jsonl");
    await (await importIocs(session, "10.9.9.9\n", { alert })).apply({ confirm: true, journal });
    const other = await importIocs(session, "10.9.9.10\n", { alert });
    await expect(other.apply({ confirm: true, journal })).rejects.toThrow(/belongs to another import/);
  });

  it("never writes a token or the secret to the journal", async () => {
    const emu = await startTestEmulator({ quiet: true });
    const session = await openSession(emu);
    const alert = await newAlert(session);
    const journal = join(await mkdtemp(join(tmpdir(), "bulk-journal-")), "j.jsonl");
    await (
      await importIocs(session, syntheticCsv(30), { alert })
    ).apply({ confirm: true, journal, chunkSize: 10, chunkConcurrency: 1 });
    const text = await readFile(journal, "utf8");
    expect(text).not.toContain(emu.clientSecret);
    expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+/);
    expect(
      text
        .trim()
        .split("\n")
        .map((l) => (JSON.parse(l) as { kind: string }).kind),
    ).toEqual(["begin", "sent", "done", "sent", "done", "sent", "done", "end"]);
  });
});
