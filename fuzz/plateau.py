#!/usr/bin/env python3
"""Summarise fuzz/run.sh logs: how coverage grew, and whether it levelled off.

    fuzz/plateau.py fuzz/logs/plan_build-*.log

Reads libFuzzer's status lines (`#N NEW cov: C ft: F corp: K/... exec/s: E`)
with the timestamp fuzz/run.sh put in front of each. Several logs of one
target are read in order as one run (a later run resumes from the corpus of
the earlier one). Prints, per target: wall time, executions, `cov` (covered
edges) and `ft` (libFuzzer's finer "features") at the start and the end, the
share of the final coverage gain made in the last quarter of the time (and
that quarter's rate in edges an hour), and when `cov` last rose.

A target is called levelled off when the last quarter of its time added less
than 1% of its total `cov` gain: doubling the run would, at that rate, add
little. That is a judgement, not a proof; libFuzzer can still find a rare
path later.
"""

import re
import sys
from collections import OrderedDict

STATUS = re.compile(
    r"^(\d+) #(\d+)\s+(INITED|NEW|REDUCE|pulse|DONE|RELOAD)\s+cov: (\d+) ft: (\d+) corp: (\d+)"
)
# In fork mode (`-fork=N`) the parent prints `#N: cov: C ft: F corp: K ...`
# after each job; its first such line follows the corpus being read in.
FORK_STATUS = re.compile(r"^(\d+) #(\d+):\s+cov: (\d+) ft: (\d+) corp: (\d+)")
STAMP = re.compile(r"^(\d+) ")
EXECUTED = re.compile(r"stat::number_of_executed_units: (\d+)")
TARGET = re.compile(r"([a-z_]+)-\d{8}T\d{6}Z\.log$")


def read(paths):
    """Per target: list of (elapsed seconds, executions, cov, ft, corpus)."""
    runs = OrderedDict()
    for path in paths:
        m = TARGET.search(path)
        name = m.group(1) if m else path
        points = runs.setdefault(name, [])
        offset_t = points[-1][0] if points else 0
        offset_n = points[-1][1] if points else 0
        start = None
        last = None
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                stamp = STAMP.match(line)
                if stamp and start is not None:
                    last = int(stamp.group(1))
                executed = EXECUTED.search(line)
                if executed and points:
                    # libFuzzer's final count: the run went on after the last
                    # status line, without finding anything new.
                    # In fork mode the parent executes nothing itself and
                    # reports 0; its jobs' count is in the status lines.
                    t, n, cov, ft, corp = points[-1]
                    total = max(n, offset_n + int(executed.group(1)))
                    points.append((offset_t + last - start, total, cov, ft, corp))
                s = STATUS.match(line)
                fork = FORK_STATUS.match(line)
                if s:
                    t, n, kind, cov, ft, corp = s.groups()
                elif fork:
                    t, n, cov, ft, corp = fork.groups()
                    kind = "INITED" if start is None else "NEW"
                else:
                    continue
                if start is None:
                    # Lines before INITED are libFuzzer reading the corpus
                    # in, not coverage found by this run.
                    if kind != "INITED":
                        continue
                    start = int(t)
                points.append(
                    (
                        offset_t + int(t) - start,
                        offset_n + int(n),
                        int(cov),
                        int(ft),
                        int(corp),
                    )
                )
    return runs


def summarise(name, points):
    if not points:
        return f"| `{name}` | no status lines |"
    t_end = points[-1][0]
    cov0, ft0 = points[0][2], points[0][3]
    cov1, ft1, corp1 = points[-1][2], points[-1][3], points[-1][4]
    execs = points[-1][1]
    quarter = t_end * 3 / 4
    cov_at_quarter = max((p[2] for p in points if p[0] <= quarter), default=cov0)
    gain = cov1 - cov0
    late = cov1 - cov_at_quarter
    late_share = 100.0 * late / gain if gain else 0.0
    last_rise = 0
    for prev, cur in zip(points, points[1:]):
        if cur[2] > prev[2]:
            last_rise = cur[0]
    rate = execs / t_end if t_end else 0
    # Edges an hour over the last quarter: unlike the share above, this does
    # not shrink just because the run (and so its total gain) grew longer.
    late_hours = (t_end - quarter) / 3600
    late_rate = late / late_hours if late_hours else 0
    verdict = "levelled off" if late_share < 1.0 else "still rising"
    return (
        f"| `{name}` | {t_end / 60:.0f} min | {execs:,} ({rate:,.0f}/s) | "
        f"{cov0:,} → {cov1:,} | {ft0:,} → {ft1:,} | {corp1:,} | "
        f"+{late} ({late_share:.1f}%; {late_rate:,.0f}/h) | {last_rise / 60:.0f} min | {verdict} |"
    )


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    runs = read(sys.argv[1:])
    print(
        "| target | time | executions | `cov` start → end | `ft` start → end | corpus "
        "| `cov` gained in the last quarter (share of the gain; rate) | `cov` last rose at | |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, points in runs.items():
        print(summarise(name, points))


if __name__ == "__main__":
    main()
