//! `catalog update` end to end against a loopback HTTP server: each source
//! format, each failure mode (the old cache must stay byte for byte), locking,
//! history, `--as-of`, export round trip, `reset`, freshness.

use crate::common;

use std::fs;
use std::path::PathBuf;

use assert_cmd::Command;
use common::http::{HttpServer, Reply, json};
use common::{fixture, json_of, llmcost, stdout_of};
use predicates::prelude::*;

/// A user cache folder of its own.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// A cache already holding the fixture catalog.
    fn with_fixture_cache() -> Home {
        let home = Home::new();
        fs::create_dir_all(home.cache().parent().unwrap()).unwrap();
        fs::copy(fixture("catalog.json"), home.cache()).unwrap();
        home
    }

    fn cache(&self) -> PathBuf {
        self.dir.path().join("llmcost").join("catalog.json")
    }

    fn cmd(&self) -> Command {
        let mut cmd = llmcost();
        cmd.env("XDG_CACHE_HOME", self.dir.path())
            .env("LLMCOST_HTTP_TIMEOUT", "2");
        cmd
    }

    fn update(&self, from: &str) -> Command {
        let mut cmd = self.cmd();
        cmd.args(["catalog", "update", "--from", from]);
        cmd
    }

    fn bytes(&self) -> Vec<u8> {
        fs::read(self.cache()).unwrap()
    }
}

fn fixture_text(name: &str) -> String {
    fs::read_to_string(fixture(name)).unwrap()
}

#[test]
fn each_format_over_http_makes_a_valid_cache() {
    for (name, format, model) in [
        ("litellm_sample.json", "Litellm", "gpt-4o-mini"),
        (
            "models_dev_sample.json",
            "ModelsDev",
            "mistral-small-latest",
        ),
        (
            "openrouter_sample.json",
            "Openrouter",
            "openrouter/anthropic/claude-opus-5",
        ),
        ("catalog.json", "Llmcost", "claude-haiku-4-5"),
    ] {
        let home = Home::with_fixture_cache();
        let server = HttpServer::start(json(fixture_text(name)));
        home.update(&server.url())
            .assert()
            .success()
            .stdout(predicate::str::contains(format!("read as {format}")));
        let info = json_of(home.cmd().args(["catalog", "info", "--json"]));
        assert_eq!(info["source"], "cache", "{name}");
        let card = json_of(home.cmd().args(["show", model, "--json"]));
        assert!(
            model.ends_with(card["id"].as_str().unwrap()),
            "{name}: {card}"
        );
        // The seed model comes from the overlay, whatever the source.
        let seed = json_of(home.cmd().args([
            "cost",
            "mistral-small-3-1-24b-instruct",
            "--in",
            "1M",
            "--out",
            "1M",
            "--json",
        ]));
        assert_eq!(seed["total"].to_string(), "0.91", "{name}");
        assert!(home.cache().with_extension("json.lock").exists());
    }
}

