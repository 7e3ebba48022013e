// What the console loads before its first prompt (issue 14): every module it loads goes through a load hook
// registered with --import, which appends the module's URL to a file, in load order.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { cleanEnv, startPty, tempDir } from "./helpers/repl.js";

// registerHooks (Node 22.15+) runs in the thread; register (Node 20) runs the hook on a loader thread.
const HOOK = `import { appendFileSync } from "node:fs";
export function load(url, context, next) {
  appendFileSync(process.env.TI_TEST_LOAD_LOG, url + "\\n");
  return next(url, context);
}`;
const REGISTER = `import * as module from "node:module";
if (module.registerHooks) module.registerHooks({ load: (await import("./hook.mjs")).load });
else module.register("./hook.mjs", import.meta.url);`;

/** The console's loads, in order, from spawn until it is connected on the embedded emulator. */
async function loadsUntilConnected(): Promise<string[]> {
  const dir = tempDir();
  writeFileSync(join(dir, "hook.mjs"), HOOK);
  writeFileSync(join(dir, "register.mjs"), REGISTER);
  const log = join(dir, "loads.log");
  writeFileSync(log, "");
  const register = pathToFileURL(join(dir, "register.mjs")).href;
  const repl = startPty(
    ["--emulator"],
    cleanEnv({ NODE_OPTIONS: `--import ${register}`, TI_TEST_LOAD_LOG: log }),
  );
  await repl.ready({ timeoutMs: 30_000 });
  repl.kill();
  await repl.exited;
  return readFileSync(log, "utf8").split("\n").filter(Boolean);
}

describe("the console's start", () => {
  it("loads no undici until its first request, after the session and the embedded emulator are loaded", async () => {
    const loads = await loadsUntilConnected();
    const at = (pattern: RegExp): number => loads.findIndex((url) => pattern.test(url));
    const undici = at(/\/node_modules\/undici\//);
    expect(undici, "undici is loaded once the console connects").toBeGreaterThan(-1);
    expect(at(/\/dist\/connect\.js$/)).toBeGreaterThan(-1);
    expect(undici, "undici loads after connect.js").toBeGreaterThan(at(/\/dist\/connect\.js$/));
    expect(undici, "undici loads after the emulator").toBeGreaterThan(at(/\/dist\/emulator\/index\.js$/));
  });
});
