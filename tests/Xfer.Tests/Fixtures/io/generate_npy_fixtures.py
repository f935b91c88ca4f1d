#!/usr/bin/python3
"""Writes the reader fixtures for tests/Xfer.Tests/IO with NumPy, and manifest.json with the expected content.

Run from anywhere with Debian's python (numpy 1.24):  /usr/bin/python3 tests/Xfer.Tests/Fixtures/io/generate_npy_fixtures.py
Every file is written by numpy itself (np.save, np.lib.format.write_array with version=(1,0)/(2,0)/(3,0), np.savez,
np.savez_compressed), except the hand-made headers and corrupted files, whose construction is shown below; each
hand-made header that should be valid is checked with np.load before it is kept.

manifest.json lists, per array: file, descr, shape, fortran_order, version and every value in C order (float64 as
Python repr; "nan", "inf", "-inf" as strings; integers exact). Tests compare with rtol 0: the conversion to float64 is
exact for every dtype except int64/uint64 beyond 2^53, where the expected value is Python's float(int), which rounds
to nearest-even like the C# conversion.
"""
import gzip
import io
import json
import os
import shutil
import struct
import zipfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
fmt = np.lib.format


def path(*parts):
    p = os.path.join(HERE, *parts)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    return p


def jsonable(a):
    out = []
    for v in np.asarray(a).ravel(order="C").tolist():
        if isinstance(v, bool):
            out.append(1 if v else 0)
        elif isinstance(v, int):
            out.append(v)
        elif v != v:
            out.append("nan")
        elif v in (float("inf"), float("-inf")):
            out.append("inf" if v > 0 else "-inf")
        else:
            out.append(float(v))
    return out


def entry(file, a, version=None):
    return {
        "file": file,
        "descr": fmt.dtype_to_descr(a.dtype),
        "shape": list(a.shape),
        "fortran_order": bool(a.flags.f_contiguous and not a.flags.c_contiguous),
        "version": version,
        "values": jsonable(a),
    }


# 12 values per dtype, including each type's extremes and, for floats, every special value.
BASE = {
    "f2": np.array([0.0, -0.0, 1.0, -1.5, 65504.0, -65504.0, 2.0**-14, 2.0**-24, np.inf, -np.inf, np.nan, 1 / 3], dtype=np.float16),
    "f4": np.array([0.0, -0.0, 1.0, -1.5, 3.4028235e38, -3.4028235e38, 2.0**-126, 2.0**-149, np.inf, -np.inf, np.nan, 0.1], dtype=np.float32),
    "f8": np.array([0.0, -0.0, 1.0, -1.5, 1.7976931348623157e308, -1.7976931348623157e308, 2.2250738585072014e-308, 5e-324, np.inf, -np.inf, np.nan, 0.1], dtype=np.float64),
    "i1": np.array([-128, 127, 0, -1, 1, 2, -2, 100, -100, 64, -64, 3], dtype=np.int8),
    "i2": np.array([-32768, 32767, 0, -1, 1, 256, -256, 1000, -1000, 12345, -12345, 3], dtype=np.int16),
    "i4": np.array([-2**31, 2**31 - 1, 0, -1, 1, 65536, -65536, 10**9, -10**9, 123456789, -123456789, 3], dtype=np.int32),
    "i8": np.array([-2**63, 2**63 - 1, 0, -1, 2**53, 2**53 + 1, -(2**53 + 1), 2**62 + 3, 10**15 + 7, -10**15 - 7, 123456789012345678, 3], dtype=np.int64),
    "u1": np.array([0, 255, 1, 128, 127, 2, 3, 200, 100, 50, 25, 254], dtype=np.uint8),
    "u2": np.array([0, 65535, 1, 32768, 32767, 256, 255, 60000, 1000, 12345, 2, 3], dtype=np.uint16),
    "u4": np.array([0, 2**32 - 1, 1, 2**31, 2**31 - 1, 65536, 3, 4000000000, 10**9, 123456789, 2, 7], dtype=np.uint32),
    "u8": np.array([0, 2**64 - 1, 1, 2**63, 2**63 - 1, 2**53 + 1, 2**53, 10**19, 10**15 + 7, 123456789012345678, 2, 7], dtype=np.uint64),
    "b1": np.array([True, False, True, True, False, False, True, False, True, True, True, False], dtype=np.bool_),
}

