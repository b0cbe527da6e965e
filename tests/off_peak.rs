//! Time of day: off-peak windows (genai-prices' time-of-day price sets),
//! taken only where the source's standard price is the catalog's.
//!
//! The bundled catalog's deepseek/deepseek-r1 has one: LiteLLM and
//! genai-prices both state $0.55 in, $0.14 cached, $2.19 out per 1M, and
//! genai-prices states 16:30–00:30 UTC at $0.135 in, $0.035 cached, $0.55
//! out. deepseek-chat's window is set aside: genai-prices' standard ($0.27
//! / $1.10) is no longer DeepSeek's price ($0.28 / $0.42).
//!
//! The workload below is 1M input (200k of them cache reads) and 1M output:
//! - peak: 800k × $0.55 + 200k × $0.14 + 1M × $2.19 = $0.44 + $0.028 + $2.19 = $2.658;
//! - off-peak: 800k × $0.135 + 200k × $0.035 + 1M × $0.55 = $0.108 + $0.007 + $0.55 = $0.665.

use std::fs;

use crate::common;

use common::{fixture, json_of, llmcost, stdout_of};

const R1: &str = "deepseek/deepseek-r1";

/// The workload above, as flags.
const WORKLOAD: [&str; 6] = ["--in", "1M", "--cached-in", "200k", "--out", "1M"];

/// `cost R1 --in 1M --out 1M --at 17:00 UTC`, without cache reads.
const OFF_PEAK_REQUEST: [&str; 8] = [
    "cost",
    R1,
    "--in",
    "1M",
    "--out",
    "1M",
    "--at",
    "2025-06-03T17:00Z",
];

/// `cost R1` on the workload, with `extra` flags, as JSON.
fn cost_json(extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["cost", R1, "--json"];
    args.extend_from_slice(&WORKLOAD);
    args.extend_from_slice(extra);
    json_of(llmcost().args(&args))
}

#[test]
fn at_a_time_in_the_window_costs_the_off_peak_rates() {
    let json = cost_json(&["--at", "2025-06-03T17:00Z"]);
    assert_eq!(json["total"].to_string(), "0.665");
    assert_eq!(json["time_of_day"]["window"], "16:30–00:30 UTC");
    assert_eq!(json["time_of_day"]["off_peak"], true);
    assert_eq!(json["time_of_day"]["at"], "2025-06-03T17:00:00Z");
}

