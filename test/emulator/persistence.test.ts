import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_TENANT_ID,
  startEmulator,
} from "../../src/emulator/index.js";
import { caller, definitionBody, iocBody } from "./support.js";
import { spawnCli, urlOf, type SpawnedCli } from "./spawn.js";

const dir = mkdtempSync(join(tmpdir(), "ti-emulator-state-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const running: SpawnedCli[] = [];
afterAll(() => running.forEach((cli) => cli.child.kill("SIGKILL")));

async function start(statePath: string): Promise<{ cli: SpawnedCli; url: string; send: Send }> {
  const cli = spawnCli(["--port", "0", "--quiet", "--state", statePath]);
  running.push(cli);
  const url = urlOf(await cli.firstLine);
  const token = await fetch(`${url}/${DEMO_TENANT_ID}/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: DEMO_CLIENT_ID,
      client_secret: DEMO_CLIENT_SECRET,
      resource: "https://graph.windows.net",
    }),
  });
  const { access_token } = (await token.json()) as { access_token: string };
  const send: Send = async (method, path, body) => {
    const r = await fetch(`${url}/V1.0${path}`, {
      method,
      headers: { authorization: `Bearer ${access_token}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return r.status;
  };
  return { cli, url, send };
}
type Send = (method: string, path: string, body?: unknown) => Promise<number>;

const dump = async (url: string): Promise<unknown> => (await fetch(`${url}/_emulator/state`)).json();

async function kill9(cli: SpawnedCli): Promise<void> {
  cli.child.kill("SIGKILL");
  expect(await cli.exited).toBe("SIGKILL");
}

// Spawned processes and fsync per write are slow on a loaded two-core machine; allow for it.
describe("--state persistence", { timeout: 90_000 }, () => {
  it("keeps every acknowledged write across kill -9 and restart, and never reuses an Id", async () => {
    const path = join(dir, "state.jsonl");
    const first = await start(path);
    expect(await first.send("POST", "/AlertDefinitions", definitionBody())).toBe(201);
    expect(
      await first.send("POST", "/AlertDefinitions/Actions.BulkUpload", {
        alertDefinitions: [definitionBody(), definitionBody()],
      }),
    ).toBe(200);
    const writes = Array.from({ length: 40 }, (_, i) =>
      first.send("POST", "/IndicatorsOfCompromise", iocBody((i % 3) + 1)),
    );
    expect(new Set(await Promise.all(writes))).toEqual(new Set([201]));
    expect(await first.send("PATCH", "/AlertDefinitions(2)", { Enabled: false })).toBe(200);
    expect(await first.send("DELETE", "/AlertDefinitions(3)")).toBe(204);
    expect(
      await first.send("PUT", "/IndicatorsOfCompromise(1)/AlertDefinition/$ref", {
        "@odata.id": "AlertDefinitions(2)",
      }),
    ).toBe(204);
    const before = await dump(first.url);
    await kill9(first.cli);

    const second = await start(path);
    expect(await dump(second.url)).toEqual(before);
    expect(await second.send("POST", "/AlertDefinitions", definitionBody())).toBe(201);
    const state = (await dump(second.url)) as { AlertDefinitions: { Id: number }[] };
    expect(state.AlertDefinitions.map((d) => d.Id)).toEqual([1, 2, 4]);
    await kill9(second.cli);
  });

  it("drops a torn last line (a write cut off by the crash, never acknowledged)", async () => {
    const path = join(dir, "torn.jsonl");
    const first = await start(path);
    await first.send("POST", "/AlertDefinitions", definitionBody());
    await kill9(first.cli);
    appendFileSync(path, '[{"op":"put","set":"AlertDefin');
    const second = await start(path);
    expect(((await dump(second.url)) as { AlertDefinitions: unknown[] }).AlertDefinitions).toHaveLength(1);
    await second.send("POST", "/AlertDefinitions", definitionBody());
    await kill9(second.cli);
    // Header, the first write, the write after the restart: the torn bytes are gone.
    expect(readFileSync(path, "utf8").split("\n")).toHaveLength(4);
    expect(readFileSync(path, "utf8")).not.toContain("AlertDefin\n");
  });

  it("refuses to start on a corrupt state file, saying which line", async () => {
    const path = join(dir, "corrupt.jsonl");
    const first = await start(path);
    await first.send("POST", "/AlertDefinitions", definitionBody());
    await first.send("POST", "/AlertDefinitions", definitionBody());
    await kill9(first.cli);
    const lines = readFileSync(path, "utf8").split("\n");
    lines[1] = "{garbage";
    writeFileSync(path, lines.join("\n"));
    const cli = spawnCli(["--port", "0", "--state", path]);
    running.push(cli);
    expect(await cli.exited).toBe(1);
    expect(cli.stderr.join("\n")).toMatch(
      /cannot start: .*corrupt\.jsonl line 2 fails its checksum; the state file is corrupt/,
    );
  });

  it("refuses a file that is not a state file at all", async () => {
    const path = join(dir, "other.txt");
    writeFileSync(path, "hello\n");
    const cli = spawnCli(["--port", "0", "--state", path]);
    running.push(cli);
    expect(await cli.exited).toBe(1);
    expect(cli.stderr.join("\n")).toMatch(/is not a ti-emulator state file/);
  });

  it("compacts a long journal on start, keeping the entities and the Id counters", async () => {
    const path = join(dir, "long.jsonl");
    const first = await startEmulator({ statePath: path });
    const call = caller(first);
    await call("POST", "/V1.0/AlertDefinitions", { body: definitionBody() });
    for (let batch = 0; batch < 15; batch++) {
      await Promise.all(
        Array.from({ length: 20 }, () => call("POST", "/V1.0/IndicatorsOfCompromise", { body: iocBody(1) })),
      );
    }
    expect((await call("DELETE", "/V1.0/IndicatorsOfCompromise(300)")).status).toBe(204);
    const before = await dump(first.url);
    await first.close();
    expect(readFileSync(path, "utf8").split("\n").length).toBeGreaterThan(300);

    const second = await startEmulator({ statePath: path });
    expect(await dump(second.url)).toEqual(before);
    expect(readFileSync(path, "utf8").split("\n").length).toBeLessThan(10);
    const created = await caller(second)("POST", "/V1.0/IndicatorsOfCompromise", { body: iocBody(1) });
    expect(created.json.Id).toBe(301);
    await second.close();
  });
});