manifest = {"numpy": np.__version__, "arrays": [], "npz": [], "idx": []}
shutil.rmtree(os.path.join(HERE, "npy"), ignore_errors=True)
shutil.rmtree(os.path.join(HERE, "npz"), ignore_errors=True)
shutil.rmtree(os.path.join(HERE, "idx"), ignore_errors=True)
shutil.rmtree(os.path.join(HERE, "corrupt"), ignore_errors=True)
shutil.rmtree(os.path.join(HERE, "writer"), ignore_errors=True)

# ---- every dtype × byte order × memory order × format version ------------------------------------------------------
for code, base in BASE.items():
    orders = ["|"] if base.dtype.itemsize == 1 else ["<", ">"]
    for bo in orders:
        for order in ("C", "F"):
            a = base.reshape(3, 4).astype(base.dtype.newbyteorder(bo) if bo != "|" else base.dtype)
            a = np.asfortranarray(a) if order == "F" else np.ascontiguousarray(a)
            for version in ((1, 0), (2, 0), (3, 0)):
                endian = {"<": "le", ">": "be", "|": "na"}[bo]
                name = f"npy/{code}_{endian}_{order}_v{version[0]}.npy"
                with open(path(name), "wb") as f:
                    fmt.write_array(f, a, version=version)
                back = np.load(path(name))
                assert back.dtype == a.dtype and back.shape == a.shape
                manifest["arrays"].append(entry(name, a, f"{version[0]}.{version[1]}"))

# ---- shapes: 0-d, 1-d, empty, n-d in both orders --------------------------------------------------------------------
shapes = {
    "npy/scalar_f8.npy": np.array(3.5),
    "npy/vector_i8.npy": np.array([5, -3, 0, 7, 2], dtype=np.int64),
    "npy/single_f4.npy": np.array([2.5], dtype=np.float32),
    "npy/empty_f4.npy": np.zeros((0, 3), dtype=np.float32),
    "npy/cube_f8_C.npy": np.arange(24, dtype=np.float64).reshape(2, 3, 4) / 8 - 1,
    "npy/cube_f8_F.npy": np.asfortranarray(np.arange(24, dtype=np.float64).reshape(2, 3, 4) / 8 - 1),
    "npy/cube_i2_be_F.npy": np.asfortranarray((np.arange(24).reshape(2, 3, 4) * 37 - 400).astype(">i2")),
    "npy/tesseract_u2_F.npy": np.asfortranarray(np.arange(12, dtype=np.uint16).reshape(2, 1, 3, 2) * 1000),
    "npy/column_i4.npy": np.array([[1], [0], [2], [1]], dtype=np.int32),
    "npy/labels_f4_integral.npy": np.array([0, 1, 2, 1, 0, 2], dtype=np.float32),
    "npy/labels_f8_fractional.npy": np.array([0.0, 1.0, 2.0, 2.5, 1.0]),
    "npy/labels_f8_nan.npy": np.array([0.0, 1.0, np.nan]),
    "npy/labels_b1.npy": np.array([True, False, False, True, True]),
    "npy/onehot_f4.npy": np.eye(3, dtype=np.float32)[[0, 1, 2, 1]],
    "npy/wide_f4.npy": (np.arange(40, dtype=np.float32).reshape(5, 8) - 20) / 4,
}
for name, a in shapes.items():
    np.save(path(name), a)
    manifest["arrays"].append(entry(name, a, "1.0"))

# ---- hand-written headers that numpy accepts (spacing, quotes, trailing commas, key order, Python 2 longs) ----------
def raw_npy(name, header, data, version=(1, 0), check=True):
    h = header.encode("latin1" if version < (3, 0) else "utf8")
    total = 10 + len(h) if version == (1, 0) else 12 + len(h)
    h += b" " * ((-total - 1) % 64) + b"\n"
    prefix = fmt.magic(*version) + (struct.pack("<H", len(h)) if version == (1, 0) else struct.pack("<I", len(h)))
    with open(path(name), "wb") as f:
        f.write(prefix + h + data)
    if check:
        np.load(path(name))


odd = np.array([[1.5, -2.0, 3.25], [4.0, 5.5, -6.75]], dtype="<f4")
for i, header in enumerate([
    "{'descr':'<f4','fortran_order':False,'shape':(2,3)}",
    "{ 'shape' : ( 2 , 3 , ) , 'fortran_order' : False , 'descr' : '<f4' , }",
    '{"descr": "<f4", "fortran_order": False, "shape": (2, 3)}',
    "{'descr': '<f4',\n 'fortran_order': False,\n 'shape': (2L, 3L), }",
]):
    name = f"npy/header_variant_{i}.npy"
    raw_npy(name, header, odd.tobytes())
    manifest["arrays"].append(entry(name, odd, "1.0"))

