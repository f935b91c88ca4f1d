#!/usr/bin/python3
"""Reference values for transrate-official, logme-thuml, hscore-shrinkage, gbc, sfda, ncti and etran.

Each metric is re-implemented here in numpy/scipy/scikit-learn, written from the algorithm descriptions in
shared/research/peers.md §1.2 and seeds-methods.md §1.3–1.4 (not copied from the reference repositories), and
deliberately computed a different way from the C# code:
  * transrate-official: dense D×D eigenvalues via np.linalg.svd and np.linalg.matrix_rank (C#: Cholesky log-dets,
    Sylvester's identity, and for the projection variant C×C eigenproblems instead of D×D SVDs).
  * logme-thuml: the fixed-point loop on the thin SVD of F (or the SVD of FᵀF when N > D), as the thuml code does
    (C#: the shared eigendecomposition of FᵀF or FFᵀ). The exact evidence of the D > N case comes from the dense
    marginal likelihood maximised by scipy (generate_basic_metrics.logme_exact).
  * hscore-shrinkage: sklearn.covariance.LedoitWolf and np.linalg.pinv, as TLlib's regularized_h_score
    (C#: the shrinkage from the shared scatter plus one pass for Σ‖x‖⁴, and the eigenbasis of the scatter).
  * gbc: sklearn PCA(svd_solver='full') and per-class numpy statistics (C#: PCA from the shared scatter eigenvectors).
  * sfda: scipy.linalg.eigh(S_b, S̃_w) with coef = M·V·Vᵀ, ConfMix on a copy of X, refit (C#: Cholesky solves, the
    mixed features' moments accumulated blockwise without a copy).
  * ncti: sklearn PCA(svd_solver='full') and sklearn LinearDiscriminantAnalysis (eigen or svd solver, as NCTI's
    code chooses), numpy nuclear norms, min-max across the pool (C#: its own LDA in both solver forms).
  * etran: scipy.special.logsumexp, np.argsort, and the released classifier (np.linalg.eigh of inv(S̃_w)·S_b) as
    well as the Fisher variant (scipy.linalg.eigh(S_b, S̃_w)).

Data: every task comes from SplitMix64 streams (integer arithmetic, then IEEE-exact scalings), regenerated
bit-for-bit by tests/Xfer.Tests/Support/SplitMixData.cs, so no feature matrix is stored.

Run with Debian's python (numpy 1.24.2, scipy 1.10.1, scikit-learn 1.2.1):
  /usr/bin/python3 generate_suite_metrics.py > suite_metrics.json
"""
import json
import math
import sys
import warnings

import numpy as np
import scipy
import scipy.linalg
import scipy.special
import sklearn
from sklearn.covariance import LedoitWolf
from sklearn.decomposition import PCA
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from generate_basic_metrics import logme_exact  # noqa: E402  (dense marginal likelihood + scipy.optimize)

MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def uniform(self):
        return (self.next() >> 11) * (2.0 ** -53)  # exact in [0, 1)


def make_labels(seed, n, c):
    """y_i = i for i < c (every class present), then next() % c."""
    rng = SplitMix64(seed)
    return np.array([i if i < c else rng.next() % c for i in range(n)], dtype=np.int64)


def make_features(seed, y, c, d, sep, scale):
    """x_ij = (m[y_i, j] + (2u − 1)·√3)·s_j with m = sep·(2u − 1) (c×d, drawn first) and s_j = scale·(0.5 + j/d)."""
    rng = SplitMix64(seed)
    means = [[sep * (2.0 * rng.uniform() - 1.0) for _ in range(d)] for _ in range(c)]
    root3 = math.sqrt(3.0)
    col = [scale * (0.5 + j / d) for j in range(d)]
    x = np.empty((len(y), d))
    for i, k in enumerate(y):
        for j in range(d):
            x[i, j] = (means[k][j] + (2.0 * rng.uniform() - 1.0) * root3) * col[j]
    return x


# ---------------------------------------------------------------- transrate-official

def transrate_official(f, y, eps, variant):
    n, d = f.shape
    classes = np.unique(y)
    if variant == "centralized":
        z = f / np.maximum(np.linalg.norm(f, axis=1, keepdims=True), 1e-12)
        z = z - z.mean(axis=0)
        z = z / np.linalg.norm(z, axis=1, keepdims=True)
        glob = z.T @ z / n
        blocks = [(z[y == k].T @ z[y == k]) / np.sum(y == k) for k in classes]
    else:  # "projection" (Z_new_proj_mul)
        mu = f.mean(axis=0)
        cov = f.T @ f / n - np.outer(mu, mu)
        between = sum(np.sum(y == k) * np.outer(f[y == k].mean(0) - mu, f[y == k].mean(0) - mu) for k in classes)
        proj = np.linalg.pinv(cov, rcond=1e-15) @ between / n
        glob = cov @ proj
        blocks = []
        for k in classes:
            fk = f[y == k]
            mk = fk.mean(axis=0)
            wk = fk.T @ fk - len(fk) * np.outer(mk, mk)
            blocks.append(wk @ proj / len(fk))
    sv = np.linalg.svd(glob, compute_uv=False)
    rank = np.linalg.matrix_rank(glob)
    s = sv.sum()
    rz = np.sum(np.log(1 + np.abs(sv / s) / eps))
    rzy = sum(np.sum(y == k) / n * np.sum(np.log(1 + np.abs(np.linalg.svd(b, compute_uv=False) / s) / eps))
              for k, b in zip(classes, blocks))
    return (rz - rzy) / (2 * rank), int(rank)


