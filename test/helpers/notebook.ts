import { mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { NotebookOutput } from "./kernel-output.js";
import { startKernel, type CellRun } from "./kernel.js";

/** One cell of an nbformat 4 notebook (`source` may be one string or a list of lines). */
export interface NotebookCell {
  cell_type: "code" | "markdown" | "raw";
  source: string | string[];
  metadata: Record<string, unknown>;
  outputs?: NotebookOutput[];
  execution_count?: number | null;
  id?: string;
}

/** An nbformat 4 notebook. */
export interface Notebook {
  cells: NotebookCell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

/** Options for running a notebook; defaults: 120 s per cell, executed copy in `.test-output/notebooks/`. */
export interface RunNotebookOptions {
  env?: NodeJS.ProcessEnv;
  cellTimeoutMs?: number;
  outputDir?: string;
}

/** What running a notebook produced; `failure` names the first failing cell with the kernel's text. */
export interface NotebookRun {
  notebook: Notebook;
  cells: CellRun[];
  executedPath: string;
  failure?: string;
  durationMs: number;
}

/** Where executed copies go (gitignored). */
export const TEST_OUTPUT_DIR = fileURLToPath(new URL("../../.test-output/notebooks/", import.meta.url));

/**
 * Reads a notebook file.
 * @example const notebook = await readNotebook("notebooks/01-walkthrough.ipynb")
 */
export async function readNotebook(path: string): Promise<Notebook> {
  return JSON.parse(await readFile(path, "utf8")) as Notebook;
}

/**
 * The source of a cell as one string.
 * @example cellSource(notebook.cells[0]!) // "const x = 1"
 */
export function cellSource(cell: NotebookCell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

/**
 * Executes every code cell top to bottom in a fresh tslab kernel started in the notebook's folder (as Jupyter
 * does), stops at the first failing cell, writes the executed copy and always shuts the kernel down.
 * @example const run = await runNotebook("notebooks/01-walkthrough.ipynb"); expect(run.failure).toBeUndefined()
 */
export async function runNotebook(path: string, options: RunNotebookOptions = {}): Promise<NotebookRun> {
  const started = Date.now();
  const notebook = await readNotebook(path);
  const kernel = await startKernel({ cwd: dirname(resolve(path)), env: options.env ?? process.env });
  const cells: CellRun[] = [];
  let failure: string | undefined;
  try {
    for (const [index, cell] of notebook.cells.entries()) {
      if (cell.cell_type !== "code") continue;
      const run = await kernel.execute(cellSource(cell), { timeoutMs: options.cellTimeoutMs ?? 120_000 });
      cells.push(run);
      cell.outputs = run.outputs;
      cell.execution_count = run.executionCount;
      if (run.failure === undefined) continue;
      failure = `cell ${index} failed:\n${cellSource(cell)}\n--- output ---\n${run.failure}`;
      break;
    }
  } finally {
    await kernel.shutdown();
  }
  const executedPath = join(options.outputDir ?? TEST_OUTPUT_DIR, basename(path));
  await mkdir(dirname(executedPath), { recursive: true });
  await writeFile(executedPath, JSON.stringify(notebook, null, 1) + "\n");
  const result: NotebookRun = { notebook, cells, executedPath, durationMs: Date.now() - started };
  return failure === undefined ? result : { ...result, failure };
}

/**
 * All text a reader sees in a notebook's outputs: streams, every MIME bundle value, errors.
 * @example expect(outputText(run.notebook)).toContain("dead1111")
 */
export function outputText(notebook: Notebook): string {
  return notebook.cells
    .flatMap((cell) => cell.outputs ?? [])
    .map((output) => {
      if (output.output_type === "stream") return output.text;
      if (output.output_type === "error")
        return [output.ename, output.evalue, ...output.traceback].join("\n");
      return Object.values(output.data).map(String).join("\n");
    })
    .join("\n");
}

// A JWT is three base64url parts and its header always starts with `{"` = "eyJ".
const JWT_PATTERN = /eyJ[\w-]{8,}\.[\w-]+\.[\w-]*/g;

/**
 * Finds secrets in text: each given secret verbatim, and anything shaped like a JWT (an access token).
 * @example expect(findSecrets(text, [DEMO_CLIENT_SECRET])).toEqual([])
 */
export function findSecrets(text: string, secrets: readonly string[]): string[] {
  const found = secrets.filter((secret) => secret.length > 0 && text.includes(secret)).map(() => "<secret>");
  const tokens = [...text.matchAll(JWT_PATTERN)].map((match) => `${match[0].slice(0, 12)}...`);
  return [...found, ...tokens];
}

/**
 * What would not survive saving and sharing an executed copy: code cells without a number (`In [ ]:`) and rich
 * outputs without a `text/plain` part. Empty when the copy is sound.
 * @example expect(savedOutputProblems(run.notebook)).toEqual([])
 */
export function savedOutputProblems(notebook: Notebook): string[] {
  const problems: string[] = [];
  for (const [index, cell] of notebook.cells.entries()) {
    if (cell.cell_type !== "code") continue;
    if (typeof cell.execution_count !== "number") problems.push(`cell ${index} has no execution_count`);
    for (const output of cell.outputs ?? []) {
      if ("data" in output && typeof output.data["text/plain"] !== "string")
        problems.push(`cell ${index}: a ${Object.keys(output.data).join("+")} output has no text/plain`);
    }
  }
  return problems;
}
