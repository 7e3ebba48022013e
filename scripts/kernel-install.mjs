#!/usr/bin/env node
// Registers this project's tslab as a Jupyter kernel under <project>/share/jupyter (gitignored), so that the
// kernel Jupyter starts is always the tslab in node_modules, whatever kernelspecs the machine already has.
// Use it with JUPYTER_PATH=<project>/share/jupyter (`npm run notebooks` sets it).
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const project = fileURLToPath(new URL("..", import.meta.url)).replace(/\/$/, "");
const tslab = `${project}/node_modules/.bin/tslab`;

// tslab's installer needs a Python with jupyter_client and IPython: an activated venv (pip) or Debian's.
const candidates = [process.env.PYTHON, "python3", "/usr/bin/python3"].filter(Boolean);
const python = candidates.find(
  (candidate) =>
    spawnSync(candidate, ["-c", "import jupyter_client, IPython"], { stdio: "ignore" }).status === 0,
);
if (python === undefined) {
  console.error(
    `No Python with Jupyter found (tried ${candidates.join(", ")}). Install Jupyter first:\n` +
      "  Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y jupyter-notebook jupyter-client python3-ipykernel\n" +
      "  pip:           python3 -m pip install jupyterlab   (or set PYTHON=/path/to/python)",
  );
  process.exit(1);
}

run(process.execPath, [fileURLToPath(new URL("link-package.mjs", import.meta.url))]);
run(tslab, ["install", `--python=${python}`, `--prefix=${project}`, `--binary=${tslab}`]);
// tslab also registers a JavaScript kernel ("jslab"); the notebooks are TypeScript, so only "tslab" is kept.
rmSync(`${project}/share/jupyter/kernels/jslab`, { recursive: true, force: true });
console.log(`Kernel registered in ${project}/share/jupyter. Open the notebooks with: npm run notebooks`);

function run(command, args) {
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
