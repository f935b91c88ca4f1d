#!/usr/bin/python3
"""Reference values for the optimal-transport tests (run with /usr/bin/python3, which has numpy, scipy and POT).

Writes ot_fixtures.json. Independent implementations used:
  * assignment: scipy.optimize.linear_sum_assignment (Crouse's shortest augmenting path);
  * exact transport: POT ot.emd2 (LEMON network simplex) and, for the small cases, scipy.optimize.linprog (HiGHS);
  * entropic transport: POT ot.sinkhorn(method='sinkhorn_log') run to stopThr=1e-13.
Tolerances used by the C# tests are stated there (costs: 1e-9 relative; Sinkhorn plans: 1e-8 absolute).
"""
import json
import numpy as np
import ot
import scipy
from scipy.optimize import linear_sum_assignment, linprog

rng = np.random.default_rng(20240611)
cases = {"assignment": [], "transport": [], "sinkhorn": []}


def lp_emd(a, b, C):
    n, m = C.shape
    A_eq = np.zeros((n + m, n * m))
    for i in range(n):
        A_eq[i, i * m:(i + 1) * m] = 1
    for j in range(m):
        A_eq[n + j, j::m] = 1
    res = linprog(C.ravel(), A_eq=A_eq, b_eq=np.concatenate([a, b]), bounds=(0, None), method="highs")
    assert res.status == 0
    return res.fun


# Assignment problems: continuous costs, integer costs with many ties, a block (label-cost-like) structure.
for name, n, make in [
    ("uniform-40", 40, lambda n: rng.random((n, n))),
    ("ties-50", 50, lambda n: rng.integers(0, 4, (n, n)).astype(float)),
    ("blocks-60", 60, lambda n: 1e6 * (np.arange(n)[:, None] % 3 != rng.permutation(np.arange(n) % 3)[None, :]) + rng.random((n, n))),
    ("euclid-80", 80, lambda n: ot.dist(rng.normal(size=(n, 5)), rng.normal(size=(n, 5)) + 0.5, metric="euclidean")),
]:
    C = make(n)
    r, c = linear_sum_assignment(C)
    cases["assignment"].append({"name": name, "n": n, "cost": C.ravel().tolist(), "optimum": float(C[r, c].sum())})

# Transportation problems.
for name, n, m, uniform in [("u-7x5", 7, 5, True), ("w-6x9", 6, 9, False), ("u-20x13", 20, 13, True),
                            ("w-25x30", 25, 30, False), ("u-60x45", 60, 45, True), ("u-44x44", 44, 44, True)]:
    xs = rng.normal(size=(n, 3))
    xt = rng.normal(size=(m, 3)) + np.array([1.0, 0.0, -0.5])
    C = ot.dist(xs, xt, metric="euclidean")
    if uniform:
        a, b = np.full(n, 1.0 / n), np.full(m, 1.0 / m)
    else:
        a, b = rng.dirichlet(np.ones(n)), rng.dirichlet(np.ones(m))
    G = ot.emd(a, b, C, numItermax=10_000_000)
    entry = {"name": name, "n": n, "m": m, "uniform": uniform, "a": a.tolist(), "b": b.tolist(),
             "cost": C.ravel().tolist(), "optimum": float(np.sum(G * C))}
    if n * m <= 800:
        entry["linprog"] = float(lp_emd(a, b, C))
    cases["transport"].append(entry)

# Sinkhorn (log domain) plans.
for name, n, m, eps in [("s-8x6-0.5", 8, 6, 0.5), ("s-8x6-0.05", 8, 6, 0.05), ("s-12x15-0.2", 12, 15, 0.2)]:
    xs = rng.normal(size=(n, 2))
    xt = rng.normal(size=(m, 2)) + 0.3
    C = ot.dist(xs, xt, metric="euclidean")
    a = rng.dirichlet(np.ones(n) * 3)
    b = rng.dirichlet(np.ones(m) * 3)
    G = ot.sinkhorn(a, b, C, eps, method="sinkhorn_log", stopThr=1e-13, numItermax=1_000_000)
    cases["sinkhorn"].append({"name": name, "n": n, "m": m, "epsilon": eps, "a": a.tolist(), "b": b.tolist(),
                              "cost": C.ravel().tolist(), "plan": G.ravel().tolist()})

cases["versions"] = {"numpy": np.__version__, "scipy": scipy.__version__, "pot": ot.__version__}
with open("ot_fixtures.json", "w") as f:
    json.dump(cases, f, indent=None, separators=(",", ":"))
print("wrote ot_fixtures.json", {k: len(v) for k, v in cases.items() if isinstance(v, list)})
