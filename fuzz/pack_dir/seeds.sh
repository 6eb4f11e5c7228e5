#!/usr/bin/env bash
# Writes one bundle (see target.cpp) per pack directory of content/ and tests/data/ into $1.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
n=0
while IFS= read -r meta; do
  dir=$(dirname "$meta")
  n=$((n + 1))
  {
    cat "$meta"
    for f in "$dir"/questions/*.json; do
      [ -f "$f" ] || continue
      printf '\n--qkv-file--\n'
      cat "$f"
    done
  } >"$1/dir-$n.bundle"
done < <(find "$root/content" "$root/tests/data" -name pack.json | sort)
