#!/usr/bin/python3
"""Straightforward numpy/scipy/scikit-learn implementations of every xfer metric, timed on the data bench/Suite wrote.

Each metric is written the way a user or the paper's repository typically writes it (per-class loops, np.linalg.svd/slogdet,
np.cov + pinv, sklearn PCA / GaussianMixture / LedoitWolf / LinearDiscriminantAnalysis / LogisticRegression, scipy L-BFGS-B,
np.corrcoef + scipy.stats.spearmanr), computing everything from the raw features with no statistics shared between metrics:
the numpy "suite" is the sum of the per-metric times. The formulas follow tests/Xfer.Tests/Fixtures/metrics/generate_*.py
(the fixtures that check the C# code on small cases); see bench/README.md ("Metric suite") for where they differ from xfer
on purpose (N-LEEP's and PACTran's random starts, the linear probe's folds).

Usage (Debian's python: numpy uses the system libopenblas; set OPENBLAS_NUM_THREADS to xfer's thread count):
  /usr/bin/python3 numpy_reference.py DATA_DIR [--metrics a,b] [--timeout SECONDS] [--compare DATA_DIR/xfer.json]
Each metric runs in a child process (so a timeout can stop it and its peak memory is its own); loading the .npy files is not
timed. Writes DATA_DIR/numpy.json and prints a Markdown comparison with xfer's numbers when --compare is given.
"""
import argparse
import json
import math
import os
import resource
import subprocess
import sys
import time
import warnings

import numpy as np
import scipy
import scipy.linalg
import scipy.optimize
import scipy.special
import scipy.stats
import sklearn
from sklearn.covariance import LedoitWolf
from sklearn.decomposition import PCA
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.linear_model import LogisticRegression
from sklearn.mixture import GaussianMixture
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

ORDER = ["transrate", "logme", "leep", "nce", "hscore", "transrate-official", "logme-thuml", "hscore-shrinkage", "gbc", "sfda",
         "ncti", "etran", "nleep", "parc", "pactran", "knn", "linear-probe"]


# ---------------------------------------------------------------- TransRate (TLlib tllib/ranking/transrate.py)

def transrate(f, y, eps=1e-4):
    f = f - np.mean(f, axis=0, keepdims=True)

    def coding_rate(z):
        n, d = z.shape
        (_, rate) = np.linalg.slogdet(np.eye(d) + 1 / (n * eps) * z.transpose() @ z)
        return 0.5 * rate

    k = int(y.max() + 1)
    rzy = 0.0
    for i in range(k):
        rzy += coding_rate(f[(y == i).flatten()])
    return {"value": coding_rate(f) - rzy / k}


# ---------------------------------------------------------------- TransRate, official repository pipeline (centralized variant)

def transrate_official(f, y, eps=1e-4):
    n, d = f.shape
    classes = np.unique(y)
    z = f / np.maximum(np.linalg.norm(f, axis=1, keepdims=True), 1e-12)
    z = z - z.mean(axis=0)
    z = z / np.linalg.norm(z, axis=1, keepdims=True)
    glob = z.T @ z / n
    sv = np.linalg.svd(glob, compute_uv=False)
    rank = np.linalg.matrix_rank(glob)
    s = sv.sum()
    rz = np.sum(np.log(1 + np.abs(sv / s) / eps))
    rzy = 0.0
    for k in classes:
        zk = z[y == k]
        block = zk.T @ zk / len(zk)
        rzy += len(zk) / n * np.sum(np.log(1 + np.abs(np.linalg.svd(block, compute_uv=False) / s) / eps))
    return {"value": (rz - rzy) / (2 * rank), "rank": int(rank)}


# ---------------------------------------------------------------- LogME (thuml/LogME LogME.py structure)

def _thuml_svd(f):
    n, d = f.shape
    if n > d:  # thuml's truncated_svd: SVD of the D×D Gram
        _, s2, vh = np.linalg.svd(f.T @ f)
        s = np.sqrt(s2)
        k = int(np.sum(s > 1e-10))
        s, vh = s[:k], vh[:k]
        u = (f @ vh.T) / s
    else:
        u, s, vh = np.linalg.svd(f, full_matrices=False)
    return u, s ** 2


