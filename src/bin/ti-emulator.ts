#!/usr/bin/env node
// The `ti-emulator` command: checks the Node.js version first, so an old one gets a sentence, not a stack trace
// from a module it cannot load. `--version` is answered here, before the emulator's own flags are parsed.
import { enableCompileCache } from "./compile-cache.js";
import { requireNode } from "./node-version.js";

requireNode("ti-emulator");
enableCompileCache();
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === "--version" || args[0] === "-v")) {
  const { packageVersion } = await import("../repl/banner.js");
  process.stdout.write(`${packageVersion()}\n`);
} else {
  await import("../emulator/cli.js");
}