#[test]
fn at_a_time_outside_the_window_costs_the_standard_rates_and_says_what_off_peak_costs() {
    let json = cost_json(&["--at", "2025-06-03T03:00Z"]);
    assert_eq!(json["total"].to_string(), "2.658");
    assert_eq!(json["time_of_day"]["off_peak"], false);
    assert_eq!(json["time_of_day"]["off_peak_total"].to_string(), "0.665");
    assert!(
        json["notes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n == "priced at 2025-06-03T03:00:00Z (--at), outside the off-peak hours 16:30–00:30 UTC that genai-prices states; in it this workload costs $0.665"),
        "{json}"
    );
}

#[test]
fn without_at_the_bill_is_peak_with_one_note_giving_the_off_peak_total() {
    let json = cost_json(&[]);
    assert_eq!(json["total"].to_string(), "2.658");
    let notes: Vec<&str> = json["notes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n.as_str())
        .filter(|n| n.contains("off-peak"))
        .collect();
    assert_eq!(
        notes,
        [
            "priced at the standard (peak) rates; 16:30–00:30 UTC is off-peak, as genai-prices states, and this workload costs $0.665 then (--at a time in that window)"
        ]
    );
}

#[test]
fn the_window_starts_at_its_first_minute_and_ends_before_its_last() {
    // 16:30 is in, 16:29 is out; 00:29 is in (past midnight), 00:30 is out.
    // 01:00+01:00 is 00:00 UTC: in.
    for (at, total) in [
        ("2025-06-03T16:30Z", "0.665"),
        ("2025-06-03T16:29Z", "2.658"),
        ("2025-06-04T00:29Z", "0.665"),
        ("2025-06-04T00:30Z", "2.658"),
        ("2025-06-04T01:00+01:00", "0.665"),
    ] {
        assert_eq!(cost_json(&["--at", at])["total"].to_string(), total, "{at}");
    }
}

#[test]
fn explain_names_the_window_and_its_source() {
    let out = stdout_of(llmcost().args(OFF_PEAK_REQUEST).arg("--explain"));
    assert!(
        out.contains("rates               standard, off-peak (16:30–00:30 UTC, genai-prices)"),
        "{out}"
    );
    // 1M × $0.135 = $0.135.
    assert!(
        out.contains(
            "input               1,000,000 tokens × $0.135 per 1M (input) ÷ 1,000,000 = $0.135"
        ),
        "{out}"
    );
}

#[test]
fn an_unreadable_or_date_only_at_is_a_usage_error() {
    for bad in ["2025-06-03", "tomorrow", "2025-06-03T25:00Z"] {
        let out = llmcost()
            .args(["cost", R1, "--in", "1k", "--at", bad])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("is not a date and time (YYYY-MM-DDTHH:MM"),
            "{bad}: {stderr}"
        );
    }
    let out = llmcost()
        .args([
            "cost",
            R1,
            "--in",
            "1k",
            "--at",
            "2025-06-03T17:00Z",
            "--as-of",
            "2025-06-03",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn tally_prices_each_record_at_its_own_time_of_day() {
    // One record at 17:00 UTC ($0.665) and one at 03:00 UTC ($2.658): $3.323.
    let record = |at: &str| {
        format!(
            r#"{{"model":"deepseek-r1","provider":"deepseek","created_at":"{at}","usage":{{"prompt_tokens":1000000,"completion_tokens":1000000,"prompt_tokens_details":{{"cached_tokens":200000}}}}}}"#
        )
    };
    let log = format!(
        "{}\n{}\n",
        record("2025-06-03T17:00:00Z"),
        record("2025-06-03T03:00:00Z")
    );
    let json = json_of(
        llmcost()
            .args(["tally", "-", "--by", "hour", "--json"])
            .write_stdin(log),
    );
    assert_eq!(json["total"].to_string(), "3.323", "{json}");
    let costs: Vec<String> = json["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["cost"].to_string())
        .collect();
    assert_eq!(costs, ["2.658", "0.665"]);
}

#[test]
fn compare_and_budget_take_at_too() {
    // compare: R1 off-peak is $0.665, its input column the off-peak $0.135.
    let at = ["--at", "2025-06-03T17:00Z", "--json"];
    let json = json_of(llmcost().args(["compare", R1]).args(WORKLOAD).args(at));
    assert_eq!(json["rows"][0]["total"].to_string(), "0.665");
    assert_eq!(json["rows"][0]["input_per_million"].to_string(), "0.135");
    // budget: $10 ÷ $0.665 per request = 15.04…: 15 requests, $9.975 spent.
    let json = json_of(
        llmcost()
            .args(["budget", R1, "--usd", "10"])
            .args(WORKLOAD)
            .args(at),
    );
    assert_eq!(json["requests"], 15, "{json}");
    assert_eq!(json["spent"].to_string(), "9.975");
}

#[test]
fn show_lists_the_window_or_why_it_was_set_aside() {
    let out = stdout_of(llmcost().args(["show", R1]));
    assert!(
        out.contains(
            "Off-peak      16:30–00:30 UTC: $0.135 in, $0.55 out, $0.035 cached input, as genai-prices states"
        ),
        "{out}"
    );
    let json = json_of(llmcost().args(["show", "deepseek/deepseek-chat", "--json"]));
    assert_eq!(
        json["prices_per_million"]["off_peak"],
        serde_json::Value::Null
    );
    assert_eq!(json["set_aside"][0]["source"], "genai-prices");
    assert_eq!(
        json["set_aside"][0]["why"],
        "its standard price is not the catalog's ($0.28 in, $0.42 out), so the discount is not applied"
    );
}

#[test]
fn the_build_sets_aside_a_window_off_a_stale_standard_price() {
    // The fixture's genai-prices deepseek-chat: standard $0.27 / $1.10 for
    // 00:30–16:30, off-peak $0.135 / $0.55; LiteLLM's current $0.28 / $0.42.
    let text = fs::read_to_string(fixture("built_catalog.json")).unwrap();
    let line = text
        .lines()
        .find(|l| l.contains("\"id\":\"deepseek-chat\""))
        .unwrap();
    assert!(!line.contains("\"off_peak\""), "{line}");
    assert!(
        line.contains("\"states\":\"off-peak 16:30–00:30 UTC at $0.135 in, $0.55 out, a discount off $0.27 in, $1.10 out\""),
        "{line}"
    );
}

#[test]
fn a_catalog_whose_window_is_dearer_or_has_no_time_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(fixture("built_catalog.json")).unwrap();
    let window = |from: &str, input: &str| {
        format!(
            r#""cached_input":"0.028","off_peak":{{"from":"{from}","until":"00:30","input":"{input}","source":"test"}}}}"#
        )
    };
    for (from, input, says) in [
        (
            "16:30",
            "0.5",
            "off-peak input price (0.5) that is negative or above its standard price",
        ),
        (
            "25:00",
            "0.1",
            "off-peak window time '25:00', which is not HH:MM",
        ),
    ] {
        let hostile = text.replacen(r#""cached_input":"0.028"}"#, &window(from, input), 1);
        assert_ne!(hostile, text);
        let path = dir.path().join("catalog.json");
        fs::write(&path, hostile).unwrap();
        let out = llmcost()
            .arg("--catalog")
            .arg(&path)
            .args(["cost", "deepseek/deepseek-chat", "--in", "1k"])
            .output()
            .unwrap();
        assert!(!out.status.success());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(says), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
}

#[test]
fn a_source_other_than_the_windows_own_bills_its_stated_prices_at_any_hour() {
    // --source litellm: LiteLLM states $0.55 in, $2.19 out and no window, so
    // 17:00 UTC costs 1M × $0.55 + 1M × $2.19 = $2.74; genai-prices, whose
    // window it is, prices the same request off-peak at $0.135 + $0.55 = $0.685.
    let at = |source: &str| {
        json_of(
            llmcost()
                .args(OFF_PEAK_REQUEST)
                .args(["--source", source, "--json"]),
        )
    };
    let litellm = at("litellm");
    assert_eq!(litellm["total"].to_string(), "2.74");
    assert!(litellm.get("time_of_day").is_none(), "{litellm}");
    assert_eq!(at("genai-prices")["total"].to_string(), "0.685");
}

#[test]
fn sql_exports_a_window_as_a_second_sheet_of_rows() {
    // R1's standard rows (off_peak false) and its window's (true), each with
    // the window in minutes of the UTC day (16:30 is 990, 00:30 is 30) and
    // one sheet in force every day (0, NULL, true).
    // Per token: $0.55 per 1M is 0.00000055, the window's $0.135 is
    // 0.000000135. No warning: the model is no longer left out.
    let out = llmcost()
        .args(["sql", "--dialect", "duckdb"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let sql = String::from_utf8(out.stdout).unwrap();
    let row = |off_peak: bool, input: &str| {
        format!(
            "('deepseek', 'deepseek-r1', 0, -1, false, 'standard', 'global', {off_peak}, 990, 30, NULL, NULL, NULL, 1757088000, 0, NULL, true, {input},"
        )
    };
    assert!(sql.contains(&row(false, "0.00000055")), "{sql}");
    assert!(sql.contains(&row(true, "0.000000135")));
    // deepseek-chat: its night window is on its sheets before 2025-09-29
    // (days 20336 and 20360 start the later two); today's sheet, which rows
    // without a time take, has none. Per token: $0.135 is 0.000000135,
    // $0.28 is 0.00000028.
    assert!(sql.contains(
        "('deepseek', 'deepseek-chat', 0, -1, false, 'standard', 'global', true, 990, 30, NULL, NULL, NULL, 1757088000, 0, NULL, false, 0.000000135,"
    ));
    assert!(sql.contains(
        "('deepseek', 'deepseek-chat', 0, -1, false, 'standard', 'global', false, NULL, NULL, NULL, NULL, NULL, NULL, 2, 20360, true, 0.00000028,"
    ));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("deepseek-r1"), "{stderr}");
}

#[test]
fn a_model_with_two_daily_windows_names_both_and_bills_in_the_second() {
    // deepseek/deepseek-v4-flash: peak $0.30 in, $0.006 cached, $1.20 out;
    // off-peak 04:00–06:00 and 10:00–01:00 UTC at $0.15, $0.003, $0.60
    // (genai-prices' peak hours are the rest of the day). At 12:03 UTC, in
    // the second window: 1M in (200k cached) + 1M out = 800k × $0.15 +
    // 200k × $0.003 + 1M × $0.60 = $0.12 + $0.0006 + $0.60 = $0.7206.
    let json = json_of(llmcost().args([
        "cost",
        "deepseek/deepseek-v4-flash",
        "--json",
        "--in",
        "1M",
        "--cached-in",
        "200k",
        "--out",
        "1M",
        "--at",
        "2026-11-20T12:03:20Z",
    ]));
    assert_eq!(json["total"].to_string(), "0.7206", "{json}");
    assert_eq!(
        json["time_of_day"]["window"],
        "04:00–06:00 and 10:00–01:00 UTC"
    );
    let show = stdout_of(llmcost().args(["show", "deepseek/deepseek-v4-flash"]));
    assert!(
        show.contains("Off-peak             04:00–06:00 and 10:00–01:00 UTC: $0.15 in"),
        "{show}"
    );
}
