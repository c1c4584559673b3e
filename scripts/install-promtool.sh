#!/usr/bin/env bash
# Installs promtool, Prometheus's checker, for the metrics tests of @temp-contents/server: they
# parse a real /metrics scrape with `promtool check metrics` and check deploy/prometheus's alert
# rules with `promtool check rules`. Debian's `prometheus` package ships it (without its
# recommends: no node exporter; where services may start, Debian's package may start a local
# Prometheus, which the tests do not use). Does nothing when $PROMTOOL_BIN (default: promtool on
# PATH) is already there. `pnpm test:all` runs it.
set -euo pipefail

if [ -n "${PROMTOOL_BIN:-}" ]; then
  if [ -x "$PROMTOOL_BIN" ]; then exit 0; fi
  echo "install-promtool: PROMTOOL_BIN=$PROMTOOL_BIN is not an executable file" >&2
  exit 1
fi
if command -v promtool >/dev/null 2>&1; then
  exit 0
fi
cd "$(dirname "$0")/.."
source scripts/apt-install.sh
echo "install-promtool: the metrics tests of @temp-contents/server need promtool"
apt_install install-promtool --no-install-recommends prometheus
if ! command -v promtool >/dev/null 2>&1; then
  echo "install-promtool: apt-get installed prometheus, but promtool is not on PATH" >&2
  exit 1
fi
echo "install-promtool: $(promtool --version 2>&1 | head -n 1)"
