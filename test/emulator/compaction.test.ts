import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_TENANT_ID,
  type RunningEmulator,
} from "../../src/emulator/index.js";
import { spawnCli, urlOf, type SpawnedCli } from "./spawn.js";
import { caller, definitionBody } from "./support.js";

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const running: SpawnedCli[] = [];
afterAll(() => running.forEach((cli) => cli.child.kill("SIGKILL")));
// Small enough that a few dozen writes compact the journal, many times over the run.
const COMPACT = 16 * 1024;

async function start(path: string) {
  const cli = spawnCli(["--port", "0", "--quiet", "--state", path, "--state-compact-bytes", String(COMPACT)]);
  running.push(cli);
  const url = urlOf(await cli.firstLine);
  const emulator = {
    url,
    authUrl: `${url}/${DEMO_TENANT_ID}/oauth2/token`,
    tenantId: DEMO_TENANT_ID,
    clientId: DEMO_CLIENT_ID,
    clientSecret: DEMO_CLIENT_SECRET,
  } as RunningEmulator;
  return { cli, call: caller(emulator) };
}

/** Every alert definition, following next links. */
async function everyDefinition(call: ReturnType<typeof caller>): Promise<any[]> {
  const out: any[] = [];
  for (let path: string | undefined = "/V1.0/AlertDefinitions"; path;) {
    const page: any = (await call("GET", path)).json;
    out.push(...page.value);
    path = page["@odata.nextLink"]?.replace(/^https?:\/\/[^/]+/, "");
  }
  return out;
}

describe("compaction while running", { timeout: 120_000 }, () => {
  it("keeps the file small and reopenable, and every acknowledged write, across kill -9 during the writes", async () => {
    // A file of its own per attempt: a retry must not start on what the failed attempt left.
    const dir = mkdtempSync(join(tmpdir(), "ti-emulator-compact-"));
    dirs.push(dir);
    const path = join(dir, "state.jsonl");
    const alive = new Map<number, string>();
    const deleted = new Set<number>();
    const compactions: number[] = [];
    for (let round = 0; round < 3; round++) {
      const { cli, call } = await start(path);
      let size = statSync(path).size;
      let compacted = 0;
      // The restarted emulator holds every acknowledged write; beyond them, only writes in flight at the kill
      // (applied, their reply lost), which are durable from now on.
      const held = await everyDefinition(call);
      const names = new Map<number, string>(held.map((d: any) => [d.Id, d.Name]));
      for (const [id, name] of alive) expect([id, names.get(id)]).toEqual([id, name]);
      for (const [id, name] of names) {
        if (!alive.has(id)) expect([id, name]).toEqual([id, expect.stringMatching(/ late\d+$/)]);
        alive.set(id, name);
      }
      for (const id of deleted) expect([id, names.has(id)]).toEqual([id, false]);
      const writes: Promise<void>[] = [];
      for (let i = 0; i < 150; i++) {
        const name = `r${round} n${i}`;
        const created = await call("POST", "/V1.0/AlertDefinitions", {
          body: definitionBody({ Name: name }),
        });
        expect(created.status).toBe(201);
        alive.set(created.json.Id, name);
        if (i % 10 !== 0) {
          expect((await call("DELETE", `/V1.0/AlertDefinitions(${created.json.Id})`)).status).toBe(204);
          alive.delete(created.json.Id);
          deleted.add(created.json.Id);
        }
        const now = statSync(path).size;
        if (now < size) compacted++;
        size = now;
      }
      compactions.push(compacted);
      // The kill lands while writes are in flight (and, at this threshold, often during a compaction).
      for (let i = 0; i < 40; i++) {
        const name = `r${round} late${i}`;
        writes.push(
          call("POST", "/V1.0/AlertDefinitions", { body: definitionBody({ Name: name }) }).then(
            (r) => {
              if (r.status === 201) alive.set(r.json.Id, name);
            },
            () => undefined,
          ),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
      cli.child.kill("SIGKILL");
      expect(await cli.exited).toBe("SIGKILL");
      await Promise.all(writes);
    }
    // Compacted while running, every round: the file shrank under the writes. (Its peak size depends on how many of
    // the in-flight writes landed before each kill, so a share of the bytes written is no bound for it.)
    expect(
      compactions.every((times) => times > 0),
      `compactions per round: ${compactions}`,
    ).toBe(true);
    const { call } = await start(path);
    const held = await everyDefinition(call);
    const ids = new Set(held.map((d: any) => d.Id as number));
    for (const [id, name] of alive)
      expect([id, held.find((d: any) => d.Id === id)?.Name]).toEqual([id, name]);
    for (const id of deleted) expect([id, ids.has(id)]).toEqual([id, false]);
  });
});
