//! Loading chain, `catalog info`, validation of untrusted catalogs, `list`.

use crate::common;

use std::fs;

use common::{fixture, json_of, llmcost, llmcost_fixture, stdout_of};
use predicates::prelude::*;

#[test]
fn bundled_catalog_is_large_and_current() {
    let json = json_of(llmcost().args(["catalog", "info", "--json"]));
    assert_eq!(json["source"], "bundled");
    assert_eq!(json["path"], serde_json::Value::Null);
    assert_eq!(json["as_of"], "2026-11-20");
    assert_eq!(json["currency"], "USD");
    assert!(json["models"].as_u64().unwrap() >= 150, "{json}");
    assert!(json["providers"].as_u64().unwrap() >= 12, "{json}");
}

#[test]
fn flag_beats_environment_beats_cache() {
    let json = json_of(
        llmcost_fixture()
            .env("LLMCOST_CATALOG", "/nonexistent/catalog.json")
            .args(["catalog", "info", "--json"]),
    );
    assert_eq!(json["source"], "--catalog");
    assert_eq!(json["models"], 11);
    assert_eq!(json["providers"], 8);

    let json = json_of(
        llmcost()
            .env("LLMCOST_CATALOG", fixture("catalog.json"))
            .args(["catalog", "info", "--json"]),
    );
    assert_eq!(json["source"], "LLMCOST_CATALOG");
    assert_eq!(json["path"], fixture("catalog.json").display().to_string());
}

#[test]
fn a_good_cache_is_used() {
    let cache = tempfile::tempdir().unwrap();
    fs::create_dir_all(cache.path().join("llmcost")).unwrap();
    fs::copy(
        fixture("catalog.json"),
        cache.path().join("llmcost/catalog.json"),
    )
    .unwrap();
    let json = json_of(
        llmcost()
            .env("XDG_CACHE_HOME", cache.path())
            .args(["catalog", "info", "--json"]),
    );
    assert_eq!(json["source"], "cache");
    assert_eq!(json["models"], 11);
}

#[test]
fn a_broken_cache_warns_once_and_falls_back_to_bundled() {
    let cache = tempfile::tempdir().unwrap();
    fs::create_dir_all(cache.path().join("llmcost")).unwrap();
    fs::write(cache.path().join("llmcost/catalog.json"), "{ not json").unwrap();
    let assert = llmcost()
        .env("XDG_CACHE_HOME", cache.path())
        .args([
            "cost",
            "mistral-small-3-1-24b-instruct",
            "--in",
            "1M",
            "--out",
            "1M",
            "--json",
        ])
        .assert()
        .success()
        .stderr(predicate::str::starts_with(
            "llmcost: warning: ignoring the cached catalog",
        ));
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let json: serde_json::Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    assert_eq!(json["total"].to_string(), "0.91");
    // The broken cache is left as it was: only `catalog update` or `reset` touch it.
    assert_eq!(
        fs::read_to_string(cache.path().join("llmcost/catalog.json")).unwrap(),
        "{ not json"
    );
}

fn with_catalog(text: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("catalog.json");
    fs::write(&path, text).unwrap();
    (dir, path)
}

fn fixture_with(edit: impl Fn(&mut serde_json::Value)) -> Vec<u8> {
    let mut json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(fixture("catalog.json")).unwrap()).unwrap();
    edit(&mut json);
    serde_json::to_vec(&json).unwrap()
}

