#!/usr/bin/python3
"""Re-derives the headline weighted τ of bench/pge/results/results.json with SciPy (an independent check of the C#
WeightedTau and of the table), and adds the same numbers without the two shuffled-label control sources.
Run: /usr/bin/python3 bench/pge/check_results.py [bench/pge/results/results.json]"""
import json
import sys
import numpy as np
from scipy.stats import weightedtau

r = json.load(open(sys.argv[1] if len(sys.argv) > 1 else "bench/pge/results/results.json"))
names = [s["Name"] for s in r["sources"]]
targets = [t["Name"] for t in r["targets"]]
acc = np.mean(np.array(r["accuracyBySeed"]), axis=0)  # sources × targets
gaps = np.array(r["pgeGapsDefaultBySeed"])  # seeds × sources × targets
scores = {"PGE default": None, "TransRate": np.array(r["transRate"]), "LogME": np.array(r["logMe"])}
for subset, keep in [("all 14 sources", [True] * len(names)), ("without fm-noise, dg-noise", ["noise" not in n for n in names])]:
    keep = np.array(keep)
    print("##", subset)
    for name, s in scores.items():
        if s is None:
            per_seed = [[weightedtau(-g[keep, t], acc[keep, t])[0] for t in range(len(targets))] for g in gaps]
            taus = np.mean(per_seed, axis=0)
            spread = np.std(np.mean(per_seed, axis=1), ddof=1)
            print(f"{name:12s}", " ".join(f"{targets[t]}={taus[t]:.3f}" for t in range(len(targets))), f"mean={taus.mean():.3f} (± {spread:.3f} over seeds)")
        else:
            taus = [weightedtau(s[keep, t], acc[keep, t])[0] for t in range(len(targets))]
            print(f"{name:12s}", " ".join(f"{targets[t]}={v:.3f}" for t, v in enumerate(taus)), f"mean={np.mean(taus):.3f}")
