#!/usr/bin/env python3
"""Benchmark `trackc diff --against HEAD` on a generated plan in a git repo.

Usage: scripts/bench_diff.py [EVENTS] [RUNS]   (after `cargo build --release`)

Generates EVENTS events (8 properties each) over 20 files, commits them,
changes 1% of the events (a removed enum value, a raised minimum) and times
the diff in every format. Figures go in docs/benchmarks.md.
"""
import os, resource, subprocess, sys, tempfile, time

EVENTS = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 10
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TRACKC = os.path.join(ROOT, "target", "release", "trackc")
ENV = dict(os.environ, GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="b@x.invalid",
           GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="b@x.invalid",
           GIT_CONFIG_GLOBAL="/dev/null", GIT_CONFIG_NOSYSTEM="1")

def event(i):
    props = "".join(
        f"      prop_{j}:\n        type: integer\n        minimum: 0\n        description: Property {j}.\n"
        for j in range(6))
    return (f"  Thing {i} Happened:\n    description: Thing {i} happened.\n    owner: team\n"
            f"    side: server\n    properties:\n{props}"
            f"      kind:\n        type: string\n        enum: [a, b, c]\n        description: Kind.\n"
            f"      note:\n        type: string\n        required: false\n        description: Note.\n")

def write_plan(d, changed):
    os.makedirs(os.path.join(d, "plans"), exist_ok=True)
    with open(os.path.join(d, "plans", "plan.yaml"), "w") as f:
        f.write("plan:\n  id: bench\n  name: Bench\n  version: 1\nowners:\n  team:\n    name: Team\n")
    per = EVENTS // 20
    for k in range(20):
        text = "events:\n" + "".join(event(i) for i in range(k * per, (k + 1) * per))
        if changed:
            text = text.replace("enum: [a, b, c]", "enum: [a, b]", per // 100 or 1)
            text = text.replace("minimum: 0", "minimum: 1", per // 100 or 1)
        with open(os.path.join(d, "plans", f"team_{k:02}.yaml"), "w") as f:
            f.write(text)

def run(d, *args):
    return subprocess.run(["git", *args], cwd=d, env=ENV, check=True, capture_output=True)

with tempfile.TemporaryDirectory() as d:
    run(d, "init", "-q")
    write_plan(d, False)
    run(d, "add", "-A"); run(d, "commit", "-qm", "plan")
    write_plan(d, True)
    size = sum(os.path.getsize(os.path.join(d, "plans", f)) for f in os.listdir(os.path.join(d, "plans")))
    print(f"{EVENTS} events, {size / 1e6:.1f} MB of YAML in 21 files")
    for fmt in ["human", "json", "markdown", "github"]:
        wall, cpu = [], []
        for _ in range(RUNS):
            r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            p = subprocess.run([TRACKC, "diff", "--against", "HEAD", "--format", fmt, "--plan", "plans"],
                               cwd=d, env=ENV, capture_output=True)
            wall.append(time.perf_counter() - t)
            r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            # CPU time (trackc and the git it runs): steadier than wall time
            # on a shared machine.
            cpu.append(r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime)
            assert p.returncode == 1, p.stderr.decode()
        wall.sort(); cpu.sort()
        print(f"{fmt:9} cpu median {cpu[len(cpu) // 2] * 1000:.0f} ms, wall median {wall[len(wall) // 2] * 1000:.0f} ms over {RUNS} runs")
