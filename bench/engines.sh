#!/usr/bin/env bash
# `tally` beside DuckDB and Spark (local mode) on the same 1M-line log, as
# throughput and as ratios from the same run. Uses the engines .ci/run
# installs (.ci/.deps/venv); run .ci/run once first. Usage: bench/engines.sh [LINES]
set -euo pipefail
cd "$(dirname "$0")/.."
lines=${1:-1000000}
python="$PWD/.ci/.deps/venv/bin/python"
cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-$PWD/target}/release/llmcost"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/gen_log.py "$lines" "$work/usage.jsonl"
"$bin" sql --dialect duckdb > "$work/duckdb.sql"
"$bin" sql --dialect spark > "$work/spark.sql"

seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null; end=$(date +%s.%N); echo "$end - $start" | bc; }
t_tally=$(seconds "$bin" tally "$work/usage.jsonl" --json)
t_normalize=$(seconds sh -c "'$bin' tally '$work/usage.jsonl' --normalize --format csv > '$work/usage.csv'")
t_duckdb=$(seconds "$python" tests/engines/price_in_engines.py "$work/usage.csv" "$work/duckdb.sql")
t_both=$(seconds "$python" tests/engines/price_in_engines.py "$work/usage.csv" "$work/duckdb.sql" "$work/spark.sql" "$work/usage.jsonl" "$bin")
python3 - "$lines" "$t_tally" "$t_normalize" "$t_duckdb" "$t_both" <<'PY'
import sys
lines, tally, normalize, duckdb, both = int(sys.argv[1]), *map(float, sys.argv[2:])
spark = both - duckdb  # the second run adds Spark's SQL and pipe paths (and its start-up)
rate = lambda s: f"{lines / s / 1e6:.2f}M lines/s"
print(f"engines on {lines:,} log lines (one run each; 2 cores)")
print(f"  tally                        {tally:6.2f} s  {rate(tally)}")
print(f"  tally --normalize (CSV)      {normalize:6.2f} s  {rate(normalize)}")
print(f"  DuckDB over the CSV          {duckdb:6.2f} s  {rate(duckdb)}  {duckdb / tally:.1f}x tally")
print(f"  Spark local, SQL + pipe      {spark:6.2f} s  {rate(spark)}  {spark / tally:.1f}x tally")
PY
