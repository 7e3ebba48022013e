import { existsSync, readFileSync, statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { cleanEnv, startPty, type PtyRepl } from "../helpers/repl.js";

const SECRET = "Interactive-Test-Secret-9f8e7d6c5b4a";

function serviceEnv(emu: RunningEmulator, extra: Record<string, string> = {}): Record<string, string> {
  return cleanEnv({
    TI_AUTH_URL: emu.authUrl,
    TI_API_URL: emu.apiUrl,
    TI_CLIENT_ID: emu.clientId,
    TI_CLIENT_SECRET: emu.clientSecret,
    ...extra,
  });
}

/** The service's counters (the stats request itself is an admin call and not counted here). */
async function apiCounters(emu: RunningEmulator): Promise<unknown> {
  const body = (await (await fetch(`${emu.url}/_emulator/stats`)).json()) as {
    tokensIssued: number;
    requests: Record<string, number>;
  };
  const api = Object.entries(body.requests).filter(([route]) => !route.includes("_emulator"));
  return { tokensIssued: body.tokensIssued, requests: Object.fromEntries(api) };
}

/** How many fault rules fired (a hung request counts once, when it arrives). */
async function faultsInjected(emu: RunningEmulator): Promise<number> {
  const body = (await (await fetch(`${emu.url}/_emulator/stats`)).json()) as { faultsInjected: number };
  return body.faultsInjected;
}

/**
 * Answers the walkthrough's steps in order, each once its question is drawn (inquirer listens from then on),
 * and returns what was printed up to the prompt.
 */
async function answerSteps(repl: PtyRepl, from: number, answers: readonly string[]): Promise<string> {
  for (const [i, answer] of answers.entries()) {
    await repl.waitFor(`Step ${i + 1} of 5`, { from });
    await repl.waitFor(i >= 3 ? /this writes to the service[^\n]*$/ : /Continue\?[^\n]*$/, { from });
    repl.write(answer);
  }
  return repl.waitForPrompt({ from });
}

/** Polls `check` until it holds (the test's own timeout ends a wait that never does). */
async function waitUntil(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 25));
}

describe("completion", () => {
  it("completes methods, fields and enum values without sending a request", async () => {
    const emu = await startTestEmulator({ clientSecret: SECRET });
    const repl = startPty([], serviceEnv(emu));
    await repl.ready();
    const before = await apiCounters(emu);
    let from = repl.output().length;
    repl.write("alerts.cre\t");
    await repl.waitFor("alerts.create", { from });
    repl.write("({ Sev\t");
    await repl.waitFor("Severity", { from });
    repl.write(': "Hi\t');
    await repl.waitFor('Severity: "High', { from });
    repl.write("\u0015"); // Ctrl-U: clear the line
    from = repl.output().length;
    repl.write("alerts.list().\t\t");
    repl.write("iocs.list().then(\t\t");
    await new Promise((r) => setTimeout(r, 1000));
    repl.write("\u0015");
    expect(await repl.send("1 + 1")).toContain("2");
    expect(await apiCounters(emu)).toEqual(before);
    repl.kill();
  });
});

describe("feedback", () => {
  it("shows a spinner on a slow call and Ctrl-C cancels it, back to the prompt", async () => {
    const lines: string[] = [];
    const emu = await startTestEmulator({ faults: "hang:100%@api", onLog: (line) => lines.push(line) });
    const repl = startPty([], serviceEnv(emu));
    await repl.ready();
    const from = repl.output().length;
    repl.write("await alerts.list()\r");
    await repl.waitFor("Waiting for the service", { from });
    repl.write("\u0003");
    await repl.waitFor(/Cancelled\.[\s\S]*ti\([^)\n]*\)> $/, { from });
    expect(await repl.send("1 + 1")).toContain("2");
    // The request left the wire (the emulator saw its connection close) and was not sent again.
    await waitUntil(() => lines.some((line) => / GET \/V1\.0\/AlertDefinitions no-reply /.test(line)));
    expect(await faultsInjected(emu)).toBe(1);
    repl.kill();
  });

  it("leaves no request running after Ctrl-C, even from code that catches the abort and carries on", async () => {
    const emu = await startTestEmulator({ quiet: true, faults: "hang:100%@api" });
    const repl = startPty([], serviceEnv(emu));
    await repl.ready();
    const from = repl.output().length;
    repl.write("for (let i = 0; i < 5; i++) { try { await alerts.list() } catch {} }\r");
    await repl.waitFor("Waiting for the service", { from });
    repl.write("\u0003");
    await repl.waitFor(/Cancelled\.[\s\S]*ti\([^)\n]*\)> $/, { from });
    // The loop's later calls belong to the cancelled evaluation: they fail at once instead of hanging.
    expect(await repl.send("1 + 1")).toContain("2");
    await new Promise((r) => setTimeout(r, 500));
    expect(await faultsInjected(emu)).toBe(1);
    repl.kill();
  });
});

