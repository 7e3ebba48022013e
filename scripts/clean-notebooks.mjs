#!/usr/bin/env node
// Strips outputs and execution counts from the notebooks (or the .ipynb files named), in Jupyter's own format
// (one-space indent, trailing newline), so a notebook saved after running it in Jupyter commits clean.
// `npm test` fails on a committed notebook with outputs (test/notebooks/committed.test.ts) and names this script.
import { readFile, readdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL("../notebooks/", import.meta.url));
const named = process.argv.slice(2);
const files = named.length
  ? named
  : (await readdir(dir)).filter((name) => name.endsWith(".ipynb")).map((name) => `${dir}${name}`);
let cleaned = 0;
for (const file of files) {
  const text = await readFile(file, "utf8");
  const notebook = JSON.parse(text);
  for (const cell of notebook.cells ?? []) {
    if (cell.cell_type !== "code") continue;
    cell.outputs = [];
    cell.execution_count = null;
    // Jupyter keeps run times and collapsed/scrolled states here; none of it belongs in the repository.
    delete cell.metadata?.execution;
  }
  const out = `${JSON.stringify(notebook, null, 1)}\n`;
  if (out !== text) {
    await writeFile(file, out);
    cleaned += 1;
    console.log(`cleaned ${file}`);
  }
}
console.log(cleaned ? `${cleaned} notebook(s) cleaned` : "every notebook was already clean");
