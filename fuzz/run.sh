#!/usr/bin/env bash
# Run one fuzz target for a fixed time, resuming from its corpus, and keep a
# log with a Unix timestamp on every line so fuzz/plateau.py can tell how
# coverage grew over the run.
#
#   fuzz/run.sh TARGET SECONDS [SANITIZER] [-- LIBFUZZER-FLAGS...]
#
# SANITIZER is passed to `cargo fuzz -s` (default: none; see docs/testing.md
# for why the long runs go without AddressSanitizer). The corpus lives in
# fuzz/corpus/TARGET (on the first run: fuzz/seeds/TARGET and the saved
# corpus fuzz/corpora/TARGET.tar.xz, if there is one), the
# log in fuzz/logs/TARGET-<start time>.log, crashes in fuzz/artifacts/TARGET.
# Flags after `--` go to libFuzzer as they are; for a target that finds
# bugs faster than they can be fixed, `-- -fork=1 -ignore_crashes=1` keeps
# it running and collects every crash instead of stopping at the first.
set -euo pipefail

# The whole script is one function, read by bash before it runs: a long run
# must not pick up an edit made to this file meanwhile (bash reads a plain
# script as it goes, and an edit once made two runs truncate their own logs).
main() {
    target=${1:?usage: fuzz/run.sh TARGET SECONDS [SANITIZER]}
    seconds=${2:?usage: fuzz/run.sh TARGET SECONDS [SANITIZER]}
    shift 2
    sanitizer=none
    if [ $# -gt 0 ] && [ "$1" != "--" ]; then
        sanitizer=$1
        shift
    fi
    if [ "${1:-}" = "--" ]; then shift; fi

    cd "$(dirname "$0")/.."
    mkdir -p "fuzz/corpus/$target" fuzz/logs
    if [ -z "$(ls -A "fuzz/corpus/$target")" ]; then
        cp "fuzz/seeds/$target"/* "fuzz/corpus/$target/"
        # The corpus the last runs reached, kept in git (fuzz/corpus.sh).
        if [ -f "fuzz/corpora/$target.tar.xz" ]; then
            fuzz/corpus.sh load "$target"
        fi
    fi
    log="fuzz/logs/$target-$(date -u +%Y%m%dT%H%M%SZ).log"

    # cargo-fuzz needs nightly flags; RUSTC_BOOTSTRAP unlocks them on stable.
    # -rss_limit_mb: a plan build can legitimately use a few hundred MB; more is
    # a leak or a blow-up worth a crash report. -timeout: one input taking over
    # 30 s is a hang.
    RUSTC_BOOTSTRAP=1 cargo fuzz run -s "$sanitizer" "$target" "fuzz/corpus/$target" -- \
        -max_total_time="$seconds" -rss_limit_mb=3072 -timeout=30 -print_final_stats=1 "$@" 2>&1 |
        perl -ne 'BEGIN { $| = 1 } print time(), " ", $_' >> "$log"
    echo "$log"
}

main "$@"
exit
