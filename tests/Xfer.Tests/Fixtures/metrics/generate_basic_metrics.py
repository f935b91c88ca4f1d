#!/usr/bin/python3
"""Reference values for the foundation metrics (transrate, logme, leep, nce, hscore).

Independent implementations in numpy/scipy, written differently from the C# code:
  * TransRate: numpy slogdet of the D×D matrix I + ZᵀZ/(mε) (no Sylvester identity, no Cholesky),
    exactly as TLlib's tllib/ranking/transrate.py.
  * LogME (exact): the dense marginal likelihood log N(y; 0, FFᵀ/α + I/β) maximised over (log α, log β) with
    scipy.optimize (BFGS, then Nelder-Mead polish) — no eigen-trick, no fixed point.
  * LEEP / NCE / H-score: as TLlib (leep.py, nce.py, hscore.py) with np.cov and np.linalg.pinv(rcond=1e-15).
Run with Debian's python (numpy 1.24, scipy 1.10): /usr/bin/python3 generate_basic_metrics.py > basic_metrics.json
"""
import json
import numpy as np
from scipy import optimize


def transrate(f, y, eps):
    f = f - f.mean(axis=0, keepdims=True)

    def coding_rate(z):
        n, d = z.shape
        return 0.5 * np.linalg.slogdet(np.eye(d) + (1.0 / (n * eps)) * z.T @ z)[1]

    k = int(y.max() + 1)
    rzy = sum(coding_rate(f[y == c]) for c in range(k)) / k
    return coding_rate(f) - rzy


def logme_exact(f, y):
    n, d = f.shape
    kern = f @ f.T
    total = 0.0
    for c in range(int(y.max() + 1)):
        t = (y == c).astype(np.float64)

        def neg(p):
            a, b = np.exp(p)
            cov = kern / a + np.eye(n) / b
            sign, logdet = np.linalg.slogdet(cov)
            return 0.5 * (logdet + t @ np.linalg.solve(cov, t) + n * np.log(2 * np.pi))

        best = None
        for start in ([0.0, 0.0], [2.0, 1.0], [-2.0, 3.0], [5.0, 0.5]):
            r = optimize.minimize(neg, start, method="BFGS", options={"gtol": 1e-10, "maxiter": 10000})
            r = optimize.minimize(neg, r.x, method="Nelder-Mead", options={"xatol": 1e-12, "fatol": 1e-14, "maxiter": 20000})
            if best is None or r.fun < best.fun:
                best = r
        total += -best.fun / n
    return total / int(y.max() + 1)


def leep(p, y):
    n, cs = p.shape
    c = int(y.max() + 1)
    joint = np.zeros((c, cs))
    for i in range(n):
        joint[y[i]] += p[i] / n
    cond = joint / joint.sum(axis=0, keepdims=True)
    eep = np.array([p[i] @ cond[y[i]] for i in range(n)])
    return float(np.mean(np.log(eep)))


def nce(p, y):
    z = np.argmax(p, axis=1)
    n = len(y)
    c, cs = int(y.max() + 1), p.shape[1]
    joint = np.zeros((cs, c))
    for a, b in zip(z, y):
        joint[a, b] += 1.0 / n
    pz = joint.sum(axis=1, keepdims=True)
    cond = joint / np.where(pz > 0, pz, 1)
    return float(np.sum(joint * np.log(cond + 1e-20)))


def hscore(f, y):
    covf = np.cov(f, rowvar=False)
    g = np.zeros_like(f)
    for c in range(int(y.max() + 1)):
        g[y == c] = f[y == c].mean(axis=0)
    covg = np.cov(g, rowvar=False)
    return float(np.trace(np.linalg.pinv(covf, rcond=1e-15) @ covg))


def case(name, seed, n, d, c, cs, sep, scale=1.0, offset=0.0):
    rng = np.random.default_rng(seed)
    y = np.arange(n) % c
    rng.shuffle(y)
    means = rng.normal(size=(c, d)) * sep
    f = (means[y] + rng.normal(size=(n, d))) * scale + offset
    logits = rng.normal(size=(n, cs)) + 2.0 * np.eye(cs)[y % cs]
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    return {
        "name": name,
        "features": f.round(6).tolist(),
        "labels": y.tolist(),
        "probs": p.round(9).tolist(),
    }


def main():
    cases = [
        case("n60_d8_c3", 1, 60, 8, 3, 5, 1.5),
        case("n40_d50_c4", 2, 40, 50, 4, 6, 1.0),      # D > N: LogME's exact evidence differs from thuml here
        case("n90_d12_c5_scaled", 3, 90, 12, 5, 7, 0.7, scale=3.0, offset=0.5),
    ]
    for cs in cases:
        f = np.array(cs["features"])
        y = np.array(cs["labels"])
        p = np.array(cs["probs"])
        p = p / p.sum(axis=1, keepdims=True)  # C# renormalises rows in float64 the same way
        cs["expected"] = {
            "transrate_eps1e-4": transrate(f, y, 1e-4),
            "transrate_eps1e-2": transrate(f, y, 1e-2),
            "logme": logme_exact(f, y),
            "leep": leep(p, y),
            "nce": nce(p, y),
            "hscore": hscore(f, y) if f.shape[0] > f.shape[1] else None,
        }
    print(json.dumps({
        "source": "generate_basic_metrics.py (numpy %s, scipy %s)" % (np.__version__, __import__("scipy").__version__),
        "tolerance": "transrate/leep/nce/hscore rtol 1e-9; logme rtol 1e-7 (optimiser-limited)",
        "cases": cases}, indent=None))


if __name__ == "__main__":
    main()
