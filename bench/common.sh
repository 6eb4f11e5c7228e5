# Sourced by the bench scripts that time qkv on a generated pack: the shared start.
#   bench_start DEFAULT_RUNS "$@"   parses --questions N and --runs N, checks the qkv binary,
#                                   makes $tmp (removed on exit) and writes $tmp/pack.json
# Afterwards: $root, $qkv, $questions, $runs, $tmp, $pack.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
qkv="${QKV:-$root/build/qkv}"

bench_start() {
  questions=10000
  runs="$1"
  shift
  while (($#)); do
    case "$1" in
      --questions) questions="$2"; shift 2 ;;
      --runs) runs="$2"; shift 2 ;;
      *) echo "usage: $0 [--questions N] [--runs N]" >&2; exit 2 ;;
    esac
  done
  [ -x "$qkv" ] || { echo "no qkv binary at $qkv (run scripts/setup, or set QKV)" >&2; exit 66; }
  command -v python3 >/dev/null || { echo "the bench needs python3 to generate the pack" >&2; exit 66; }
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  pack="$tmp/pack.json"
  python3 "$root/bench/gen_pack.py" --questions "$questions" --out "$pack"
}
