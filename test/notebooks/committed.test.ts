import { readdir } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { cellSource, readNotebook } from "../helpers/notebook.js";

const dir = new URL("../../notebooks/", import.meta.url);
const names = (await readdir(dir)).filter((name) => name.endsWith(".ipynb")).sort();

describe("the committed notebooks", () => {
  it("are the documented set", () => {
    expect(names).toEqual(
      expect.arrayContaining([
        "01-walkthrough.ipynb",
        "02-investigate.ipynb",
        "04-tokens-and-errors.ipynb",
        "05-indicators.ipynb",
      ]),
    );
  });

  it.each(names)("%s holds no outputs from a machine, so diffs stay clean", async (name) => {
    const notebook = await readNotebook(new URL(name, dir).pathname);
    for (const cell of notebook.cells.filter((c) => c.cell_type === "code")) {
      expect(cell.outputs).toEqual([]);
      expect(cell.execution_count).toBeNull();
    }
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
