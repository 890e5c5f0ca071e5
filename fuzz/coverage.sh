#!/usr/bin/env bash
# Line coverage of trackc's own source reached by a fuzz target's corpus.
#
#   fuzz/coverage.sh TARGET
#
# Builds TARGET with -Cinstrument-coverage (through `cargo fuzz coverage`,
# run on the few committed seeds only), replays the whole of
# fuzz/corpus/TARGET in one process, and writes under fuzz/coverage/TARGET/:
#   report.txt   llvm-cov's per-file table for src/ (dependencies left out)
#   html/        the same as annotated source, to see which lines never ran
#
# `cargo fuzz coverage` on a large corpus starts one process per batch of
# inputs in parallel threads; with thousands of inputs that was four times
# slower here, and a failure in one batch lost its message. One libFuzzer
# process with -runs=0 executes each input once and writes one profile.
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
LLVM_PROFILE_FILE="$out/corpus-%p.profraw" "$bin" -runs=0 -rss_limit_mb=3072 -timeout=60 \
    "fuzz/corpus/$target" >"$out/replay.log" 2>&1 ||
    { tail -n 40 "$out/replay.log" >&2; exit 1; }
"$tools/llvm-profdata" merge -sparse "$out"/corpus-*.profraw -o "$out/corpus.profdata"
rm -f "$out"/corpus-*.profraw

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
