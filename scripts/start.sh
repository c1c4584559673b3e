#!/usr/bin/env bash
# `pnpm start`: builds the server (and what it depends on) when needed, then runs it on the
# embedded default storage. Configuration comes from the environment (see README).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-env.sh
node_env_require start
pnpm turbo run build --filter=@temp-contents/server... --output-logs=errors-only
# --max-semi-space-size: see "Memory" in docs/server.md.
exec node --max-semi-space-size=2 apps/server/dist/main.js
