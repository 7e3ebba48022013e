#!/usr/bin/env node
// Makes `import ... from "ti-console"` resolve for tslab inside this repository.
// tslab type-checks cells with TypeScript's old "node10" module resolution, which finds a package only under
// node_modules/ (it ignores Node's package self-reference through "exports"). This links
// node_modules/ti-console to the project, exactly as npm does for a `"ti-console": "file:."` dependency.
import { lstat, readlink, symlink } from "node:fs/promises";
import { fileURLToPath } from "node:url";

const link = fileURLToPath(new URL("../node_modules/ti-console", import.meta.url));

try {
  const stat = await lstat(link);
  if (!stat.isSymbolicLink() || (await readlink(link)) !== "..") {
    throw new Error(`${link} exists and is not the link to this project; remove it and run again`);
  }
} catch (error) {
  if (error.code !== "ENOENT") throw error;
  // Two test files may get here at once; the loser of the race finds the same link in place.
  await symlink("..", link, "dir").catch((raced) => {
    if (raced.code !== "EEXIST") throw raced;
  });
}
