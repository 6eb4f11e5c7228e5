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
# two alternate so that both see the same machine load. Needs /usr/bin/time (GNU time).
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
for n in $sizes; do
  # The inputs and both outputs, once, for the comparison.
  "$qkv" calc --random "${n}x$d" --seed "$seed" --save-input "$work/p$n.json" \
    --format json --step output > "$work/qkv$n.json"
  "$py" "$root/bench/calc_numpy.py" convert "$work/p$n.json" "$work/p$n.npz"
  "$py" "$root/bench/calc_numpy.py" run "$work/p$n.npz" "$work/np$n.npy" > /dev/null
  diff=$("$py" "$root/bench/calc_numpy.py" compare "$work/qkv$n.json" "$work/np$n.npy")
  echo -e "$n\tdiff\t$diff\t0\t0\t0\t0" >> "$raw"
  for ((r = 0; r < runs; r++)); do
    /usr/bin/time -f "%e %U %S %M" -o "$work/t" "$qkv" calc --random "${n}x$d" --seed "$seed" \
      --format summary > /dev/null 2>&1
    read -r wall user sys rss < "$work/t"
    echo -e "$n\tqkv\t$wall\t$user\t$sys\t$rss\t0" >> "$raw"
    /usr/bin/time -f "%e %U %S %M" -o "$work/t" "$py" "$root/bench/calc_numpy.py" run \
      "$work/p$n.npz" > "$work/np.out"
    read -r wall user sys rss < "$work/t"
    compute=$(awk '/compute_ms/ {print $2}' "$work/np.out")
    echo -e "$n\tnumpy\t$wall\t$user\t$sys\t$rss\t$compute" >> "$raw"
  done
  echo "  N=$n done" >&2
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$py" "$root/bench/calc_numpy.py" table "$raw"
