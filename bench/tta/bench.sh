#!/usr/bin/env bash
# Timing of Task Transfer Analysis at the official large-scale defaults (D = 512, 10 classes, 2001 epochs, batch
# 1000, exact OT, h_S 10 001 and probe 5 001 SGD iterations of 1000) on synthetic data from make_data.py.
# Usage: bench/tta/bench.sh [EPOCHS] [extra xfer analyze options...]   (EPOCHS default 2001)
# Prints the per-epoch breakdown (cost matrix, OT, gradient, Adam step) and writes bench/tta/results/bench-*.json.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
epochs="${1:-2001}"
shift || true
data="${TMPDIR:-/tmp}/xfer-tta-data"
out="$root/bench/tta/results"
mkdir -p "$out"
[ -f "$data/bench512-source-train-x.npy" ] || /usr/bin/python3 "$root/bench/tta/make_data.py" "$data"
dotnet build "$root/src/Xfer.Cli" -c Release -nologo -v quiet -clp:ErrorsOnly
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
f="$out/bench-$epochs-$stamp.json"
XFER_PROGRESS=none dotnet "$root/src/Xfer.Cli/bin/Release/net10.0/xfer.dll" analyze \
  --source-features "$data/bench512-source-train-x.npy" --source-labels "$data/bench512-source-train-y.npy" \
  --source-test-features "$data/bench512-source-test-x.npy" --source-test-labels "$data/bench512-source-test-y.npy" \
  --target-features "$data/bench512-target-train-x.npy" --target-labels "$data/bench512-target-train-y.npy" \
  --target-test-features "$data/bench512-target-test-x.npy" --target-test-labels "$data/bench512-target-test-y.npy" \
  --epochs "$epochs" --json "$@" > "$f.tmp"
mv "$f.tmp" "$f"   # only a finished run leaves a result file
/usr/bin/python3 - "$f" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
t = d["timings"]
print(f"{sys.argv[1]}")
print(f"linear algebra: {d['linearAlgebra']}")
print(f"source head: {t['sourceHeadSeconds']:.1f} s; optimisation: {t['optimisationSeconds']:.1f} s for {d['settings']['epochs']} epochs "
      f"({1e3 * t['perEpochSeconds']:.1f} ms/epoch); bound evaluation: {t['evaluationSeconds']:.1f} s; probe: {t['probeSeconds']:.1f} s")
print("per epoch (ms): " + ", ".join(f"{k[:-7]} {1e3 * t[k]:.2f}" for k in
      ["samplingSeconds", "transformSeconds", "costMatrixSeconds", "transportSeconds", "gradientSeconds", "stepSeconds"]))
print(f"bound {d['bound']:.4f} (L_w {d['terms']['sourceLoss']:.4f}, H {d['terms']['labelEntropy']:.4f}, "
      f"tau {d['terms']['lipschitz']:.4f} x W1 {d['terms']['wasserstein']:.4f}); probe CE {d['probeLoss']:.4f}, accuracy {d['probeAccuracy']:.4f}")
PY
