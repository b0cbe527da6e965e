//! Price changes announced ahead (genai-prices' dated price sets): kept as
//! whole sheets, put in force on their day, and shown before it.
//!
//! The fixture's genai-prices sample announces, for gemini-2.5-pro, a set
//! dated 2099-01-01 (added for these tests; the real file's dated sets are
//! Gemini 3.6/3.7 Flash doubling on 2027-01-01): input $2.50, cache reads
//! $0.25, output $20 per 1M, twice today's $1.25 / $0.125 / $10. It states no
//! batch, flex, priority or long-context rates; the build scales those alike.

use std::fs;

use crate::common;

use common::{fixture, json_of, llmcost, stdout_of};

/// `llmcost --catalog built_catalog.json`.
fn built() -> assert_cmd::Command {
    on(&fixture("built_catalog.json"))
}

/// `llmcost --catalog CATALOG`.
fn on(catalog: &std::path::Path) -> assert_cmd::Command {
    let mut cmd = llmcost();
    cmd.arg("--catalog").arg(catalog);
    cmd
}

/// The built fixture catalog with gemini-2.5-pro's change moved to
/// 2026-01-01 and the model's prices dated 2025-12-01: a change that was
/// announced ahead and is in force now.
fn in_force_catalog(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let text = fs::read_to_string(fixture("built_catalog.json")).unwrap();
    let line = text
        .lines()
        .find(|l| l.contains("\"id\":\"gemini-2.5-pro\""))
        .unwrap();
    let moved = line
        .replace("\"date\":\"2099-01-01\"", "\"date\":\"2026-01-01\"")
        .replace("\"as_of\":\"2026-11-20\"", "\"as_of\":\"2025-12-01\"");
    assert_ne!(moved, line);
    let path = dir.path().join("catalog.json");
    fs::write(&path, text.replace(line, &moved)).unwrap();
    path
}

#[test]
fn the_build_keeps_an_announced_change_as_a_whole_sheet() {
    let text = fs::read_to_string(fixture("built_catalog.json")).unwrap();
    let catalog: serde_json::Value = serde_json::from_str(&text).unwrap();
    let model = catalog["models"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "gemini-2.5-pro")
        .unwrap();
    let change = &model["price_changes"][0];
    assert_eq!(change["date"], "2099-01-01");
    assert_eq!(change["source"], "genai-prices");
    let sheet = &change["prices"];
    // Stated: 2.5 / 20 / 0.25. Scaled by the stated rate they sit beside:
    // batch input 0.625 × 2.5/1.25 = 1.25; batch output 5 × 20/10 = 10;
    // priority output 18 × 2 = 36; long-context input 2.5 × 2 = 5, output
    // 15 × 2 = 30, batch output 7.5 × 2 = 15. Web search ($35 per 1k) is not
    // a token rate and stays.
    for (field, value) in [
        ("input", "2.5"),
        ("output", "20"),
        ("cached_input", "0.25"),
        ("batch_input", "1.25"),
        ("batch_output", "10"),
        ("priority_output", "36"),
        ("web_search", "35"),
    ] {
        assert_eq!(sheet[field], value, "{field}");
    }
    let tier = &sheet["long_context"];
    assert_eq!(tier["threshold"], 200_000);
    assert_eq!(tier["input"], "5");
    assert_eq!(tier["output"], "30");
    assert_eq!(tier["batch_output"], "15");
}

