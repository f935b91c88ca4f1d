#!/usr/bin/python3
"""Reference values for nleep, parc, pactran, knn and linear-probe (and the Gaussian mixture under N-LEEP).

Each computation is written the straightforward numpy/scipy/scikit-learn way, as the reference repositories do, and
differently from the C# code:
  * nleep: sklearn PCA(n_components=0.8) + sklearn.mixture.GaussianMixture + a dense numpy LEEP (C#: shared eigen-PCA,
    its own EM with triangular products and sparse M-step). With identical starting parameters (weights_init, means_init,
    precisions_init = inv(covariances)) both must follow the same EM iterates; with independent k-means starts only the
    spread of N-LEEP over scikit-learn seeds is recorded.
  * parc: sklearn PCA (full SVD, svd_flip signs) + StandardScaler + np.corrcoef + scipy.stats.spearmanr on the explicit
    upper triangles (C#: exact rank statistics over value buckets, never storing the pairs). The label RDM is the exact
    binary [y_i != y_j] ("exact"); the reference's randomized PCA and float corrcoef of one-hot rows are recorded too.
  * pactran: the reference calculate_pac_gauss (google-research/pactran_metrics compute_metrics.py) with scipy L-BFGS-B,
    from a stored initial θ₀ (C#: its own L-BFGS on the shared softmax-regression objective).
  * knn: a dense numpy distance matrix with np.lexsort by (distance, index) and the documented vote rule, and
    sklearn KNeighborsClassifier under LeaveOneOut where no ties occur (C#: blocked products + exact re-ranking).
  * linear-probe: sklearn make_pipeline(StandardScaler(), LogisticRegression(C=1)) per given fold (C#: its own
    standardiser and L-BFGS softmax regression).

Data: SplitMix64 tasks (generate_suite_metrics.make_labels/make_features), regenerated bit for bit by
tests/Xfer.Tests/Support/SplitMixData.cs; "duplicates" copies rows (dst <- src) after generation to create ties.

Run with Debian's python (numpy 1.24.2, scipy 1.10.1, scikit-learn 1.2.1):
  /usr/bin/python3 generate_suite_b_metrics.py > suite_b_metrics.json
"""
import json
import sys
import warnings

import numpy as np
import scipy
import scipy.optimize
import scipy.special
import scipy.stats
import sklearn
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.mixture import GaussianMixture
from sklearn.mixture._gaussian_mixture import _estimate_gaussian_parameters
from sklearn.model_selection import LeaveOneOut, StratifiedKFold, cross_val_score
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from generate_suite_metrics import make_features, make_labels  # noqa: E402


def task(spec):
    y = make_labels(spec["labelSeed"], spec["n"], spec["c"])
    x = make_features(spec["featureSeed"], y, spec["c"], spec["d"], spec["sep"], spec["scale"])
    for dst, src in spec.get("duplicates", []):
        x[dst] = x[src]
    return x, y


def leep(p, y):
    """Dense LEEP (TLlib log_expected_empirical_prediction)."""
    c = int(y.max() + 1)
    joint = np.eye(c)[y].T @ p / len(y)
    cond = joint / joint.sum(axis=0, keepdims=True)
    return float(np.mean(np.log((p @ cond.T)[np.arange(len(y)), y])))


# ---------------------------------------------------------------- Gaussian mixture / N-LEEP

def gmm_same_start(spec):
    x, y = task(spec)
    k = spec["components"]
    km = KMeans(n_clusters=k, n_init=1, random_state=0).fit(x)
    resp = np.zeros((len(x), k))
    resp[np.arange(len(x)), km.labels_] = 1
    weights, means, covs = _estimate_gaussian_parameters(x, resp, 1e-6, "full")
    weights /= len(x)
    g = GaussianMixture(n_components=k, weights_init=weights, means_init=means,
                        precisions_init=np.array([np.linalg.inv(c) for c in covs]), tol=1e-3, reg_covar=1e-6, max_iter=100)
    g.fit(x)
    post = g.predict_proba(x)
    return {
        "init": {"weights": weights.tolist(), "means": means.tolist(), "covariances": covs.tolist()},
        "lower_bound": float(g.lower_bound_),
        "n_iter": int(g.n_iter_),
        "converged": bool(g.converged_),
        "final_loglik": float(g.score(x)),
        "means": g.means_.tolist(),
        "weights": g.weights_.tolist(),
        "nleep": leep(post, y),
    }


