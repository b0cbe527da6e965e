//! Real-world pricing through the binary: cache reads and writes, batch,
//! long-context tiers with requests, reasoning with and without its own rate,
//! --strict, --explain, projections and currency conversion. Every total is
//! worked out by hand in the comment beside it.

use crate::common;

use common::{json_of, llmcost, llmcost_fixture, stdout_of};
use predicates::prelude::*;

/// `cost ARGS --json` against the bundled catalog.
fn bundled_cost(args: &[&str]) -> serde_json::Value {
    json_of(common::llmcost().arg("cost").args(args).arg("--json"))
}

fn total(args: &[&str]) -> String {
    let json = json_of(llmcost_fixture().arg("cost").args(args).arg("--json"));
    json["total"].to_string()
}

#[test]
fn cache_writes_five_minute_and_one_hour() {
    // 100k in = 20k uncached × 1 + 60k reads × 0.1 + 20k writes × 1.25 (5m), + 2k out × 5, per 1M
    // = 0.02 + 0.006 + 0.025 + 0.01 = 0.061
    assert_eq!(
        total(&[
            "claude-haiku-4-5",
            "--in",
            "100k",
            "--cached-in",
            "60k",
            "--cache-write",
            "20k",
            "--out",
            "2k"
        ]),
        "0.061"
    );
    // 1-hour writes at 2: 0.02 + 0.006 + 0.04 + 0.01 = 0.076
    assert_eq!(
        total(&[
            "claude-haiku-4-5",
            "--in",
            "100k",
            "--cached-in",
            "60k",
            "--cache-write",
            "20k",
            "--cache-ttl",
            "1h",
            "--out",
            "2k"
        ]),
        "0.076"
    );
}

#[test]
fn batch_rates_and_batch_with_cache() {
    // 1M × 0.5 + 1M × 2.5 = 3
    assert_eq!(
        total(&["claude-haiku-4-5", "--in", "1M", "--out", "1M", "--batch"]),
        "3"
    );
    // Batch + cache, with batch cache prices (Anthropic halves them too):
    // 400k uncached × 0.5 + 500k reads × 0.05 + 100k writes × 0.625 + 1M × 2.5
    // = 0.2 + 0.025 + 0.0625 + 2.5
    let json = json_of(llmcost_fixture().args([
        "cost",
        "claude-haiku-4-5",
        "--in",
        "1M",
        "--cached-in",
        "500k",
        "--cache-write",
        "100k",
        "--out",
        "1M",
        "--batch",
        "--json",
    ]));
    assert_eq!(json["total"].to_string(), "2.7875");
    let names: Vec<&str> = json["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["rate_name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "batch_input",
            "batch_cached_input",
            "batch_cache_write",
            "batch_output"
        ]
    );
    // Without batch cache prices the cache rates stand, and the bill says so:
    // 500k × 1.25 + 500k × 1.25 (cache read) + 1M × 5
    let json = json_of(llmcost_fixture().args([
        "cost",
        "gpt-4o",
        "--in",
        "1M",
        "--cached-in",
        "500k",
        "--out",
        "1M",
        "--batch",
        "--json",
    ]));
    assert_eq!(json["total"].to_string(), "6.25");
    let notes = json["notes"].as_array().unwrap();
    assert!(
        notes.iter().any(|n| n.as_str().unwrap().contains(
            "cache reads are billed at the cache-read rate: the catalog has no batch price for them"
        )),
        "{notes:?}"
    );
}

