//! One bill, whatever the door: the same request priced through `cost`,
//! `compare`, `tally` (in every log shape that can carry it), `--annotate`
//! and `--normalize` read back must give the same total to the last digit.
//!
//! A seeded generator draws workloads over the bundled catalog (cached
//! input, cache writes, reasoning, requests, sizes on both sides of every
//! long-context threshold) and checks every door against `cost --json`.
//! `cargo test` runs a sample (`LLMCOST_DOOR_CASES`, default 120, with a
//! fixed seed); `.ci/run` runs more with the seed of the day, and a failure
//! prints the seed that reproduces it (`LLMCOST_DOOR_SEED`). A door that
//! cannot express a workload (a cache write in an OpenAI usage object) is
//! not asked to; a line a door could not price must be one `cost` could not
//! price either.
//!
//! Also here: the regression tests for the divergences this harness was
//! written to catch, each worked by hand.

use crate::common;

use common::{json_of, llmcost, stdout_of};
use serde_json::{Value, json};

/// A small, seeded generator (64-bit linear congruential, Knuth's
/// constants): enough to draw workloads, the same on every machine.
struct Draw(u64);

impl Draw {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }
}

/// One request shape on one model: per-request counts and the count of
/// requests.
#[derive(Debug, Clone)]
struct Case {
    provider: String,
    id: String,
    input: u64,
    cached: u64,
    written: u64,
    output: u64,
    reasoning: u64,
    requests: u64,
}

impl Case {
    fn qualified(&self) -> String {
        format!("{}/{}", self.provider, self.id)
    }

    fn flags(&self) -> Vec<String> {
        let mut flags = vec![
            "--in".to_string(),
            self.input.to_string(),
            "--out".to_string(),
            self.output.to_string(),
            "--requests".to_string(),
            self.requests.to_string(),
        ];
        for (flag, n) in [
            ("--cached-in", self.cached),
            ("--cache-write", self.written),
            ("--reasoning", self.reasoning),
        ] {
            if n > 0 {
                flags.extend([flag.to_string(), n.to_string()]);
            }
        }
        flags
    }

    /// llmcost's flat record: the totals of `requests` requests.
    fn flat(&self) -> Value {
        let n = self.requests;
        json!({
            "model": self.id, "provider": self.provider,
            "input_tokens": self.input * n, "cached_input_tokens": self.cached * n,
            "cache_write_tokens": self.written * n, "output_tokens": self.output * n,
            "reasoning_tokens": self.reasoning * n, "requests": n,
        })
    }

    /// The same request in the log shapes that can carry it, one line per
    /// request (so only one-request cases), with the shape's name.
    fn shaped(&self) -> Vec<(&'static str, Value)> {
        let mut lines = Vec::new();
        if self.requests != 1 {
            return lines;
        }
        if self.written == 0 {
            lines.push((
                "openai-chat-completions",
                json!({"model": self.id, "provider": self.provider, "usage": {
                    "prompt_tokens": self.input, "completion_tokens": self.output,
                    "prompt_tokens_details": {"cached_tokens": self.cached},
                    "completion_tokens_details": {"reasoning_tokens": self.reasoning}}}),
            ));
        }
        if self.reasoning == 0 {
            lines.push((
                "anthropic-messages",
                json!({"model": self.id, "provider": self.provider, "usage": {
                    "input_tokens": self.input - self.cached - self.written,
                    "cache_read_input_tokens": self.cached,
                    "cache_creation_input_tokens": self.written,
                    "output_tokens": self.output}}),
            ));
        }
        lines
    }
}

/// The bundled catalog's models with their long-context thresholds.
fn catalog_models() -> Vec<(String, String, Vec<u64>)> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog.json"))
        .expect("the bundled catalog");
    let catalog: Value = serde_json::from_str(&text).unwrap();
    catalog["models"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["prices"]["input"].is_string() || m["prices"]["input"].is_number())
        .map(|m| {
            let prices = &m["prices"];
            let thresholds = prices["long_context"]["threshold"]
                .as_u64()
                .into_iter()
                .chain(
                    prices["higher_tiers"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|t| t["threshold"].as_u64()),
                )
                .collect();
            (
                m["provider"].as_str().unwrap().to_string(),
                m["id"].as_str().unwrap().to_string(),
                thresholds,
            )
        })
        .collect()
}

