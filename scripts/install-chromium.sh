#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests of @temp-contents/client (driven by
# playwright-core; Playwright's own browser downloads are not used). Does nothing when
# $CHROMIUM_PATH (default /usr/bin/chromium) is already there. `pnpm test:all` runs it.
set -euo pipefail

path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$path" ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: no Chromium at $path and no apt-get here; install Chromium and set CHROMIUM_PATH to it" >&2
  exit 1
fi
as_root=()
if [ "$(id -u)" != 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "install-chromium: apt-get needs root: run 'apt-get install -y chromium' as root, or set CHROMIUM_PATH" >&2
    exit 1
  fi
  as_root=(sudo)
fi
echo "install-chromium: installing Debian's chromium with apt-get (browser tests of @temp-contents/client)"
# A mirror hiccup should not fail a CI run: three attempts, 10 s apart.
for attempt in 1 2 3; do
  if "${as_root[@]}" apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq chromium >/dev/null; then
    break
  fi
  if [ "$attempt" = 3 ]; then
    echo "install-chromium: apt-get failed 3 times; see its messages above" >&2
    exit 1
  fi
  echo "install-chromium: apt-get failed (attempt $attempt of 3); retrying in 10 s" >&2
  sleep 10
done
if [ ! -x "$path" ]; then
  echo "install-chromium: apt-get installed chromium, but there is still nothing at $path (CHROMIUM_PATH)" >&2
  exit 1
fi
echo "install-chromium: $("$path" --version)"
