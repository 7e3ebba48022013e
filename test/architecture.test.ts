import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { checkLayering, importsOf, type Layering } from "./helpers/import-guard.js";

// The dependency direction of STYLE.md as one table, checked on TypeScript's own parser over every file of src/.
// A part is a folder of src/, or a top-level file on its own (`connect`, `index`): nothing is unrestricted.
// `node:` built-ins are allowed everywhere; any other bare specifier is an npm package and must be listed.
const GROUND = ["errors"]; // the error family: everyone above schema may import it
const LAYERING: Layering = {
  packageName: "ti-console", // a self-import ("ti-console/emulator") is refused everywhere in src
  rules: {
    schema: { parts: [] },
    errors: { parts: [] },
    http: { parts: [...GROUND], packages: ["undici"] },
    auth: { parts: [...GROUND, "http"] }, // auth sends its token request through http (issue 10, item 3)
    api: { parts: [...GROUND, "http", "auth", "schema"], typePackages: ["undici"] },
    // bulk waits and backs off with http's one clock and backoff (issue 10, item 4)
    // and writes its CSV through display's one CSV writer (issue 10, item 8)
    bulk: { parts: [...GROUND, "api", "schema", "http", "display"], packages: ["csv-parse"] },
    // Pure formatters: they read errors and entities by shape, so types only, and no transport (no undici).
    display: { parts: [], typeParts: ["schema", "errors"], packages: ["csv-stringify"] },
    // Charts render with the optional vega packages, label and colour as display does.
    chart: { parts: [...GROUND, "schema", "display"], packages: ["vega", "vega-lite"] },
    // The session a user gets: the api's session with the bulk edits as typed members and the pretty-printer.
    session: { parts: [...GROUND, "api", "bulk", "display"] },
    connect: {
      parts: [...GROUND, "schema", "http", "auth", "api", "bulk", "display", "session"],
      typePackages: ["undici"],
    },
    // Notebook helpers: pure functions from the request log's entries to rows and display bundles.
    notebook: { parts: ["schema", "display"], typeParts: ["http"] },
    index: {
      parts: [...GROUND, "schema", "http", "auth", "api", "bulk", "display", "chart", "connect", "notebook"],
    },
    // The console sits on top of everything but the emulator, which it reaches through one module (below).
    repl: {
      parts: [...GROUND, "schema", "http", "auth", "api", "bulk", "display", "session", "connect"],
      packages: [
        "acorn",
        "@inquirer/confirm",
        "@inquirer/input",
        "@inquirer/password",
        "@inquirer/select",
        "ora",
        "typescript",
      ],
    },
    emulator: { parts: ["schema"] }, // and node: built-ins only
    bin: { parts: ["repl"] },
  },
  fileExceptions: {
    "repl/embedded.ts": { parts: ["emulator"] }, // the one module that starts the embedded emulator
    "bin/ti-emulator.ts": { parts: ["emulator"] },
  },
};

const SRC = resolve(import.meta.dirname, "../src");
const BAD = resolve(import.meta.dirname, "fixtures/bad-imports/src");

describe("dependency direction", () => {
  it("holds for every file of src/, whose doors re-export by name only", () => {
    expect(checkLayering(SRC, LAYERING)).toEqual([]);
  });

  it("needs every file exception it lists (delete one when its import goes away)", () => {
    for (const file of Object.keys(LAYERING.fileExceptions ?? {})) {
      const { [file]: _dropped, ...rest } = LAYERING.fileExceptions ?? {};
      const without = checkLayering(SRC, { ...LAYERING, fileExceptions: rest });
      expect(
        without.some((line) => line.startsWith(`${file}:`)),
        `${file} no longer needs its exception`,
      ).toBe(true);
    }
  });

  it("rejects each deliberately wrong import of the fixture tree, and nothing else there", () => {
    expect(checkLayering(BAD, LAYERING)).toEqual([
      "bulk/run.ts: import ti-console/emulator: imports its own package (ti-console/emulator); use a relative path",
      "connect.ts: import ./repl/cli.js: connect may not import repl",
      "display/error.ts: import ../http/index.js: display may not import http (even as a type)",
      "display/page.ts: import type node ../api/index.js: display may not import api (even as a type)",
      'display/table.ts: import undici: imports npm package "undici", not allowed for display',
      "emulator/store.ts: import ../http/index.js: emulator may not import http",
      "http/index.ts: export * ./transport.js: re-exports everything; a door names what it publishes",
      "http/index.ts: export * ./paging.js: re-exports everything; a door names what it publishes",
      "repl/commands/emulator.ts: import ../../emulator/index.js: repl may not import emulator (even as a type)",
      "repl/loader.ts: dynamic import() (non-literal): dynamic import() with a non-literal specifier (the guard cannot read it)",
      "repl/loader.ts: require() (non-literal): require() with a non-literal specifier (the guard cannot read it)",
      'repl/loader.ts: dynamic import() chalk: imports npm package "chalk", not allowed for repl',
      "schema/extra.ts: import ../../package.json: reaches outside src (../../package.json)",
      'unknown/thing.ts: import ../schema/index.js: part "unknown" is not in the table',
    ]);
  });
});

describe("the import reader", () => {
  it("sees static, type-only, re-export, dynamic, require and import-type references", () => {
    const source = [
      'import { a } from "./a.js";',
      'import { type B } from "./b.js";', // still loads ./b.js under verbatimModuleSyntax
      'import type { C } from "./c.js";',
      'export { d } from "./d.js";',
      'export type { E } from "./e.js";',
      'export * from "./s.js";',
      'export * as t from "./t.js";',
      'import "./f.js";',
      'const g = await import("./g.js");',
      "const h = await import(`./h.js`);",
      "const i = await import(`./${name}.js`);",
      "const j = require(path);",
      'let k: import("./k.js").K;',
      'iocs.import("feed.csv");', // a method named import is not an import
    ].join("\n");
    expect(importsOf(source).map((r) => `${r.kind} ${r.spec ?? "?"}${r.typeOnly ? " type" : ""}`)).toEqual([
      "import ./a.js",
      "import ./b.js",
      "import ./c.js type",
      "export ./d.js",
      "export ./e.js type",
      "export * ./s.js",
      "export * ./t.js",
      "import ./f.js",
      "dynamic import() ./g.js",
      "dynamic import() ./h.js",
      "dynamic import() ?",
      "require() ?",
      "import type node ./k.js type",
    ]);
  });
});
