#!/usr/bin/env bash
# `pnpm temp-contents <command> ...`: the CLI of packages/client, from this checkout. Builds the
# client (and the contract it imports) when a dist/ is missing or older than its sources, then
# runs the CLI in the directory pnpm was started from, so relative paths (`upload ./a.bin`,
# `-o copy.bin`) mean what the user typed: pnpm runs root scripts in the repository root and
# passes the user's directory as INIT_CWD. Build notes go to stderr; stdout is the CLI's alone.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
user_dir="${INIT_CWD:-$PWD}"
source "$root/scripts/node-env.sh"
node_env_require temp-contents

cli="$root/packages/client/dist/cli/main.js"

# A package is stale when its entry point is missing or a source (tests aside) is newer.
stale() {
  local package="$1" entry="$2"
  [ ! -f "$root/packages/$package/$entry" ] && return 0
  [ -n "$(find "$root/packages/$package/src" -name '*.ts' ! -name '*.test.ts' ! -name '*.test-d.ts' \
    -newer "$root/packages/$package/$entry" -print -quit)" ]
}

if stale contract dist/index.js || stale client dist/cli/main.js; then
  build="pnpm turbo run build --filter=@temp-contents/client..."
  if [ ! -d "$root/node_modules" ]; then
    echo "temp-contents: the client is not built and dependencies are missing; run: bash scripts/bootstrap.sh" >&2
    exit 1
  fi
  echo "temp-contents: building the client ($build)" >&2
  log="$(mktemp)"
  if ! (cd "$root" && $build --output-logs=errors-only) >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "temp-contents: the build failed (output above); fix it, or run: $build" >&2
    exit 1
  fi
  rm -f "$log"
  # turbo compares contents, not times: a source touched but unchanged is a cache hit that leaves
  # dist/ as it was. Mark the entry points current so the next run skips turbo.
  touch "$root/packages/contract/dist/index.js" "$cli"
fi

cd "$user_dir"
exec node "$cli" "$@"
