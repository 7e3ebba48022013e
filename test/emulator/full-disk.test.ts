import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statfsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import { caller, definitionBody, iocBody } from "./support.js";

// A real, small file system: a tmpfs of 512 KiB (the test runs as root; elsewhere it is skipped, saying why).
const dir = mkdtempSync(join(tmpdir(), "ti-emulator-full-"));
let mounted = false;
try {
  execFileSync("mount", ["-t", "tmpfs", "-o", "size=512k", "tmpfs", dir], { stdio: "ignore" });
  mounted = true;
} catch {
  console.warn(`full-disk tests skipped: cannot mount a tmpfs on ${dir} (needs root and mount rights)`);
}
afterAll(() => {
  // Lazy: a failed test may still hold the journal open.
  if (mounted) execFileSync("umount", ["-l", dir]);
  rmSync(dir, { recursive: true, force: true });
});

/** A bulk upload of `n` IOCs with distinct values starting at `from`. */
function upload(from: number, n: number): { iocs: Record<string, unknown>[] } {
  const iocs = Array.from({ length: n }, (_, i) =>
    iocBody(1, { Value: (from + i).toString(16).padStart(40, "0") }),
  );
  return { iocs };
}

describe.skipIf(!mounted)("a full disk", { timeout: 60_000 }, () => {
  it("answers 507 without acknowledging, and a later start reads everything acknowledged", async () => {
    const path = join(dir, "state.jsonl");
    const options = { statePath: path, quotaTotal: 1_000_000, quotaNonEquals: 1_000_000 };
    const emu = await startEmulator(options);
    const call = caller(emu);
    expect((await call("POST", "/V1.0/AlertDefinitions", { body: definitionBody() })).status).toBe(201);
    // Fill the disk but for ~40 KB, so the journal hits the wall after a few uploads.
    const free = (): number => {
      const s = statfsSync(dir);
      return s.bavail * s.bsize;
    };
    writeFileSync(join(dir, "filler"), Buffer.alloc(Math.max(0, free() - 40_000)));
    const acknowledged: number[] = [];
    const statuses: number[] = [];
    for (let round = 0; round < 30; round++) {
      const r = await call("POST", "/V1.0/IndicatorsOfCompromise/Actions.BulkUpload", {
        body: upload(round * 1000, 40),
      });
      statuses.push(r.status);
      if (r.status === 200) acknowledged.push(...r.json.value.map((i: { Id: number }) => i.Id));
      else expect(r.json.error.code).toBe("InsufficientStorage");
    }
    expect(statuses).toContain(200);
    expect(statuses).toContain(507);
    // What was refused is not served either.
    const listed = await call("GET", "/V1.0/IndicatorsOfCompromise?$count=true&$top=1");
    expect(listed.json["@odata.count"]).toBe(acknowledged.length);

    // Space comes back: writes go on, and nothing refused before reappears.
    rmSync(join(dir, "filler"));
    const after = await call("POST", "/V1.0/IndicatorsOfCompromise/Actions.BulkUpload", {
      body: upload(900_000, 40),
    });
    expect(after.status).toBe(200);
    acknowledged.push(...after.json.value.map((i: { Id: number }) => i.Id));
    await emu.close();

    const again = await startEmulator(options);
    const state = (await (await fetch(`${again.url}/_emulator/state`)).json()) as {
      IndicatorsOfCompromise: { Id: number }[];
    };
    expect(state.IndicatorsOfCompromise.map((i) => i.Id)).toEqual(acknowledged);
    await again.close();
  });
});
