//! `llmcost show`: the model card, with every fact of the seed page.

use crate::common;

use common::{json_of, llmcost, llmcost_fixture, stdout_of};
use predicates::prelude::*;

#[test]
fn seed_card_shows_every_fact_of_the_seed_page() {
    let out = stdout_of(llmcost().args(["show", "mistral-small-3-1-24b-instruct"]));
    for fact in [
        "Mistral Small 3.1 24B — by Mistral",
        "Provider      Mistral (mistral)",
        "API id        mistral-small-3-1-24b-instruct",
        "Slug          mistralai/mistral-small-3-1-24b-instruct",
        "Context       128k tokens (128,000) ≈ 256 pages at 500 tokens/page, ≈ 16,000 lines of code at 8 tokens/line",
        "Availability  API-only (weights not published)",
        "Vision          yes",
        "Tool calling    no",
        "JSON mode       no",
        "Input     $0.35",
        "Output    $0.56",
        "Tier      standard",
        "Currency  USD",
        "As of     2026-05-08 17:08 UTC",
        "History   tracking since 2026-05-08; no change yet",
        "Base URL  https://api.mistral.ai/v1",
        "API key   $MISTRAL_API_KEY",
        "Docs      https://docs.mistral.ai/api/",
        "1M input + 1M output (200 requests of 10,000 tokens)         $0.91",
        "50/50 workload of 1M tokens (100 requests of 10,000 tokens)  $0.455",
    ] {
        assert!(out.contains(fact), "missing {fact:?} in:\n{out}");
    }
}

#[test]
fn seed_card_as_json() {
    let json =
        json_of(llmcost().args(["show", "mistralai/mistral-small-3-1-24b-instruct", "--json"]));
    assert_eq!(json["id"], "mistral-small-3-1-24b-instruct");
    assert_eq!(json["provider"], "mistral");
    assert_eq!(json["slug"], "mistralai/mistral-small-3-1-24b-instruct");
    assert_eq!(json["context_window"], 128_000);
    assert_eq!(json["context_pages"], 256);
    assert_eq!(json["context_lines_of_code"], 16_000);
    assert_eq!(json["capabilities"]["vision"], true);
    assert_eq!(json["capabilities"]["tools"], false);
    assert_eq!(json["capabilities"]["json"], false);
    assert_eq!(json["availability"], "api-only");
    assert_eq!(json["tier"], "standard");
    assert_eq!(json["currency"], "USD");
    assert_eq!(json["as_of"], "2026-05-08T17:08:00Z");
    assert_eq!(json["prices_per_million"]["input"].to_string(), "0.35");
    assert_eq!(json["prices_per_million"]["output"].to_string(), "0.56");
    assert_eq!(
        json["prices_per_million"]["cached_input"],
        serde_json::Value::Null
    );
    assert_eq!(json["api"]["docs_url"], "https://docs.mistral.ai/api/");
    assert_eq!(json["history"]["tracking_since"], "2026-05-08");
    assert_eq!(json["examples"][0]["total"].to_string(), "0.91");
    assert_eq!(json["examples"][1]["total"].to_string(), "0.455");
}

#[test]
fn missing_facts_say_unknown() {
    let out = stdout_of(llmcost_fixture().args(["show", "mistral-draft"]));
    for fact in [
        "Context       unknown",
        "Availability  unknown",
        "Vision          unknown",
        "Output    unknown",
        "Tier      unknown",
        "1M input + 1M output (200 requests of 10,000 tokens)         unknown",
    ] {
        assert!(out.contains(fact), "missing {fact:?} in:\n{out}");
    }
}

#[test]
fn derived_tier_and_extra_prices() {
    let json = json_of(llmcost_fixture().args(["show", "gemini-2.5-pro", "--json"]));
    assert_eq!(json["tier"], "premium");
    assert_eq!(json["tier_source"], "derived");
    assert_eq!(
        json["prices_per_million"]["long_context"]["threshold"],
        200_000
    );
    assert_eq!(
        json["prices_per_million"]["long_context"]["input"].to_string(),
        "2.5"
    );
    let out = stdout_of(llmcost_fixture().args(["show", "gemini-2.5-pro"]));
    assert!(
        out.contains("Above 200k input  $2.50 in, $15.00 out"),
        "{out}"
    );
}

