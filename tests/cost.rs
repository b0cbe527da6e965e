//! `llmcost cost`: itemized bills with exact totals.

use crate::common;

use common::{json_of, llmcost, llmcost_fixture, stdout_of};
use predicates::prelude::*;

#[test]
fn seed_bill_from_the_bundled_catalog() {
    let out = stdout_of(llmcost().args([
        "cost",
        "mistral-small-3-1-24b-instruct",
        "--in",
        "1M",
        "--out",
        "1M",
    ]));
    assert_eq!(
        out,
        "Mistral Small 3.1 24B · mistral/mistral-small-3-1-24b-instruct · 1 request\n\
         \n \
         item        tokens   rate / 1M   amount\n\
         ─────────────────────────────────────────\n \
         input    1,000,000       $0.35    $0.35\n \
         output   1,000,000       $0.56    $0.56\n \
         total    2,000,000                $0.91\n\
         note: 1,000,000 input tokens exceed the 128k context window: one request cannot hold them; priced as if it could\n\
         Prices as of 2026-05-08 17:08 UTC (USD).\n"
    );
}

#[test]
fn json_money_is_exact_decimal_numbers() {
    let mut cmd = llmcost();
    cmd.args([
        "cost",
        "mistral-small-3-1-24b-instruct",
        "--in",
        "1M",
        "--out",
        "1M",
        "--json",
    ]);
    let text = stdout_of(&mut cmd);
    assert!(text.contains("\"total\": 0.91,"), "{text}");
    assert!(text.contains("\"rate_per_million\": 0.35,"), "{text}");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["currency"], "USD");
    assert_eq!(json["as_of"], "2026-05-08T17:08:00Z");
    assert_eq!(json["usage"]["requests"], 1);
    assert_eq!(json["lines"][0]["item"], "input");
    assert_eq!(json["lines"][0]["tokens"], 1_000_000);
    assert_eq!(json["lines"][1]["amount"].to_string(), "0.56");
    assert_eq!(json["total"].to_string(), "0.91");
}

#[test]
fn blended_total_and_mix() {
    let json = json_of(llmcost().args([
        "cost",
        "mistral-small-3-1-24b-instruct",
        "--total",
        "1M",
        "--mix",
        "50/50",
        "--json",
    ]));
    assert_eq!(json["total"].to_string(), "0.455");
    assert_eq!(json["usage"]["input_tokens"], 500_000);
    let json = json_of(
        llmcost_fixture().args(["cost", "gpt-4o", "--total", "1M", "--mix", "3:1", "--json"]),
    );
    // 750k × $2.50 + 250k × $10 per 1M
    assert_eq!(json["total"].to_string(), "4.375");
}

#[test]
fn requests_multiply_one_request_and_cache_is_part_of_input() {
    let json = json_of(llmcost_fixture().args([
        "cost",
        "gpt-4o",
        "--in",
        "10k",
        "--cached-in",
        "4k",
        "--out",
        "1k",
        "--requests",
        "1.5k",
        "--json",
    ]));
    // per request: 6k × 2.5 + 4k × 1.25 + 1k × 10 per 1M = 0.015 + 0.005 + 0.01 = 0.03; × 1500
    assert_eq!(json["total"].to_string(), "45");
    assert_eq!(json["lines"][1]["item"], "cached_input");
    assert_eq!(json["lines"][1]["tokens"], 6_000_000);
    assert_eq!(json["lines"][1]["amount"].to_string(), "7.5");
    assert_eq!(json["notes"].as_array().unwrap().len(), 0);
}

#[test]
fn long_context_rates_apply_to_the_whole_request() {
    let json = json_of(llmcost_fixture().args([
        "cost",
        "gemini-2.5-pro",
        "--in",
        "300k",
        "--out",
        "1k",
        "--requests",
        "10",
        "--json",
    ]));
    // 10 × (300k × 2.5 + 1k × 15) per 1M = 10 × 0.765
    assert_eq!(json["total"].to_string(), "7.65");
    assert!(
        json["notes"][0]
            .as_str()
            .unwrap()
            .contains("long-context rates apply")
    );
    let json = json_of(llmcost_fixture().args([
        "cost",
        "gemini-2.5-pro",
        "--in",
        "200k",
        "--out",
        "1k",
        "--json",
    ]));
    assert_eq!(json["total"].to_string(), "0.26");
}

#[test]
fn input_beyond_the_context_window_keeps_long_context_rates_with_a_note() {
    // 5,000,000 × $2.50 / 1M = $12.50: past the 200k threshold, window or not.
    llmcost_fixture()
        .args(["cost", "gemini-2.5-pro", "--in", "5M", "--out", "0"])
        .assert()
        .success()
        .stdout(predicate::str::contains("$12.50"))
        .stdout(predicate::str::contains("exceed the 1.05M context window"));
}

#[test]
fn missing_price_is_an_error_never_zero() {
    llmcost_fixture()
        .args(["cost", "mistral-draft", "--in", "1k", "--out", "1k"])
        .assert()
        .code(1)
        .stderr("llmcost: error: cannot price mistral/mistral-draft: the catalog has no output price for this model, so its cost is unknown\n");
    let json = json_of(llmcost_fixture().args(["cost", "mistral-draft", "--in", "1M", "--json"]));
    assert_eq!(json["total"].to_string(), "0.1");
}

