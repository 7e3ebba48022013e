import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { readFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cellSource, readNotebook } from "../helpers/notebook.js";

const dir = new URL("../../notebooks/", import.meta.url);
const names = (await readdir(dir)).filter((name) => name.endsWith(".ipynb")).sort();

describe("the committed notebooks", () => {
  it("are the set README's notebooks table documents", async () => {
    const readme = await readFile(new URL("../../README.md", import.meta.url), "utf8");
    const documented = [...readme.matchAll(/^\| `(\d\d-[a-z-]+\.ipynb)` +\|/gm)].map((match) => match[1]);
    expect(names).toEqual(documented);
  });

  it.each(names)("%s holds no outputs from a machine, so diffs stay clean", async (name) => {
    const notebook = await readNotebook(new URL(name, dir).pathname);
    for (const cell of notebook.cells.filter((c) => c.cell_type === "code")) {
      expect(cell.outputs, "outputs were saved: run npm run notebooks:clean").toEqual([]);
      expect(cell.execution_count, "execution counts were saved: run npm run notebooks:clean").toBeNull();
    }
  });

  it("are cleaned by npm run notebooks:clean after a run in Jupyter saved outputs into them", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "nb-clean-")), "run.ipynb");
    const original = await readFile(new URL(names[0]!, dir), "utf8");
    const run = JSON.parse(original) as { cells: Record<string, unknown>[] };
    for (const cell of run.cells.filter((c) => c["cell_type"] === "code")) {
      cell["outputs"] = [{ output_type: "stream", name: "stdout", text: ["token eyJ...\n"] }];
      cell["execution_count"] = 3;
      cell["metadata"] = { execution: { "iopub.execute_input": "2026-12-03T10:00:00Z" } };
    }
    writeFileSync(file, JSON.stringify(run, null, 1));
    execFileSync(process.execPath, [
      fileURLToPath(new URL("../../scripts/clean-notebooks.mjs", import.meta.url)),
      file,
    ]);
    expect(await readFile(file, "utf8")).toBe(original);
  });

  it.each(names)("%s runs on the project's tslab kernel and has exactly one setup cell", async (name) => {
    const notebook = await readNotebook(new URL(name, dir).pathname);
    expect(notebook.metadata["kernelspec"]).toMatchObject({ name: "tslab", language: "typescript" });
    const sources = notebook.cells.filter((c) => c.cell_type === "code").map(cellSource);
    expect(sources.filter((source) => source.includes("connect("))).toHaveLength(1);
    expect(sources[0]).toContain('from "ti-console"');
  });

  it.each(names)("%s never writes `await (`, which tslab cannot run", async (name) => {
    const notebook = await readNotebook(new URL(name, dir).pathname);
    for (const cell of notebook.cells) expect(cellSource(cell)).not.toMatch(/\bawait\s*\(/);
  });
});
