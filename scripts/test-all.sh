#!/usr/bin/env bash
# `pnpm test:all`: everything CI checks, in the order a failure is cheapest to find.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-env.sh
node_env_require test:all

step() { printf '\n=== %s\n' "$*"; }

step "spec: Redocly lint (zero errors allowed)"
pnpm lint:spec

step "contract: generated types must match the spec"
pnpm check:contract

step "format and lint (Biome)"
pnpm exec biome ci .

step "build, typecheck and lint every package"
pnpm turbo run build typecheck lint --output-logs=errors-only

step "test every package (on Node.js $(node -v), $(command -v node))"
# The client's browser tests drive Debian's Chromium; apt-get installs it on first use.
bash scripts/install-chromium.sh
# The scale-out tests start Redis, nginx and versitygw on loopback; installed on first use.
bash scripts/install-scale-out-deps.sh
# The server's metrics tests check /metrics and deploy/prometheus with promtool (Debian's).
bash scripts/install-promtool.sh
# Each package writes a vitest JSON report beside its normal output; the summary adds them up.
rm -f ./*/*/reports/vitest.json
pnpm turbo run test --output-logs=new-only --continue -- \
  --reporter=default --reporter=json --outputFile.json=reports/vitest.json || tests_failed=1
node scripts/summarize-tests.mjs
[ -z "${tests_failed:-}" ]

step "conformance: every suite, Schemathesis included, against our server on a loopback port"
# Installs the pinned Schemathesis into tools/conformance/.venv on first use (pip, from PyPI).
bash tools/conformance/scripts/ci-selfcheck.sh --max-examples 50 --seed 1

step "conformance: every suite again, against 2 replicas on versitygw + Redis behind nginx"
bash tools/conformance/scripts/ci-selfcheck.sh --deployment scale-out --max-examples 50 --seed 1

step "all checks passed"
