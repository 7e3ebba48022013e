import { afterAll, describe, expect, it } from "vitest";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_TENANT_ID } from "../../src/emulator/index.js";
import { spawnCli, urlOf, type SpawnedCli } from "./spawn.js";

const running: SpawnedCli[] = [];
afterAll(() => running.forEach((cli) => cli.child.kill("SIGKILL")));

function run(args: string[]): SpawnedCli {
  const cli = spawnCli(args);
  running.push(cli);
  return cli;
}

async function waitForLines(cli: SpawnedCli, n: number): Promise<void> {
  for (let i = 0; i < 600 && cli.stdout.length < n; i++) await new Promise((r) => setTimeout(r, 25));
}

// Spawned processes start slowly on a loaded two-core machine; allow for it.
describe("the ti-emulator command", { timeout: 90_000 }, () => {
  it("prints the listening line first, then the token URL, API URL and client id, and never the secret", async () => {
    const cli = run(["--port", "0"]);
    const url = urlOf(await cli.firstLine);
    await waitForLines(cli, 4);
    expect(cli.stdout.slice(1, 4)).toEqual([
      `  token URL: ${url}/${DEMO_TENANT_ID}/oauth2/token`,
      `  API URL:   ${url}/V1.0`,
      `  client id: ${DEMO_CLIENT_ID}`,
    ]);
    await fetch(`${url}/_emulator/stats`);
    await waitForLines(cli, 6);
    expect(cli.stdout[5]).toMatch(/ GET \/_emulator\/stats 200 \d+ms /);
    expect([...cli.stdout, ...cli.stderr].join("\n")).not.toContain(DEMO_CLIENT_SECRET);
    cli.child.kill("SIGTERM");
    expect(await cli.exited).toBe(0);
  });

  it("uses the credentials given by flags and keeps the secret out of its output", async () => {
    const cli = run(["--port", "0", "--client-id", "my-app", "--client-secret", "s3cret-value", "--quiet"]);
    const url = urlOf(await cli.firstLine);
    const token = await fetch(`${url}/${DEMO_TENANT_ID}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: "my-app",
        client_secret: "s3cret-value",
        resource: "https://graph.windows.net",
      }),
    });
    expect(token.status).toBe(200);
    await waitForLines(cli, 4);
    expect(cli.stdout[3]).toBe("  client id: my-app");
    expect(cli.stdout.join("\n")).not.toContain("s3cret-value");
  });

  it("prints the flags with --help and exits 0", async () => {
    const cli = run(["--help"]);
    expect(await cli.exited).toBe(0);
    const text = cli.stdout.join("\n");
    for (const flag of [
      "--port",
      "--host",
      "--token-lifetime",
      "--page-size",
      "--quota-total",
      "--quota-non-equals",
      "--rate-limit",
      "--state",
      "--seed",
      "--latency",
      "--faults",
      "--fault-seed",
      "--quiet",
      "--log",
      "--client-id",
      "--client-secret",
    ]) {
      expect(text).toContain(flag);
    }
  });

  it("stops with exit 2 and a message naming the flag for invalid or conflicting flags", async () => {
    const cases: [string[], RegExp][] = [
      [["--port", "abc"], /--port takes a non-negative integer/],
      [["--port", "70000"], /port must be an integer from 0 to 65535/],
      [["--faults", "503:10"], /fault rule "503:10" must look like/],
      [["--faults", "503:60%,429:50%"], /add up to 110%/],
      [["--latency", "10±20"], /jitter \(20\) must not exceed the mean/],
      [["--rate-limit", "100,50"], /per-hour limit \(50\) is below the per-minute limit/],
      [["--fault-seed", "3"], /--fault-seed has no effect without --faults or --latency/],
      [["--quota-total", "10", "--quota-non-equals", "20"], /cannot exceed --quota-total/],
      [["--state", "x.jsonl", "--log", "x.jsonl"], /must be different files/],
      [["--bogus"], /Unknown option '--bogus'/],
      [["extra"], /Unexpected argument 'extra'/],
    ];
    const results = await Promise.all(
      cases.map(async ([args, message]) => {
        const cli = run(args);
        return { args, message, code: await cli.exited, stderr: cli.stderr.join("\n") };
      }),
    );
    for (const { args, message, code, stderr } of results) {
      expect([args, code]).toEqual([args, 2]);
      expect(stderr).toMatch(message);
    }
  });

  it("stops with exit 1 when the seed file cannot be used", async () => {
    const cli = run(["--seed", "/nonexistent/seed.json"]);
    expect(await cli.exited).toBe(1);
    expect(cli.stderr.join("\n")).toMatch(/cannot start: seed file \/nonexistent\/seed.json cannot be read/);
  });

  it("warns when bound to a non-loopback host", async () => {
    const cli = run(["--port", "0", "--host", "0.0.0.0", "--quiet"]);
    urlOf(await cli.firstLine);
    for (let i = 0; i < 600 && cli.stderr.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(cli.stderr.join("\n")).toMatch(/warning: listening on 0\.0\.0\.0, not loopback/);
  });
});
