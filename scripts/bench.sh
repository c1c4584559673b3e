#!/usr/bin/env bash
# `pnpm bench [--quick] [...]`: builds the server and the bench (and what they depend on) when
# needed, then runs the comparison bench (tools/bench/src/compare.ts; `--help` lists options).
# wrk, curl and nginx come from scripts/install-scale-out-deps.sh; tusd is built on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-env.sh
node_env_require bench
pnpm turbo run build --filter=@temp-contents/bench... --output-logs=errors-only
exec node tools/bench/dist/compare.js "$@"
