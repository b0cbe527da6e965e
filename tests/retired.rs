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
