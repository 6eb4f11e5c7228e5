#!/usr/bin/env bash
# Times `qkv exam` composing, laying out, submitting and grading a paper drawn from a generated
# pack of 10,000 questions (stdin empty: the paper is submitted at once), as a whole process, next
# to `qkv pack validate` of the same pack, so the difference is what the exam adds to loading.
#
#   bench/bench_exam_compose.sh                 # uses build/qkv (scripts/setup builds it)
#   QKV=/path/to/qkv bench/bench_exam_compose.sh --questions 20000 --runs 10
set -euo pipefail
command -v hyperfine >/dev/null || { echo "this bench needs hyperfine" >&2; exit 66; }
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_start 10 "$@"
"$qkv" pack validate "$pack"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"

median_ms() {  # median wall time of the shell command "$1"
  hyperfine --style none --warmup 1 --runs "$runs" --export-json "$tmp/h.json" "$1" >/dev/null
  python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$tmp/h.json"
}

printf '%-44s %8s ms\n' "qkv pack validate (load only)" "$(median_ms "$qkv pack validate $pack")"
for n in 20 1000 0; do
  label="qkv exam -n $n (0 = all $questions) --json"
  # exit 1 (a failed paper) is expected: nothing is answered.
  printf '%-44s %8s ms\n' "$label" \
    "$(median_ms "$qkv exam --pack $pack -n $n --seed 1 --json </dev/null >/dev/null 2>&1 || true")"
done
