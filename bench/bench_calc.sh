#!/usr/bin/env bash
# Times `qkv calc --random Nx64 --format summary` as whole processes against the same attention
# in NumPy (bench/calc_numpy.py, Debian's /usr/bin/python3 + python3-numpy) on identical inputs,
# and prints a table of medians, the ratio, qkv's peak RSS and the largest relative difference
# between the two outputs.
#
#   bench/bench_calc.sh                  sizes 128 256 512 1024 2048 4096, 5 runs each
#   SIZES="128 1024" RUNS=9 bench/bench_calc.sh
#
# How the inputs are shared: qkv makes the random problem from --seed and writes it with
# --save-input (JSON, full precision); that file is converted once to .npz for NumPy, so both
# compute on the same doubles. qkv is timed generating the problem from the seed (as a user runs
# it); NumPy is timed loading the .npz (python start-up and `import numpy` included). Runs of the
# two alternate so that both see the same machine load. Timing: wall from a monotonic
# clock and CPU from wait4, via calc_numpy.py measure (GNU time rounds wall to 10 ms); peak RSS
# from GNU time (/usr/bin/time) in one extra run per size.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
qkv="${QKV:-$root/build/qkv}"
py=/usr/bin/python3
sizes="${SIZES:-128 256 512 1024 2048 4096}"
runs="${RUNS:-5}"
d=64
seed=2024
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

[ -x "$qkv" ] || { echo "bench_calc: build qkv first (scripts/setup)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench_calc: needs GNU time (apt-get install time)" >&2; exit 1; }
"$py" -c 'import numpy' || { echo "bench_calc: needs python3-numpy for /usr/bin/python3" >&2; exit 1; }

raw="$work/raw.tsv"
echo "qkv: $qkv ($(grep -E '^CMAKE_BUILD_TYPE' "$(dirname "$qkv")/CMakeCache.txt" 2>/dev/null | cut -d= -f2))," \
  "NumPy $("$py" -c 'import numpy; print(numpy.__version__)'), $runs runs per size, D = $d, seed $seed" >&2
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
# The process floor: peak memory of a 2-token calc at the same D (code pages, libstdc++, the
# CLI), which no size of problem can go below. The table shows each size's peak above it too:
# the memory the computation itself takes, which is what the 8·N²·8 bound is about. Peak RSS
# varies by a few hundred KiB from run to run, so floor and sizes are medians of 5 runs.
rss_runs=5
for ((r = 0; r < rss_runs; r++)); do
  /usr/bin/time -f "%M" -o "$work/m" "$qkv" calc --random "2x$d" --seed "$seed" \
    --format summary > /dev/null 2>&1
  echo -e "0\tfloor\t0\t0\t0\t$(cat "$work/m")\t0" >> "$raw"
done
for n in $sizes; do
  # The inputs and both outputs, once, for the comparison.
  "$qkv" calc --random "${n}x$d" --seed "$seed" --save-input "$work/p$n.json" \
    --format json --step output > "$work/qkv$n.json"
  "$py" "$root/bench/calc_numpy.py" convert "$work/p$n.json" "$work/p$n.npz"
  "$py" "$root/bench/calc_numpy.py" run "$work/p$n.npz" "$work/np$n.npy" > /dev/null
  diff=$("$py" "$root/bench/calc_numpy.py" compare "$work/qkv$n.json" "$work/np$n.npy")
  echo -e "$n\tdiff\t$diff\t0\t0\t0\t0" >> "$raw"
  # Peak memory from GNU time, in runs of their own (see calc_numpy.py measure).
  for ((r = 0; r < rss_runs; r++)); do
    /usr/bin/time -f "%M" -o "$work/m" "$qkv" calc --random "${n}x$d" --seed "$seed" \
      --format summary > /dev/null 2>&1
    echo -e "$n\trss\t0\t0\t0\t$(cat "$work/m")\t0" >> "$raw"
  done
  for ((r = 0; r < runs; r++)); do
    "$py" "$root/bench/calc_numpy.py" measure "$work/t" /dev/null -- "$qkv" calc --random "${n}x$d" \
      --seed "$seed" --format summary
    read -r wall user sys < "$work/t"
    echo -e "$n\tqkv\t$wall\t$user\t$sys\t0\t0" >> "$raw"
    "$py" "$root/bench/calc_numpy.py" measure "$work/t" "$work/np.out" -- \
      "$py" "$root/bench/calc_numpy.py" run "$work/p$n.npz"
    read -r wall user sys < "$work/t"
    compute=$(awk '/compute_ms/ {print $2}' "$work/np.out")
    echo -e "$n\tnumpy\t$wall\t$user\t$sys\t0\t$compute" >> "$raw"
  done
  echo "  N=$n done" >&2
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$py" "$root/bench/calc_numpy.py" table "$raw"
