#!/usr/bin/env bash
# Keep fuzz corpora between machines: the machines here start empty, and a
# corpus rebuilt from the seeds every time never gets past the first hour.
#
#   fuzz/corpus.sh save TARGET...   minimize fuzz/corpus/TARGET (cargo fuzz
#                                   cmin) and write fuzz/corpora/TARGET.tar.xz
#   fuzz/corpus.sh load TARGET...   unpack fuzz/corpora/TARGET.tar.xz into
#                                   fuzz/corpus/TARGET (fuzz/run.sh does this
#                                   itself for an empty corpus)
#
# The archive is written reproducibly (sorted names, no times or owners), so
# saving a corpus that did not change leaves the committed file unchanged.
set -euo pipefail

cmd=${1:?usage: fuzz/corpus.sh save|load TARGET...}
shift
[ $# -gt 0 ] || { echo "usage: fuzz/corpus.sh save|load TARGET..." >&2; exit 2; }
cd "$(dirname "$0")/.."
mkdir -p fuzz/corpora

for target in "$@"; do
    archive="fuzz/corpora/$target.tar.xz"
    case $cmd in
    save)
        [ -d "fuzz/corpus/$target" ] || { echo "no fuzz/corpus/$target" >&2; exit 1; }
        # A fuzzer still running reduces the corpus under cmin's feet: files
        # it lists vanish, and the merge keeps only what it read before.
        if pgrep -f "release/$target .*fuzz/corpus/$target" >/dev/null; then
            echo "$target is still being fuzzed; save its corpus when it stops" >&2
            exit 1
        fi
        # cmin keeps the smallest set of inputs with the same coverage.
        RUSTC_BOOTSTRAP=1 cargo fuzz cmin -s none "$target" "fuzz/corpus/$target" -- \
            -rss_limit_mb=3072 -timeout=30 >"fuzz/corpus/$target.cmin.log" 2>&1 ||
            { tail -n 20 "fuzz/corpus/$target.cmin.log" >&2; exit 1; }
        tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner \
            -C fuzz/corpus -cf - "$target" | xz -9 -T1 >"$archive.tmp"
        mv "$archive.tmp" "$archive"
        echo "$archive: $(ls "fuzz/corpus/$target" | wc -l) inputs, $(wc -c <"$archive") bytes"
        ;;
    load)
        [ -f "$archive" ] || { echo "no $archive" >&2; exit 1; }
        mkdir -p "fuzz/corpus/$target"
        tar -C fuzz/corpus -xJf "$archive"
        ;;
    *)
        echo "usage: fuzz/corpus.sh save|load TARGET..." >&2
        exit 2
        ;;
    esac
done
