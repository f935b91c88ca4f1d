#!/usr/bin/python3
"""Spearman and Kendall rank correlations (scipy.stats) between the TTA bound and the probe's accuracy and loss."""
import glob
import json
import os
import sys

from scipy.stats import kendalltau, spearmanr

out = sys.argv[1]
for init in ["official", "predictions"]:
    rows = []
    for f in sorted(glob.glob(os.path.join(out, f"correlation-*-{init}.json"))):
        d = json.load(open(f))
        name = os.path.basename(f)[len("correlation-"):-len(f"-{init}.json")]
        rows.append((name, d["bound"], d["probeLoss"], d["probeAccuracy"], d["terms"]["sourceLoss"], d["terms"]["labelEntropy"],
                     d["terms"]["lipschitz"], d["terms"]["wasserstein"], d["transformedClassifier"]["targetAccuracy"]))
    if len(rows) < 3:
        continue
    print(f"\nlabel init = {init}")
    print("| target | bound | probe CE | probe acc | L_w | H | τ̂ | W₁ | h‴ acc |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print("| " + r[0] + " | " + " | ".join(f"{v:.4f}" for v in r[1:]) + " |")
    bound = [r[1] for r in rows]
    loss = [r[2] for r in rows]
    acc = [r[3] for r in rows]
    print(f"Spearman(bound, probe accuracy) = {spearmanr(bound, acc).correlation:.3f}; "
          f"Kendall τ_b = {kendalltau(bound, acc).correlation:.3f}")
    print(f"Spearman(bound, probe loss) = {spearmanr(bound, loss).correlation:.3f}; "
          f"Kendall τ_b = {kendalltau(bound, loss).correlation:.3f}")
    print(f"bound ≥ probe loss on {sum(b >= l for b, l in zip(bound, loss))} of {len(rows)} targets")
