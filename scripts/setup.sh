#!/usr/bin/env bash
# Installs what xfer needs on a Debian 12 machine. Idempotent, and quiet when everything is present.
#
#   scripts/setup.sh                 native libraries + datasets (what the tests need)
#   scripts/setup.sh --for demo      everything the demo needs (adds models, ONNX Runtime, Chromium)
#   scripts/setup.sh native data models browser    pick components
#
# Components:
#   native   OpenBLAS + LAPACKE (Debian libopenblas0-pthread, liblapacke) for the native linear-algebra provider
#   data     Fashion-MNIST (Debian dataset-fashion-mnist) and scikit-learn's bundled CSVs (from python3-sklearn's .deb,
#            extracted into the cache without installing)
#   models   (added with the ONNX issue) pre-trained networks and ONNX Runtime from npm, into the cache
#   browser  Chromium, for the HTML report test
#
# The cache is ${XFER_CACHE:-$HOME/.cache/xfer}. Without root (and without sudo) packages cannot be installed:
# the script says what is missing and xfer falls back (managed linear algebra, datasets unavailable).
set -uo pipefail

cache="${XFER_CACHE:-$HOME/.cache/xfer}"
mkdir -p "$cache"
status=0

say() { echo "setup: $*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo "$@"
  else return 1; fi
}

apt_updated=0
apt_install() { # packages...
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing ${missing[*]}"
  if [ $apt_updated = 0 ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 || true
    apt_updated=1
  fi
  if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
    say "could not install ${missing[*]} (need root or passwordless sudo, and Debian's package servers). Install them yourself: apt-get install ${missing[*]}"
    return 1
  fi
}

setup_native() {
  apt_install libopenblas0-pthread liblapacke || status=1
}

setup_data() {
  apt_install dataset-fashion-mnist || status=1
  local skl="$cache/sklearn-data"
  if [ ! -f "$skl/digits.csv.gz" ] || [ ! -f "$skl/iris.csv" ]; then
    say "extracting scikit-learn's bundled datasets (python3-sklearn .deb, not installed) into $skl"
    local tmp; tmp="$(mktemp -d)"
    if (cd "$tmp" && apt-get download python3-sklearn >/dev/null 2>&1) || { as_root apt-get update -qq >/dev/null 2>&1; (cd "$tmp" && apt-get download python3-sklearn >/dev/null 2>&1); }; then
      dpkg-deb -x "$tmp"/python3-sklearn_*.deb "$tmp/x" &&
        mkdir -p "$skl" &&
        cp "$tmp"/x/usr/lib/python3/dist-packages/sklearn/datasets/data/{digits.csv.gz,iris.csv,wine_data.csv,breast_cancer.csv} "$skl"/ ||
        { say "could not extract the scikit-learn CSVs"; status=1; }
    else
      say "could not download python3-sklearn (apt-get download); digits/iris/wine/breast-cancer will be unavailable"
      status=1
    fi
    rm -rf "$tmp"
  fi
}

setup_models() { :; }
setup_browser() { apt_install chromium || status=1; }

components=()
while [ $# -gt 0 ]; do
  case "$1" in
    --for) shift; [ "${1:-}" = demo ] && components+=(native data models browser) ;;
    native|data|models|browser) components+=("$1") ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) say "unknown component '$1' (use native, data, models, browser or --for demo)"; exit 2 ;;
  esac
  shift
done
[ ${#components[@]} -eq 0 ] && components=(native data)

for c in "${components[@]}"; do "setup_$c"; done
exit $status
