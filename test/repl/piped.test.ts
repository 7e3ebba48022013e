import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startTestEmulator } from "../helpers/emulator.js";
import { cleanEnv, runPiped, tempDir } from "../helpers/repl.js";

const WALKTHROUGH = `await alerts.list()
const a = await alerts.create({ Name: "The alert's name", Severity: "Low", InternalDescription: "...",
  Title: "The Title", UxDescription: "...", RecommendedAction: "...", Category: "Trojan", Enabled: true })
await iocs.create({ Type: "Sha1", Value: "dead1111eeaabbccddeeaabbccddee11ffffffff",
  DetectionFunction: "Equals", Enabled: true, AlertDefinition: a.Id })
pp(await iocs.list())
`;

describe("piped stdin", () => {
  it("runs the documented walkthrough lines in order and prints clean output", async () => {
    const { stdout, stderr, code } = await runPiped([], { input: WALKTHROUGH });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Id\s+Severity\s+Category\s+Enabled\s+Name\s+Title\n\(no alert definitions\)\n/);
    expect(stdout).toMatch(/\nId\s+Type\s+Value\s+DetectionFunction/);
    expect(stdout).toMatch(/\n +1\s+Sha1\s+dead1111eeaabbccddeeaabbccddee11ffffffff\s+Equals/);
    expect(stdout).not.toMatch(/\u001b|ti> |\.\.\. /);
  });

  it("cuts nothing when the output is a pipe: free text too, however long, in tables and String(pp(x))", async () => {
    const title = "word ".repeat(19).trim();
    const note = "a long free-text note ".repeat(12).trim();
    const input =
      `await alerts.create({ Name: "n", Severity: "Low", Title: "${title}", UxDescription: "u", Category: "Trojan" })\n` +
      "await alerts.list()\n" +
      `console.log(String(pp([{ Id: 1, Note: "${note}" }])))\n`;
    const { stdout, stderr, code } = await runPiped([], { input });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`\n +1 +Low +Trojan +true +n +${title}\n`));
    expect(stdout).toContain(`1  ${note}\n`);
    expect(stdout).not.toContain("…");
  });

  it("writes errors as one line on stderr and exits 1", async () => {
    const { stdout, stderr, code } = await runPiped([], { input: "await alerts.get(4242)\n1 + 1\n" });
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/^Error 404 ResourceNotFound: .*\(request id [\w-]+\)\n$/);
    expect(stdout).toBe("2\n");
    expect(code).toBe(1);
  });

  it("shows no spinner on a slow call when the output is a pipe", async () => {
    const emu = await startTestEmulator({ latency: "700" });
    const env = cleanEnv({
      TI_AUTH_URL: emu.authUrl,
      TI_API_URL: emu.apiUrl,
      TI_CLIENT_ID: emu.clientId,
      TI_CLIENT_SECRET: emu.clientSecret,
    });
    const { stdout, stderr } = await runPiped([], { input: "await alerts.list()\n", env });
    expect(stdout).toContain("(no alert definitions)\n");
    expect(stderr).toBe("");
  });

  it("changes the output format with .format", async () => {
    const { stdout } = await runPiped([], {
      input: ".format json\n[{ Id: 1, Value: 'x' }]\n.format csv\n[{ Id: 1, Value: 'x' }]\n",
    });
    expect(stdout).toContain('"Value": "x"');
    expect(stdout).toContain("Id,Value\r\n1,x");
  });

  it("keeps the preloaded names after .clear", async () => {
    const { stdout } = await runPiped([], { input: ".clear\ntypeof alerts.list\n" });
    expect(stdout).toContain("'function'");
  });

  it("shares one realm with the library: its lists are Arrays and its errors Errors, as instanceof sees them", async () => {
    const input =
      "const list = await alerts.list()\n" +
      "let caught; try { await alerts.get(999) } catch (e) { caught = e }\n" +
      "console.log(list instanceof Array, caught instanceof Error, caught.name)\n";
    const { stdout, stderr, code } = await runPiped([], { input });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("true true HttpError\n");
  });

  it("refuses the prompting commands without a terminal", async () => {
    const { stderr } = await runPiped([], { input: ".new-alert\n" });
    expect(stderr).toContain("needs an interactive terminal");
  });
});

