#!/usr/bin/env bash
# Builds bench/Suite in Release, times every metric with xfer and with the straightforward numpy versions at the same thread
# count on the same data, and writes bench/Suite/results/<date>-<commit>[-<size>].md.
#
#   bench/Suite/run.sh                          full size: N=20000 D=1024 C=50 (Cs=100 source classes)
#   bench/Suite/run.sh --n 2000 --d 128 --c 10  smaller (the file name then says the size)
#   THREADS=1 TIMEOUT=600 bench/Suite/run.sh    threads for both (default: all cores); numpy's per-metric cap in seconds
#   REUSE_NUMPY=1 bench/Suite/run.sh            re-time xfer only; numpy's numbers come from $DATA/numpy.json of an earlier run
#                                               on the same data (same size and seed), which the report then says
#
# The data (features.npy is N·D·8 bytes) goes to $DATA (default /tmp/xfer-suite-bench), not into the repository.
set -euo pipefail
root="$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
cd "$root"
threads="${THREADS:-$(nproc)}"
timeout="${TIMEOUT:-900}"
data="${DATA:-/tmp/xfer-suite-bench}"
mkdir -p "$data" bench/Suite/results

dotnet build -c Release bench/Suite/Suite.csproj -nologo -v q -clp:ErrorsOnly >&2
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
XFER_THREADS="$threads" dotnet bench/Suite/bin/Release/net10.0/Suite.dll --out "$data" "$@" >/dev/null
load_between="$(cut -d' ' -f1-3 /proc/loadavg)"
reuse=""; [ -n "${REUSE_NUMPY:-}" ] && reuse="--reuse"
OPENBLAS_NUM_THREADS="$threads" OMP_NUM_THREADS="$threads" /usr/bin/python3 bench/Suite/numpy_reference.py "$data" \
  --timeout "$timeout" --compare "$data/xfer.json" $reuse > "$data/comparison.md"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

commit="$(git rev-parse --short HEAD)"
dirty=""; git diff --quiet HEAD -- src bench/Suite || dirty="+dirty"
size=""; [ $# -gt 0 ] && size="-$(echo "$*" | tr -d ' -' )"
out="bench/Suite/results/$(date -u +%Y-%m-%d)-${commit}${dirty}${size}.md"
{
  echo "# Metric suite: xfer vs straightforward numpy"
  echo
  echo "Commit ${commit}${dirty}, $(date -u '+%Y-%m-%d %H:%M') UTC, $(nproc) processors ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)),"
  echo "threads ${threads} for both (XFER_THREADS / OPENBLAS_NUM_THREADS), numpy cap ${timeout} s per metric."
  echo "Load average (1/5/15 min): before xfer ${load_before}; between ${load_between}; after numpy ${load_after}${reuse:+ (numpy not re-run)}."
  echo "numpy side: $(/usr/bin/python3 -c 'import json,sys; m=json.load(open(sys.argv[1]))["meta"]; b=m["blas"][0] if m["blas"] else {}; print("numpy %s, scipy %s, scikit-learn %s, %s %s %s, %s threads" % (m["numpy"], m["scipy"], m["sklearn"], b.get("internal_api"), b.get("version"), b.get("threading_layer"), b.get("num_threads")))' "$data/numpy.json")."
  echo
  echo "## xfer"
  echo
  cat "$data/xfer.md"
  echo
  echo "## Side by side"
  echo
  cat "$data/comparison.md"
} > "$out"
echo "$out"
