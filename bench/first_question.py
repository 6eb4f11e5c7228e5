#!/usr/bin/env python3
"""Median time from starting a qkv command to its first question on stdout, for bench_progress.sh.

    first_question.py RUNS WARMUP -- QKV ARGS...

Each run starts the process with stdin a pipe, stops the clock when "Question 1/" has arrived,
then closes stdin (the session ends at the end of input) and waits. Prints the median in ms.
"""
import statistics
import subprocess
import sys
import time

runs, warmup = int(sys.argv[1]), int(sys.argv[2])
cmd = sys.argv[sys.argv.index("--") + 1:]
times = []
for i in range(warmup + runs):
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    seen = b""
    while b"Question 1/" not in seen:
        chunk = p.stdout.read1(65536)
        if not chunk:
            sys.exit("first_question: %s ended before its first question" % " ".join(cmd))
        seen += chunk
    elapsed = time.perf_counter() - start
    p.stdin.close()
    p.stdout.read()
    p.wait()
    if i >= warmup:
        times.append(elapsed * 1000)
print("%.2f" % statistics.median(times))
