import { chmodSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { appendHistory, HISTORY_SIZE, readHistory } from "../../src/repl/history-file.js";
import { tempDir } from "../helpers/repl.js";

describe("the history file", () => {
  it("reads back a multi-line entry as one entry, after the entries before it", () => {
    const path = join(tempDir(), "state", "history");
    appendHistory(path, ["1 + 1"]);
    appendHistory(path, ['await alerts.create({\n  Name: "x",\n  Severity: "High",\n})']);
    expect(readHistory(path)).toEqual([
      "1 + 1",
      'await alerts.create({\n  Name: "x",\n  Severity: "High",\n})',
    ]);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it("keeps a file written by Node's history (newest first), its newest 1000 entries, at mode 0600", () => {
    const path = join(tempDir(), "history");
    const lines = Array.from({ length: 1200 }, (_, i) => `x = ${1199 - i}`);
    writeFileSync(path, lines.join("\n"), { mode: 0o644 });
    chmodSync(path, 0o644);
    const entries = readHistory(path);
    expect(entries).toHaveLength(HISTORY_SIZE);
    expect(entries[0]).toBe("x = 200");
    expect(entries.at(-1)).toBe("x = 1199");
    expect(readHistory(path)).toEqual(entries);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, "utf8")).not.toContain("x = 199\n");
  });

  it("reads Node 24's multi-line lines (reversed, joined by carriage returns) in typing order", () => {
    const path = join(tempDir(), "history");
    writeFileSync(path, "})\r  Name: 1,\rf({\n2 + 2\n");
    expect(readHistory(path)).toEqual(["2 + 2", "f({\n  Name: 1,\n})"]);
  });

  it("grows past its size only by some slack before a start cuts it back to the newest entries", () => {
    const path = join(tempDir(), "history");
    appendHistory(
      path,
      Array.from({ length: HISTORY_SIZE + 500 }, (_, i) => `y = ${i}`),
    );
    expect(readHistory(path)).toHaveLength(HISTORY_SIZE);
    expect(readFileSync(path, "utf8").split("\n").filter(Boolean)).toHaveLength(HISTORY_SIZE + 1);
  });
});
