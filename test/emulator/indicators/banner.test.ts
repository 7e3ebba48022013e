// The ti-emulator command names where the Indicators API is, beside custom TI's API URL: a user starting it for
// the successor API needs `/api` and the scope its tokens take.
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_TENANT_ID } from "../../../src/emulator/index.js";
import { spawnCli, urlOf, type SpawnedCli } from "../spawn.js";

const running: SpawnedCli[] = [];
afterAll(() => running.forEach((cli) => cli.child.kill("SIGKILL")));

describe("the ti-emulator banner", { timeout: 90_000 }, () => {
  it("names the Indicators API URL and its token scope, which answer a list", async () => {
    const cli = spawnCli(["--port", "0", "--seed", "sample"]);
    running.push(cli);
    const url = urlOf(await cli.firstLine);
    for (let i = 0; i < 600 && cli.stdout.length < 5; i++) await new Promise((r) => setTimeout(r, 25));
    const line = cli.stdout[4] ?? "";
    const m = /^ {2}Indicators API: (\S+) \(scope (\S+)\)$/.exec(line);
    expect(m, line).not.toBeNull();
    const [, apiUrl, scope] = m!;
    expect(apiUrl).toBe(`${url}/api`);
    const token = await fetch(`${url}/${DEMO_TENANT_ID}/oauth2/v2.0/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: DEMO_CLIENT_ID,
        client_secret: DEMO_CLIENT_SECRET,
        scope: scope!,
      }),
    });
    const { access_token } = (await token.json()) as { access_token: string };
    const list = await fetch(`${apiUrl}/indicators?$top=1`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { value: unknown[] }).value).toHaveLength(1);
    cli.child.kill("SIGTERM");
    expect(await cli.exited).toBe(0);
  });
});
