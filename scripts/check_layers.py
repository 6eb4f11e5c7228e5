#!/usr/bin/env python3
"""Prints the include graph between the folders of src/ and fails on an upward edge or a cycle.

The layering (docs/ARCHITECTURE.md, "Layout"), top to bottom; a folder may include only
folders below it (and itself):

    app > render > term > exam > session > interchange > store > schedule > practice > bank
        > attention > json > core

CMakeLists.txt reads LAYERS below to link one library per folder in this order, so this list is
the one place the order is written in code.

Usage: check_layers.py [SRC_DIR]   (default: the src/ next to this script's folder)
Exit status 0 when the graph follows the layering, 1 otherwise (each bad edge is named with
the files that make it). Run by ctest as the test "layers".
"""
import os
import re
import sys

LAYERS = ["app", "render", "term", "exam", "session", "interchange", "store", "schedule",
          "practice", "bank", "attention", "json", "core"]
RANK = {name: len(LAYERS) - i for i, name in enumerate(LAYERS)}  # higher = further up
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"/]+)/[^"]+"', re.M)


def graph(src):
    edges = {}  # (from, to) -> [files]
    unknown = set()
    for root, _, files in os.walk(src):
        rel = os.path.relpath(root, src)
        if rel == ".":
            continue
        folder = rel.split(os.sep)[0]
        for name in sorted(files):
            if not name.endswith((".cpp", ".hpp", ".h")):
                continue
            path = os.path.join(root, name)
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
            for target in INCLUDE.findall(text):
                if target == folder:
                    continue
                if folder not in RANK:
                    unknown.add(folder)
                if target not in RANK:
                    unknown.add(target)
                edges.setdefault((folder, target), []).append(os.path.relpath(path, src))
    return edges, unknown


def cycles(edges):
    adj = {}
    for a, b in edges:
        adj.setdefault(a, set()).add(b)
    found, state, stack = [], {}, []

    def visit(n):
        state[n] = 1
        stack.append(n)
        for m in sorted(adj.get(n, ())):
            if state.get(m) == 1:
                found.append(stack[stack.index(m):] + [m])
            elif m not in state:
                visit(m)
        stack.pop()
        state[n] = 2

    for n in sorted(adj):
        if n not in state:
            visit(n)
    return found


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "src")
    edges, unknown = graph(src)
    ok = True
    print("include graph between the folders of src/ (from -> to: number of includes)")
    for (a, b), files in sorted(edges.items(), key=lambda e: (-RANK.get(e[0][0], 0), -RANK.get(e[0][1], 0))):
        bad = a in RANK and b in RANK and RANK[b] > RANK[a]
        print(f"  {a:>11} -> {b:<11} {len(files):3}{'  UPWARD' if bad else ''}")
        if bad:
            ok = False
            for f in sorted(set(files)):
                print(f"      {f}")
    for folder in sorted(unknown):
        ok = False
        print(f"error: folder '{folder}' is not in the layering; add it to LAYERS in "
              f"{os.path.relpath(__file__)} and to docs/ARCHITECTURE.md")
    for c in cycles(edges):
        ok = False
        print("error: include cycle: " + " -> ".join(c))
    if not ok:
        print("error: the include graph breaks the layering (docs/ARCHITECTURE.md, \"Layout\")")
        return 1
    print("ok: every edge points down the layering, and there is no cycle")
    return 0


if __name__ == "__main__":
    sys.exit(main())
