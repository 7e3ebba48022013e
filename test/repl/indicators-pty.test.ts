// The console and the Indicators API at a terminal: banner and prompt, completion, the .new-indicator wizard and
// `.walkthrough indicators`.
import { describe, expect, it } from "vitest";
import { startTestEmulator } from "../helpers/emulator.js";
import { cleanEnv, startPty, type PtyRepl } from "../helpers/repl.js";

/**
 * Answers `.walkthrough indicators` step by step, each once its question is drawn; `writes` are the steps that
 * write (their question says so). Returns what was printed up to the prompt.
 */
async function answerSteps(repl: PtyRepl, from: number, answers: readonly string[]): Promise<string> {
  const writes = new Set([2, 4, 5]);
  for (const [i, answer] of answers.entries()) {
    await repl.waitFor(`Step ${i + 1} of 5`, { from });
    const question = writes.has(i + 1) ? /this writes to the service[^\n]*$/ : /Continue\?[^\n]*$/;
    await repl.waitFor(question, { from });
    repl.write(answer);
  }
  return repl.waitForPrompt({ from });
}

describe("the console on the Indicators API", () => {
  it("names both services in the banner on the emulator, and keeps the prompt ti(emulator)>", async () => {
    const repl = startPty();
    const text = await repl.ready();
    expect(text).toMatch(/^ti-console \d+\.\d+\.\d+ · embedded emulator \(--emulator\)\n/);
    expect(text).toContain("alerts, iocs (custom TI) and indicators (the Indicators API)");
    expect(text).toMatch(/Connected to http:\/\/127\.0\.0\.1:\d+\/V1\.0 · Token expires/);
    expect(text).toMatch(/Connected to the Indicators API at http:\/\/127\.0\.0\.1:\d+\/api · Token expires/);
    expect(repl.output()).toMatch(/\nti\(emulator\)> $/);
    repl.kill();
  });

  it("names the Indicators API in the prompt and the connected line on such a tenant", async () => {
    const emu = await startTestEmulator({ quiet: true });
    const env = cleanEnv({
      TI_AUTH_URL: emu.authUrl.replace(/\/oauth2\/token$/, "/oauth2/v2.0/token"),
      TI_API_URL: `${emu.url}/api`,
      TI_CLIENT_ID: emu.clientId,
      TI_CLIENT_SECRET: emu.clientSecret,
    });
    const repl = startPty([], env);
    const text = await repl.ready();
    expect(text).toContain(`Connected to the Indicators API at ${emu.url}/api · Token expires`);
    expect(repl.output()).toMatch(new RegExp(`\\nti\\(${emu.tenantId} indicators\\)> $`));
    expect(repl.raw()).toContain(`ti(\u001b[33m${emu.tenantId}\u001b[39m indicators)> `);
    repl.kill();
  });

  it("completes the members of indicators", async () => {
    const repl = startPty();
    await repl.ready();
    const from = repl.output().length;
    repl.write("indicators.sub\t");
    await repl.waitFor("indicators.submit", { from });
    repl.write("\u0015");
    const listed = repl.output().length;
    repl.write("indicators.\t");
    await new Promise((r) => setTimeout(r, 300)); // the second Tab lists, once the first has completed
    repl.write("\t");
    await repl.waitFor(/batchDelete[\s\S]*submit/, { from: listed });
    repl.write("\u0015");
    expect(await repl.send("1 + 1")).toContain("2");
    repl.kill();
  });

  it("runs the .new-indicator wizard: actions for the type, the value checked as it is typed", async () => {
    const repl = startPty();
    await repl.ready();
    const from = repl.output().length;
    repl.write(".new-indicator\r");
    await repl.waitFor("indicatorType", { from });
    repl.write("\r"); // FileSha1, the first
    await repl.waitFor("indicatorValue", { from });
    repl.write("xyz\r");
    await repl.waitFor("must be 40 hexadecimal characters", { from });
    repl.write("\u007f\u007f\u007f220e7d15b011d7fac48f2bd61114db1022197f7f\r");
    await repl.waitFor("action", { from });
    repl.write("\u001b[B\r"); // Audit, the second of a file's actions
    for (const [question, answer] of [
      ["title", "Wizard indicator\r"],
      ["description", "Made at the prompt\r"],
      ["severity", "\r"],
      ["expirationTime", "2099-01-01T00:00:00Z\r"],
      ["generateAlert", "\r"],
      ["Submit it?", "\r"],
    ] as const) {
      await repl.waitFor(question, { from });
      repl.write(answer);
    }
    const text = await repl.waitFor(/generateAlert\s+true[\s\S]*ti\([^)\n]*\)> $/, { from });
    expect(text).toMatch(/indicatorValue\s+220e7d15b011d7fac48f2bd61114db1022197f7f/);
    expect(text).toMatch(/action\s+Audit/);
    expect(text).toContain('indicators.submit({\n  "indicatorValue"');
    expect(await repl.send("(await indicators.list()).map((i) => i.title)")).toContain(
      "[ 'Wizard indicator' ]",
    );
    repl.kill();
  });

  it("walks through the Indicators API's hello world, asking before each write", async () => {
    const repl = startPty();
    await repl.ready();
    const from = repl.output().length;
    repl.write(".walkthrough indicators\r");
    const text = await answerSteps(repl, from, ["\r", "\r", "\r", "\r", "\r"]);
    expect(text).toMatch(/Step 1 of 5[^\n]*scope[\s\S]*aud\s+https:\/\/api\.securitycenter\.microsoft\.com/);
    expect(text).toContain(
      'const ind = await indicators.submit({"indicatorValue":"220e7d15b011d7fac48f2bd61114db1022197f7f"',
    );
    expect(text).toContain(`await indicators.list({ filter: "indicatorType eq 'FileSha1'" })`);
    expect(text).toContain("const imported = await indicators.import([");
    expect(text).toContain(
      "await indicators.batchDelete([ind.id, ...imported.filter((r) => !r.isFailed).map((r) => r.id)])",
    );
    expect(text).toContain(
      "Done. `ind` holds the submitted indicator 1, `imported` holds the import's 2 results; step 5 deleted all three.",
    );
    expect(await repl.send("[ind.indicatorType, imported.length, await indicators.count()]")).toContain(
      "[ 'FileSha1', 2, 0 ]",
    );
    repl.kill();
  });

  it("leaves what it made in free names, and says where it stopped when a step is declined", async () => {
    const repl = startPty();
    await repl.ready();
    await repl.send('const ind = "mine"');
    const from = repl.output().length;
    repl.write(".walkthrough indicators\r");
    const text = await answerSteps(repl, from, ["\r", "\r", "\r", "n\r"]);
    expect(text).toContain("const ind2 = await indicators.submit(");
    expect(text).toContain(
      "Stopped before step 4 of 5: step 4 and later were not run. `ind2` holds the submitted indicator 1.",
    );
    expect(await repl.send("[ind, ind2.id, await indicators.count()]")).toContain("[ 'mine', '1', 1 ]");
    repl.kill();
  });
});