#[test]
fn missing_cache_price_warns_and_bills_full_input() {
    llmcost_fixture()
        .args([
            "cost",
            "mistral-small-3.1",
            "--in",
            "1M",
            "--cached-in",
            "1M",
            "--out",
            "0",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("$0.35"))
        .stderr(predicate::str::contains(
            "llmcost: warning: the catalog has no cache-read price",
        ));
}

#[test]
fn cached_larger_than_input_is_a_usage_error() {
    llmcost_fixture()
        .args(["cost", "gpt-4o", "--in", "1k", "--cached-in", "2k"])
        .assert()
        .code(2)
        .stderr("llmcost: error: --cached-in (2000) and --cache-write (0) are parts of --in (1000) and cannot add up to more than it\n");
}

#[test]
fn bad_quantities_are_usage_errors_that_quote_the_value() {
    for (value, reason) in [
        ("-5", "is negative"),
        ("1.5", "is not a whole number of tokens"),
        ("lots", "is not a count"),
        ("99999999999999999999", "is too large"),
        ("", "is empty"),
    ] {
        llmcost()
            .args(["cost", "mistral-small-3-1-24b-instruct", "--out", "1"])
            .arg(format!("--in={value}"))
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!("'{value}' {reason}")));
    }
    llmcost()
        .args([
            "cost",
            "mistral-small-3-1-24b-instruct",
            "--total",
            "1M",
            "--mix",
            "fifty",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("'fifty' is not a mix"));
}

