#!/usr/bin/env bash
# Line coverage of trackc's own source reached by a fuzz target's corpus.
#
#   fuzz/coverage.sh TARGET
#
# Builds TARGET with -Cinstrument-coverage (through `cargo fuzz coverage`,
# run on the few committed seeds only), replays fuzz/corpus/TARGET through
# it (fuzz/replay.py: the seeds, then the corpus in the order the last run
# found it), and writes under fuzz/coverage/TARGET/:
#   report.txt   llvm-cov's per-file table for src/ (dependencies left out)
#   html/        the same as annotated source, to see which lines never ran
#   growth.txt   trackc's covered lines and regions after each twelfth of
#                the last run, beside the whole binary's
#   crates.txt   which crates, and which files of src/, the last run's new
#                coverage is in
# Run it before fuzz/corpus.sh save: cmin rewrites the files and loses the
# times growth.txt is made from.
#
# `cargo fuzz coverage` on a large corpus starts one process per batch of
# inputs in parallel threads; with thousands of inputs that was four times
# slower here, and a failure in one batch lost its message. fuzz/replay.py
# runs one libFuzzer process with -runs=0 per slice instead.
#
# Needs the llvm-tools component (`rustup component add llvm-tools`): the
# system's llvm-cov is usually older than rustc's LLVM and cannot read its
# profiles.
set -euo pipefail

target=${1:?usage: fuzz/coverage.sh TARGET}
cd "$(dirname "$0")/.."

host=$(rustc -vV | sed -n 's/^host: //p')
tools="$(rustc --print sysroot)/lib/rustlib/$host/bin"
# cargo fuzz coverage builds into the root target/ folder, not fuzz/target/.
bin="target/$host/coverage/$host/release/$target"
out="fuzz/coverage/$target"

mkdir -p fuzz/coverage
RUSTC_BOOTSTRAP=1 cargo fuzz coverage "$target" "fuzz/seeds/$target" >/dev/null 2>"$out.build.log" ||
    { cat "$out.build.log" >&2; exit 1; }
rm -rf "$out" && mkdir -p "$out"
python3 fuzz/replay.py "$target" "$bin" "$tools" "$out"

# Only trackc's own files: not the registry, the standard library or the
# fuzz target itself.
ignore='(/\.cargo/|/rustc/|/fuzz/fuzz_targets/)'
"$tools/llvm-cov" report "$bin" -instr-profile="$out/corpus.profdata" \
    -ignore-filename-regex="$ignore" >"$out/report.txt"
"$tools/llvm-cov" show "$bin" -instr-profile="$out/corpus.profdata" \
    -ignore-filename-regex="$ignore" -format=html -output-dir="$out/html" \
    -show-line-counts-or-regions
grep -E '^TOTAL' "$out/report.txt"
echo "$out/report.txt"
