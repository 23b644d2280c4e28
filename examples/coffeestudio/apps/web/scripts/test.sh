#!/usr/bin/env bash
# Compiles src/ into a temporary directory and runs the node:test suites against it.
# Needs only `tsc` (typescript) on PATH and node >= 20.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
tsc -p tsconfig.json --outDir "$out"
echo '{ "type": "module" }' >"$out/package.json"
WEB_COMPILED_DIR="$out" node --test tests/*.test.mjs
