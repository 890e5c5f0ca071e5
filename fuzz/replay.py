#!/usr/bin/env python3
"""Replay a fuzz corpus through a coverage build, in the order it was found.

    fuzz/replay.py TARGET BINARY LLVM_TOOLS_DIR OUT_DIR

Called by fuzz/coverage.sh, which builds BINARY with -Cinstrument-coverage.
libFuzzer's `cov` counts edges of the whole binary, dependencies included,
so a target that keeps gaining `cov` may be exploring a dependency (the
regex engines that compile a plan's `pattern:`), not trackc. This replays
the corpus in slices and measures trackc's own code after each:

  - the seeds (fuzz/seeds/TARGET) first;
  - then the inputs the last run started from (files older than the newest
    fuzz/logs/TARGET-*.log);
  - then what that run found, by the files' times, in twelve slices of
    whole minutes (at least one minute each; fewer in a run under 12 min).

libFuzzer writes an input when it finds it; an input it later shrinks
(REDUCE) is written again, so it counts at its later time and the curve
can only look later than it was, never earlier. `cargo fuzz cmin` rewrites
every file: run this before fuzz/corpus.sh save, as fuzz/campaign.sh does.

Writes to OUT_DIR:
  corpus.profdata  the whole corpus's profile (for llvm-cov report and show)
  growth.txt       per slice: inputs replayed, then covered lines and regions
                   of trackc's src/, and covered regions of the whole binary
  crates.txt       covered regions per crate before and after the last run:
                   where its new coverage is; then per file of trackc
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime, timezone

SLICES_PER_RUN = 12
LOG_STAMP = re.compile(r"-(\d{8}T\d{6}Z)\.log$")
REGISTRY_CRATE = re.compile(r"/registry/src/[^/]+/([^/]+?)-\d+\.\d+\.\d+[^/]*/")


def last_run(target):
    """(start, end) in Unix time of the newest fuzz/run.sh log of TARGET, or None."""
    logs = []
    if os.path.isdir("fuzz/logs"):
        for name in os.listdir("fuzz/logs"):
            m = LOG_STAMP.search(name)
            if name.startswith(target + "-") and m:
                logs.append((m.group(1), os.path.join("fuzz/logs", name)))
    if not logs:
        return None
    stamp, log = max(logs)
    started = datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
    return started.timestamp(), os.stat(log).st_mtime


def slices(target):
    """[(label, [paths])] in the order the inputs were found."""
    seeds_dir = f"fuzz/seeds/{target}"
    corpus_dir = f"fuzz/corpus/{target}"
    result = [("seeds", [os.path.join(seeds_dir, n) for n in sorted(os.listdir(seeds_dir))])]
    dated = {}
    for name in sorted(os.listdir(corpus_dir)):
        path = os.path.join(corpus_dir, name)
        dated[path] = os.stat(path).st_mtime
    run = last_run(target)
    # A file written after the run's log was (by cmin, or a copy) has lost the
    # time it was found: then the corpus is one slice.
    if run is None or max(dated.values(), default=0) > run[1] + 2:
        result.append(("corpus", sorted(dated)))
        return result
    started = run[0]
    width = slice_seconds(run[1] - started)
    # Inputs written as the run stopped (up to the log's last write) join
    # the last slice instead of making one of their own.
    last = max(1, round((run[1] - started) / width)) - 1
    before, found = [], {}
    for path, mtime in dated.items():
        if mtime < started:
            before.append(path)
        else:
            found.setdefault(min(int((mtime - started) // width), last), []).append(path)
    result.append(("run start", before))
    for index in sorted(found):
        # A slice is labelled by its end; the last one ends with the run.
        end = run[1] - started if index == last else (index + 1) * width
        result.append((f"{int(end // 60)} min", found[index]))
    return result


def slice_seconds(run_seconds):
    """A twelfth of the run in whole minutes, so a 10-minute run is measured
    each minute and a 2-hour one each 10; a slice is never under a minute."""
    return max(1, round(run_seconds / 60 / SLICES_PER_RUN)) * 60


def crate_of(filename, root):
    """The crate a source file belongs to, by its path."""
    m = REGISTRY_CRATE.search(filename)
    if m:
        return m.group(1)
    if filename.startswith(os.path.join(root, "src") + os.sep):
        return "trackc"
    # The templates build.rs embeds (minijinja-embed) are trackc's code too;
    # llvm-cov report counts them with src/.
    if re.search(r"/build/trackc-[0-9a-f]+/out/", filename):
        return "trackc"
    if filename.startswith(os.path.join(root, "fuzz") + os.sep):
        return "(fuzz target)"
    if "/rustc/" in filename or "/lib/rustlib/" in filename:
        return "(std)"
    return "(other)"


def summary(binary, tools, profdata, root):
    """({crate: (covered lines, covered regions)}, {trackc file: covered
    regions}) of one profile."""
    out = subprocess.run(
        [f"{tools}/llvm-cov", "export", "-summary-only", "-format=text", binary,
         f"-instr-profile={profdata}"],
        check=True, capture_output=True, text=True,
    ).stdout
    crates, files = {}, {}
    for f in json.loads(out)["data"][0]["files"]:
        crate = crate_of(f["filename"], root)
        lines, regions = crates.get(crate, (0, 0))
        crates[crate] = (lines + f["summary"]["lines"]["covered"],
                         regions + f["summary"]["regions"]["covered"])
        if crate == "trackc":
            name = os.path.relpath(f["filename"], root)
            if not name.startswith("src" + os.sep):
                name = "(embedded) " + os.path.basename(f["filename"])
            files[name] = files.get(name, 0) + f["summary"]["regions"]["covered"]
    return crates, files


def replay(binary, tools, paths, into, work):
    """Run BINARY once over PATHS; merge the profile into INTO (if it exists)."""
    inputs = os.path.join(work, "inputs")
    shutil.rmtree(inputs, ignore_errors=True)
    os.mkdir(inputs)
    for i, path in enumerate(paths):
        # Seeds of different folders may share a name; the index keeps them apart.
        dest = os.path.join(inputs, f"{i}-{os.path.basename(path)}")
        try:
            os.link(path, dest)
        except OSError:
            shutil.copyfile(path, dest)
    env = dict(os.environ, LLVM_PROFILE_FILE=os.path.join(work, "replay-%p.profraw"))
    log = os.path.join(work, "replay.log")
    with open(log, "w") as f:
        done = subprocess.run(
            [binary, "-runs=0", "-rss_limit_mb=3072", "-timeout=60", inputs],
            env=env, stdout=f, stderr=subprocess.STDOUT,
        )
    if done.returncode != 0:
        with open(log, errors="replace") as f:
            sys.stderr.write("".join(f.readlines()[-40:]))
        sys.exit(f"replaying {len(paths)} inputs failed (exit {done.returncode})")
    raw = [os.path.join(work, n) for n in os.listdir(work) if n.endswith(".profraw")]
    merged = os.path.join(work, "merged.profdata")
    subprocess.run(
        [f"{tools}/llvm-profdata", "merge", "-sparse", *([into] if os.path.exists(into) else []),
         *raw, "-o", merged],
        check=True,
    )
    os.replace(merged, into)
    for r in raw:
        os.remove(r)


def main():
    if len(sys.argv) != 5:
        sys.exit("usage: fuzz/replay.py TARGET BINARY LLVM_TOOLS_DIR OUT_DIR")
    target, binary, tools, out = sys.argv[1:]
    root = os.getcwd()
    profdata = os.path.join(out, "corpus.profdata")
    if os.path.exists(profdata):
        os.remove(profdata)
    rows, first, start, crates = [], {}, {}, {}
    start_files, files = {}, {}
    with tempfile.TemporaryDirectory(dir=out) as work:
        for label, paths in slices(target):
            if not paths:
                continue
            replay(binary, tools, paths, profdata, work)
            crates, files = summary(binary, tools, profdata, root)
            rows.append((label, len(paths), crates.get("trackc", (0, 0)),
                         sum(r for _, r in crates.values())))
            if label == "seeds":
                first = start = crates
                start_files = files
            if label == "run start":
                start = crates
                start_files = files
    with open(os.path.join(out, "growth.txt"), "w") as f:
        f.write(f"{'slice':>10} {'inputs':>7} {'src lines':>10} {'src regions':>12} {'all regions':>12}\n")
        for label, n, (lines, regions), everything in rows:
            f.write(f"{label:>10} {n:>7} {lines:>10} {regions:>12} {everything:>12}\n")
    end = crates
    with open(os.path.join(out, "crates.txt"), "w") as f:
        f.write("Covered regions per crate: of the seeds, at the last run's start (the seeds\n"
                "again if the corpus has no times), at its end; sorted by the run's gain.\n")
        f.write(f"{'crate':<28} {'seeds':>8} {'start':>8} {'end':>8} {'run gain':>9}\n")
        names = sorted(end, key=lambda c: (-(end[c][1] - start.get(c, (0, 0))[1]), c))
        for c in names:
            s, b, e = (first.get(c, (0, 0))[1], start.get(c, (0, 0))[1], end[c][1])
            f.write(f"{c:<28} {s:>8} {b:>8} {e:>8} {e - b:>+9}\n")
        gained = sorted((n for n in files if files[n] != start_files.get(n, 0)),
                        key=lambda n: (-(files[n] - start_files.get(n, 0)), n))
        f.write("\nFiles of trackc whose covered regions the last run changed:\n")
        f.write(f"{'file':<48} {'start':>8} {'end':>8} {'run gain':>9}\n")
        for n in gained:
            b = start_files.get(n, 0)
            f.write(f"{n:<48} {b:>8} {files[n]:>8} {files[n] - b:>+9}\n")


if __name__ == "__main__":
    main()
