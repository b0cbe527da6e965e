#!/usr/bin/env bash
# Benchmarks llmcost side by side with baselines in the same run and prints
# ratios (never absolute thresholds in tests). Installs hyperfine and jq if
# they are missing. Usage: bench/run.sh [--quick]
set -euo pipefail
cd "$(dirname "$0")/.."

runs=30
[ "${1:-}" = "--quick" ] && runs=5

need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "bench: installing $1" >&2
  if command -v apt-get >/dev/null 2>&1; then
    (apt-get install -y "$1" >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y "$1" >/dev/null 2>&1; })
  fi
  command -v "$1" >/dev/null 2>&1 || cargo install --locked "$1"
}
need hyperfine
need jq

cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-$PWD/target}/release/llmcost"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A catalog eight times the bundled one: its models copied under new ids,
# so it has the real shape at the size of a full import.
python3 - "$work/big.json" <<'PY'
import json, sys
catalog = json.load(open("catalog.json"))
models = []
for copy in range(8):
    for m in catalog["models"]:
        m = dict(m)
        if copy:
            m["id"] = f'{m["id"]}-copy{copy}'
            m.pop("aliases", None)
        models.append(m)
catalog["models"] = models
json.dump(catalog, open(sys.argv[1], "w"))
print(f"bench: synthetic catalog of {len(models)} models", file=sys.stderr)
PY
cp catalog.json "$work/bundled.json"
# Imported the way a user gets it: `catalog update` writes the cache.
export XDG_CACHE_HOME="$work/cache"
"$bin" catalog update --from "$work/big.json" --format llmcost >/dev/null
cp "$work/cache/llmcost/catalog.json" "$work/big-cache.json"
# The measured runs use no cache: "bundled" means the compiled-in catalog.
export XDG_CACHE_HOME="$work/no-cache"
python3 bench/gen_log.py 1000000 "$work/usage.jsonl"
python3 bench/gen_log.py 1000000 "$work/usage3.jsonl" --three

seed=mistral-small-3-1-24b-instruct
jq_cost='.models[] | select(.id == "mistral-small-3-1-24b-instruct") | (.prices.input | tonumber) + (.prices.output | tonumber)'

hyperfine -N --warmup 10 --runs "$runs" --export-json "$work/startup.json" \
  -n true 'true' \
  -n llmcost "$bin cost $seed --in 1M --out 1M" \
  -n jq "jq -r '$jq_cost' $work/bundled.json" \
  -n llmcost-5k "$bin --catalog $work/big-cache.json cost $seed --in 1M --out 1M" \
  -n jq-5k "jq -r '$jq_cost' $work/big-cache.json" >/dev/null

# A grouped sum of input tokens per model over the eight shapes' fields.
jq_tally='reduce inputs as $r ({}; .[($r.model // $r.modelVersion // $r.modelId // $r.message.model // $r.response.body.model // "?")] += (($r.input_tokens // 0) + ($r.usage.prompt_tokens // 0) + ($r.usage.input_tokens // 0) + ($r.usageMetadata.promptTokenCount // 0) + ($r.usage.inputTokens // 0) + ($r.message.usage.input_tokens // 0) + ($r.response.body.usage.prompt_tokens // 0)))'
hyperfine --warmup 1 --runs 3 --export-json "$work/tally.json" \
  -n llmcost-tally "$bin tally $work/usage.jsonl --json" \
  -n llmcost-tally3 "$bin tally $work/usage3.jsonl --json" \
  -n jq-tally "jq -n '$jq_tally' $work/usage.jsonl" >/dev/null

rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
rss_bundled=$(rss "$bin" cost $seed --in 1M --out 1M)
rss_big=$(rss "$bin" --catalog "$work/big-cache.json" cost $seed --in 1M --out 1M)

bundled_n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["models"]))' "$work/bundled.json")
big_n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["models"]))' "$work/big-cache.json")
python3 - "$work/startup.json" "$work/tally.json" "$rss_bundled" "$rss_big" "$bundled_n" "$big_n" <<'PY'
import json, sys
def means(path):
    return {r["command"]: r["mean"] for r in json.load(open(path))["results"]}
