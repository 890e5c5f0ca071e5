#!/usr/bin/env bash
# The validate benchmark (docs/benchmarks.md, "## validate"): the same
# generated events, the same schemas, measured side by side in one run:
#   trackc validate (release, both cores, and pinned to one core),
#   ajv (Node, schemas compiled once), Python jsonschema (validators built
#   once), and plain serde_json parsing of every line (the ceiling).
# Events per second and peak memory come from /usr/bin/time -v.
#
# Usage: bench/validate.sh [COUNT]   (default 1,000,000 events)
# Needs: cargo, node + npm, python3 + pip, GNU time, taskset.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:-1000000}
OUT=bench/out
T=target/release
mkdir -p "$OUT"

cargo build --release -q --bin trackc --example gen_events --example parse_ceiling --example export_schemas

EVENTS=$OUT/events-$N.jsonl
if [ ! -s "$EVENTS" ]; then
  "$T/examples/gen_events" plans/invoicely "$N" 42 > "$EVENTS"
fi
"$T/examples/export_schemas" plans/invoicely > "$OUT/schemas.json"

if [ ! -d bench/node_modules/ajv ] || [ ! -d bench/node_modules/ajv-formats ]; then
  (cd bench && npm install --no-audit --no-fund --silent)
fi
if ! python3 -c "import jsonschema, rfc3339_validator" 2>/dev/null; then
  python3 -m pip install -q "jsonschema[format-nongpl]"
fi

# measure NAME COMMAND...: wall seconds and peak RSS (KiB) into $OUT/NAME.*
measure() {
  local name=$1; shift
  /usr/bin/time -v -o "$OUT/$name.time" "$@" > "$OUT/$name.out" 2> "$OUT/$name.err" || true
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$OUT/$name.time")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$OUT/$name.time")
  # h:mm:ss or m:ss.ss -> seconds
  secs=$(echo "$wall" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  echo "$name $secs $rss" >> "$OUT/results.txt"
}

rm -f "$OUT/results.txt"
measure ceiling          taskset -c 0 "$T/examples/parse_ceiling" "$EVENTS"
measure trackc-1core     taskset -c 0 "$T/trackc" validate -j 1 --format json "$EVENTS"
measure trackc-2cores    "$T/trackc" validate --format json "$EVENTS"
measure ajv              taskset -c 0 node bench/ajv_validate.js "$OUT/schemas.json" "$EVENTS"
measure python           taskset -c 0 python3 bench/py_validate.py "$OUT/schemas.json" "$EVENTS"

echo "events: $N ($(du -h "$EVENTS" | cut -f1)), $(nproc) cores, load average $(cut -d" " -f1-3 /proc/loadavg), $(date -u +%Y-%m-%d)"
echo "trackc: $(python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["summary"]; print(json.dumps({"valid": s["valid"], "invalid": s["invalid"], "unknown": s["unknown"], "skipped": sum(s["skipped"].values()), "bad": s["bad_lines"]}))' "$OUT/trackc-2cores.out")"
echo "ajv:    $(cat "$OUT/ajv.out")"
echo "python: $(cat "$OUT/python.out")"
echo
awk -v n="$N" '
  { name[NR]=$1; secs[NR]=$2; rss[NR]=$3; if ($1=="ajv") ajv=$2; if ($1=="ceiling") ceil=$2 }
  END {
    printf "| %-14s | %8s | %12s | %9s | %10s | %12s |\n", "run", "seconds", "events/s", "peak MiB", "vs ajv", "vs ceiling"
    printf "|%s|%s|%s|%s|%s|%s|\n", "----------------", "---------:", "-------------:", "----------:", "-----------:", "-------------:"
    for (i = 1; i <= NR; i++)
      printf "| %-14s | %8.2f | %12d | %9.1f | %9.2fx | %11.2fx |\n", name[i], secs[i], n / secs[i], rss[i] / 1024, ajv / secs[i], ceil / secs[i]
  }' "$OUT/results.txt"