#[test]
fn openrouter_varies_is_unknown_not_zero() {
    let home = Home::new();
    // The sample lists 7 of the bundled catalog's OpenRouter offers: --force
    // accepts the shrink that would otherwise be refused.
    home.update(fixture("openrouter_sample.json").to_str().unwrap())
        .arg("--force")
        .assert()
        .success();
    let card = json_of(
        home.cmd()
            .args(["show", "openrouter/openrouter/auto-beta", "--json"]),
    );
    assert_eq!(card["prices_per_million"]["input"], serde_json::Value::Null);
    home.cmd()
        .args([
            "cost",
            "openrouter/openrouter/auto-beta",
            "--in",
            "1k",
            "--out",
            "1k",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no input price"));
    // OpenRouter's `image_output` is a price per generated image token.
    let card =
        json_of(
            home.cmd()
                .args(["show", "openrouter/google/gemini-3.1-flash-image", "--json"]),
        );
    assert_eq!(card["prices_per_million"]["image_output"].to_string(), "60");
}

#[test]
fn every_failure_leaves_the_cache_byte_identical() {
    let negative = fixture_text("litellm_sample.json").replacen("2.5e-06", "-2.5e-06", 1);
    assert_ne!(negative, fixture_text("litellm_sample.json"));
    let good = fixture_text("litellm_sample.json").into_bytes();
    let cases: Vec<(Reply, &str)> = vec![
        (json(good[..good.len() / 2].to_vec()), "not valid JSON"),
        (
            Reply::Truncated {
                promised: good.len(),
                body: good[..good.len() / 3].to_vec(),
            },
            "cut short",
        ),
        (
            Reply::Body {
                status: 200,
                content_type: "text/html",
                body: b"<html><body>Sign in</body></html>".to_vec(),
            },
            "HTML page",
        ),
        (
            Reply::Body {
                status: 200,
                content_type: "application/octet-stream",
                body: b"<!DOCTYPE html><html></html>".to_vec(),
            },
            "HTML page",
        ),
        (
            Reply::Body {
                status: 404,
                content_type: "text/plain",
                body: b"not found".to_vec(),
            },
            "answered HTTP 404",
        ),
        (
            Reply::Body {
                status: 500,
                content_type: "text/plain",
                body: b"oops".to_vec(),
            },
            "answered HTTP 500",
        ),
        (json(Vec::new()), "empty body"),
        (json(negative), "negative input price"),
        (json(b"{\"schema_version\": 1}".to_vec()), "cannot import"),
        (Reply::Stall, "could not download"),
    ];
    for (reply, message) in cases {
        let home = Home::with_fixture_cache();
        let before = home.bytes();
        let server = HttpServer::start(reply);
        home.update(&server.url())
            .assert()
            .code(1)
            .stderr(predicate::str::starts_with("llmcost: error: "))
            .stderr(predicate::str::contains(message))
            .stderr(predicate::function(|s: &str| s.lines().count() == 1));
        assert_eq!(home.bytes(), before, "{message}");
    }
}

#[test]
fn an_oversized_body_is_refused() {
    let home = Home::with_fixture_cache();
    let before = home.bytes();
    // One byte over the 64 MiB limit.
    let body = vec![b' '; 64 * 1024 * 1024 + 1];
    let server = HttpServer::start(json(body));
    home.update(&server.url()).assert().code(1).stderr(
        predicate::str::contains("could not download").or(predicate::str::contains("cut short")),
    );
    assert_eq!(home.bytes(), before);
}

#[test]
fn a_source_that_lost_most_models_is_refused() {
    let tiny = r#"{"m": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06}}"#;
    // Starting from the bundled catalog, a one-model OpenAI source would
    // remove 112 of OpenAI's 113 models: refused, although every other
    // provider would stay (the whole catalog would keep most of its models).
    let home = Home::new();
    let file = home.dir.path().join("tiny.json");
    fs::write(&file, tiny).unwrap();
    home.update(file.to_str().unwrap())
        .assert()
        .code(1)
        .stderr("llmcost: error: the source lists 1 openai models, fewer than 50% of the current 113; refusing it (a partial or broken source would remove the rest; --force accepts it)\n");
    assert!(!home.cache().exists());

    // From a cache of ten OpenAI models, the same source would leave 2 of 11: refused.
    let home = Home::new();
    let mut catalog: serde_json::Value =
        serde_json::from_str(&fixture_text("catalog.json")).unwrap();
    let models: Vec<serde_json::Value> = (0..10)
        .map(|i| serde_json::json!({"id": format!("m{i}"), "provider": "openai", "prices": {"input": "1", "output": "2"}}))
        .chain(catalog["models"].as_array().unwrap().iter().filter(|m| m["provider"] == "mistral").take(1).cloned())
        .collect();
    catalog["models"] = serde_json::Value::Array(models);
    fs::create_dir_all(home.cache().parent().unwrap()).unwrap();
    fs::write(home.cache(), catalog.to_string()).unwrap();
    let before = home.bytes();
    let file = home.dir.path().join("tiny.json");
    fs::write(&file, tiny).unwrap();
    home.update(file.to_str().unwrap())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "the source lists 1 openai models, fewer than 50% of the current 10; refusing it",
        ));
    assert_eq!(home.bytes(), before);
}