/// `count` cases drawn with `seed`: any model, input on either side of its
/// thresholds (exactly at one, one past it) or small, parts within wholes.
fn cases(seed: u64, count: usize) -> Vec<Case> {
    let models = catalog_models();
    let mut draw = Draw(seed);
    (0..count)
        .map(|_| {
            let (provider, id, thresholds) = &models[draw.below(models.len() as u64) as usize];
            let input = match (thresholds.as_slice(), draw.below(4)) {
                ([], _) | (_, 0) => 1 + draw.below(50_000),
                (t, 1) => t[draw.below(t.len() as u64) as usize],
                (t, 2) => t[draw.below(t.len() as u64) as usize] + 1,
                (t, _) => t[draw.below(t.len() as u64) as usize] + draw.below(100_000),
            };
            let cached = if draw.below(2) == 0 {
                0
            } else {
                draw.below(input / 2 + 1)
            };
            let written = if draw.below(3) == 0 {
                draw.below((input - cached) / 2 + 1)
            } else {
                0
            };
            let output = draw.below(20_000);
            let reasoning = if draw.below(3) == 0 {
                draw.below(output + 1)
            } else {
                0
            };
            let requests = [1, 1, 1, 2, 7, 1000][draw.below(6) as usize];
            Case {
                provider: provider.clone(),
                id: id.clone(),
                input,
                cached,
                written,
                output,
                reasoning,
                requests,
            }
        })
        .collect()
}

/// `cost`'s total for the case, or `None` when `cost` cannot price it.
fn cost_total(case: &Case) -> Option<String> {
    let output = llmcost()
        .arg("cost")
        .arg(case.qualified())
        .args(case.flags())
        .arg("--json")
        .output()
        .unwrap();
    if !output.status.success() {
        return None;
    }
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    Some(json["total"].to_string())
}

/// `compare`'s row total for the case (`null` when unpriced).
fn compare_total(case: &Case) -> Option<String> {
    let output = llmcost()
        .arg("compare")
        .arg(case.qualified())
        .args(case.flags())
        .arg("--json")
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).ok()?;
    let total = &json["rows"][0]["total"];
    (!total.is_null()).then(|| total.to_string())
}

/// Each line of `log` as `tally --annotate` prices it: its USD, or `None`.
fn annotated(log: &std::path::Path) -> Vec<Option<String>> {
    let text = stdout_of(llmcost().arg("tally").arg(log).arg("--annotate"));
    text.lines()
        .map(|line| {
            let value: Value = serde_json::from_str(line).unwrap();
            let cost = &value["cost"];
            (cost["status"] == "priced").then(|| cost["usd"].to_string())
        })
        .collect()
}

/// Every door's answer for every case, as `(case, door, answer)` where
/// `cost`'s differs; empty when all agree. `mutate` breaks the normalized
/// rows before they are read back (the harness's own check that it can
/// fail).
fn disagreements(seed: u64, count: usize, mutate: fn(&mut Value)) -> Vec<String> {
    let cases = cases(seed, count);
    let dir = tempfile::tempdir().unwrap();
    let mut lines: Vec<(usize, &'static str, Value)> = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        lines.push((i, "llmcost", case.flat()));
        for (shape, line) in case.shaped() {
            lines.push((i, shape, line));
        }
    }
    let log = dir.path().join("doors.jsonl");
    let text = json_lines(lines.iter().map(|(_, _, l)| l));
    std::fs::write(&log, text).unwrap();
    // --normalize's rows, read back as a log of their own.
    let normalized = stdout_of(llmcost().arg("tally").arg(&log).arg("--normalize"));
    let mut rows: Vec<Value> = normalized
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    rows.iter_mut().for_each(mutate);
    let back = dir.path().join("normalized.jsonl");
    let text = json_lines(rows.iter());
    std::fs::write(&back, text).unwrap();
    let priced_lines = annotated(&log);
    let read_back = annotated(&back);
    let mut next_row = 0;
    let mut found = Vec::new();
    let expected: Vec<Option<String>> = cases.iter().map(cost_total).collect();
    for ((i, shape, _), door) in lines.iter().zip(&priced_lines) {
        let want = &expected[*i];
        let mut check = |name: &str, got: &Option<String>| {
            if got != want {
                found.push(format!(
                    "{:?}: {name} says {got:?}, cost says {want:?}",
                    cases[*i]
                ));
            }
        };
        check(&format!("tally ({shape})"), door);
        if door.is_some() {
            let back = read_back.get(next_row).cloned().flatten();
            next_row += 1;
            check(&format!("--normalize read back ({shape})"), &back);
        }
    }
    for (case, want) in cases.iter().zip(&expected).step_by(3) {
        let got = compare_total(case);
        if &got != want {
            found.push(format!(
                "{case:?}: compare says {got:?}, cost says {want:?}"
            ));
        }
    }
    found
}

/// Values as JSON Lines.
fn json_lines<'v>(values: impl Iterator<Item = &'v Value>) -> String {
    values.fold(String::new(), |mut text, value| {
        text.push_str(&value.to_string());
        text.push('\n');
        text
    })
}

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
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("flat.jsonl");
    std::fs::write(
        &log,
        concat!(
            r#"{"model":"anthropic/claude-sonnet-4-6","provider":"deepinfra","input_tokens":10000,"cached_input_tokens":8000,"output_tokens":2000}"#,
            "\n",
            r#"{"model":"nvidia/nemotron-3-nano-30b-a3b","provider":"novita","input_tokens":10000,"output_tokens":2000}"#,
            "\n"
        ),
    )
    .unwrap();
    let json = json_of(
        llmcost()
            .arg("tally")
            .arg(&log)
            .args(["--by", "model", "--json"]),
    );
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
