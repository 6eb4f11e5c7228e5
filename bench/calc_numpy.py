#!/usr/bin/python3
"""The NumPy side of bench/bench_calc.sh, and its small helpers.

  calc_numpy.py convert PROBLEM.json OUT.npz   the problem qkv saved (--save-input) as arrays
  calc_numpy.py run PROBLEM.npz [OUT.npy]      attention in NumPy; prints "compute_ms <ms>"
  calc_numpy.py compare QKV.json NUMPY.npy     largest difference between the two outputs
  calc_numpy.py table RAW.tsv                  the benchmark table from the raw timings
  calc_numpy.py measure OUT STDOUT -- CMD...   runs CMD (its output to the file STDOUT) and
                                               writes "wall user sys" (seconds) to OUT: wall
                                               from a monotonic clock (GNU time rounds to 10 ms),
                                               CPU from wait4

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


def measure(out, stdout, dashes, *cmd):
    assert dashes == "--", "usage: measure OUT STDOUT -- CMD..."
    import os
    import subprocess
    with open(stdout, "wb") as sink:
        t0 = time.perf_counter_ns()
        proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = (time.perf_counter_ns() - t0) / 1e9
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"measure: {cmd[0]} exited with {proc.returncode}")
    with open(out, "w") as f:
        # Not ru_maxrss: the child starts as a vfork of this python process, whose size it
        # would report; bench_calc.sh asks GNU time for the peak memory instead.
        f.write(f"{wall:.6f} {usage.ru_utime:.6f} {usage.ru_stime:.6f}\n")


def table(raw):
    rows = {}
    floors = []
    with open(raw) as f:
        for line in f:
            n, tool, wall, user, sys_, rss, compute = line.split()
            if tool == "floor":
                floors.append(int(rss))
                continue
            r = rows.setdefault(int(n), {"qkv": [], "numpy": [], "compute": [], "diff": None,
                                         "rss": []})
            if tool == "diff":
                r["diff"] = wall
                continue
            if tool == "rss":
                r["rss"].append(int(rss))
                continue
            r[tool].append((float(wall), float(user) + float(sys_)))
            if tool == "numpy":
                r["compute"].append(float(compute))
    med = statistics.median
    floor = med(floors) if floors else 0
    print(f"qkv's process floor (peak RSS of a 2-token calc, D = 64): {floor / 1024:.1f} MiB;"
          " peak RSS columns are medians")
    print("|     N | qkv wall ms | qkv CPU ms | NumPy wall ms | NumPy compute ms | qkv/NumPy | qkv peak RSS MiB | above floor MiB | 8·N²·8 MiB | max rel diff |")
    print("|------:|------------:|-----------:|--------------:|-----------------:|----------:|-----------------:|----------------:|-----------:|-------------:|")
    for n in sorted(rows):
        r = rows[n]
        qw = med(w for w, _ in r["qkv"]) * 1000
        qc = med(c for _, c in r["qkv"]) * 1000
        nw = med(w for w, _ in r["numpy"]) * 1000
        nc = med(r["compute"])
        rss = med(r["rss"]) / 1024
        limit = 8 * n * n * 8 / 2**20
        print(f"| {n:5d} | {qw:11.1f} | {qc:10.1f} | {nw:13.1f} | {nc:16.1f} | {qw / nw:9.2f} | "
              f"{rss:16.1f} | {rss - floor / 1024:15.1f} | {limit:10.1f} | {r['diff']:>12} |")


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"convert": convert, "run": run, "compare": compare, "table": table,
     "measure": measure}[cmd](*args)
