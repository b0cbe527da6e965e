//! `llmcost sql`: the prices as SQL, proven to price exactly as `tally`
//! in DuckDB (and in Apache Spark, SQL and `pipe`, when `LLMCOST_SPARK=1`),
//! on a generated log of every shape. The engines run from the Python that
//! `LLMCOST_E2E_PYTHON` names (`.ci/run` installs `duckdb` and `pyspark`
//! there); without it the test prints `SKIPPED:` and passes, unless
//! `LLMCOST_E2E=1`.

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::Command as Process;

use crate::common;

use common::{json_of, llmcost, stdout_of};
use predicates::prelude::*;

/// A deterministic generator (a 64-bit LCG, Knuth's constants).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

/// `count` log lines of every record shape `tally` prices on its own line
/// (no multi-line messages or session contexts, so any split into
/// partitions prices the same), over models with context tiers, batch,
/// service tiers, cache, audio, a Bedrock region and an off-peak window,
/// and some unknown ones.
fn generated_log(count: usize) -> String {
    let mut rng = Lcg(20_261_125);
    let mut log = String::new();
    for _ in 0..count {
        let input = 1 + rng.next(300_000);
        let cached = rng.next(input / 2 + 1);
        let output = rng.next(20_000);
        let reasoning = rng.next(output + 1);
        let line = match rng.next(12) {
            0 => format!(
                r#"{{"object":"chat.completion","model":"gpt-4o-mini","usage":{{"prompt_tokens":{input},"completion_tokens":{output},"prompt_tokens_details":{{"cached_tokens":{cached}}}}}}}"#
            ),
            1 => format!(
                r#"{{"object":"response","model":"gpt-5-mini","usage":{{"input_tokens":{input},"input_tokens_details":{{"cached_tokens":{cached}}},"output_tokens":{output},"output_tokens_details":{{"reasoning_tokens":{reasoning}}}}}}}"#
            ),
            2 => {
                let tier = ["flex", "priority", "default"][rng.next(3) as usize];
                format!(
                    r#"{{"object":"chat.completion","model":"gpt-5","service_tier":"{tier}","usage":{{"prompt_tokens":{input},"completion_tokens":{output},"prompt_tokens_details":{{"cached_tokens":{cached}}}}}}}"#
                )
            }
            3 => {
                let written = rng.next(input - cached + 1);
                let one_hour = rng.next(written + 1);
                let uncached = input - cached - written;
                format!(
                    r#"{{"type":"message","model":"claude-haiku-4-5","usage":{{"input_tokens":{uncached},"cache_read_input_tokens":{cached},"cache_creation_input_tokens":{written},"cache_creation":{{"ephemeral_1h_input_tokens":{one_hour}}},"output_tokens":{output}}}}}"#
                )
            }
            4 => format!(
                r#"{{"modelVersion":"gemini-2.5-pro","usageMetadata":{{"promptTokenCount":{input},"cachedContentTokenCount":{cached},"candidatesTokenCount":{},"thoughtsTokenCount":{reasoning}}}}}"#,
                output - reasoning
            ),
            5 => format!(
                r#"{{"model":"qwen3-max","usage":{{"prompt_tokens":{input},"completion_tokens":{output}}}}}"#
            ),
            6 => format!(
                r#"{{"modelId":"us.anthropic.claude-haiku-4-5-20251001-v1:0","usage":{{"inputTokens":{},"cacheReadInputTokens":{cached},"outputTokens":{output}}}}}"#,
                input - cached
            ),
            7 => format!(
                r#"{{"model":"deepseek-v3.2","usage":{{"prompt_tokens":{input},"completion_tokens":{output},"prompt_cache_hit_tokens":{cached}}}}}"#
            ),
            8 => {
                let audio = rng.next(input - cached + 1);
                let audio_out = rng.next(output + 1);
                format!(
                    r#"{{"object":"chat.completion","model":"gpt-audio","usage":{{"prompt_tokens":{input},"completion_tokens":{output},"prompt_tokens_details":{{"cached_tokens":0,"audio_tokens":{audio}}},"completion_tokens_details":{{"audio_tokens":{audio_out}}}}}}}"#
                )
            }
            9 => format!(
                r#"{{"custom_id":"r","response":{{"status_code":200,"body":{{"model":"gpt-4o-mini","usage":{{"prompt_tokens":{input},"completion_tokens":{output}}}}}}}}}"#
            ),
            10 => format!(
                r#"{{"model":"no-such-model","input_tokens":{input},"output_tokens":{output}}}"#
            ),
            // DeepSeek R1 has an off-peak window (16:30–00:30 UTC): a week
            // of random seconds puts rows on both sides of it.
            _ => format!(
                r#"{{"model":"deepseek-r1","provider":"deepseek","created":{},"usage":{{"prompt_tokens":{input},"completion_tokens":{output},"prompt_cache_hit_tokens":{cached}}}}}"#,
                1_790_000_000 + rng.next(7 * 86_400)
            ),
        };
        log.push_str(&line);
        log.push('\n');
    }
    log
}

