#!/usr/bin/env bash
# Rank correlation between the TTA bound and the probe accuracy across Fashion-MNIST targets of growing difficulty.
# Usage: bench/tta/correlation.sh [EPOCHS] [extra xfer analyze options] (default 500 epochs, batch 500, equal batch
# sizes, 4001 head/probe iterations: reduced from the official 2001/1000/10001/5001 to fit a shared 2-core machine).
# Writes bench/tta/results/correlation-*.json and prints a summary table with Spearman/Kendall correlations.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
epochs="${1:-500}"
shift || true
data="${TMPDIR:-/tmp}/xfer-tta-data"
out="$root/bench/tta/results"
mkdir -p "$out"
[ -f "$data/fmnist-noise0.0-train-x.npy" ] || /usr/bin/python3 "$root/bench/tta/make_data.py" "$data"
dotnet build "$root/src/Xfer.Cli" -c Release -nologo -v quiet -clp:ErrorsOnly
xfer="dotnet $root/src/Xfer.Cli/bin/Release/net10.0/xfer.dll"
for init in predictions official; do
  for t in noise0.0 noise0.3 noise0.6 noise0.9 noise1.2 noise1.6 occlude12 occlude18; do
    f="$out/correlation-$t-$init.json"
    [ -f "$f" ] && continue
    XFER_PROGRESS=none $xfer analyze \
      --source-features "$data/fmnist-source-train-x.npy" --source-labels "$data/fmnist-source-train-y.npy" \
      --source-test-features "$data/fmnist-source-test-x.npy" --source-test-labels "$data/fmnist-source-test-y.npy" \
      --target-features "$data/fmnist-$t-train-x.npy" --target-labels "$data/fmnist-$t-train-y.npy" \
      --target-test-features "$data/fmnist-$t-test-x.npy" --target-test-labels "$data/fmnist-$t-test-y.npy" \
      --epochs "$epochs" --batch 500 --batch-sizing equal --head-iterations 4001 --probe-iterations 4001 \
      --label-init "$init" --seed 1 --json "$@" > "$f.tmp"
    mv "$f.tmp" "$f"
    echo "$t $init: $(/usr/bin/python3 -c "import json,sys; d=json.load(open('$f')); print('bound', round(d['bound'],4), 'probe', round(d['probeLoss'],4), 'acc', round(d['probeAccuracy'],4))")"
  done
done
/usr/bin/python3 "$root/bench/tta/correlate.py" "$out"
