#!/usr/bin/python3
"""Loads every file the C# writer produced (write_xfer_fixtures.fsx) with numpy and checks dtype, shape and values
against arrays defined here independently; writes xfer_written_check.json. Exits non-zero on any mismatch.

    /usr/bin/python3 tests/Xfer.Tests/Fixtures/io/check_xfer_written.py
"""
import json
import os
import sys
import zipfile

import numpy as np

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "xfer_written")
m = np.array([[1.5, -2.25, 1e-300], [np.nan, np.inf, 0.1]])
expected = {
    "f8_3x4.npy": np.arange(12).reshape(3, 4) * 0.25 - 1.0,
    "f4_3x4.npy": (np.arange(12).reshape(3, 4) * 0.1 - 0.55).astype("<f4"),
    "i8_5.npy": np.array([-2**62, -1, 0, 1, 2**53], dtype="<i8"),
    "i4_2x3.npy": np.array([[-2**31, -7, 0], [5, 99, 2**31 - 1]], dtype="<i4"),
    "u1_2x2x2.npy": (np.arange(8) * 36).reshape(2, 2, 2).astype("|u1"),
    "scalar_f8.npy": np.array(2.75),
    "matrix_f8.npy": m,
    "matrix_f4.npy": m.astype("<f4"),
}
members = {
    "features": (np.arange(1, 9).reshape(4, 2) * 0.5).astype("<f4"),
    "labels": np.array([0, 1, 1, 0], dtype="<i8"),
    "scalar": np.array(-0.5),
}
report = {"numpy": np.__version__, "files": {}}
ok = True


def same(a, b):
    return a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a, b, equal_nan=True)


for name, want in expected.items():
    got = np.load(os.path.join(HERE, name))
    good = same(got, want) and got.flags.c_contiguous
    report["files"][name] = {"dtype": got.dtype.str, "shape": list(got.shape), "ok": bool(good)}
    ok &= good
for name, compressed in (("stored.npz", False), ("deflated.npz", True)):
    path = os.path.join(HERE, name)
    with np.load(path) as z:
        good = sorted(z.files) == sorted(members) and all(same(z[k], v) for k, v in members.items())
    with zipfile.ZipFile(path) as zf:
        methods = {i.filename: i.compress_type for i in zf.infolist()}
        good &= all(t == (zipfile.ZIP_DEFLATED if compressed else zipfile.ZIP_STORED) for t in methods.values())
        good &= zf.testzip() is None
    report["files"][name] = {"members": sorted(z.files), "zip_methods": sorted(set(methods.values())), "ok": bool(good)}
    ok &= good

with open(os.path.join(os.path.dirname(HERE), "xfer_written_check.json"), "w") as f:
    json.dump(report, f, indent=1)
    f.write("\n")
print("all files load in numpy with the expected content" if ok else "MISMATCH", file=sys.stderr)
sys.exit(0 if ok else 1)
