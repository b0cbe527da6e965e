//! `llmcost catalog build`: the importers turn reference data (small cuts of
//! LiteLLM's cost map and models.dev in tests/fixtures) into a catalog,
//! reproducibly.

use crate::common;

use std::fs;

use common::{fixture, json_of, llmcost, stdout_of};
use predicates::prelude::*;

fn build_into(dir: &std::path::Path) -> std::path::PathBuf {
    let output = dir.join("catalog.json");
    llmcost()
        .args(["catalog", "build", "--litellm"])
        .arg(fixture("litellm_sample.json"))
        .arg("--models-dev")
        .arg(fixture("models_dev_sample.json"))
        .arg("--genai-prices")
        .arg(fixture("genai_prices_sample.json"))
        .arg("--openrouter")
        .arg(fixture("openrouter_sample.json"))
        .arg("--overlay")
        .arg(fixture("overlay_sample.json"))
        .arg("--output")
        .arg(&output)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "litellm: 9 imported (3 of them retired, kept); skipped 1 not chat, 1 other providers, 0 unpriced, 1 excluded, 1 duplicates",
        ))
        .stderr(predicate::str::contains("wrote 12 models from 6 providers"));
    output
}

#[test]
fn build_is_reproducible_and_matches_the_golden_file() {
    let dir = tempfile::tempdir().unwrap();
    let first = fs::read_to_string(build_into(dir.path())).unwrap();
    let second = fs::read_to_string(build_into(dir.path())).unwrap();
    assert_eq!(first, second);
    assert_eq!(
        first,
        fs::read_to_string(fixture("built_catalog.json")).unwrap()
    );
}

#[test]
fn built_catalog_prices_exactly_and_keeps_the_overlay() {
    let dir = tempfile::tempdir().unwrap();
    let path = build_into(dir.path());
    let mut cmd = llmcost();
    cmd.arg("--catalog").arg(&path);
    let json = json_of(cmd.args(["show", "gemini-2.5-pro", "--json"]));
    // 1.25e-06 per token in LiteLLM is exactly $1.25 per 1M.
    assert_eq!(json["prices_per_million"]["input"].to_string(), "1.25");
    assert_eq!(
        json["prices_per_million"]["long_context"]["output"].to_string(),
        "15"
    );
    assert_eq!(
        json["source"],
        "https://ai.google.dev/gemini-api/docs/pricing"
    );

    let mut cmd = llmcost();
    cmd.arg("--catalog").arg(&path);
    let json = json_of(cmd.args(["show", "gpt-4o", "--json"]));
    // The display name and open-weights fact come from models.dev.
    assert_eq!(json["name"], "GPT-4o");
    assert_eq!(json["open_weights"], false);

    let mut cmd = llmcost();
    cmd.arg("--catalog").arg(&path);
    let json = json_of(cmd.args(["show", "mistral-small-3-1-24b-instruct", "--json"]));
    assert_eq!(json["as_of"], "2026-05-08T17:08:00Z");
    assert_eq!(json["prices_per_million"]["output"].to_string(), "0.56");
}