/// The Python with the engines, or `None` (a visible skip; a failure under
/// `LLMCOST_E2E=1`).
pub(crate) fn engine_python(module: &str) -> Option<String> {
    let python = std::env::var("LLMCOST_E2E_PYTHON").unwrap_or_else(|_| "python3".into());
    let found = Process::new(&python)
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if found {
        return Some(python);
    }
    let required = std::env::var("LLMCOST_E2E").is_ok_and(|v| v == "1");
    assert!(
        !required,
        "LLMCOST_E2E=1 but Python's {module} is not available"
    );
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED: Python's {module} is not available (set LLMCOST_E2E=1 to make this a failure)"
    );
    None
}

/// The CSV of `tally --normalize` for `log`, priced by the DuckDB SQL of
/// `catalog` (the bundled one when `None`) in a session zone far from UTC:
/// the engine's total and its count of `NULL` rows.
pub(crate) fn duckdb_prices(
    python: &str,
    log: &std::path::Path,
    catalog: Option<&std::path::Path>,
) -> (serde_json::Value, serde_json::Value) {
    let with_catalog = |mut cmd: assert_cmd::Command| {
        if let Some(catalog) = catalog {
            cmd.arg("--catalog").arg(catalog);
        }
        cmd
    };
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("usage.csv");
    let normalized = stdout_of(with_catalog(llmcost()).arg("tally").arg(log).args([
        "--normalize",
        "--format",
        "csv",
    ]));
    std::fs::write(&csv, normalized).unwrap();
    let duckdb_sql = dir.path().join("duckdb.sql");
    let sql = stdout_of(with_catalog(llmcost()).args(["sql", "--dialect", "duckdb"]));
    std::fs::write(&duckdb_sql, sql).unwrap();
    duckdb_totals(python, &csv, &duckdb_sql)
}

/// DuckDB's total and count of `NULL` rows for the usage CSV `csv` priced
/// by the SQL in `duckdb_sql`, in a session zone far from UTC.
fn duckdb_totals(
    python: &str,
    csv: &std::path::Path,
    duckdb_sql: &std::path::Path,
) -> (serde_json::Value, serde_json::Value) {
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/engines/price_in_engines.py"
    );
    let output = Process::new(python)
        .env("TZ", "America/Los_Angeles")
        .arg(script)
        .arg(csv)
        .arg(duckdb_sql)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let engines: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    (
        engines["duckdb"]["total"].clone(),
        engines["duckdb"]["null_rows"].clone(),
    )
}

fn sql(dialect: &str) -> String {
    stdout_of(llmcost().args(["sql", "--dialect", dialect]))
}