describe("--eval", () => {
  it("prints an empty table for the first list and exits 0", async () => {
    const { stdout, code } = await runPiped(["--eval", "await alerts.list()"]);
    expect(stdout).toBe("Id  Severity  Category  Enabled  Name  Title\n(no alert definitions)\n");
    expect(code).toBe(0);
  });

  it("exits 1 with one line on stderr when the code fails", async () => {
    const { stdout, stderr, code } = await runPiped(["--eval", "await alerts.get(99)"]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^Error 404 ResourceNotFound: [^\n]+\n$/);
  });

  it("reports a syntax error and exits 1", async () => {
    const { stderr, code } = await runPiped(["-e", "alerts.list("]);
    expect(code).toBe(1);
    expect(stderr).toContain("SyntaxError");
  });

  it("awaits a result left pending, since nothing could await it later", async () => {
    const { stdout, code } = await runPiped(["--eval", "alerts.list()"]);
    expect(stdout).toBe("Id  Severity  Category  Enabled  Name  Title\n(no alert definitions)\n");
    expect(code).toBe(0);
  });

  it("fails (exit 1) when a result left pending rejects", async () => {
    const { stdout, stderr, code } = await runPiped(["-e", "alerts.get(77)"]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^Error 404 ResourceNotFound: [^\n]+\n$/);
  });

  it("refuses an incomplete TI_* configuration before running anything (exit 2)", async () => {
    const env = cleanEnv({ TI_CLIENT_ID: "x", TI_AUTH_URL: "https://login.windows.net/t/oauth2/token" });
    const { stdout, stderr, code } = await runPiped(["-e", "await alerts.list()"], { env });
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      "ti-console: TI_CLIENT_ID, TI_AUTH_URL are set but TI_CLIENT_SECRET is missing: set it (environment or .env), or pass --emulator for the embedded emulator\n",
    );
  });

  it("says in one line on stderr that it runs on the embedded emulator when nothing is configured", async () => {
    const { stdout, stderr, code } = await runPiped(["-e", "await alerts.count()"], { env: cleanEnv() });
    expect(stdout).toBe("0\n");
    expect(stderr).toMatch(/^ti-console: no TI_\* settings: running on the embedded emulator [^\n]*\n$/);
    expect(code).toBe(0);
  });

  it("shows neither the client secret nor the token for session", async () => {
    const emu = await startTestEmulator({ clientSecret: "piped-test-Secret-0123456789" });
    const env = cleanEnv({
      TI_AUTH_URL: emu.authUrl,
      TI_API_URL: emu.apiUrl,
      TI_CLIENT_ID: emu.clientId,
      TI_CLIENT_SECRET: emu.clientSecret,
    });
    const { stdout, code } = await runPiped(["--eval", "session"], { env });
    expect(code).toBe(0);
    expect(stdout).toContain(emu.apiUrl);
    expect(stdout).not.toContain("piped-test-Secret-0123456789");
    expect(stdout).not.toMatch(/eyJ[\w-]+\./);
  });

  it("reads credentials from .env in the working directory", async () => {
    const emu = await startTestEmulator();
    const cwd = tempDir();
    const lines = [`TI_AUTH_URL=${emu.authUrl}`, `TI_API_URL=${emu.apiUrl}`, `TI_CLIENT_ID=${emu.clientId}`];
    writeFileSync(join(cwd, ".env"), `${lines.join("\n")}\nTI_CLIENT_SECRET="${emu.clientSecret}"\n`);
    const { stdout } = await runPiped(["--eval", "session.config.apiUrl"], { cwd, env: cleanEnv() });
    expect(stdout).toContain(emu.apiUrl);
  });
});

describe("small things", () => {
  it("shows the token's times as dates and its roles in full with .token", async () => {
    const { stdout } = await runPiped([], { input: "await alerts.count()\n.token\n" });
    expect(stdout).toMatch(/\niat\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \((in )?\d+ min( ago)?\)\n/);
    expect(stdout).toMatch(/\nexp\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(in \d+ min\)\n/);
    expect(stdout).toMatch(/\nroles\s+Ti\.ReadWrite\n/);
    expect(stdout).not.toMatch(/\[\d+ items?\]/);
  });

  it("says clearly why the emulator refused a fault rule", async () => {
    const { stderr } = await runPiped([], { input: ".emulator faults bogus\n" });
    expect(stderr).toMatch(
      /^Error: The emulator refused PUT \/_emulator\/faults \(400\): fault rule "bogus" must look like <status>/,
    );
    expect(stderr).not.toContain('{"error"');
  });

  it("prints one entity as CSV under .format csv, and preloads planRows", async () => {
    const create = `await alerts.create({ Name: "n", Severity: "Low", Title: "t", UxDescription: "u", Category: "Trojan" })`;
    const { stdout } = await runPiped([], {
      input: `${create}\n.format csv\nawait alerts.get(1)\ntypeof planRows\n`,
    });
    expect(stdout).toMatch(/\nId,Name,Severity,[^\n]*\r\n1,n,Low,/);
    expect(stdout).toContain("'function'");
  });

  it("prints each request, retries included, while .verbose is on", async () => {
    const emu = await startTestEmulator({ quiet: true, faults: "503:100%x1" });
    const env = cleanEnv({
      TI_AUTH_URL: emu.authUrl,
      TI_API_URL: emu.apiUrl,
      TI_CLIENT_ID: emu.clientId,
      TI_CLIENT_SECRET: emu.clientSecret,
    });
    const input = ".verbose on\nawait alerts.count()\n.verbose off\nawait alerts.count()\n";
    const { stdout, stderr } = await runPiped([], { input, env });
    expect(stdout).toBe("Verbose: each request prints as it happens.\n0\nVerbose off.\n0\n");
    expect(stderr).toMatch(
      /^→ GET \/V1\.0\/AlertDefinitions\S* 503 \d+ ms\n↻ retry 1 of 6 after 503, waiting \d+\.\d s\n→ GET \/V1\.0\/AlertDefinitions\S* 200 \d+ ms\n$/,
    );
  });

  it("ti-emulator prints its version", async () => {
    const bin = fileURLToPath(new URL("../../dist/bin/ti-emulator.js", import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [bin, "--version"]);
    expect(stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe("scripts and flags", () => {
  it("runs a TypeScript file in the console's context", async () => {
    const dir = tempDir();
    const file = join(dir, "count.ts");
    writeFileSync(
      file,
      "const rows: unknown[] = await alerts.list();\nconsole.log(`rows: ${rows.length}`);\n",
    );
    const { stdout, code } = await runPiped([file]);
    expect(stdout).toBe("rows: 0\n");
    expect(code).toBe(0);
  });

  it("prints usage for --help and the version for --version", async () => {
    expect((await runPiped(["--help"])).stdout).toContain("Precedence: flags > environment > ./.env");
    expect((await runPiped(["--version"])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it("refuses a client secret given as a flag", async () => {
    const { stderr, code } = await runPiped(["--client-secret", "x"]);
    expect(code).toBe(2);
    expect(stderr).toContain("never a flag");
  });
});
