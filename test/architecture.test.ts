import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";

// Guards the dependency direction of STYLE.md / CONTRACTS.md by reading every import in src/.
const SRC = resolve(import.meta.dirname, "../src");

interface Edge {
  readonly from: string; // file, relative to src
  readonly fromPart: string; // top-level part: schema, http, api, ... or the file name for top-level files
  readonly toPart: string;
  readonly typeOnly: boolean;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|mts)$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

function partOf(path: string): string {
  const rel = relative(SRC, path);
  const [first] = rel.split(sep);
  return rel.includes(sep) ? first! : rel.replace(/\.(ts|js)$/, "");
}

/** The relative specifiers a source file imports or re-exports (static and dynamic), with type-only flags. */
export function importsOf(source: string): Array<{ spec: string; typeOnly: boolean }> {
  const found: Array<{ spec: string; typeOnly: boolean }> = [];
  const statics = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'"]*?\s+from\s+)?["']([^"']+)["']/g;
  for (const m of source.matchAll(statics)) found.push({ spec: m[3]!, typeOnly: m[2] !== undefined });
  for (const m of source.matchAll(/import\(\s*["']([^"']+)["']\s*\)/g))
    found.push({ spec: m[1]!, typeOnly: false });
  return found;
}

function edges(): Edge[] {
  return files(SRC).flatMap((file) =>
    importsOf(readFileSync(file, "utf8"))
      .filter((i) => i.spec.startsWith("."))
      .map((i) => ({
        from: relative(SRC, file),
        fromPart: partOf(file),
        toPart: partOf(resolve(dirname(file), i.spec)),
        typeOnly: i.typeOnly,
      }))
      .filter((e) => e.fromPart !== e.toPart),
  );
}

const describeEdge = (e: Edge) => `${e.from} -> ${e.toPart}${e.typeOnly ? " (type)" : ""}`;

function violations(
  part: string,
  allowed: readonly string[],
  allowTypeOnly: readonly string[] = [],
): string[] {
  return edges()
    .filter((e) => e.fromPart === part)
    .filter((e) => !allowed.includes(e.toPart) && !(e.typeOnly && allowTypeOnly.includes(e.toPart)))
    .map(describeEdge);
}

describe("dependency direction", () => {
  it("reads static, re-export, type-only and dynamic imports", () => {
    const sample = `import { a } from "./a.js";\nimport type { B } from "../b/index.js";\nexport * from "./c.js";\nconst d = await import("./d.js");`;
    expect(importsOf(sample)).toEqual([
      { spec: "./a.js", typeOnly: false },
      { spec: "../b/index.js", typeOnly: true },
      { spec: "./c.js", typeOnly: false },
      { spec: "./d.js", typeOnly: false },
    ]);
    expect(edges().length).toBeGreaterThan(0);
  });

  it("keeps schema and the error family free of src, and auth and http on the error family alone", () => {
    expect([
      ...violations("schema", []),
      ...violations("errors", []),
      ...violations("auth", ["errors"]),
      ...violations("http", ["errors"]),
    ]).toEqual([]);
  });

  it("lets api use only http, auth and schema", () => {
    expect(violations("api", ["http", "auth", "schema", "errors"])).toEqual([]);
  });

  it("lets bulk use only api, schema, the error family and display's pure CSV writer", () => {
    expect(violations("bulk", ["api", "schema", "errors", "display"], ["http"])).toEqual([]);
  });

  it("never lets display import api", () => {
    expect(
      edges()
        .filter((e) => e.fromPart === "display" && e.toPart === "api")
        .map(describeEdge),
    ).toEqual([]);
  });

  it("lets the emulator import schema only", () => {
    expect(violations("emulator", ["schema"])).toEqual([]);
  });

  it("lets only the REPL start the emulator", () => {
    const importers = edges().filter(
      (e) =>
        e.toPart === "emulator" && !e.typeOnly && e.fromPart !== "repl" && e.from !== "bin/ti-emulator.ts",
    );
    expect(importers.map(describeEdge)).toEqual([]);
  });
});