#[test]
fn a_workload_is_required() {
    llmcost()
        .args(["cost", "mistral-small-3-1-24b-instruct"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--in"));
    // --total alone is a workload: split 1:1 (see below).
    llmcost()
        .args(["cost", "mistral-small-3-1-24b-instruct", "--total", "1M"])
        .assert()
        .success();
}

#[test]
fn zero_tokens_cost_nothing() {
    let json = json_of(llmcost().args([
        "cost",
        "mistral-small-3-1-24b-instruct",
        "--in",
        "0",
        "--out",
        "0",
        "--json",
    ]));
    assert_eq!(json["total"].to_string(), "0");
}

/// One long-context rule everywhere: past the 200k threshold the whole
/// request is at $2.50 / $15, whether or not it also passes the 1,048,576
/// window, so one more token never makes the bill smaller.
#[test]
fn long_context_rates_hold_past_the_window_and_budget_agrees() {
    let total = |input: &str| {
        json_of(llmcost().args([
            "cost",
            "gemini-2.5-pro",
            "--in",
            input,
            "--out",
            "1k",
            "--json",
        ]))["total"]
            .to_string()
    };
    // 1,048,576 × $2.50 / 1M + 1,000 × $15 / 1M = $2.62144 + $0.015
    assert_eq!(total("1048576"), "2.63644");
    // 1,048,577 × $2.50 / 1M + $0.015 = $2.6214425 + $0.015
    assert_eq!(total("1048577"), "2.6364425");
    // 2,000,000 × $2.50 / 1M + $0.015 = $5.015, in cost and in budget alike.
    assert_eq!(total("2M"), "5.015");
    let json = json_of(llmcost().args([
        "budget",
        "gemini-2.5-pro",
        "--usd",
        "100",
        "--in",
        "2M",
        "--out",
        "1k",
        "--json",
    ]));
    assert_eq!(json["cost_per_request"].to_string(), "5.015");
    // floor(100 / 5.015) = 19 requests, $95.285 spent.
    assert_eq!(json["requests"], 19);
    let out = stdout_of(llmcost().args(["cost", "gemini-2.5-pro", "--in", "2M", "--out", "1k"]));
    assert!(
        out.contains("one request cannot hold them; priced as if it could"),
        "{out}"
    );
}

#[test]
fn a_money_column_has_one_precision_and_estimates_are_rounded() {
    // 3 × 1,000 × $2.50 / 1M = $0.0075; 3 × 1,000 × $10 / 1M = $0.03, shown
    // as $0.0300 beside $0.0075. Per day: $0.0375 ÷ 30 = $0.00125; per year:
    // $0.0375 × 365 ÷ 30 = $0.45625, an estimate shown as ≈ $0.456.
    let workload = [
        "cost",
        "gpt-4o",
        "--in",
        "1k",
        "--out",
        "1k",
        "--requests",
        "3",
        "--per",
        "month",
    ];
    let out = stdout_of(llmcost_fixture().args(workload));
    assert!(
        out.contains(" output    3,000      $10.00   $0.0300\n"),
        "{out}"
    );
    assert!(out.contains("  Per year (365 days)  ≈ $0.456\n"), "{out}");
    let json = json_of(llmcost_fixture().args(workload).arg("--json"));
    assert_eq!(json["projection"]["yearly"].to_string(), "0.45625");
}

#[test]
fn a_token_total_that_overflows_is_an_error() {
    // 10B in + 10B out, 1B times: 2 × 10^19 tokens, more than a u64 holds.
    llmcost_fixture()
        .args(["cost", "gpt-4o", "--in", "10B", "--out", "10B", "--requests", "1B"])
        .assert()
        .code(1)
        .stderr("llmcost: error: cannot price openai/gpt-4o: the workload is too large to price exactly\n");
}

#[test]
fn source_prices_with_one_sources_values() {
    // open-mistral-nemo is $0.15 in the catalog (an evidenced patch) and
    // $0.30 in LiteLLM: 1M × $0.30 / 1M = $0.30 with --source litellm.
    let json = json_of(llmcost().args([
        "cost",
        "open-mistral-nemo",
        "--in",
        "1M",
        "--source",
        "litellm",
        "--json",
    ]));
    assert_eq!(json["total"].to_string(), "0.3");
    let json = json_of(llmcost().args(["cost", "open-mistral-nemo", "--in", "1M", "--json"]));
    assert_eq!(json["total"].to_string(), "0.15");
    assert_eq!(json["confidence"], "disputed");
    // A source without an entry is an error, never a $0 price.
    llmcost()
        .args(["cost", "mistral-small-3-1-24b-instruct", "--in", "1", "--source", "genai-prices"])
        .assert()
        .code(1)
        .stderr("llmcost: error: genai-prices has no price for mistral/mistral-small-3-1-24b-instruct (`llmcost show` lists the sources that do)\n");
}

#[test]
fn responses_api_only_models_are_priced() {
    // gpt-5-pro is served only through the Responses API: 1M × $15 / 1M.
    let json = json_of(llmcost().args(["cost", "gpt-5-pro", "--in", "1M", "--json"]));
    assert_eq!(json["total"].to_string(), "15");
}

#[test]
fn evidenced_patches_fix_stale_source_prices_and_stale_patches_are_gone() {
    // Grok Code Fast 1 is back at its source's price (the 2025 launch
    // patch outlived the truth): xAI's listing, as LiteLLM read it in
    // November 2026, says $1 in / $2 out per 1M under every id. 100k + 100k:
    // $0.10 + $0.20 = $0.30. Above 200k input the listing's $2/$4 tier
    // applies: 300k × $2 + 10k × $4 = $0.60 + $0.04 = $0.64.
    for id in [
        "grok-code-fast",
        "grok-code-fast-1",
        "grok-code-fast-1-0825",
    ] {
        let json = json_of(llmcost().args(["cost", id, "--in", "100k", "--out", "100k", "--json"]));
        assert_eq!(json["total"].to_string(), "0.3", "{id}");
        let json = json_of(llmcost().args(["cost", id, "--in", "300k", "--out", "10k", "--json"]));
        assert_eq!(json["total"].to_string(), "0.64", "{id}");
    }
    // Mistral Medium 3 at $0.40/$2.00, not Medium 3.5's $1.50/$7.50: $2.40.
    let json = json_of(llmcost().args([
        "cost",
        "mistral/mistral-medium-3",
        "--in",
        "1M",
        "--out",
        "1M",
        "--json",
    ]));
    assert_eq!(json["total"].to_string(), "2.4");
}

#[test]
fn audio_tokens_are_billed_at_the_audio_rates() {
    // gpt-audio: text $2.50 in / $10 out, audio $32 in / $64 out per 1M.
    // 2,000 text × 2.50 + 8,000 audio × 32 + 200 text × 10 + 800 audio × 64
    // = 5,000 + 256,000 + 2,000 + 51,200 = 314,200 per 1M = $0.3142
    // (all as text: 10,000 × 2.50 + 1,000 × 10 = $0.035).
    let json = json_of(llmcost().args([
        "cost",
        "gpt-audio",
        "--in",
        "10000",
        "--audio-in",
        "8000",
        "--out",
        "1000",
        "--audio-out",
        "800",
        "--json",
    ]));
    assert_eq!(json["total"].to_string(), "0.3142");
    assert_eq!(json["lines"][1]["item"], "audio_input");
    assert_eq!(json["lines"][1]["rate_name"], "audio_input");
    // A model that takes no audio is a usage error: never billed as text.
    llmcost()
        .args(["cost", "gpt-4o-mini", "--in", "1000", "--audio-in", "10"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "openai/gpt-4o-mini does not take audio input (its input: text, image, pdf)",
        ));
    // One that takes audio but has no audio price cannot be priced.
    llmcost()
        .args([
            "cost",
            "gemini-3.7-flash",
            "--provider",
            "google",
            "--in",
            "1000",
            "--audio-in",
            "10",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no audio input price"));
    // Audio is part of the input, beside cache reads.
    llmcost()
        .args([
            "cost",
            "gpt-audio",
            "--in",
            "1000",
            "--audio-in",
            "800",
            "--cached-in",
            "300",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--audio-in (800), --cached-in (300)",
        ));
}

#[test]
fn image_and_video_tokens_are_billed_at_their_own_rates_or_as_input() {
    // Gemini Omni 1.2 Flash: $1.50 in, $9 out, video out $12 per 1M; no
    // image or video input rate, so those are input tokens at $1.50.
    // 5,000 text × 1.50 + 2,000 image × 1.50 + 3,000 video × 1.50
    // + 3,000 text out × 9 + 1,000 video out × 12
    // = 7,500 + 3,000 + 4,500 + 27,000 + 12,000 = 54,000 per 1M = $0.054
    // (all as text: 10,000 × 1.50 + 4,000 × 9 = $0.051).
    let json = json_of(llmcost().args([
        "cost",
        "gemini-omni-1.2-flash",
        "--in",
        "10000",
        "--image-in",
        "2000",
        "--video-in",
        "3000",
        "--out",
        "4000",
        "--video-out",
        "1000",
        "--json",
    ]));
    assert_eq!(json["total"].to_string(), "0.054");
    let items: Vec<_> = json["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| format!("{} {} {}", l["item"], l["rate_name"], l["amount"]))
        .collect();
    assert_eq!(
        items,
        [
            r#""input" "input" 0.0075"#,
            r#""image_input" "input" 0.003"#,
            r#""video_input" "input" 0.0045"#,
            r#""output" "output" 0.027"#,
            r#""video_output" "video_output" 0.012"#,
        ]
    );
    assert!(
        json["notes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n == "image input tokens are billed as input tokens: the catalog states no separate rate for them"),
        "{json}"
    );
    // Generated images on an image model (OpenRouter's Gemini 3.1 Flash
    // Image: $0.50 in, $3 out, $60 per 1M image tokens): 1,000 × 0.50
    // + 200 × 3 + 1,290 × 60 = 500 + 600 + 77,400 per 1M = $0.0785.
    let json = json_of(llmcost().args([
        "cost",
        "openrouter/google/gemini-3.1-flash-image",
        "--in",
        "1000",
        "--out",
        "1490",
        "--image-out",
        "1290",
        "--json",
    ]));
    assert_eq!(json["total"].to_string(), "0.0785");
    // A modality the model does not take is a usage error, naming what it takes.
    for (args, message) in [
        (
            ["gpt-audio", "--image-in"],
            "openai/gpt-audio does not take image input (its input: text, audio)",
        ),
        (
            ["gemini-omni-1.2-flash", "--image-out"],
            "google/gemini-omni-1.2-flash does not take image output (its output: text, video, audio)",
        ),
    ] {
        llmcost()
            .args([
                "cost", args[0], "--in", "1000", "--out", "1000", args[1], "10",
            ])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
    }
    // Parts must fit: 600 image + 500 video tokens in a 1,000-token input.
    llmcost()
        .args([
            "cost",
            "gemini-2.5-flash",
            "--in",
            "1000",
            "--image-in",
            "600",
            "--video-in",
            "500",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--image-in (600), --video-in (500), --cached-in (0) and --cache-write (0) are parts of --in (1000)",
        ));
}

#[test]
fn bedrock_in_region_profiles_and_data_residency_cost_their_uplift() {
    // Haiku 4.5 on Bedrock, 1M in + 1M out: global $1 + $5 = $6; the
    // in-region `us.` profile costs 10% more on every rate: $1.10 + $5.50.
    let global = json_of(llmcost().args([
        "cost",
        "global.anthropic.claude-haiku-4-5-20251001-v1:0",
        "--in",
        "1M",
        "--out",
        "1M",
        "--json",
    ]));
    assert_eq!(global["total"].to_string(), "6");
    let us = json_of(llmcost().args([
        "cost",
        "us.anthropic.claude-haiku-4-5-20251001-v1:0",
        "--in",
        "1M",
        "--out",
        "1M",
        "--json",
    ]));
    assert_eq!(us["total"].to_string(), "6.6");
    assert_eq!(us["options"]["region"], "us");
    assert_eq!(us["lines"][0]["rate_name"], "input × regional.us");
    // --region on the base id does the same; on the default endpoint, $6.
    let eu = json_of(llmcost().args([
        "cost",
        "bedrock/anthropic.claude-haiku-4-5-20251001-v1:0",
        "--region",
        "eu",
        "--in",
        "1M",
        "--out",
        "1M",
        "--json",
    ]));
    assert_eq!(eu["total"].to_string(), "6.6");
    // OpenAI EU data residency on gpt-5.4: 100,000 × $2.50 per 1M × 1.1 = $0.275.
    let json = json_of(llmcost().args([
        "cost", "gpt-5.4", "--region", "eu", "--in", "100k", "--json",
    ]));
    assert_eq!(json["total"].to_string(), "0.275");
    // Azure's EU data zone (LiteLLM's azure/eu/gpt-4o, $2.75 / $11 against
    // $2.50 / $10): 100k × $2.50 × 1.1 + 10k × $10 × 1.1 per 1M
    // = $0.275 + $0.11 = $0.385; the standard deployment $0.25 + $0.10.
    let cost_azure = |region: &[&str]| {
        let mut args = vec![
            "cost",
            "azure/gpt-4o",
            "--in",
            "100k",
            "--out",
            "10k",
            "--json",
        ];
        args.extend_from_slice(region);
        json_of(llmcost().args(&args))["total"].to_string()
    };
    assert_eq!(cost_azure(&["--region", "eu"]), "0.385");
    assert_eq!(cost_azure(&[]), "0.35");
    // A region the catalog has no price for: the standard rate, warned;
    // an error with --strict.
    llmcost()
        .args(["cost", "gpt-4o-mini", "--region", "jp", "--in", "1M"])
        .assert()
        .success()
        .stderr(predicate::str::contains("no jp regional price"));
    llmcost()
        .args([
            "cost",
            "gpt-4o-mini",
            "--region",
            "jp",
            "--in",
            "1M",
            "--strict",
        ])
        .assert()
        .code(1);
}

#[test]
fn a_qwen_model_past_two_thresholds() {
    // qwen3-max: $1.20/$6 up to 32k input, $2.40/$12 above 32k, $3/$15
    // above 128k, the tier's rates on the whole request.
    let total = |input: &str| {
        json_of(llmcost().args(["cost", "qwen3-max", "--in", input, "--out", "10k", "--json"]))
            ["total"]
            .to_string()
    };
    // 32,000 × 1.20 + 10,000 × 6 per 1M = 0.0384 + 0.06
    assert_eq!(total("32000"), "0.0984");
    // 32,001 × 2.40 + 10,000 × 12 = 0.0768024 + 0.12
    assert_eq!(total("32001"), "0.1968024");
    // 200,000 × 3 + 10,000 × 15 = 0.6 + 0.15, named by its catalog field.
    assert_eq!(total("200k"), "0.75");
    let json = json_of(llmcost().args(["cost", "qwen3-max", "--in", "200k", "--json"]));
    assert_eq!(json["lines"][0]["rate_name"], "higher_tiers[0].input");
    // tally puts each request in its own tier: the three requests above
    // add up to 0.0984 + 0.1968024 + 0.75.
    let lines = [32_000, 32_001, 200_000].map(|input| {
        format!(r#"{{"model":"qwen3-max","usage":{{"prompt_tokens":{input},"completion_tokens":10000}}}}"#)
    });
    let json = json_of(
        llmcost()
            .args(["tally", "-", "--json"])
            .write_stdin(lines.join("\n")),
    );
    assert_eq!(json["total"].to_string(), "1.0452024");
}

#[test]
fn your_own_rates_and_discounts_apply_to_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("prices.json");
    std::fs::write(
        &file,
        r#"{
  "providers": { "openai": { "discount": "15%" } },
  "models": {
    "anthropic/claude-haiku-4-5": { "input": "0.80", "output": "4" },
    "openai/gpt-4o": { "input": "2" }
  }
}"#,
    )
    .unwrap();
    // gpt-4o-mini 1M in + 1M out at 85% of $0.15 + $0.60: $0.6375.
    let json = json_of(llmcost().arg("--prices").arg(&file).args([
        "cost",
        "gpt-4o-mini",
        "--in",
        "1M",
        "--out",
        "1M",
        "--json",
    ]));
    assert_eq!(json["total"].to_string(), "0.6375");
    assert_eq!(json["rate_source"], "override");
    // A rate the file sets is final; the provider's discount is for the
    // others: gpt-4o input $2 as set, output 85% of $10: $2 + $8.50.
    let json = json_of(
        llmcost()
            .arg("--prices")
            .arg(&file)
            .args(["cost", "gpt-4o", "--in", "1M", "--out", "1M", "--json"]),
    );
    assert_eq!(json["total"].to_string(), "10.5");
    // A negotiated rate: Haiku 4.5 at $0.80 / $4: $4.80.
    let json = json_of(llmcost().arg("--prices").arg(&file).args([
        "cost",
        "claude-haiku-4-5",
        "--in",
        "1M",
        "--out",
        "1M",
        "--json",
    ]));
    assert_eq!(json["total"].to_string(), "4.8");
    // tally too (and from $LLMCOST_PRICES): 1M × $0.1275 + 1M × $0.51 = $0.6375.
    let json = json_of(
        llmcost()
            .env("LLMCOST_PRICES", &file)
            .args(["tally", "-", "--json"])
            .write_stdin(
                r#"{"model":"gpt-4o-mini","input_tokens":1000000,"output_tokens":1000000}"#,
            ),
    );
    assert_eq!(json["total"].to_string(), "0.6375");
    // The discount covers a context tier's mode rates too: gpt-5.4 through
    // batch above 272k states $2.50 / $11.25, so 85% is $2.125 / $9.5625:
    // 300,000 × 2.125 + 10,000 × 9.5625 per 1M = $0.6375 + $0.095625.
    let json = json_of(llmcost().arg("--prices").arg(&file).args([
        "cost", "gpt-5.4", "--in", "300k", "--out", "10k", "--batch", "--json",
    ]));
    assert_eq!(json["total"].to_string(), "0.733125");
    // The config folder's prices.json is read by itself.
    let config = dir.path().join("config");
    std::fs::create_dir_all(config.join("llmcost")).unwrap();
    std::fs::copy(&file, config.join("llmcost").join("prices.json")).unwrap();
    llmcost()
        .env("XDG_CONFIG_HOME", &config)
        .args(["cost", "gpt-4o-mini", "--in", "1M", "--explain"])
        .assert()
        .success()
        .stdout(predicate::str::contains("$0.1275"))
        .stdout(predicate::str::contains("your own rates, override:"));
}

#[test]
fn a_bad_prices_file_names_its_line_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("prices.json");
    let cases = [
        (
            "{\n  \"models\": {\n    \"no-such-model\": { \"input\": \"1\" }\n  }\n}",
            "line 3: unknown model 'no-such-model'",
        ),
        (
            "{\n  \"providers\": { \"openai\": { \"discount\": \"150%\" } }\n}",
            "line 2: discount '150%' is not between 0% and 100%",
        ),
        (
            "{\n  \"models\": { \"gpt-4o\": { \"inptu\": \"1\" } }\n}",
            "line 2: unknown rate 'inptu'",
        ),
        ("{ not json", "is not valid"),
    ];
    for (text, message) in cases {
        std::fs::write(&file, text).unwrap();
        llmcost()
            .arg("--prices")
            .arg(&file)
            .args(["cost", "gpt-4o", "--in", "1M"])
            .assert()
            .code(1)
            .stderr(predicate::str::contains(message));
    }
}

#[test]
fn fail_over_on_cost_and_compare() {
    // gpt-4o-mini 1M in + 1M out: $0.75, over a $0.50 budget: the bill is
    // printed, then exit 3; under $1 it passes.
    llmcost()
        .args([
            "cost",
            "gpt-4o-mini",
            "--in",
            "1M",
            "--out",
            "1M",
            "--fail-over",
            "0.5",
        ])
        .assert()
        .code(3)
        .stdout(predicate::str::contains("$0.75"))
        .stderr(predicate::str::contains(
            "over the --fail-over budget of $0.50",
        ));
    llmcost()
        .args([
            "cost",
            "gpt-4o-mini",
            "--in",
            "1M",
            "--out",
            "1M",
            "--fail-over",
            "1",
        ])
        .assert()
        .success();
    // compare: over budget only when even the cheapest listed model is
    // (gpt-4o-mini $0.75 against gpt-4o $12.50 for 1M in + 1M out).
    llmcost()
        .args([
            "compare",
            "gpt-4o-mini",
            "gpt-4o",
            "--in",
            "1M",
            "--out",
            "1M",
            "--fail-over",
            "1",
        ])
        .assert()
        .success();
    llmcost()
        .args([
            "compare",
            "gpt-4o-mini",
            "gpt-4o",
            "--in",
            "1M",
            "--out",
            "1M",
            "--fail-over",
            "0.7",
        ])
        .assert()
        .code(3);
}

#[test]
fn twelve_hour_cache_writes_cost_their_own_rate_and_their_long_context_rate() {
    // GPT-5.6 (LiteLLM): 5-minute writes $5 per 1M, 12-hour writes $10, and
    // $20 above 272k input (`…_above_12hr_above_272k_tokens`).
    let total = |args: &[&str]| {
        let mut all = vec!["cost", "openai/gpt-5.6", "--json"];
        all.extend_from_slice(args);
        json_of(llmcost().args(&all))["total"].to_string()
    };
    // 100k × $10 / 1M = $1; the same write on the 5-minute cache: $0.50.
    assert_eq!(
        total(&[
            "--in",
            "100k",
            "--cache-write",
            "100k",
            "--cache-ttl",
            "12h"
        ]),
        "1"
    );
    assert_eq!(total(&["--in", "100k", "--cache-write", "100k"]), "0.5");
    // 300k passes 272k: 300k × $20 / 1M = $6.
    assert_eq!(
        total(&[
            "--in",
            "300k",
            "--cache-write",
            "300k",
            "--cache-ttl",
            "12h"
        ]),
        "6"
    );
    // Batch: the 12-hour rate keeps the batch discount of the 5-minute one,
    // $10 × $2.50 ÷ $5 = $5 per 1M: 100k × $5 / 1M = $0.50.
    assert_eq!(
        total(&[
            "--in",
            "100k",
            "--cache-write",
            "100k",
            "--cache-ttl",
            "12h",
            "--batch"
        ]),
        "0.5"
    );
    // A model without a 12-hour rate falls back to its 1-hour one, warned;
    // with --strict it is an error.
    llmcost()
        .args([
            "cost",
            "claude-haiku-4-5",
            "--in",
            "1M",
            "--cache-write",
            "1M",
            "--cache-ttl",
            "12h",
        ])
        .assert()
        .success()
        .stderr(predicates::str::contains("no 12-hour cache-write price"));
    llmcost()
        .args([
            "cost",
            "claude-haiku-4-5",
            "--in",
            "1M",
            "--cache-write",
            "1M",
            "--cache-ttl",
            "12h",
            "--strict",
        ])
        .assert()
        .code(1);
}

#[test]
fn cache_writes_on_service_tiers_and_past_a_threshold_cost_their_own_rates() {
    let bill = |args: &[&str]| {
        let mut all = vec!["cost", "--json"];
        all.extend_from_slice(args);
        let json = json_of(llmcost().args(&all));
        let rates: Vec<String> = json["lines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["rate_name"].as_str().unwrap().to_string())
            .collect();
        (json["total"].to_string(), rates)
    };
    // GPT-5.6 on priority: 50k × $8 + 50k writes × $10 (LiteLLM's
    // `cache_creation_input_token_cost_priority`) + 1k × $40 per 1M
    // = $0.40 + $0.50 + $0.04 = $0.94 (at the standard $5 write: $0.69).
    let args = [
        "openai/gpt-5.6",
        "--in",
        "100k",
        "--cache-write",
        "50k",
        "--out",
        "1k",
    ];
    let (total, rates) = bill(&[&args[..], &["--service-tier", "priority"]].concat());
    assert_eq!(total, "0.94");
    assert_eq!(rates[1], "priority_cache_write");
    // On flex: 50k × $2 + 50k × $2.50 + 1k × $10 = $0.235 (was $0.36).
    let (total, _) = bill(&[&args[..], &["--service-tier", "flex"]].concat());
    assert_eq!(total, "0.235");
    // GPT-6 Astra's 12-hour write on priority keeps priority's ratio of the
    // 5-minute write: $25 × $25 ÷ $12.50 = $50 per 1M, as LiteLLM states
    // it. 50k × $20 + 50k × $50 = $1 + $2.50 = $3.50 (was $1 + $1.25).
    let (total, rates) = bill(&[
        "openai/gpt-6-astra",
        "--in",
        "100k",
        "--cache-write",
        "50k",
        "--cache-ttl",
        "12h",
        "--service-tier",
        "priority",
    ]);
    assert_eq!(total, "3.5");
    assert_eq!(
        rates[1],
        "cache_write_12h × priority_cache_write ÷ cache_write"
    );
    // Above 272k on batch, the ratio is the 5-minute write's batch discount
    // ($6.25 ÷ $12.50), not the 12-hour rate's: $50 × 0.5 = $25 per 1M, as
    // LiteLLM's `…_above_12hr_above_272k_tokens_batches` states.
    // 200k × $10 + 100k × $25 = $2 + $2.50 = $4.50 (was $2 + $1.25).
    let (total, _) = bill(&[
        "openai/gpt-6-astra",
        "--in",
        "300k",
        "--cache-write",
        "100k",
        "--cache-ttl",
        "12h",
        "--batch",
    ]);
    assert_eq!(total, "4.5");
    // Claude Haiku 5.5 past its 100k threshold: 1-hour writes at the
    // long-context $1 (`…_above_1hr_above_100k_tokens`), not the base $0.20.
    // 50k × $0.50 + 100k × $1 + 1k × $2.50 = $0.025 + $0.10 + $0.0025.
    let (total, rates) = bill(&[
        "anthropic/claude-haiku-5-5",
        "--in",
        "150k",
        "--cache-write",
        "100k",
        "--cache-ttl",
        "1h",
        "--out",
        "1k",
    ]);
    assert_eq!(total, "0.1275");
    assert_eq!(rates[1], "long_context.cache_write_1h");
}

#[test]
fn audio_on_batch_and_service_tiers_costs_their_audio_rates() {
    // Gemini 2.5 Flash audio input: $1 per 1M; LiteLLM states $0.50 on
    // batch and flex (`input_cost_per_audio_token_batches`, `…_flex`) and
    // $1.80 on priority. 100k audio tokens: $0.10, $0.05, $0.05, $0.18
    // (before, $0.10 whatever the mode).
    for (mode, total, rate) in [
        (&[][..], "0.1", "audio_input"),
        (&["--batch"][..], "0.05", "batch_audio_input"),
        (&["--service-tier", "flex"][..], "0.05", "flex_audio_input"),
        (
            &["--service-tier", "priority"][..],
            "0.18",
            "priority_audio_input",
        ),
    ] {
        let json = json_of(
            llmcost()
                .args([
                    "cost",
                    "google/gemini-2.5-flash",
                    "--in",
                    "100k",
                    "--audio-in",
                    "100k",
                    "--json",
                ])
                .args(mode),
        );
        assert_eq!(json["total"].to_string(), total, "{mode:?}");
        assert_eq!(json["lines"][1]["rate_name"], rate, "{mode:?}");
    }
    // A model without a batch audio rate bills the standard one, warned.
    llmcost()
        .args([
            "cost",
            "gpt-audio",
            "--in",
            "1k",
            "--audio-in",
            "1k",
            "--batch",
        ])
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "no batch audio input price for this model; audio is billed at the standard audio rate",
        ));
}

#[test]
fn the_ultrafast_service_tier_costs_its_own_rates() {
    // GPT-6 Astra on ultrafast (LiteLLM's `*_ultrafast`): $60 in, $6 cached,
    // $75 cache writes, $300 out per 1M, six times standard.
    // 70k × 60 + 20k × 6 + 10k × 75 + 2k × 300 = 4.20 + 0.12 + 0.75 + 0.60.
    let json = json_of(llmcost().args([
        "cost",
        "openai/gpt-6-astra",
        "--in",
        "100k",
        "--cached-in",
        "20k",
        "--cache-write",
        "10k",
        "--out",
        "2k",
        "--service-tier",
        "ultrafast",
        "--json",
    ]));
    assert_eq!(json["total"].to_string(), "5.67");
    // Past 272k, the tier's own long-context rates: 300k × $120 + 1k × $450.
    let json = json_of(llmcost().args([
        "cost",
        "openai/gpt-6-astra",
        "--in",
        "300k",
        "--out",
        "1k",
        "--service-tier",
        "ultrafast",
        "--json",
    ]));
    assert_eq!(json["total"].to_string(), "36.45");
    assert_eq!(
        json["lines"][0]["rate_name"],
        "long_context.ultrafast_input"
    );
    // A model without the tier bills standard, warned.
    llmcost()
        .args([
            "cost",
            "openai/gpt-5",
            "--in",
            "1k",
            "--service-tier",
            "ultrafast",
        ])
        .assert()
        .success()
        .stderr(predicates::str::contains("no ultrafast input price"));
}

#[test]
fn cached_audio_costs_the_cached_audio_rate() {
    // Gemini 2.5 Flash: text $0.30, audio $1, cached text $0.03, cached
    // audio $0.10 (LiteLLM's `cache_read_input_audio_token_cost`), output
    // $2.50 per 1M. 20k text + 20k audio + 10k cached text + 50k cached
    // audio + 1k out = 0.006 + 0.02 + 0.0003 + 0.005 + 0.0025 = $0.0338
    // (every cache read at the text rate: $0.0303).
    let args = [
        "cost",
        "google/gemini-2.5-flash",
        "--in",
        "100k",
        "--cached-in",
        "60k",
        "--cached-audio-in",
        "50k",
        "--audio-in",
        "20k",
        "--out",
        "1k",
    ];
    let json = json_of(llmcost().args(args).arg("--json"));
    assert_eq!(json["total"].to_string(), "0.0338");
    assert_eq!(json["lines"][3]["rate_name"], "cached_audio_input");
    // Cached audio is part of the cache reads.
    llmcost()
        .args([
            "cost",
            "google/gemini-2.5-flash",
            "--in",
            "100k",
            "--cached-in",
            "10k",
            "--cached-audio-in",
            "20k",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--cached-audio-in (20000) is part of --cached-in (10000)",
        ));
}

#[test]
fn total_without_a_mix_splits_one_to_one_as_budget_does() {
    // --total 1,001 at 1:1 is 500 in and 501 out (the odd token goes to
    // the output, as the table shows): 500 × $0.15 + 501 × $0.60 per 1M =
    // $0.000075 + $0.0003006 = $0.0003756.
    let json = json_of(llmcost().args(["cost", "openai/gpt-4o-mini", "--total", "1001", "--json"]));
    assert_eq!(json["usage"]["input_tokens"], 500);
    assert_eq!(json["usage"]["output_tokens"], 501);
    assert_eq!(json["total"].to_string(), "0.0003756");
}

#[test]
fn a_total_that_does_not_split_exactly_says_how_it_was_rounded() {
    // 1,001 tokens 1:1 is 500.5 each: 500 in + 501 out on gpt-4o-mini,
    // 500 × $0.15 + 501 × $0.60 per 1M = $0.000075 + $0.0003006 =
    // $0.0003756, with a note; 1,000 splits exactly and says nothing.
    let output = llmcost()
        .args(["cost", "gpt-4o-mini", "--total", "1001", "--json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["total"].to_string(), "0.0003756");
    assert!(
        String::from_utf8_lossy(&output.stderr).contains(
            "--total 1,001 split 1:1 is 500.5 input tokens, not a whole number; rounded to 500 input + 501 output"
        )
    );
    llmcost()
        .args(["cost", "gpt-4o-mini", "--total", "1000"])
        .assert()
        .success()
        .stderr(predicates::str::contains("split").not());
}

#[test]
fn citation_tokens_are_billed_at_their_own_rate_in_cost_and_in_a_log() {
    // Perplexity's Sonar Deep Research: $2 in, $8 out and $2 per 1M
    // citation tokens (LiteLLM's citation_cost_per_token, genai-prices'
    // output_citation_mtok), $5 per 1k searches. 10k in + 2k out + 5k
    // citations + 3 searches: $0.02 + $0.016 + $0.01 + $0.015 = $0.061
    // (the citations were not billed: $0.051).
    let json = json_of(llmcost().args([
        "cost",
        "perplexity/sonar-deep-research",
        "--in",
        "10k",
        "--out",
        "2k",
        "--citations",
        "5k",
        "--web-searches",
        "3",
        "--json",
    ]));
    assert_eq!(json["total"].to_string(), "0.061");
    assert_eq!(json["lines"][2]["item"], "citation");
    // Its API response states them beside the prompt and the completion:
    // $0.02 + $0.016 + $0.01 = $0.046.
    let response = r#"{"id":"r1","model":"sonar-deep-research","object":"chat.completion","usage":{"prompt_tokens":10000,"completion_tokens":2000,"total_tokens":12000,"citation_tokens":5000}}"#;
    let tallied = json_of(
        llmcost()
            .args(["tally", "-", "--json"])
            .env("LLMCOST_TODAY", "2026-11-20")
            .write_stdin(format!(r#"{{"provider":"perplexity",{}"#, &response[1..])),
    );
    assert_eq!(tallied["total"].to_string(), "0.046");
}

#[test]
fn citation_tokens_are_free_where_no_citation_rate_is_stated() {
    // Perplexity bills citation tokens only on Sonar Deep Research since
    // 2025-04-18, but Sonar Pro's responses still report them. Sonar Pro:
    // $3 in, $15 out, $6 per 1k requests (low search context). 1k in +
    // 100 out + 50 citations: $0.003 + $0.0015 + $0.006 = $0.0105, the
    // citations free (before: no price at all).
    let json = json_of(llmcost().args([
        "cost",
        "perplexity/sonar-pro",
        "--in",
        "1000",
        "--out",
        "100",
        "--citations",
        "50",
        "--json",
    ]));
    assert_eq!(json["total"].to_string(), "0.0105");
    assert_eq!(
        json["notes"][0],
        "50 citation tokens are not billed: this model states no citation rate (Perplexity bills citation tokens only on Sonar Deep Research, since 2025-04-18)"
    );
    // The same in a log: its response, one request.
    let response = r#"{"id":"r1","provider":"perplexity","model":"sonar-pro","object":"chat.completion","usage":{"prompt_tokens":1000,"completion_tokens":100,"total_tokens":1100,"citation_tokens":50}}"#;
    let tallied = json_of(
        llmcost()
            .args(["tally", "-", "--json"])
            .write_stdin(response),
    );
    assert_eq!(tallied["total"].to_string(), "0.0105");
}
