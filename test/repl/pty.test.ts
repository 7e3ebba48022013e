import { describe, expect, it } from "vitest";
import { startTestEmulator } from "../helpers/emulator.js";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cleanEnv, startPty, tempDir } from "../helpers/repl.js";

describe("the console on a terminal", () => {
  it("shows the mode, the token expiry and the .help hint, then the prompt", async () => {
    const repl = startPty();
    const text = await repl.ready();
    expect(text).toMatch(/^ti-console \d+\.\d+\.\d+ · embedded emulator \(--emulator\)\n/);
    expect(text).toMatch(
      /Connected to http:\/\/127\.0\.0\.1:\d+\/V1\.0 · Token expires [\d-]+ [\d:]+ \(in \d+ min\)/,
    );
    expect(text).toContain(".help");
    expect(text).not.toMatch(/eyJ|ti-console-demo-secret/);
    repl.kill();
  });

  it("shows where it is in the prompt: the emulator, or the tenant in colour", async () => {
    const repl = startPty();
    await repl.ready();
    expect(repl.output()).toMatch(/\nti\(emulator\)> $/);
    expect(repl.raw()).toContain("ti(emulator)> ");
    repl.kill();

    const emu = await startTestEmulator();
    const env = cleanEnv({
      TI_AUTH_URL: emu.authUrl,
      TI_API_URL: emu.apiUrl,
      TI_CLIENT_ID: emu.clientId,
      TI_CLIENT_SECRET: emu.clientSecret,
    });
    const tenant = startPty([], env);
    await tenant.ready();
    expect(tenant.output()).toMatch(new RegExp(`\\nti\\(${emu.tenantId}\\)> $`));
    expect(tenant.raw()).toContain(`ti(\u001b[33m${emu.tenantId}\u001b[39m)> `);
    tenant.kill();
  });

  it("runs ~/.config/ti-console/init.js at start-up, and not with --norc", async () => {
    const home = tempDir();
    mkdirSync(join(home, ".config", "ti-console"), { recursive: true });
    writeFileSync(
      join(home, ".config", "ti-console", "init.js"),
      'const mine = "from init.js";\nconst total = await alerts.count();\n',
    );
    const env = cleanEnv({ HOME: home, XDG_CONFIG_HOME: "" });
    const repl = startPty(["--emulator"], env);
    await repl.ready();
    expect(await repl.send("[mine, total]")).toContain("[ 'from init.js', 0 ]");
    repl.kill();

    const norc = startPty(["--emulator", "--norc"], env);
    await norc.ready();
    expect(await norc.send("typeof mine")).toContain("'undefined'");
    norc.kill();
  });

  it("colours severities, and not with NO_COLOR", async () => {
    const create = `await alerts.create({ Name: "n", Severity: "High", Title: "t", UxDescription: "u", Category: "Trojan" })`;
    const repl = startPty();
    await repl.ready();
    await repl.send(create);
    await repl.send("await alerts.list()");
    expect(repl.raw()).toContain("\u001b[31mHigh");
    repl.kill();

    const plain = startPty(["--emulator"], { ...cleanEnvNoColor() });
    await plain.ready();
    await plain.send(create);
    const from = plain.raw().length;
    await plain.send("await alerts.list()");
    expect(plain.raw().slice(from)).not.toMatch(/\u001b\[(3\d|9\d|1|2)m/);
    expect(plain.output()).toMatch(/High/);
    plain.kill();
  });

  it("prints errors as one line and shows the stack on .stack", async () => {
    const repl = startPty();
    await repl.ready();
    const shown = await repl.send("await alerts.get(4242)");
    expect(shown).toMatch(/Error 404 ResourceNotFound: .*\(request id [\w-]+\)\s+\(\.stack for details\)/);
    expect(shown).not.toMatch(/\n\s+at /);
    expect(await repl.send(".stack")).toMatch(/\n\s+at /);
    repl.kill();
  });

  it("hints at a forgotten await, naming the expression typed", async () => {
    const repl = startPty();
    await repl.ready();
    expect(await repl.send("alerts.list()")).toContain("Put await in front: await alerts.list()");
    expect(await repl.send("alerts.get(1)")).toContain("Put await in front: await alerts.get(1)\n");
    repl.kill();
  });

  it("prints nothing over the prompt when a kept promise rejects, and no Node warning once it is awaited", async () => {
    const repl = startPty();
    await repl.ready();
    const from = repl.output().length;
    // Only the echo of the line (readline may redraw it key by key under load, prompt included), nothing else.
    const echoed = await repl.send("const x = alerts.get(4242)");
    expect(echoed).toMatch(/const x = alerts\.get\(4242\)\n$/);
    expect(echoed.replaceAll(/ti\([^)\n]*\)> /g, "")).not.toMatch(/Error|Uncaught|Warning|undefined/);
    // Two more round trips: the kept call's 404 has come back by then.
    await repl.send("await alerts.count()");
    await repl.send("await alerts.count()");
    expect(await repl.send("await x")).toMatch(/Error 404 ResourceNotFound/);
    await repl.send("1 + 1");
    const text = repl.output().slice(from);
    expect(text).not.toMatch(/Uncaught|Warning|PromiseRejection/);
    expect(text.match(/Error 404/g)).toHaveLength(1);
    repl.kill();
  });

  it("exits on a second Ctrl-C on an empty line", async () => {
    const repl = startPty();
    await repl.ready();
    repl.write("\u0003");
    await repl.waitFor("press Ctrl+C again");
    repl.write("\u0003");
    expect(await repl.exited).toBe(0);
  });
});

function cleanEnvNoColor(): Record<string, string> {
  return { ...cleanEnv(), NO_COLOR: "1" };
}