#[test]
fn cost_before_the_day_says_what_the_workload_will_cost_from_then() {
    // Today: 100k × $1.25/1M + 10k × $10/1M = $0.125 + $0.10 = $0.225.
    // From 2099-01-01: 100k × $2.50/1M + 10k × $20/1M = $0.25 + $0.20 = $0.45.
    let out = built()
        .args([
            "cost",
            "gemini-2.5-pro",
            "--in",
            "100k",
            "--out",
            "10k",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["total"].to_string(), "0.225");
    assert_eq!(json["upcoming_change"]["date"], "2099-01-01");
    assert_eq!(json["upcoming_change"]["total"].to_string(), "0.45");
    assert_eq!(
        json["notes"][1],
        "prices change on 2099-01-01, as genai-prices announces: this workload will cost $0.45 from then (--as-of 2099-01-01)"
    );
}

#[test]
fn as_of_a_day_after_the_change_prices_every_rate_from_its_sheet() {
    // Batch, 300k in (past the 200k threshold) and 10k out, from the
    // change's sheet: 300k × $2.50/1M + 10k × $15/1M = $0.75 + $0.15 = $0.90
    // (today's long-context batch rates $1.25 / $7.50 would give $0.45).
    let json = json_of(built().args([
        "cost",
        "gemini-2.5-pro",
        "--in",
        "300k",
        "--out",
        "10k",
        "--batch",
        "--as-of",
        "2099-02-01",
        "--json",
    ]));
    assert_eq!(json["total"].to_string(), "0.9");
    assert_eq!(json["as_of"], "2099-01-01");
    assert!(json.get("upcoming_change").is_none());
}

#[test]
fn show_lists_the_change_before_and_after_its_day() {
    // A field's label and value, however wide the section's labels are.
    let field = |out: &str, label: &str| {
        out.lines()
            .find_map(|line| line.trim_start().strip_prefix(label))
            .map(str::trim)
            .unwrap_or_default()
            .to_string()
    };
    let out = stdout_of(built().args(["show", "gemini-2.5-pro"]));
    assert_eq!(
        field(&out, "Price change "),
        "2099-01-01: doubles (input $1.25 → $2.50, output $10.00 → $20.00), as genai-prices announces",
        "{out}"
    );
    let dir = tempfile::tempdir().unwrap();
    let catalog = in_force_catalog(&dir);
    let out = stdout_of(on(&catalog).args(["show", "gemini-2.5-pro"]));
    assert_eq!(field(&out, "Input "), "$2.50", "{out}");
    assert!(
        out.contains("2026-01-01 (in force): doubles (input $1.25 → $2.50"),
        "{out}"
    );
}

#[test]
fn a_change_in_force_is_what_cost_and_tally_use_for_days_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = in_force_catalog(&dir);
    // Today is after 2026-01-01: $0.45 for 100k in + 10k out, as above.
    let out = on(&catalog)
        .args([
            "cost",
            "gemini-2.5-pro",
            "--in",
            "100k",
            "--out",
            "10k",
            "--json",
        ])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["total"].to_string(), "0.45");
    assert_eq!(json["as_of"], "2026-01-01");
    assert_eq!(
        json["notes"][1],
        "prices changed on 2026-01-01, as genai-prices announced; --as-of an earlier day prices the old ones"
    );
    // A day before the change prices the sheet the catalog states: $0.225.
    let json = json_of(on(&catalog).args([
        "cost",
        "gemini-2.5-pro",
        "--in",
        "100k",
        "--out",
        "10k",
        "--as-of",
        "2025-12-15",
        "--json",
    ]));
    assert_eq!(json["total"].to_string(), "0.225");
    // tally prices each record at its day's prices: one request on
    // 2025-12-20 ($0.225) and one on 2026-02-01 ($0.45) = $0.675.
    let log = dir.path().join("usage.jsonl");
    fs::write(
        &log,
        "{\"model\":\"gemini-2.5-pro\",\"input_tokens\":100000,\"output_tokens\":10000,\"timestamp\":\"2025-12-20T10:00:00Z\"}\n\
         {\"model\":\"gemini-2.5-pro\",\"input_tokens\":100000,\"output_tokens\":10000,\"timestamp\":\"2026-02-01T10:00:00Z\"}\n",
    )
    .unwrap();
    let json = json_of(on(&catalog).arg("tally").arg(&log).arg("--json"));
    assert_eq!(json["total"].to_string(), "0.675");
}

