import { describe, expect, it } from "vitest";
import { startTestEmulator } from "../helpers/emulator.js";
import { cleanEnv, runPiped, startPty } from "../helpers/repl.js";

const CREATE_FIVE =
  'for (const n of [1, 2, 3, 4, 5]) await alerts.create({ Name: `paged-${n}`, Severity: "Low", Title: "t", UxDescription: "u", Category: "Trojan" })';

describe("it and more", () => {
  it("print the next page of the last list, then say there is no more", async () => {
    const emu = await startTestEmulator({ pageSize: 2, quiet: true });
    const env = cleanEnv({
      TI_AUTH_URL: emu.authUrl,
      TI_API_URL: emu.apiUrl,
      TI_CLIENT_ID: emu.clientId,
      TI_CLIENT_SECRET: emu.clientSecret,
    });
    const input = [
      CREATE_FIVE,
      "await alerts.list()",
      'console.log("--1")',
      "it",
      'console.log("--2")',
      "more",
    ];
    const { stdout, stderr, code } = await runPiped([], {
      env,
      input: [...input, 'console.log("--3")', "it", ""].join("\n"),
    });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const [first, second, third, last] = stdout.split(/--\d\n/);
    expect(first).toMatch(/paged-1[\s\S]*paged-2/);
    expect(first).not.toContain("paged-3");
    // The same table formatting as the first page: a header row with the columns.
    expect(second).toMatch(/Id[^\n]*Name[\s\S]*paged-3[\s\S]*paged-4/);
    expect(second).not.toMatch(/paged-[125]/);
    expect(third).toMatch(/paged-5/);
    expect(last).toMatch(/No more pages/);
  });

  it("do not go on with an older list after the last one failed", async () => {
    const input = ["await alerts.list()", 'await alerts.list({ filter: "Nope eq 1" })', "it", ""].join("\n");
    const { stdout, stderr } = await runPiped([], { input });
    expect(stderr).toMatch(/Nope is not a property/);
    expect(stdout).toMatch(/No list to page yet/);
  });

  it("say there is no list yet before any, and are in .help and the list method's help", async () => {
    const repl = startPty(["--emulator"]);
    await repl.ready();
    expect(await repl.send("it")).toMatch(/No list to page yet: await a list first/);
    expect(await repl.send(".help")).toMatch(/\bit, more\b[^\n]*next page of the last list/);
    expect(await repl.send("iocs.list.help()")).toMatch(/await gives the first page, then it the next/);
    repl.kill();
  });
});
