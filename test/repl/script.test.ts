import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScript } from "../../src/repl/script.js";
import { ConfigurationError } from "../../src/errors/index.js";
import { tempDir } from "../helpers/repl.js";

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
