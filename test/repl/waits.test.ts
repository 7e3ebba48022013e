import { describe, expect, it } from "vitest";
import { runPiped, startPty } from "../helpers/repl.js";

describe("waits at the console", () => {
  it("shows in the spinner which retry is under way, after what and how long it waits", async () => {
    const repl = startPty();
    await repl.ready();
    // Every answer a 503 asking for a 1 s wait: the spinner has time to show, and each retry says so.
    await repl.send(".emulator faults 503/1:100%");
    const from = repl.output().length;
    repl.write("await alerts.count()\r");
    const text = await repl.waitFor(/retry 2 of 6 after 503, waiting 1\.0 s/, { from });
    expect(text).toContain("Waiting for the service: retry");
    repl.write("\u0003");
    await repl.waitFor("Cancelled.", { from });
    await repl.send(".emulator faults off");
    repl.kill();
  });
});

describe("--read-only", () => {
  it("refuses a write at the console with a clear error and exit 1; reads work", async () => {
    const create = `await alerts.create({ Name: "n", Severity: "Low", Title: "t", UxDescription: "u", Category: "Trojan" })`;
    const { stdout, stderr, code } = await runPiped(["--read-only"], {
      input: `await alerts.count()\n${create}\nawait alerts.count()\n`,
    });
    expect(stdout).toBe("0\n0\n");
    expect(stderr).toMatch(/Refused POST \S+\/V1\.0\/AlertDefinitions: this session is read-only/);
    expect(code).toBe(1);
  });
});

describe(".emulator latency", () => {
  it("sets the embedded emulator's response delay at run time, shows it, and refuses what is not milliseconds", async () => {
    const { stdout, stderr } = await runPiped([], {
      input:
        ".emulator latency 40\n.emulator latency\n.emulator latency soon\n.emulator latency off\n.emulator latency\n",
    });
    expect(stdout.match(/^ms +\d+$/gm)).toEqual([
      "ms        40",
      "ms        40",
      "ms        0",
      "ms        0",
    ]);
    expect(stderr).toContain(
      '.emulator latency takes whole milliseconds or off (e.g. .emulator latency 250), got "soon"',
    );
  });
});