#[test]
fn missing_batch_rate_warns_or_fails_under_strict() {
    llmcost_fixture()
        .args([
            "cost",
            "gpt-4o-mini",
            "--in",
            "1M",
            "--out",
            "1M",
            "--batch",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("$0.75"))
        .stderr(predicate::str::contains(
            "llmcost: warning: the catalog has no batch input price",
        ));
    llmcost_fixture()
        .args(["cost", "gpt-4o-mini", "--in", "1M", "--out", "1M", "--batch", "--strict"])
        .assert()
        .code(1)
        .stderr("llmcost: error: cannot price openai/gpt-4o-mini: the catalog has no batch input price for this model, so its cost is unknown\n");
    llmcost_fixture()
        .args([
            "cost",
            "gpt-4o",
            "--in",
            "1M",
            "--cache-write",
            "1M",
            "--strict",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no cache-write price"));
}

#[test]
fn long_context_tier_with_requests() {
    // 10 requests of 300k in (> 200k threshold): 3M × 2.5 + 10 × 10k out × 15 = 7.5 + 1.5
    assert_eq!(
        total(&[
            "gemini-2.5-pro",
            "--in",
            "300k",
            "--out",
            "10k",
            "--requests",
            "10"
        ]),
        "9"
    );
    // The same tokens as one 3M input exceed the 1M window, but the whole
    // request still passes the threshold: 3M × 2.5 + 100k × 15 = 7.5 + 1.5
    assert_eq!(
        total(&["gemini-2.5-pro", "--in", "3M", "--out", "100k"]),
        "9"
    );
    // Long-context cache reads: 300k in with 100k cached: 200k × 2.5 + 100k × 0.25 = 0.5 + 0.025
    assert_eq!(
        total(&[
            "gemini-2.5-pro",
            "--in",
            "300k",
            "--cached-in",
            "100k",
            "--out",
            "0"
        ]),
        "0.525"
    );
}

#[test]
fn reasoning_with_and_without_its_own_rate() {
    // Own rate: 1M out of which 400k reasoning: 600k × 8 + 400k × 6 = 4.8 + 2.4, + 0 input
    let json = json_of(llmcost_fixture().args([
        "cost",
        "deep-think",
        "--in",
        "0",
        "--out",
        "1M",
        "--reasoning",
        "400k",
        "--json",
    ]));
    assert_eq!(json["total"].to_string(), "7.2");
    assert_eq!(json["lines"][2]["item"], "reasoning");
    // No own rate: reasoning is output, counted once: 1M × 5
    let json = json_of(llmcost_fixture().args([
        "cost",
        "claude-haiku-4-5",
        "--in",
        "0",
        "--out",
        "1M",
        "--reasoning",
        "400k",
        "--json",
    ]));
    assert_eq!(json["total"].to_string(), "5");
    assert!(
        json["notes"][0]
            .as_str()
            .unwrap()
            .contains("billed at the output rate")
    );
    llmcost_fixture()
        .args(["cost", "deep-think", "--out", "1k", "--reasoning", "2k"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--reasoning (2000) is part of --out (1000)",
        ));
}

#[test]
fn explain_traces_every_number() {
    let out = stdout_of(llmcost_fixture().args([
        "cost",
        "claude-haiku-4-5",
        "--in",
        "100k",
        "--cached-in",
        "60k",
        "--out",
        "2k",
        "--requests",
        "10",
        "--explain",
    ]));
    for line in [
        "model               'claude-haiku-4-5' → anthropic/claude-haiku-4-5 (Claude Haiku 4.5)",
        "input per request   100,000 = 40,000 uncached + 60,000 cache reads + 0 cache writes",
        "output per request  2,000 (of which 0 reasoning)",
        "requests            10 (token counts are per request)",
        "input               400,000 tokens × $1.00 per 1M (input) ÷ 1,000,000 = $0.40",
        "cached input        600,000 tokens × $0.10 per 1M (cached_input) ÷ 1,000,000 = $0.06",
        "output              20,000 tokens × $5.00 per 1M (output) ÷ 1,000,000 = $0.10",
        "total               $0.40 + $0.06 + $0.10 = $0.56",
        "prices              USD per 1M tokens as of 2026-11-20, source https://docs.anthropic.com/en/docs/about-claude/pricing",
    ] {
        assert!(out.contains(line), "missing {line:?} in\n{out}");
    }
    let json = json_of(llmcost_fixture().args([
        "cost",
        "gemini-2.5-pro",
        "--in",
        "300k",
        "--explain",
        "--json",
    ]));
    let explanation: Vec<&str> = json["explanation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    assert!(
        explanation.contains(&"rates: standard, long-context tier"),
        "{explanation:?}"
    );
    assert!(
        explanation
            .iter()
            .any(|l| l.starts_with("rule: each request's input (300,000) exceeds 200k tokens"))
    );
}

#[test]
fn projections_per_day_and_month() {
    let json = json_of(llmcost_fixture().args([
        "cost",
        "gpt-4o-mini",
        "--in",
        "2k",
        "--out",
        "500",
        "--requests",
        "20k",
        "--per",
        "day",
        "--json",
    ]));
    let p = &json["projection"];
    // per request: 2k × 0.15 + 500 × 0.6 per 1M = 0.0003 + 0.0003
    assert_eq!(p["per_request"].to_string(), "0.0006");
    assert_eq!(p["daily"].to_string(), "12");
    assert_eq!(p["monthly"].to_string(), "360");
    assert_eq!(p["yearly"].to_string(), "4380");
    assert_eq!(p["rounded"], false);
    let json = json_of(llmcost_fixture().args([
        "cost",
        "gpt-4o-mini",
        "--in",
        "2k",
        "--out",
        "500",
        "--requests",
        "20k",
        "--per",
        "month",
        "--json",
    ]));
    let p = &json["projection"];
    assert_eq!(p["monthly"].to_string(), "12");
    assert_eq!(p["daily"].to_string(), "0.4");
    assert_eq!(p["yearly"].to_string(), "146");
}

#[test]
fn currency_conversion_is_marked_and_exact() {
    let json = json_of(llmcost_fixture().args([
        "cost",
        "gpt-4o-mini",
        "--in",
        "1M",
        "--out",
        "1M",
        "--currency",
        "eur",
        "--fx",
        "0.92",
        "--json",
    ]));
    assert_eq!(json["total"].to_string(), "0.75");
    assert_eq!(json["currency"], "USD");
    assert_eq!(json["converted"]["currency"], "EUR");
    assert_eq!(json["converted"]["total"].to_string(), "0.69");
    let out = stdout_of(llmcost_fixture().args([
        "cost",
        "gpt-4o-mini",
        "--in",
        "1M",
        "--out",
        "1M",
        "--currency",
        "EUR",
        "--fx",
        "0.92",
    ]));
    assert!(
        out.contains("≈ 0.69 EUR converted at 0.92 EUR per USD"),
        "{out}"
    );
    llmcost_fixture()
        .args(["cost", "gpt-4o-mini", "--in", "1M", "--currency", "EUR"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--fx"));
    llmcost_fixture()
        .args([
            "cost",
            "gpt-4o-mini",
            "--in",
            "1M",
            "--currency",
            "euros",
            "--fx",
            "1",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a three-letter currency code"));
}

#[test]
fn budget_buys_requests_or_tokens_rounded_down() {
    let json = json_of(llmcost_fixture().args([
        "budget",
        "gpt-4o-mini",
        "--usd",
        "100",
        "--in",
        "2k",
        "--out",
        "500",
        "--json",
    ]));
    // $0.0006 per request: 166,666 requests cost $99.9996; one more would cost $100.0002.
    assert_eq!(json["requests"], 166_666);
    assert_eq!(json["cost_per_request"].to_string(), "0.0006");
    assert_eq!(json["spent"].to_string(), "99.9996");
    assert_eq!(json["left_over"].to_string(), "0.0004");
    let json =
        json_of(llmcost_fixture().args(["budget", "mistral-small-3.1", "--usd", "0.91", "--json"]));
    // 1:1 by default: 2M tokens cost exactly $0.91.
    assert_eq!(json["input_tokens"], 1_000_000);
    assert_eq!(json["output_tokens"], 1_000_000);
    assert_eq!(json["left_over"].to_string(), "0");
    let json = json_of(llmcost_fixture().args([
        "budget",
        "gpt-4o-mini",
        "--usd",
        "100",
        "--mix",
        "3:1",
        "--json",
    ]));
    let (input, output) = (
        json["input_tokens"].as_u64().unwrap(),
        json["output_tokens"].as_u64().unwrap(),
    );
    assert_eq!((input, output), (285_714_286, 95_238_095));
    assert_eq!(json["spent"].to_string(), "99.9999999");
    llmcost_fixture()
        .args(["budget", "gpt-4o-mini", "--usd=-5"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("'-5' is negative"));
}

#[test]
fn token_counts_from_files_exact_for_openai_else_estimated() {
    let dir = tempfile::tempdir().unwrap();
    let prompt = dir.path().join("prompt.txt");
    std::fs::write(&prompt, "hello world").unwrap();
    let json = json_of(
        llmcost_fixture()
            .args(["cost", "gpt-4o-mini", "--out", "0", "--json", "--in-file"])
            .arg(&prompt),
    );
    assert_eq!(json["usage"]["input_tokens"], 2);
    assert_eq!(json["token_counts"][0]["method"]["kind"], "exact");
    assert_eq!(json["token_counts"][0]["method"]["tokenizer"], "o200k_base");
    // 2 × $0.15 per 1M
    assert_eq!(json["total"].to_string(), "0.0000003");
    let json = json_of(
        llmcost_fixture()
            .args(["cost", "mistral-small-3.1", "--json", "--in-file"])
            .arg(&prompt)
            .arg("--out-file")
            .arg(&prompt),
    );
    // 11 characters ÷ 4, rounded up.
    assert_eq!(json["usage"]["input_tokens"], 3);
    assert_eq!(json["usage"]["output_tokens"], 3);
    assert_eq!(json["token_counts"][1]["method"]["kind"], "estimate");
    let out = stdout_of(
        llmcost_fixture()
            .args(["cost", "mistral-small-3.1", "--in-file"])
            .arg(&prompt),
    );
    assert!(
        out.contains("3 tokens, estimate (~4 characters per token)"),
        "{out}"
    );
    llmcost_fixture()
        .args(["compare", "gpt-4o", "--in-file"])
        .arg(&prompt)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--in-file works with `llmcost cost` only",
        ));
    llmcost_fixture()
        .args(["cost", "gpt-4o", "--in-file", "/nonexistent/prompt.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "could not open '/nonexistent/prompt.txt'",
        ));
}

#[test]
fn batch_discount_applies_to_one_hour_cache_writes() {
    // Haiku 4.5 in batch: 9,000 × $0.50 + 1,000 one-hour writes × ($2 × $0.625 ÷ $1.25 = $1)
    // + 10 × $2.50 per 1M = $0.0045 + $0.001 + $0.000025 (at the non-batch $2: $0.006525).
    assert_eq!(
        total(&[
            "claude-haiku-4-5",
            "--in",
            "10k",
            "--cache-write",
            "1k",
            "--out",
            "10",
            "--cache-ttl",
            "1h",
            "--batch"
        ]),
        "0.005525"
    );
}

#[test]
fn service_tiers_bill_their_own_rates() {
    // gpt-5 on flex: 50,000 uncached × $0.625 + 50,000 cached × $0.0625
    // + 10,000 out × $5 per 1M = $0.03125 + $0.003125 + $0.05.
    let flex = bundled_cost(&[
        "gpt-5",
        "--in",
        "100k",
        "--cached-in",
        "50k",
        "--out",
        "10k",
        "--service-tier",
        "flex",
    ]);
    assert_eq!(flex["total"].to_string(), "0.084375");
    assert_eq!(flex["lines"][0]["rate_name"], "flex_input");
    // Priority: 100,000 × $2.50 + 10,000 × $20 per 1M = $0.25 + $0.20.
    let priority = bundled_cost(&[
        "gpt-5",
        "--in",
        "100k",
        "--out",
        "10k",
        "--service-tier",
        "priority",
    ]);
    assert_eq!(priority["total"].to_string(), "0.45");
    // No flex rate: standard with a warning, or an error under --strict.
    common::llmcost()
        .args([
            "cost",
            "claude-haiku-4-5",
            "--in",
            "1k",
            "--service-tier",
            "flex",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "no flex input price for this model; the standard input rate is used",
        ));
    common::llmcost()
        .args([
            "cost",
            "claude-haiku-4-5",
            "--in",
            "1k",
            "--service-tier",
            "flex",
            "--strict",
        ])
        .assert()
        .code(1);
    // Batch and a service tier are different APIs: asking for both is a usage error.
    common::llmcost()
        .args([
            "cost",
            "gpt-5",
            "--in",
            "1k",
            "--batch",
            "--service-tier",
            "flex",
        ])
        .assert()
        .code(2);
}

#[test]
fn a_service_tier_keeps_its_ratio_above_the_long_context_threshold() {
    // gpt-5.4 priority above 272k: input $5 × $5 ÷ $2.50 = $10, output
    // $22.50 × $30 ÷ $15 = $45 per 1M; 300,000 × $10 + 1,000 × $45 per 1M
    // = $3 + $0.045. (The standard long-context $5 would undercut the
    // $5 priority rate below the threshold.)
    let json = bundled_cost(&[
        "gpt-5.4",
        "--in",
        "300k",
        "--out",
        "1k",
        "--service-tier",
        "priority",
    ]);
    assert_eq!(json["total"].to_string(), "3.045");
    assert_eq!(
        json["lines"][0]["rate_name"],
        "long_context.input × priority_input ÷ input"
    );
}

#[test]
fn search_models_charge_a_fee_per_request() {
    // Sonar, 1,000 requests of 1,000 in + 500 out: 1M × $1 + 500k × $1 per 1M
    // = $1.50 of tokens, plus 1,000 × $5 / 1,000 requests = $5 (low search
    // context, the default): $6.50. With high context the fee is $12: $13.50.
    let low = bundled_cost(&["sonar", "--in", "1k", "--out", "500", "--requests", "1k"]);
    assert_eq!(low["total"].to_string(), "6.5");
    assert_eq!(low["fees"][0]["rate_name"], "request_low");
    let high = bundled_cost(&[
        "sonar",
        "--in",
        "1k",
        "--out",
        "500",
        "--requests",
        "1k",
        "--search-context",
        "high",
    ]);
    assert_eq!(high["total"].to_string(), "13.5");
    // In a log, each line is a request: two lines of 1,000 in + 0 out =
    // 2,000 × $1 / 1M + 2 × $5 / 1,000 = $0.002 + $0.01.
    let json = json_of(
        common::llmcost()
            .args(["tally", "-", "--json"])
            .write_stdin(
                "{\"model\": \"sonar\", \"input_tokens\": 1000, \"output_tokens\": 0}\n\
                 {\"model\": \"sonar\", \"input_tokens\": 1000, \"output_tokens\": 0}\n",
            ),
    );
    assert_eq!(json["total"].to_string(), "0.012");
}

#[test]
fn web_searches_are_priced_per_search_and_never_free() {
    // Sonnet 4.5, 100 requests of 10k in + 1k out with 3 searches each:
    // 1M × $3 + 100k × $15 per 1M = $4.50, plus 300 × $10 / 1,000 = $3.
    let json = bundled_cost(&[
        "claude-sonnet-4-5",
        "--in",
        "10k",
        "--out",
        "1k",
        "--web-searches",
        "3",
        "--requests",
        "100",
    ]);
    assert_eq!(json["total"].to_string(), "7.5");
    assert_eq!(json["fees"][0]["item"], "web_search");
    assert_eq!(json["fees"][0]["count"], 300);
    // A log's server_tool_use: 1,000 × $1 + 100 × $5 per 1M + 2 × $10 / 1,000
    // = $0.0015 + $0.02 on Haiku 4.5 (its search price from genai-prices).
    let tally = json_of(
        common::llmcost()
            .args(["tally", "-", "--json"])
            .write_stdin(r#"{"model":"claude-haiku-4-5","usage":{"input_tokens":1000,"output_tokens":100,"server_tool_use":{"web_search_requests":2}}}"#),
    );
    assert_eq!(tally["total"].to_string(), "0.0215");
    // A model with no search price is an error, never $0 for the searches.
    common::llmcost()
        .args([
            "cost",
            "mistral-small-3-1-24b-instruct",
            "--in",
            "1k",
            "--web-searches",
            "1",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no web search price"));
}

#[test]
fn budget_takes_the_same_request_flags_as_cost() {
    // gpt-4o-mini (fixture): $0.15 in, $0.075 cached in, $0.60 out per 1M.
    // One request: 500 × 0.15 + 1,500 × 0.075 + 500 × 0.60 = 75 + 112.5 + 300
    // = 487.5 µ$ = $0.0004875; floor(100 / 0.0004875) = 205,128 requests,
    // which cost 205,128 × 0.0004875 = $99.99990.
    let json = json_of(llmcost_fixture().args([
        "budget",
        "gpt-4o-mini",
        "--usd",
        "100",
        "--in",
        "2k",
        "--out",
        "500",
        "--cached-in",
        "1500",
        "--json",
    ]));
    assert_eq!(json["cost_per_request"].to_string(), "0.0004875");
    assert_eq!(json["requests"], 205_128);
    assert_eq!(json["spent"].to_string(), "99.9999");
    // The same request through cost: the per-request price matches exactly.
    let cost = json_of(llmcost_fixture().args([
        "cost",
        "gpt-4o-mini",
        "--in",
        "2k",
        "--out",
        "500",
        "--cached-in",
        "1500",
        "--json",
    ]));
    assert_eq!(cost["total"].to_string(), "0.0004875");
    // --total 2k --mix 3:1 is a request of 1,500 in and 500 out:
    // 1,500 × 0.15 + 500 × 0.60 = 225 + 300 µ$ = $0.000525; floor(1 / 0.000525) = 1,904.
    let json = json_of(llmcost_fixture().args([
        "budget",
        "gpt-4o-mini",
        "--usd",
        "1",
        "--total",
        "2k",
        "--mix",
        "3:1",
        "--json",
    ]));
    assert_eq!(json["mode"], "requests");
    assert_eq!(json["requests"], 1_904);
    // A request part with no request to be part of is a usage error.
    llmcost_fixture()
        .args(["budget", "gpt-4o-mini", "--usd", "1", "--cached-in", "5"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--cached-in describes one request: give --in/--out",
        ));
}

#[test]
fn long_requests_in_batch_or_flex_use_the_long_context_rates_of_that_mode() {
    // Gemini 2.5 Pro (bundled): above 200k input tokens the batch rates are
    // $1.25 in / $7.50 out (LiteLLM's `_above_200k_tokens_batches`):
    // 300,000 × 1.25 + 10,000 × 7.5 per 1M = $0.375 + $0.075 = $0.45
    // (it was $0.90, the standard long-context rates, with a warning).
    let json = json_of(llmcost().args([
        "cost",
        "gemini-2.5-pro",
        "--in",
        "300k",
        "--out",
        "10k",
        "--batch",
        "--json",
    ]));
    assert_eq!(json["total"].to_string(), "0.45");
    assert_eq!(json["warnings"], serde_json::json!([]));
    // GPT-5.4 flex above 272k: the stated cache-read rate, $0.25, not the
    // ratio's $0.26: 200,000 × 2.5 + 100,000 × 0.25 + 1,000 × 11.25 per 1M
    // = $0.50 + $0.025 + $0.01125 = $0.53625.
    let json = json_of(llmcost().args([
        "cost",
        "gpt-5.4",
        "--in",
        "300k",
        "--cached-in",
        "100k",
        "--out",
        "1k",
        "--service-tier",
        "flex",
        "--json",
    ]));
    assert_eq!(json["total"].to_string(), "0.53625");
}