#[test]
fn windows_read_one_way_in_decimal_units() {
    // Gemini 2.5 Pro's 1,048,576 is not "1M": 1.05M, with the exact count beside it;
    // 1,048,576 ÷ 500 = 2,097 pages and ÷ 8 = 131,072 lines, with separators.
    let out = stdout_of(llmcost().args(["show", "gemini-2.5-pro"]));
    assert!(
        out.contains("Context       1.05M tokens (1,048,576) ≈ 2,097 pages at 500 tokens/page, ≈ 131,072 lines of code at 8 tokens/line"),
        "{out}"
    );
    let json = common::json_of(llmcost().args(["show", "gemini-2.5-pro", "--json"]));
    assert_eq!(json["context_window"], 1_048_576);
}

#[test]
fn every_price_shows_its_witnesses() {
    // gpt-4o: $2.50 / $10 in LiteLLM, models.dev, genai-prices and OpenRouter alike.
    let out = stdout_of(llmcost().args(["show", "openai/gpt-4o"]));
    assert!(
        out.contains(
            "Checked against\n  litellm       $2.50 in, $10.00 out ✓; retires 2027-01-14\n  models.dev    $2.50 in, $10.00 out ✓\n  genai-prices  $2.50 in, $10.00 out ✓\n  openrouter    $2.50 in, $10.00 out ✓\n  Confidence    confirmed\n  Chosen by     litellm\n"
        ),
        "{out}"
    );
    // Each source's word on retirement, and whose day the card gives:
    // LiteLLM retires Cerebras' Llama 3.3 70B on 2026-02-16, genai-prices
    // marks it deprecated without a day.
    let out = stdout_of(llmcost().args(["show", "cerebras/llama-3.3-70b"]));
    assert!(
        out.contains("  Retires   2026-02-16 (per litellm)\n"),
        "{out}"
    );
    assert!(out.contains("✓; marked deprecated\n"), "{out}");
    // The seed model's facts are the seed page's alone.
    let json = json_of(llmcost().args(["show", "mistral-small-3-1-24b-instruct", "--json"]));
    assert_eq!(json["confidence"], "single-source");
    assert_eq!(
        json["checked_against"][0]["agrees"],
        serde_json::Value::Null
    );
    // open-mistral-nemo: LiteLLM's stale $0.30 loses to a curated patch that
    // two sources back, and the dispute is said wherever the price is used:
    // 1M × $0.15 / 1M = $0.15.
    llmcost()
        .args(["cost", "open-mistral-nemo", "--in", "1M"])
        .assert()
        .success()
        .stdout(predicates::str::contains("$0.15"))
        .stderr(predicates::str::contains(
            "mistral/open-mistral-nemo's prices are disputed: litellm $0.3/$0.3, models.dev $0.15/$0.15, genai-prices $0.15/$0.15 per 1M in/out (priced at $0.15/$0.15, chosen by overlay;",
        ));
    let check = json_of(llmcost().args(["catalog", "check", "--json"]));
    let disputed = check["disputed"].as_array().unwrap();
    assert!(disputed.iter().any(|d| d["model"] == "open-mistral-nemo"));
    let all = json_of(llmcost().args(["list", "--all", "--snapshots", "--json"]));
    assert_eq!(
        check["confirmed"].as_u64().unwrap()
            + check["single_source"].as_u64().unwrap()
            + disputed.len() as u64,
        all["count"].as_u64().unwrap()
    );
}

#[test]
fn csv_carries_plain_numbers_in_field_blocks() {
    // budget and show as CSV: money and counts as plain numbers, as
    // docs/output.md promises, never "$0.0125" or "800,000". $1 on
    // gpt-4o-mini ($0.15 / $0.60) at 10k-token requests buys 1,333,334 in
    // + 1,333,333 out: $0.2000001 + $0.7999998 = $0.9999999.
    let budget =
        stdout_of(llmcost().args(["budget", "gpt-4o-mini", "--usd", "1", "--format", "csv"]));
    let value = |csv: &str, field: &str| {
        csv::Reader::from_reader(csv.as_bytes())
            .records()
            .map(Result::unwrap)
            .find(|record| &record[1] == field)
            .map_or_else(
                || panic!("no {field} in {csv}"),
                |record| record[2].to_string(),
            )
    };
    assert_eq!(value(&budget, "Input tokens"), "1333334");
    assert_eq!(value(&budget, "Spent"), "0.9999999");
    assert_eq!(value(&budget, "Assumed request"), "10000");
    let show = stdout_of(llmcost().args(["show", "gpt-4o-mini", "--format", "csv"]));
    assert_eq!(value(&show, "Input"), "0.15");
    assert_eq!(value(&show, "Context"), "128000");
    assert_eq!(value(&show, "Max output"), "16384");
    // A fee's unit is in its label, so its plain amount keeps it.
    assert_eq!(value(&show, "Web search, per 1k web searches"), "10");
}

