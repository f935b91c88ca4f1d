#!/usr/bin/python3
"""Reference PGE signatures for tiny tasks, written independently of the C# code (tests/.../PgeReferenceTests.cs).

What is independent: the whole signature computation — standardisation, the probe network's forward pass, the softmax
cross-entropy backward pass (per batch, ∇W₁ = X_Bᵀ·dA summed batch by batch, never the C# one-product accumulation), Adam,
the per-unit gather, the expectation / top singular vector (numpy SVD) and the normalisation. What must agree by
construction: the seeded random stream. xfer draws every random number from .NET's seeded System.Random (Knuth's
subtractive generator, kept stable by .NET for compatibility); DotNetRandom below is a port of it (CompatPrng in
dotnet/runtime, src/libraries/System.Private.CoreLib/src/System/Random.Net5CompatImpl.cs), and the fixture records its first
draws so a mismatch in the generator is reported separately from one in PGE.

Run with Debian's python (numpy 1.24): /usr/bin/python3 generate_pge_signature.py > pge_signature.json
Tolerance in the test: rtol 1e-9 (Adam's trajectory amplifies ulp-level differences in the order of float operations only
mildly over these 5–14 steps).
"""
import json
import numpy as np

MBIG = 2**31 - 1


def i32(v):
    """C#'s unchecked int arithmetic: wrap to a signed 32-bit value (seeds above 161803398 make mj negative and mj − mk wrap)."""
    return (v + 2**31) % 2**32 - 2**31


class DotNetRandom:
    """System.Random(seed) of .NET (Net5CompatSeedImpl / CompatPrng)."""

    def __init__(self, seed):
        s = [0] * 56
        subtraction = MBIG if seed == -2**31 else abs(seed)
        mj = 161803398 - subtraction
        s[55] = mj
        mk = 1
        ii = 0
        for i in range(1, 55):
            ii += 21
            if ii >= 55:
                ii -= 55
            s[ii] = mk
            mk = i32(mj - mk)
            if mk < 0:
                mk += MBIG
            mj = s[ii]
        for _ in range(1, 5):
            for i in range(1, 56):
                n = i + 30
                if n >= 55:
                    n -= 55
                s[i] = i32(s[i] - s[1 + n])
                if s[i] < 0:
                    s[i] += MBIG
        self.s, self.inext, self.inextp = s, 0, 21

    def internal_sample(self):
        a = self.inext + 1
        if a >= 56:
            a = 1
        b = self.inextp + 1
        if b >= 56:
            b = 1
        r = i32(self.s[a] - self.s[b])
        if r == MBIG:
            r -= 1
        if r < 0:
            r += MBIG
        self.s[a] = r
        self.inext, self.inextp = a, b
        return r

    def next_double(self):
        return self.internal_sample() * (1.0 / MBIG)

    def next_int(self):  # Random.Next()
        return self.internal_sample()

    def next_below(self, n):  # Random.Next(n)
        return int(self.next_double() * n)

    def uniform(self, count, bound):
        return np.array([bound * (2 * self.next_double() - 1) for _ in range(count)])

    def shuffle(self, a):  # Fisher–Yates, as SeededRandom.Shuffle
        for i in range(len(a) - 1, 0, -1):
            j = self.next_below(i + 1)
            a[i], a[j] = a[j], a[i]


class Adam:
    def __init__(self, shape, lr, b1=0.9, b2=0.999, eps=1e-8):
        self.m, self.v, self.t, self.lr, self.b1, self.b2, self.eps = np.zeros(shape), np.zeros(shape), 0, lr, b1, b2, eps

    def step(self, p, g):
        self.t += 1
        self.m = self.b1 * self.m + (1 - self.b1) * g
        self.v = self.b2 * self.v + (1 - self.b2) * g * g
        p -= self.lr * (self.m / (1 - self.b1 ** self.t)) / (np.sqrt(self.v / (1 - self.b2 ** self.t)) + self.eps)


def standardize(x):
    mean = x.mean(axis=0)
    std = x.std(axis=0)  # population std; no constant columns in these fixtures
    return (x - mean) / std


def forward_backward(xb, yb, w1, b1, w2, b2):
    """Loss and the gradients of all four parameters for one batch (mean cross-entropy)."""
    a = xb @ w1 + b1
    h = np.maximum(a, 0)
    z = h @ w2 + b2
    z = z - z.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    bsz = len(yb)
    loss = -logp[np.arange(bsz), yb].mean()
    dz = np.exp(logp)
    dz[np.arange(bsz), yb] -= 1
    dz /= bsz
    da = (dz @ w2.T) * (a > 0)
    return loss, xb.T @ da, da.sum(axis=0), h.T @ dz, dz.sum(axis=0)


