#!/usr/bin/env bash
# A fuzzing campaign: several targets, each run for its own time, a few at a
# time, each followed by saving its corpus and measuring its coverage; at
# the end, how coverage grew for each of them.
#
#   fuzz/campaign.sh [-j LANES] TARGET:SECONDS[:fork]...
#
#   fuzz/campaign.sh -j 2 load_bytes:5400 validate_lines:2100 \
#       import_segment:2100 fmt_source:3000:fork
#
# LANES targets run at once (default: the number of cores); the next one in
# the list starts when a lane frees up. `:fork` runs the target in fork mode,
# collecting every crash instead of stopping at the first (fuzz/run.sh).
# After each run: fuzz/coverage.sh (with growth.txt, how trackc's own
# coverage grew over the run) and fuzz/corpus.sh save (the minimized corpus
# goes to fuzz/corpora/, to commit). A step that fails is
# reported and the campaign goes on with the next target. The progress
# lines go to standard output; each run's own log is under fuzz/logs/.
set -euo pipefail

# One function, read whole before it runs: editing this file during a long
# campaign must not change what the running one does.
main() {
    lanes=$(nproc)
    if [ "${1:-}" = "-j" ]; then
        lanes=${2:?-j needs a number}
        shift 2
    fi
    [ $# -gt 0 ] || { echo "usage: fuzz/campaign.sh [-j LANES] TARGET:SECONDS[:fork]..." >&2; exit 2; }
    cd "$(dirname "$0")/.."
    for spec in "$@"; do
        [[ $spec =~ ^[a-z_]+:[0-9]+(:fork)?$ ]] ||
            { echo "not TARGET:SECONDS[:fork]: $spec" >&2; exit 2; }
        [ -f "fuzz/fuzz_targets/${spec%%:*}.rs" ] ||
            { echo "no fuzz target ${spec%%:*} in fuzz/fuzz_targets/" >&2; exit 2; }
    done

    # Build once before the lanes start, so they do not race each other to it.
    RUSTC_BOOTSTRAP=1 cargo fuzz build -s none >/dev/null
    started=$(date -u +%Y%m%dT%H%M%SZ)
    printf '%s\n' "$@" | xargs -P "$lanes" -I{} bash -c "$(declare -f one); one {}"

    # The logs this campaign wrote, one table row per target.
    logs=()
    for spec in "$@"; do
        target=${spec%%:*}
        for log in fuzz/logs/"$target"-*.log; do
            stamp=${log##*-}
            [[ ${stamp%.log} > "$started" || ${stamp%.log} == "$started" ]] && logs+=("$log")
        done
    done
    [ ${#logs[@]} -gt 0 ] && python3 fuzz/plateau.py "${logs[@]}"
}

# One target: run, save the corpus, measure coverage.
one() {
    IFS=: read -r target seconds mode <<<"$1"
    say() { echo "$(date -u +%H:%M:%S) $target: $*"; }
    flags=()
    [ "$mode" = fork ] && flags=(-- -fork=1 -ignore_crashes=1)
    say "fuzzing for ${seconds}s${mode:+ ($mode mode)}"
    nice -n 5 fuzz/run.sh "$target" "$seconds" "${flags[@]}" >/dev/null || say "fuzz/run.sh failed"
    crashes=$(find "fuzz/artifacts/$target" -maxdepth 1 -type f 2>/dev/null | wc -l)
    say "ran; fuzz/artifacts/$target holds $crashes file(s)"
    # Coverage first: it dates each input by its file's time, which cmin resets.
    # The TOTAL row of llvm-cov's table; its lines column is fourth from the end.
    if total=$(nice -n 5 fuzz/coverage.sh "$target" | awk '/^TOTAL/ {print $(NF-3)}'); then
        say "line coverage of src/: $total (fuzz/coverage/$target/report.txt, growth.txt)"
    else
        say "coverage.sh failed"
    fi
    if nice -n 5 fuzz/corpus.sh save "$target" >/dev/null; then
        say "corpus saved to fuzz/corpora/$target.tar.xz"
    else
        say "corpus.sh save failed"
    fi
}

main "$@"
exit
