#!/usr/bin/env bash
# Times the progress store on a large history: a database of 100,000 cards and 1,000,000 logged
# reviews (bench/gen_progress_db.py), on the same disk as the bench (a folder under bench/).
#   1. `qkv review` from start to its first question      target < 30 ms
#   2. `qkv stats`                                          target < 200 ms
#   3. one recorded answer                                  target < 2 ms
# (3) is measured as a difference of whole runs: `qkv quiz` answering 50 questions saved, minus
# the same session with --no-save, divided by 50 (the rating, FSRS and the transaction).
# Reference in the same go: the same commands on a database with no history (what the 100,000
# cards and 1,000,000 reviews add). Medians of hyperfine runs; the machine's load is printed.
#
#   bench/bench_progress.sh [--cards N] [--reviews N] [--runs N] [--keep DIR]
# --keep DIR: the generated database stays in DIR (made under bench/) and is reused next time.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
qkv="${QKV:-${QKV_BUILD_DIR:-$root/build}/qkv}"
cards=100000
reviews=1000000
runs=30
keep=""
while (($#)); do
  case "$1" in
    --cards) cards="$2"; shift 2 ;;
    --reviews) reviews="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --keep) keep="$2"; shift 2 ;;
    *) echo "usage: $0 [--cards N] [--reviews N] [--runs N] [--keep DIR]" >&2; exit 2 ;;
  esac
done
[ -x "$qkv" ] || { echo "no qkv binary at $qkv (run scripts/setup, or set QKV)" >&2; exit 66; }
command -v hyperfine >/dev/null || { echo "the bench needs hyperfine" >&2; exit 66; }
tmp=$(mktemp -d "$root/bench/.progress-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
db="$tmp/progress.db"
[ -n "$keep" ] && { mkdir -p "$keep"; db="$keep/progress.db"; }
export HOME="$tmp" XDG_DATA_HOME="$tmp" TZ=UTC
unset QKV_DB

# qkv creates the database with its own schema; the generator fills it.
if [ -z "$keep" ] || [ ! -s "$db" ]; then
  "$qkv" review --db "$db" --new 0 --no-rate </dev/null >/dev/null
  python3 "$root/bench/gen_progress_db.py" --db "$db" --cards "$cards" --reviews "$reviews"
fi
empty="$tmp/empty.db"
"$qkv" review --db "$empty" --new 0 --no-rate </dev/null >/dev/null
ls -l "$db" | awk '{printf "database: %.0f MB\n", $5 / 1e6}'

median() {  # hyperfine JSON -> median in ms
  python3 -c 'import json,sys; print("%.2f" % (json.load(open(sys.argv[1]))["results"][0]["median"] * 1000))' "$1"
}
verdict() { awk -v m="$1" -v t="$2" 'BEGIN {print (m < t ? "within" : "OVER")}'; }

# 1. review to its first question: the clock stops when "Question 1/" is on stdout
# (bench/first_question.py; the end of the session is not timed).
review_ms=$(python3 "$root/bench/first_question.py" "$runs" 3 -- "$qkv" review --db "$db" --no-rate --seed 1)
review0_ms=$(python3 "$root/bench/first_question.py" "$runs" 3 -- "$qkv" review --db "$empty" --no-rate --seed 1)

# 2. stats
hyperfine -N --warmup 3 --runs "$runs" --export-json "$tmp/stats.json" \
  "$qkv stats --db $db" >&2
stats_ms=$(median "$tmp/stats.json")
hyperfine -N --warmup 3 --runs "$runs" --export-json "$tmp/stats0.json" \
  "$qkv stats --db $empty" >&2
stats0_ms=$(median "$tmp/stats0.json")

# 3. one recorded answer: 50 single-choice answers, saved vs not saved.
answers="$tmp/answers.txt"
for ((i = 0; i < 50; i++)); do echo a; done >"$answers"
hyperfine --warmup 3 --runs "$runs" --export-json "$tmp/saved.json" \
  "$qkv quiz --db $db -n 50 --type single --seed 1 --no-rate < $answers" >&2
hyperfine --warmup 3 --runs "$runs" --export-json "$tmp/unsaved.json" \
  "$qkv quiz --db $db -n 50 --type single --seed 1 --no-save < $answers" >&2
saved_ms=$(median "$tmp/saved.json")
unsaved_ms=$(median "$tmp/unsaved.json")
answer_ms=$(awk -v s="$saved_ms" -v u="$unsaved_ms" 'BEGIN {printf "%.3f", (s - u) / 50}')

echo "progress bench: $cards cards, $reviews reviews; medians of $runs runs; load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "  qkv review to first question: ${review_ms} ms (target < 30 ms: $(verdict "$review_ms" 30)); empty database: ${review0_ms} ms"
echo "  qkv stats:                    ${stats_ms} ms (target < 200 ms: $(verdict "$stats_ms" 200)); empty database: ${stats0_ms} ms"
echo "  one recorded answer:          ${answer_ms} ms (target < 2 ms: $(verdict "$answer_ms" 2))"
echo "    (quiz of 50 answers: ${saved_ms} ms saved, ${unsaved_ms} ms with --no-save)"
