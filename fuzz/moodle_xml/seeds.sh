#!/usr/bin/env bash
# Writes seeds into $1: each question of tests/data/interchange/attention.xml alone in a <quiz>
# (small inputs mutate well), and a generated bank of every kind (bench/gen_interchange.py).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
python3 - "$root/tests/data/interchange/attention.xml" "$1" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
for n, q in enumerate(re.findall(r"<question\b.*?</question>", text, re.S)):
    with open(f"{sys.argv[2]}/question-{n}.xml", "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n' + q + "\n</quiz>\n")
PY
python3 "$root/bench/gen_interchange.py" --xml 12 "$1/generated.xml"
