import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { formatResult } from "../../src/repl/bulk/format.js";
import { progressText } from "../../src/repl/bulk/progress.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { cleanEnv, runPiped, startPty, tempDir, type PtyRepl } from "../helpers/repl.js";

const ALERT = `const a = await alerts.create({ Name: "n", Severity: "Low", Title: "t", UxDescription: "u", Category: "Trojan" })`;

// Three good rows, one bad hash (line 4) and one duplicate of line 2 (line 6, upper-case hex).
const FEED = [
  "Type,Value",
  "Sha1,dead1111eeaabbccddeeaabbccddee11ffffffff",
  "Md5,0123456789abcdef0123456789ABCDEF",
  "Sha1,abc",
  "DomainName,example.com",
  "Sha1,DEAD1111eeaabbccddeeaabbccddee11ffffffff",
].join("\n");

/** A directory holding feed.csv (and any other rows given). */
function feedDir(text = FEED): string {
  const dir = tempDir();
  writeFileSync(join(dir, "feed.csv"), `${text}\n`);
  return dir;
}

/** A CSV of `n` distinct Sha1 IOCs. */
function sha1Feed(n: number): string {
  const rows = Array.from({ length: n }, (_, i) => `Sha1,${i.toString(16).padStart(40, "a")}`);
  return ["Type,Value", ...rows].join("\n");
}

function serviceEnv(emu: RunningEmulator): Record<string, string> {
  return cleanEnv({
    TI_AUTH_URL: emu.authUrl,
    TI_API_URL: emu.apiUrl,
    TI_CLIENT_ID: emu.clientId,
    TI_CLIENT_SECRET: emu.clientSecret,
  });
}

/** Starts the console at a terminal with one alert definition (`a`) created. */
async function ptyWithAlert(args?: string[], env?: Record<string, string>): Promise<PtyRepl> {
  const repl = startPty(args, env);
  await repl.ready();
  await repl.send(ALERT);
  return repl;
}

describe("bulk edits with piped input", () => {
  it("shows a dry-run import as counts and a table of rows with their reasons", async () => {
    const input = `${ALERT}\nawait iocs.import("feed.csv", { alert: a.Id, dryRun: true })\n`;
    const { stdout, stderr, code } = await runPiped([], { input, cwd: feedDir() });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain(
      "Import plan (dry run), csv: 5 rows → 3 to create, 0 to update, 0 unchanged, 1 duplicate, 1 rejected",
    );
    expect(stdout).toMatch(/\nLine\s+Action\s+What\s+Reason\n/);
    expect(stdout).toMatch(/\n +4\s+rejected\s+abc\s+Value: "abc" must be 40 hexadecimal characters/);
    expect(stdout).toMatch(/\n +6\s+duplicate\s+Sha1\|dead1111\S+\|Equals\|1\s+the same IOC as line 2/);
    expect(stdout).toMatch(/\n +5\s+create\s+DomainName\|example\.com\|Equals\|1\n/);
    expect(stdout).toContain("Dry run: nothing will be written.");
    expect(stdout).not.toMatch(/\u001b/);
  });

  it("refuses apply() without confirm, writing nothing, and writes with apply({ confirm: true })", async () => {
    const input = [
      ALERT,
      `const plan = await iocs.import("feed.csv", { alert: a.Id })`,
      "await plan.apply()",
      "await iocs.count()",
      "await plan.apply({ confirm: true })",
      "await iocs.count()",
      "",
    ].join("\n");
    const { stdout, stderr, code } = await runPiped([], { input, cwd: feedDir() });
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(
      /^ConfirmationRequired: Create 3 IOCs under alert definition 1\? There is no terminal to ask on .*call apply\(\{ confirm: true \}\) to write\. Nothing was written\.\n$/,
    );
    const lines = stdout.split("\n");
    expect(lines[0]).toBe("0");
    expect(lines[1]).toMatch(/^import done in [\d.]+ m?s: 3 created, 1 duplicate, 1 rejected, 0 failed$/);
    expect(stdout).toMatch(/Rejected:\nLine\s+Reason\n +4\s+Value: "abc"/);
    expect(stdout.trimEnd().split("\n").at(-1)).toBe("3");
    expect(code).toBe(1);
  });

  it("asks through session.iocs as through iocs, and the session still prints redacted", async () => {
    const input = [
      ALERT,
      `const plan = await session.iocs.import("feed.csv", { alert: a.Id })`,
      "await plan.apply()",
      "await session.iocs.count()",
      "session",
      "",
    ].join("\n");
    const { stdout, stderr } = await runPiped([], { input, cwd: feedDir() });
    expect(stderr).toMatch(/^ConfirmationRequired: Create 3 IOCs under alert definition 1\? /);
    expect(stdout.split("\n")[0]).toBe("0");
    expect(stdout).toContain("clientSecret: '[redacted]'");
  });

  it("plans deletes by filter and refuses them too without confirm", async () => {
    const input = [
      ALERT,
      `await (await iocs.import("feed.csv", { alert: a.Id })).apply({ confirm: true })`,
      `const del = await iocs.deleteWhere("Type eq 'Md5'")`,
      "del",
      "await del.apply()",
      "await iocs.count()",
      "",
    ].join("\n");
    const { stdout, stderr } = await runPiped([], { input, cwd: feedDir() });
    expect(stdout).toContain("deleteWhere plan: 1 IOC matches Type eq 'Md5' → 1 to delete, 0 unchanged");
    expect(stdout).toMatch(/\n +2\s+delete\s+Md5 0123456789abcdef0123456789abcdef\n/);
    expect(stdout).toContain("To write: await plan.apply({ confirm: true })");
    expect(stderr).toMatch(
      /^ConfirmationRequired: Delete 1 IOC matching Type eq 'Md5'\? This cannot be undone\./,
    );
    expect(stdout.trimEnd().split("\n").at(-1)).toBe("3");
  });
});

