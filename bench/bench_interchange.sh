#!/usr/bin/env bash
# Times the instructor formats (issue 13) as whole processes and measures peak memory:
#   - `qkv pack import` of a 10,000-question GIFT file and of a 10,000-question Moodle XML file
#     (targets: under 1 s and 200 MB each).
# Reference in the same go: `qkv pack validate` of the pack the GIFT import wrote (its own bench,
# bench_pack_validate.sh, targets 300 ms), so a slow machine shows as a slow reference too.
#
#   bench/bench_interchange.sh [--questions N] [--runs N]
#
# Inputs are generated into a temporary directory by bench/gen_interchange.py and removed after.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_start 10 "$@"
python3 "$root/bench/gen_interchange.py" --gift "$questions" "$tmp/bank.gift" \
  --xml "$questions" "$tmp/bank.xml"
echo "inputs: $questions questions: GIFT $(($(stat -c %s "$tmp/bank.gift") / 1024)) KiB, XML" \
  "$(($(stat -c %s "$tmp/bank.xml") / 1024)) KiB; qkv: $qkv"

# Every command must succeed, or we would be timing an error path.
# (Their notes on stderr, one per multiple-answer question, are not what is measured.)
"$qkv" pack import "$tmp/bank.gift" -o "$tmp/gift.json" >/dev/null 2>"$tmp/notes" ||
  { cat "$tmp/notes" >&2; exit 1; }
"$qkv" pack import "$tmp/bank.xml" -o "$tmp/xml.json" >/dev/null 2>"$tmp/notes" ||
  { cat "$tmp/notes" >&2; exit 1; }

timing() {  # median wall time of "$@" in ms, over $runs runs
  if command -v hyperfine >/dev/null; then
    hyperfine --style none --warmup 1 --runs "$runs" --export-json "$tmp/h.json" \
      "$(printf '%q ' "$@")" >/dev/null
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.1f" % (r["median"]*1000))' "$tmp/h.json"
  else
    local times=()
    for ((i = 0; i < runs; i++)); do
      local t0 t1
      t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
      times+=($(((t1 - t0) / 1000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f\n", (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)/1000}'
  fi
}

peak_mb() {  # peak resident memory of "$@", in MB
  /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident set size/ {printf "%.1f\n", $2/1024}'
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
status=0
run() {  # label, target ms, target MB (0: none), command...
  local label="$1" max_ms="$2" max_mb="$3"
  shift 3
  local ms mb verdict=ok
  ms=$(timing "$@")
  mb=$(peak_mb "$@")
  if [ "$max_ms" != 0 ]; then
    awk -v ms="$ms" -v mb="$mb" -v a="$max_ms" -v b="$max_mb" \
      'BEGIN {exit !(ms < a && (b == 0 || mb < b))}' || { verdict="OVER TARGET"; status=1; }
  else
    verdict="(reference)"
  fi
  printf '%-28s median %8s ms   peak RSS %6s MB   %s\n' "$label" "$ms" "$mb" "$verdict"
}
run "import GIFT ($questions)" 1000 200 "$qkv" pack import "$tmp/bank.gift" -o "$tmp/out1.json"
run "import Moodle XML ($questions)" 1000 200 "$qkv" pack import "$tmp/bank.xml" -o "$tmp/out2.json"
run "pack validate (reference)" 0 0 "$qkv" pack validate "$tmp/gift.json"
exit $status