#[test]
fn the_bundled_catalog_is_in_canonical_form() {
    // catalog.json is written by `catalog build`: one model per line, sorted.
    let text =
        fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog.json"))
            .unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let models = json["models"].as_array().unwrap();
    assert_eq!(
        text.lines()
            .filter(|l| l.starts_with("    {\"id\":"))
            .count(),
        models.len() + json["providers"].as_array().unwrap().len()
    );
    let keys: Vec<(String, String)> = models
        .iter()
        .map(|m| {
            (
                m["provider"].as_str().unwrap().to_string(),
                m["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    for model in models {
        assert!(model["source"].is_string(), "{model}");
        assert!(model["as_of"].is_string(), "{model}");
    }
}

#[test]
fn a_bad_overlay_patch_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut overlay: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(fixture("overlay_sample.json")).unwrap()).unwrap();
    overlay["patches"] =
        serde_json::json!([{"provider": "openai", "id": "nope", "why": "test", "set": {}}]);
    let overlay_path = dir.path().join("overlay.json");
    fs::write(&overlay_path, overlay.to_string()).unwrap();
    llmcost()
        .args(["catalog", "build", "--litellm"])
        .arg(fixture("litellm_sample.json"))
        .arg("--overlay")
        .arg(&overlay_path)
        .arg("--output")
        .arg(dir.path().join("out.json"))
        .assert()
        .code(1)
        .stderr("llmcost: error: overlay patch for 'openai/nope' matches no model\n");
    assert!(!dir.path().join("out.json").exists());
}

#[test]
fn show_says_when_sources_disagree_on_the_context_window() {
    // deepseek-chat in the fixtures: LiteLLM says 131,072, genai-prices
    // 64,000; no two agree, so LiteLLM's stands, and show says so.
    let out = stdout_of(
        llmcost()
            .arg("--catalog")
            .arg(fixture("built_catalog.json"))
            .args(["show", "deepseek-chat"]),
    );
    assert!(
        out.contains(
            "Context note  sources disagree on the context window (litellm 131,072, genai-prices 64,000); 131,072 is used: no two sources agree, so LiteLLM's stands"
        ),
        "{out}"
    );
}

#[test]
fn a_provider_takes_the_models_litellm_lacks_from_its_model_source() {
    // The sample overlay names models.dev as Groq's model source: LiteLLM's
    // sample has only openai/gpt-oss-120b, models.dev adds
    // llama-3.3-70b-versatile at $0.59 / $0.79, and says it chose it.
    let dir = tempfile::tempdir().unwrap();
    let path = build_into(dir.path());
    let json = json_of(llmcost().arg("--catalog").arg(&path).args([
        "show",
        "groq/llama-3.3-70b-versatile",
        "--json",
    ]));
    assert_eq!(json["prices_per_million"]["input"].to_string(), "0.59");
    assert_eq!(json["prices_per_million"]["output"].to_string(), "0.79");
    assert!(
        json["chosen_by"]
            .as_str()
            .unwrap()
            .starts_with("models.dev: "),
        "{json}"
    );
    assert_eq!(json["confidence"], "single-source");
    // 1M in + 1M out: $0.59 + $0.79 = $1.38.
    let cost = json_of(llmcost().arg("--catalog").arg(&path).args([
        "cost",
        "groq/llama-3.3-70b-versatile",
        "--in",
        "1M",
        "--out",
        "1M",
        "--json",
    ]));
    assert_eq!(cost["total"].to_string(), "1.38");
}

/// Builds the fixtures with the sample overlay's patches replaced by
/// `patches`; returns the build's exit code and stderr.
fn build_with_patches(patches: serde_json::Value) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut overlay: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(fixture("overlay_sample.json")).unwrap()).unwrap();
    overlay["patches"] = patches;
    let overlay_path = dir.path().join("overlay.json");
    fs::write(&overlay_path, overlay.to_string()).unwrap();
    let output = llmcost()
        .args(["catalog", "build", "--litellm"])
        .arg(fixture("litellm_sample.json"))
        .arg("--overlay")
        .arg(&overlay_path)
        .arg("--output")
        .arg(dir.path().join("out.json"))
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_price_patch_older_than_the_source_it_overrides_is_flagged() {
    // The sample LiteLLM map is dated 2026-11-20 and states gpt-4o input
    // at $2.50. A patch to $2 whose evidence is of 2026-06-01 is flagged;
    // reviewed after the source's date, or agreeing with it, it is not.
    let patch = |evidence: &str, reviewed: Option<&str>, input: &str| {
        let mut p = serde_json::json!({"provider": "openai", "id": "gpt-4o", "why": "test",
            "evidence_date": evidence, "set": {"prices": {"input": input}}});
        if let Some(day) = reviewed {
            p["reviewed"] = day.into();
        }
        serde_json::json!([p])
    };
    let (code, stderr) = build_with_patches(patch("2026-06-01", None, "2"));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("warning: stale overlay patch? openai/gpt-4o: its evidence is of 2026-06-01, but its source, dated 2026-11-20, states input 2.5"),
        "{stderr}"
    );
    let (_, reviewed) = build_with_patches(patch("2026-06-01", Some("2026-12-05"), "2"));
    assert!(!reviewed.contains("stale overlay patch"), "{reviewed}");
    let (_, agreeing) = build_with_patches(patch("2026-06-01", None, "2.5"));
    assert!(!agreeing.contains("stale overlay patch"), "{agreeing}");
    // A price patch must date its evidence.
    let undated = serde_json::json!([{"provider": "openai", "id": "gpt-4o", "why": "test",
        "set": {"prices": {"input": "2"}}}]);
    let (code, stderr) = build_with_patches(undated);
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "llmcost: error: overlay patch for 'openai/gpt-4o' sets prices without an evidence_date (YYYY-MM-DD)\n"
    );
}

#[test]
fn evidence_that_a_source_is_wrong_is_shown_and_not_counted() {
    // The fixture overlay's source_errors: genai-prices' $0.27 / $1.10 for
    // deepseek-chat is DeepSeek's price before 2025-09-05. LiteLLM's $0.28 /
    // $0.42 has no other witness, so the price is single-source, not disputed.
    let on_built = || {
        let mut cmd = llmcost();
        cmd.arg("--catalog").arg(fixture("built_catalog.json"));
        cmd
    };
    let card = stdout_of(on_built().args(["show", "deepseek-chat"]));
    assert!(
        card.contains("genai-prices  $0.27 in, $1.10 out ✗ known wrong, not counted: genai-prices states the prices DeepSeek listed until 2025-09-05 16:00 UTC"),
        "{card}"
    );
    assert!(
        card.contains("input         $0.28: genai-prices $0.27 ✗ known wrong (single-source)"),
        "{card}"
    );
    // catalog check: genai-prices witnesses 5 of the fixture's models (input
    // and output, OpenRouter aside) and differs on none but deepseek-chat,
    // which the evidence covers.
    let check = json_of(on_built().args(["catalog", "check", "--json"]));
    assert_eq!(check["disputed"].as_array().unwrap().len(), 0);
    let genai = &check["agreement"][0];
    assert_eq!(genai["source"], "genai-prices");
    assert_eq!(genai["models"], 5);
    assert_eq!(genai["differ_at_100k"], 0);
    assert_eq!(genai["known_wrong_at_100k"], 1);
    assert_eq!(genai["per_rate"]["input"]["known_wrong"], 1);
    assert_eq!(check["known_source_errors"][0]["models"], 1);
    let text = stdout_of(on_built().args(["catalog", "check"]));
    assert!(
        text.contains("Against genai-prices (5 models it prices, OpenRouter's reselling aside): 0 differ on 100k in + 100k out (0%), not counting 1 where evidence shows genai-prices wrong; rates that differ: none."),
        "{text}"
    );
}