# ---------------------------------------------------------------- logme-thuml

def logme_thuml(f, y):
    n, d = f.shape
    if n > d:
        # SVD of the D×D Gram; singular values √σ, keep √σ > 1e-10
        _, s2, vh = np.linalg.svd(f.T @ f)
        s = np.sqrt(s2)
        k = int(np.sum(s > 1e-10))
        s, vh = s[:k], vh[:k]
        u = (f @ vh.T) / s
    else:
        u, s, vh = np.linalg.svd(f, full_matrices=False)
    sigma = s ** 2
    total = []
    for c in range(int(y.max() + 1)):
        t = (y == c).astype(np.float64)
        x2 = (u.T @ t) ** 2
        res_x2 = t @ t - x2.sum()
        alpha = beta = 1.0
        for _ in range(11):
            lam = alpha / beta
            gamma = np.sum(sigma / (sigma + lam))
            m2 = np.sum(sigma * x2 / (lam + sigma) ** 2)
            res2 = np.sum(x2 / (1 + sigma / lam) ** 2) + res_x2
            alpha = gamma / (m2 + 1e-5)
            beta = (n - gamma) / (res2 + 1e-5)
            if abs(alpha / beta - lam) / lam <= 1e-3:
                break
        ev = (d / 2 * np.log(alpha) + n / 2 * np.log(beta) - 0.5 * np.sum(np.log(alpha + beta * sigma))
              - beta / 2 * res2 - alpha / 2 * m2 - n / 2 * np.log(2 * np.pi))
        total.append(ev / n)
    return float(np.mean(total))


# ---------------------------------------------------------------- hscore-shrinkage

def hscore_shrinkage(f, y):
    f = f - f.mean(axis=0)
    lw = LedoitWolf(assume_centered=False).fit(f)
    g = np.zeros_like(f)
    for c in np.unique(y):
        g[y == c] = f[y == c].mean(axis=0)
    covg = np.cov(g, rowvar=False)
    return float(np.trace(np.linalg.pinv(lw.covariance_, rcond=1e-15) @ ((1 - lw.shrinkage_) * covg))), float(lw.shrinkage_)


# ---------------------------------------------------------------- gbc

def pca_components(f, k):
    return PCA(n_components=k, svd_solver="full").fit_transform(f)


def gbc(f, y, gaussian_type, k=64):
    k = min(k, f.shape[1], f.shape[0] - 1)
    z = pca_components(f, k)
    classes = np.unique(y)
    mean = {c: z[y == c].mean(axis=0) for c in classes}
    var = {c: np.maximum(z[y == c].var(axis=0), 1e-4) for c in classes}
    total = 0.0
    for a in classes:
        for b in classes:
            if a == b:
                continue
            va, vb = var[a], var[b]
            if gaussian_type == "spherical":
                va, vb = va.mean(), vb.mean()
            avg = (va + vb) / 2
            db = np.sum((mean[a] - mean[b]) ** 2 / avg) / 8 + 0.5 * (np.sum(np.log(avg)) - 0.5 * np.sum(np.log(va)) - 0.5 * np.sum(np.log(vb)))
            total += np.exp(-db)
    return -float(total)


# ---------------------------------------------------------------- sfda

def power_largest(a, iterations=3):
    x = a.sum(axis=1)
    for _ in range(iterations):
        t = a @ x
        v = t / np.linalg.norm(t)
        t = a @ v
        x = t / np.linalg.norm(t)
    return float(x @ a @ v)


def fisher_fit(x, y, shrinkage=None):
    n, d = x.shape
    classes = np.unique(y)
    priors = np.array([np.mean(y == c) for c in classes])
    means = np.array([x[y == c].mean(axis=0) for c in classes])
    sw = sum(p * np.cov(x[y == c].T, bias=True).reshape(d, d) for p, c in zip(priors, classes))
    if shrinkage is None:
        shrinkage = max(math.exp(-5 * power_largest(sw)), 1e-10)
    st = np.cov(x.T, bias=True).reshape(d, d)
    st = (1 - shrinkage) * st + shrinkage * np.trace(st) / d * np.eye(d)
    sws = (1 - shrinkage) * sw + shrinkage * np.trace(sw) / d * np.eye(d)
    evals, evecs = scipy.linalg.eigh(st - sws, sws)
    evecs = evecs[:, np.argsort(evals)[::-1]]
    coef = means @ evecs @ evecs.T
    intercept = -0.5 * np.diag(means @ coef.T) + np.log(priors)
    return coef, intercept, shrinkage, means


