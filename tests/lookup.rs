//! Model lookup: ids, slugs, aliases, providers and suggestions.

use crate::common;

use common::{json_of, llmcost, llmcost_fixture};
use predicates::prelude::*;

#[test]
fn finds_by_id_slug_and_alias_case_insensitively() {
    for name in [
        "mistral-small-3-1-24b-instruct",
        "MISTRAL-Small-3-1-24B-Instruct",
        "mistralai/mistral-small-3-1-24b-instruct",
        "mistral-small-3.1",
        "mistral/mistral-small-3-1-24b-instruct",
    ] {
        let json = json_of(llmcost_fixture().args(["show", name, "--json"]));
        assert_eq!(json["id"], "mistral-small-3-1-24b-instruct", "{name}");
    }
}

#[test]
fn several_offers_resolve_to_the_makers_own_api_with_a_note_where_prices_differ() {
    // The fixture's azure/gpt-4o is priced apart from OpenAI's own: the note
    // names it. 1M in at OpenAI's $2.50 is $2.50.
    let mut cmd = llmcost_fixture();
    cmd.args(["cost", "gpt-4o", "--in", "1M", "--out", "0", "--json"]);
    cmd.assert()
        .success()
        .stderr("llmcost: note: 'gpt-4o' resolved to gpt-4o (OpenAI's own API); also offered at other prices as azure/gpt-4o. Use provider/id or --provider to pick another\n");
    let json = json_of(&mut cmd);
    assert_eq!(json["provider"], "openai");
    assert_eq!(json["total"].to_string(), "2.5");
    // The bundled azure/gpt-4o-mini is at OpenAI's own $0.15 / $0.60: the
    // choice changes nothing, so the lookup says nothing.
    llmcost()
        .args(["cost", "gpt-4o-mini", "--in", "1M", "--out", "0"])
        .assert()
        .success()
        .stderr(predicate::str::contains("resolved to").not());
    // --quiet (and LLMCOST_QUIET=1) says nothing on stderr; the report is
    // the same.
    let mut cmd = llmcost_fixture();
    cmd.args([
        "cost", "gpt-4o", "--in", "1M", "--out", "0", "--json", "--quiet",
    ]);
    cmd.assert().success().stderr("");
    assert_eq!(json_of(&mut cmd)["total"].to_string(), "2.5");
    llmcost_fixture()
        .env("LLMCOST_QUIET", "1")
        .args(["cost", "gpt-4o", "--in", "1M", "--out", "0"])
        .assert()
        .success()
        .stderr("");
}

#[test]
fn provider_prefix_or_flag_picks_another_offer() {
    let json = json_of(llmcost_fixture().args([
        "cost",
        "azure/gpt-4o",
        "--in",
        "1M",
        "--out",
        "0",
        "--json",
    ]));
    assert_eq!(json["provider"], "azure");
    assert_eq!(json["total"].to_string(), "2.75");
    let json = json_of(llmcost_fixture().args([
        "cost",
        "gpt-4o",
        "--provider",
        "AZURE",
        "--in",
        "1M",
        "--out",
        "0",
        "--json",
    ]));
    assert_eq!(json["provider"], "azure");
}

#[test]
fn no_makers_offer_lists_the_choices() {
    llmcost_fixture()
        .args(["show", "llama-3.3-70b"])
        .assert()
        .code(1)
        .stderr("llmcost: error: 'llama-3.3-70b' is served by several providers: groq/llama-3.3-70b, together/llama-3.3-70b; pick one with provider/id or --provider\n");
    let json = json_of(llmcost_fixture().args(["show", "groq/llama-3.3-70b", "--json"]));
    assert_eq!(json["provider"], "groq");
}

#[test]
fn unknown_model_suggests_up_to_three() {
    llmcost_fixture()
        .args(["show", "gpt-4-o"])
        .assert()
        .code(1)
        .stderr("llmcost: error: unknown model 'gpt-4-o'; did you mean gpt-4o, gpt-4o-mini? (`llmcost list` shows every model)\n");
    llmcost()
        .args(["cost", "mistral-smal-3-1-24b-instruct", "--in", "1"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "did you mean mistral-small-3-1-24b-instruct",
        ));
    llmcost_fixture()
        .args(["show", "zzzzzz"])
        .assert()
        .code(1)
        .stderr("llmcost: error: unknown model 'zzzzzz' (`llmcost list` shows every model)\n");
}

#[test]
fn unknown_provider_lists_the_known_ones() {
    llmcost_fixture()
        .args(["show", "gpt-4o", "--provider", "nope"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "unknown provider 'nope' (known providers: openai, azure, anthropic, google, mistral, groq, together, bedrock)",
        ));
}

#[test]
fn bundled_catalog_resolves_well_known_ids_to_their_makers() {
    for (name, provider) in [
        ("gpt-4o", "openai"),
        ("gemini-2.5-flash", "google"),
        ("claude-haiku-4-5", "anthropic"),
    ] {
        let json = json_of(llmcost().args(["show", name, "--json"]));
        assert_eq!(json["provider"], provider, "{name}");
    }
}