s, t = means(sys.argv[1]), means(sys.argv[2])
ms = lambda x: f"{x * 1000:.2f} ms"
print("llmcost benchmarks (means; ratios from the same run)")
print(f"  true                          {ms(s['true'])}")
n, big = f"{int(sys.argv[5]):,}", f"{int(sys.argv[6]):,}"
print(f"  llmcost cost (bundled, {n})   {ms(s['llmcost'])}   = true + {ms(s['llmcost'] - s['true'])}   jq is {s['jq'] / s['llmcost']:.1f}x slower")
print(f"  llmcost cost ({big} models)   {ms(s['llmcost-5k'])}   = true + {ms(s['llmcost-5k'] - s['true'])}   jq is {s['jq-5k'] / s['llmcost-5k']:.1f}x slower")
print(f"  max RSS: {int(sys.argv[3]) / 1024:.1f} MiB (bundled), {int(sys.argv[4]) / 1024:.1f} MiB ({big} models)")
lines = 1_000_000
print(f"  tally 1M lines, 8 shapes      {t['llmcost-tally']:.2f} s = {lines / t['llmcost-tally'] / 1e6:.2f}M lines/s   jq is {t['jq-tally'] / t['llmcost-tally']:.1f}x slower")
print(f"  tally 1M lines, 3 shapes      {t['llmcost-tally3']:.2f} s = {lines / t['llmcost-tally3'] / 1e6:.2f}M lines/s")
PY

# A Claude Code home of 100,000 messages (three lines each, as Claude Code
# writes them): llmcost beside ccusage's native binary from npm, when npm
# can install it, with both totals printed to show they agree.
python3 bench/gen_claude_home.py 100000 "$work/home" --recent
home_bytes=$(du -sb "$work/home/.claude" | cut -f1)
ccusage=""
if command -v npm >/dev/null 2>&1 && (cd "$work" && npm install --silent --prefix "$work/ccu" ccusage@20.0.24 >/dev/null 2>&1); then
  ccusage="$work/ccu/node_modules/.bin/ccusage"
  "$ccusage" --version >/dev/null 2>&1 || ccusage=""
fi
echo '{"session_id":"s","transcript_path":"'"$(ls "$work"/home/.claude/projects/*/*.jsonl | tail -1)"'","model":{"display_name":"Sonnet"}}' > "$work/hook.json"
home_cmds=(-n llmcost-home "env HOME=$work/home $bin tally --claude-code --by day --json")
[ -n "$ccusage" ] && home_cmds+=(-n ccusage-home "env HOME=$work/home $ccusage daily --offline --json")
hyperfine -N --warmup 1 --runs 5 --export-json "$work/home.json" "${home_cmds[@]}" >/dev/null
# Through a shell for its standard input; hyperfine takes the shell's own
# start off the time.
hyperfine --warmup 3 --runs 20 --export-json "$work/statusline.json" \
  -n llmcost-statusline "HOME=$work/home $bin statusline < $work/hook.json" >/dev/null
# A heavy day: every session of the home written in the last 36 hours, so
# the status line reads all of them. Without its cache (a cache folder it
# cannot write), then with every log cached (a run caches 8 MB of logs, so
# the cache is filled by repeated runs first).
cp -r "$work/home" "$work/heavy"
find "$work/heavy" -name '*.jsonl' -exec touch -d '-2 hours' {} +
for _ in $(seq 60); do HOME="$work/heavy" "$bin" statusline < "$work/hook.json" >/dev/null; done
hyperfine --warmup 2 --runs 10 --export-json "$work/heavy.json" \
  -n uncached "HOME=$work/heavy XDG_CACHE_HOME=/dev/null $bin statusline < $work/hook.json" \
  -n cached "HOME=$work/heavy $bin statusline < $work/hook.json" >/dev/null
python3 - "$work/home.json" "$home_bytes" "$work/statusline.json" "$work/heavy.json" <<'PY'
import json, sys
m = {r["command"]: r["mean"] for path in (sys.argv[1], sys.argv[3], sys.argv[4]) for r in json.load(open(path))["results"]}
size = int(sys.argv[2])
t = m["llmcost-home"]
line = f"  Claude Code home, {size / 1e6:.0f} MB   {t * 1000:.0f} ms = {size / t / 1e9:.2f} GB/s"
if "ccusage-home" in m:
    line += f"   ccusage daily is {m['ccusage-home'] / t:.1f}x slower"
print(line)
print(f"  statusline on that home       {m['llmcost-statusline'] * 1000:.1f} ms")
print(f"  statusline, all of it today   {m['cached'] * 1000:.0f} ms cached, {m['uncached'] * 1000:.0f} ms without the cache ({m['uncached'] / m['cached']:.1f}x)")
PY
HOME="$work/home" "$bin" tally --claude-code --json | jq -r '"  totals: llmcost \(.total)"'
[ -n "$ccusage" ] && HOME="$work/home" "$ccusage" daily --offline --json | jq -r '"          ccusage \(.totals.totalCost)"'

# tally beside DuckDB and Spark on 1M lines, when .ci/run has installed them.
if [ -x .ci/.deps/venv/bin/python ] && .ci/.deps/venv/bin/python -c 'import duckdb, pyspark' 2>/dev/null; then
  bench/engines.sh 1000000
else
  echo "bench: DuckDB/Spark skipped (run .ci/run once to install them)"
fi