#[test]
fn dry_run_shows_the_diff_and_writes_nothing() {
    let home = Home::with_fixture_cache();
    let before = home.bytes();
    let out = stdout_of(
        home.update(fixture("litellm_sample.json").to_str().unwrap())
            .arg("--dry-run"),
    );
    assert!(out.starts_with("would write"), "{out}");
    assert!(
        out.contains("openai/gpt-4o-mini   input      $0.15      $0.15") || out.contains("added ("),
        "{out}"
    );
    assert_eq!(home.bytes(), before);
    let json = json_of(
        home.update(fixture("litellm_sample.json").to_str().unwrap())
            .args(["--dry-run", "--json"]),
    );
    assert_eq!(json["dry_run"], true);
    let removed: Vec<&str> = json["diff"]["removed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    // Models of the covered providers that the source no longer lists go; the overlay's seed model stays.
    assert!(removed.contains(&"mistral/mistral-draft"), "{removed:?}");
    assert!(
        !removed.contains(&"mistral/mistral-small-3-1-24b-instruct"),
        "{removed:?}"
    );
    assert!(!removed.contains(&"azure/gpt-4o"), "{removed:?}");
}

#[test]
fn history_grows_only_when_a_price_changes() {
    let home = Home::with_fixture_cache();
    let dir = home.dir.path();
    let first = dir.join("first.json");
    fs::write(&first, fixture_text("litellm_sample.json")).unwrap();
    home.update(first.to_str().unwrap()).assert().success();
    home.update(first.to_str().unwrap()).assert().success();
    let history = json_of(home.cmd().args(["history", "gpt-4o", "--json"]));
    assert_eq!(history["changes"], 0);
    assert_eq!(history["points"].as_array().unwrap().len(), 1);
    let out = stdout_of(home.cmd().args(["history", "gpt-4o"]));
    assert!(out.contains("no change yet"), "{out}");

    // gpt-4o input goes from $2.50 to $2.00 per 1M.
    let cheaper = fixture_text("litellm_sample.json").replacen(
        "\"input_cost_per_token\": 2.5e-06",
        "\"input_cost_per_token\": 2e-06",
        1,
    );
    assert_ne!(cheaper, fixture_text("litellm_sample.json"));
    let second = dir.join("second.json");
    fs::write(&second, cheaper).unwrap();
    let dry = json_of(
        home.update(second.to_str().unwrap())
            .args(["--dry-run", "--json"]),
    );
    let change = dry["diff"]["price_changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["model"] == "openai/gpt-4o")
        .unwrap()
        .clone();
    assert_eq!(change["price"], "input");
    assert_eq!(change["old"].to_string(), "2.5");
    assert_eq!(change["new"].to_string(), "2");
    assert_eq!(change["percent"].to_string(), "-20");
    home.update(second.to_str().unwrap()).assert().success();
    home.update(second.to_str().unwrap()).assert().success();
    let history = json_of(home.cmd().args(["history", "gpt-4o", "--json"]));
    let points = history["points"].as_array().unwrap();
    assert_eq!(points.len(), 2, "{history}");
    assert_eq!(points[0]["input"].to_string(), "2.5");
    assert_eq!(points[1]["input"].to_string(), "2");
    let chart = stdout_of(home.cmd().args(["history", "gpt-4o"]));
    assert!(chart.contains("in   ████"), "{chart}");
    assert!(chart.contains("out  ████"), "{chart}");
}

#[test]
fn cost_as_of_uses_the_prices_then_in_force() {
    let home = Home::with_fixture_cache();
    // The seed model's history starts on 2026-05-08 at $0.35 / $0.56.
    let json = json_of(home.cmd().args([
        "cost",
        "mistral-small-3-1-24b-instruct",
        "--in",
        "1M",
        "--out",
        "1M",
        "--as-of",
        "2026-06-01",
        "--json",
    ]));
    assert_eq!(json["total"].to_string(), "0.91");
    home.cmd()
        .args([
            "cost",
            "mistral-small-3-1-24b-instruct",
            "--in",
            "1M",
            "--as-of",
            "2026-01-01",
            "--json",
        ])
        .assert()
        .success()
        // Before the first recorded price, the earliest one (the seed's, of
        // 2026-05-08) is taken to have held: 1M × $0.35.
        .stdout(predicate::str::contains("\"total\": 0.35"));
    home.cmd()
        .args([
            "cost",
            "mistral-small-3-1-24b-instruct",
            "--in",
            "1M",
            "--as-of",
            "yesterday",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a date"));
}

#[test]
fn concurrent_updates_leave_one_valid_cache() {
    let home = Home::with_fixture_cache();
    let source = fixture("litellm_sample.json");
    let children: Vec<std::process::Child> = (0..4)
        .map(|_| {
            std::process::Command::new(assert_cmd::cargo::cargo_bin("llmcost"))
                .args(["catalog", "update", "--from"])
                .arg(&source)
                .env_remove("LLMCOST_CATALOG")
                .env("XDG_CACHE_HOME", home.dir.path())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let info = json_of(home.cmd().args(["catalog", "info", "--json"]));
    assert_eq!(info["source"], "cache");
    assert!(home.cache().with_extension("json.bak").exists());
}

fn rows(text: &str) -> Vec<serde_json::Value> {
    if text.trim_start().starts_with('[') {
        serde_json::from_str::<Vec<serde_json::Value>>(text).unwrap()
    } else {
        text.lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }
}

#[test]
fn export_then_import_loses_nothing() {
    for format in ["json", "jsonl"] {
        let home = Home::with_fixture_cache();
        let exported = stdout_of(
            llmcost()
                .arg("--catalog")
                .arg(fixture("catalog.json"))
                .args(["catalog", "export", "--format", format]),
        );
        let file = home.dir.path().join(format!("export.{format}"));
        fs::write(&file, &exported).unwrap();
        home.update(file.to_str().unwrap()).assert().success();
        let again = rows(&stdout_of(
            home.cmd().args(["catalog", "export", "--format", format]),
        ));
        for row in rows(&exported) {
            // The overlay's curated seed model outranks any source, by design.
            if row["model"] == "mistral-small-3-1-24b-instruct" {
                continue;
            }
            let back = again
                .iter()
                .find(|r| r["provider"] == row["provider"] && r["model"] == row["model"])
                .unwrap_or_else(|| panic!("{format}: lost {row}"));
            for (field, value) in row.as_object().unwrap() {
                let empty = value.is_null() || value.as_str() == Some("");
                if !empty {
                    assert_eq!(&back[field], value, "{format}: {field} of {}", row["model"]);
                }
            }
        }
    }
}

#[test]
fn export_csv_has_one_column_per_price_dimension() {
    let csv = stdout_of(
        llmcost()
            .arg("--catalog")
            .arg(fixture("catalog.json"))
            .args(["catalog", "export", "--format", "csv"]),
    );
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    for column in [
        "provider",
        "model",
        "input_per_million",
        "output_per_million",
        "cached_input_per_million",
        "batch_input_per_million",
        "long_context_threshold",
    ] {
        assert!(
            headers.iter().any(|h| h == column),
            "{column} in {headers:?}"
        );
    }
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 11);
    let gpt = rows
        .iter()
        .find(|r| &r[0] == "openai" && &r[1] == "gpt-4o")
        .unwrap();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    assert_eq!(&gpt[column("input_per_million")], "2.5");
    assert_eq!(&gpt[column("cached_input_per_million")], "1.25");
}

#[test]
fn reset_returns_to_the_bundled_catalog() {
    let home = Home::with_fixture_cache();
    home.cmd()
        .args(["catalog", "reset"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("removed "));
    assert!(!home.cache().exists());
    let info = json_of(home.cmd().args(["catalog", "info", "--json"]));
    assert_eq!(info["source"], "bundled");
    home.cmd()
        .args(["catalog", "reset"])
        .assert()
        .success()
        .stdout("no cached catalog; already using the bundled catalog\n");
}

#[test]
fn check_lists_disagreements_with_another_source() {
    let json = json_of(
        llmcost()
            .arg("--catalog")
            .arg(fixture("catalog.json"))
            .args(["catalog", "check", "--against"])
            .arg(fixture("litellm_sample.json"))
            .arg("--json"),
    );
    assert!(json["compared"].as_u64().unwrap() >= 3, "{json}");
    let disagreements = json["disagreements"].as_array().unwrap();
    // The fixture's gemini-2.5-pro matches LiteLLM; nothing is invented.
    assert!(
        disagreements
            .iter()
            .all(|d| d["model"] != "google/gemini-2.5-pro"),
        "{json}"
    );
}

#[test]
fn an_old_catalog_gets_a_freshness_hint() {
    // Fifteen days after the catalog's date.
    llmcost()
        .env("LLMCOST_STALE_DAYS", "0")
        .env("LLMCOST_TODAY", "2026-12-05")
        .arg("--catalog")
        .arg(fixture("catalog.json"))
        .args(["cost", "gpt-4o-mini", "--in", "1"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "15 days old (as of 2026-11-20); run `llmcost catalog update`",
        ));
}

/// Writes `text` beside the cache and updates from it.
fn update_from_text(home: &Home, name: &str, text: &str) -> Command {
    let file = home.dir.path().join(name);
    fs::write(&file, text).unwrap();
    home.update(file.to_str().unwrap())
}

/// A models.dev snapshot dated July, older than the cache's November prices.
const JULY_MODELS_DEV: &str = r#"{"source": {"commit_date": "2026-07-02T00:40:28+08:00"},
  "base_models": {},
  "providers": {
    "openai": {"provider": {"name": "OpenAI"}, "models": {
      "gpt-4o": {"name": "GPT-4o", "cost": {"input": 2, "output": 8}},
      "gpt-4o-mini": {"name": "GPT-4o mini", "cost": {"input": 0.15, "output": 0.6, "cache_read": 0.07500000000000001}}}},
    "zai-coding-plan": {"provider": {"name": "Z.AI Coding Plan"}, "models": {
      "glm-4.6": {"name": "GLM-4.6", "cost": {"input": 0, "output": 0}}}}}}"#;

#[test]
fn an_older_source_does_not_replace_newer_prices_without_force() {
    let home = Home::with_fixture_cache();
    let json = json_of(update_from_text(&home, "july.json", JULY_MODELS_DEV).arg("--json"));
    assert_eq!(json["merge"]["kept_newer"][0]["model"], "openai/gpt-4o");
    assert_eq!(json["merge"]["kept_newer"][0]["source_as_of"], "2026-07-02");
    assert_eq!(
        json["merge"]["kept_newer"][0]["current_as_of"],
        "2026-11-20"
    );
    // gpt-4o keeps $2.50 / $10 and its batch rates: 1M × $2.50 / 1M.
    let cost = |home: &Home, args: &[&str]| {
        json_of(home.cmd().arg("cost").args(args).arg("--json"))["total"].to_string()
    };
    assert_eq!(cost(&home, &["gpt-4o", "--in", "1M"]), "2.5");
    assert_eq!(cost(&home, &["gpt-4o", "--in", "1M", "--batch"]), "1.25");
    // The float noise 0.07500000000000001 reads as $0.075, the same price.
    let card = json_of(home.cmd().args(["show", "gpt-4o-mini", "--json"]));
    assert_eq!(
        card["prices_per_million"]["cached_input"].to_string(),
        "0.075"
    );
    // Subscription plans priced at $0 are not imported.
    home.cmd().args(["show", "glm-4.6"]).assert().code(1);

    // --force takes the older prices: 1M × $2 / 1M; the batch rates the
    // source does not state are dropped with the old base price, so --batch
    // falls back to the standard rate with a warning.
    let home = Home::with_fixture_cache();
    let out = stdout_of(update_from_text(&home, "july.json", JULY_MODELS_DEV).arg("--force"));
    assert!(out.contains("openai/gpt-4o: batch_input"), "{out}");
    assert_eq!(cost(&home, &["gpt-4o", "--in", "1M"]), "2");
    home.cmd()
        .args(["cost", "gpt-4o", "--in", "1M", "--batch"])
        .assert()
        .success()
        .stdout(predicate::str::contains("$2.00"))
        .stderr(predicate::str::contains("no batch input price"));
}

#[test]
fn an_unchanged_price_keeps_its_date_and_filters_apply() {
    // gpt-4o-mini unchanged at $0.15 / $0.60; a regional Bedrock copy and an
    // embedding model that the bundled build would skip.
    let source = r#"{
      "gpt-4o-mini": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 1.5e-07, "output_cost_per_token": 6e-07},
      "gpt-4o": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 2.5e-06, "output_cost_per_token": 1e-05},
      "text-embedding-3-small": {"litellm_provider": "openai", "mode": "embedding", "input_cost_per_token": 2e-08, "output_cost_per_token": 0},
      "eu.anthropic.claude-haiku-4-5-v1:0": {"litellm_provider": "bedrock_converse", "mode": "chat", "input_cost_per_token": 1.1e-06, "output_cost_per_token": 5.5e-06}
    }"#;
    let home = Home::with_fixture_cache();
    let json = json_of(update_from_text(&home, "litellm.json", source).arg("--json"));
    assert_eq!(json["diff"]["added"], serde_json::json!([]));
    assert_eq!(json["diff"]["price_changes"], serde_json::json!([]));
    // Priced as of 2026-11-22, before today's update: 1M × $0.15 / 1M.
    let cost = json_of(home.cmd().args([
        "cost",
        "gpt-4o-mini",
        "--in",
        "1M",
        "--as-of",
        "2026-11-22",
        "--json",
    ]));
    assert_eq!(cost["total"].to_string(), "0.15");
    let list = json_of(home.cmd().args(["list", "--json"]));
    let ids: Vec<&str> = list["models"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert!(!ids.contains(&"text-embedding-3-small"), "{ids:?}");
    assert!(!ids.iter().any(|id| id.starts_with("eu.")), "{ids:?}");
}

#[test]
fn check_matches_openrouter_by_slug() {
    // OpenRouter's `openai/gpt-4o-mini` is OpenAI's gpt-4o-mini ($0.15 / $0.60
    // per 1M: the same); its `openai/gpt-4o` input is $3 where OpenAI's is $2.50.
    let openrouter = r#"{"data": [
      {"id": "openai/gpt-4o-mini", "name": "OpenAI: GPT-4o-mini", "context_length": 128000,
       "pricing": {"prompt": "0.00000015", "completion": "0.0000006"}},
      {"id": "openai/gpt-4o", "name": "OpenAI: GPT-4o", "context_length": 128000,
       "pricing": {"prompt": "0.000003", "completion": "0.00001"}}]}"#;
    let home = Home::new();
    let file = home.dir.path().join("openrouter.json");
    fs::write(&file, openrouter).unwrap();
    let json = json_of(
        llmcost()
            .arg("--catalog")
            .arg(fixture("catalog.json"))
            .args(["catalog", "check", "--against"])
            .arg(&file)
            .arg("--json"),
    );
    assert_eq!(json["compared"], 2, "{json}");
    assert_eq!(
        json["disagreements"],
        serde_json::json!([{"model": "openai/gpt-4o", "price": "input", "catalog": 2.5, "other": 3,
            "catalog_source": "https://platform.openai.com/docs/pricing"}])
    );
}

#[test]
fn genai_prices_reprices_known_models_and_adds_none() {
    // Auto-detected; dated after the fixture cache's 2026-11-20 prices so
    // they count as news. The sample prices gpt-4o and gpt-4o-mini as the
    // cache does, so nothing changes, nothing is added, nothing removed.
    let home = Home::with_fixture_cache();
    let json = json_of(
        home.update(fixture("genai_prices_sample.json").to_str().unwrap())
            .args(["--source-date", "2026-12-01", "--dry-run", "--json"]),
    );
    assert_eq!(json["format"], "genai-prices");
    assert_eq!(json["diff"]["added"], serde_json::json!([]));
    assert_eq!(json["diff"]["removed"], serde_json::json!([]));
    assert_eq!(json["diff"]["price_changes"], serde_json::json!([]));
    // avian is no llmcost provider: its two models are counted, not imported.
    assert_eq!(json["import"]["other_provider"], 2);
    // Checked against the fixture catalog: gpt-4o, gpt-4o-mini and
    // gemini-2.5-pro are found (by match rules), and agree.
    let check = json_of(
        llmcost()
            .arg("--catalog")
            .arg(fixture("catalog.json"))
            .args(["catalog", "check", "--against"])
            .arg(fixture("genai_prices_sample.json"))
            .arg("--json"),
    );
    assert_eq!(check["compared"], 3, "{check}");
    assert_eq!(check["disagreements"], serde_json::json!([]));
}

#[test]
fn an_update_keeps_the_witnesses_and_judges_a_changed_price_again() {
    // A cache built with witnesses (the golden build); LiteLLM then cuts
    // gpt-4o's input to $2, which models.dev (still $2.50) disputes.
    let home = Home::new();
    fs::create_dir_all(home.cache().parent().unwrap()).unwrap();
    fs::copy(fixture("built_catalog.json"), home.cache()).unwrap();
    let cheaper = fixture_text("litellm_sample.json").replacen(
        "\"input_cost_per_token\": 2.5e-06",
        "\"input_cost_per_token\": 2e-06",
        1,
    );
    update_from_text(&home, "cheaper.json", &cheaper)
        .arg("--force")
        .assert()
        .success();
    let card = json_of(home.cmd().args(["show", "openai/gpt-4o", "--json"]));
    assert_eq!(card["prices_per_million"]["input"].to_string(), "2");
    assert_eq!(card["confidence"], "disputed");
    assert_eq!(card["chosen_by"], "catalog update: litellm");
    assert_eq!(card["checked_against"][0]["input"].to_string(), "2");
    assert_eq!(card["checked_against"][1]["agrees"], false);
    // gpt-4o-mini did not change: its confirmation stands.
    let mini = json_of(home.cmd().args(["show", "gpt-4o-mini", "--json"]));
    assert_eq!(mini["confidence"], "confirmed");
}

#[test]
fn sql_as_of_exports_the_prices_then_in_force() {
    let home = Home::with_fixture_cache();
    let dir = home.dir.path();
    let first = dir.join("first.json");
    fs::write(&first, fixture_text("litellm_sample.json")).unwrap();
    home.update(first.to_str().unwrap())
        .args(["--source-date", "2026-11-21"])
        .assert()
        .success();
    // gpt-4o input goes from $2.50 to $2.00 per 1M on 2026-11-23.
    let cheaper = fixture_text("litellm_sample.json").replacen(
        "\"input_cost_per_token\": 2.5e-06",
        "\"input_cost_per_token\": 2e-06",
        1,
    );
    let second = dir.join("second.json");
    fs::write(&second, cheaper).unwrap();
    home.update(second.to_str().unwrap())
        .args(["--source-date", "2026-11-23"])
        .assert()
        .success();
    // Per token: $2.50 per 1M is 0.0000025; $2.00 is 0.000002 (after the
    // key: no off-peak window, false and six NULLs; one sheet, 0, NULL, true).
    let row = |rate: &str| {
        format!(
            "('openai', 'gpt-4o', 0, -1, false, 'standard', 'global', false, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL, true, {rate},"
        )
    };
    let then = stdout_of(
        home.cmd()
            .args(["sql", "--dialect", "duckdb", "--as-of", "2026-11-22"]),
    );
    assert!(then.contains(&row("0.0000025")), "{}", &then[..2000]);
    let now = stdout_of(home.cmd().args(["sql", "--dialect", "duckdb"]));
    assert!(now.contains(&row("0.000002")));
}

#[test]
fn witness_sources_check_prices_but_never_replace_them() {
    let home = Home::with_fixture_cache();
    let server = HttpServer::start(json(fixture_text("litellm_sample.json")));
    let genai = fixture("genai_prices_sample.json").display().to_string();
    let report = json_of(
        home.update(&server.url())
            .args(["--witness-from", &genai, "--json"]),
    );
    assert_eq!(report["witnesses"][0]["source"], "genai-prices");
    let witnessed = report["witnesses"][0]["witnessed"].as_u64().unwrap();
    assert!(witnessed >= 3, "{report}");
    // gpt-4o-mini: LiteLLM chose $0.15 / $0.60; genai-prices states the
    // same, so it is confirmed, and the price is LiteLLM's.
    let card = json_of(home.cmd().args(["show", "gpt-4o-mini", "--json"]));
    let sources: Vec<&str> = card["checked_against"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| !c["agrees"].is_null())
        .map(|c| c["source"].as_str().unwrap())
        .collect();
    assert!(sources.contains(&"genai-prices"), "{card}");
    assert_eq!(card["prices_per_million"]["input"].to_string(), "0.15");
    // deepseek-chat: genai-prices says $0.27 / $1.10 against LiteLLM's
    // $0.28 / $0.42: disputed, still priced at LiteLLM's.
    let card = json_of(home.cmd().args(["show", "deepseek-chat", "--json"]));
    assert_eq!(card["confidence"], "disputed");
    assert_eq!(card["prices_per_million"]["output"].to_string(), "0.42");
    // A witness that cannot be read is reported; the update still lands.
    let report = json_of(home.update(&server.url()).args([
        "--witness-from",
        "/nonexistent/genai.json",
        "--json",
    ]));
    assert!(
        report["witnesses"][0]["error"]
            .as_str()
            .unwrap()
            .contains("/nonexistent/genai.json")
    );
    assert_eq!(report["dry_run"], false);
}

#[test]
fn a_witness_announces_price_changes_and_later_updates_keep_them() {
    // genai-prices, read as a witness, announces gemini-2.5-pro's change on
    // 2099-01-01 (input $2.50, output $20: twice LiteLLM's $1.25 / $10).
    let home = Home::with_fixture_cache();
    let server = HttpServer::start(json(fixture_text("litellm_sample.json")));
    let genai = fixture("genai_prices_sample.json").display().to_string();
    stdout_of(home.update(&server.url()).args(["--witness-from", &genai]));
    let card = json_of(home.cmd().args(["show", "gemini-2.5-pro", "--json"]));
    assert_eq!(card["price_changes"][0]["date"], "2099-01-01", "{card}");
    assert_eq!(card["price_changes"][0]["input"].to_string(), "2.5");
    assert_eq!(card["price_changes"][0]["output"].to_string(), "20");
    // LiteLLM announces nothing: the model it imports again keeps the change.
    stdout_of(&mut home.update(&server.url()));
    let card = json_of(home.cmd().args(["show", "gemini-2.5-pro", "--json"]));
    assert_eq!(card["price_changes"][0]["date"], "2099-01-01", "{card}");
    assert_eq!(card["price_changes"].as_array().unwrap().len(), 1);
}

#[test]
fn evidence_against_a_witness_holds_while_it_says_the_same() {
    // The golden build marks genai-prices' $0.27 / $1.10 for deepseek-chat
    // as known wrong (the fixture overlay's source_errors). An update that
    // hears the same from genai-prices keeps the mark: single-source.
    let home = Home::new();
    fs::create_dir_all(home.cache().parent().unwrap()).unwrap();
    fs::copy(fixture("built_catalog.json"), home.cache()).unwrap();
    let server = HttpServer::start(json(fixture_text("litellm_sample.json")));
    let genai = fixture("genai_prices_sample.json").display().to_string();
    stdout_of(home.update(&server.url()).args(["--witness-from", &genai]));
    let card = json_of(home.cmd().args(["show", "deepseek-chat", "--json"]));
    assert_eq!(card["confidence"], "single-source");
    assert_eq!(card["prices_per_million"]["output"].to_string(), "0.42");
    let genai_said = &card["checked_against"][2];
    assert_eq!(genai_said["source"], "genai-prices");
    assert!(
        genai_said["known_wrong"]
            .as_str()
            .unwrap()
            .contains("2025-09-05")
    );
    // Once the source says something else ($0.30 in), the evidence no
    // longer speaks to it: disputed.
    let changed = fixture_text("genai_prices_sample.json").replacen("0.27", "0.3", 1);
    let moved = home.dir.path().join("genai_moved.json");
    fs::write(&moved, changed).unwrap();
    stdout_of(
        home.update(&server.url())
            .args(["--witness-from", moved.to_str().unwrap()]),
    );
    let card = json_of(home.cmd().args(["show", "deepseek-chat", "--json"]));
    assert_eq!(card["confidence"], "disputed");
    assert!(card["checked_against"][2]["known_wrong"].is_null());
}
