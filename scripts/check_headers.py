#!/usr/bin/env python3
"""Checks two rules about includes that the compiler does not (docs/ARCHITECTURE.md, "Layout"):

- no header under src/ or tests/ says `using namespace` (it would pour the namespace into every
  file that includes the header);
- the CLI tests (tests/cli) include nothing from the unit tests (tests/unit): what both need
  lives in tests/support.

Usage: check_headers.py [ROOT]   (default: the repository this script is in)
Exit status 0 when both hold, 1 otherwise (each offence named by file and line). Run by ctest
as the test "headers".
"""
import os
import re
import sys

USING_NAMESPACE = re.compile(r"^\s*using\s+namespace\b")
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def code_lines(path):
    """(number, line) of a file with // comments and /* */ comments blanked out."""
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    text = re.sub(r"/\*.*?\*/", lambda m: re.sub(r"[^\n]", " ", m.group(0)), text, flags=re.S)
    for number, line in enumerate(text.split("\n"), 1):
        yield number, line.split("//", 1)[0]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..")
    problems = []
    for top in ("src", "tests"):
        for folder, _, files in os.walk(os.path.join(root, top)):
            for name in sorted(files):
                path = os.path.join(folder, name)
                rel = os.path.relpath(path, root)
                is_header = name.endswith((".hpp", ".h"))
                in_cli = rel.startswith(os.path.join("tests", "cli") + os.sep)
                if not (is_header or (in_cli and name.endswith(".cpp"))):
                    continue
                for number, line in code_lines(path):
                    if is_header and USING_NAMESPACE.match(line):
                        problems.append(f"{rel}:{number}: a header says `using namespace`; name "
                                        "what it uses (using-declarations) or qualify")
                    include = INCLUDE.match(line)
                    if in_cli and include:
                        target = os.path.normpath(os.path.join(os.path.dirname(rel), include.group(1)))
                        if include.group(1).startswith("unit/") or \
                                target.startswith(os.path.join("tests", "unit") + os.sep):
                            problems.append(f"{rel}:{number}: a CLI test includes a unit test's "
                                            f"file ({include.group(1)}); move what both need to "
                                            "tests/support")
    for p in problems:
        print(p)
    if problems:
        return 1
    print("ok: no header says `using namespace`, and no CLI test includes a unit test's file")
    return 0


if __name__ == "__main__":
    sys.exit(main())