describe("confirmation questions", () => {
  it("name the patch of an update and the alert definitions to disable, without writing", async () => {
    const input = [
      ALERT,
      `await (await iocs.import("feed.csv", { alert: a.Id })).apply({ confirm: true })`,
      `await (await iocs.updateWhere("Type eq 'Sha1'", { Enabled: false })).apply()`,
      `await (await alerts.disableWhere("Id gt 0")).apply()`,
      "(await iocs.list()).map((i) => i.Enabled).join()",
      "",
    ].join("\n");
    const { stdout, stderr } = await runPiped([], { input, cwd: feedDir() });
    const errors = stderr.trim().split("\n");
    expect(errors[0]).toMatch(
      /^ConfirmationRequired: Update 1 IOC matching Type eq 'Sha1' to \{"Enabled":false\}\? /,
    );
    expect(errors[1]).toMatch(/^ConfirmationRequired: Disable 1 alert definition matching Id gt 0\? /);
    expect(stdout.trimEnd().split("\n").at(-1)).toBe("'true,true,true'");
  });
});

describe(".help", () => {
  it("explains bulk edits with examples", async () => {
    const { stdout } = await runPiped([], { input: ".help\n" });
    expect(stdout).toContain("Bulk edits (a plan first");
    expect(stdout).toContain('await iocs.import("feed.csv", { alert: 1, dryRun: true })');
    expect(stdout).toContain("await plan.apply({ confirm: true })");
  });
});

