#!/usr/bin/env node
// Opens the notebooks in Jupyter (JupyterLab when installed, else the classic Notebook) with this project's
// tslab kernel: JUPYTER_PATH points at the kernelspec that `npm run kernel:install` wrote.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const project = fileURLToPath(new URL("..", import.meta.url)).replace(/\/$/, "");
const jupyterPath = `${project}/share/jupyter`;
if (!existsSync(`${jupyterPath}/kernels/tslab/kernel.json`)) {
  console.error(
    "The tslab kernel is not registered for this project yet: run `npm run kernel:install` first.",
  );
  process.exit(1);
}
const env = {
  ...process.env,
  JUPYTER_PATH: [jupyterPath, process.env.JUPYTER_PATH].filter(Boolean).join(":"),
};
const has = (app) => spawnSync("jupyter", [app, "--version"], { stdio: "ignore", env }).status === 0;
const app = has("lab") ? "lab" : has("notebook") ? "notebook" : undefined;
if (app === undefined) {
  console.error("Neither JupyterLab nor Jupyter Notebook is installed (see the README's Notebooks section).");
  process.exit(1);
}
// Jupyter refuses to run as root without --allow-root (a container, a fresh VM): say it for the user.
const asRoot = process.getuid?.() === 0 ? ["--allow-root"] : [];
// Anything after `npm run notebooks --` (e.g. --no-browser, --port=8890) goes to Jupyter as given.
const args = [app, `--notebook-dir=${project}/notebooks`, ...asRoot, ...process.argv.slice(2)];
const result = spawnSync("jupyter", args, {
  stdio: "inherit",
  env,
});
process.exit(result.status ?? 1);
