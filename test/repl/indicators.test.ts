// The console and the Indicators API, without a terminal: what is preloaded where, tables, guarded deletes, the
// service setting (TI_SERVICE, --service, the API URL), .whoami.
import { describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { parseCliArgs } from "../../src/repl/args.js";
import { resolveConfig } from "../../src/repl/config.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { cleanEnv, runPiped } from "../helpers/repl.js";

/** A tenant's settings for the emulator's Indicators API: its v2.0 token URL (a scope) and `/api`. */
function indicatorsEnv(emu: RunningEmulator, extra: Record<string, string> = {}): Record<string, string> {
  return cleanEnv({
    TI_AUTH_URL: emu.authUrl.replace(/\/oauth2\/token$/, "/oauth2/v2.0/token"),
    TI_API_URL: `${emu.url}/api`,
    TI_CLIENT_ID: emu.clientId,
    TI_CLIENT_SECRET: emu.clientSecret,
    ...extra,
  });
}

const SUBMIT = `await indicators.submit({ indicatorValue: "bad.example", indicatorType: "DomainName", action: "Block", title: "Bad", description: "d", expirationTime: "2099-01-01T00:00:00Z" })`;

describe("what the console preloads", () => {
  it("preloads alerts, iocs and indicators on the embedded emulator, each on its own service", async () => {
    const code = `[typeof alerts, typeof iocs, typeof indicators, (${SUBMIT}).indicatorValue, await indicators.count(), await alerts.count()]`;
    const { stdout, stderr, code: exit } = await runPiped(["--eval", code]);
    expect(stderr).toBe("");
    expect(exit).toBe(0);
    expect(stdout).toContain("[ 'object', 'object', 'object', 'bad.example', 1, 0 ]");
  });

  it("preloads only indicators on a tenant of the Indicators API: by TI_SERVICE, --service or an /api URL", async () => {
    const emu = await startTestEmulator({ quiet: true });
    const code = "[typeof indicators, typeof alerts, typeof iocs, session.service, await indicators.count()]";
    const expected = "[ 'object', 'undefined', 'undefined', 'indicators', 0 ]";
    const byUrl = await runPiped(["--eval", code], { env: indicatorsEnv(emu) });
    expect(byUrl.stderr).toBe("");
    expect(byUrl.stdout).toContain(expected);
    const byEnv = await runPiped(["--eval", code], { env: indicatorsEnv(emu, { TI_SERVICE: "indicators" }) });
    expect(byEnv.stdout).toContain(expected);
    const byFlag = await runPiped(["--service", "indicators", "--eval", code], { env: indicatorsEnv(emu) });
    expect(byFlag.stdout).toContain(expected);
    // The setting reaches connect(), which refuses a service the API URL contradicts.
    const contradicted = 'is "custom-ti" but apiUrl (TI_API_URL)';
    const env = await runPiped(["--eval", code], { env: indicatorsEnv(emu, { TI_SERVICE: "custom-ti" }) });
    expect(env.stderr).toContain(contradicted);
    const flag = await runPiped(["--service", "custom-ti", "--eval", code], { env: indicatorsEnv(emu) });
    expect(flag.stderr).toContain(contradicted);
  });

  it("keeps alerts and iocs, and no indicators, on a custom TI tenant", async () => {
    const emu = await startTestEmulator({ quiet: true });
    const env = cleanEnv({
      TI_AUTH_URL: emu.authUrl,
      TI_API_URL: emu.apiUrl,
      TI_CLIENT_ID: emu.clientId,
      TI_CLIENT_SECRET: emu.clientSecret,
    });
    const { stdout } = await runPiped(["--eval", "[typeof alerts, typeof iocs, typeof indicators]"], { env });
    expect(stdout).toContain("[ 'object', 'object', 'undefined' ]");
  });
});

describe("indicators at the console", () => {
  it("prints a list of indicators as a table of the curated columns", async () => {
    const { stdout, stderr } = await runPiped([], { input: `${SUBMIT}\npp(await indicators.list())\n` });
    expect(stderr).toBe("");
    expect(stdout).toMatch(
      /\nid\s+indicatorType\s+indicatorValue\s+action\s+severity\s+title\s+expirationTime\n\s*1\s+DomainName\s+bad\.example\s+Block\s+Informational\s+Bad\s+2099-01-01T00:00:00/,
    );
    const table = stdout.slice(stdout.indexOf("\nid "));
    expect(table).not.toMatch(/createdBySource|rbacGroupIds|lastUpdateTime/);
  });

  it("refuses indicators.delete and batchDelete without { confirm: true } where nothing can ask", async () => {
    const lines = [
      `const i = ${SUBMIT}`,
      "await indicators.delete(i.id)",
      "await indicators.batchDelete([i.id])",
      "await indicators.count()",
      "await indicators.batchDelete([i.id], { confirm: true })",
      "await indicators.count()",
    ];
    const { stdout, stderr, code } = await runPiped([], { input: `${lines.join("\n")}\n` });
    expect(code).toBe(1);
    expect(stderr).toContain("indicators.delete(");
    expect(stderr).toContain("indicators.batchDelete(");
    expect(stderr).toContain("{ confirm: true }");
    expect(stdout.trim().split("\n").slice(-2)).toEqual(["1", "0"]);
  });

  it("refuses .new-indicator and .walkthrough indicators without a terminal", async () => {
    const { stderr } = await runPiped([], { input: ".new-indicator\n.walkthrough indicators\n" });
    expect(stderr.match(/needs an interactive terminal/g)).toHaveLength(2);
  });

  it("names the service and its API URL in .whoami", async () => {
    const emu = await startTestEmulator({ quiet: true });
    const tenant = await runPiped([], { input: ".whoami\n", env: indicatorsEnv(emu) });
    expect(tenant.stdout).toMatch(/\nService\s+Indicators API\n/);
    expect(tenant.stdout).toMatch(new RegExp(`\\nApiUrl\\s+${emu.url}/api\\n`));
    const offline = await runPiped([], { input: ".whoami\n" });
    expect(offline.stdout).toMatch(/\nService\s+custom TI and the Indicators API\n/);
    expect(offline.stdout).toMatch(/\nIndicatorsApiUrl\s+http:\/\/127\.0\.0\.1:\d+\/api\n/);
  });

  it("names --service and TI_SERVICE in --help", async () => {
    const { stdout } = await runPiped(["--help"]);
    expect(stdout).toMatch(/--service <name>\s+custom-ti or indicators \(env TI_SERVICE/);
  });
});

describe("the service setting", () => {
  const tenant = { TI_CLIENT_ID: "id", TI_CLIENT_SECRET: "s", TI_AUTH_URL: "https://a/t/oauth2/token" };

  it("reads --service, then TI_SERVICE, then .env", () => {
    const flag = resolveConfig(parseCliArgs(["--service", "indicators"]), { ...tenant, TI_SERVICE: "x" });
    expect(flag.service).toBe("indicators");
    expect(resolveConfig(parseCliArgs([]), { ...tenant, TI_SERVICE: "indicators" }).service).toBe(
      "indicators",
    );
    expect(resolveConfig(parseCliArgs([]), tenant, { TI_SERVICE: "indicators" }).service).toBe("indicators");
    expect(resolveConfig(parseCliArgs([]), tenant).service).toBeUndefined();
  });

  it("counts TI_SERVICE as a tenant setting: alone it names what else a tenant needs", () => {
    expect(() => resolveConfig(parseCliArgs([]), { TI_SERVICE: "indicators" })).toThrow(
      "TI_SERVICE is set but TI_CLIENT_ID, TI_CLIENT_SECRET, TI_AUTH_URL are missing",
    );
  });
});