def units_of(gw1, gb1, per_neuron, biases):
    """Weight units in signature order: the tensor W₁ row-major (then b₁), or per hidden neuron j: W₁[:, j] (then b₁[j])."""
    if not per_neuron:
        return [gw1.reshape(-1)] + ([gb1] if biases else [])
    return [np.concatenate([gw1[:, j], [gb1[j]]]) if biases else gw1[:, j].copy() for j in range(gw1.shape[1])]


def signature(x, y, o):
    x = standardize(x) if o["standardize"] else x
    n, d = x.shape
    hdim, c = o["hiddenUnits"], int(y.max()) + 1
    master = DotNetRandom(o["seed"])
    probe = DotNetRandom(master.next_int())
    w1_0 = probe.uniform(d * hdim, 1 / np.sqrt(d)).reshape(d, hdim)
    b1_0 = probe.uniform(hdim, 1 / np.sqrt(d))
    restart_seeds = [master.next_int() for _ in range(o["restarts"])]
    per_batch, losses = [], []
    for seed in restart_seeds:
        rng = DotNetRandom(seed)
        w2 = rng.uniform(hdim * c, 1 / np.sqrt(hdim)).reshape(hdim, c)
        b2 = rng.uniform(c, 1 / np.sqrt(hdim))
        w1, b1 = w1_0.copy(), b1_0.copy()
        order = list(range(n))
        rng.shuffle(order)
        pos = 0
        opt = [Adam(w1.shape, o["learningRate"]), Adam(b1.shape, o["learningRate"]), Adam(w2.shape, o["learningRate"]), Adam(b2.shape, o["learningRate"])]
        for _ in range(o["stepsPerRestart"]):
            if pos >= n:
                rng.shuffle(order)
                pos = 0
            rows = order[pos:pos + o["batchSize"]]
            pos += len(rows)
            loss, gw1, gb1, gw2, gb2 = forward_backward(x[rows], y[rows], w1, b1, w2, b2)
            losses.append(loss)
            per_batch.append(units_of(gw1, gb1, o["units"] == "Neuron", o["includeBiases"]))
            if o["trajectory"] in ("HeadOnly", "Full"):
                opt[2].step(w2, gw2)
                opt[3].step(b2, gb2)
            if o["trajectory"] == "Full":
                opt[0].step(w1, gw1)
                opt[1].step(b1, gb1)
    vector, norms = [], []
    for u in range(len(per_batch[0])):
        g = np.array([batch[u] for batch in per_batch])  # (R·T) × unit length
        mean = g.mean(axis=0)
        if not g.any():  # a neuron dead on every sample: xfer keeps a zero unit with norm 0
            vector.append(np.zeros(g.shape[1]))
            norms.append(0.0)
            continue
        norms.append(float(np.linalg.norm(mean)))
        if o["direction"] == "TopSingularVector":
            v = np.linalg.svd(g, full_matrices=False)[2][0]
            v = -v if v @ mean < 0 else v
        else:
            v = mean
        vector.append(v / np.linalg.norm(v))
    return np.concatenate(vector), norms, float(np.mean(losses))


def main():
    data = np.random.default_rng(20221130)
    n, d, c = 37, 5, 3
    y = np.arange(n) % c
    data.shuffle(y)
    centers = data.normal(size=(c, d)) * 1.5
    x = centers[y] + data.normal(size=(n, d)) + np.array([3.0, -1.0, 0.0, 10.0, 0.5])  # offsets: standardisation matters
    base = dict(hiddenUnits=4, restarts=2, stepsPerRestart=7, batchSize=8, learningRate=0.05, trajectory="HeadOnly",
                standardize=True, units="Tensor", includeBiases=False, direction="Expectation", seed=7)
    cases = [
        dict(base),
        dict(base, units="Neuron", includeBiases=True, trajectory="Full", seed=123),
        dict(base, trajectory="AtInitialisation", standardize=False, direction="TopSingularVector", units="Neuron", seed=99),
        dict(base, direction="TopSingularVector", includeBiases=True, restarts=3, stepsPerRestart=5, batchSize=11, seed=2024),
    ]
    out_cases = []
    for o in cases:
        vec, norms, loss = signature(x, y, o)
        out_cases.append(dict(options=o, vector=vec.tolist(), unitNorms=norms, meanBatchLoss=loss))
    probe = DotNetRandom(7)
    draws = dict(seed=7, nextDouble=[probe.next_double() for _ in range(3)], next=[probe.next_int() for _ in range(2)],
                 nextBelow10=[probe.next_below(10) for _ in range(5)])
    print(json.dumps(dict(source="generate_pge_signature.py (numpy %s)" % np.__version__, randomDraws=draws,
                          x=x.tolist(), y=y.tolist(), cases=out_cases), indent=1))


if __name__ == "__main__":
    main()
