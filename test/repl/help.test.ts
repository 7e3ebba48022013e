import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { OPTION_KEYS } from "../../src/api/index.js";
import { runPiped } from "../helpers/repl.js";

describe(".help on a method", () => {
  it("prints what the method does, its options and an example; names the topics for anything else", async () => {
    const { stdout, stderr } = await runPiped([], {
      input: ".help iocs.list\n.help alerts.create\n.help alerts.nope\n",
    });
    expect(stdout).toContain("iocs.list(options?)\n");
    expect(stdout).toContain(`  Options: ${OPTION_KEYS.list.join(", ")}\n`);
    expect(stdout).toContain('  Example: await iocs.list({ top: 5, orderBy: "Id desc" })\n');
    expect(stdout).toMatch(
      /alerts\.create\(input, options\?\)\n[^\n]*\n {2}Options: onWarning, signal\n {2}Example: await alerts\.create\(\{ Name: "n"/,
    );
    expect(stderr).toContain(".help takes nothing or one of alerts.list, alerts.get");
    expect(stderr).toContain('got "alerts.nope"');
  });

  it("answers alerts.create.help() with the text of .help alerts.create, and the method still runs", async () => {
    const { stdout, code } = await runPiped([], {
      input: ".help alerts.create\nalerts.create.help()\niocs.list.help()\nawait alerts.count()\n",
    });
    expect(code).toBe(0);
    const text = /alerts\.create\(input, options\?\)\n(?: {2}[^\n]*\n){3}/.exec(stdout)?.[0];
    expect(text).toBeDefined();
    expect(stdout.split(text ?? "").length - 1).toBe(2);
    expect(stdout).toContain("iocs.list(options?)\n");
    expect(stdout.trim().split("\n").at(-1)).toBe("0");
  });

  it("runs the examples it shows", async () => {
    const { stdout, code } = await runPiped([], {
      input:
        'await alerts.create({ Name: "n", Severity: "Low", Title: "t", UxDescription: "u", Category: "Trojan" })\nawait alerts.count(alerts.where.eq("Enabled", true))\n',
    });
    expect(code).toBe(0);
    expect(stdout.trim().split("\n").at(-1)).toBe("1");
  });
});

describe(".help", () => {
  it("lists every dot-command the console defines", async () => {
    // The names as src/repl/commands/index.ts defines them, so a new command cannot be left out of the text.
    const source = await readFile(new URL("../../src/repl/commands/index.ts", import.meta.url), "utf8");
    const defined = [...source.matchAll(/define\(\s*"([a-z-]+)"/g)].map((match) => match[1]);
    expect(defined).toContain("sync");
    const { stdout } = await runPiped([], { input: ".help\n" });
    const listed = defined.filter((name) =>
      new RegExp(`^ {2}(?:\\.[a-z-]+ +)*\\.${name}(?![\\w-])`, "m").test(stdout),
    );
    expect(listed).toEqual(defined);
  });
});
