#!/usr/bin/env bash
# What a library user gets from `npm install ti-console`: packs the built package (run `npm run build` first),
# installs the tarball into an empty project (npm's cache first, the registry for what is missing), prints the
# installed size and package count, and fails unless: it stays under 15 MB with no development tool in it (tslab,
# typescript, zeromq), both entry points import, the console runs a .js script on the embedded emulator, and a
# .ts script fails saying what to install until typescript (the optional peer, 5 or 6) is added, then runs.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/index.js ] || { echo "dist/ is missing: run npm run build first" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/ti-console-install.XXXXXX")
trap 'rm -rf "$work"' EXIT
npm pack --ignore-scripts --silent --pack-destination "$work" >/dev/null
tarball=$(ls "$work"/ti-console-*.tgz)
mkdir "$work/project" && cd "$work/project"
echo '{ "name": "probe", "version": "1.0.0", "private": true, "type": "module" }' >package.json
npm install --prefer-offline --no-audit --no-fund --silent "$tarball"

fail() { echo "check-install: $*" >&2; exit 1; }
size_kb=$(du -sk node_modules | cut -f1)
packages=$(npm ls --all --parseable 2>/dev/null | tail -n +2 | sort -u | wc -l)
echo "tarball: $(du -k "$tarball" | cut -f1) KB; installed: $((size_kb / 1024)) MB ($size_kb KB), $packages packages"
[ "$size_kb" -lt $((15 * 1024)) ] || fail "installed size ${size_kb} KB is not under 15 MB"
for tool in tslab typescript zeromq @tslab; do
  [ ! -e "node_modules/$tool" ] || fail "node_modules/$tool is installed: a development tool became a runtime dependency"
done

[ "$(node -e 'import("ti-console").then((m) => console.log(typeof m.connect))')" = function ] ||
  fail 'import("ti-console") has no connect'
[ "$(node -e 'import("ti-console/emulator").then((m) => console.log(typeof m.startEmulator))')" = function ] ||
  fail 'import("ti-console/emulator") has no startEmulator'

export -n TI_AUTH_URL TI_CLIENT_ID TI_CLIENT_SECRET TI_API_URL TI_RESOURCE 2>/dev/null || true
echo 'console.log("alerts:", (await alerts.list()).length);' >list.js
[ "$(npx --no ti-console list.js </dev/null)" = "alerts: 0" ] || fail "the console did not run list.js"

printf 'const n: number = 1;\nconsole.log("n:", n);\n' >typed.ts
if message=$(npx --no ti-console typed.ts </dev/null 2>&1); then fail "typed.ts ran without typescript installed"; fi
case "$message" in
  *'needs the "typescript" package'*'npm install --save-dev typescript@6'*) echo "without typescript: $message" ;;
  *) fail "typed.ts failed without saying what to install: $message" ;;
esac
# typescript@7 (the native compiler) has no JavaScript API. npm refuses it against the peer range; forced (or
# found globally), the console says which versions work.
npm install --prefer-offline --no-audit --no-fund --silent --no-save --legacy-peer-deps typescript@7
message=$(npx --no ti-console typed.ts </dev/null 2>&1) && fail "typed.ts ran with typescript 7"
case "$message" in
  *'has no transpileModule'*'typescript 5 or 6'*) echo "with typescript 7: $message" ;;
  *) fail "typed.ts with typescript 7 failed without saying which versions work: $message" ;;
esac
npm install --prefer-offline --no-audit --no-fund --silent typescript@6
[ "$(npx --no ti-console typed.ts </dev/null)" = "n: 1" ] || fail "typed.ts did not run with typescript 6 installed"
echo "check-install: ok"
