#!/usr/bin/python3
"""Data for the TTA benchmark and rank-correlation experiment (run with /usr/bin/python3: numpy only).

Usage: make_data.py OUTDIR

Writes .npy files:
  * bench-512: synthetic official-size problem (D = 512, 10 classes, 10 000 source / 10 000 target train samples,
    2 000 test each): Gaussian class clusters; the target is a random rotation + shift of fresh source draws with
    permuted labels. Used by bench.sh for the timing of the official defaults (2001 epochs, batch 1000).
  * fmnist-*: Fashion-MNIST (Debian package dataset-fashion-mnist) through a fixed "encoder": PCA to 32 dimensions
    fitted on clean source images. Source = 10 classes, 400 train / 100 test images per class. Targets = fresh
    images of the same classes with additive Gaussian pixel noise sigma in {0, 0.3, 0.6, 0.9, 1.2, 1.6} (pixels in
    [0, 1]) and, for two extra targets, random 3×3 patch occlusion of growing size. Noise makes the target harder,
    so the probe accuracy falls; a useful bound must rise.
"""
import gzip
import os
import sys

import numpy as np

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(2023)


def save(name, arr):
    np.save(os.path.join(out, name + ".npy"), arr)


# --- bench-512 -------------------------------------------------------------------------------------------
D, C = 512, 10
means = 0.35 * rng.normal(size=(C, D))


def draw(n_per_class):
    y = np.repeat(np.arange(C), n_per_class)
    x = means[y] + rng.normal(size=(len(y), D))
    return x, y


q, _ = np.linalg.qr(rng.normal(size=(D, D)))
perm = rng.permutation(C)
for split, n in [("train", 1000), ("test", 200)]:
    xs, ys = draw(n)
    save(f"bench512-source-{split}-x", xs.astype(np.float32))
    save(f"bench512-source-{split}-y", ys.astype(np.int64))
    xt, yt = draw(n)
    save(f"bench512-target-{split}-x", (xt @ q.T + 0.5).astype(np.float32))
    save(f"bench512-target-{split}-y", perm[yt].astype(np.int64))

# --- Fashion-MNIST targets --------------------------------------------------------------------------------
root = "/usr/share/datasets/fashion-mnist"


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


images = idx(os.path.join(root, "train-images-idx3-ubyte.gz")).reshape(-1, 784).astype(np.float64) / 255.0
labels = idx(os.path.join(root, "train-labels-idx1-ubyte.gz")).astype(np.int64)
by_class = [rng.permutation(np.flatnonzero(labels == k)) for k in range(10)]


def take(offset, n):
    idx_ = np.concatenate([by_class[k][offset:offset + n] for k in range(10)])
    return images[idx_], labels[idx_]


src_train, src_train_y = take(0, 400)
src_test, src_test_y = take(400, 100)
mean = src_train.mean(0)
_, _, vt = np.linalg.svd(src_train - mean, full_matrices=False)
proj = vt[:32].T


def encode(x):
    return (x - mean) @ proj


save("fmnist-source-train-x", encode(src_train))
save("fmnist-source-train-y", src_train_y)
save("fmnist-source-test-x", encode(src_test))
save("fmnist-source-test-y", src_test_y)

tgt_train, tgt_train_y = take(500, 400)
tgt_test, tgt_test_y = take(900, 100)


def occlude(x, size):
    x = x.reshape(-1, 28, 28).copy()
    for img in x:
        r, c = rng.integers(0, 28 - size + 1, 2)
        img[r:r + size, c:c + size] = 0.0
    return x.reshape(-1, 784)


targets = [(f"noise{s:.1f}", lambda x, s=s: x + s * rng.normal(size=x.shape)) for s in [0.0, 0.3, 0.6, 0.9, 1.2, 1.6]]
targets += [(f"occlude{z}", lambda x, z=z: occlude(x, z)) for z in [12, 18]]
for name, corrupt in targets:
    save(f"fmnist-{name}-train-x", encode(corrupt(tgt_train)))
    save(f"fmnist-{name}-train-y", tgt_train_y)
    save(f"fmnist-{name}-test-x", encode(corrupt(tgt_test)))
    save(f"fmnist-{name}-test-y", tgt_test_y)

print("targets:", " ".join(n for n, _ in targets))
