import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";

// Issue 10 item 4: one wait-and-retry toolkit. The client layers (everything but the console and the emulator,
// which have their own timers for prompts, spinners and latency) wait, back off and tell time through one module.
const SRC = resolve(import.meta.dirname, "../src");
const OWN_TIMERS = ["repl", "emulator", "bin"];

function clientFiles(dir = SRC): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory())
      return OWN_TIMERS.includes(name) && dir === SRC ? [] : clientFiles(path);
    return name.endsWith(".ts") ? [path] : [];
  });
}

/** The client files (relative to src, with `/`) whose text matches `pattern`. */
function filesMatching(pattern: RegExp): string[] {
  return clientFiles()
    .filter((file) => pattern.test(readFileSync(file, "utf8")))
    .map((file) => relative(SRC, file).split(sep).join("/"))
    .sort();
}

describe("one wait-and-retry toolkit", () => {
  it("sets timers only in the clock module", () => {
    expect(filesMatching(/\bsetTimeout\(/)).toEqual(["http/clock.ts"]);
  });

  it("writes the abortable wait for shared work once", () => {
    expect(filesMatching(/function abortable\b/)).toEqual(["http/clock.ts"]);
  });

  it("declares the clock's shape once", () => {
    expect(filesMatching(/\bnow\(\): number/)).toEqual(["http/clock.ts"]);
  });

  it("computes exponential backoff once, from the retry policy's data", () => {
    expect(filesMatching(/\b2 \*\* /)).toEqual(["http/retry-policy.ts"]);
  });
});
