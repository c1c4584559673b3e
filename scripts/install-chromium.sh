#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests of @temp-contents/client (driven by
# playwright-core; Playwright's own browser downloads are not used). Does nothing when
# $CHROMIUM_PATH (default /usr/bin/chromium) is already there. `pnpm test:all` runs it.
set -euo pipefail

path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$path" ]; then
  exit 0
fi
cd "$(dirname "$0")/.."
source scripts/apt-install.sh
echo "install-chromium: the browser tests of @temp-contents/client need Chromium"
apt_install install-chromium chromium
if [ ! -x "$path" ]; then
  echo "install-chromium: apt-get installed chromium, but there is still nothing at $path (CHROMIUM_PATH)" >&2
  exit 1
fi
echo "install-chromium: $("$path" --version)"