#[test]
fn sql_bills_each_row_at_its_days_prices_as_tally_does() {
    // The change is in force: the SQL has the catalog file's sheet (period
    // 0) and the new one from 2026-01-01 (period 1, from day 20454), which
    // rows without a time take (today's). No warning: the model is no longer left out.
    let dir = tempfile::tempdir().unwrap();
    let catalog = in_force_catalog(&dir);
    let out = on(&catalog)
        .args(["sql", "--dialect", "duckdb"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let sql = String::from_utf8(out.stdout).unwrap();
    let key = |days: &str| {
        format!(
            "('google', 'gemini-2.5-pro', 0, -1, false, 'standard', 'global', false, NULL, NULL, NULL, NULL, NULL, NULL, {days},"
        )
    };
    assert!(sql.contains(&key("0, NULL, false")), "{sql}");
    assert!(sql.contains(&key("1, 20454, true")));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("gemini-2.5-pro"));
    // --as-of a day exports that day's prices, for every row alike.
    let dated =
        stdout_of(on(&catalog).args(["sql", "--dialect", "duckdb", "--as-of", "2026-02-01"]));
    assert!(dated.contains(&key("0, NULL, true")));
    // In DuckDB, as tally: 100k in + 10k out on 2025-12-20 is $0.225, on
    // 2026-02-01 $0.45, and without a time today's $0.45: $1.125.
    let Some(python) = crate::sql::engine_python("duckdb") else {
        return;
    };
    let log = dir.path().join("usage.jsonl");
    fs::write(
        &log,
        "{\"model\":\"gemini-2.5-pro\",\"input_tokens\":100000,\"output_tokens\":10000,\"timestamp\":\"2025-12-20T10:00:00Z\"}\n\
         {\"model\":\"gemini-2.5-pro\",\"input_tokens\":100000,\"output_tokens\":10000,\"timestamp\":\"2026-02-01T10:00:00Z\"}\n\
         {\"model\":\"gemini-2.5-pro\",\"input_tokens\":100000,\"output_tokens\":10000}\n",
    )
    .unwrap();
    let tallied = json_of(on(&catalog).arg("tally").arg(&log).arg("--json"));
    assert_eq!(tallied["total"].to_string(), "1.125");
    let (total, null_rows) = crate::sql::duckdb_prices(&python, &log, Some(&catalog));
    assert_eq!(total, "1.125");
    assert_eq!(null_rows, 0);
}

#[test]
fn a_sheet_dated_before_the_catalogs_bills_its_days_and_shows_in_history() {
    // The fixture's genai-prices sample dates gpt-4o-mini's $0.15 / $0.60
    // from 2025-01-15, and states $0.30 / $1.20 (cache reads $0.15) before.
    // 1M in + 1M out on 2025-01-14: $0.30 + $1.20 = $1.50; from the 15th,
    // $0.15 + $0.60 = $0.75.
    let before = json_of(built().args([
        "cost",
        "gpt-4o-mini",
        "--in",
        "1M",
        "--out",
        "1M",
        "--as-of",
        "2025-01-14",
        "--json",
    ]));
    assert_eq!(before["total"].to_string(), "1.5");
    let from = json_of(built().args([
        "cost",
        "gpt-4o-mini",
        "--in",
        "1M",
        "--out",
        "1M",
        "--at",
        "2025-01-15T00:00Z",
        "--json",
    ]));
    assert_eq!(from["total"].to_string(), "0.75");
    // The sheet's other rates follow the stated ones: batch input was half
    // of input then as now, $0.15; 1M batch in + 1M batch out: $0.15 + $0.60.
    let batch = json_of(built().args([
        "cost",
        "gpt-4o-mini",
        "--in",
        "1M",
        "--out",
        "1M",
        "--batch",
        "--as-of",
        "2025-01-01",
        "--json",
    ]));
    assert_eq!(batch["total"].to_string(), "0.75");
    // tally bills each record at its own day: 1.5 + 0.75 = 2.25.
    let log = concat!(
        r#"{"model":"gpt-4o-mini","timestamp":"2025-01-14T23:59:59Z","usage":{"prompt_tokens":1000000,"completion_tokens":1000000}}"#,
        "\n",
        r#"{"model":"gpt-4o-mini","timestamp":"2025-01-15T00:00:00Z","usage":{"prompt_tokens":1000000,"completion_tokens":1000000}}"#,
        "\n"
    );
    let tallied = json_of(built().args(["tally", "-", "--json"]).write_stdin(log));
    assert_eq!(tallied["total"].to_string(), "2.25");
    let history = json_of(built().args(["history", "gpt-4o-mini", "--json"]));
    assert_eq!(history["changes"], 1);
    let points = history["points"].as_array().unwrap();
    assert_eq!(points[0]["date"], serde_json::Value::Null);
    assert_eq!(points[0]["until"], "2025-01-15");
    assert_eq!(points[0]["input"].to_string(), "0.3");
    assert_eq!(points[0]["source"], "genai-prices");
    assert_eq!(points[1]["date"], "2025-01-15");
    assert_eq!(points[1]["output"].to_string(), "0.6");
    let table = stdout_of(built().args(["history", "gpt-4o-mini"]));
    assert!(table.contains(" before 2025-01-15 "), "{table}");
}

#[test]
fn the_bundled_catalog_prices_claude_opus_4_6_long_requests_as_billed_before_march() {
    // Until 2026-03-13 Anthropic billed Opus 4.6 requests over 200k input
    // tokens at $10 / $37.50 (genai-prices); 300k in + 10k out:
    // 300,000 × 10 + 10,000 × 37.5 per 1M = $3.00 + $0.375 = $3.375. From
    // then the base $5 / $25: $1.50 + $0.25 = $1.75.
    let cost = |day: &str| {
        json_of(llmcost().args([
            "cost",
            "claude-opus-4-6",
            "--in",
            "300k",
            "--out",
            "10k",
            "--as-of",
            day,
            "--json",
        ]))["total"]
            .to_string()
    };
    assert_eq!(cost("2026-02-01"), "3.375");
    assert_eq!(cost("2026-03-13"), "1.75");
    // o3 was $10 / $40 until 2025-06-10: 1M + 1M on 2025-05-01 is $50.
    let o3 = json_of(llmcost().args([
        "cost",
        "o3",
        "--in",
        "1M",
        "--out",
        "1M",
        "--as-of",
        "2025-05-01",
        "--json",
    ]));
    assert_eq!(o3["total"].to_string(), "50");
}

#[test]
fn batch_and_service_tier_variants_fill_a_missing_mode_and_announce_a_new_one() {
    // genai-prices' sample states Mistral Small's batch sheet ($0.075 in,
    // $0.30 out), which LiteLLM's sample leaves out: 1M + 1M on batch is
    // $0.075 + $0.30 = $0.375, not the standard $0.15 + $0.60 = $0.75.
    let batch = built()
        .args([
            "cost",
            "mistral/mistral-small-latest",
            "--in",
            "1M",
            "--out",
            "1M",
            "--batch",
            "--explain",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(batch.status.success());
    assert!(batch.stderr.is_empty(), "no fallback warning");
    let json: serde_json::Value = serde_json::from_slice(&batch.stdout).unwrap();
    assert_eq!(json["total"].to_string(), "0.375");
    let explained = json["explanation"].to_string();
    assert!(
        explained.contains("filled: Batch input $0.075, Batch output $0.30, Batch cached input $0.0075 per 1M from genai-prices (the chosen source states no batch rates"),
        "{explained}"
    );
    // GPT-4o's flex sheet starts on 2027-02-01 ($1.25 / $5): 1M + 1M is
    // $6.25 from that day; the day before there is no flex rate, so the
    // standard $2.50 + $10 = $12.50 is billed, with a warning.
    let flex = |at: &str| {
        built()
            .args(["cost", "gpt-4o", "--in", "1M", "--out", "1M"])
            .args(["--service-tier", "flex", "--at", at, "--json"])
            .output()
            .unwrap()
    };
    let after = flex("2027-02-01T00:00Z");
    let total =
        serde_json::from_slice::<serde_json::Value>(&after.stdout).unwrap()["total"].to_string();
    assert_eq!(total, "6.25");
    let before = flex("2027-01-31T23:59Z");
    let total =
        serde_json::from_slice::<serde_json::Value>(&before.stdout).unwrap()["total"].to_string();
    assert_eq!(total, "12.5");
    assert!(String::from_utf8_lossy(&before.stderr).contains("no flex input price"));
    // tally bills each record at its own instant, the same way: 12.50 + 6.25.
    let log = concat!(
        r#"{"model":"gpt-4o","service_tier":"flex","timestamp":"2027-01-31T23:59:00Z","usage":{"prompt_tokens":1000000,"completion_tokens":1000000}}"#,
        "\n",
        r#"{"model":"gpt-4o","service_tier":"flex","timestamp":"2027-02-01T00:00:00Z","usage":{"prompt_tokens":1000000,"completion_tokens":1000000}}"#,
        "\n"
    );
    let tallied = json_of(built().args(["tally", "-", "--json"]).write_stdin(log));
    assert_eq!(tallied["total"].to_string(), "18.75");
    // A standard request's bill does not change that day, so cost says nothing of it.
    let standard = built()
        .args(["cost", "gpt-4o", "--in", "1M", "--out", "1M"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&standard.stderr).contains("prices change"));
    // show checks the batch and priority rates against genai-prices' variants.
    let card = stdout_of(built().args(["show", "gpt-4o"]));
    assert!(card.contains("genai-prices $1.25 ✓"), "{card}");
    assert!(card.contains("genai-prices $4.25 ✓"), "{card}");
}