// Spawned consoles on a shared 2-core machine: generous time, no timing assertions.
describe("bulk edits at a terminal", () => {
  it("asks before applying; yes writes with a progress line and a summary, and a delete defaults to No", async () => {
    const dir = feedDir();
    const repl = await ptyWithAlert();
    expect(
      await repl.send(
        `const plan = await iocs.import(${JSON.stringify(join(dir, "feed.csv"))}, { alert: a.Id })`,
      ),
    ).not.toMatch(/Error/);
    const from = repl.output().length;
    repl.write("await plan.apply()\r");
    await repl.waitFor("Create 3 IOCs under alert definition 1?", { from });
    repl.write("y\r");
    const text = await repl.waitFor(/import done in [^\n]*\n[\s\S]*ti\([^)\n]*\)> $/, { from });
    expect(text).toMatch(/Importing █+ 3\/3 100% · 0 failed · 0 skipped · \d+\/s/);
    expect(text).toMatch(/import done in [\d.]+ m?s: 3 created, 1 duplicate, 1 rejected, 0 failed/);
    expect(text).not.toMatch(/Waiting for the service|Uncaught/);
    expect(await repl.send("await iocs.count()")).toMatch(/^\s*3\s*$/m);
    await repl.send(`const del = await iocs.deleteWhere("Type eq 'Md5'")`);
    const at = repl.output().length;
    repl.write("await del.apply()\r");
    await repl.waitFor("Delete 1 IOC matching Type eq 'Md5'? This cannot be undone. (y/N)", { from: at });
    repl.write("\r");
    await repl.waitFor(/Nothing was written\.\n[\s\S]*ti\([^)\n]*\)> $/, { from: at });
    expect(await repl.send("await iocs.count()")).toMatch(/^\s*3\s*$/m);
    repl.kill();
  }, 90_000);

  it("asks before applying; no writes nothing and the prompt works as before", async () => {
    const dir = feedDir();
    const repl = await ptyWithAlert();
    await repl.send(
      `const plan = await iocs.import(${JSON.stringify(join(dir, "feed.csv"))}, { alert: a.Id })`,
    );
    const from = repl.output().length;
    repl.write("await plan.apply()\r");
    await repl.waitFor("Create 3 IOCs under alert definition 1?", { from });
    repl.write("n\r");
    const text = await repl.waitFor(/Nothing was written\.\n[\s\S]*ti\([^)\n]*\)> $/, { from });
    expect(text).not.toContain("Importing");
    expect(await repl.send("await iocs.count()")).toMatch(/^\s*0\s*$/m);
    expect(await repl.send("1 + 1")).toContain("2");
    repl.kill();
  }, 90_000);

  it("stops at Ctrl-C with the partial result and how to resume, and apply() again finishes", async () => {
    const emu = await startTestEmulator({ latency: "150" });
    const dir = feedDir(sha1Feed(24));
    const repl = await ptyWithAlert([], serviceEnv(emu));
    await repl.send(
      `const plan = await iocs.import(${JSON.stringify(join(dir, "feed.csv"))}, { alert: a.Id })`,
    );
    const apply = `await plan.apply({ strategy: "per-item", concurrency: 1 })`;
    let from = repl.output().length;
    repl.write(`${apply}\r`);
    await repl.waitFor("Create 24 IOCs under alert definition 1?", { from });
    repl.write("y\r");
    await repl.waitFor(/Importing [█░]+ [1-9]\d*\/24/, { from, timeoutMs: 30_000 });
    repl.write("\u0003");
    const stopped = await repl.waitFor(
      /To finish: await plan\.apply\(\) again[^\n]*\n[\s\S]*ti\([^)\n]*\)> $/,
      {
        from,
      },
    );
    expect(stopped).toContain("Cancelled.");
    expect(stopped).toMatch(/import stopped in [^\n]*: \d+ created, 0 failed, \d+ skipped/);
    expect(stopped).toContain("this plan remembers what was written");
    const created = Number(/: (\d+) created/.exec(stopped)?.[1]);
    from = repl.output().length;
    repl.write(`${apply}\r`);
    // What is left, and apart what the stopped apply wrote.
    await repl.waitFor(
      `Create ${24 - created} IOCs under alert definition 1? (${created} written by an earlier apply of this plan)`,
      { from },
    );
    repl.write("y\r");
    const done = await repl.waitFor(/import done in [^\n]*\n[\s\S]*ti\([^)\n]*\)> $/, {
      from,
      timeoutMs: 30_000,
    });
    // An item in flight at Ctrl-C may have landed: the earlier runs' count then adopts it.
    const [, now, before] = /: (\d+) created, 0 failed; earlier runs: (\d+) created/.exec(done) ?? [];
    expect(Number(now) + Number(before)).toBe(24);
    expect(Number(before)).toBeGreaterThanOrEqual(created);
    expect(await repl.send("await iocs.count()")).toMatch(/^\s*24\s*$/m);
    repl.kill();
  }, 90_000);
});

