#!/usr/bin/env bash
# Runs one libFuzzer target for a while, under ASan+UBSan:
#
#   fuzz/run.sh TARGET SECONDS        e.g. fuzz/run.sh pack_file 600
#   fuzz/run.sh --list                the targets
#
# First replays every file in fuzz/TARGET/regressions/ (inputs that once failed), then fuzzes
# from a seed corpus made of fuzz/TARGET/seeds/, the files that fuzz/TARGET/seeds.txt names
# (globs relative to the repository) and whatever fuzz/TARGET/seeds.sh writes, with the
# dictionary fuzz/TARGET/dict. The corpus grows in a temporary directory (set
# QKV_FUZZ_CORPUS=DIR to keep it). Exits non-zero on any finding and says where the input is:
# copy it into fuzz/TARGET/regressions/, fix the bug, add a test (see fuzz/README.md).
#
# The binaries come from the sanitizer build: $QKV_FUZZ_BUILD_DIR, else ./build-asan (scripts/test
# makes it; see fuzz/README.md to make it by hand).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${QKV_FUZZ_BUILD_DIR:-$root/build-asan}"

targets() { for t in "$root"/fuzz/*/target.cpp; do basename "$(dirname "$t")"; done; }
if [ "${1:-}" = "--list" ]; then targets; exit 0; fi
if [ $# -ne 2 ] || ! [[ "$2" =~ ^[0-9]+$ ]]; then
  echo "usage: fuzz/run.sh TARGET SECONDS   (targets: $(targets | tr '\n' ' '))" >&2
  exit 2
fi
target=$1 seconds=$2
dir="$root/fuzz/$target"
[ -f "$dir/target.cpp" ] || { echo "fuzz/run.sh: no target '$target' (targets: $(targets | tr '\n' ' '))" >&2; exit 2; }
bin="$build/fuzz_$target"
[ -x "$bin" ] || { echo "fuzz/run.sh: no binary $bin; build it with: scripts/test, or see fuzz/README.md" >&2; exit 66; }

# Every report is fatal; leaks are findings too; the symbolizer gives file:line in traces.
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
command -v llvm-symbolizer-14 >/dev/null && export ASAN_SYMBOLIZER_PATH=$(command -v llvm-symbolizer-14)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
artifacts="${QKV_FUZZ_ARTIFACTS:-$build/fuzz-findings/$target}"
mkdir -p "$artifacts"
common=(-dict="$dir/dict" -timeout=20 -rss_limit_mb=2048 -artifact_prefix="$artifacts/")

shopt -s nullglob
regressions=("$dir"/regressions/*)
if ((${#regressions[@]})); then
  echo "fuzz/run.sh: $target: replaying ${#regressions[@]} regression input(s)"
  "$bin" "${common[@]}" "${regressions[@]}" >"$work/replay.log" 2>&1 || {
    cat "$work/replay.log" >&2
    echo "fuzz/run.sh: $target: a regression input fails again (above)" >&2
    exit 1
  }
fi

corpus="${QKV_FUZZ_CORPUS:-$work/corpus}"
mkdir -p "$corpus" "$work/seeds"
for f in "$dir"/seeds/*; do cp "$f" "$work/seeds/"; done
if [ -f "$dir/seeds.txt" ]; then
  n=0
  while IFS= read -r pattern; do
    [[ -z "$pattern" || "$pattern" == \#* ]] && continue
    for f in $root/$pattern; do n=$((n + 1)); cp "$f" "$work/seeds/$n-$(basename "$f")"; done
  done <"$dir/seeds.txt"
fi
[ -x "$dir/seeds.sh" ] && "$dir/seeds.sh" "$work/seeds"
echo "fuzz/run.sh: $target: $(ls "$work/seeds" | wc -l) seeds, ${seconds}s"
status=0
"$bin" "${common[@]}" -max_total_time="$seconds" -print_final_stats=1 "$corpus" "$work/seeds" \
  >"$work/fuzz.log" 2>&1 || status=$?
if ((status != 0)); then
  cat "$work/fuzz.log" >&2
  echo "fuzz/run.sh: $target: FINDING (exit $status); the input is in $artifacts/" >&2
  echo "  replay it: $bin $artifacts/<file>; keep it: copy it into fuzz/$target/regressions/" >&2
  exit 1
fi
grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|INITED|DONE" "$work/fuzz.log" | tr '\n' ' '
echo
echo "fuzz/run.sh: $target: no finding in ${seconds}s"
