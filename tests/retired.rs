//! Models a source still prices after their provider's current list
//! dropped them (retired ones, kept so that old logs still price), rates
//! filled from a witness, and retirement judged against today.

use crate::common;

use common::{fixture, json_of, llmcost, stdout_of};
use predicates::prelude::*;

fn cost_json(args: &[&str]) -> serde_json::Value {
    json_of(llmcost().arg("cost").args(args).arg("--json"))
}

#[test]
fn retired_models_price_at_their_makers_api() {
    // Claude 3 Opus: 100k × $15 + 100k × $75 per 1M = $1.50 + $7.50 = $9.00,
    // found by genai-prices' `starts_with: claude-3-opus` rule.
    let json = cost_json(&["claude-3-opus-20240229", "--in", "100k", "--out", "100k"]);
    assert_eq!(json["provider"], "anthropic");
    assert_eq!(json["total"].to_string(), "9");
    // Claude Sonnet 4 (2025's most used model) at Anthropic, not OpenRouter's
    // resale: 100k × $3 + 100k × $15 = $0.30 + $1.50 = $1.80.
    let json = cost_json(&["claude-sonnet-4-20250514", "--in", "100k", "--out", "100k"]);
    assert_eq!(json["provider"], "anthropic");
    assert_eq!(json["model"], "claude-sonnet-4-0");
    assert_eq!(json["total"].to_string(), "1.8");
    // Gemini 2.0 Flash: 1M × $0.10 + 1M × $0.40 = $0.50.
    let json = cost_json(&["gemini-2.0-flash", "--in", "1M", "--out", "1M"]);
    assert_eq!(json["provider"], "google");
    assert_eq!(json["total"].to_string(), "0.5");
    // The rest of the list: each priced at its maker's API.
    for (id, provider) in [
        ("claude-3-7-sonnet-20250219", "anthropic"),
        ("claude-opus-4-1-20250805", "anthropic"),
        ("gemini-1.5-flash", "google"),
        ("gpt-4.5-preview-2025-02-27", "openai"),
        ("grok-3", "xai"),
        ("grok-4-0709", "xai"),
        ("grok-4-fast", "xai"),
    ] {
        let json = cost_json(&[id, "--in", "1k"]);
        assert_eq!(json["provider"], provider, "{id}");
        assert!(json["total"].as_f64().is_some_and(|t| t > 0.0), "{id}");
    }
    // Gemini 1.5 Flash-8B by its API id: 100k × $0.0375 per 1M = $0.00375,
    // not 1.5 Flash's $0.0075 (genai-prices' contains-rule for 1.5 Flash
    // would take it).
    let json = cost_json(&["gemini-1.5-flash-8b", "--in", "100k"]);
    assert_eq!(json["model"], "gemini-flash-1.5-8b");
    assert_eq!(json["total"].to_string(), "0.00375");
    // Each says it is retired.
    llmcost()
        .args(["cost", "claude-3-opus-20240229", "--in", "1"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "claude-3-opus-latest is retired (no source states the day)",
        ));
}

