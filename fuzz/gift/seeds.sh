#!/usr/bin/env bash
# Writes seeds into $1: each question of tests/data/interchange/attention.gift alone (small inputs
# mutate well), and a generated bank of every kind (bench/gen_interchange.py).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
awk -v dir="$1" 'BEGIN {RS = ""} {print > (dir "/block-" NR ".gift")}' \
  "$root/tests/data/interchange/attention.gift"
python3 "$root/bench/gen_interchange.py" --gift 12 "$1/generated.gift"