def _evidence(n, d, alpha, beta, sigma, res2, m2):
    return (d / 2 * np.log(alpha) + n / 2 * np.log(beta) - 0.5 * np.sum(np.log(alpha + beta * sigma))
            - beta / 2 * res2 - alpha / 2 * m2 - n / 2 * np.log(2 * np.pi))


def logme(f, y):
    """Exact LogME for N > D: thuml's loop iterated to convergence (|Δ log α|, |Δ log β| < 1e-10), no 1e-5 fudge."""
    n, d = f.shape
    assert n > d, "the exact D > N correction is not implemented here"
    u, sigma = _thuml_svd(f)
    total = []
    for c in range(int(y.max() + 1)):
        t = (y == c).astype(np.float64)
        x2 = (u.T @ t) ** 2
        res_x2 = t @ t - x2.sum()
        alpha = beta = 1.0
        for _ in range(10000):
            lam = alpha / beta
            gamma = np.sum(sigma / (sigma + lam))
            m2 = np.sum(sigma * x2 / (lam + sigma) ** 2)
            res2 = np.sum(x2 / (1 + sigma / lam) ** 2) + res_x2
            a_new, b_new = gamma / m2, (n - gamma) / res2
            done = abs(math.log(a_new / alpha)) < 1e-10 and abs(math.log(b_new / beta)) < 1e-10
            alpha, beta = a_new, b_new
            if done:
                break
        lam = alpha / beta
        m2 = np.sum(sigma * x2 / (lam + sigma) ** 2)
        res2 = np.sum(x2 / (1 + sigma / lam) ** 2) + res_x2
        total.append(_evidence(n, d, alpha, beta, sigma, res2, m2) / n)
    return {"value": float(np.mean(total))}


def logme_thuml(f, y):
    n, d = f.shape
    u, sigma = _thuml_svd(f)
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
        total.append(_evidence(n, d, alpha, beta, sigma, res2, m2) / n)
    return {"value": float(np.mean(total))}


# ---------------------------------------------------------------- LEEP, NCE (TLlib)

def leep(p, y):
    n = len(y)
    c = int(y.max() + 1)
    joint = np.zeros((c, p.shape[1]))
    for k in range(c):
        joint[k] = p[y == k].sum(axis=0) / n
    cond = joint / joint.sum(axis=0, keepdims=True)
    eep = (p @ cond.T)[np.arange(n), y]
    return {"value": float(np.mean(np.log(eep)))}


def nce(p, y):
    z = np.argmax(p, axis=1)
    n = len(y)
    c, cs = int(y.max() + 1), p.shape[1]
    joint = np.zeros((cs, c))
    np.add.at(joint, (z, y), 1.0 / n)
    pz = joint.sum(axis=1, keepdims=True)
    cond = joint / np.where(pz > 0, pz, 1)
    return {"value": float(np.sum(joint * np.log(cond + 1e-20)))}


# ---------------------------------------------------------------- H-score and its Ledoit-Wolf variant (TLlib)

def hscore(f, y):
    covf = np.cov(f, rowvar=False)
    g = np.zeros_like(f)
    for c in range(int(y.max() + 1)):
        g[y == c] = np.mean(f[y == c], axis=0)
    covg = np.cov(g, rowvar=False)
    return {"value": float(np.trace(np.dot(np.linalg.pinv(covf, rcond=1e-15), covg)))}


def hscore_shrinkage(f, y):
    f = f - np.mean(f, axis=0, keepdims=True)
    lw = LedoitWolf(assume_centered=False).fit(f)
    g = np.zeros_like(f)
    for c in range(int(y.max() + 1)):
        g[y == c] = np.mean(f[y == c], axis=0)
    covg = np.cov(g, rowvar=False)
    score = np.trace(np.dot(np.linalg.pinv(lw.covariance_, rcond=1e-15), (1 - lw.shrinkage_) * covg))
    return {"value": float(score), "shrinkage": float(lw.shrinkage_)}


# ---------------------------------------------------------------- GBC (Google stable_transfer gbc.py, spherical)