#[test]
fn listings_hide_retired_models_unless_asked() {
    let ids = |args: &[&str]| -> Vec<String> {
        let json = json_of(
            llmcost()
                .args(["list", "--provider", "anthropic", "--json"])
                .args(args),
        );
        json["models"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(!ids(&[]).contains(&"claude-3-opus-latest".to_string()));
    assert!(ids(&["--all"]).contains(&"claude-3-opus-latest".to_string()));
    // A model newer than LiteLLM's copy is current, and listed.
    assert!(ids(&[]).contains(&"claude-fable-5-2".to_string()));
}

#[test]
fn a_long_context_tier_the_source_lacks_is_filled_from_a_witness() {
    // Anthropic bills Sonnet 4.5 above 200k input at $6 in / $22.50 out:
    // 300k × $6 + 1k × $22.50 per 1M = $1.80 + $0.0225 = $1.8225.
    let json = cost_json(&["claude-sonnet-4-5", "--in", "300k", "--out", "1k"]);
    assert_eq!(json["provider"], "anthropic");
    assert_eq!(json["total"].to_string(), "1.8225");
    let card = json_of(llmcost().args(["show", "anthropic/claude-sonnet-4-5", "--json"]));
    assert_eq!(card["filled"][0]["source"], "genai-prices");
    assert!(
        card["filled"][0]["rates"]
            .as_str()
            .unwrap()
            .starts_with("above 200,000 input tokens: $6.00 in, $22.50 out"),
        "{}",
        card["filled"]
    );
    let text = stdout_of(llmcost().args(["show", "anthropic/claude-sonnet-4-5"]));
    assert!(text.contains("Filled from   genai-prices"), "{text}");
}

#[test]
fn retirement_is_judged_against_today() {
    // Claude Sonnet 4.5 retires 2026-11-30: before that day it is retiring,
    // after it retired.
    llmcost()
        .env("LLMCOST_TODAY", "2026-11-20")
        .args(["cost", "anthropic/claude-sonnet-4-5", "--in", "1"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "claude-sonnet-4-5 retires 2026-11-30",
        ));
    llmcost()
        .env("LLMCOST_TODAY", "2026-12-05")
        .args(["cost", "anthropic/claude-sonnet-4-5", "--in", "1"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "claude-sonnet-4-5 was retired on 2026-11-30",
        ));
}

#[test]
fn a_complete_listing_counts_and_removes_only_the_models_it_contributed() {
    // The bundled Groq models: 4 from LiteLLM, the rest from models.dev. A
    // LiteLLM file listing those 4 is not a shrinking source, and the
    // models.dev ones stay.
    let cache = tempfile::tempdir().unwrap();
    let update = |args: &[&str]| {
        let mut cmd = llmcost();
        cmd.env("XDG_CACHE_HOME", cache.path())
            .args(["catalog", "update", "--from"])
            .arg(fixture("litellm_groq_only.json"))
            .args(["--format", "litellm"])
            .args(args);
        cmd
    };
    let out = stdout_of(&mut update(&["--dry-run"]));
    assert!(out.contains("removed (0):"), "{out}");
    update(&[]).assert().success();
    let json = json_of(llmcost().env("XDG_CACHE_HOME", cache.path()).args([
        "cost",
        "groq/llama-3.3-70b-versatile",
        "--in",
        "1M",
        "--json",
    ]));
    // 1M × $0.59 per 1M.
    assert_eq!(json["total"].to_string(), "0.59");
    // The retired models genai-prices keeps survive a LiteLLM update too.
    let json = json_of(llmcost().env("XDG_CACHE_HOME", cache.path()).args([
        "cost",
        "claude-3-opus-20240229",
        "--in",
        "100k",
        "--json",
    ]));
    assert_eq!(json["total"].to_string(), "1.5");
}

#[test]
fn rates_are_imported_faithfully() {
    // Qwen Plus in thinking mode: LiteLLM's tiered_pricing states a
    // reasoning rate per tier. 10k in × $0.40 + 2k out × $1.20 + 8k
    // reasoning × $4 per 1M = $0.004 + $0.0024 + $0.032 = $0.0384 (was
    // $0.016, reasoning billed as output).
    let json = cost_json(&[
        "alibaba/qwen-plus-latest",
        "--in",
        "10k",
        "--out",
        "10k",
        "--reasoning",
        "8k",
    ]);
    assert_eq!(json["total"].to_string(), "0.0384");
    // Above 256k input the tier's own reasoning rate, $12: 300k × $1.20 +
    // 2k × $3.60 + 8k × $12 = $0.36 + $0.0072 + $0.096 = $0.4632.
    let json = cost_json(&[
        "alibaba/qwen-plus-latest",
        "--in",
        "300k",
        "--out",
        "10k",
        "--reasoning",
        "8k",
    ]);
    assert_eq!(json["total"].to_string(), "0.4632");
    // Sonar Deep Research bills searches at $5 per 1,000 and no request
    // fee: 1,000 × $2 + 1,000 × $8 per 1M + 20 × $5 per 1k = $0.002 +
    // $0.008 + $0.10 = $0.11 (was $0.115 with a $5/1k request fee).
    let json = cost_json(&[
        "perplexity/sonar-deep-research",
        "--in",
        "1000",
        "--out",
        "1000",
        "--web-searches",
        "20",
    ]);
    assert_eq!(json["total"].to_string(), "0.11");
}

#[test]
fn a_rounded_rate_is_recognised_as_its_exact_ratio() {
    // o4-mini: flex input $0.55 is half of $1.10, so the flex cache read is
    // half of $0.275, $0.1375; LiteLLM states $0.138.
    let card = json_of(llmcost().args(["show", "openai/o4-mini", "--json"]));
    assert_eq!(
        card["prices_per_million"]["flex_cached_input"].to_string(),
        "0.1375"
    );
    assert!(
        card["filled"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rates"] == "flex_cached_input $0.1375 (stated $0.138)"),
        "{}",
        card["filled"]
    );
    // GPT-5.4's batch cache read: $0.125, not the stated $0.13. 100k
    // cached of 100k input on the batch API: 100k × $0.125 per 1M.
    let json = cost_json(&[
        "openai/gpt-5.4",
        "--in",
        "100k",
        "--cached-in",
        "100k",
        "--batch",
    ]);
    assert_eq!(json["total"].to_string(), "0.0125");
}

#[test]
fn placeholders_and_image_models_stay_out_of_rankings() {
    // FLUX ControlNet's $0.001 per 1M is a stub, and PaddleOCR an OCR
    // model: neither opens a ranking without --all.
    let json = json_of(llmcost().args(["compare", "--in", "1M", "--out", "1M", "--json"]));
    let first: Vec<&str> = json["rows"].as_array().unwrap()[..10]
        .iter()
        .map(|r| r["model"].as_str().unwrap())
        .collect();
    assert!(
        first
            .iter()
            .all(|m| !m.contains("flux") && !m.contains("ocr")),
        "{first:?}"
    );
    let listed = json_of(llmcost().args(["list", "--sort", "price", "--all", "--json"]));
    assert!(
        listed["models"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["id"].as_str().unwrap().contains("flux-1-dev-controlnet")),
        "--all still lists it"
    );
}

#[test]
fn bedrock_openai_bare_ids_bill_the_in_region_rate() {
    // GPT-5.6 Sol on Bedrock: $4 / $20 per 1M through global., $4.40 / $22
    // by the bare id (the in-region rate). 100k + 100k: $0.44 + $2.20 =
    // $2.64 bare, $0.40 + $2.00 = $2.40 global. Claude's bare id stays the
    // base rate.
    let total = |id: &str| cost_json(&[id, "--in", "100k", "--out", "100k"])["total"].to_string();
    assert_eq!(total("bedrock/openai.gpt-5.6-sol"), "2.64");
    assert_eq!(total("global.openai.gpt-5.6-sol"), "2.4");
    assert_eq!(total("bedrock/global.openai.gpt-5.6-sol"), "2.4");
    // 100k × $3 + 100k × $15 = $0.30 + $1.50.
    assert_eq!(total("anthropic.claude-sonnet-4-5-20250929-v1:0"), "1.8");
}
