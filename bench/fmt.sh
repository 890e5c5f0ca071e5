#!/usr/bin/env bash
# Benchmarks `trackc fmt --check` on synthetic plans of 1,000 and 10,000
# events, on one core: on the plan as formatted (the pre-commit case:
# nothing to change) and on the same plan indented by 4 spaces (every line
# changes, and the safety net re-parses and compares the result).
#
# Needs: hyperfine (Debian), GNU time.
# Usage: bench/fmt.sh [RESULTS.md]    (prints a Markdown table: wall time,
# and CPU time in parentheses for runs on a busy machine)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-/dev/stdout}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet --bin trackc --example gen_plan
bin=target/release/trackc
for n in 1000 10000; do
  target/release/examples/gen_plan "$n" 1 > "$work/plan-$n.yaml"
  $bin fmt "$work/plan-$n.yaml" >/dev/null 2>&1
  sed 's/^\( *\)/\1\1/' "$work/plan-$n.yaml" > "$work/messy-$n.yaml"
done

one_core="taskset -c 0"
{
  echo "| plan | fmt --check, formatted | fmt --check, indented by 4 | check (same plan) | fmt peak RSS (indented by 4) |"
  echo "| --- | --- | --- | --- | --- |"
  for n in 1000 10000; do
    p="$work/plan-$n.yaml"
    m="$work/messy-$n.yaml"
    runs=10; [ "$n" -ge 10000 ] && runs=5
    hyperfine --style none --warmup 1 --runs "$runs" -N -i \
      --export-json "$work/h-$n.json" \
      "$one_core $bin fmt --check $p" \
      "$one_core $bin fmt --check $m" \
      "$one_core $bin check --plan $p" >/dev/null 2>&1
    /usr/bin/time -f '%M' -o "$work/rss" $one_core $bin fmt --check "$m" >/dev/null 2>&1 || true
    rss=$(tail -1 "$work/rss")
    python3 - "$work/h-$n.json" "$n" "$rss" "$(stat -c %s "$p")" <<'PY'
import json, sys
res = json.load(open(sys.argv[1]))["results"]
n, rss, size = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
def ms(x): return f"{x*1000:.0f} ms" if x >= 0.01 else f"{x*1000:.1f} ms"
cells = [f"{ms(r['mean'])} ({ms(r['user'] + r['system'])} CPU)" for r in res]
print(f"| {n:,} events ({size/1e6:.1f} MB) | " + " | ".join(cells) + f" | {rss/1024:.0f} MiB |")
PY
  done
} > "$out"