def softmax_rows(s):
    return scipy.special.softmax(s, axis=1)


def sfda(f, y):
    x = f.copy()
    n = len(y)
    classes = np.unique(y)
    coef, intercept, shrinkage, means = fisher_fit(x, y)
    prob = softmax_rows(x @ coef.T + intercept)
    prob = softmax_rows(prob)
    outer = (means.sum(axis=0) - means) / (len(classes) - 1)
    for c in classes:
        idx = y == c
        p = prob[idx, c][:, None]
        x[idx] = p * x[idx] + (1 - p) * outer[c]
    coef2, intercept2, _, _ = fisher_fit(x, y, shrinkage)
    prob2 = softmax_rows(x @ coef2.T + intercept2)
    return float(np.mean(prob2[np.arange(n), y])), shrinkage


# ---------------------------------------------------------------- ncti

def ncti_components(f, y, k=64):
    k = min(k, f.shape[1], f.shape[0] - 1)
    pca = PCA(n_components=k, svd_solver="full")
    z = pca.fit_transform(f)
    s = max(math.exp(-pca.explained_variance_[:32].sum()), 1e-10)
    if s == 1e-10:
        lda = LinearDiscriminantAnalysis(solver="svd")
    else:
        lda = LinearDiscriminantAnalysis(solver="eigen", shrinkage=float(s))
    low = lda.fit_transform(z, y)
    low = low - low.mean(axis=0, keepdims=True)
    seli = np.linalg.norm(low, ord="nuc")
    prob = lda.predict_proba(z)
    ncc = float(np.mean(prob[np.arange(len(y)), y]))
    vc = math.log(sum(np.linalg.norm(prob[y == c], ord="nuc") for c in np.unique(y)))
    return {"seli": float(seli), "ncc": ncc, "vc": vc, "shrinkage": s, "solver": "svd" if s == 1e-10 else "eigen"}


def minmax(values):
    v = np.asarray(values, dtype=np.float64)
    return (v - v.min()) / (v.max() - v.min())


# ---------------------------------------------------------------- etran