#[test]
fn tally_duckdb_and_spark_agree_to_the_last_digit() {
    let Some(python) = engine_python("duckdb") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("mixed.jsonl");
    std::fs::write(&log, generated_log(100_000)).unwrap();
    let tallied = json_of(llmcost().arg("tally").arg(&log).arg("--json"));
    let csv = dir.path().join("usage.csv");
    std::fs::write(
        &csv,
        stdout_of(
            llmcost()
                .arg("tally")
                .arg(&log)
                .args(["--normalize", "--format", "csv"]),
        ),
    )
    .unwrap();
    let duckdb_sql = dir.path().join("duckdb.sql");
    std::fs::write(&duckdb_sql, sql("duckdb")).unwrap();
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/engines/price_in_engines.py"
    );
    let mut command = Process::new(&python);
    // A session zone far from UTC: the off-peak window is in UTC minutes.
    command
        .env("TZ", "Asia/Tokyo")
        .arg(script)
        .arg(&csv)
        .arg(&duckdb_sql);
    let spark = std::env::var("LLMCOST_SPARK").is_ok_and(|v| v == "1");
    if spark {
        let spark_sql = dir.path().join("spark.sql");
        std::fs::write(&spark_sql, sql("spark")).unwrap();
        command
            .arg(&spark_sql)
            .arg(&log)
            .arg(assert_cmd::cargo::cargo_bin("llmcost"));
    }
    let output = command.output().expect("python runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let engines: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    // Every engine, per model and in all, against tally's report.
    let mut report = String::new();
    for (engine, totals) in engines.as_object().unwrap() {
        assert_eq!(
            totals["total"].as_str().unwrap(),
            tallied["total"].to_string(),
            "{engine}"
        );
        for group in tallied["groups"].as_array().unwrap() {
            let model = group["group"].as_str().unwrap();
            assert_eq!(
                totals["models"][model].as_str(),
                Some(group["cost"].to_string().as_str()),
                "{engine} {model}"
            );
        }
        assert_eq!(totals["null_rows"], 0, "{engine}");
        let _ = write!(report, "{engine} ");
    }
    assert_eq!(
        tallied["priced"].as_u64().unwrap() + tallied["unknown"]["count"].as_u64().unwrap(),
        100_000
    );
    let _ = writeln!(std::io::stderr(), "equal to tally: {report}");
}

#[test]
fn bad_rows_cost_null_never_zero() {
    let Some(python) = engine_python("duckdb") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("usage.csv");
    // A known row (gpt-4o-mini 1M in: $0.15), an unknown model, negative
    // tokens, and cache reads larger than the input.
    let header = "model,provider,ts,input_tokens,cached_input_tokens,cached_audio_input_tokens,cache_write_tokens,cache_write_1h_tokens,output_tokens,reasoning_tokens,audio_input_tokens,audio_output_tokens,image_input_tokens,image_output_tokens,video_input_tokens,video_output_tokens,citation_tokens,web_searches,batch,service_tier,region,requests,context_floor_tokens,cost";
    // Then OpenRouter's Gemini 2.5 Flash, whose cache-write rate SQL cannot
    // hold exactly: 1M in and 1M out without cache writes is priced
    // ($0.30 + $2.50 = $2.80), and a row with cache writes is NULL.
    let rows = [
        "gpt-4o-mini,openai,,1000000,0,0,0,0,0,0,0,0,0,0,0,0,0,0,false,standard,global,1,,0.15",
        "no-such-model,openai,,1000,0,0,0,0,0,0,0,0,0,0,0,0,0,0,false,standard,global,1,,0",
        "gpt-4o-mini,openai,,-5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,false,standard,global,1,,0",
        "gpt-4o-mini,openai,,10,20,0,0,0,0,0,0,0,0,0,0,0,0,0,false,standard,global,1,,0",
        "google/gemini-2.5-flash,openrouter,,1000000,0,0,0,0,1000000,0,0,0,0,0,0,0,0,0,false,standard,global,1,,2.8",
        "google/gemini-2.5-flash,openrouter,,1000000,0,0,1000,0,1000000,0,0,0,0,0,0,0,0,0,false,standard,global,1,,2.8",
    ];
    std::fs::write(&csv, format!("{header}\n{}\n", rows.join("\n"))).unwrap();
    let duckdb_sql = dir.path().join("duckdb.sql");
    std::fs::write(&duckdb_sql, sql("duckdb")).unwrap();
    let (total, null_rows) = duckdb_totals(&python, &csv, &duckdb_sql);
    // $0.15 + $2.80.
    assert_eq!(total, "2.95");
    assert_eq!(null_rows, 4);
}

