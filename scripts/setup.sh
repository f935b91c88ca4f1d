#!/usr/bin/env bash
# Installs what xfer needs on a Debian 12 machine. Idempotent, and quiet when everything is present.
#
#   scripts/setup.sh                 native libraries + datasets (scripts/test also asks for models)
#   scripts/setup.sh --for demo      everything the demo needs (adds models, ONNX Runtime, Chromium)
#   scripts/setup.sh native data models browser    pick components
#
# Components:
#   native   OpenBLAS + LAPACKE (Debian libopenblas0-pthread, liblapacke) for the native linear-algebra provider
#   data     Fashion-MNIST (Debian dataset-fashion-mnist) and scikit-learn's bundled CSVs (from python3-sklearn's .deb,
#            extracted into the cache without installing)
#   models   ONNX Runtime (the native library inside npm's onnxruntime-node) and the nsfwjs MobileNetV2/InceptionV3
#            networks (npm's nsfwjs), fetched with 'npm pack' (never installed) into the cache
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

# Versions pinned here and in src/Xfer.Onnx (OnnxRuntimeLibrary.PinnedVersion, NamedModels): change both together.
ort_version=1.30.0
nsfwjs_version=4.4.0

npm_pack() { # package@version destdir: downloads the package tarball (no install, no install scripts) into destdir
  command -v npm >/dev/null 2>&1 || { say "npm is not on PATH; install Node.js + npm (Debian: apt-get install npm) to fetch $1"; return 1; }
  (cd "$2" && npm pack "$1" --loglevel=error >/dev/null 2>"$2/npm.log") ||
    { say "could not download $1 with 'npm pack' (needs the npm registry; without network copy the files in by hand, see docs/models.md): $(grep -m1 -E 'npm (error|ERR!) (code|[A-Za-z]*Error)' "$2/npm.log" | sed 's/^npm \(error\|ERR!\) //')"; return 1; }
}

setup_models() {
  local ort_dir="$cache/onnxruntime/$ort_version" nsfw_dir="$cache/models/nsfwjs-$nsfwjs_version"
  local arch; case "$(uname -m)" in x86_64) arch=x64 ;; aarch64|arm64) arch=arm64 ;; *) arch="$(uname -m)" ;; esac
  if [ ! -f "$ort_dir/libonnxruntime.so.1" ]; then
    say "fetching ONNX Runtime $ort_version (npm pack onnxruntime-node@$ort_version, ~114 MB; only the linux/$arch library is kept) into $ort_dir"
    local tmp; tmp="$(mktemp -d)"
    if npm_pack "onnxruntime-node@$ort_version" "$tmp"; then
      local member="package/bin/napi-v6/linux/$arch/libonnxruntime.so.1"
      if tar -xzf "$tmp/onnxruntime-node-$ort_version.tgz" -C "$tmp" "$member" 2>/dev/null; then
        mkdir -p "$ort_dir" && mv "$tmp/$member" "$ort_dir/libonnxruntime.so.1.part" && mv "$ort_dir/libonnxruntime.so.1.part" "$ort_dir/libonnxruntime.so.1" ||
          { say "could not write $ort_dir"; status=1; }
      else
        say "onnxruntime-node@$ort_version has no $member (unsupported platform?); set XFER_ONNXRUNTIME=/path/to/libonnxruntime.so.1"; status=1
      fi
    else
      status=1
    fi
    rm -rf "$tmp"
  fi
  if [ ! -f "$nsfw_dir/mobilenet_v2/model.min.js" ] || [ ! -f "$nsfw_dir/inception_v3/model.min.js" ]; then
    say "fetching the nsfwjs $nsfwjs_version networks (npm pack nsfwjs@$nsfwjs_version, ~25 MB: MobileNetV2 and InceptionV3) into $nsfw_dir"
    local tmp; tmp="$(mktemp -d)"
    if npm_pack "nsfwjs@$nsfwjs_version" "$tmp"; then
      if tar -xzf "$tmp/nsfwjs-$nsfwjs_version.tgz" -C "$tmp" package/dist/models/mobilenet_v2 package/dist/models/inception_v3 package/LICENSE 2>/dev/null; then
        mkdir -p "$nsfw_dir" &&
          rm -rf "$nsfw_dir/mobilenet_v2" "$nsfw_dir/inception_v3" &&
          cp -r "$tmp/package/dist/models/mobilenet_v2" "$tmp/package/dist/models/inception_v3" "$tmp/package/LICENSE" "$nsfw_dir/" ||
          { say "could not write $nsfw_dir"; status=1; }
      else
        say "nsfwjs@$nsfwjs_version does not hold dist/models/{mobilenet_v2,inception_v3}"; status=1
      fi
    else
      status=1
    fi
    rm -rf "$tmp"
  fi
}
setup_browser() { apt_install chromium || status=1; }

components=()
while [ $# -gt 0 ]; do
  case "$1" in
    --for) shift; [ "${1:-}" = demo ] && components+=(native data models browser) ;;
    native|data|models|browser) components+=("$1") ;;
    -h|--help) sed -n '2,/^set -uo/{/^set -uo/!p}' "$0"; exit 0 ;;
    *) say "unknown component '$1' (use native, data, models, browser or --for demo)"; exit 2 ;;
  esac
  shift
done
[ ${#components[@]} -eq 0 ] && components=(native data)

for c in "${components[@]}"; do "setup_$c"; done
exit $status