def gbc(f, y, k=64):
    z = PCA(n_components=min(k, f.shape[1], f.shape[0] - 1), svd_solver="full").fit_transform(f)
    classes = np.unique(y)
    mean = {c: z[y == c].mean(axis=0) for c in classes}
    var = {c: np.maximum(z[y == c].var(axis=0), 1e-4).mean() for c in classes}
    total = 0.0
    for a in classes:
        for b in classes:
            if a == b:
                continue
            va, vb = var[a], var[b]
            avg = (va + vb) / 2
            db = np.sum((mean[a] - mean[b]) ** 2 / avg) / 8 + 0.5 * (np.log(avg) - 0.5 * np.log(va) - 0.5 * np.log(vb))
            total += np.exp(-db)
    return {"value": -float(total)}


# ---------------------------------------------------------------- SFDA (TUM-DAML/SFDA metrics.py) and the shared LDA pieces

def _power_largest(a, iterations=3):
    x = a.sum(axis=1)
    for _ in range(iterations):
        t = a @ x
        v = t / np.linalg.norm(t)
        t = a @ v
        x = t / np.linalg.norm(t)
    return float(x @ a @ v)


def _class_cov(x, y, priors, classes):
    d = x.shape[1]
    return sum(p * np.cov(x[y == c].T, bias=True).reshape(d, d) for p, c in zip(priors, classes))


def _fisher_fit(x, y, shrinkage=None):
    d = x.shape[1]
    classes = np.unique(y)
    priors = np.array([np.mean(y == c) for c in classes])
    means = np.array([x[y == c].mean(axis=0) for c in classes])
    sw = _class_cov(x, y, priors, classes)
    if shrinkage is None:
        shrinkage = max(math.exp(-5 * _power_largest(sw)), 1e-10)
    st = np.cov(x.T, bias=True).reshape(d, d)
    st = (1 - shrinkage) * st + shrinkage * np.trace(st) / d * np.eye(d)
    sws = (1 - shrinkage) * sw + shrinkage * np.trace(sw) / d * np.eye(d)
    evals, evecs = scipy.linalg.eigh(st - sws, sws)
    evecs = evecs[:, np.argsort(evals)[::-1]]
    coef = means @ evecs @ evecs.T
    intercept = -0.5 * np.diag(means @ coef.T) + np.log(priors)
    return coef, intercept, shrinkage, means


def sfda(f, y):
    x = f.copy()
    n = len(y)
    classes = np.unique(y)
    coef, intercept, shrinkage, means = _fisher_fit(x, y)
    prob = scipy.special.softmax(x @ coef.T + intercept, axis=1)
    prob = scipy.special.softmax(prob, axis=1)
    outer = (means.sum(axis=0) - means) / (len(classes) - 1)
    for c in classes:
        idx = y == c
        p = prob[idx, c][:, None]
        x[idx] = p * x[idx] + (1 - p) * outer[c]
    coef2, intercept2, _, _ = _fisher_fit(x, y, shrinkage)
    prob2 = scipy.special.softmax(x @ coef2.T + intercept2, axis=1)
    return {"value": float(np.mean(prob2[np.arange(n), y])), "shrinkage": shrinkage}


# ---------------------------------------------------------------- NCTI components (per candidate; min-max across the pool is O(pool))

def ncti(f, y, k=64):
    k = min(k, f.shape[1], f.shape[0] - 1)
    pca = PCA(n_components=k, svd_solver="full")
    z = pca.fit_transform(f)
    s = max(math.exp(-pca.explained_variance_[:32].sum()), 1e-10)
    lda = LinearDiscriminantAnalysis(solver="svd") if s == 1e-10 else LinearDiscriminantAnalysis(solver="eigen", shrinkage=float(s))
    low = lda.fit_transform(z, y)
    low = low - low.mean(axis=0, keepdims=True)
    seli = np.linalg.norm(low, ord="nuc")
    prob = lda.predict_proba(z)
    ncc = float(np.mean(prob[np.arange(len(y)), y]))
    vc = math.log(sum(np.linalg.norm(prob[y == c], ord="nuc") for c in np.unique(y)))
    return {"components": {"seli": float(seli), "ncc": ncc, "vc": vc}}


# ---------------------------------------------------------------- ETran components (mgholamikn/ETran metrics.py, released LDA)

