#!/usr/bin/env bash
# Usage: scripts/nbconvert-check.sh [notebook.ipynb ...]   (default: notebooks/*.ipynb)
# Executes every notebook with Jupyter's own nbconvert and the project's tslab kernel, exports HTML to
# .test-output/nbconvert/ (gitignored), and fails on any error. Needs `npm run build` and
# `npm run kernel:install` first. tslab reports a failing cell with an empty error name and message and puts
# the real text on the cell's stderr, so stderr outputs count as failures too, as do a secret or a token, a rich
# output without text/plain, an unnumbered cell and a chart that is not an image.
set -euo pipefail
cd "$(dirname "$0")/.."

out=.test-output/nbconvert
export JUPYTER_PATH="$PWD/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
# The notebooks must run offline on the embedded emulator here, whatever the caller's environment holds.
unset TI_CLIENT_ID TI_CLIENT_SECRET TI_AUTH_URL TI_API_URL TI_RESOURCE
rm -rf "$out" && mkdir -p "$out"
status=0
if [ "$#" -eq 0 ]; then set -- notebooks/*.ipynb; fi
for notebook in "$@"; do
  name=$(basename "$notebook" .ipynb)
  started=$(date +%s)
  # --allow-errors keeps the executed copy even when a cell fails, so that its stderr text can be shown below
  # (tslab's error replies carry an empty name and message).
  if ! jupyter nbconvert --to notebook --execute --allow-errors --ExecutePreprocessor.kernel_name=tslab \
    --ExecutePreprocessor.timeout=300 --output-dir "$out" --output "$name" "$notebook"; then
    echo "FAIL $notebook: nbconvert could not execute it" >&2
    status=1
    continue
  fi
  executed="$out/$name.ipynb"
  problems=()
  if grep -q -e '"name": "stderr"' -e '"output_type": "error"' "$executed"; then
    problems+=("a cell failed or wrote to stderr")
    node -e 'for (const [i, c] of JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).cells.entries())
      for (const o of c.outputs ?? []) if (o.name === "stderr" || o.output_type === "error")
        console.error(`cell ${i}: ${[].concat(o.text ?? [], o.ename ?? [], o.evalue ?? []).join("")}`);' "$executed"
  fi
  if grep -q -e 'ti-console-demo-secret' -e 'eyJ[A-Za-z0-9_-]\{8,\}\.' "$executed"; then
    problems+=("a secret or a token appears in the outputs")
  fi
  # What a shared copy needs: numbered cells (not `In [ ]:`) and a text/plain part in every rich output.
  if ! node -e 'let bad = 0;
    for (const [i, c] of JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).cells.entries()) {
      if (c.cell_type !== "code") continue;
      if (typeof c.execution_count !== "number") { console.error(`cell ${i}: no execution_count`); bad++; }
      for (const o of c.outputs ?? []) if (o.data && !("text/plain" in o.data)) { console.error(`cell ${i}: no text/plain`); bad++; }
    }
    process.exit(bad ? 1 : 0);' "$executed"; then
    problems+=("unnumbered cells or rich outputs without text/plain")
  fi
  # Charts are images (they render untrusted and in the HTML export): every cell that draws one (a statement
  # starting `await plot(`, the notebooks' helper, or `(await chart(`) must have an image/svg+xml or image/png
  # output, and no output is SVG markup inside HTML.
  if ! node -e 'let bad = 0;
    for (const [i, c] of JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).cells.entries()) {
      if (c.cell_type !== "code") continue;
      const outputs = (c.outputs ?? []).filter((o) => o.data);
      const draws = /^(await plot|\(await chart)\(/m.test([].concat(c.source).join(""));
      if (draws && !outputs.some((o) => "image/svg+xml" in o.data || "image/png" in o.data)) { console.error(`cell ${i}: draws a chart but has no image output`); bad++; }
      for (const o of outputs) if (/^\s*<svg/.test([].concat(o.data["text/html"] ?? []).join(""))) { console.error(`cell ${i}: a chart as SVG markup in HTML, not an image`); bad++; }
    }
    process.exit(bad ? 1 : 0);' "$executed"; then
    problems+=("a chart that is not an image")
  fi
  # The HTML is exported either way: it is the easiest place to see what went wrong.
  jupyter nbconvert --to html --output-dir "$out" "$executed"
  # Render it as a browser would (no network, fresh profile); the screenshot is kept for a human to look at.
  if command -v chromium >/dev/null; then
    profile=$(mktemp -d)
    chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
      --disable-sync --no-first-run --user-data-dir="$profile" --window-size=1200,4000 \
      --screenshot="$out/$name.png" "file://$PWD/$out/$name.html" >/dev/null 2>&1 || true
    rm -rf "$profile"
    [ -s "$out/$name.png" ] || problems+=("headless Chromium could not render $out/$name.html")
  fi
  if [ "${#problems[@]}" -gt 0 ]; then
    echo "FAIL $notebook: ${problems[*]} (see $executed)" >&2
    status=1
  else
    echo "ok   $notebook ($(($(date +%s) - started)) s) -> $out/$name.html"
  fi
done
exit "$status"
