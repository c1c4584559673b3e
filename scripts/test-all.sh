#!/usr/bin/env bash
# `pnpm test:all`: everything CI checks, in the order a failure is cheapest to find.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s\n' "$*"; }

step "spec: Redocly lint (zero errors allowed)"
pnpm lint:spec

step "contract: generated types must match the spec"
pnpm check:contract

step "format and lint (Biome)"
pnpm exec biome ci .

step "build, typecheck and test every package"
pnpm turbo run build typecheck test --output-logs=new-only

step "all checks passed"