#[test]
fn did_you_mean_ranks_as_search_does() {
    // The bundled catalog has no model named exactly "llama 3.3": the
    // suggestions are search's first three results, in its order.
    let search = common::json_of(llmcost().args(["search", "llama 3.3", "--limit", "3", "--json"]));
    let firsts: Vec<&str> = search["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["model"].as_str().unwrap())
        .collect();
    assert_eq!(firsts[0], "llama-3.3-70b");
    llmcost()
        .args(["cost", "llama 3.3", "--in", "1"])
        .assert()
        .code(1)
        .stderr(format!(
            "llmcost: error: unknown model 'llama 3.3'; did you mean {}? (`llmcost list` shows every model)\n",
            firsts.join(", ")
        ));
}

#[test]
fn ids_as_logs_and_sdks_write_them() {
    let cases = [
        // (as written, provider/id it resolves to, how the note reads it)
        (
            "models/gemini-2.5-pro",
            "google/gemini-2.5-pro",
            "the Gemini API's resource name",
        ),
        (
            "claude-opus-4-6@20260205",
            "anthropic/claude-opus-4-6-20260205",
            "Vertex AI's model@version",
        ),
        // Vertex's own id of a model the catalog lists on Vertex is that offer.
        (
            "claude-sonnet-4-5@20250929",
            "vertex/claude-sonnet-4-5@20250929",
            "",
        ),
        (
            "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
            "bedrock/anthropic.claude-sonnet-4-5-20250929-v1:0",
            "a Bedrock inference profile of the base model",
        ),
        (
            "gpt-4o-mini-20240718",
            "openai/gpt-4o-mini",
            "a dated snapshot the catalog lacks",
        ),
        (
            "gpt-4o-2099-01-01",
            "openai/gpt-4o",
            "a dated snapshot the catalog lacks",
        ),
        // LiteLLM's model names, as its configs and spend logs write them.
        (
            "gemini/gemini-2.5-flash",
            "google/gemini-2.5-flash",
            "LiteLLM's name for the provider",
        ),
        (
            "vertex_ai/meta/llama-4-scout-17b-16e-instruct-maas",
            "vertex/meta/llama-4-scout-17b-16e-instruct-maas",
            "LiteLLM's name for the provider",
        ),
        (
            "dashscope/qwen-max",
            "alibaba/qwen-max",
            "LiteLLM's name for the provider",
        ),
    ];
    for (written, expected, why) in cases {
        let output = llmcost()
            .args(["cost", written, "--in", "1k", "--json"])
            .output()
            .unwrap();
        assert!(output.status.success(), "{written}");
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(
            format!(
                "{}/{}",
                json["provider"].as_str().unwrap(),
                json["model"].as_str().unwrap()
            ),
            expected,
            "{written}"
        );
        let stderr = String::from_utf8_lossy(&output.stderr);
        let respelled = stderr.contains(&format!("'{written}' read as"));
        if why.is_empty() {
            assert!(!respelled, "{stderr}");
        } else {
            assert!(respelled && stderr.contains(why), "{stderr}");
        }
    }
    // A suffix that is not a calendar date is no snapshot: unknown.
    llmcost()
        .args(["cost", "gpt-4o-2024-13-45", "--in", "1k"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "unknown model 'gpt-4o-2024-13-45'",
        ));
    // A dated snapshot the catalog has is itself, with no note about reading.
    llmcost()
        .args(["cost", "gpt-4o-mini-2024-07-18", "--in", "1k"])
        .assert()
        .success()
        .stderr(predicate::str::contains("read as").not());
    // The same spellings work in a log: gemini-2.5-pro's 1,000 × $1.25 / 1M = $0.00125.
    let json = common::json_of(llmcost().args(["tally", "-", "--json"]).write_stdin(
        "{\"model\": \"models/gemini-2.5-pro\", \"input_tokens\": 1000, \"output_tokens\": 0}\n",
    ));
    assert_eq!(json["total"].to_string(), "0.00125");
}

#[test]
fn vertex_partner_models_are_one_model_with_their_other_offers() {
    // Llama 4 Scout on Vertex (LiteLLM: $0.25 in, $0.70 out per 1M):
    // 1M + 1M = $0.95; `related` lists the same model at other providers
    // first, Vertex's `-maas` suffix undone.
    let json = json_of(llmcost().args([
        "cost",
        "vertex/meta/llama-4-scout-17b-16e-instruct-maas",
        "--in",
        "1M",
        "--out",
        "1M",
        "--json",
    ]));
    assert_eq!(json["total"].to_string(), "0.95");
    let related = json_of(llmcost().args([
        "related",
        "vertex/meta/llama-4-scout-17b-16e-instruct-maas",
        "--json",
    ]));
    let first = &related["related"][0];
    assert_eq!(first["relation"], "same_model", "{first}");
}

#[test]
fn suggestions_keep_the_profile_region_and_the_provider() {
    // A misspelt Bedrock profile is answered with Bedrock's ids as
    // profiles of the same region, and `provider/…` with that provider's
    // ids, each as it must be written to resolve.
    let suggested = |model: &str| {
        let output = llmcost()
            .args(["cost", model, "--in", "1k", "--out", "1k"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{model}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        let list = stderr.split("did you mean ").nth(1).unwrap();
        list.split('?')
            .next()
            .unwrap()
            .split(", ")
            .map(String::from)
            .collect::<Vec<_>>()
    };
    let profile = suggested("us.anthropic.claude-sonet-4-5-20250929-v1:0");
    assert_eq!(profile[0], "us.anthropic.claude-sonnet-4-5-20250929-v1:0");
    assert!(
        profile.iter().all(|id| id.starts_with("us.anthropic.")),
        "{profile:?}"
    );
    let scoped = suggested("azure/gpt-4-o");
    assert_eq!(scoped[0], "azure/gpt-4o");
    // Each suggestion resolves: the us. profile bills 1.1 × ($3 + $15) per
    // 1M for 1k in + 1k out = $0.0198.
    let json =
        json_of(llmcost().args(["cost", &profile[0], "--in", "1k", "--out", "1k", "--json"]));
    assert_eq!(json["total"].to_string(), "0.0198");
    for id in profile.iter().chain(&scoped) {
        llmcost()
            .args(["cost", id, "--in", "1k"])
            .assert()
            .success();
    }
}
