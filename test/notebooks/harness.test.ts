import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeFailure } from "../helpers/kernel-output.js";
import { freePorts } from "../helpers/kernel-process.js";
import { startKernel } from "../helpers/kernel.js";
import { findSecrets, outputText, runNotebook, TEST_OUTPUT_DIR, type Notebook } from "../helpers/notebook.js";

const scratch = join(TEST_OUTPUT_DIR, "harness");

// Throwaway notebooks are generated here, so the harness is proven without the product's notebooks.
async function writeNotebook(name: string, sources: string[]): Promise<string> {
  const notebook: Notebook = {
    cells: sources.map((source) => ({
      cell_type: "code",
      source,
      metadata: {},
      outputs: [],
      execution_count: null,
    })),
    metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  await mkdir(join(scratch, "in"), { recursive: true });
  const path = join(scratch, "in", name);
  await writeFile(path, JSON.stringify(notebook));
  return path;
}

const options = { outputDir: join(scratch, "out"), cellTimeoutMs: 30_000 };

// Each test starts a kernel; a loaded two-core machine can take many seconds for that.
describe("the notebook harness", { timeout: 120_000 }, () => {
  it("executes code cells in order through the tslab kernel and keeps their outputs", async () => {
    const path = await writeNotebook("passing.ipynb", [
      "1 + 1",
      'console.log("hello from a cell")',
      "const total = 40",
      "await new Promise((done) => setTimeout(done, 10)); total + 2",
      'require("tslab").display.html("<b>bold</b>")',
      'const bar = require("tslab").newDisplay(); bar.text("10%"); bar.text("100%")',
    ]);
    const run = await runNotebook(path, options);
    expect(run.failure).toBeUndefined();
    expect(run.cells.map((cell) => cell.status)).toEqual(["ok", "ok", "ok", "ok", "ok", "ok"]);
    expect(run.notebook.cells[0]?.outputs).toEqual([{ output_type: "stream", name: "stdout", text: "2\n" }]);
    expect(outputText(run.notebook)).toContain("hello from a cell");
    expect(run.notebook.cells[3]?.outputs).toEqual([{ output_type: "stream", name: "stdout", text: "42\n" }]);
    expect(run.notebook.cells[4]?.outputs?.[0]).toMatchObject({ data: { "text/html": "<b>bold</b>" } });
    // An updatable display (a progress bar) ends as one output holding its last state.
    expect(run.notebook.cells[5]?.outputs).toEqual([
      { output_type: "display_data", data: { "text/plain": "100%" }, metadata: {} },
    ]);
    const executed = JSON.parse(await readFile(run.executedPath, "utf8")) as Notebook;
    expect(executed.cells.map((cell) => cell.execution_count)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("reports a throwing cell with the text tslab writes to stderr and runs nothing after it", async () => {
    const path = await writeNotebook("throwing.ipynb", [
      "const before = 1",
      'throw new Error("boom in cell two")',
      'console.log("never printed")',
    ]);
    const run = await runNotebook(path, options);
    expect(run.failure).toContain("boom in cell two");
    expect(run.failure).toContain("cell 1 failed");
    expect(run.cells).toHaveLength(2);
    expect(outputText(run.notebook)).not.toContain("never printed");
  });

  it("counts stderr output as a failure even when the cell itself succeeds", async () => {
    const path = await writeNotebook("stderr.ipynb", ['console.error("something went wrong quietly")']);
    const run = await runNotebook(path, options);
    expect(run.cells[0]?.status).toBe("ok");
    expect(run.failure).toContain("something went wrong quietly");
  });

  it("reports a type error found by tslab's compiler as a failure", async () => {
    const path = await writeNotebook("type-error.ipynb", ['const count: number = "three"']);
    const run = await runNotebook(path, options);
    expect(run.failure).toContain("is not assignable to type 'number'");
  });

  it("starts the kernel again on fresh ports when another process took one of its ports first", async () => {
    const taken = createServer();
    await new Promise<void>((done) => taken.listen(0, "127.0.0.1", done));
    const address = taken.address();
    const port = typeof address === "object" && address ? address.port : 0;
    try {
      const kernel = await startKernel({ cwd: scratch, ports: [port, ...(await freePorts(4))] });
      try {
        expect((await kernel.execute("40 + 2")).outputs).toEqual([
          { output_type: "stream", name: "stdout", text: "42\n" },
        ]);
      } finally {
        await kernel.shutdown();
      }
    } finally {
      taken.close();
    }
  });

  it("times out a cell that never finishes and still stops the kernel", async () => {
    const kernel = await startKernel({ cwd: scratch });
    const pid = kernel.pid;
    try {
      const run = await kernel.execute("await new Promise(() => {})", { timeoutMs: 2_000 });
      expect(run.status).toBe("timeout");
      expect(run.failure).toContain("timeout");
    } finally {
      await kernel.shutdown();
    }
    expect(pid).toBeTypeOf("number");
    expect(() => process.kill(pid ?? 0, 0)).toThrow();
  });
});

describe("the failure rule", () => {
  it("counts a cell tslab aborted (sent within 200 ms of a failure) as failed, though it has no output", () => {
    expect(describeFailure("abort", [])).toBe("cell status abort");
    expect(describeFailure("ok", [{ output_type: "stream", name: "stdout", text: "fine" }])).toBeUndefined();
  });
});

describe("the secret check", () => {
  it("finds a given secret and anything shaped like a JWT, and nothing in clean text", () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";
    expect(findSecrets(`token ${jwt} here`, [])).toHaveLength(1);
    expect(findSecrets("the secret is hunter2-secret", ["hunter2-secret"])).toEqual(["<secret>"]);
    expect(findSecrets("GET /V1.0/AlertDefinitions 200", ["hunter2-secret"])).toEqual([]);
  });
});
