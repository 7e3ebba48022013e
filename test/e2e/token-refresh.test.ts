import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_TENANT_ID } from "../../src/emulator/index.js";
import { spawnCli, urlOf, type SpawnedCli } from "../emulator/spawn.js";
import { cleanEnv, runPiped, tempDir } from "../helpers/repl.js";

const running: SpawnedCli[] = [];
afterAll(() => running.forEach((cli) => cli.child.kill("SIGKILL")));

// Issue 2's acceptance check, as a user would run it: a separate `ti-emulator` with 3-second tokens, and a
// `ti-console` script pointed at it by TI_* variables that lists once a second for ten seconds.
const SCRIPT = `
const failures = [];
for (let i = 0; i < 10; i++) {
  try { await alerts.list(); } catch (error) { failures.push(String(error)); }
  await new Promise((resolve) => setTimeout(resolve, 1000));
}
console.log(failures.length === 0 ? "no failures" : failures.join("\\n"));
`;

describe("a console script against ti-emulator --token-lifetime 3", { timeout: 90_000 }, () => {
  it("lists once a second for ten seconds with no failure, several tokens and no 401", async () => {
    const cli = spawnCli(["--port", "0", "--token-lifetime", "3", "--quiet"]);
    running.push(cli);
    const url = urlOf(await cli.firstLine);
    const dir = tempDir();
    const script = join(dir, "poll.js");
    writeFileSync(script, SCRIPT);
    const env = cleanEnv({
      TI_AUTH_URL: `${url}/${DEMO_TENANT_ID}/oauth2/token`,
      TI_API_URL: `${url}/V1.0`,
      TI_CLIENT_ID: DEMO_CLIENT_ID,
      TI_CLIENT_SECRET: DEMO_CLIENT_SECRET,
    });
    const { stdout, stderr, code } = await runPiped([script], { env, cwd: dir });
    expect(stderr).toBe("");
    expect(stdout).toContain("no failures");
    expect(code).toBe(0);
    const stats = (await (await fetch(`${url}/_emulator/stats`)).json()) as {
      tokensIssued: number;
      responses: Record<string, number>;
    };
    expect(stats.tokensIssued).toBeGreaterThan(1);
    expect(stats.responses["401"] ?? 0).toBe(0);
    expect(stats.responses["200"]).toBeGreaterThanOrEqual(10);
  });
});
