#!/usr/bin/env bash
# Benchmarks `trackc check` on synthetic plans of 1,000 and 10,000 events, on
# one core, side by side with what a team would otherwise run in a
# pre-commit hook on the same file: yamllint (a YAML linter) and a plain
# PyYAML load (parse only, C loader when available).
#
# Needs: hyperfine (Debian), yamllint and pyyaml (PyPI), GNU time.
# Usage: bench/check.sh [RESULTS.md]    (prints a Markdown table)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-/dev/stdout}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet --bin trackc --example gen_plan
bin=target/release/trackc
for n in 1000 10000; do
  target/release/examples/gen_plan "$n" 1 > "$work/plan-$n.yaml"
done
# A deliberately relaxed yamllint config: only syntax and duplicate keys, the
# checks closest to what trackc's loader does.
printf 'extends: relaxed\nrules: {line-length: disable, indentation: disable, trailing-spaces: disable}\n' > "$work/yamllint.yaml"
cat > "$work/load.py" <<'PY'
import sys, yaml
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
with open(sys.argv[1]) as f:
    yaml.load(f, Loader=Loader)
PY

one_core="taskset -c 0"
{
  echo "| plan | trackc check | yamllint | PyYAML load | trackc peak RSS |"
  echo "| --- | --- | --- | --- | --- |"
  for n in 1000 10000; do
    p="$work/plan-$n.yaml"
    runs=10; [ "$n" -ge 10000 ] && runs=3
    hyperfine --style none --warmup 1 --runs "$runs" -N -i \
      --export-json "$work/h-$n.json" \
      "$one_core $bin check --plan $p" \
      "$one_core yamllint -c $work/yamllint.yaml $p" \
      "$one_core python3 $work/load.py $p" >/dev/null 2>&1
    rss=$( { /usr/bin/time -f '%M' $one_core $bin check --plan "$p" >/dev/null; } 2>&1 | tail -1)
    python3 - "$work/h-$n.json" "$n" "$rss" "$(stat -c %s "$p")" <<'PY'
import json, sys
res = json.load(open(sys.argv[1]))["results"]
n, rss, size = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
t = [r["mean"] for r in res]
def ms(x): return f"{x*1000:.0f} ms" if x >= 0.01 else f"{x*1000:.1f} ms"
cells = [ms(t[0])] + [f"{ms(x)} ({x/t[0]:.1f}x)" for x in t[1:]]
print(f"| {n:,} events ({size/1e6:.1f} MB) | " + " | ".join(cells) + f" | {rss/1024:.0f} MiB |")
PY
  done
  python3 - "$work/h-1000.json" "$work/h-10000.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))["results"][0]["mean"]
b = json.load(open(sys.argv[2]))["results"][0]["mean"]
print(f"\n10x the events cost {b/a:.1f}x the time (trackc check, 1,000 -> 10,000 events).")
PY
} > "$out"
