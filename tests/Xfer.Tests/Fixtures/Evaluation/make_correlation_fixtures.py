#!/usr/bin/python3
"""Reference values for tests/Xfer.Tests/Evaluation/CorrelationFixtureTests.cs.

Run with Debian's interpreter (SciPy 1.10.1, NumPy 1.24.2):
    /usr/bin/python3 make_correlation_fixtures.py > correlations.txt
    /usr/bin/python3 make_correlation_fixtures.py --selection > selection.txt

correlations.txt: one case per line, fields separated by '|':
    x values | y values | pearsonr | spearmanr | kendalltau | weightedtau
(scipy.stats defaults; 'nan' where SciPy returns NaN or raises for n < 2). Tolerance in the tests: 1e-12 absolute.

selection.txt: scores | truth | k | top1Relative | regret | recall@k | rel@k | bestInTop@k
computed by brute force: every tie-break order of equal scores is enumerated and the papers' definitions
(SFDA rank_correlation.py recall_k/rel_k, Google results_analysis_utils.py relative_top_accuracy/best_in_top_n)
are averaged over them. Independent of the closed forms in SelectionMeasures.cs. Tolerance 1e-12.
"""
import itertools
import sys
import warnings

import numpy as np
from scipy import stats

warnings.simplefilter("ignore")


def fmt(v):
    return "nan" if np.isnan(v) else repr(float(v))


def vec(v):
    return " ".join(repr(float(a)) for a in v)


def cases(rng):
    out = []
    # Hand-picked edge cases.
    out += [([1.0, 2.0], [1.0, 2.0]), ([1.0, 2.0], [2.0, 1.0]), ([1.0, 1.0], [1.0, 2.0]),
            ([3.0, 3.0, 3.0], [1.0, 2.0, 3.0]), ([1.0, 1.0, 2.0], [1.0, 2.0, 2.0]), ([5.0], [2.0])]
    for _ in range(150):  # continuous values, no ties
        n = int(rng.integers(2, 31))
        x = rng.normal(size=n)
        y = 0.5 * x + rng.normal(size=n)
        out.append((x, y))
    for _ in range(150):  # heavy ties: few distinct values in x, y or both
        n = int(rng.integers(2, 31))
        x = rng.integers(0, int(rng.integers(1, 5)), size=n).astype(float)
        y = rng.integers(0, int(rng.integers(1, 5)), size=n).astype(float) if rng.random() < 0.6 else x + rng.integers(0, 2, size=n)
        out.append((x, y))
    for _ in range(40):  # accuracy-like values with ties, larger pools, large offset
        n = int(rng.integers(20, 120))
        x = np.round(rng.normal(size=n), 1) + 1000.0
        y = np.round(90 + 3 * rng.normal(size=n), 1)
        out.append((x, y))
    return out


def correlations():
    rng = np.random.default_rng(20240601)
    for x, y in cases(rng):
        x = np.asarray(x, float)
        y = np.asarray(y, float)
        p = stats.pearsonr(x, y)[0] if len(x) >= 2 else np.nan
        s = stats.spearmanr(x, y)[0]
        k = stats.kendalltau(x, y)[0]
        w = stats.weightedtau(x, y)[0]
        print("|".join([vec(x), vec(y), fmt(p), fmt(s), fmt(k), fmt(w)]))


def orders(scores):
    """Every candidate order by decreasing score, with each tie group permuted in all ways."""
    groups = []
    for v in sorted(set(scores), reverse=True):
        groups.append([i for i, s in enumerate(scores) if s == v])
    for combo in itertools.product(*[itertools.permutations(g) for g in groups]):
        yield [i for g in combo for i in g]


def selection():
    rng = np.random.default_rng(7)
    for case in range(120):
        n = int(rng.integers(1, 8))
        scores = rng.integers(0, int(rng.integers(1, 5)), size=n).astype(float)
        truth = rng.integers(60, 60 + int(rng.integers(1, 6)), size=n).astype(float)
        k = int(rng.integers(1, n + 2))
        best = truth.max()
        acc = np.zeros(5)
        count = 0
        for order in orders(list(scores)):
            first = order[0]
            topk = order[:min(k, n)]
            strictly_better = sum(1 for t in truth if t > truth[first])
            acc += [truth[first] / best, best - truth[first], 1.0 if strictly_better < k else 0.0,
                    max(truth[i] for i in topk) / best, 1.0 if any(truth[i] == best for i in topk) else 0.0]
            count += 1
        acc /= count
        print("|".join([vec(scores), vec(truth), str(k)] + [fmt(v) for v in acc]))


if __name__ == "__main__":
    if "--selection" in sys.argv:
        selection()
    else:
        correlations()
