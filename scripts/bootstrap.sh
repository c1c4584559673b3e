#!/usr/bin/env bash
# Prepares a fresh machine that has only Node.js 20 and Python 3: installs the pinned pnpm
# and the workspace's dependencies. Safe to run again; it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

pnpm_version=$(node -p "require('./package.json').packageManager.split('@')[1]")
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$pnpm_version" ]; then
  echo "bootstrap: installing pnpm@$pnpm_version with npm (corepack is not used)"
  npm install --global --save-exact "pnpm@$pnpm_version"
fi

# better-sqlite3 builds from source when no prebuilt binary can be downloaded. node-gyp then
# needs Node's headers: use the ones the Node.js package installed instead of downloading them.
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then
  export npm_config_nodedir=/usr
fi

if [ "${CI:-}" = "true" ]; then
  pnpm install --frozen-lockfile
else
  pnpm install
fi
