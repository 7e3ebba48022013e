import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScript } from "../../src/repl/script.js";
import { ConfigurationError } from "../../src/errors/index.js";
import { runPiped, tempDir } from "../helpers/repl.js";

describe("loading a console script", () => {
  it("strips a .ts script's types with the installed typescript", async () => {
    const file = join(tempDir(), "count.ts");
    writeFileSync(file, "#!/usr/bin/env ti-console\nconst n: number = 1;\nexport {};\n");
    expect((await loadScript(file)).trim()).toBe("const n = 1;");
  });

  it("says what to install when typescript is missing, naming the script", async () => {
    const file = join(tempDir(), "triage.ts");
    writeFileSync(file, "const n: number = 1;\n");
    // A real import of a package that is not installed, as a project without typescript sees it.
    // @ts-expect-error the package does not exist, on purpose
    const missing = () => import("ti-console-test-missing-typescript");
    const failure = await loadScript(file, { loadTypeScript: missing }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ConfigurationError);
    expect((failure as Error).message).toBe(
      `${file}: running a .ts script needs the "typescript" package, which is not installed. Install typescript ` +
        "5 or 6 (npm install --save-dev typescript@6) beside ti-console (or globally for a global ti-console), " +
        "or rename the script to .js.",
    );
  });

  it("runs a .js script without loading typescript", async () => {
    const file = join(tempDir(), "count.js");
    writeFileSync(file, "const n = 1;\n");
    const unused = () => Promise.reject(new Error("typescript must not be loaded for .js"));
    expect(await loadScript(file, { loadTypeScript: unused })).toBe("const n = 1;\n");
  });
});

describe("a script run by the console", () => {
  it("prints what pp, table, json and csv return, since nothing else prints a script's values", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "show.js"),
      "pp(await alerts.list())\njson({ a: 1 })\nconst kept = csv([{ x: 1 }]);\n",
    );
    const { stdout, stderr, code } = await runPiped(["show.js"], { cwd: dir });
    expect(stderr).toBe("");
    expect(stdout).toBe(
      'Id  Severity  Category  Enabled  Name  Title\n(no alert definitions)\n{\n  "a": 1\n}\nx\r\n1\n',
    );
    expect(code).toBe(0);
  });

  it("runs a script whose last two lines are awaited calls without semicolons", async () => {
    const dir = tempDir();
    // The returned last line once turned into "pp(await iocs.list()) return (" and a SyntaxError.
    writeFileSync(join(dir, "two.js"), "pp(await iocs.list())\npp(await alerts.list())\n");
    writeFileSync(join(dir, "late.js"), "pp(await iocs.list())\nawait alerts.get(5)\n");
    const { stdout, stderr, code } = await runPiped(["two.js"], { cwd: dir });
    expect(stderr).toBe("");
    expect(stdout).toBe(
      "Id  Type  Value  DetectionFunction  Enabled  AlertDefinitionId  ExpiresAt\n(no IOCs)\n" +
        "Id  Severity  Category  Enabled  Name  Title\n(no alert definitions)\n",
    );
    expect(code).toBe(0);
    // The returned line keeps its place in errors.
    const late = await runPiped(["late.js"], { cwd: dir });
    expect(late.stderr).toMatch(/^Error 404 ResourceNotFound: .* \(at late\.js:2:1\)\n$/);
  });

  it("names the file, line and column of an error, thrown by the script or by a call it awaited", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "bad.js"), "const a = 1;\n\nundefinedFn();\n");
    writeFileSync(join(dir, "gone.js"), "// a comment\nconst b = 2;\nawait alerts.get(77)\n");
    const thrown = await runPiped(["bad.js"], { cwd: dir });
    expect(thrown.stderr).toBe("ReferenceError: undefinedFn is not defined (at bad.js:3:1)\n");
    expect(thrown.code).toBe(1);
    const awaited = await runPiped(["gone.js"], { cwd: dir });
    expect(awaited.stderr).toMatch(/^Error 404 ResourceNotFound: .* \(at gone\.js:3:\d+\)\n$/);
    expect(awaited.code).toBe(1);
  });

  it("names the script's own place, not a library file whose name ends like it, after a top-level await", async () => {
    const dir = tempDir();
    // "s.js" is the end of the library's own alerts.js and iocs.js, whose frames are in the same stack.
    writeFileSync(join(dir, "s.js"), "pp(await iocs.list())\nconst x = 1;\nawait alerts.get(99)\n");
    writeFileSync(join(dir, "t.js"), "pp(await iocs.list())\nconst y = 2;\nnull.foo\n");
    const awaited = await runPiped(["s.js"], { cwd: dir });
    expect(awaited.stderr).toMatch(/^Error 404 ResourceNotFound: .* \(at s\.js:3:1\)\n$/);
    // The last expression keeps its column in the async wrapper (null.foo fails at .foo, column 6).
    const thrown = await runPiped(["t.js"], { cwd: dir });
    expect(thrown.stderr).toMatch(/\(at t\.js:3:6\)\n$/);
  });
});