describe("prompts", () => {
  it("runs the .new-alert wizard with each key read once, then gives the prompt back", async () => {
    const repl = startPty();
    await repl.ready();
    const from = repl.output().length;
    repl.write(".new-alert\r");
    await repl.waitFor("Name", { from });
    repl.write("\r");
    await repl.waitFor("Name is required", { from });
    repl.write("Wizard alert\r");
    for (const [question, answer] of [
      ["Severity", "\r"],
      ["Category", "\r"],
      ["Title", "Wizard title\r"],
      ["UxDescription", "Shown to analysts\r"],
      ["InternalDescription", "\r"],
      ["RecommendedAction", "\r"],
      ["Enabled", "\r"],
      ["Create it?", "\r"],
    ] as const) {
      await repl.waitFor(question, { from });
      repl.write(answer);
    }
    const text = await repl.waitForPrompt({ from });
    expect(text).toMatch(/Name\s+Wizard alert/);
    expect(text).not.toMatch(/WWi|ReferenceError|Uncaught/);
    expect(await repl.send("(await alerts.list()).map((a) => a.Name)")).toContain("[ 'Wizard alert' ]");
    repl.kill();
  });

  it("runs the .new-ioc wizard, validating the value for its type as it is typed", async () => {
    const repl = startPty();
    await repl.ready();
    await repl.send(
      `await alerts.create({ Name: "n", Severity: "Low", Title: "t", UxDescription: "u", Category: "Trojan" })`,
    );
    const from = repl.output().length;
    repl.write(".new-ioc\r");
    for (const question of ["Alert definition", "Type", "DetectionFunction"]) {
      await repl.waitFor(question, { from });
      repl.write("\r");
    }
    await repl.waitFor("Value", { from });
    repl.write("xyz\r");
    await repl.waitFor("must be 40 hexadecimal characters", { from });
    repl.write("\u007f\u007f\u007fdead1111eeaabbccddeeaabbccddee11ffffffff\r");
    for (const question of ["Enabled", "ExpiresAt", "Create it?"]) {
      await repl.waitFor(question, { from });
      repl.write("\r");
    }
    const text = await repl.waitFor(/AlertDefinitionId\s+1[\s\S]*ti\([^)\n]*\)> $/, { from });
    expect(text).toMatch(/Value\s+dead1111eeaabbccddeeaabbccddee11ffffffff/);
    repl.kill();
  });

  it("walks through the five documented steps, asking before each write", async () => {
    const repl = startPty();
    await repl.ready();
    const from = repl.output().length;
    repl.write(".walkthrough\r");
    const text = await answerSteps(repl, from, ["\r", "\r", "\r", "\r", "\r"]);
    expect(text).toMatch(
      /Step 2 of 5[^\n]*\n {2}session\n[\s\S]*Authorization\s+Bearer <token> \(never shown\)/,
    );
    expect(text).toContain("dead1111eeaabbccddeeaabbccddee11ffffffff");
    expect(text).toContain("Done. `a` holds the alert definition 1, `ioc` holds the IOC 1.");
    expect(await repl.send("ioc.AlertDefinitionId === a.Id")).toContain("true");
    repl.kill();
  });

  it("leaves what it creates in free names after the README's own const a, and says which", async () => {
    const repl = startPty();
    await repl.ready();
    await repl.send(
      `const a = await alerts.create({ Name: "mine", Severity: "Low", Title: "t", UxDescription: "u", Category: "Trojan" })`,
    );
    const from = repl.output().length;
    repl.write(".walkthrough\r");
    const text = await answerSteps(repl, from, ["\r", "\r", "\r", "\r", "\r"]);
    expect(text).toContain("const a2 = await alerts.create(");
    expect(text).toContain("AlertDefinition: a2.Id");
    expect(text).toContain("Done. `a2` holds the alert definition 2, `ioc` holds the IOC 1.");
    expect(await repl.send("[a.Name, a2.Id, ioc.AlertDefinitionId]")).toContain("[ 'mine', 2, 2 ]");
    repl.kill();
  });

  it("says where it stopped when a step is declined", async () => {
    const repl = startPty();
    await repl.ready();
    const from = repl.output().length;
    repl.write(".walkthrough\r");
    const text = await answerSteps(repl, from, ["\r", "\r", "n\r"]);
    expect(text).toContain("Stopped before step 3 of 5: step 3 and later were not run.");
    expect(await repl.send("await alerts.count()")).toContain("0");
    repl.kill();
  });

  it("starts on the embedded emulator without a question when nothing is configured, saying how to use a tenant", async () => {
    const repl = startPty([]);
    const text = await repl.ready();
    expect(text).toContain("embedded emulator (no credentials)");
    expect(text).toContain("For a tenant: .login, or set TI_CLIENT_ID, TI_CLIENT_SECRET and TI_AUTH_URL");
    expect(text).not.toMatch(/No credentials configured|\?/);
    expect(await repl.send("(await alerts.list()).length")).toContain("0");
    repl.kill();
  });

  it("refuses an incomplete TI_* configuration at a terminal too, naming what is missing (exit 2)", async () => {
    const repl = startPty([], cleanEnv({ TI_CLIENT_ID: "x" }));
    expect(await repl.exited).toBe(2);
    expect(repl.output()).toContain("TI_CLIENT_ID is set but TI_CLIENT_SECRET, TI_AUTH_URL are missing");
    expect(repl.output()).not.toMatch(/No credentials configured|ti\(/);
  });

  it("logs in with .login (masked secret) and switches to the given service", async () => {
    const emu = await startTestEmulator({ clientSecret: SECRET });
    const repl = startPty();
    await repl.ready();
    const from = repl.output().length;
    repl.write(".login\r");
    for (const [question, answer] of [
      ["Client id", `${emu.clientId}\r`],
      ["Client secret", `${SECRET}\r`],
      ["Token URL", `${emu.authUrl}\r`],
      ["API URL", `\u0015${emu.apiUrl}\r`],
    ] as const) {
      await repl.waitFor(question, { from });
      repl.write(answer);
    }
    const text = await repl.waitFor(/Connected to [^\n]+\n[\s\S]*ti\([^)\n]*\)> $/, { from });
    expect(text).not.toContain(SECRET);
    // The session was replaced in place, and the prompt says so.
    expect(text).toMatch(new RegExp(`ti\\(${emu.tenantId}\\)> $`));
    expect(await repl.send("session.config.apiUrl")).toContain(emu.apiUrl);
    repl.kill();
  });
});