# ---- npz: stored and deflated, role-based member choice, ambiguity -------------------------------------------------
feats = (np.arange(18, dtype=np.float32).reshape(6, 3) - 9) / 3
labels = np.array([0, 1, 2, 2, 1, 0], dtype=np.int64)
logits = np.linspace(-2, 3, 24).reshape(6, 4).astype(">f8")
npz_sets = {
    "npz/stored.npz": (np.savez, {"features": feats, "labels": labels, "logits": logits}),
    "npz/deflated.npz": (np.savez_compressed, {"features": feats, "labels": labels, "logits": logits}),
    "npz/xy.npz": (np.savez, {"x": np.asfortranarray(feats.astype(np.float64)), "y": labels.astype(np.uint8)}),
    "npz/ambiguous.npz": (np.savez, {"a": feats, "b": labels, "c": logits}),
}
for name, (save, arrays) in npz_sets.items():
    save(path(name), **arrays)
    manifest["npz"].append({
        "file": name,
        "compressed": save is np.savez_compressed,
        "members": [dict(entry(k, v), name=k) for k, v in arrays.items()],
    })
np.savez(path("npz/single.npz"), feats)  # one positional array: member 'arr_0'
manifest["npz"].append({"file": "npz/single.npz", "compressed": False, "members": [dict(entry("arr_0", feats), name="arr_0")]})

# ---- IDX (MNIST layout), plain and gzip -----------------------------------------------------------------------------
def write_idx(name, a, code, compress):
    header = struct.pack(">BBBB", 0, 0, code, a.ndim) + struct.pack(">" + "I" * a.ndim, *a.shape)
    data = header + a.astype(a.dtype.newbyteorder(">")).tobytes()
    opener = gzip.open if compress else open
    with opener(path(name), "wb") as f:
        f.write(data)
    manifest["idx"].append(dict(entry(name, a), compressed=compress))


images = (np.arange(24).reshape(4, 2, 3) * 11 % 256).astype(np.uint8)
idx_labels = np.array([3, 0, 9, 3, 1, 0, 3], dtype=np.uint8)
write_idx("idx/images-idx3-ubyte", images, 0x08, False)
write_idx("idx/images-idx3-ubyte.gz", images, 0x08, True)
write_idx("idx/labels-idx1-ubyte", idx_labels, 0x08, False)
write_idx("idx/labels-idx1-ubyte.gz", idx_labels, 0x08, True)
write_idx("idx/gzip-without-extension", idx_labels, 0x08, True)
write_idx("idx/int8-idx1", np.array([-128, 127, 0, -5, 9], dtype=np.int8), 0x09, False)
write_idx("idx/int16-idx2", np.array([[-32768, 32767, 7], [1, -2, 300]], dtype=np.int16), 0x0B, False)
write_idx("idx/int32-idx2", np.array([[-2**31, 2**31 - 1, 7], [1, -2, 70000]], dtype=np.int32), 0x0C, False)
write_idx("idx/float32-idx2", np.array([[1.5, -0.1, 3e38], [np.inf, -2.0, 1e-40]], dtype=np.float32), 0x0D, False)
write_idx("idx/float64-idx2.gz", np.array([[1.5, -0.1, 1e300], [-np.inf, -2.0, 5e-324]], dtype=np.float64), 0x0E, True)

# ---- corrupted and unsupported files (expected messages live in the C# tests) ---------------------------------------
good = np.arange(12, dtype="<f4").reshape(3, 4)
buf = io.BytesIO()
np.save(buf, good)
good_bytes = buf.getvalue()  # 128-byte header + 48 bytes of data
assert len(good_bytes) == 176
with open(path("corrupt/truncated.npy"), "wb") as f:
    f.write(good_bytes[:-8])
with open(path("corrupt/extra_bytes.npy"), "wb") as f:
    f.write(good_bytes + b"\0\0\0\0")
with open(path("corrupt/truncated_header.npy"), "wb") as f:
    f.write(good_bytes[:40])
with open(path("corrupt/bad_magic.npy"), "wb") as f:
    f.write(b"hello,world\n1,2\n")
with open(path("corrupt/version4.npy"), "wb") as f:
    f.write(good_bytes[:6] + b"\x04\x00" + good_bytes[8:])
