import { existsSync, readFileSync, statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { cleanEnv, startPty } from "../helpers/repl.js";

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
    await repl.waitFor(/Cancelled\.[\s\S]*ti> $/, { from });
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
    await repl.waitFor(/Cancelled\.[\s\S]*ti> $/, { from });
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
    const text = await repl.waitFor(/AlertDefinitionId\s+1[\s\S]*ti> $/, { from });
    expect(text).toMatch(/Value\s+dead1111eeaabbccddeeaabbccddee11ffffffff/);
    repl.kill();
  });

  it("walks through the five documented steps, asking before each write", async () => {
    const repl = startPty();
    await repl.ready();
    const from = repl.output().length;
    repl.write(".walkthrough\r");
    for (let step = 1; step <= 5; step++) {
      await repl.waitFor(`Step ${step} of 5`, { from });
      await repl.waitFor(step >= 4 ? /this writes to the service[^\n]*$/ : /Continue\?[^\n]*$/, { from });
      // inquirer draws its question before it listens for keys; on a loaded machine an Enter sent at once is lost.
      await new Promise((r) => setTimeout(r, 150));
      repl.write("\r");
    }
    const text = await repl.waitForPrompt({ from });
    expect(text).toContain("dead1111eeaabbccddeeaabbccddee11ffffffff");
    expect(text).toContain("Done.");
    expect(await repl.send("ioc.AlertDefinitionId === a.Id")).toContain("true");
    repl.kill();
  });

  it("offers the emulator when no credentials are configured", async () => {
    const repl = startPty([]);
    await repl.waitFor("No credentials configured");
    repl.write("\r");
    expect(await repl.ready()).toContain("embedded emulator (no credentials)");
    expect(await repl.send("(await alerts.list()).length")).toContain("0");
    repl.kill();
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
    const text = await repl.waitFor(/Connected to [^\n]+\n[\s\S]*ti> $/, { from });
    expect(text).not.toContain(SECRET);
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
    await second.waitFor("ti> await alerts.count()", { from });
    second.write("\u001b[A");
    const text = await second.waitFor(/ti> const s = /, { from });
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
    await repl.waitFor(/Cancelled\.[\s\S]*ti> $/, { from });
    expect(await repl.send("1 + 1")).toContain("2");
    repl.kill();
  });
});