describe("history", () => {
  it("writes history without the secret, bearer tokens or JWTs, mode 0600", async () => {
    const emu = await startTestEmulator({ clientSecret: SECRET });
    const env = serviceEnv(emu);
    const repl = startPty([], env);
    await repl.ready();
    await repl.send(`const s = "${SECRET}"`);
    await repl.send(`const h = "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl"`);
    await repl.send("1 + 1");
    repl.write(".exit\r");
    expect(await repl.exited).toBe(0);
    const file = env["TI_HISTORY_FILE"]!;
    const text = readFileSync(file, "utf8");
    expect(text).toContain("1 + 1");
    expect(text).toContain("const s =");
    expect(text).not.toContain(SECRET);
    expect(text).not.toMatch(/eyJ/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("recalls the previous session's line with the up arrow, redacted", async () => {
    const emu = await startTestEmulator({ clientSecret: SECRET });
    const env = serviceEnv(emu);
    const first = startPty([], env);
    await first.ready();
    await first.send(`const s = "${SECRET}"`);
    await first.send("await alerts.count()");
    // Node writes the history file a moment after each line (debounced), and on Node 20 and 22 a line typed
    // before the file has loaded is replaced by the file's lines: wait for both, as a person's pace would.
    const file = env["TI_HISTORY_FILE"]!;
    const saved = (): string => (existsSync(file) ? readFileSync(file, "utf8") : "");
    await waitUntil(() => saved().includes("const s =") && saved().includes("await alerts.count()"));
    first.write("\u0004"); // Ctrl-D: an exit that history does not record (Node 24 and later record `.exit`)
    expect(await first.exited).toBe(0);
    const second = startPty([], env);
    await second.ready();
    // Node loads the history file asynchronously, with no event to wait for; give it a moment after the prompt.
    await new Promise((r) => setTimeout(r, 500));
    const from = second.output().length;
    second.write("\u001b[A");
    await second.waitFor(/\)> await alerts\.count\(\)/, { from });
    second.write("\u001b[A");
    const text = await second.waitFor(/\)> const s = /, { from });
    expect(text).not.toContain(SECRET);
    second.write("\u0003\u0003\u0003");
    expect(await second.exited).toBe(0);
  });
});

describe("Ctrl-C", () => {
  it("breaks a busy loop and gives the prompt back", async () => {
    const repl = startPty();
    await repl.ready();
    const from = repl.output().length;
    repl.write("while (true) {}\r");
    await new Promise((r) => setTimeout(r, 300));
    repl.write("\u0003");
    await repl.waitFor(/Cancelled\.[\s\S]*ti\([^)\n]*\)> $/, { from });
    expect(await repl.send("1 + 1")).toContain("2");
    repl.kill();
  });
});
