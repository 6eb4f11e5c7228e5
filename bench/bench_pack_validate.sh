#!/usr/bin/env bash
# Times `qkv pack validate` as a whole process on generated packs and measures peak memory:
#  1. 10,000 questions written indented and the same pack written as one line (json.dump
#     without indent): the time must depend on bytes, not on layout (within 20 % of each other),
#     and stay under 300 ms and 100 MB (issue 2);
#  2. 100,000 questions (about 110 MB) in one file and as a directory pack: under 2 s and 1 GB
#     each (issue 11).
#
#   bench/bench_pack_validate.sh                 # uses build/qkv (scripts/setup builds it)
#   QKV=/path/to/qkv bench/bench_pack_validate.sh --runs 30 [--questions 10000]
#   QKV_BENCH_LARGE=0 bench/bench_pack_validate.sh    # part 1 only
#
# The packs are written to a temporary directory (never committed) by bench/gen_pack.py and
# removed afterwards. Uses hyperfine when it is installed, else a timing loop. Exit 1 when any
# target is missed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_start 20 "$@"
python3 "$root/bench/gen_pack.py" --questions "$questions" --out "$tmp/line.json" --one-line
python3 "$root/bench/gen_pack.py" --questions "$questions" --out "$tmp/dir" --directory
large=$((questions * 10))
if [ "${QKV_BENCH_LARGE:-1}" != 0 ]; then
  python3 "$root/bench/gen_pack.py" --questions "$large" --out "$tmp/large.json"
  python3 "$root/bench/gen_pack.py" --questions "$large" --out "$tmp/large-dir" --directory
fi
echo "qkv: $qkv"

timing() {  # "median_ms cpu_ms": median wall time and mean CPU time (user+sys) of "$@"
  local n=$runs
  if [ "${slow:-0}" = 1 ]; then n=$(((runs + 3) / 4)); ((n < 5)) && n=5; fi
  if command -v hyperfine >/dev/null; then
    hyperfine --style none --warmup 1 --runs "$n" --export-json "$tmp/h.json" \
      "$(printf '%q ' "$@")" >/dev/null
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.1f %.1f" % (r["median"]*1000, (r["user"]+r["system"])*1000))' "$tmp/h.json"
  else
    local times=()
    for ((i = 0; i < n; i++)); do
      local t0 t1
      t0=$(date +%s%N); "$@" >/dev/null; t1=$(date +%s%N)
      times+=($(((t1 - t0) / 1000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f -\n", (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)/1000}'
  fi
}

peak_mb() {  # peak resident memory of "$@", in MB
  /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident set size/ {printf "%.1f\n", $2/1024}'
}

# Wall time depends on what else the machine runs; say how busy it was.
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
status=0
declare -A median
run() {  # LABEL PATH MAX_MS MAX_MB
  local label=$1 target=$2 max_ms=$3 max_mb=$4
  "$qkv" pack validate "$target" >/dev/null || { echo "$label: not valid (timing the error path?)" >&2; exit 1; }
  local ms cpu mb verdict=ok size
  read -r ms cpu < <(timing "$qkv" pack validate "$target")
  mb=$(peak_mb "$qkv" pack validate "$target")
  size=$(du -sm --apparent-size "$target" | cut -f1)
  awk -v ms="$ms" -v mb="$mb" -v a="$max_ms" -v b="$max_mb" 'BEGIN {exit !(ms < a && mb < b)}' ||
    { verdict="OVER TARGET"; status=1; }
  median[$label]=$ms
  printf '%-30s %5s MB  median %8s ms (CPU %8s ms)  peak RSS %7s MB  (targets %s ms, %s MB) %s\n' \
    "$label" "$size" "$ms" "$cpu" "$mb" "$max_ms" "$max_mb" "$verdict"
}
run "$questions, indented file" "$pack" 300 100
run "$questions, one line" "$tmp/line.json" 300 100
run "$questions, directory" "$tmp/dir" 300 100
ratio=$(awk -v a="${median["$questions, one line"]}" -v b="${median["$questions, indented file"]}" 'BEGIN {printf "%.2f", a / b}')
verdict=ok
awk -v r="$ratio" 'BEGIN {exit !(r >= 0.8 && r <= 1.2)}' || { verdict="OVER TARGET"; status=1; }
echo "one line / indented: $ratio (target: within 20 %) $verdict"
if [ "${QKV_BENCH_LARGE:-1}" != 0 ]; then
  slow=1
  run "$large, one file" "$tmp/large.json" 2000 1024
  run "$large, directory" "$tmp/large-dir" 2000 1024
fi
exit $status
