#!/usr/bin/env node
// The `ti-emulator` command: checks the Node.js version first, so an old one gets a sentence, not a stack trace
// from a module it cannot load.
import { requireNode } from "./node-version.js";

requireNode("ti-emulator");
await import("../emulator/cli.js");