def etran_energy(f):
    e = scipy.special.logsumexp(f, axis=1)
    keep = np.argsort(e)[: 5 * len(e) // 1000]
    return float(e[keep].mean())


def etran_lda(f, y, classifier):
    n, d = f.shape
    if classifier == "fisher":
        coef, intercept, _, _ = fisher_fit(f, y)
    else:  # the released code: numpy eigh (lower triangle) of inv(S̃w)·Sb, orthonormal eigenvectors
        classes = np.unique(y)
        priors = np.array([np.mean(y == c) for c in classes])
        means = np.array([f[y == c].mean(axis=0) for c in classes])
        sw = sum(p * np.cov(f[y == c].T, bias=True).reshape(d, d) for p, c in zip(priors, classes))
        lam = max(math.exp(-5 * power_largest(sw)), 1e-10)
        st = np.cov(f.T, bias=True).reshape(d, d)
        st = (1 - lam) * st + lam * np.trace(st) / d * np.eye(d)
        sws = (1 - lam) * sw + lam * np.trace(sw) / d * np.eye(d)
        evals, evecs = np.linalg.eigh(np.linalg.inv(sws) @ (st - sws))
        evecs = evecs[:, np.argsort(evals)[::-1]]
        coef = means @ evecs @ evecs.T
        intercept = -0.5 * np.diag(means @ coef.T) + np.log(priors)
    prob = softmax_rows(f @ coef.T + intercept)
    return float(np.mean(prob[np.arange(n), y]))


# ---------------------------------------------------------------- cases

SINGLE_CASES = [
    # name, label seed, feature seed, n, d, c, sep, scale
    ("n120_d10_c3", 11, 12, 120, 10, 3, 1.0, 1.0),
    ("n90_d40_c4_small", 21, 22, 90, 40, 4, 1.0, 0.1),
    ("n400_d80_c5", 31, 32, 400, 80, 5, 0.7, 1.0),
    ("n50_d70_c4", 41, 42, 50, 70, 4, 1.5, 1.0),
]

POOL = {
    "labels": (51, 400, 5),
    "candidates": [
        # name, feature seed, d, sep, scale
        ("wide", 61, 80, 0.7, 1.0),
        ("narrow", 62, 48, 1.0, 0.5),
        ("noisy", 63, 100, 0.4, 2.0),
        ("tiny", 64, 64, 1.2, 0.08),
    ],
}

TOY_ROWS = [[1.0, 0.2, -0.5], [1.2, 0.1, -0.4], [0.9, 0.3, -0.6], [1.1, 0.0, -0.5],
            [-0.8, 1.0, 0.3], [-1.0, 1.1, 0.2], [-0.9, 0.8, 0.4], [-0.7, 1.2, 0.1],
            [0.1, -1.0, 1.0], [0.0, -0.9, 1.2], [0.2, -1.1, 0.9], [-0.1, -1.2, 1.1]]


def main():
    warnings.simplefilter("ignore")
    out = {
        "source": "generate_suite_metrics.py (numpy %s, scipy %s, scikit-learn %s)" % (np.__version__, scipy.__version__, sklearn.__version__),
        "tolerance": "see the C# tests: rtol 1e-9 for closed forms, 1e-7 where an iterative or rank-revealing step is involved",
        "toy": {},
        "cases": [],
        "pool": {},
    }
    toy = np.array(TOY_ROWS)
    ty = np.array([0] * 4 + [1] * 4 + [2] * 4)
    out["toy"] = {
        "transrate_official_eps1e-4": transrate_official(toy, ty, 1e-4, "centralized")[0],
        "transrate_official_eps1e-2": transrate_official(toy, ty, 1e-2, "centralized")[0],
    }

    for name, ls, fs, n, d, c, sep, scale in SINGLE_CASES:
        y = make_labels(ls, n, c)
        f = make_features(fs, y, c, d, sep, scale)
        h, alpha = hscore_shrinkage(f, y)
        sf, lam = sfda(f, y)
        tb, rb = transrate_official(f, y, 1e-4, "centralized")
        tc, rc = transrate_official(f, y, 1e-4, "projection")
        out["cases"].append({
            "name": name, "labelSeed": ls, "featureSeed": fs, "n": n, "d": d, "c": c, "sep": sep, "scale": scale,
            "checksum": float(f.sum()),
            "expected": {
                "transrate_official_b": tb, "transrate_official_b_rank": rb,
                "transrate_official_b_eps1e-2": transrate_official(f, y, 1e-2, "centralized")[0],
                "transrate_official_c": tc, "transrate_official_c_rank": rc,
                "logme_thuml": logme_thuml(f, y),
                "hscore_shrinkage": h, "ledoit_wolf_shrinkage": alpha,
                "gbc_spherical": gbc(f, y, "spherical"), "gbc_diagonal": gbc(f, y, "diagonal"),
                "sfda": sf, "sfda_shrinkage": lam,
                "etran_energy": etran_energy(f) if n >= 200 else None,
                "etran_lda_released": etran_lda(f, y, "released"),
                "etran_lda_fisher": etran_lda(f, y, "fisher"),
            },
        })

    # LogME blow-up: N = 60, D = 1000, 5 classes, labels independent of the features (sep = 0).
    y = make_labels(71, 60, 5)
    f = make_features(72, y, 5, 1000, 0.0, 1.0)
    out["logme_blowup"] = {"labelSeed": 71, "featureSeed": 72, "n": 60, "d": 1000, "c": 5, "sep": 0.0, "scale": 1.0,
                           "checksum": float(f.sum()), "logme_thuml": logme_thuml(f, y), "logme_exact": logme_exact(f, y)}

    ls, n, c = POOL["labels"]
    y = make_labels(ls, n, c)
    comps, energies, lda_rel, lda_fis = [], [], [], []
    cands = []
    for name, fs, d, sep, scale in POOL["candidates"]:
        f = make_features(fs, y, c, d, sep, scale)
        comp = ncti_components(f, y)
        comps.append(comp)
        energies.append(etran_energy(f))
        lda_rel.append(etran_lda(f, y, "released"))
        lda_fis.append(etran_lda(f, y, "fisher"))
        cands.append({"name": name, "featureSeed": fs, "d": d, "sep": sep, "scale": scale, "checksum": float(f.sum()),
                      "ncti_components": comp, "etran_energy": energies[-1], "etran_lda_released": lda_rel[-1],
                      "etran_lda_fisher": lda_fis[-1]})
    ncti = minmax([x["ncc"] for x in comps]) + minmax([x["seli"] for x in comps]) - minmax([x["vc"] for x in comps])
    etran_rel = 0.15 * minmax(energies) + 0.85 * minmax(lda_rel)
    etran_fis = 0.15 * minmax(energies) + 0.85 * minmax(lda_fis)
    for cand, a, b, e in zip(cands, ncti, etran_rel, etran_fis):
        cand["ncti"] = float(a)
        cand["etran"] = float(b)
        cand["etran_fisher"] = float(e)
    out["pool"] = {"labelSeed": ls, "n": n, "c": c, "candidates": cands}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
