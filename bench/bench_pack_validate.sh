#!/usr/bin/env bash
# Times `qkv pack validate` on a generated pack of 10,000 questions, as a whole process, and
# measures its peak memory. Targets (issue 2): median under 300 ms, peak RSS under 100 MB.
#
#   bench/bench_pack_validate.sh                 # uses build/qkv (scripts/setup builds it)
#   QKV=/path/to/qkv bench/bench_pack_validate.sh --questions 20000 --runs 30
#
# The pack is written to a temporary directory (never committed) by bench/gen_pack.py and
# removed afterwards. Uses hyperfine when it is installed, else a timing loop.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_start 20 "$@"
python3 "$root/bench/gen_pack.py" --questions "$questions" --out "$tmp/dir" --directory
echo "pack: $questions questions, $(($(stat -c %s "$pack") / 1024)) KiB; qkv: $qkv"

# The pack must be valid, or we would be timing the error path.
"$qkv" pack validate "$pack" "$tmp/dir"

timing() {  # "median_ms cpu_ms": median wall time and mean CPU time (user+sys) of "$@"
  if command -v hyperfine >/dev/null; then
    hyperfine --style none --warmup 2 --runs "$runs" --export-json "$tmp/h.json" \
      "$(printf '%q ' "$@")" >/dev/null
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.1f %.1f" % (r["median"]*1000, (r["user"]+r["system"])*1000))' "$tmp/h.json"
  else
    local times=()
    for ((i = 0; i < runs; i++)); do
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
for target in "$pack" "$tmp/dir"; do
  kind=$([ -d "$target" ] && echo "directory pack" || echo "single-file pack")
  read -r ms cpu < <(timing "$qkv" pack validate "$target")
  mb=$(peak_mb "$qkv" pack validate "$target")
  verdict=ok
  awk -v ms="$ms" -v mb="$mb" 'BEGIN {exit !(ms < 300 && mb < 100)}' || { verdict="OVER TARGET"; status=1; }
  printf '%-17s median %7s ms (CPU %7s ms)   peak RSS %6s MB   (targets: 300 ms, 100 MB) %s\n' \
    "$kind" "$ms" "$cpu" "$mb" "$verdict"
done
exit $status