np.save(path("corrupt/object.npy"), np.array([{"a": 1}, None], dtype=object), allow_pickle=True)
np.save(path("corrupt/complex.npy"), np.array([1 + 2j, 3 - 1j], dtype=np.complex128))
np.save(path("corrupt/structured.npy"), np.zeros(3, dtype=[("x", "<f4"), ("label", "<i8")]))
np.save(path("corrupt/unicode.npy"), np.array(["cat", "dog"]))
np.save(path("corrupt/datetime.npy"), np.array(["2024-01-01"], dtype="datetime64[D]"))
raw_npy("corrupt/bad_syntax.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4}", good.tobytes(), check=False)
raw_npy("corrupt/missing_key.npy", "{'descr': '<f4', 'shape': (3, 4), }", good.tobytes(), check=False)
raw_npy("corrupt/negative_dim.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (-3, 4), }", good.tobytes(), check=False)
with open(path("corrupt/not_a_zip.npz"), "wb") as f:
    f.write(b"this is not a zip archive\n")
# A deflated member whose compressed bytes are damaged (the zip directory stays intact).
np.savez_compressed(path("corrupt/damaged_member.npz"), features=np.arange(4000, dtype=np.float64))
with zipfile.ZipFile(path("corrupt/damaged_member.npz")) as z:
    info = z.getinfo("features.npy")
data = bytearray(open(path("corrupt/damaged_member.npz"), "rb").read())
name_len, extra_len = struct.unpack("<HH", data[info.header_offset + 26:info.header_offset + 30])
start = info.header_offset + 30 + name_len + extra_len + 20  # 20 bytes into the deflate stream
for k in range(start, start + 40):
    data[k] ^= 0x5A
open(path("corrupt/damaged_member.npz"), "wb").write(bytes(data))
with open(path("corrupt/truncated-idx1-ubyte"), "wb") as f:
    f.write(struct.pack(">BBBBI", 0, 0, 0x08, 1, 10) + bytes(range(7)))
with open(path("corrupt/badtype-idx1-ubyte"), "wb") as f:
    f.write(struct.pack(">BBBBI", 0, 0, 0x0A, 1, 3) + bytes(3))
with open(path("corrupt/binary.bin"), "wb") as f:
    f.write(b"\x7fELF\x02\x01\x01\x00" + bytes(56))
open(path("corrupt/empty.npy"), "wb").close()

# ---- reference files for the writer: numpy's bytes for arrays the C# writer also writes -----------------------------
writer_cases = {
    "f8_3x4": (np.arange(12).reshape(3, 4) * 0.25 - 1.0, "<f8"),
    "f4_3x4": (np.arange(12).reshape(3, 4) * 0.1 - 0.55, "<f4"),
    "i8_5": (np.array([-2**62, -1, 0, 1, 2**53]), "<i8"),
    "i4_2x3": (np.array([[-2**31, -7, 0], [5, 99, 2**31 - 1]]), "<i4"),
    "u1_2x2x2": (np.arange(8).reshape(2, 2, 2) * 36, "|u1"),
    "f8_scalar": (np.array(2.75), "<f8"),
    "f4_empty_0x7": (np.zeros((0, 7)), "<f4"),
    "f8_123456x0": (np.zeros((123456, 0)), "<f8"),
    "f8_1x50": (np.linspace(-1, 1, 50).reshape(1, 50), "<f8"),
}
manifest["writer"] = []
for name, (a, dt) in writer_cases.items():
    fname = f"writer/{name}.npy"
    np.save(path(fname), a.astype(dt))
    manifest["writer"].append({"file": fname, "descr": dt, "shape": list(a.shape), "source_values": jsonable(a.astype(np.float64))})

# ---- text written by numpy: np.savetxt's default (space-separated %.18e) and a commented header; a gzip CSV ----------
table = np.array([[0.1, -2.5, 0], [1e-10, 3.0, 1], [12345.678, -0.0, 1]])
np.savetxt(path("csv/savetxt_space.txt"), table)
np.savetxt(path("csv/savetxt_comma_header.csv"), table, delimiter=",", header="f0,f1,label")
with gzip.open(path("csv/digits_like.csv.gz"), "wt") as f:
    np.savetxt(f, np.array([[0, 16, 3, 1], [5, 0, 12, 7], [9, 9, 0, 1]]), fmt="%d", delimiter=",")
manifest["csv"] = {"savetxt_values": jsonable(table)}

with open(path("manifest.json"), "w") as f:
    json.dump(manifest, f, indent=1, allow_nan=False)
    f.write("\n")
print(f"wrote {len(manifest['arrays'])} arrays, {len(manifest['npz'])} npz, {len(manifest['idx'])} idx, {len(manifest['writer'])} writer references")
