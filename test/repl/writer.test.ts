import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { pp } from "../../src/display/index.js";
import { take } from "../../src/repl/helpers.js";
import type { ReplState } from "../../src/repl/types.js";
import { awaitHint, makeWriter, shown } from "../../src/repl/writer.js";

function state(format: ReplState["format"] = "table"): ReplState {
  const fields: Partial<ReplState> = { format, color: false, output: new PassThrough(), lastEntry: "x" };
  return fields as ReplState;
}

describe("the REPL writer", () => {
  it("prints a hint instead of a pending Promise, and swallows its rejection", async () => {
    const rejected = Promise.reject(new Error("later"));
    expect(makeWriter(state())(rejected)).toBe(awaitHint("x"));
    await new Promise((r) => setTimeout(r, 10));
  });

  it("names the entry that gave the pending result in the hint", () => {
    expect(makeWriter({ ...state(), lastEntry: "alerts.get(1);\n" })(Promise.resolve(1))).toBe(
      "This is a pending result (a Promise or a list). Put await in front: await alerts.get(1)",
    );
    expect(awaitHint("x = iocs.list()")).toMatch(/Put await in front: x = await iocs\.list\(\)$/);
    expect(awaitHint("a == alerts.get(1)")).toMatch(/: await a == alerts\.get\(1\)$/);
  });

  it("never calls then on a lazy list", () => {
    let started = false;
    const lazy = {
      then: () => {
        started = true;
      },
    };
    expect(makeWriter(state())(lazy)).toBe(awaitHint("x"));
    expect(started).toBe(false);
  });

  it("prints lists of entities as a table, and in the chosen format", () => {
    const rows = [{ Id: 1, Type: "Sha1", Value: "ab", DetectionFunction: "Equals" }];
    expect(makeWriter(state())(rows)).toMatch(/^Id\s+Type\s+Value/);
    expect(JSON.parse(makeWriter(state("json"))(rows))).toEqual(rows);
    expect(makeWriter(state("csv"))(rows)).toBe("Id,Type,Value,DetectionFunction\r\n1,Sha1,ab,Equals");
  });

  it("prints helper output and pp(...) as is, whatever the format", () => {
    expect(makeWriter(state("json"))(shown("as is"))).toBe("as is");
    expect(makeWriter(state("json"))(pp([{ Id: 1, Name: "n" }]))).toMatch(/^Id\s+Name\n +1\s+n$/);
  });
});

describe("take", () => {
  it("stops iterating after n items", async () => {
    let pulled = 0;
    async function* pages(): AsyncGenerator<number> {
      for (let i = 0; i < 100; i++) {
        pulled++;
        yield i;
      }
    }
    expect(await take(pages(), 3)).toEqual([0, 1, 2]);
    expect(pulled).toBe(3);
    expect(await take([1, 2], 5)).toEqual([1, 2]);
  });
});
