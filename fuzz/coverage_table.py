#!/usr/bin/env python3
"""Line coverage per area of src/, one column per fuzz target.

    fuzz/coverage_table.py fuzz/coverage/*/report.txt

Reads the `llvm-cov report` tables fuzz/coverage.sh writes. An area is a
top-level module of src/ (`src/lint/`, `src/yaml.rs`); a cell is the share of
that area's lines the target's corpus executed, blank when it executed
none (the whole library is linked into every target, so areas a target
never calls still appear in its report). Lines, not edges: comparable across
targets, unlike libFuzzer's `cov`.
"""

import re
import sys
from collections import OrderedDict

ROW = re.compile(r"^(src/\S+)\s+(?:\S+\s+){6}(\d+)\s+(\d+)\s+")


def area(path):
    parts = path.split("/")
    return "/".join(parts[:2]) + ("/" if len(parts) > 2 else "")


def read(path):
    totals = OrderedDict()
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = ROW.match(line)
            if not m:
                continue
            lines, missed = int(m.group(2)), int(m.group(3))
            t = totals.setdefault(area(m.group(1)), [0, 0])
            t[0] += lines
            t[1] += missed
    return totals


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    targets = OrderedDict()
    for path in sys.argv[1:]:
        name = path.rstrip("/").split("/")[-2]
        targets[name] = read(path)
    areas = sorted({a for t in targets.values() for a in t})
    print("| area | " + " | ".join(f"`{t}`" for t in targets) + " |")
    print("| --- |" + " ---: |" * len(targets))
    unreached = []
    for a in areas:
        if not any(a in t and t[a][0] > t[a][1] for t in targets.values()):
            unreached.append(f"`{a}`")
            continue
        cells = []
        for t in targets.values():
            if a in t and t[a][0] > t[a][1]:
                lines, missed = t[a]
                cells.append(f"{100 * (lines - missed) / lines:.0f}% of {lines:,}")
            else:
                cells.append("")
        print(f"| `{a}` | " + " | ".join(cells) + " |")
    if unreached:
        print(f"\nNo target reaches: {', '.join(unreached)}.")


if __name__ == "__main__":
    main()
