//! One bill, whatever the door: the same request priced through every
//! door llmcost has must give the same total to the last digit.
//!
//! A seeded generator (cases.rs) draws workloads over the bundled catalog:
//! cached input, cache writes, reasoning, audio, images, web searches,
//! requests, batch, service tiers, regions, times on both sides of dated
//! changes and windows, sizes on both sides of every long-context
//! threshold. The harness (harness.rs) checks every door against `cost
//! --json`: `tally` in each log shape that can carry the workload,
//! `--annotate`, `--normalize` read back, the `sql` view in DuckDB and
//! Spark, `compare`, `budget`, the MCP server and the page calculator.
//! `cargo test` runs a sample (`LLMCOST_DOOR_CASES`, default 120, with a
//! fixed seed); `.ci/run` runs more with the seed of the day, and a failure
//! prints the seed that reproduces it (`LLMCOST_DOOR_SEED`). A door that
//! cannot express a workload (a cache write in an OpenAI usage object) is
//! not asked to; a line a door could not price must be one `cost` could not
//! price either.
//!
//! Also here: the regression tests for the divergences this harness was
//! written to catch, each worked by hand.

mod cases;
mod harness;

use crate::common;

use common::{json_of, llmcost};
use harness::disagreements;
use serde_json::json;

fn seed_and_count() -> (u64, usize) {
    let seed = std::env::var("LLMCOST_DOOR_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_261_205);
    let count = std::env::var("LLMCOST_DOOR_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(120);
    (seed, count)
}

#[test]
fn every_door_prices_the_same_request_the_same() {
    let (seed, count) = seed_and_count();
    let found = disagreements(seed, count, |_| {});
    assert!(
        found.is_empty(),
        "{} disagreements (LLMCOST_DOOR_SEED={seed} LLMCOST_DOOR_CASES={count} reproduces them):\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn the_harness_catches_a_broken_door() {
    // The bug `sql` had: a row of several requests billed as if its totals
    // were per request. Read back that way, the harness must object.
    let found = disagreements(7, 40, |row| {
        let requests = row["requests"].as_u64().unwrap_or(1);
        if requests > 1 {
            for key in ["input_tokens", "output_tokens", "cached_input_tokens"] {
                if let Some(n) = row[key].as_u64() {
                    row[key] = json!(n * requests);
                }
            }
        }
    });
    assert!(
        found.iter().any(|f| f.contains("--normalize read back")),
        "a broken door went unseen"
    );
}

#[test]
fn a_hosted_models_flat_record_reads_back_at_its_own_provider() {
    // DeepInfra's anthropic/claude-sonnet-4-6 states no cache-read price,
    // so 10k in (8k of it cached) + 2k out is 10k × $3 + 2k × $15 = $0.03 +
    // $0.03 = $0.06 there, where Anthropic's own API bills 2k × $3 + 8k ×
    // $0.30 + 2k × $15 = $0.006 + $0.0024 + $0.03 = $0.0384, which the line
    // was priced at. Novita's nvidia/nemotron-3-nano-30b-a3b was unknown.
    let lines = [
        r#"{"model":"anthropic/claude-sonnet-4-6","provider":"deepinfra","input_tokens":10000,"cached_input_tokens":8000,"output_tokens":2000}"#,
        r#"{"model":"nvidia/nemotron-3-nano-30b-a3b","provider":"novita","input_tokens":10000,"output_tokens":2000}"#,
    ];
    let json = common::tally_bundled(&lines, &["--by", "model"]);
    let group = |name: &str| {
        json["groups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["group"] == name)
            .unwrap_or_else(|| panic!("no {name} in {json}"))["cost"]
            .to_string()
    };
    let cost = |id: &str, cached: &str| {
        json_of(llmcost().args([
            "cost",
            id,
            "--in",
            "10k",
            "--cached-in",
            cached,
            "--out",
            "2k",
            "--json",
        ]))["total"]
            .to_string()
    };
    assert_eq!(group("deepinfra/anthropic/claude-sonnet-4-6"), "0.06");
    assert_eq!(
        group("deepinfra/anthropic/claude-sonnet-4-6"),
        cost("deepinfra/anthropic/claude-sonnet-4-6", "8k")
    );
    assert_eq!(cost("anthropic/claude-sonnet-4-6", "8k"), "0.0384");
    assert_eq!(
        group("novita/nvidia/nemotron-3-nano-30b-a3b"),
        cost("novita/nvidia/nemotron-3-nano-30b-a3b", "0")
    );
    assert_eq!(json["unknown"]["count"], 0);
}

#[test]
fn a_line_naming_its_provider_is_never_billed_at_another_hosts_copy() {
    // Anthropic's API has no claude-4-opus; DeepInfra's copy has the id
    // anthropic/claude-4-opus ($16.50 in), which a line naming Anthropic
    // was billed at. Within Anthropic the name is Opus 4 (genai-prices
    // names the prefix): 1M in = $15, as `cost claude-4-opus --provider
    // anthropic` says. Named without a provider it is DeepInfra's, as in
    // `cost`. claude-opus-4 is Opus 4 too: Opus 4's group is 2 × $15.
    // DeepSeek's API has no deepseek-v3.1 (Novita's copy was billed):
    // unknown. claude-sonnet-4.5, as Copilot and OpenRouter write it, is
    // Anthropic's claude-sonnet-4-5 with or without the provider, not
    // OpenRouter's copy: 300k in (100k read, 50k written) + 10k out at the
    // long-context rates = 150k × $6 + 100k × $0.60 + 50k × $7.50 + 10k ×
    // $22.50 = $0.90 + $0.06 + $0.375 + $0.225 = $1.56 (OpenRouter's copy
    // writes the cache at $3.75: $1.3725), plus 1k + 100 out at $3 and
    // $15 = $0.0045.
    let lines = [
        r#"{"model":"claude-4-opus","provider":"anthropic","input_tokens":1000000,"output_tokens":0}"#,
        r#"{"model":"deepseek-v3.1","provider":"deepseek","input_tokens":1000000,"output_tokens":0}"#,
        r#"{"model":"claude-opus-4","provider":"anthropic","input_tokens":1000000,"output_tokens":0}"#,
        r#"{"model":"claude-4-opus","input_tokens":1000000,"output_tokens":0}"#,
        r#"{"model":"claude-sonnet-4.5","input_tokens":300000,"cached_input_tokens":100000,"cache_write_tokens":50000,"output_tokens":10000}"#,
        r#"{"model":"claude-sonnet-4.5","provider":"anthropic","input_tokens":1000,"output_tokens":100}"#,
    ];
    let json = common::tally_bundled(&lines, &["--by", "model"]);
    let groups = common::group_costs(&json);
    let expected = [
        ("anthropic/claude-opus-4-0", "30"),
        ("deepinfra/anthropic/claude-4-opus", "16.5"),
        ("anthropic/claude-sonnet-4-5", "1.5645"),
    ];
    assert_eq!(
        groups,
        expected.map(|(g, c)| (g.to_string(), c.to_string())),
        "{json}"
    );
    let unknown: Vec<&str> = json["unknown_models"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["name"].as_str().unwrap())
        .collect();
    assert_eq!(unknown, ["deepseek-v3.1"], "{json}");
    // `cost` reads the dotted version as tally does.
    let cost = json_of(llmcost().args([
        "cost",
        "claude-sonnet-4.5",
        "--in",
        "300k",
        "--cached-in",
        "100k",
        "--cache-write",
        "50k",
        "--out",
        "10k",
        "--json",
    ]));
    assert_eq!(cost["provider"], "anthropic");
    assert_eq!(cost["total"].to_string(), "1.56");
    // The seed's model as OpenRouter's slug ends: Mistral's own, $0.35 +
    // $0.56 for 1M in and 1M out (it was "served by several providers").
    let seed = json_of(llmcost().args([
        "cost",
        "mistral-small-3.1-24b-instruct",
        "--in",
        "1M",
        "--out",
        "1M",
        "--json",
    ]));
    assert_eq!(seed["provider"], "mistral");
    assert_eq!(seed["total"].to_string(), "0.91");
    // Mistral lists a DeepSeek model under a dashed id of its own: the
    // dotted name, whose copies are DeepSeek's (deepseek-ai/…), is not it.
    llmcost()
        .args(["cost", "DeepSeek-V4.1-Flash-1017", "--in", "1k"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("served by several providers"));
}

#[test]
fn compare_and_related_price_a_bedrock_profile_at_its_regions_rates() {
    // The us. profile bills 1.1× the base rates: 100k × $3.30 + 10k ×
    // $16.50 = $0.33 + $0.165 = $0.495, as `cost` says; the rate columns
    // show $3.30 and $16.50.
    let profile = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
    let cost = json_of(llmcost().args(["cost", profile, "--in", "100k", "--out", "10k", "--json"]));
    assert_eq!(cost["total"].to_string(), "0.495");
    let json =
        json_of(llmcost().args(["compare", profile, "--in", "100k", "--out", "10k", "--json"]));
    let row = &json["rows"][0];
    assert_eq!(row["total"].to_string(), "0.495");
    assert_eq!(row["input_per_million"].to_string(), "3.3");
    assert_eq!(row["output_per_million"].to_string(), "16.5");
    // related's reference: 1M in + 1M out at $3.30 / $16.50 = $19.80 (the
    // same at 200 requests of 10,000 tokens: below the 200k tier).
    let related = json_of(llmcost().args(["related", profile, "--json"]));
    assert_eq!(related["reference_total"].to_string(), "19.8");
}

#[test]
fn budget_and_examples_price_requests_a_model_can_take() {
    // Gemini 2.5 Pro, $1.25 in / $10 out per 1M (above 200k input per
    // request $2.50 / $15). Without --in/--out the budget buys tokens as
    // requests of 10,000 tokens, at base rates: 8,888,888 in + 8,888,889
    // out cost 8,888,888 × $1.25 + 8,888,889 × $10 per 1M = $11.11111 +
    // $88.88889 = $100.00000, and one token more is over.
    let json =
        json_of(llmcost().args(["budget", "google/gemini-2.5-pro", "--usd", "100", "--json"]));
    assert_eq!(json["assumed_request_tokens"], 10_000);
    assert_eq!(json["input_tokens"], 8_888_888);
    assert_eq!(json["output_tokens"], 8_888_889);
    assert_eq!(json["spent"].to_string(), "100");
    // show's example: 500k in + 500k out as 100 requests of 10,000 tokens:
    // 500k × $1.25 + 500k × $10 = $0.625 + $5 = $5.625 (not $8.75, one
    // request of a million tokens at the long-context rates).
    let card = json_of(llmcost().args(["show", "google/gemini-2.5-pro", "--json"]));
    let fifty = card["examples"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["label"].as_str().unwrap().starts_with("50/50"))
        .unwrap()
        .clone();
    assert_eq!(fifty["total"].to_string(), "5.625");
    assert_eq!(fifty["requests"], 100);
}

#[test]
fn a_realtime_response_done_bills_its_audio() {
    // gpt-audio: text $2.50 in / $10 out, audio $32 in / $64 out per 1M.
    // 200 text + 800 audio in, 100 text + 400 audio out:
    // 200 × 2.5 + 800 × 32 + 100 × 10 + 400 × 64 = 0.0005 + 0.0256 +
    // 0.001 + 0.0256 = $0.0527 (billed as text it was $0.0075).
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("realtime.jsonl");
    let event = json!({"type": "response.done", "event_id": "event_3", "response": {
        "object": "realtime.response", "id": "resp_1", "status": "completed", "model": "gpt-audio",
        "usage": {"total_tokens": 1500, "input_tokens": 1000, "output_tokens": 500,
            "input_token_details": {"text_tokens": 200, "audio_tokens": 800, "image_tokens": 0,
                "cached_tokens": 0, "cached_tokens_details": {"text_tokens": 0, "audio_tokens": 0}},
            "output_token_details": {"text_tokens": 100, "audio_tokens": 400}}}});
    std::fs::write(&log, format!("{event}\n")).unwrap();
    let json = json_of(llmcost().arg("tally").arg(&log).arg("--json"));
    assert_eq!(json["total"].to_string(), "0.0527");
    assert_eq!(json["shapes"]["openai-realtime"], 1);
    let cost = json_of(llmcost().args([
        "cost",
        "gpt-audio",
        "--in",
        "1000",
        "--audio-in",
        "800",
        "--out",
        "500",
        "--audio-out",
        "400",
        "--json",
    ]));
    assert_eq!(cost["total"].to_string(), "0.0527");
}

#[test]
fn a_line_needing_a_rate_the_catalog_lacks_is_unpriced_and_the_rest_priced() {
    // Fireworks' qwen2p5-72b has no web search price and Bedrock's Nova
    // Micro takes no images: `cost` refuses both, and so each line is
    // unpriced here, named, while the report goes on (it used to stop the
    // whole tally, or bill the images as text). gpt-4o-mini, 100 in and
    // 10 out: 100 × $0.15 + 10 × $0.60 per 1M = $0.000015 + $0.000006 =
    // $0.000021, a lower bound of the log's cost.
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("log.jsonl");
    std::fs::write(
        &log,
        concat!(
            r#"{"model":"accounts/fireworks/models/qwen2p5-72b","provider":"fireworks","input_tokens":100,"output_tokens":10,"web_searches":2}"#,
            "\n",
            r#"{"model":"gpt-4o-mini","input_tokens":100,"output_tokens":10}"#,
            "\n",
            r#"{"model":"amazon.nova-micro-v1:0","provider":"bedrock","input_tokens":100,"image_input_tokens":50,"output_tokens":10}"#,
            "\n",
        ),
    )
    .unwrap();
    let json = json_of(llmcost().arg("tally").arg(&log).arg("--json"));
    assert_eq!(json["total"].to_string(), "0.000021");
    assert_eq!(json["priced"], 1);
    assert_eq!(json["unpriced_lines"], 2);
    assert_eq!(json["total_is_lower_bound"], true);
    assert_eq!(
        json["unpriced"],
        json!([
            {"model": "bedrock/amazon.nova-micro-v1:0", "lines": 1,
             "why": "bedrock/amazon.nova-micro-v1:0 does not take image input (its input: text)"},
            {"model": "fireworks/accounts/fireworks/models/qwen2p5-72b", "lines": 1,
             "why": "the catalog has no web search price for this model, so its cost is unknown"},
        ])
    );
    // Each line says so in --annotate, and a budget gate fails (exit 3).
    let annotated = common::stdout_of(llmcost().arg("tally").arg(&log).arg("--annotate"));
    let statuses: Vec<String> = annotated
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["cost"]["status"].to_string()
        })
        .collect();
    assert_eq!(statuses, [r#""unpriced""#, r#""priced""#, r#""unpriced""#]);
    llmcost()
        .arg("tally")
        .arg(&log)
        .args(["--fail-over", "1"])
        .assert()
        .code(3);
}

#[test]
fn the_page_calculator_bills_the_request_fee_and_the_ids_region() {
    // Sonar Reasoning Pro charges $6 per 1k requests (low search context):
    // $0.006 per request, as `cost` adds. Bedrock's bare openai.gpt-5.6-sol
    // is billed in the us region, 1.1 × $4 = $4.40 in, 1.1 × $20 = $22 out.
    let page = |model: &str| json_of(llmcost().args(["page", model, "--format", "json"]));
    let sonar = page("perplexity/sonar-reasoning-pro");
    assert_eq!(sonar["calculator"][0]["per_request"].to_string(), "0.006");
    let sol = page("bedrock/openai.gpt-5.6-sol");
    assert_eq!(sol["calculator"][0]["input"].to_string(), "4.4");
    assert_eq!(sol["calculator"][0]["output"].to_string(), "22");
    // 1k in + 1k out on the bare id: 1k × $4.40 + 1k × $22 per 1M =
    // $0.0044 + $0.022 = $0.0264.
    let cost = json_of(llmcost().args([
        "cost",
        "bedrock/openai.gpt-5.6-sol",
        "--in",
        "1k",
        "--out",
        "1k",
        "--json",
    ]));
    assert_eq!(cost["total"].to_string(), "0.0264");
}

#[test]
fn a_usage_reports_context_window_picks_the_tier_in_tally_and_duckdb() {
    // Anthropic's usage report states each row's context window. Claude
    // Haiku 5.5: $0.10 / $0.50 per 1M, above 100k input $0.50 / $2.50.
    // A day in "0-200k": 1M × $0.10 + 100k × $0.50 = $0.10 + $0.05 = $0.15
    // (it was $0.75, the whole day as one request at long-context rates).
    // A day in "200k-1M": 300k × $0.50 + 1k × $2.50 = $0.15 + $0.0025 =
    // $0.1525. Together $0.3025.
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("usage_report.csv");
    std::fs::write(
        &report,
        "starting_at,ending_at,model,service_tier,context_window,uncached_input_tokens,cache_read_input_tokens,output_tokens\n\
         2026-11-20T00:00:00Z,2026-11-21T00:00:00Z,claude-haiku-5-5,standard,0-200k,1000000,0,100000\n\
         2026-11-21T00:00:00Z,2026-11-22T00:00:00Z,claude-haiku-5-5,standard,200k-1M,300000,0,1000\n",
    )
    .unwrap();
    let json = json_of(llmcost().arg("tally").arg(&report).arg("--json"));
    assert_eq!(json["total"].to_string(), "0.3025");
    // The normalized rows keep the window, so they read back the same.
    let rows = common::stdout_of(llmcost().arg("tally").arg(&report).arg("--normalize"));
    let back = dir.path().join("rows.jsonl");
    std::fs::write(&back, rows).unwrap();
    let again = json_of(llmcost().arg("tally").arg(&back).arg("--json"));
    assert_eq!(again["total"].to_string(), "0.3025");
    if let Some(python) = crate::sql::engine_python("duckdb") {
        let (total, nulls) = crate::sql::duckdb_prices(&python, &report, None);
        assert_eq!(total, "0.3025");
        assert_eq!(nulls, 0);
    }
}
