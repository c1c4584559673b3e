# Sourced by the install scripts: apt_install WHO PACKAGE... installs Debian packages as root
# (directly, or through sudo), three attempts 10 s apart so a mirror hiccup does not fail a CI
# run. WHO names the calling script in messages.
apt_install() {
  local who="$1"
  shift
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "$who: $* missing and no apt-get here; install them by hand" >&2
    return 1
  fi
  local as_root=()
  if [ "$(id -u)" != 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "$who: apt-get needs root: run 'apt-get install -y $*' as root" >&2
      return 1
    fi
    as_root=(sudo)
  fi
  echo "$who: installing Debian's $* with apt-get"
  local attempt
  for attempt in 1 2 3; do
    if "${as_root[@]}" apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq "$@" >/dev/null; then
      return 0
    fi
    if [ "$attempt" = 3 ]; then
      echo "$who: apt-get failed 3 times; see its messages above" >&2
      return 1
    fi
    echo "$who: apt-get failed (attempt $attempt of 3); retrying in 10 s" >&2
    sleep 10
  done
}
