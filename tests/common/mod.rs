//! Shared helpers: every integration test runs the real binary through these.
#![allow(dead_code)]

use std::path::PathBuf;

use assert_cmd::Command;

/// Path of a file under tests/fixtures.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join(name)
}

/// `llmcost` isolated from the user's machine: no catalog variable, and a
/// cache folder that does not exist, so the bundled catalog is used.
pub fn llmcost() -> Command {
    let mut cmd = Command::cargo_bin("llmcost").expect("binary builds");
    cmd.env_remove("LLMCOST_CATALOG")
        .env_remove("LLMCOST_PRICES")
        .env("XDG_CACHE_HOME", fixture("no-such-cache-dir"))
        .env("XDG_CONFIG_HOME", fixture("no-such-config-dir"))
        .env("NO_COLOR", "1")
        .env("LLMCOST_STALE_DAYS", "100000")
        .env("LLMCOST_TODAY", "2026-11-20");
    cmd
}

/// `llmcost --catalog tests/fixtures/catalog.json`.
pub fn llmcost_fixture() -> Command {
    let mut cmd = llmcost();
    cmd.arg("--catalog").arg(fixture("catalog.json"));
    cmd
}

/// Runs `cmd`, expects success, returns stdout as text.
pub fn stdout_of(cmd: &mut Command) -> String {
    let output = cmd.output().expect("runs");
    assert!(
        output.status.success(),
        "failed with {:?}: {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8 stdout")
}

/// Runs `cmd` and parses stdout as JSON.
pub fn json_of(cmd: &mut Command) -> serde_json::Value {
    let text = stdout_of(cmd);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}
pub mod http;
pub mod mock;

/// A report's groups as (group, cost) pairs, in the report's order.
pub fn group_costs(json: &serde_json::Value) -> Vec<(String, String)> {
    json["groups"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|g| {
            (
                g["group"].as_str().unwrap_or_default().to_string(),
                g["cost"].to_string(),
            )
        })
        .collect()
}

/// Prices JSON Lines from standard input against the bundled catalog.
pub fn tally_bundled(lines: &[&str], args: &[&str]) -> serde_json::Value {
    json_of(
        llmcost()
            .args(["tally", "-", "--json"])
            .args(args)
            .write_stdin(lines.join("\n")),
    )
}
