import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));
const EMULATOR = join(SRC, "emulator");

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

describe("the emulator's dependencies", () => {
  it("imports nothing from src/ but src/schema, and only node: built-ins from outside", () => {
    const offending: string[] = [];
    for (const file of files(EMULATOR)) {
      for (const [, spec] of readFileSync(file, "utf8").matchAll(/\bfrom\s+"([^"]+)"/g)) {
        if (!spec) continue;
        if (spec.startsWith("node:")) continue;
        const target = relative(SRC, resolve(dirname(file), spec));
        if (spec.startsWith(".") && (target.startsWith("emulator/") || target.startsWith("schema/")))
          continue;
        offending.push(`${relative(SRC, file)} -> ${spec}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