def etran(f, y):
    n, d = f.shape
    e = scipy.special.logsumexp(f, axis=1)
    energy = float(e[np.argsort(e)[: 5 * n // 1000]].mean())
    classes = np.unique(y)
    priors = np.array([np.mean(y == c) for c in classes])
    means = np.array([f[y == c].mean(axis=0) for c in classes])
    sw = _class_cov(f, y, priors, classes)
    lam = max(math.exp(-5 * _power_largest(sw)), 1e-10)
    st = np.cov(f.T, bias=True).reshape(d, d)
    st = (1 - lam) * st + lam * np.trace(st) / d * np.eye(d)
    sws = (1 - lam) * sw + lam * np.trace(sw) / d * np.eye(d)
    evals, evecs = np.linalg.eigh(np.linalg.inv(sws) @ (st - sws))
    evecs = evecs[:, np.argsort(evals)[::-1]]
    coef = means @ evecs @ evecs.T
    intercept = -0.5 * np.diag(means @ coef.T) + np.log(priors)
    prob = scipy.special.softmax(f @ coef.T + intercept, axis=1)
    return {"components": {"energy": energy, "lda": float(np.mean(prob[np.arange(n), y]))}}


# ---------------------------------------------------------------- N-LEEP (Google stable_transfer nleep.py)

def nleep(f, y):
    pca = PCA(n_components=0.8).fit(f)
    z = pca.transform(f)
    gmm = GaussianMixture(n_components=5 * int(y.max() + 1), random_state=0).fit(z)
    out = leep(gmm.predict_proba(z), y)
    out.update({"dims": int(pca.n_components_), "iterations": int(gmm.n_iter_)})
    return out


# ---------------------------------------------------------------- PARC (dbolya/parc methods.py, exact PCA and binary label RDM)

def parc(f, y, k=32):
    n = len(y)
    z = StandardScaler().fit_transform(PCA(n_components=min(k, f.shape[1], n - 1), svd_solver="full").fit_transform(f))
    rdm = 1 - np.corrcoef(z)
    upper = np.triu(np.ones((n, n), dtype=bool), 1)
    a = rdm[upper]
    del rdm
    b = (y[:, None] != y[None, :])[upper].astype(np.float64)
    del upper
    return {"value": float(scipy.stats.spearmanr(a, b)[0] * 100)}


# ---------------------------------------------------------------- PACTran-Gaussian (google-research/pactran_metrics compute_metrics.py)

def pactran(x, y, lda_factor=1.0, s2_factor=100.0):
    nclasses = int(y.max() + 1)
    label = np.eye(nclasses)[y]
    x = x - np.mean(x, axis=0, keepdims=True)
    bs, d = x.shape
    kd = d * nclasses
    ldas2 = lda_factor * bs
    theta0 = np.ravel(np.concatenate([np.random.RandomState(0).normal(size=[d, nclasses]) * 0.03, np.zeros([1, nclasses])], axis=0))

    def split(theta):
        theta = np.reshape(theta, [d + 1, nclasses])
        return theta[:d, :], theta[d:, :]

    def loss_fn(theta):
        w, b = split(theta)
        logits = x @ w + b
        log_qz = logits - scipy.special.logsumexp(logits, axis=-1, keepdims=True)
        xent = np.sum(np.sum(label * (np.log(label + 1e-10) - log_qz), axis=-1)) / bs
        return xent + 0.5 * np.sum(np.square(w)) / ldas2

    def grad_fn(theta):
        w, b = split(theta)
        g = scipy.special.softmax(x @ w + b, axis=-1)
        g -= label
        g /= bs
        return np.ravel(np.concatenate([x.T @ g + w / ldas2, np.sum(g, axis=0, keepdims=True)], axis=0))

    def grad2(theta):
        w, b = split(theta)
        p = scipy.special.softmax(x @ w + b, axis=-1)
        g2 = p - np.square(p)
        return np.ravel(np.concatenate([np.square(x).T @ g2 + 1. / ldas2, np.sum(g2, axis=0, keepdims=True)], axis=0))

    res = scipy.optimize.minimize(loss_fn, theta0, method="L-BFGS-B", jac=grad_fn, options=dict(maxiter=100), tol=1e-6)
    opt = loss_fn(res.x)
    sigma2_inv = np.sum(grad2(res.x)) * ldas2 / kd + 1e-10
    s2 = s2_factor / d
    return {"value": float(opt + 0.5 * kd / ldas2 * s2 * np.log(sigma2_inv)), "iterations": int(res.nit)}


# ---------------------------------------------------------------- leave-one-out k-NN (blocked distance matrix + argsort)

def knn(f, y, k=1, block=1000):
    n = len(y)
    sq = np.sum(f * f, axis=1)
    correct = 0
    for start in range(0, n, block):
        stop = min(n, start + block)
        dist = sq[start:stop, None] - 2 * f[start:stop] @ f.T + sq[None, :]
        dist[np.arange(stop - start), np.arange(start, stop)] = np.inf  # leave the sample itself out
        nearest = np.argsort(dist, axis=1)[:, :k]
        pred = scipy.stats.mode(y[nearest], axis=1, keepdims=False)[0]
        correct += int(np.sum(pred == y[start:stop]))
    return {"value": correct / n}


# ---------------------------------------------------------------- linear probe (scikit-learn defaults, 5-fold stratified CV)

def linear_probe(f, y):
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    scores = cross_val_score(make_pipeline(StandardScaler(), LogisticRegression()), f, y, cv=cv)
    return {"value": float(np.mean(scores))}


METRICS = {
    "transrate": lambda f, y, p: transrate(f, y),
    "logme": lambda f, y, p: logme(f, y),
    "leep": lambda f, y, p: leep(p, y),
    "nce": lambda f, y, p: nce(p, y),
    "hscore": lambda f, y, p: hscore(f, y),
    "transrate-official": lambda f, y, p: transrate_official(f, y),
    "logme-thuml": lambda f, y, p: logme_thuml(f, y),
    "hscore-shrinkage": lambda f, y, p: hscore_shrinkage(f, y),
    "gbc": lambda f, y, p: gbc(f, y),
    "sfda": lambda f, y, p: sfda(f, y),
    "ncti": lambda f, y, p: ncti(f, y),
    "etran": lambda f, y, p: etran(f, y),
    "nleep": lambda f, y, p: nleep(f, y),
    "parc": lambda f, y, p: parc(f, y),
    "pactran": lambda f, y, p: pactran(f, y),
    "knn": lambda f, y, p: knn(f, y),
    "linear-probe": lambda f, y, p: linear_probe(f, y),
}


def run_one(data, metric):
    """Child process: load the data, time one metric, print one JSON line."""
    warnings.simplefilter("ignore")
    f = np.load(os.path.join(data, "features.npy"))
    y = np.load(os.path.join(data, "labels.npy"))
    p = np.load(os.path.join(data, "probs.npy"))
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    out = METRICS[metric](f, y, p)
    out["seconds"] = time.perf_counter() - start
    out["maxrssMB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["dataMB"] = base / 1024
    print(json.dumps(out))


def blas_info():
    try:
        from threadpoolctl import threadpool_info
        return [{k: i.get(k) for k in ("internal_api", "version", "threading_layer", "num_threads", "filepath")} for i in threadpool_info()]
    except ImportError:
        return []


def relative(a, b):
    if a is None or b is None:
        return None
    return abs(a - b) / max(abs(a), abs(b), 1e-300)


def compare(results, xfer_path):
    with open(xfer_path) as fh:
        ours = json.load(fh)
    rows = {m["id"]: m for m in ours["metrics"]}
    suite = ours.get("suite", {})
    lines = ["| metric | xfer alone (s) | xfer in suite (s) | numpy (s) | numpy/xfer alone | xfer value | numpy value | rel. diff |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    tot_ours = tot_np = 0.0
    np_capped = False
    for name in ORDER:
        if name not in results or name not in rows:
            continue
        r, o = results[name], rows[name]
        in_suite = suite.get("metricSeconds", {}).get(name)
        if "components" in r:
            pairs = [(k, o["details"].get(k), v) for k, v in r["components"].items()]
        else:
            pairs = [("", o.get("value"), r.get("value"))]
        if r.get("timeout"):
            np_s = "> %.0f" % r["seconds"]
            np_capped = True
        else:
            np_s = "%.2f" % r["seconds"]
        tot_ours += o["seconds"]
        tot_np += r["seconds"]
        for i, (key, ov, nv) in enumerate(pairs):
            label = name + (" " + key if key else "")
            rd = relative(ov, nv)
            cells = [label,
                     "%.2f" % o["seconds"] if i == 0 else "",
                     ("%.2f" % in_suite if in_suite is not None else "–") if i == 0 else "",
                     np_s if i == 0 else "",
                     ("%s%.1f×" % ("> " if r.get("timeout") else "", r["seconds"] / max(o["seconds"], 1e-9))) if i == 0 else "",
                     "%.10g" % ov if ov is not None else "–",
                     "%.10g" % nv if nv is not None else "–",
                     "%.1e" % rd if rd is not None else "–"]
            lines.append("| " + " | ".join(cells) + " |")
    s = suite.get("seconds")
    lines.append("| **total** | %.2f (sum) | %s | %s%.2f (sum) | | | | |" % (tot_ours, "%.2f (suite)" % s if s else "–", "> " if np_capped else "", tot_np))
    summary = "numpy sum %s%.1f s; xfer sum of metrics alone %.1f s" % ("> " if np_capped else "", tot_np, tot_ours)
    if s:
        summary += "; xfer whole suite %.1f s; ratio numpy/xfer suite %s%.2f× (aim ≥ 3×)" % (s, "> " if np_capped else "", tot_np / s)
    return "\n".join(lines) + "\n\n" + summary + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data")
    ap.add_argument("--metrics", default=",".join(ORDER))
    ap.add_argument("--timeout", type=float, default=900.0, help="seconds per metric; a metric that takes longer is reported as '> T'")
    ap.add_argument("--compare", help="xfer.json written by bench/Suite, to print both side by side")
    ap.add_argument("--reuse", action="store_true", help="do not run numpy again: compare DATA/numpy.json from an earlier run on the same data")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one:
        run_one(a.data, a.one)
        return
    if a.reuse:
        with open(os.path.join(a.data, "numpy.json")) as fh:
            saved = json.load(fh)
        shape = list(np.load(os.path.join(a.data, "features.npy"), mmap_mode="r").shape)
        if saved["meta"].get("shape", shape) != shape:
            sys.exit("numpy.json was measured on %s features, the data are now %s; run without --reuse" % (saved["meta"]["shape"], shape))
        print("numpy numbers reused from an earlier run (%s, load average then %s)\n" % (saved["meta"].get("date", "?"), saved["meta"]["loadAverage"]))
        print(compare(saved["metrics"], a.compare))
        return
    results = {}
    for name in a.metrics.split(","):
        sys.stderr.write("numpy: %s ... " % name)
        sys.stderr.flush()
        try:
            proc = subprocess.run([sys.executable, os.path.abspath(__file__), a.data, "--one", name], capture_output=True, text=True,
                                  timeout=a.timeout)
            if proc.returncode != 0:
                results[name] = {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "exit %d" % proc.returncode,
                                 "seconds": float("nan")}
            else:
                results[name] = json.loads(proc.stdout.strip().splitlines()[-1])
        except subprocess.TimeoutExpired:
            results[name] = {"timeout": True, "seconds": a.timeout}
        r = results[name]
        sys.stderr.write("%s s  %s\n" % ("> %.0f" % r["seconds"] if r.get("timeout") else "%.2f" % r["seconds"],
                                         r.get("value", r.get("components", r.get("error", "")))))
    meta = {"numpy": np.__version__, "scipy": scipy.__version__, "sklearn": sklearn.__version__, "python": sys.version.split()[0],
            "blas": blas_info(), "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS"),
            "loadAverage": " ".join(open("/proc/loadavg").read().split()[:3]), "timeout": a.timeout,
            "shape": list(np.load(os.path.join(a.data, "features.npy"), mmap_mode="r").shape),
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    with open(os.path.join(a.data, "numpy.json"), "w") as fh:
        json.dump({"meta": meta, "metrics": results}, fh, indent=1)
    if a.compare:
        print(compare(results, a.compare))


if __name__ == "__main__":
    main()
