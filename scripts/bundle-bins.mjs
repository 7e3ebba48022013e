#!/usr/bin/env node
// Bundles the package's commands (package.json "bin") after tsc has built dist/, in place: each command becomes
// one file plus the chunks its import() calls load later, instead of the ~90 modules the console read before its
// first prompt. On Node 20 every ES module file costs about half a millisecond to open, resolve and compile, and
// that was a third of the console's start (issue 14). The library (dist/index.js and the rest) stays unbundled:
// it is what `import "ti-console"` and the notebooks load, with its declarations beside it.
// Packages under node_modules stay imports (undici, inquirer, ora...), so each is loaded from one copy.
// The chunks sit in dist/bin/, the depth of any other dist/<folder>/ file, so a module that reads a file
// relative to itself (the banner reads ../../package.json) finds it from either build.
import { readFile } from "node:fs/promises";
import { build } from "esbuild";

const root = new URL("../", import.meta.url);
const { bin } = JSON.parse(await readFile(new URL("package.json", root), "utf8"));

await build({
  absWorkingDir: new URL(".", root).pathname,
  entryPoints: Object.values(bin),
  outdir: "dist/bin",
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  chunkNames: "[name]-[hash]",
  logLevel: "warning",
});