/// The rate check of `rate` in `show MODEL --json`.
fn rate_check(model: &str, rate: &str) -> serde_json::Value {
    let json = json_of(llmcost().args(["show", model, "--json"]));
    json["rate_checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["rate"] == rate)
        .unwrap_or_else(|| panic!("no check of {rate} in {json}"))
        .clone()
}

/// What `source` states in a rate check, and its verdict.
fn said(check: &serde_json::Value, source: &str) -> (String, serde_json::Value) {
    let word = check["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["source"] == source)
        .unwrap();
    (word["value"].to_string(), word["agrees"].clone())
}

#[test]
fn every_rate_is_checked_against_every_other_source() {
    // Claude Sonnet 4.5's long-context tier, filled from genai-prices: it
    // states the same threshold and $6 input above it.
    let tier = rate_check("claude-sonnet-4-5", "long_context.input");
    assert_eq!(tier["threshold"], 200_000);
    assert_eq!(tier["ours"].to_string(), "6");
    assert_eq!(said(&tier, "genai-prices"), ("6".into(), true.into()));
    assert_eq!(tier["confidence"], "confirmed");
    // gpt-4o-mini's web search: $10 per 1k searches, the web_search tool's
    // (an overlay patch, genai-prices agreeing); LiteLLM states the preview
    // tool's $25, so it is disputed; models.dev states none. Input and
    // output agree.
    let search = rate_check("gpt-4o-mini", "web_search");
    assert_eq!(said(&search, "genai-prices"), ("10".into(), true.into()));
    assert_eq!(said(&search, "litellm"), ("25".into(), false.into()));
    assert_eq!(
        said(&search, "models.dev"),
        ("null".into(), serde_json::Value::Null)
    );
    assert_eq!(search["confidence"], "disputed");
    assert_eq!(
        rate_check("gpt-4o-mini", "input")["confidence"],
        "confirmed"
    );
    // A model is disputed when any rate is; the card says which.
    let card = stdout_of(llmcost().args(["show", "gpt-4o-mini"]));
    assert!(
        card.contains("web_search             $10.00: litellm $25.00 ✗, models.dev –, genai-prices $10.00 ✓, openrouter – (disputed)"),
        "{card}"
    );
    // Rounding: models.dev writes Azure GPT-5's $0.125 cache reads as
    // $0.13 (0.125 rounded to two places, 4% off): it agrees. GPT-5 mini's
    // $0.025 written $0.03 is 20% off: it does not.
    let rounded = rate_check("azure/gpt-5", "cached_input");
    assert_eq!(said(&rounded, "models.dev"), ("0.13".into(), true.into()));
    let apart = rate_check("azure/gpt-5-mini", "cached_input");
    assert_eq!(said(&apart, "models.dev"), ("0.03".into(), false.into()));
    // A Bedrock OpenAI model's bare id is billed in-region (+10%): genai-
    // prices' $4.40 for GPT-5.6 Sol is the $4 rate as billed.
    let bare = rate_check("bedrock/openai.gpt-5.6-sol", "input");
    assert_eq!(said(&bare, "genai-prices"), ("4.4".into(), true.into()));
}

#[test]
fn a_disputed_rate_is_noted_only_when_the_bill_uses_it() {
    // gpt-4o-mini: input and output are confirmed; only web search is
    // disputed, so the note comes with searches.
    llmcost()
        .args(["cost", "gpt-4o-mini", "--in", "1k", "--out", "1k"])
        .assert()
        .success()
        .stderr(predicate::str::contains("disputed").not());
    llmcost()
        .args([
            "cost",
            "gpt-4o-mini",
            "--in",
            "1k",
            "--out",
            "1k",
            "--web-searches",
            "1",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "openai/gpt-4o-mini's rates are disputed: web_search 10 (litellm 25)",
        ));
    // catalog check counts the disputed models per rate.
    let check = json_of(llmcost().args(["catalog", "check", "--json"]));
    assert_eq!(check["disputed_per_rate"]["web_search"], 6);
}
