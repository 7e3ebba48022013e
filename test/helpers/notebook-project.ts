import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { DEMO_CLIENT_SECRET } from "../../src/emulator/index.js";
import { findSecrets, runNotebook, type NotebookRun } from "./notebook.js";

const project = fileURLToPath(new URL("../../", import.meta.url));

/** A project notebook's run, with the text of its executed copy (every output, as written to disk). */
export interface ProjectNotebookRun extends NotebookRun {
  executedText: string;
  /** Secrets or tokens found in the executed copy (described, never quoted in full). */
  leaks: string[];
}

/**
 * Runs `notebooks/<name>` as a user would after `npm ci && npm run build`: through the tslab kernel, offline
 * (TI_* variables removed, so the setup cell starts the embedded emulator), with the built package.
 * @example const run = await runProjectNotebook("01-walkthrough.ipynb"); expect(run.failure).toBeUndefined()
 */
export async function runProjectNotebook(name: string): Promise<ProjectNotebookRun> {
  for (const built of ["dist/index.js", "dist/emulator/index.js"]) {
    if (!existsSync(`${project}${built}`))
      throw new Error(`${built} is missing: run \`npm run build\` first`);
  }
  // The same link `npm run kernel:install` makes, so that tslab's type checker finds "ti-console".
  execFileSync(process.execPath, [`${project}scripts/link-package.mjs`]);
  const run = await runNotebook(`${project}notebooks/${name}`, { env: offlineEnv() });
  const executedText = await readFile(run.executedPath, "utf8");
  return { ...run, executedText, leaks: findSecrets(executedText, [DEMO_CLIENT_SECRET]) };
}

function offlineEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith("TI_")) delete env[name];
  return env;
}
