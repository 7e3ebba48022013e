// What the console loads before its first prompt (issue 14): every module it loads goes through a load hook
// registered with --import, which appends the module's URL to a file, in load order. The console shows its
// prompt before it imports connect.js, so whatever loads after that file loads after the prompt.
// The module graph as written is checked on the unbundled entry, dist/repl/cli.js; the ti-console command is
// bundled (scripts/bundle-bins.mjs), split at the same import() calls, and checked for the files it reads.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { CLI, cleanEnv, runPiped, startPty, tempDir } from "./helpers/repl.js";

const UNBUNDLED = fileURLToPath(new URL("../dist/repl/cli.js", import.meta.url));

// registerHooks (Node 22.15+) runs in the thread; register (Node 20) runs the hook on a loader thread.
const HOOK = `import { appendFileSync } from "node:fs";
export function load(url, context, next) {
  appendFileSync(process.env.TI_TEST_LOAD_LOG, url + "\\n");
  return next(url, context);
}`;
const REGISTER = `import * as module from "node:module";
if (module.registerHooks) module.registerHooks({ load: (await import("./hook.mjs")).load });
else module.register("./hook.mjs", import.meta.url);`;

/** The loads of `script`, in order, from spawn until it is connected on the embedded emulator. */
async function loadsUntilConnected(script: string): Promise<string[]> {
  const dir = tempDir();
  writeFileSync(join(dir, "hook.mjs"), HOOK);
  writeFileSync(join(dir, "register.mjs"), REGISTER);
  const log = join(dir, "loads.log");
  writeFileSync(log, "");
  const register = pathToFileURL(join(dir, "register.mjs")).href;
  const repl = startPty(
    ["--emulator"],
    cleanEnv({ NODE_OPTIONS: `--import ${register}`, TI_TEST_LOAD_LOG: log }),
    script,
  );
  await repl.ready({ timeoutMs: 30_000 });
  repl.kill();
  await repl.exited;
  return readFileSync(log, "utf8").split("\n").filter(Boolean);
}

describe("the console's modules, as written", () => {
  it("loads no undici until its first request, after the session and the embedded emulator are loaded", async () => {
    const loads = await loadsUntilConnected(UNBUNDLED);
    const at = (pattern: RegExp): number => loads.findIndex((url) => pattern.test(url));
    const undici = at(/\/node_modules\/undici\//);
    expect(undici, "undici is loaded once the console connects").toBeGreaterThan(-1);
    expect(at(/\/dist\/connect\.js$/)).toBeGreaterThan(-1);
    expect(undici, "undici loads after connect.js").toBeGreaterThan(at(/\/dist\/connect\.js$/));
    expect(undici, "undici loads after the emulator").toBeGreaterThan(at(/\/dist\/emulator\/index\.js$/));
  });

  it("loads no wizard, bulk engine, acorn or csv-stringify before its first prompt", async () => {
    const loads = await loadsUntilConnected(UNBUNDLED);
    const connect = loads.findIndex((url) => /\/dist\/connect\.js$/.test(url));
    expect(connect, "connect.js is loaded once the console connects").toBeGreaterThan(-1);
    const beforePrompt = loads.slice(0, connect);
    const late = [
      /\/dist\/bulk\/(?!plan-rows\.js$)/,
      /\/dist\/repl\/commands\/(wizards|indicator-wizard|migrate-wizard|sync-wizard|walkthrough[^/]*)\.js$/,
      /\/dist\/api\/index\.js$/,
      /\/node_modules\/(acorn|csv-stringify|csv-parse)\//,
    ];
    for (const pattern of late)
      expect(
        beforePrompt.filter((url) => pattern.test(url)),
        `${pattern} before the prompt`,
      ).toEqual([]);
  });
});

describe("the ti-console command", () => {
  // Unbundled, it read 91 files of its own before the prompt, each opened, resolved and compiled on its own.
  it("reads a handful of its own files before its first prompt, and the rest in chunks as it needs them", async () => {
    const loads = await loadsUntilConnected(CLI);
    const own = loads.filter((url) => url.includes("/dist/"));
    const connect = own.findIndex((url) => /\/dist\/bin\/connect-[A-Z0-9]+\.js$/.test(url));
    expect(connect, "the connect chunk is loaded once the console connects").toBeGreaterThan(-1);
    const beforePrompt = own.slice(0, connect);
    expect(
      beforePrompt.every((url) => url.includes("/dist/bin/")),
      beforePrompt.join("\n"),
    ).toBe(true);
    expect(beforePrompt.length, beforePrompt.join("\n")).toBeLessThanOrEqual(12);
  });
});

describe("the compile cache", () => {
  // Node 22.1 brought module.enableCompileCache; on Node 20 the commands run without a cache.
  const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
  const hasCompileCache = major > 22 || (major === 22 && minor >= 1);

  it(`is ${hasCompileCache ? "written to the temporary directory" : "not written (Node 20 has none)"} by a run of ti-console`, async () => {
    const tmp = tempDir();
    const env = cleanEnv({ TMPDIR: tmp });
    delete env.NODE_COMPILE_CACHE;
    delete env.NODE_DISABLE_COMPILE_CACHE;
    const { code, stdout } = await runPiped(["--emulator", "--norc", "--eval", "6 * 7"], { env });
    expect(stdout).toContain("42");
    expect(code).toBe(0);
    const cache = join(tmp, "node-compile-cache");
    expect(existsSync(cache)).toBe(hasCompileCache);
    if (hasCompileCache) expect(readdirSync(cache, { recursive: true }).length).toBeGreaterThan(0);
  });

  it("is not written with NODE_DISABLE_COMPILE_CACHE=1", async () => {
    const tmp = tempDir();
    const env = cleanEnv({ TMPDIR: tmp, NODE_DISABLE_COMPILE_CACHE: "1" });
    delete env.NODE_COMPILE_CACHE;
    const { code } = await runPiped(["--emulator", "--norc", "--eval", "1"], { env });
    expect(code).toBe(0);
    expect(existsSync(join(tmp, "node-compile-cache"))).toBe(false);
  });
});
