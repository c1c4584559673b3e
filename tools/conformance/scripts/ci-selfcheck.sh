#!/usr/bin/env bash
# CI entry for the conformance suite against our own server:
#   builds the conformance package and what it depends on, installs the pinned Schemathesis into
#   tools/conformance/.venv when missing, starts the server on an ephemeral loopback port with two
#   static-token tenants, runs every suite (Schemathesis local, bounded examples), writes
#   tools/conformance/reports/{conformance-junit.xml,conformance.json}, and exits non-zero on any
#   failed check.
# Usage: bash tools/conformance/scripts/ci-selfcheck.sh [--deployment single|scale-out]
#          [--max-examples N] [extra CLI flags]
# scale-out: two replicas on versitygw + Redis behind nginx (needs scripts/install-scale-out-deps.sh).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
# Node 24 first on PATH (the server it starts runs on it), also when run on its own.
source scripts/node-env.sh
node_env_require ci-selfcheck
pnpm exec turbo run build --filter=@temp-contents/conformance... --output-logs=errors-only
cd "$here"
mkdir -p reports
# One report per target: the single server, or the scale-out deployment (--deployment scale-out).
suffix=""
case " $* " in *" --deployment scale-out "*) suffix="-scale-out" ;; esac
exec node dist/self-check/self-check.js \
  --junit "reports/conformance${suffix}-junit.xml" \
  --json "reports/conformance${suffix}.json" \
  "$@"
