#!/usr/bin/env node
// Leaves the package's commands (package.json "bin") executable after a build. tsc writes files without the
// execute bit and npm sets it only when it installs or links the package, so without this a rebuild in a
// checkout makes `npx ti-console` fail with "Permission denied".
import { chmod, readFile } from "node:fs/promises";

const root = new URL("../", import.meta.url);
const { bin } = JSON.parse(await readFile(new URL("package.json", root), "utf8"));
await Promise.all(Object.values(bin).map((path) => chmod(new URL(path, root), 0o755)));