def nleep_sklearn(spec, seeds):
    x, y = task(spec)
    c = spec["c"]
    pca = PCA(n_components=0.8).fit(x)
    z = pca.transform(x)
    values = []
    for s in seeds:
        g = GaussianMixture(n_components=5 * c, random_state=s).fit(z)
        values.append(leep(g.predict_proba(z), y))
    return {"dims": int(pca.n_components_), "nleep_by_seed": values, "seeds": list(seeds)}


# ---------------------------------------------------------------- PARC

def parc(spec):
    x, y = task(spec)
    n = len(y)
    iu = np.triu_indices(n, 1)
    same = (y[:, None] == y[None, :])[iu]
    q = min(32, x.shape[1], n - 1)
    out = {}
    for name, pca in [("exact", PCA(n_components=q, svd_solver="full")),
                      ("randomized1919", PCA(n_components=q, svd_solver="randomized", random_state=1919, iterated_power=1))]:
        f = StandardScaler().fit_transform(pca.fit_transform(x))
        rdm = (1 - np.corrcoef(f))[iu]
        out["parc_" + name] = float(scipy.stats.spearmanr(rdm, (~same).astype(np.float64))[0] * 100)
        if name == "randomized1919":
            rdm_y = (1 - np.corrcoef(np.eye(spec["c"])[y]))[iu]
            out["parc_reference"] = float(scipy.stats.spearmanr(rdm, rdm_y)[0] * 100)
            out["reference_label_rdm_distinct_values"] = int(len(np.unique(rdm_y)))
        else:
            out["tied_pairs"] = int(np.sum(np.unique(rdm, return_counts=True)[1][np.unique(rdm, return_counts=True)[1] > 1]))
    out["pairs"] = int(len(same))
    out["same_class_pairs"] = int(same.sum())
    return out


# ---------------------------------------------------------------- PACTran-Gaussian

def pac_gauss(x, y, lda_factor, theta0, s2_factor, options):
    """calculate_pac_gauss of compute_metrics.py, with θ₀ and the optimiser options as arguments."""
    nclasses = int(y.max() + 1)
    label = np.eye(nclasses)[y]
    x = x - np.mean(x, axis=0, keepdims=True)
    bs, d = x.shape
    kd = d * nclasses
    ldas2 = lda_factor * bs

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

    res = scipy.optimize.minimize(loss_fn, theta0, method="L-BFGS-B", jac=grad_fn, **options)
    opt = loss_fn(res.x)
    sigma2_inv = np.sum(grad2(res.x)) * ldas2 / kd + 1e-10
    s2 = s2_factor / d
    return {"pac_gauss": float(opt + 0.5 * kd / ldas2 * s2 * np.log(sigma2_inv)), "pac_opt": float(opt),
            "nit": int(res.nit), "initial_loss": float(loss_fn(theta0))}


def pactran(spec):
    x, y = task(spec)
    d, c = x.shape[1], spec["c"]
    rs = np.random.RandomState(spec["thetaSeed"])
    theta0 = np.ravel(np.concatenate([rs.normal(size=[d, c]) * 0.03, np.zeros([1, c])], axis=0))
    out = {"theta0": theta0.tolist()}
    for lam, s2 in [(1.0, 100.0), (10.0, 1000.0), (0.1, 1.0)]:
        key = "lambda%g_s2%g" % (lam, s2)
        out[key + "_reference"] = pac_gauss(x, y, lam, theta0, s2, {"options": dict(maxiter=100), "tol": 1e-6})
        out[key + "_converged"] = pac_gauss(x, y, lam, theta0, s2,
                                            {"options": dict(maxiter=20000, ftol=1e-16, gtol=1e-11, maxfun=100000)})
    return out


# ---------------------------------------------------------------- kNN

def knn_naive(x, y, k, metric):
    n = len(y)
    if metric == "euclidean":
        dist = np.sum((x[:, None, :] - x[None, :, :]) ** 2, axis=2)
    else:
        norms = np.linalg.norm(x, axis=1)
        dist = 1 - (x @ x.T) / np.outer(norms, norms)
    correct = ties = 0
    c = int(y.max() + 1)
    for i in range(n):
        others = np.array([j for j in range(n) if j != i])
        order = others[np.lexsort((others, dist[i, others]))][:k]
        votes = np.bincount(y[order], minlength=c)
        top = votes.max()
        tied = np.flatnonzero(votes == top)
        ties += len(tied) > 1
        pred = next(y[j] for j in order if votes[y[j]] == top)  # nearest member among the tied classes
        correct += pred == y[i]
    return {"accuracy": correct / n, "vote_ties": int(ties)}


