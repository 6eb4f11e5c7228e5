#!/usr/bin/env bash
# Times `qkv quiz` reaching its first question on the built-in bank, as a whole process: start,
# load and validate the bank, select, lay out, print question 1, read stdin (closed, so the
# session ends there) and print the summary. Prints the median. Target: under 20 ms.
#
#   bench/bench_quiz_start.sh            # uses build/qkv (build it first: scripts/setup)
#   QKV=/usr/bin/qkv RUNS=100 bench/bench_quiz_start.sh
#
# Uses hyperfine when installed; otherwise a plain loop (which also counts bash's fork/exec).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
qkv="${QKV:-${QKV_BUILD_DIR:-$root/build}/qkv}"
runs="${RUNS:-50}"
target_ms=20

if [ ! -x "$qkv" ]; then
  echo "bench_quiz_start: no qkv binary at $qkv (run scripts/setup, or set QKV)" >&2
  exit 1
fi
# Fail early, with qkv's own message, if the session cannot start (no built-in bank, say).
if ! "$qkv" quiz -n 1 --seed 1 </dev/null >/dev/null; then
  echo "bench_quiz_start: '$qkv quiz -n 1' failed; fix that first" >&2
  exit 1
fi

if command -v hyperfine >/dev/null; then
  # -N: no shell in between; hyperfine gives the command /dev/null as stdin, so the session
  # ends right after printing question 1.
  json=$(mktemp)
  trap 'rm -f "$json"' EXIT
  hyperfine -N --warmup 5 --runs "$runs" --export-json "$json" "$qkv quiz -n 1 --seed 1" >&2
  read -r median_ms cpu_ms < <(python3 -c 'import json,sys
r = json.load(open(sys.argv[1]))["results"][0]
print("%.2f %.2f" % (r["median"] * 1000, (r["user"] + r["system"]) * 1000))' "$json")
else
  times=()
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N)
    "$qkv" quiz -n 1 --seed 1 </dev/null >/dev/null
    end=$(date +%s%N)
    times+=($(((end - start) / 1000)))
  done
  median_us=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
  median_ms=$(awk -v us="$median_us" 'BEGIN {printf "%.2f", us/1000}')
  cpu_ms="?"
fi

verdict=$(awk -v m="$median_ms" -v t="$target_ms" 'BEGIN {print (m < t ? "within" : "OVER")}')
echo "qkv quiz, first question on the built-in bank: median ${median_ms} ms over ${runs} runs (target < ${target_ms} ms: ${verdict}); mean CPU (user+sys) ${cpu_ms} ms"
echo "(wall time includes waiting for a CPU: on a busy machine compare the CPU figure and 'uptime' load)"
