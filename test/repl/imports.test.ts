import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));

function files(dir: string): string[] {
  return readdirSync(join(SRC, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(dir, f));
}

/** Every import in a file: its specifier and whether it is type-only. */
function imports(file: string): { from: string; typeOnly: boolean }[] {
  const text = readFileSync(join(SRC, file), "utf8");
  const found = [...text.matchAll(/^(?:import|export)\s+(type\s+)?[^;]*?from\s+"([^"]+)"/gms)].map((m) => ({
    from: m[2]!,
    typeOnly: m[1] !== undefined,
  }));
  const dynamic = [...text.matchAll(/import\("([^"]+)"\)/g)].map((m) => ({ from: m[1]!, typeOnly: false }));
  return [...found, ...dynamic];
}

describe("dependency direction", () => {
  it("keeps display pure: node built-ins, itself, the CSV writer's library, and only types from schema and the error family", () => {
    for (const file of files("display")) {
      for (const { from, typeOnly } of imports(file)) {
        const allowed =
          from.startsWith("node:") ||
          from.startsWith("./") ||
          from === "csv-stringify/sync" ||
          (typeOnly && /^\.\.\/(schema|errors)\//.test(from));
        expect(allowed, `${file} imports ${from}`).toBe(true);
      }
    }
  });

  it("starts the emulator from one module of the console only", () => {
    const users = files("repl").filter((file) =>
      imports(file).some(({ from }) => from.includes("emulator/")),
    );
    expect(users).toEqual(["repl/embedded.ts"]);
  });
});
