#!/usr/bin/env node
// The `ti-console` command: checks the Node.js version first, so an old one gets a sentence, not a stack trace
// from a module it cannot load; then turns on the compile cache, before the modules it would cache load.
import { enableCompileCache } from "./compile-cache.js";
import { requireNode } from "./node-version.js";

requireNode("ti-console");
enableCompileCache();
await import("../repl/cli.js");
