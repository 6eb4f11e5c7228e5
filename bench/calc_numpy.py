#!/usr/bin/python3
"""The NumPy side of bench/bench_calc.sh, and its small helpers.

  calc_numpy.py convert PROBLEM.json OUT.npz   the problem qkv saved (--save-input) as arrays
  calc_numpy.py run PROBLEM.npz [OUT.npy]      attention in NumPy; prints "compute_ms <ms>"
  calc_numpy.py compare QKV.json NUMPY.npy     largest difference between the two outputs
  calc_numpy.py table RAW.tsv                  the benchmark table from the raw timings

The computation is the one qkv calc does, written the ordinary NumPy way: Q = X Wq, K = X Wk,
V = X Wv, S = Q K^T, scaled = S / sqrt(d_k), softmax by rows with the row maximum subtracted,
O = P V (float64 throughout). Run it with /usr/bin/python3 (Debian's python3-numpy).
"""
import json
import statistics
import sys
import time

import numpy as np


def convert(src, dst):
    with open(src) as f:
        p = json.load(f)
    np.savez(dst, **{k: np.array(p[k], dtype=np.float64) for k in ("x", "wq", "wk", "wv")})


def attention(x, wq, wk, wv):
    q, k, v = x @ wq, x @ wk, x @ wv
    s = q @ k.T
    scaled = s * (1.0 / np.sqrt(q.shape[1]))
    e = np.exp(scaled - scaled.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    return p @ v


def run(src, dst=None):
    a = np.load(src)
    x, wq, wk, wv = a["x"], a["wq"], a["wk"], a["wv"]
    t0 = time.perf_counter()
    out = attention(x, wq, wk, wv)
    t1 = time.perf_counter()
    print(f"compute_ms {1000 * (t1 - t0):.3f}")
    if dst:
        np.save(dst, out)


def compare(qkv_json, numpy_npy):
    with open(qkv_json) as f:
        j = json.load(f)
    ours = np.array(j["steps"][0]["matrix"], dtype=np.float64)
    theirs = np.load(numpy_npy)
    if ours.shape != theirs.shape:
        print(f"shape mismatch {ours.shape} vs {theirs.shape}")
        sys.exit(1)
    abs_diff = np.abs(ours - theirs).max()
    # Relative to the largest entry: entries near 0 make entry-by-entry ratios meaningless.
    print(f"{abs_diff / np.abs(theirs).max():.3e}")


def table(raw):
    rows = {}
    with open(raw) as f:
        for line in f:
            n, tool, wall, user, sys_, rss, compute = line.split()
            r = rows.setdefault(int(n), {"qkv": [], "numpy": [], "compute": [], "diff": None})
            if tool == "diff":
                r["diff"] = wall
                continue
            r[tool].append((float(wall), float(user) + float(sys_), int(rss)))
            if tool == "numpy":
                r["compute"].append(float(compute))
    med = statistics.median
    print("|     N | qkv wall ms | qkv CPU ms | NumPy wall ms | NumPy compute ms | qkv/NumPy | qkv peak RSS MiB | 8·N²·8 MiB | max rel diff |")
    print("|------:|------------:|-----------:|--------------:|-----------------:|----------:|-----------------:|-----------:|-------------:|")
    for n in sorted(rows):
        r = rows[n]
        qw = med(w for w, _, _ in r["qkv"]) * 1000
        qc = med(c for _, c, _ in r["qkv"]) * 1000
        nw = med(w for w, _, _ in r["numpy"]) * 1000
        nc = med(r["compute"])
        rss = max(m for _, _, m in r["qkv"]) / 1024
        limit = 8 * n * n * 8 / 2**20
        print(f"| {n:5d} | {qw:11.0f} | {qc:10.0f} | {nw:13.0f} | {nc:16.1f} | {qw / nw:9.2f} | "
              f"{rss:16.1f} | {limit:10.1f} | {r['diff']:>12} |")


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"convert": convert, "run": run, "compare": compare, "table": table}[cmd](*args)
