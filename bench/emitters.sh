#!/usr/bin/env bash
# Times `trackc build` of the six emitter targets on a synthetic plan side by
# side with Segment Typewriter building the same plan from a local plan.json
# (no Segment workspace, token or network), in one hyperfine run.
#
#   trackc     typescript python rust go java kotlin, release build; once into
#              an empty output directory (every file written) and once up to
#              date (everything rendered and compared, nothing written)
#   Typewriter 9.2.0 (latest): typescript, javascript, swift, kotlin, one
#              run each (the table adds them up); 7.4.1: typescript only by
#              default, it takes ~15x as long (TW7_TARGETS="typescript:analytics-node
#              javascript:analytics-node java:analytics-android swift:analytics-ios
#              objective-c:analytics-ios" for all five)
#
# Typewriter's usage telemetry (a POST to api.segment.io after each run,
# which Typewriter 7 retries with backoff when the network is unreachable)
# is dropped by preloading bench/typewriter/no-telemetry.js, so the figures
# compare code generation; one extra row times Typewriter 9 TypeScript as
# shipped, telemetry on, to show what that choice changes.
#
# Needs: cargo, hyperfine, node 18+ and npm (installs bench/typewriter/
# node_modules from its package-lock.json when missing).
# Usage: bench/emitters.sh [EVENTS] [RUNS] [RESULTS.md]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
events=${1:-1000}
runs=${2:-3}
out=${3:-/dev/stdout}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet --bin trackc --example gen_plan --example export_segment
tw_dir=$root/bench/typewriter
if [ ! -d "$tw_dir/node_modules/typewriter7" ]; then
  (cd "$tw_dir" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
trackc=$root/target/release/trackc
target/release/examples/gen_plan "$events" 1 > "$work/plan.yaml"
"$trackc" check --plan "$work/plan.yaml" >/dev/null

# Typewriter matches a config entry to the plan by id.
target/release/examples/export_segment "$work/plan.yaml" > "$work/plan-public-api.json"
target/release/examples/export_segment "$work/plan.yaml" --config-api > "$work/plan-config-api.json"
plan_id=$(node -e 'console.log(require(process.argv[1]).id)' "$work/plan-public-api.json")

# Typewriter 9: one config, the language picked per run with -l/-s; the
# plan is read from the tracking plan's path, output goes to -p.
mkdir -p "$work/tw9/plan"
cp "$work/plan-public-api.json" "$work/tw9/plan/plan.json"
cat > "$work/tw9/typewriter.yml" <<EOF
client:
  sdk: analytics-node
  language: typescript
trackingPlans:
  - id: $plan_id
    path: ./plan
EOF
# Typewriter 7: the language lives in the config, so one directory each.
tw7_targets=${TW7_TARGETS:-typescript:analytics-node}
for t in $tw7_targets; do
  lang=${t%%:*} sdk=${t#*:}
  mkdir -p "$work/tw7-$lang/plan"
  cp "$work/plan-config-api.json" "$work/tw7-$lang/plan/plan.json"
  cat > "$work/tw7-$lang/typewriter.yml" <<EOF
client:
  sdk: $sdk
  language: $lang
trackingPlans:
  - id: $plan_id
    workspaceSlug: local
    path: ./plan
EOF
done

quiet="</dev/null >/dev/null 2>&1"
tw9="node --require $tw_dir/no-telemetry.js $tw_dir/node_modules/typewriter/bin/run build -c $work/tw9"
tw9_stock="node $tw_dir/node_modules/typewriter/bin/run build -c $work/tw9"
tw7="node --require $tw_dir/no-telemetry.js $tw_dir/node_modules/typewriter7/dist/src/cli/index.js build --config"
tw9_lang() { echo "$tw9 -l $1 -s $2 -p out/$1 $quiet"; }
tw7_lang() { echo "$tw7 $work/tw7-$1 $quiet"; }
targets="--target typescript --target python --target rust --target go --target java --target kotlin"

names=() cmds=() preps=()
add() { names+=("$1"); cmds+=("$2"); preps+=("${3:-true}"); }
add "trackc, 6 targets, empty output dir" \
  "$trackc build --plan $work/plan.yaml --out $work/trackc $targets $quiet" "rm -rf $work/trackc"
add "trackc, 6 targets, up to date" \
  "$trackc build --plan $work/plan.yaml --out $work/trackc $targets $quiet"
add "Typewriter 9, typescript" "$(tw9_lang typescript analytics-node)"
add "Typewriter 9, javascript" "$(tw9_lang javascript analytics-node)"
add "Typewriter 9, swift" "$(tw9_lang swift swift)"
add "Typewriter 9, kotlin" "$(tw9_lang kotlin kotlin)"
for t in $tw7_targets; do
  lang=${t%%:*}
  add "Typewriter 7, $lang" "$(tw7_lang "$lang")"
done
add "Typewriter 9, typescript, telemetry on (no network)" \
  "$tw9_stock -l typescript -s analytics-node -p out/stock $quiet"

# Away from the repository, so its trackc.yaml plays no part.
cd "$work"
# Every command once first: a failure stops here with its output.
for i in "${!cmds[@]}"; do
  bash -c "${preps[$i]}"
  if ! bash -c "${cmds[$i]//$quiet/}" >"$work/check.log" 2>&1 </dev/null; then
    echo "failed: ${names[$i]}" >&2
    cat "$work/check.log" >&2
    exit 1
  fi
done
files=$(find "$work/trackc" -type f | wc -l)
bytes=$(du -sb "$work/trackc" | cut -f1)

args=()
for i in "${!cmds[@]}"; do
  args+=(--command-name "${names[$i]}" --prepare "${preps[$i]}" "${cmds[$i]}")
done
hyperfine --style none --runs "$runs" --export-json "$work/h.json" "${args[@]}" >/dev/null 2>&1

{
  echo "Plan: $events events ($(stat -c %s "$work/plan.yaml") bytes of YAML); trackc writes $files files, $bytes bytes."
  echo "$(date -u +%F), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end;"
  echo "trackc $("$trackc" --version | awk '{print $2}'), node $(node --version)."
  echo
  python3 - "$work/h.json" <<'PY'
import json, sys
res = json.load(open(sys.argv[1]))["results"]
base = res[0]["mean"]
def s(x): return f"{x:.2f} s"
print("| command | wall, mean ± σ | min | user + system | vs trackc, empty dir |")
print("| --- | --- | --- | --- | --- |")
for r in res:
    cpu = r["user"] + r["system"]
    print(f"| {r['command']} | {s(r['mean'])} ± {r['stddev']:.2f} | {s(r['min'])} | {s(cpu)} | {r['mean']/base:.1f}x |")
for tool in ("Typewriter 9", "Typewriter 7"):
    rows = [r for r in res if r["command"].startswith(tool + ", ") and "telemetry" not in r["command"]]
    if len(rows) > 1:
        mean = sum(r["mean"] for r in rows)
        cpu = sum(r["user"] + r["system"] for r in rows)
        print(f"| {tool}, all {len(rows)} targets (sum of its rows) | {s(mean)} | {s(sum(r['min'] for r in rows))} | {s(cpu)} | {mean/base:.1f}x |")
PY
} > "$out"
