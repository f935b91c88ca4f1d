#!/usr/bin/python3
"""Reference fits for tests/Xfer.Tests/Evaluation/SoftmaxRegressionTests.cs.

Run with Debian's interpreter (scikit-learn 1.2.1, SciPy 1.10.1, NumPy 1.24.2):
    /usr/bin/python3 make_logistic_fixtures.py          # writes logistic_*.txt next to this script

Each problem is fitted with
    LogisticRegression(penalty='l2', C=1/(l2*N), multi_class='multinomial', solver='lbfgs',
                       fit_intercept=True, tol=1e-10, max_iter=100000, warm_start=True)
refitted until the sum-scale gradient is below 1e-9 or 2000 rounds (SciPy's L-BFGS-B stops on its factr test first)
optionally after StandardScaler() fitted on the training rows (standardize 1). scikit-learn 1.2.1 minimises
sum CE + ||W||^2/(2C) = N * (mean CE + l2/2 ||W||^2), so the fixture's objective is J = mean CE + l2/2 ||W||^2,
recomputed here from coef_/intercept_ in float64 (for two classes sklearn stores only w1; the full model is
W = [-w1, w1], b = [-b1, b1]). The achieved sum-scale projected-gradient norm is written as a comment.

File format (whitespace separated):
    l2 <value> / standardize <0|1> / classes <C> / train <N> <D> followed by N rows "label x1..xD" /
    test <M> followed by M rows / objective <J> / trainAccuracy <a> / testAccuracy <a> / testCrossEntropy <nats> /
    testProbabilities followed by M rows of C probabilities.
Tolerances used by the tests: objective 1e-9 relative (measured <= 2e-12), probabilities 1e-5 absolute (measured <= 2.3e-6),
accuracies exact.
"""
import os
import warnings

import numpy as np
import sklearn
from scipy.special import logsumexp
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

warnings.simplefilter("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))


def make(rng, n, d, c, separation, offset=0.0, scales=None):
    means = separation * rng.normal(size=(c, d))
    y = np.arange(n) % c
    rng.shuffle(y)
    x = means[y] + rng.normal(size=(n, d))
    if scales is not None:
        x = x * scales
    return x + offset, y


def full_model(model, c):
    coef, intercept = model.coef_, model.intercept_
    if c == 2:
        coef = np.vstack([-coef[0], coef[0]])
        intercept = np.array([-intercept[0], intercept[0]])
    return coef, intercept


def sum_scale_gradient(model, xs, y, C, c):
    coef, intercept = full_model(model, c)
    z = xs @ coef.T + intercept
    p = np.exp(z - logsumexp(z, axis=1, keepdims=True))
    p[np.arange(len(y)), y] -= 1
    return np.abs(np.concatenate([(xs.T @ p + coef.T / C).ravel(), p.sum(axis=0)])).max()


def problem(name, seed, n, m, d, c, separation, l2, standardize, offset=0.0, scale_spread=False):
    rng = np.random.default_rng(seed)
    scales = np.exp(rng.normal(scale=1.5, size=d)) if scale_spread else None
    xall, yall = make(rng, n + m, d, c, separation, offset, scales)
    x, y, xt, yt = xall[:n], yall[:n], xall[n:], yall[n:]
    xs, xts = x, xt
    if standardize:
        sc = StandardScaler().fit(x)
        xs, xts = sc.transform(x), sc.transform(xt)
    C = 1.0 / (l2 * n)
    model = LogisticRegression(penalty="l2", C=C, multi_class="multinomial", solver="lbfgs",
                               fit_intercept=True, tol=1e-10, max_iter=100000, warm_start=True)
    # SciPy's L-BFGS-B inside sklearn stops on its relative-decrease test (factr) long before tol=1e-10; refitting
    # with warm_start restarts it from the previous solution until the gradient is tiny (or 2000 rounds).
    rounds = 0
    for rounds in range(1, 2001):
        model.fit(xs, y)
        if sum_scale_gradient(model, xs, y, C, c) < 1e-9:
            break
    coef, intercept = full_model(model, c)

    def logp(a):
        z = a @ coef.T + intercept
        return z - logsumexp(z, axis=1, keepdims=True)

    lp = logp(xs)
    objective = -lp[np.arange(n), y].mean() + 0.5 * l2 * np.sum(coef ** 2)
    lpt = logp(xts)
    probs = np.exp(lpt)
    assert np.allclose(probs, model.predict_proba(xts), atol=1e-12), "reconstructed model must match predict_proba"
    with open(os.path.join(HERE, f"logistic_{name}.txt"), "w") as f:
        f.write(f"# scikit-learn {sklearn.__version__}, C = {C!r}, {rounds} warm-started fit(s), "
                f"sum-scale |grad|_inf at its solution = {sum_scale_gradient(model, xs, y, C, c):.3e}\n")
        f.write(f"l2 {l2!r}\nstandardize {int(standardize)}\nclasses {c}\ntrain {n} {d}\n")
        for i in range(n):
            f.write(f"{y[i]} " + " ".join(repr(float(v)) for v in x[i]) + "\n")
        f.write(f"test {m}\n")
        for i in range(m):
            f.write(f"{yt[i]} " + " ".join(repr(float(v)) for v in xt[i]) + "\n")
        f.write(f"objective {objective!r}\n")
        f.write(f"trainAccuracy {float((model.predict(xs) == y).mean())!r}\n")
        f.write(f"testAccuracy {float((model.predict(xts) == yt).mean())!r}\n")
        f.write(f"testCrossEntropy {float(-lpt[np.arange(m), yt].mean())!r}\n")
        f.write("testProbabilities\n")
        for i in range(m):
            f.write(" ".join(repr(float(v)) for v in probs[i]) + "\n")


if __name__ == "__main__":
    problem("overlap3", 1, 150, 60, 5, 3, 0.8, 1e-2, False)
    problem("scaled4", 2, 200, 80, 20, 4, 0.6, 1e-3, False, offset=0.0, scale_spread=True)
    problem("binary", 3, 120, 50, 4, 2, 0.7, 1e-1, False)
    problem("wide", 4, 40, 30, 60, 3, 0.5, 1e-2, False)
    problem("standardized5", 5, 300, 100, 8, 5, 0.7, 1e-4, True, offset=50.0, scale_spread=True)
    problem("separable", 6, 100, 40, 3, 3, 3.0, 1e-5, True)
