#!/usr/bin/env bash
# Times `qkv results` (item analysis) over a class of exam reports: by default 500 reports of 50
# questions each (issue 13's target: under 1 s), made by bench/results_reports.py gen. In the same
# go it times a reference, `cat` of the same files (the floor of reading the bytes), and checks
# qkv's facility, SD and discrimination against a second, naive analysis in Python
# (results_reports.py analyse, the statistics module): the largest difference is printed.
#
#   bench/bench_results.sh                       500 reports x 50 questions, 9 runs
#   LEARNERS=1000 QUESTIONS=100 RUNS=5 bench/bench_results.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
qkv="${QKV:-$root/build/qkv}"
learners="${LEARNERS:-500}"
questions="${QUESTIONS:-50}"
runs="${RUNS:-9}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

[ -x "$qkv" ] || { echo "bench_results: build qkv first (scripts/setup)" >&2; exit 1; }
command -v hyperfine > /dev/null || { echo "bench_results: needs hyperfine" >&2; exit 1; }

python3 "$root/bench/results_reports.py" gen "$work/r" "$learners" "$questions" 7
echo "reports: $learners x $questions questions, $(du -sh "$work/r" | cut -f1) of JSON;" \
  "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# Correctness on the same files, before timing.
"$qkv" results --json "$work"/r/*.json > "$work/qkv.json"
python3 "$root/bench/results_reports.py" analyse "$work"/r/*.json > "$work/ref.json"
python3 - "$work/qkv.json" "$work/ref.json" <<'PY'
import json, sys
qkv = json.load(open(sys.argv[1]))["analyses"][0]["questions"]
ref = json.load(open(sys.argv[2]))
worst = 0.0
for q in qkv:
    f, sd, d = ref[q["id"]]
    for a, b in ((q["facility"], f), (q["sd"], sd), (q["discrimination"], d)):
        if (a is None) != (b is None):
            sys.exit(f"{q['id']}: qkv {a} against reference {b}")
        if a is not None:
            worst = max(worst, abs(a - b))
print(f"largest difference from the Python reference over {len(qkv)} questions: {worst:.2e}")
if worst > 1e-9:
    sys.exit("bench_results: qkv and the reference disagree")
PY

nice hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$work/t.json" \
  -n "cat (reference)" "cat $work/r/*.json > /dev/null" \
  -n "qkv results" "$qkv results $work/r/*.json > /dev/null" \
  -n "qkv results --json --csv" "$qkv results --json --csv $work/out.csv $work/r/*.json > /dev/null" \
  > /dev/null
python3 - "$work/t.json" <<'PY'
import json, sys
print(f"{'command':28} {'median s':>9} {'min s':>7} {'max s':>7}")
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"{r['command']:28} {r['median']:9.3f} {r['min']:7.3f} {r['max']:7.3f}")
PY
/usr/bin/time -f "qkv results peak RSS: %M KiB" "$qkv" results "$work"/r/*.json > /dev/null
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