#[test]
fn invalid_catalogs_are_errors_that_name_the_problem() {
    let negative = fixture_with(|j| j["models"][2]["prices"]["input"] = "-1".into());
    let duplicate = fixture_with(|j| {
        let copy = j["models"][2].clone();
        j["models"].as_array_mut().unwrap().push(copy);
    });
    let orphan = fixture_with(|j| j["models"][2]["provider"] = "ghost".into());
    let future = fixture_with(|j| j["schema_version"] = 99.into());
    let change = |date: &str, input: &str| serde_json::json!({"date": date, "prices": {"input": input, "output": "1"}, "source": "x"});
    let negative_change = fixture_with(|j| {
        j["models"][2]["price_changes"] = serde_json::json!([change("2099-01-01", "-2")]);
    });
    let unordered = fixture_with(|j| {
        j["models"][2]["price_changes"] =
            serde_json::json!([change("2099-01-01", "2"), change("2098-01-01", "3")]);
    });
    let undated = fixture_with(|j| {
        j["models"][2]["price_changes"] = serde_json::json!([change("soon", "2")]);
    });
    let cases: Vec<(&[u8], &str)> = vec![
        (
            &negative,
            "model 'openai/gpt-4o' has a negative input price (-1)",
        ),
        (&duplicate, "duplicate model 'openai/gpt-4o'"),
        (
            &orphan,
            "model 'gpt-4o' names provider 'ghost', which the catalog does not define",
        ),
        (&future, "unsupported catalog schema_version 99"),
        (
            &negative_change,
            "model 'openai/gpt-4o' has a negative price_changes.input price (-2)",
        ),
        (
            &unordered,
            "model 'openai/gpt-4o' lists its price changes out of date order (2098-01-01)",
        ),
        (
            &undated,
            "model 'openai/gpt-4o' has a price change dated 'soon', which is not a date",
        ),
        (b"", "the file is empty"),
        (b"[1, 2", "not a valid llmcost catalog"),
        (b"\xff\xfe\x00garbage", "is not UTF-8 text"),
    ];
    for (text, message) in cases {
        let (_dir, path) = with_catalog(text);
        llmcost()
            .arg("--catalog")
            .arg(&path)
            .args(["show", "gpt-4o"])
            .assert()
            .code(1)
            .stderr(predicate::str::starts_with("llmcost: error: "))
            .stderr(predicate::str::contains(message))
            .stderr(predicate::function(|s: &str| s.lines().count() == 1));
    }
}

#[test]
fn a_directory_or_missing_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    llmcost()
        .arg("--catalog")
        .arg(dir.path())
        .args(["list"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is a directory, not a file"));
    llmcost()
        .args(["--catalog", "/nonexistent/catalog.json", "list"])
        .assert()
        .code(1)
        .stderr(predicate::str::starts_with(
            "llmcost: error: could not open '/nonexistent/catalog.json'",
        ));
}

#[test]
fn list_is_ordered_and_filtered_by_provider() {
    let json = json_of(llmcost_fixture().args([
        "list",
        "--provider",
        "openai",
        "--provider",
        "mistral",
        "--json",
    ]));
    let ids: Vec<String> = json["models"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            format!(
                "{}/{}",
                m["provider"].as_str().unwrap(),
                m["id"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        ids,
        [
            "mistral/mistral-draft",
            "mistral/mistral-small-3-1-24b-instruct",
            "openai/gpt-4o",
            "openai/gpt-4o-mini"
        ]
    );
    assert_eq!(json["count"], 4);
    assert_eq!(json["models"][2]["input_per_million"].to_string(), "2.5");
    assert_eq!(
        json["models"][0]["output_per_million"],
        serde_json::Value::Null
    );
}

#[test]
fn list_as_table_csv_and_markdown() {
    let table = stdout_of(llmcost_fixture().args(["list", "--provider", "mistral"]));
    assert_eq!(
        table,
        " model                            provider   context   input / 1M   output / 1M   tier\n\
         ───────────────────────────────────────────────────────────────────────────────────────────\n \
         mistral-draft                    mistral    unknown        $0.10       unknown   unknown\n \
         mistral-small-3-1-24b-instruct   mistral       128k        $0.35         $0.56   standard\n"
    );
    let csv =
        stdout_of(llmcost_fixture().args(["list", "--provider", "mistral", "--format", "csv"]));
    assert_eq!(
        csv,
        "model,provider,context,input / 1M,output / 1M,tier\n\
         mistral-draft,mistral,,0.1,,unknown\n\
         mistral-small-3-1-24b-instruct,mistral,128000,0.35,0.56,standard\n"
    );
    let markdown = stdout_of(llmcost_fixture().args([
        "list",
        "--provider",
        "mistral",
        "--format",
        "markdown",
    ]));
    assert_eq!(
        markdown,
        "| model | provider | context | input / 1M | output / 1M | tier |\n\
         | --- | --- | ---: | ---: | ---: | --- |\n\
         | mistral-draft | mistral | unknown | $0.10 | unknown | unknown |\n\
         | mistral-small-3-1-24b-instruct | mistral | 128k | $0.35 | $0.56 | standard |\n"
    );
}

#[test]
fn unknown_provider_in_list_is_an_error() {
    llmcost_fixture()
        .args(["list", "--provider", "nope"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unknown provider 'nope'"));
}

#[test]
fn a_closed_pipe_exits_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("llmcost"))
        .args(["list"])
        .env_remove("LLMCOST_CATALOG")
        .env("XDG_CACHE_HOME", fixture("no-such-cache-dir"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is dropped here, as `head -1` exits.
    let output = child.wait_with_output().unwrap();
    assert!(first.contains("model"), "{first}");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}
