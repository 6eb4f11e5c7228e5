#!/bin/sh
# The man page renders without a single groff warning: `man --warnings=w` turns every warning
# on (the default, `mac`, only reports undefined macros). Any output on stderr fails the test.
#   tests/cli/man_page.sh docs/qkv.1
set -eu
page="$1"
[ -r "$page" ] || { echo "man_page.sh: cannot read $page" >&2; exit 1; }
out=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings=w -l "$page" 2>&1 >/dev/null) || {
  echo "man failed on $page: $out" >&2
  exit 1
}
if [ -n "$out" ]; then
  echo "$page renders with warnings:" >&2
  echo "$out" >&2
  exit 1
fi
# Every subcommand has its section.
for cmd in QUIZ REVIEW STATS PROGRESS LEARN EXAM CALC DRILL CHECK PACK RESULTS COMPLETION HELP; do
  grep -q "^\.SH \"QKV $cmd\"" "$page" || { echo "$page has no section QKV $cmd" >&2; exit 1; }
done