def knn(spec):
    x, y = task(spec)
    out = {}
    for k in spec["ks"]:
        for metric in ("euclidean", "cosine"):
            out["%s_k%d" % (metric, k)] = knn_naive(x, y, k, metric)
    if spec.get("sklearn"):
        for k in spec["sklearnKs"]:
            acc = cross_val_score(KNeighborsClassifier(n_neighbors=k, algorithm="brute"), x, y, cv=LeaveOneOut()).mean()
            out["sklearn_loo_k%d" % k] = float(acc)
    return out


# ---------------------------------------------------------------- linear probe

def linear_probe(spec):
    x, y = task(spec)
    folds = np.zeros(len(y), dtype=np.int64)
    for f, (_, test) in enumerate(StratifiedKFold(n_splits=5, shuffle=True, random_state=spec["foldSeed"]).split(x, y)):
        folds[test] = f
    out = {"folds": folds.tolist()}
    for name, kwargs in [("converged", dict(tol=1e-10, max_iter=100000)), ("defaults", {})]:
        correct = 0
        ce = 0.0
        for f in range(5):
            tr, te = folds != f, folds == f
            model = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, **kwargs)).fit(x[tr], y[tr])
            p = model.predict_proba(x[te])
            correct += int(np.sum(np.argmax(p, axis=1) == y[te]))
            ce -= float(np.sum(np.log(p[np.arange(te.sum()), y[te]])))
        out[name] = {"accuracy": correct / len(y), "cross_entropy": ce / len(y)}
    return out


def main():
    warnings.simplefilter("ignore")
    base = {"sep": 0.6, "scale": 1.0}
    cases = {
        "gmm_small": dict(base, labelSeed=11, featureSeed=12, n=240, c=3, d=4, components=15),
        "gmm_wide": dict(base, labelSeed=13, featureSeed=14, n=120, c=3, d=12, components=15),
        "nleep_pca": dict(base, labelSeed=15, featureSeed=16, n=400, c=4, d=24),
        "parc_ties": dict(base, labelSeed=21, featureSeed=22, n=300, c=5, d=40,
                          duplicates=[[1, 100], [2, 101], [3, 101], [4, 150], [250, 5]]),
        "parc_37": dict(base, labelSeed=23, featureSeed=24, n=500, c=37, d=64),
        "parc_small_d": dict(base, labelSeed=25, featureSeed=26, n=120, c=3, d=6),
        "pactran": dict(base, labelSeed=31, featureSeed=32, n=200, c=4, d=10, thetaSeed=0),
        "knn_ties": dict(base, labelSeed=41, featureSeed=42, n=250, c=4, d=6, ks=[1, 3, 4, 5, 8],
                         duplicates=[[1, 100], [2, 100], [3, 130], [4, 5]]),
        "knn_binary": dict(base, labelSeed=43, featureSeed=44, n=200, c=2, d=5, ks=[1, 3], sklearn=True, sklearnKs=[1, 3, 5, 7]),
        "linear_probe": dict(base, labelSeed=51, featureSeed=52, n=300, c=3, d=8, foldSeed=0),
    }
    out = {
        "generator": "generate_suite_b_metrics.py",
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "sklearn": sklearn.__version__},
        "cases": {},
    }
    for name, spec in cases.items():
        x, _ = task(spec)
        entry = dict(spec)
        entry["checksum"] = float(np.sum(x))
        if name.startswith("gmm"):
            entry["expected"] = gmm_same_start(spec)
        elif name.startswith("nleep"):
            entry["expected"] = nleep_sklearn(spec, range(8))
        elif name.startswith("parc"):
            entry["expected"] = parc(spec)
        elif name.startswith("pactran"):
            entry["expected"] = pactran(spec)
        elif name.startswith("knn"):
            entry["expected"] = knn(spec)
        else:
            entry["expected"] = linear_probe(spec)
        out["cases"][name] = entry
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