#[test]
fn names_are_quoted_for_each_dialect() {
    // A hostile catalog: a model id with a quote and a backslash must stay
    // one string literal in both dialects.
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("catalog.json");
    let text = std::fs::read_to_string(common::fixture("catalog.json")).unwrap();
    let text = text.replacen("\"id\": \"gpt-4o-mini\"", r#""id": "it's\\ x""#, 1);
    assert!(text.contains(r#""it's\\ x""#), "fixture changed");
    std::fs::write(&catalog, text).unwrap();
    let duckdb =
        stdout_of(
            llmcost()
                .arg("--catalog")
                .arg(&catalog)
                .args(["sql", "--dialect", "duckdb"]),
        );
    assert!(duckdb.contains(r"'it''s\ x'"), "{duckdb}");
    let spark =
        stdout_of(
            llmcost()
                .arg("--catalog")
                .arg(&catalog)
                .args(["sql", "--dialect", "spark"]),
        );
    assert!(spark.contains(r"'it''s\\ x'"));
    // An unknown dialect is a usage error naming the supported ones.
    llmcost()
        .args(["sql", "--dialect", "oracle"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("duckdb, spark"));
}

#[test]
fn a_rate_sql_cannot_hold_exactly_is_null_and_named_never_rounded() {
    // OpenRouter states Gemini 2.5 Flash's cache write as $0.0833333333333333
    // per 1M: 0.0000000833333333333333 per token is 22 places, past the
    // export's 18. That rate (and the 1-hour write that falls back to it)
    // is NULL, never rounded, and stderr names the model and the rate; the
    // model's other rates stay, so rows without cache writes are priced.
    let assert = llmcost()
        .args(["sql", "--dialect", "duckdb", "--verbose"])
        .assert()
        .success();
    let output = assert.get_output();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("openrouter/google/gemini-2.5-flash: the cache_write rate 0.0833333333333333 per 1M needs more than 18 decimals per token; rows with cache_write tokens cost NULL, never rounded"),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    // After the key (no off-peak window: false and six NULLs; today's sheet,
    // the second, from 2026-10-19, day 20,745, before which genai-prices
    // dates another: 1, 20745, true), the columns input, audio, image,
    // video, cached, cached audio, then the two cache writes (NULL), then
    // output $2.50 per 1M.
    assert!(
        stdout.contains("('openrouter', 'google/gemini-2.5-flash', 0, -1, false, 'standard', 'global', false, NULL, NULL, NULL, NULL, NULL, NULL, 1, 20745, true, 0.0000003, 0.000001, 0.0000003, 0.0000003, 0.00000003, 0.0000001, NULL, NULL, 0.0000025, "),
        "{stdout}"
    );
}

#[test]
fn off_peak_rows_are_priced_by_their_utc_minute_in_any_session_zone() {
    let Some(python) = engine_python("duckdb") else {
        return;
    };
    // DeepSeek R1: $0.55 in / $2.19 out per 1M, and $0.135 / $0.55 from
    // 16:30 to 00:30 UTC. 1M in and 1M out: $2.74 at peak, $0.685 off peak.
    // 12:00 peak, 17:00 off, 00:29:59 off, 00:30 peak (the end is not in
    // the window), 16:30 off (its start is), no time peak:
    // 3 × 2.74 + 3 × 0.685 = 8.22 + 2.055 = 10.275.
    // (2025: DeepSeek ended the window on 2025-09-05 16:00 UTC.)
    let stamps = [
        "2025-06-01T12:00:00Z",
        "2025-06-01T17:00:00Z",
        "2025-06-02T00:29:59Z",
        "2025-06-02T00:30:00Z",
        "2025-06-02T16:30:00Z",
        "",
    ];
    let dir = tempfile::tempdir().unwrap();
    let log: String = stamps
        .iter()
        .map(|ts| {
            let time = if ts.is_empty() {
                String::new()
            } else {
                format!(r#","timestamp":"{ts}""#)
            };
            format!(
                r#"{{"model":"deepseek-r1","provider":"deepseek"{time},"usage":{{"prompt_tokens":1000000,"completion_tokens":1000000}}}}"#
            ) + "\n"
        })
        .collect();
    let log_path = dir.path().join("r1.jsonl");
    std::fs::write(&log_path, log).unwrap();
    let tallied = json_of(llmcost().arg("tally").arg(&log_path).arg("--json"));
    assert_eq!(tallied["total"].to_string(), "10.275");
    let (total, null_rows) = duckdb_prices(&python, &log_path, None);
    assert_eq!(total, "10.275");
    assert_eq!(null_rows, 0);
}

#[test]
fn a_row_of_many_requests_holds_totals_in_tally_and_in_duckdb() {
    // Usage-export rows sum their requests (docs/pricing.md): each rate
    // applies to the row's totals, at the context tier of its average
    // request. gpt-5.4: $2.50 in, $0.25 cached, $15 out per 1M; above 272k
    // input per request $5 in, $22.50 out.
    //   1,000 requests, 5M in (1M cached), 100k out, average 5,000:
    //     4M × $2.50 + 1M × $0.25 + 100k × $15 = $10 + $0.25 + $1.50 = $11.75
    //   2 requests, 600k in, 10k out, average 300k > 272k:
    //     600k × $5 + 10k × $22.50 = $3 + $0.225 = $3.225
    //   3 requests, 600k in, 10k out, average 200k:
    //     600k × $2.50 + 10k × $15 = $1.50 + $0.15 = $1.65
    // total $16.625 (it was $22,750-odd in DuckDB, which multiplied the
    // totals by the request count again).
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("export.csv");
    std::fs::write(
        &csv,
        "start_time_iso,model,input_tokens,input_cached_tokens,output_tokens,num_model_requests\n\
         2026-11-01T00:00:00Z,gpt-5.4,5000000,1000000,100000,1000\n\
         2026-11-01T00:00:00Z,gpt-5.4,600000,0,10000,2\n\
         2026-11-01T00:00:00Z,gpt-5.4,600000,0,10000,3\n",
    )
    .unwrap();
    let tallied = json_of(llmcost().arg("tally").arg(&csv).arg("--json"));
    assert_eq!(tallied["total"].to_string(), "16.625");
    let Some(python) = engine_python("duckdb") else {
        return;
    };
    let (total, null_rows) = duckdb_prices(&python, &csv, None);
    assert_eq!(total, "16.625");
    assert_eq!(null_rows, 0);
}

/// Records on both sides of every kind of time bound, with their USD:
/// DeepSeek R1, 1M in + 1M out: off peak $0.135 + $0.55 = $0.685 until
/// the window ended (2025-09-05 16:00 UTC), then $0.55 + $2.19 = $2.74.
/// DeepSeek V4 Flash, 1M + 1M: $0.30 + $1.20 = $1.50 in its peak hours
/// (01:00-04:00, 06:00-10:00 UTC) and before the windows began
/// (2026-08-16 16:00 UTC), $0.15 + $0.60 = $0.75 off peak. Gemini 3.6
/// Flash, 100k in + 10k out: 100k × $0.75 + 10k × $3.75 = $0.1125 before
/// 2027-01-01, twice that, $0.225, from then. Sheets from before the
/// catalog's: Claude Opus 4.6, 300k in + 10k out, billed above 200k at
/// $10 / $37.50 until 2026-03-13 (300k × 10 + 10k × 37.5 per 1M = $3.375),
/// at $5 / $25 from then ($1.50 + $0.25 = $1.75); o3, 1M + 1M, at $10 / $40
/// until 2025-06-10: $50. DeepSeek's own ids before the catalog's sheet
/// (the overlay's, from DeepSeek's pricing page): deepseek-chat 1M + 1M at
/// $0.27 + $1.10 = $1.37 by day and $0.685 at night until 2025-09-05,
/// $0.56 + $1.68 = $2.24 until 2025-09-29 (but for 2025-09-05's first half
/// hour, still night), then $0.28 + $0.42 = $0.70 at
/// any hour; deepseek-reasoner $0.55 + $2.19 = $2.74 by day until 2025-09-05.
const TIMED_RECORDS: [TimedRecord; 19] = [
    (
        "deepseek-chat",
        "deepseek",
        "2025-06-02T10:00:00Z",
        1_000_000,
        1_000_000,
        "1.37",
    ),
    (
        "deepseek-chat",
        "deepseek",
        "2025-06-02T18:00:00Z",
        1_000_000,
        1_000_000,
        "0.685",
    ),
    (
        "deepseek-chat",
        "deepseek",
        "2025-09-05T00:10:00Z",
        1_000_000,
        1_000_000,
        "0.685",
    ),
    (
        "deepseek-chat",
        "deepseek",
        "2025-09-10T18:00:00Z",
        1_000_000,
        1_000_000,
        "2.24",
    ),
    (
        "deepseek-chat",
        "deepseek",
        "2025-10-10T18:00:00Z",
        1_000_000,
        1_000_000,
        "0.7",
    ),
    (
        "deepseek-reasoner",
        "deepseek",
        "2025-06-02T10:00:00Z",
        1_000_000,
        1_000_000,
        "2.74",
    ),
    (
        "deepseek-r1",
        "deepseek",
        "2025-06-02T18:00:00Z",
        1_000_000,
        1_000_000,
        "0.685",
    ),
    (
        "deepseek-r1",
        "deepseek",
        "2025-09-05T15:59:59Z",
        1_000_000,
        1_000_000,
        "2.74",
    ),
    (
        "deepseek-r1",
        "deepseek",
        "2025-09-04T23:00:00Z",
        1_000_000,
        1_000_000,
        "0.685",
    ),
    (
        "deepseek-r1",
        "deepseek",
        "2026-06-02T18:00:00Z",
        1_000_000,
        1_000_000,
        "2.74",
    ),
    (
        "deepseek-v4-flash",
        "deepseek",
        "2026-09-01T02:00:00Z",
        1_000_000,
        1_000_000,
        "1.5",
    ),
    (
        "deepseek-v4-flash",
        "deepseek",
        "2026-09-01T05:00:00Z",
        1_000_000,
        1_000_000,
        "0.75",
    ),
    (
        "deepseek-v4-flash",
        "deepseek",
        "2026-09-01T12:00:00Z",
        1_000_000,
        1_000_000,
        "0.75",
    ),
    (
        "deepseek-v4-flash",
        "deepseek",
        "2026-07-01T12:00:00Z",
        1_000_000,
        1_000_000,
        "1.5",
    ),
    (
        "gemini-3.6-flash",
        "google",
        "2026-12-31T23:59:59Z",
        100_000,
        10_000,
        "0.1125",
    ),
    (
        "gemini-3.6-flash",
        "google",
        "2027-01-01T00:00:00Z",
        100_000,
        10_000,
        "0.225",
    ),
    (
        "claude-opus-4-6",
        "anthropic",
        "2026-03-12T23:59:59Z",
        300_000,
        10_000,
        "3.375",
    ),
    (
        "claude-opus-4-6",
        "anthropic",
        "2026-03-13T00:00:00Z",
        300_000,
        10_000,
        "1.75",
    ),
    (
        "o3",
        "openai",
        "2025-05-20T09:00:00Z",
        1_000_000,
        1_000_000,
        "50",
    ),
];

#[test]
fn time_bound_prices_apply_only_in_their_time_in_tally_cost_and_duckdb() {
    let records = TIMED_RECORDS;
    let dir = tempfile::tempdir().unwrap();
    let log_path = dir.path().join("timed.jsonl");
    each_record_prices_as_cost_at_its_time(&log_path, &records);
    // 0.685 × 2 + 2.74 × 2 + 1.5 × 2 + 0.75 × 2 + 0.1125 + 0.225 = 11.6875,
    // + 3.375 + 1.75 + 50 = 66.8125; DeepSeek's own ids 1.37 + 0.685 +
    // 0.685 + 2.24 + 0.70 + 2.74 = 8.42: 75.2325
    let tallied = json_of(llmcost().arg("tally").arg(&log_path).arg("--json"));
    assert_eq!(tallied["total"].to_string(), "75.2325");
    let Some(python) = engine_python("duckdb") else {
        return;
    };
    let (total, null_rows) = duckdb_prices(&python, &log_path, None);
    assert_eq!(total, "75.2325");
    assert_eq!(null_rows, 0);
}

/// A record as `(model, provider, time, input, output, USD)`.
type TimedRecord = (
    &'static str,
    &'static str,
    &'static str,
    u64,
    u64,
    &'static str,
);

/// Writes `records` to `log_path` as Chat Completions lines and checks
/// that `tally --annotate` and `cost --at` each give every record's USD.
fn each_record_prices_as_cost_at_its_time(log_path: &std::path::Path, records: &[TimedRecord]) {
    let log: String = records
        .iter()
        .map(|(model, provider, ts, input, output, _)| {
            format!(
                r#"{{"model":"{model}","provider":"{provider}","timestamp":"{ts}","usage":{{"prompt_tokens":{input},"completion_tokens":{output}}}}}"#
            ) + "\n"
        })
        .collect();
    std::fs::write(log_path, log).unwrap();
    let annotated = stdout_of(llmcost().arg("tally").arg(log_path).arg("--annotate"));
    for (line, (model, provider, ts, input, output, want)) in annotated.lines().zip(records) {
        let line: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(
            line["cost"]["usd"].to_string(),
            *want,
            "tally: {model} at {ts}"
        );
        let cost = json_of(llmcost().args([
            "cost",
            &format!("{provider}/{model}"),
            "--in",
            &input.to_string(),
            "--out",
            &output.to_string(),
            "--at",
            ts,
            "--json",
        ]));
        assert_eq!(
            cost["total"].to_string(),
            *want,
            "cost --at: {model} at {ts}"
        );
    }
}

#[test]
fn sql_counts_its_warnings_in_one_line_unless_verbose() {
    // 26 rates the SQL cannot hold (OpenRouter's repeating-decimal Gemini
    // cache writes): one line says so; --verbose names each.
    let out = llmcost()
        .args(["sql", "--dialect", "duckdb"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("llmcost: warning: 26 rates or models the SQL cannot hold exactly"),
        "{stderr}"
    );
    let out = llmcost()
        .args(["sql", "--dialect", "duckdb", "--verbose"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 26);
}

/// The Pythons with DuckDB to run the script in: the pinned one
/// (`LLMCOST_E2E_PYTHON`) and, in CI, the current release
/// (`LLMCOST_E2E_DUCKDB2_PYTHON`, DuckDB 2.0).
fn duckdb_pythons() -> Vec<String> {
    let mut pythons: Vec<String> = engine_python("duckdb").into_iter().collect();
    if let Ok(python) = std::env::var("LLMCOST_E2E_DUCKDB2_PYTHON") {
        pythons.push(python);
    }
    pythons
}

#[test]
fn the_duckdb_script_runs_as_printed_and_rows_inserted_after_are_priced() {
    // `llmcost sql --dialect duckdb | duckdb`: no llmcost_usage yet, so the
    // script makes an empty one; a row inserted after is priced by the
    // view. gpt-4o-mini, 1M in + 1M out: $0.15 + $0.60 = $0.75.
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("duckdb.sql");
    std::fs::write(&script, sql("duckdb")).unwrap();
    let program = r#"
import sys, duckdb
con = duckdb.connect()
con.execute(open(sys.argv[1]).read())
con.execute("INSERT INTO llmcost_usage (model, provider, input_tokens, cached_input_tokens, cached_audio_input_tokens, cache_write_tokens, cache_write_1h_tokens, output_tokens, reasoning_tokens, audio_input_tokens, audio_output_tokens, image_input_tokens, image_output_tokens, video_input_tokens, video_output_tokens, web_searches, batch, service_tier, region, requests) VALUES ('gpt-4o-mini', 'openai', 1000000, 0, 0, 0, 0, 1000000, 0, 0, 0, 0, 0, 0, 0, 0, false, 'standard', 'global', 1)")
print(duckdb.__version__, con.execute("SELECT llmcost_cost FROM llmcost_priced").fetchone()[0].normalize())
"#;
    for python in duckdb_pythons() {
        let output = Process::new(&python)
            .args(["-c", program])
            .arg(&script)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{python}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let printed = String::from_utf8(output.stdout).unwrap();
        let (version, cost) = printed.trim().split_once(' ').unwrap();
        assert_eq!(cost, "0.75", "DuckDB {version}");
    }
}
