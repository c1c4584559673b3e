#!/usr/bin/env bash
# Installs what the scale-out tests, the bench and the 2-replica conformance run start on
# loopback: Debian's redis-server and nginx-light, and the bench's load generators wrk and curl
# (apt-get), and versitygw, an S3-compatible gateway, built from its pinned Go module into
# .tools/bin (about 3.5 minutes the first time, then cached there). Does nothing that is already
# done. `pnpm test:all` runs it. (The comparison bench builds tusd itself when Go is there.)
set -euo pipefail
cd "$(dirname "$0")/.."

VERSITYGW_VERSION=v1.8.0
tools_bin="$PWD/.tools/bin"

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x "${NGINX_BIN:-/usr/sbin/nginx}" ] || command -v nginx >/dev/null 2>&1 || missing+=(nginx-light)
[ -x "${WRK_BIN:-/usr/bin/wrk}" ] || missing+=(wrk)
command -v "${CURL_BIN:-curl}" >/dev/null 2>&1 || missing+=(curl)
if [ "${#missing[@]}" -gt 0 ]; then
  source scripts/apt-install.sh
  apt_install install-scale-out-deps "${missing[@]}"
fi

stamp="$tools_bin/versitygw.version"
if [ -n "${VERSITYGW_BIN:-}" ]; then
  # tools/stack runs this one instead of .tools/bin's: nothing to build.
  if [ ! -x "$VERSITYGW_BIN" ]; then
    echo "install-scale-out-deps: VERSITYGW_BIN=$VERSITYGW_BIN is not an executable file" >&2
    exit 1
  fi
elif [ ! -x "$tools_bin/versitygw" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$VERSITYGW_VERSION" ]; then
  if ! command -v go >/dev/null 2>&1; then
    echo "install-scale-out-deps: Go is needed once to build versitygw $VERSITYGW_VERSION (or set VERSITYGW_BIN to a versitygw binary)" >&2
    exit 1
  fi
  echo "install-scale-out-deps: building versitygw $VERSITYGW_VERSION into .tools/bin (about 3.5 minutes the first time)"
  mkdir -p "$tools_bin"
  for attempt in 1 2 3; do
    if GOBIN="$tools_bin" GOFLAGS=-mod=mod go install "github.com/versity/versitygw/cmd/versitygw@$VERSITYGW_VERSION"; then
      break
    fi
    if [ "$attempt" = 3 ]; then
      echo "install-scale-out-deps: go install of versitygw failed 3 times; see its messages above" >&2
      exit 1
    fi
    echo "install-scale-out-deps: go install failed (attempt $attempt of 3); retrying in 10 s" >&2
    sleep 10
  done
  echo "$VERSITYGW_VERSION" >"$stamp"
fi
