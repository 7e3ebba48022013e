import { appendFile, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Journal } from "../../src/bulk/journal.js";

const begin = { operation: "import", fingerprint: "abc", total: 3 };

async function journalPath(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), "bulk-journal-")), "j.jsonl");
}

describe("the journal", () => {
  it("reads back finished and unanswered items across a line torn by a crash", async () => {
    const path = await journalPath();
    const { journal } = await Journal.open(path, begin);
    await journal.append({ kind: "sent", keys: ["a", "b", "c"] });
    await journal.append({ kind: "done", items: [{ key: "a", outcome: "created", id: 1 }] });
    await journal.close();
    await appendFile(path, '{"kind":"done","items":[{"key":"b","outc');
    const second = await Journal.open(path, begin);
    await second.journal.append({ kind: "done", items: [{ key: "c", outcome: "created", id: 3 }] });
    await second.journal.close();
    expect([...second.state.done.keys()]).toEqual(["a"]);
    expect([...second.state.unacknowledged]).toEqual(["b", "c"]);
    const third = await Journal.open(path, begin);
    await third.journal.close();
    expect([...third.state.done.keys()]).toEqual(["a", "c"]);
    expect([...third.state.unacknowledged]).toEqual(["b"]);
  });

  it("refuses a file damaged in the middle", async () => {
    const path = await journalPath();
    await writeFile(
      path,
      `${JSON.stringify({ kind: "begin", ...begin, at: "x" })}\nnot json\n{"kind":"sent","keys":[]}\n`,
    );
    await expect(Journal.open(path, begin)).rejects.toThrow(/damaged at line 2/);
  });

  it("retries items that failed in an earlier run", async () => {
    const path = await journalPath();
    const { journal } = await Journal.open(path, begin);
    await journal.append({ kind: "sent", keys: ["a"] });
    await journal.append({ kind: "failed", items: [{ key: "a", error: "400" }] });
    await journal.close();
    const again = await Journal.open(path, begin);
    await again.journal.close();
    expect(again.state.done.size + again.state.unacknowledged.size).toBe(0);
    expect((await readFile(path, "utf8")).trim().split("\n")).toHaveLength(4);
  });
});