describe("the progress line", () => {
  it("shows done of total, failed, skipped, rate, ETA and time waiting on 429", () => {
    const p = {
      total: 4983,
      done: 1200,
      failed: 2,
      skipped: 0,
      ratePerSecond: 850.4,
      etaMs: 4400,
      elapsedMs: 1400,
      waitingMs: 1200,
    };
    expect(progressText("Importing", p)).toBe(
      "Importing ████░░░░░░░░░░░░ 1,200/4,983 24% · 2 failed · 0 skipped · 850/s · ETA 4.4 s · waited 1.2 s on 429",
    );
  });

  it("counts the rows a stop left as not done: a full quota's last line is not 100%", () => {
    const p = {
      total: 20_000,
      done: 15_000,
      failed: 0,
      skipped: 5_000,
      ratePerSecond: 900,
      etaMs: undefined,
    };
    expect(progressText("Importing", { ...p, elapsedMs: 16_700, waitingMs: 0 })).toBe(
      "Importing ████████████░░░░ 15,000/20,000 75% · 0 failed · 5,000 skipped · 900/s",
    );
  });
});

describe("the result summary", () => {
  it("says why an edit stopped early and lists the failed items", () => {
    const failure = { key: "Sha1|aa|Equals|1", line: 7, error: "Quota exceeded", status: 507 };
    const result = {
      ...{ operation: "import" as const, created: 1000, updated: 0, deleted: 0, disabled: 0, unchanged: 2 },
      ...{ rejected: 0, duplicates: 0, failed: 1, skipped: 3999, resumed: 0, durationMs: 2500, waitingMs: 0 },
      stopped: { reason: "quota" as const, message: "The tenant's IOC quota is full" },
      failures: [failure],
      rejections: [],
    };
    const text = formatResult(result, { width: 100 });
    expect(text.split("\n")[0]).toBe(
      "import stopped in 2.5 s: 1,000 created, 2 unchanged, 1 failed, 3,999 skipped",
    );
    expect(text).toContain("Stopped (quota): The tenant's IOC quota is full");
    expect(text).toMatch(
      /Failed:\nkey\s+line\s+error\s+status\nSha1\|aa\|Equals\|1\s+7\s+Quota exceeded\s+507/,
    );
  });
});

describe("the result summary of a re-run", () => {
  const base = {
    ...{ operation: "import" as const, created: 6, updated: 0, deleted: 0, disabled: 0, unchanged: 0 },
    ...{
      rejected: 0,
      duplicates: 0,
      failed: 0,
      skipped: 0,
      durationMs: 5,
      waitingMs: 0,
      failures: [],
      rejections: [],
      stopped: undefined,
    },
  };

  it("says a finished import's re-run wrote nothing, and what earlier runs did, separately", () => {
    expect(formatResult({ ...base, resumed: 6 })).toBe(
      "import done in 5 ms: nothing written this run, 0 failed; earlier runs: 6 created",
    );
  });

  it("counts what this run created apart from what earlier runs created", () => {
    expect(formatResult({ ...base, created: 10, resumed: 6 }).split("\n")[0]).toBe(
      "import done in 5 ms: 4 created, 0 failed; earlier runs: 6 created",
    );
  });

  it("never cuts the URL of a failed item, however narrow the output", () => {
    const key = `Url|https://downloads.example.com/${"a".repeat(60)}/payload.exe|Equals|1`;
    const failure = {
      key,
      line: 3,
      error: "Quota exceeded: at most 15000 entities in all".repeat(2),
      status: 507,
    };
    const text = formatResult(
      { ...base, created: 0, failed: 1, resumed: 0, failures: [failure] },
      { width: 80 },
    );
    expect(text).toContain(key);
  });
});

describe("the result summary of a re-run that created and updated", () => {
  it("counts this run's writes apart from the earlier runs'", () => {
    const result = {
      ...{ operation: "import" as const, created: 10, updated: 4, deleted: 0, disabled: 0, unchanged: 0 },
      ...{
        rejected: 0,
        duplicates: 0,
        failed: 0,
        skipped: 0,
        durationMs: 5,
        waitingMs: 0,
        failures: [],
        rejections: [],
        stopped: undefined,
      },
      resumed: 6,
    };
    expect(formatResult(result)).toBe(
      "import done in 5 ms: 8 created or updated, 0 failed; earlier runs: 6 created or updated",
    );
  });
});
