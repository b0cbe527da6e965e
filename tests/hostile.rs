//! Hostile input: catalogs built to break things, bad arguments to every
//! subcommand, and awkward process conditions. Each must end in one clear
//! line and exit 1 or 2, or in sanitized output; never a panic (exit 101).

use crate::common;

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use common::{fixture, llmcost, llmcost_fixture};
use predicates::prelude::*;

fn fixture_json() -> serde_json::Value {
    serde_json::from_str(&fs::read_to_string(fixture("catalog.json")).unwrap()).unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn escape_sequences_are_sanitized_in_tables_and_escaped_in_json() {
    let dir = tempfile::tempdir().unwrap();
    let mut json = fixture_json();
    json["models"][2]["name"] = "GPT\u{1b}[2J\u{1b}]0;pwned\u{7}".into();
    json["models"][2]["source"] = "https://evil.example/\u{1b}[31mred".into();
    json["providers"][0]["docs_url"] = "https://docs\nrm -rf ~".into();
    let path = write(dir.path(), "c.json", json.to_string().as_bytes());
    for args in [
        vec!["show", "gpt-4o"],
        vec!["list", "--provider", "openai"],
        vec!["cost", "gpt-4o", "--in", "1", "--explain"],
        vec!["compare", "gpt-4o", "gpt-4o-mini", "--in", "1"],
        vec!["list", "--provider", "openai", "--format", "markdown"],
        vec!["list", "--provider", "openai", "--format", "csv"],
        vec!["snippet", "gpt-4o", "--lang", "python"],
    ] {
        let output = llmcost()
            .arg("--catalog")
            .arg(&path)
            .args(&args)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let stdout = String::from_utf8(output.stdout).unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(
            !stdout.contains('\u{1b}') && !stdout.contains('\u{7}'),
            "{args:?}: {stdout:?}"
        );
        assert!(!stderr.contains('\u{1b}'), "{args:?}: {stderr:?}");
        assert!(!stdout.contains("\nrm -rf"), "{args:?}: {stdout}");
    }
    let output = llmcost()
        .arg("--catalog")
        .arg(&path)
        .args(["show", "gpt-4o", "--json"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("\\u001b[2J"), "{text}");
    let card: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(card["name"], "GPT\u{1b}[2J\u{1b}]0;pwned\u{7}");
}

#[test]
fn hostile_model_names_in_errors_are_sanitized() {
    llmcost()
        .args(["show", "evil\u{1b}[2Jname"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains('\u{1b}').not())
        .stderr(predicate::str::contains("evil\u{FFFD}[2Jname"));
}

#[test]
fn control_characters_in_snippet_fields_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut json = fixture_json();
    json["providers"][0]["api_base_url"] = "https://api.openai.com/v1\u{1b}[2J".into();
    let path = write(dir.path(), "c.json", json.to_string().as_bytes());
    llmcost()
        .arg("--catalog")
        .arg(&path)
        .args(["snippet", "gpt-4o", "--lang", "curl"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("contains control characters"));
}

#[test]
fn broken_catalogs_give_one_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut forty = fixture_json();
    forty["models"][2]["prices"]["input"] = "0.1234567890123456789012345678901234567890".into();
    let mut huge = fixture_json();
    huge["models"][2]["prices"]["input"] = "99999999999999999999999999999999999".into();
    let mut huge_context = fixture_json();
    huge_context["models"][2]["context_window"] = serde_json::json!(1e300);
    let nested = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let duplicate = r#"{"schema_version": 1, "schema_version": 1, "as_of": "x", "currency": "USD", "providers": [], "models": []}"#;
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("forty-decimals", forty.to_string().into_bytes()),
        ("huge-price", huge.to_string().into_bytes()),
        ("huge-context", huge_context.to_string().into_bytes()),
        ("nested", nested.into_bytes()),
        ("duplicate-keys", duplicate.as_bytes().to_vec()),
        ("not-utf8", vec![0xff, 0xfe, 0xfd, b'{']),
        ("empty", Vec::new()),
        ("spaces", b"   \n\t ".to_vec()),
        ("array", b"[]".to_vec()),
        ("null", b"null".to_vec()),
    ];
    for (name, bytes) in cases {
        let path = write(dir.path(), name, &bytes);
        let output = llmcost()
            .arg("--catalog")
            .arg(&path)
            .args(["cost", "gpt-4o", "--in", "1M", "--out", "1M"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{name}: {stderr}");
        assert!(stderr.starts_with("llmcost: error: "), "{name}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{name}: {stderr}");
    }
}

#[test]
fn a_200_mb_catalog_is_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.json");
    let file = fs::File::create(&path).unwrap();
    file.set_len(200 * 1024 * 1024).unwrap();
    let started = Instant::now();
    llmcost()
        .arg("--catalog")
        .arg(&path)
        .args(["list"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is too large"));
    // Refused from its size, before reading: well under the time a read takes.
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn prices_at_the_edge_of_decimal_range_are_errors_not_panics() {
    let dir = tempfile::tempdir().unwrap();
    let mut json = fixture_json();
    json["models"][2]["prices"]["input"] = "79228162514264337593543950335".into();
    json["models"][2]["prices"]["output"] = "79228162514264337593543950335".into();
    let path = write(dir.path(), "edge.json", json.to_string().as_bytes());
    for args in [
        vec![
            "cost",
            "gpt-4o",
            "--in",
            "18446744073709551615",
            "--out",
            "1",
            "--requests",
            "18446744073709551615",
        ],
        vec!["compare", "--in", "1B", "--out", "1B"],
        vec!["related", "gpt-4o-mini"],
        vec!["budget", "gpt-4o", "--usd", "1"],
        vec!["show", "gpt-4o"],
        vec!["list", "--sort", "price"],
    ] {
        let output = llmcost()
            .arg("--catalog")
            .arg(&path)
            .args(&args)
            .output()
            .unwrap();
        let code = output.status.code();
        assert!(
            matches!(code, Some(0 | 1)),
            "{args:?}: {code:?} {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// Every subcommand × a list of bad arguments: exit 1 or 2 with a message, never 101.
#[test]
fn no_panic_sweep() {
    let long = "x".repeat(10_000);
    let bad_values: Vec<&str> = vec![
        "",
        " ",
        "-1",
        "1.5",
        "1e999",
        "99999999999999999999999999",
        "ünïcødé",
        "💥",
        "\u{1b}[2J",
        "../../etc/passwd",
        &long,
        "--",
        "-",
        "NaN",
    ];
    let commands: Vec<Vec<&str>> = vec![
        vec!["show"],
        vec!["cost", "gpt-4o", "--in"],
        vec!["cost", "gpt-4o", "--out", "1", "--requests"],
        vec!["cost", "gpt-4o", "--total", "1M", "--mix"],
        vec!["cost", "gpt-4o", "--in", "1", "--as-of"],
        vec!["cost", "gpt-4o", "--in", "1", "--currency", "EUR", "--fx"],
        vec!["cost"],
        vec!["compare", "--in", "1", "--min-context"],
        vec!["compare", "--in", "1", "--max-price"],
        vec!["compare"],
        vec!["related"],
        vec!["related", "gpt-4o", "--limit"],
        vec!["search"],
        vec!["snippet"],
        vec!["snippet", "gpt-4o", "--lang"],
        vec!["snippet", "gpt-4o", "--max-tokens"],
        vec!["budget", "gpt-4o", "--usd"],
        vec!["list", "--provider"],
        vec!["list", "--tier"],
        vec!["list", "--limit"],
        vec!["history"],
        vec!["tally"],
        vec!["catalog", "check", "--against"],
        vec!["catalog", "export", "--format"],
        vec!["catalog", "update", "--format"],
    ];
    let mut runs = 0;
    for command in &commands {
        for value in &bad_values {
            let output = llmcost_fixture()
                .args(command)
                .arg(value)
                .write_stdin("")
                .timeout(Duration::from_secs(20))
                .output()
                .unwrap();
            runs += 1;
            let code = output.status.code();
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_ne!(code, Some(101), "{command:?} {value:?} panicked: {stderr}");
            assert!(code.is_some(), "{command:?} {value:?} was killed");
            if code != Some(0) {
                assert!(
                    matches!(code, Some(1 | 2)),
                    "{command:?} {value:?}: {code:?}"
                );
                assert!(
                    !stderr.trim().is_empty(),
                    "{command:?} {value:?}: silent failure"
                );
            }
        }
    }
    for flag in ["--no-such-flag", "--in=-1", "--json=maybe"] {
        llmcost_fixture()
            .args(["cost", "gpt-4o", flag])
            .assert()
            .code(2);
    }
    assert!(runs > 300);
}

#[test]
fn commands_that_need_no_cache_work_without_a_home() {
    llmcost()
        .env_remove("HOME")
        .env_remove("XDG_CACHE_HOME")
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
        .stdout(predicate::str::contains("\"total\": 0.91"));
}

#[test]
fn an_unwritable_cache_folder_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = write(dir.path(), "not-a-folder", b"x");
    llmcost()
        .env("XDG_CACHE_HOME", &blocker)
        .args(["catalog", "update", "--from"])
        .arg(fixture("litellm_sample.json"))
        .assert()
        .code(1)
        .stderr(predicate::str::starts_with(
            "llmcost: error: could not create the cache folder",
        ));
    // Reading commands still work: the bundled catalog needs no cache.
    llmcost()
        .env("XDG_CACHE_HOME", &blocker)
        .args([
            "cost",
            "mistral-small-3-1-24b-instruct",
            "--in",
            "1M",
            "--out",
            "1M",
        ])
        .assert()
        .success();
}

#[test]
fn killing_an_update_leaves_the_old_cache_intact() {
    use common::http::{HttpServer, Reply};
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("llmcost").join("catalog.json");
    fs::create_dir_all(cache.parent().unwrap()).unwrap();
    fs::copy(fixture("catalog.json"), &cache).unwrap();
    let before = fs::read(&cache).unwrap();
    let server = HttpServer::start(Reply::Stall);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("llmcost"))
        .args(["catalog", "update", "--from", &server.url()])
        .env("XDG_CACHE_HOME", dir.path())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(fs::read(&cache).unwrap(), before);
}

#[test]
fn no_command_reads_standard_input_unless_asked() {
    // With a stdin that never ends, every command still finishes.
    for args in [
        vec!["list"],
        vec!["cost", "gpt-4o", "--in", "1"],
        vec!["search", "gpt"],
        vec!["catalog", "info"],
    ] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("llmcost"))
            .arg("--catalog")
            .arg(fixture("catalog.json"))
            .args(&args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        loop {
            if let Some(status) = child.try_wait().unwrap() {
                assert!(status.success(), "{args:?}");
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "{args:?} waited for stdin"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

#[test]
fn a_closed_pipe_ends_every_format_quietly() {
    // The reader goes away at once; the output (the whole bundled catalog)
    // is far larger than a pipe's buffer, so every format meets EPIPE.
    for args in [
        vec!["list"],
        vec!["list", "--json"],
        vec!["list", "--format", "csv"],
        vec!["list", "--format", "markdown"],
        vec!["compare", "--in", "1k", "--out", "1k", "--json"],
        vec!["catalog", "export"],
        vec!["catalog", "export", "--format", "json"],
        vec!["catalog", "export", "--format", "jsonl"],
    ] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("llmcost"))
            .args(&args)
            .env_remove("LLMCOST_CATALOG")
            .env("XDG_CACHE_HOME", fixture("no-such-cache-dir"))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "{args:?}: {:?}", output.status);
        // Notes may come first; no error, no "Broken pipe".
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.lines().all(|l| l.starts_with("llmcost: note: ")),
            "{args:?} said: {stderr}"
        );
    }
}

#[test]
fn usage_errors_are_one_line_with_exit_code_2() {
    let cases: [(&[&str], &str); 3] = [
        (
            &["cost", "gpt-4o", "--in", "abc"],
            "llmcost: error: invalid value 'abc' for '--in <TOKENS>': 'abc' is not a count; expected digits with an optional k, M, B or T suffix (e.g. 250k, 1.5M) (see 'llmcost cost --help')\n",
        ),
        (
            &["--bogus"],
            "llmcost: error: unexpected argument '--bogus' found (see 'llmcost --help')\n",
        ),
        (
            &["cost"],
            "llmcost: error: the following required arguments were not provided: <--in <TOKENS>|--out <TOKENS>|--total <TOKENS>|--in-file <FILE>|--out-file <FILE>> <MODEL> (see 'llmcost cost --help')\n",
        ),
    ];
    for (args, stderr) in cases {
        common::llmcost()
            .args(args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(stderr);
    }
    common::llmcost()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Usage: llmcost"));
}

#[test]
fn oversized_ids_and_impossible_dates_are_usage_errors() {
    let long_id = "a".repeat(100_000);
    for args in [
        vec!["cost", long_id.as_str(), "--in", "1"],
        vec!["search", long_id.as_str()],
        vec!["show", long_id.as_str()],
        vec!["compare", long_id.as_str(), "--in", "1"],
    ] {
        llmcost_fixture()
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "is 100000 bytes long; model ids and search text are at most 512",
            ))
            .stderr(predicate::function(|s: &str| {
                s.len() < 400 && s.lines().count() == 1
            }));
    }
    for date in ["2026-02-30", "2026-13-01", "2026-1-1", "yesterday"] {
        llmcost_fixture()
            .args(["cost", "gpt-4o", "--in", "1", "--as-of", date])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("is not a date (YYYY-MM-DD)"));
    }
    // T is a documented suffix: 1T × $2.50 / 1M = $2,500,000.
    let json = common::json_of(llmcost_fixture().args(["cost", "gpt-4o", "--in", "1T", "--json"]));
    assert_eq!(json["total"].to_string(), "2500000");
}

#[test]
fn hostile_witnesses_are_refused_or_harmless() {
    let dir = tempfile::tempdir().unwrap();
    let mut catalog = fixture_json();
    let models = catalog["models"].as_array_mut().unwrap();
    let gpt = models
        .iter_mut()
        .find(|m| m["id"] == "gpt-4o-mini")
        .unwrap();
    gpt["witnesses"] = serde_json::json!([{"source": "x", "input": "-1", "output": "1"}]);
    gpt["confidence"] = serde_json::json!("disputed");
    let path = write(dir.path(), "negative.json", catalog.to_string().as_bytes());
    llmcost()
        .arg("--catalog")
        .arg(&path)
        .args(["show", "gpt-4o-mini"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("negative witnesses.input price"));
    // Witnesses at the edge of Decimal's range compare without overflow.
    let mut catalog = fixture_json();
    let models = catalog["models"].as_array_mut().unwrap();
    let gpt = models
        .iter_mut()
        .find(|m| m["id"] == "gpt-4o-mini")
        .unwrap();
    gpt["prices"]["input"] = serde_json::json!("79228162514264337593543950335");
    gpt["witnesses"] = serde_json::json!([{"source": "x", "input": "0.0000000000000000000000000001", "output": "1"}]);
    let path = write(dir.path(), "edge.json", catalog.to_string().as_bytes());
    llmcost()
        .arg("--catalog")
        .arg(&path)
        .args(["show", "gpt-4o-mini"])
        .assert()
        .success();
}

/// `tally FILE --json` under a ceiling of 500 MB of address space (`ulimit
/// -v`): its JSON report.
fn tally_within_500_mb(file: &Path) -> serde_json::Value {
    let binary = assert_cmd::cargo::cargo_bin("llmcost");
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 500000 && exec \"$0\" tally \"$1\" --json")
        .arg(&binary)
        .arg(file)
        .env("XDG_CACHE_HOME", fixture("no-such-cache-dir"))
        .env("LLMCOST_TODAY", "2026-11-20")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn an_over_long_line_or_a_decompression_bomb_is_skipped_in_bounded_memory() {
    use std::io::Write;
    // Each good line is gpt-4o-mini, 1,000 in + 100 out: 1,000 ×
    // $0.15 + 100 × $0.60 per 1M = $0.00021. The over-long line counts as
    // one malformed line; before, the file stopped there ("0 of 0 lines
    // priced"), holding the whole line (441 MB for 300 MB).
    let good = br#"{"model":"gpt-4o-mini","input_tokens":1000,"output_tokens":100}"#;
    let dir = tempfile::tempdir().unwrap();
    let long = dir.path().join("long.jsonl");
    let mut file = fs::File::create(&long).unwrap();
    file.write_all(good).unwrap();
    file.write_all(b"\n").unwrap();
    file.write_all(br#"{"model":"gpt-4o-mini","pad":""#)
        .unwrap();
    let chunk = vec![b'x'; 1 << 20];
    for _ in 0..300 {
        file.write_all(&chunk).unwrap();
    }
    file.write_all(b"\"}\n").unwrap();
    file.write_all(good).unwrap();
    file.write_all(b"\n").unwrap();
    drop(file);
    // A good line, the 300 MB one, a good line: $0.00042 in all.
    let json = tally_within_500_mb(&long);
    assert_eq!(json["total"].to_string(), "0.00042");
    assert_eq!(json["malformed"]["first_lines"], serde_json::json!([2]));
    // 1 GiB of zeros without a line break, gzipped to a few MB (64 copies
    // of one 16 MiB member: gzip members concatenate), then the good line.
    let member = {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(&vec![0; 16 << 20]).unwrap();
        encoder.finish().unwrap()
    };
    let tail = {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(b"\n").unwrap();
        encoder.write_all(good).unwrap();
        encoder.write_all(b"\n").unwrap();
        encoder.finish().unwrap()
    };
    let bomb = dir.path().join("bomb.jsonl.gz");
    let mut bytes = member.repeat(64);
    bytes.extend_from_slice(&tail);
    fs::write(&bomb, bytes).unwrap();
    let json = tally_within_500_mb(&bomb);
    assert_eq!(json["total"].to_string(), "0.00021");
    assert_eq!(json["malformed"]["count"], 1);
}

#[test]
fn a_count_beside_the_input_past_any_real_request_is_one_malformed_line() {
    // Citations and requests are part of no other count, so no whole
    // bounds them: two lines of u64::MAX citation tokens (and two of
    // u64::MAX requests) would overflow the sums and stop the report. Each
    // is one malformed line; the last line is priced: GPT-4o mini, 1M in
    // + 1M out = $0.15 + $0.60.
    let dir = tempfile::tempdir().unwrap();
    let max = u64::MAX;
    let citations = format!(
        "{{\"model\":\"sonar-deep-research\",\"provider\":\"perplexity\",\"input_tokens\":10,\"output_tokens\":1,\"citation_tokens\":{max}}}\n"
    );
    let requests = format!(
        "{{\"model\":\"gpt-4o-mini\",\"input_tokens\":10,\"output_tokens\":1,\"requests\":{max}}}\n"
    );
    let mut log = [citations.as_str(), requests.as_str()].repeat(2).concat();
    log.push_str(
        "{\"model\":\"gpt-4o-mini\",\"input_tokens\":1000000,\"output_tokens\":1000000}\n",
    );
    let file = write(dir.path(), "huge.jsonl", log.as_bytes());
    let json = common::json_of(common::llmcost().arg("tally").arg(&file).arg("--json"));
    assert_eq!(json["total"].to_string(), "0.75", "{json}");
    assert_eq!(json["malformed"]["count"], 4, "{json}");
}
