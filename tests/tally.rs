//! `llmcost tally`: usage logs priced exactly, each record shape, grouping,
//! malformed and unknown lines, --strict, standard input.

use crate::common;

use common::{fixture, json_of, llmcost, llmcost_fixture, stdout_of, tally_bundled};
use predicates::prelude::*;

fn tally(args: &[&str]) -> serde_json::Value {
    json_of(
        llmcost_fixture()
            .arg("tally")
            .arg(fixture("usage.jsonl"))
            .args(args)
            .arg("--json"),
    )
}

fn group<'a>(json: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    json["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["group"] == name)
        .unwrap_or_else(|| panic!("no group {name} in {json}"))
}

#[test]
fn every_record_shape_is_priced_exactly() {
    let json = tally(&[]);
    // gpt-4o-mini: 1M × 0.15 + 1M × 0.6 = 0.75; OpenAI shape: 1,000 uncached × 0.15
    // + 1,000 cached × 0.075 + 500 × 0.6 (reasoning is output) = 0.00015 + 0.000075 + 0.0003
    assert_eq!(
        group(&json, "openai/gpt-4o-mini")["cost"].to_string(),
        "0.750525"
    );
    // Anthropic shape: input excludes cache: 1,000 × 1 + 4,000 reads × 0.1 + 1,000 writes × 1.25 + 200 × 5
    assert_eq!(
        group(&json, "anthropic/claude-haiku-4-5")["cost"].to_string(),
        "0.00365"
    );
    assert_eq!(
        group(&json, "anthropic/claude-haiku-4-5")["input_tokens"],
        6000
    );
    // Long context per request: 300k × 2.5 + 1k × 15 = 0.765; 100k × 1.25 + 1k × 10 = 0.135
    assert_eq!(
        group(&json, "google/gemini-2.5-pro")["cost"].to_string(),
        "0.9"
    );
    // A provider field picks the offer: azure's gpt-4o at 2.75.
    assert_eq!(group(&json, "azure/gpt-4o")["cost"].to_string(), "2.75");
    assert_eq!(json["total"].to_string(), "4.404175");
    // Which shape read each priced line.
    assert_eq!(
        json["shapes"],
        serde_json::json!({"anthropic-messages": 1, "llmcost": 4, "openai-chat-completions": 1})
    );
    assert_eq!(json["lines"], 10);
    assert_eq!(json["priced"], 6);
    assert_eq!(json["malformed"]["count"], 2);
    assert_eq!(json["malformed"]["first_lines"], serde_json::json!([5, 9]));
    assert_eq!(json["unknown"]["count"], 2);
    assert_eq!(json["unknown_models"][0]["name"], "no-such-model");
    assert_eq!(json["unknown_models"][0]["count"], 2);
    assert_eq!(json["unknown_models"][0]["first_line"], 6);
}

#[test]
fn totals_agree_with_cost() {
    // The same workload through `cost` and through `tally` gives the same total.
    for (input, output, cached) in [
        (300_000, 1_000, 0),
        (100_000, 2_000, 50_000),
        (5_000_000, 0, 0),
    ] {
        let cost = json_of(llmcost_fixture().args([
            "cost",
            "gemini-2.5-pro",
            "--in",
            &input.to_string(),
            "--out",
            &output.to_string(),
            "--cached-in",
            &cached.to_string(),
            "--json",
        ]));
        let line = format!(
            "{{\"model\":\"gemini-2.5-pro\",\"input_tokens\":{input},\"output_tokens\":{output},\"cached_input_tokens\":{cached}}}\n"
        );
        let tally = json_of(
            llmcost_fixture()
                .args(["tally", "-", "--json"])
                .write_stdin(line),
        );
        assert_eq!(tally["total"], cost["total"], "{input}/{output}/{cached}");
    }
}

#[test]
fn grouping_by_provider_day_and_month() {
    let json = tally(&["--by", "provider"]);
    assert_eq!(group(&json, "openai")["cost"].to_string(), "0.750525");
    let json = tally(&["--by", "day"]);
    assert_eq!(group(&json, "2026-11-01")["requests"], 2);
    assert_eq!(group(&json, "2026-12-01")["cost"].to_string(), "0.9");
    assert_eq!(group(&json, "unknown")["requests"], 1);
    let json = tally(&["--by", "month"]);
    assert_eq!(group(&json, "2026-11")["cost"].to_string(), "0.754175");
}

#[test]
fn strict_fails_on_the_first_bad_line() {
    llmcost_fixture()
        .arg("tally")
        .arg(fixture("usage.jsonl"))
        .arg("--strict")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("line 5 of"))
        .stderr(predicate::str::contains("is not a usage record"));
}

#[test]
fn reads_standard_input_only_when_asked() {
    let out = stdout_of(
        llmcost_fixture()
            .args(["tally", "-", "--json"])
            .write_stdin(
                "{\"model\": \"gpt-4o\", \"input_tokens\": 1000000, \"output_tokens\": 0}\n",
            ),
    );
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["total"].to_string(), "2.5");
    llmcost_fixture().arg("tally").assert().code(2);
}

#[test]
fn table_output() {
    let out = stdout_of(llmcost_fixture().arg("tally").arg(fixture("usage.jsonl")));
    assert!(out.contains("6 of 10 lines priced (USD)."), "{out}");
    assert!(out.contains("2 malformed lines (first: 5, 9)"), "{out}");
    assert!(
        out.contains("2 lines with unknown models: no-such-model ×2 (line 6)"),
        "{out}"
    );
}

#[test]
fn a_large_log_spans_many_blocks_and_threads() {
    // 200k lines (more than one 4 MiB block): every line counted once.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.jsonl");
    let line = "{\"model\":\"gpt-4o-mini\",\"input_tokens\":1000,\"output_tokens\":100}\n";
    std::fs::write(&path, line.repeat(200_000)).unwrap();
    let json = json_of(llmcost_fixture().arg("tally").arg(&path).arg("--json"));
    assert_eq!(json["priced"], 200_000);
    // 200k × (1,000 × 0.15 + 100 × 0.6) per 1M = 200k × 0.00021
    assert_eq!(json["total"].to_string(), "42");
}

#[test]
fn anthropic_one_hour_cache_writes_are_billed_at_the_one_hour_rate() {
    // Haiku 4.5: 1,100 × $1 + 5,000 one-hour writes × $2 + 500 × $5 per 1M
    // = $0.0011 + $0.01 + $0.0025 = $0.0136 (at the 5-minute $1.25: $0.00985).
    let line = r#"{"model":"claude-haiku-4-5","usage":{"input_tokens":1100,"cache_creation_input_tokens":5000,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":5000},"output_tokens":500}}"#;
    assert_eq!(tally_bundled(&[line], &[])["total"].to_string(), "0.0136");
    // A split of 3,000 five-minute and 2,000 one-hour writes:
    // $0.0011 + 3,000 × $1.25 + 2,000 × $2 + $0.0025 = $0.0011 + $0.00375 + $0.004 + $0.0025
    let split = r#"{"model":"claude-haiku-4-5","usage":{"input_tokens":1100,"cache_creation_input_tokens":5000,"cache_creation":{"ephemeral_5m_input_tokens":3000,"ephemeral_1h_input_tokens":2000},"output_tokens":500}}"#;
    assert_eq!(tally_bundled(&[split], &[])["total"].to_string(), "0.01135");
    // Batch: every rate halves, the derived 1-hour batch write too: half of $0.01135.
    assert_eq!(
        tally_bundled(&[split], &["--batch"])["total"].to_string(),
        "0.005675"
    );
}

#[test]
fn responses_api_cached_tokens_and_created_at() {
    // gpt-5-mini: 2,000 uncached × $0.25 + 8,000 cached × $0.025 + 500 × $2 per 1M
    // = $0.0005 + $0.0002 + $0.001 = $0.0017, as `cost --in 10000 --cached-in 8000 --out 500`.
    let response = r#"{"object":"response","created_at":1764028800,"model":"gpt-5-mini","usage":{"input_tokens":10000,"input_tokens_details":{"cached_tokens":8000},"output_tokens":500,"output_tokens_details":{"reasoning_tokens":100},"total_tokens":10500}}"#;
    // A Chat Completions object dated by `created` (2025-11-26 00:00:00 UTC):
    // 1,000 × $0.25 + 100 × $2 per 1M = $0.00025 + $0.0002
    let chat = r#"{"object":"chat.completion","created":1764115200,"model":"gpt-5-mini","usage":{"prompt_tokens":1000,"completion_tokens":100}}"#;
    let json = tally_bundled(&[response, chat], &["--by", "day"]);
    assert_eq!(group(&json, "2025-11-25")["cost"].to_string(), "0.0017");
    assert_eq!(json["shapes"]["openai-responses"], 1);
    assert_eq!(group(&json, "2025-11-26")["cost"].to_string(), "0.00045");
    let cost = json_of(common::llmcost().args([
        "cost",
        "gpt-5-mini",
        "--in",
        "10000",
        "--cached-in",
        "8000",
        "--out",
        "500",
        "--json",
    ]));
    assert_eq!(cost["total"].to_string(), "0.0017");
}

#[test]
fn gemini_batch_results_session_lines_and_stream_chunks() {
    let json = json_of(
        common::llmcost()
            .arg("tally")
            .arg(fixture("usage_shapes.jsonl"))
            .arg("--json"),
    );
    // Gemini: 6,000 uncached × $1.25 + 4,000 cached × $0.125 + (500 + 1,500
    // thinking) × $10 per 1M = $0.0075 + $0.0005 + $0.02.
    assert_eq!(
        group(&json, "google/gemini-2.5-pro")["cost"].to_string(),
        "0.028"
    );
    // Anthropic batch result at batch rates: 1,000 × $0.50 + 100 × $2.50 per 1M
    // = $0.00075; Claude Code line: 100 × $1 + 1,000 reads × $0.10 + 50 × $5
    // = $0.00045; together $0.0012.
    assert_eq!(
        group(&json, "anthropic/claude-haiku-4-5")["cost"].to_string(),
        "0.0012"
    );
    // OpenAI batch output at batch rates: 1,000 × $0.075 + 200 × $0.30 =
    // $0.000135; a stream's final chunk: 100 × $0.15 + 10 × $0.60 = $0.000021.
    assert_eq!(
        group(&json, "openai/gpt-4o-mini")["cost"].to_string(),
        "0.000156"
    );
    assert_eq!(json["total"].to_string(), "0.029356");
    // The session's user message is skipped, not malformed.
    assert_eq!(json["skipped"], 1);
    assert_eq!(json["malformed"]["count"], 0);
    assert_eq!(json["shapes"]["gemini-generate-content"], 1);
}

#[test]
fn a_logged_service_tier_bills_its_rates() {
    // OpenAI flex: 100,000 × $0.625 + 10,000 × $5 per 1M = $0.1125 (standard
    // would be $0.225); Anthropic's usage.service_tier "batch": 1,000 × $0.50
    // + 100 × $2.50 per 1M = $0.00075; GPT-6 Astra on ultrafast: 1,000 ×
    // $60 + 100 × $300 per 1M = $0.09 (standard: $0.015).
    let json = tally_bundled(
        &[
            r#"{"object":"chat.completion","model":"gpt-5","service_tier":"flex","usage":{"prompt_tokens":100000,"completion_tokens":10000}}"#,
            r#"{"object":"chat.completion","model":"gpt-6-astra","service_tier":"ultrafast","usage":{"prompt_tokens":1000,"completion_tokens":100}}"#,
            r#"{"type":"message","model":"claude-haiku-4-5","usage":{"input_tokens":1000,"output_tokens":100,"service_tier":"batch"}}"#,
        ],
        &[],
    );
    assert_eq!(group(&json, "openai/gpt-5")["cost"].to_string(), "0.1125");
    assert_eq!(
        group(&json, "openai/gpt-6-astra")["cost"].to_string(),
        "0.09"
    );
    assert_eq!(
        group(&json, "anthropic/claude-haiku-4-5")["cost"].to_string(),
        "0.00075"
    );
}

#[test]
fn deepseek_cache_hits_and_openai_cache_writes_are_parts_of_the_prompt() {
    // DeepSeek V3.2: 2,000 misses × $0.28 + 8,000 hits × $0.028 + 1,000 × $0.40
    // per 1M = $0.00056 + $0.000224 + $0.0004 = $0.001184 (all at $0.28: $0.0032).
    let deepseek = r#"{"model":"deepseek-v3.2","usage":{"prompt_tokens":10000,"completion_tokens":1000,"prompt_cache_hit_tokens":8000,"prompt_cache_miss_tokens":2000}}"#;
    assert_eq!(
        tally_bundled(&[deepseek], &[])["total"].to_string(),
        "0.001184"
    );
    // Haiku 4.5 through an OpenAI-compatible API: 4,000 uncached × $1 + 4,000
    // cached × $0.10 + 2,000 written × $1.25 + 100 × $5 per 1M
    // = $0.004 + $0.0004 + $0.0025 + $0.0005 = $0.0074.
    let chat = r#"{"object":"chat.completion","model":"claude-haiku-4-5","usage":{"prompt_tokens":10000,"completion_tokens":100,"prompt_tokens_details":{"cached_tokens":4000,"cache_write_tokens":2000}}}"#;
    assert_eq!(tally_bundled(&[chat], &[])["total"].to_string(), "0.0074");
}

#[test]
fn bedrock_converse_responses_and_invocation_logs() {
    // Converse: input excludes the cache. Haiku 4.5 on Bedrock through
    // the in-region `us.` profile (every rate ×1.1): 1,000 × $1.10 + 4,000
    // reads × $0.11 + 2,000 writes × $1.375 + 200 × $5.50 per 1M
    // = $0.0011 + $0.00044 + $0.00275 + $0.0011 = $0.00539.
    let converse = r#"{"modelId":"us.anthropic.claude-haiku-4-5-20251001-v1:0","output":{"message":{"role":"assistant","content":[{"text":"Hi"}]}},"stopReason":"end_turn","usage":{"inputTokens":1000,"outputTokens":200,"cacheReadInputTokens":4000,"cacheWriteInputTokens":2000,"totalTokens":7200}}"#;
    // An invocation log naming the global profile by ARN (global rates):
    // 2,000 × $1 + 100 × $5 per 1M = $0.0025.
    let invocation = r#"{"schemaType":"ModelInvocationLog","schemaVersion":"1.0","timestamp":"2026-11-20T10:00:00Z","region":"us-east-1","operation":"Converse","modelId":"arn:aws:bedrock:us-east-1:123456789012:inference-profile/global.anthropic.claude-haiku-4-5-20251001-v1:0","input":{"inputContentType":"application/json","inputTokenCount":2000},"output":{"outputContentType":"application/json","outputBodyJson":{"usage":{"inputTokens":2000,"outputTokens":100}},"outputTokenCount":100}}"#;
    let json = tally_bundled(&[converse, invocation], &[]);
    assert_eq!(
        group(&json, "bedrock/anthropic.claude-haiku-4-5-20251001-v1:0")["cost"].to_string(),
        "0.00789"
    );
    assert_eq!(json["shapes"]["bedrock-converse"], 1);
    assert_eq!(json["shapes"]["bedrock-invocation-log"], 1);
    assert_eq!(json["malformed"]["count"], 0);
}

#[test]
fn responses_api_stream_events() {
    // Only `response.completed` carries usage; the other events are skipped.
    // gpt-5-mini: 1,000 × $0.25 + 100 × $2 per 1M = $0.00045.
    let created = r#"{"type":"response.created","sequence_number":0,"response":{"id":"resp_1","object":"response","created_at":1764028800,"model":"gpt-5-mini","output":[],"usage":null}}"#;
    let delta = r#"{"type":"response.output_text.delta","sequence_number":4,"item_id":"msg_1","delta":"Hi"}"#;
    let completed = r#"{"type":"response.completed","sequence_number":9,"response":{"id":"resp_1","object":"response","created_at":1764028800,"model":"gpt-5-mini","output":[{"type":"message","content":[{"type":"output_text","text":"Hi"}]}],"usage":{"input_tokens":1000,"input_tokens_details":{"cached_tokens":0},"output_tokens":100,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":1100}}}"#;
    let json = tally_bundled(&[created, delta, completed], &[]);
    assert_eq!(json["total"].to_string(), "0.00045");
    assert_eq!(json["priced"], 1);
    assert_eq!(json["skipped"], 2);
    assert_eq!(json["malformed"]["count"], 0);
}

/// A fixture under tests/fixtures/home, laid out like a user's home.
fn home_file(path: &str) -> std::path::PathBuf {
    fixture("home").join(path)
}

#[test]
fn claude_code_messages_logged_on_several_lines_are_billed_once() {
    let session = home_file(".claude/projects/-home-dev-shop/5f1c2a.jsonl");
    let json = json_of(
        common::llmcost()
            .arg("tally")
            .arg(&session)
            .args(["--json", "--by", "day"]),
    );
    // msg_A is written twice (a partial line, then the complete one); the
    // complete line is billed: 10 × $1 + 1,000 reads × $0.10 + 50 × $5 per
    // 1M = $0.00036 (both lines: $0.000495).
    assert_eq!(group(&json, "2026-11-20")["cost"].to_string(), "0.00036");
    // msg_B: 20 × $1 + 2,000 writes × $1.25 + 100 × $5 = $0.00302.
    assert_eq!(group(&json, "2026-11-21")["cost"].to_string(), "0.00302");
    assert_eq!(json["total"].to_string(), "0.00338");
    assert_eq!(json["duplicates"], 1);
    assert_eq!(json["priced"], 2);
    assert_eq!(json["skipped"], 2);
    // The same message repeated by a subagent's log, read in the same run,
    // is billed once as well.
    let subagent = home_file(".claude/projects/-home-dev-shop/5f1c2a/subagents/agent-1.jsonl");
    let mut both = std::fs::read_to_string(&session).unwrap();
    both.push_str(&std::fs::read_to_string(subagent).unwrap());
    let json = json_of(
        common::llmcost()
            .args(["tally", "-", "--json"])
            .write_stdin(both),
    );
    assert_eq!(json["total"].to_string(), "0.00338");
    assert_eq!(json["duplicates"], 2);
}

#[test]
fn annotate_marks_the_lines_tally_bills_whether_it_reads_files_or_a_pipe() {
    // The session (5 lines) plus msg_C, an unknown model written on two
    // lines, then a subagent's log (1 line, msg_A again). Files are read
    // twice (no line held back); a pipe once (lines held until it ends).
    // Either way the statuses agree with `tally`: msg_A's complete line in
    // the session and msg_B are billed ($0.00338, as above), msg_A's other
    // two lines are duplicates (the first file that has a message bills
    // it), and each msg_C line is an unknown model, as `tally` counts it on
    // every line.
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("session.jsonl");
    let unknown = r#"{"type":"assistant","requestId":"req_C","message":{"id":"msg_C","model":"claude-unknown-9","stop_reason":null,"usage":{"input_tokens":5,"output_tokens":1}}}"#;
    let mut text =
        std::fs::read_to_string(home_file(".claude/projects/-home-dev-shop/5f1c2a.jsonl")).unwrap();
    text.push_str(unknown);
    text.push('\n');
    text.push_str(&unknown.replace("null", r#""end_turn""#));
    text.push('\n');
    std::fs::write(&session, &text).unwrap();
    let subagent = home_file(".claude/projects/-home-dev-shop/5f1c2a/subagents/agent-1.jsonl");
    let statuses = |annotated: String| -> Vec<String> {
        annotated
            .lines()
            .map(|line| {
                let value: serde_json::Value = serde_json::from_str(line).unwrap();
                value["cost"]["status"].as_str().unwrap().to_string()
            })
            .collect()
    };
    let from_files = statuses(stdout_of(
        common::llmcost()
            .arg("tally")
            .arg(&session)
            .arg(&subagent)
            .arg("--annotate"),
    ));
    let expected = [
        "skipped",
        "duplicate",
        "priced",
        "priced",
        "skipped",
        "unknown_model",
        "unknown_model",
        "duplicate",
    ];
    assert_eq!(from_files, expected);
    let json = json_of(
        common::llmcost()
            .arg("tally")
            .arg(&session)
            .arg(&subagent)
            .arg("--json"),
    );
    assert_eq!(json["total"].to_string(), "0.00338");
    assert_eq!(json["duplicates"], 2);
    assert_eq!(json["unknown"]["count"], 2);
    // The session alone through a pipe: the same statuses for its lines.
    let from_pipe = statuses(stdout_of(
        common::llmcost()
            .args(["tally", "-", "--annotate"])
            .write_stdin(text),
    ));
    assert_eq!(from_pipe, expected[..7]);
}

#[test]
fn codex_token_counts_take_the_model_of_their_turn() {
    let json = json_of(
        common::llmcost()
            .arg("tally")
            .arg(home_file(
                ".codex/sessions/2026/11/20/rollout-2026-11-20T08-00-00-0199.jsonl",
            ))
            .arg("--json"),
    );
    // gpt-5.1-codex ($1.25 in, $0.125 cached, $10 out per 1M), two calls:
    // 2,000 × 1.25 + 8,000 × 0.125 + 500 × 10 = $0.0085, and
    // 7,000 × 1.25 + 8,000 × 0.125 + 1,000 × 10 = $0.01975; the repeated
    // event (same running total) is a duplicate.
    assert_eq!(
        group(&json, "openai/gpt-5.1-codex")["cost"].to_string(),
        "0.02825"
    );
    // After the second turn_context, gpt-5-mini: 5,000 × 0.25 + 100 × 2 = $0.00145.
    assert_eq!(
        group(&json, "openai/gpt-5-mini")["cost"].to_string(),
        "0.00145"
    );
    assert_eq!(json["total"].to_string(), "0.0297");
    assert_eq!(json["duplicates"], 1);
    assert_eq!(json["shapes"]["codex-token-count"], 3);
    assert_eq!(json["malformed"]["count"], 0);
}

#[test]
fn compressed_logs_directories_and_several_files() {
    // The same records as usage.jsonl, gzipped: the same $4.404175.
    let gz = fixture("compressed").join("usage.jsonl.gz");
    let json = json_of(llmcost_fixture().arg("tally").arg(&gz).arg("--json"));
    assert_eq!(json["total"].to_string(), "4.404175");
    // usage_shapes.jsonl as zstd: $0.029356, as in
    // gemini_batch_results_session_lines_and_stream_chunks.
    let zst = fixture("compressed").join("usage_shapes.jsonl.zst");
    let json = json_of(common::llmcost().arg("tally").arg(&zst).arg("--json"));
    assert_eq!(json["total"].to_string(), "0.029356");
    // A directory is searched for logs; bad lines name their file when
    // several are read (usage.jsonl's lines 5 and 9 are malformed).
    let json = json_of(
        llmcost_fixture()
            .arg("tally")
            .arg(fixture("compressed"))
            .arg(fixture("usage.jsonl"))
            .arg("--json"),
    );
    assert_eq!(json["inputs"].as_array().unwrap().len(), 3);
    assert_eq!(json["malformed"]["count"], 4);
    let first_files = json["malformed"]["first_files"].as_array().unwrap();
    assert!(first_files[0].as_str().unwrap().ends_with("usage.jsonl.gz"));
    assert!(first_files[3].as_str().unwrap().ends_with("usage.jsonl"));
}

#[test]
fn a_gzip_file_that_ends_early_keeps_the_lines_before() {
    let whole = std::fs::read(fixture("compressed").join("usage.jsonl.gz")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cut = dir.path().join("cut.jsonl.gz");
    std::fs::write(&cut, &whole[..whole.len() - 40]).unwrap();
    let json = json_of(llmcost_fixture().arg("tally").arg(&cut).arg("--json"));
    let unreadable = json["unreadable"].as_array().unwrap();
    assert_eq!(unreadable.len(), 1, "{json}");
    assert!(
        unreadable[0].as_str().unwrap().contains("cut.jsonl.gz"),
        "{json}"
    );
    // Under --strict the damaged file is an error.
    llmcost_fixture()
        .arg("tally")
        .arg(&cut)
        .arg("--strict")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cut.jsonl.gz"));
}

#[test]
fn claude_code_and_codex_logs_are_found_in_their_folders() {
    let home = fixture("home");
    let json = json_of(
        common::llmcost()
            .env("HOME", &home)
            .env_remove("CLAUDE_CONFIG_DIR")
            .env_remove("CODEX_HOME")
            .args(["tally", "--claude-code", "--by", "day", "--json"]),
    );
    // The session file and its subagent's copy of msg_A: $0.00036 on the
    // 20th, $0.00302 on the 21st (see the de-duplication test).
    assert_eq!(group(&json, "2026-11-20")["cost"].to_string(), "0.00036");
    assert_eq!(group(&json, "2026-11-21")["cost"].to_string(), "0.00302");
    assert_eq!(json["duplicates"], 2);
    // CODEX_HOME moves the Codex folder: $0.0297 as in the Codex test.
    let json = json_of(
        common::llmcost()
            .env("HOME", fixture("no-such-home"))
            .env("CODEX_HOME", home.join(".codex"))
            .args(["tally", "--codex", "--json"]),
    );
    assert_eq!(json["total"].to_string(), "0.0297");
    // No folder: one clear error.
    common::llmcost()
        .env("HOME", fixture("no-such-home"))
        .env_remove("CODEX_HOME")
        .args(["tally", "--codex"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("found no Codex CLI logs"));
}

/// `tally --json` over the Claude Code session and the Codex log of the
/// fixture home, with `args`.
fn tally_agents(args: &[&str]) -> serde_json::Value {
    json_of(
        common::llmcost()
            .arg("tally")
            .arg(home_file(".claude/projects/-home-dev-shop/5f1c2a.jsonl"))
            .arg(home_file(
                ".codex/sessions/2026/11/20/rollout-2026-11-20T08-00-00-0199.jsonl",
            ))
            .arg("--json")
            .args(args),
    )
}

#[test]
fn grouping_by_session_project_week_hour_and_several_keys() {
    // Claude Code session 5f1c2a: $0.00036 + $0.00302 = $0.00338; the Codex
    // file: $0.0297 (see the tests above). Most expensive first.
    let json = tally_agents(&["--by", "session"]);
    assert_eq!(
        group(&json, "rollout-2026-11-20T08-00-00-0199")["cost"].to_string(),
        "0.0297"
    );
    assert_eq!(group(&json, "5f1c2a")["cost"].to_string(), "0.00338");
    let json = tally_agents(&["--by", "project"]);
    assert_eq!(group(&json, "/home/dev/app")["cost"].to_string(), "0.0297");
    assert_eq!(
        group(&json, "/home/dev/shop")["cost"].to_string(),
        "0.00338"
    );
    // Friday the 20th and Saturday the 21st are in the week of Monday the 16th.
    let json = tally_agents(&["--by", "week"]);
    assert_eq!(group(&json, "2026-11-16")["cost"].to_string(), "0.03308");
    let json = tally_agents(&["--by", "hour"]);
    assert_eq!(
        group(&json, "2026-11-20 10:00")["cost"].to_string(),
        "0.00036"
    );
    assert_eq!(
        group(&json, "2026-11-21 09:00")["cost"].to_string(),
        "0.00302"
    );
    // Two keys: one row per (day, model), in time order; gpt-5-mini's call
    // (5,000 in, 100 out) is the Codex file's third.
    let json = tally_agents(&["--by", "day,model"]);
    let row = group(&json, "2026-11-20 · openai/gpt-5-mini");
    assert_eq!(row["cost"].to_string(), "0.00145");
    assert_eq!(
        row["keys"],
        serde_json::json!(["2026-11-20", "openai/gpt-5-mini"])
    );
    assert_eq!(json["by"], serde_json::json!(["day", "model"]));
    assert_eq!(json["groups"][0]["keys"][0], "2026-11-20");
    // Cache columns: the Codex calls read 8,000 + 8,000 of 25,000 input.
    let json = tally_agents(&["--by", "model"]);
    let codex = group(&json, "openai/gpt-5.1-codex");
    assert_eq!(codex["cached_input_tokens"], 16000);
    assert_eq!(codex["reasoning_tokens"], 300);
    assert_eq!(codex["cache_hit_percent"].to_string(), "64");
}

#[test]
fn a_named_time_zone_follows_daylight_saving_time() {
    // gpt-4o-mini, 1M input tokens each: $0.15 a record. Berlin is UTC+2
    // in summer and UTC+1 in winter (the clocks go back on 2026-10-25).
    // 22:30Z on 1 July is 00:30 on 2 July in Berlin (a fixed +01:00 would
    // say 23:30 on 1 July); 23:30Z on 1 December is 00:30 on 2 December
    // either way; 00:30Z on 25 October is 02:30 CEST, still the 25th.
    let record = |ts: &str| {
        format!(r#"{{"model":"gpt-4o-mini","input_tokens":1000000,"output_tokens":0,"ts":"{ts}"}}"#)
    };
    let lines = [
        record("2026-07-01T22:30:00Z"),
        record("2026-12-01T23:30:00Z"),
        record("2026-10-25T00:30:00Z"),
    ];
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    let days = |tz: &str| -> Vec<String> {
        let json = tally_bundled(&lines, &["--by", "day", "--tz", tz]);
        json["groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| format!("{} {}", g["group"].as_str().unwrap(), g["cost"]))
            .collect()
    };
    assert_eq!(
        days("Europe/Berlin"),
        ["2026-07-02 0.15", "2026-10-25 0.15", "2026-12-02 0.15"]
    );
    assert_eq!(
        days("+01:00"),
        ["2026-07-01 0.15", "2026-10-25 0.15", "2026-12-02 0.15"]
    );
    // --since a date is its midnight in the zone: 2 July 00:00 in Berlin is
    // 1 July 22:00Z, so the July record (22:30Z) is in; at +01:00 it is not.
    let json = tally_bundled(&lines, &["--tz", "Europe/Berlin", "--since", "2026-07-02"]);
    assert_eq!(json["total"].to_string(), "0.45");
    assert_eq!(json["tz"], "Europe/Berlin");
    let json = tally_bundled(&lines, &["--tz", "+01:00", "--since", "2026-07-02"]);
    assert_eq!(json["total"].to_string(), "0.3");
}

#[test]
fn since_until_time_zone_and_top() {
    // At UTC-10, msg_B (09:00Z on the 21st) is still the 20th, and the
    // Codex calls (08:00Z on the 20th) are the 19th, before --since (a
    // date in the --tz zone): one day, the session's $0.00338.
    let json = tally_agents(&["--by", "day", "--tz", "-10:00", "--since", "2026-11-20"]);
    assert_eq!(group(&json, "2026-11-20")["cost"].to_string(), "0.00338");
    assert_eq!(json["groups"].as_array().unwrap().len(), 1);
    // --since the 21st (UTC): only msg_B, $0.00302; msg_A's two lines and
    // the Codex calls are left out.
    let json = tally_agents(&["--since", "2026-11-21"]);
    assert_eq!(json["total"].to_string(), "0.00302");
    assert_eq!(json["filtered"], 6);
    // --until the 21st: everything before it: $0.03308 − $0.00302.
    let json = tally_agents(&["--until", "2026-11-21"]);
    assert_eq!(json["total"].to_string(), "0.03006");
    // --top 1: the most expensive model and the rest as "other"
    // ($0.03308 − $0.02825 = $0.00483).
    let json = tally_agents(&["--top", "1"]);
    let groups = json["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 2);
    assert_eq!(groups[0]["group"], "openai/gpt-5.1-codex");
    assert_eq!(groups[1]["group"], "other");
    assert_eq!(groups[1]["cost"].to_string(), "0.00483");
    // A zone that is neither an offset nor a tz database name: a usage error.
    common::llmcost()
        .args(["tally", "-", "--tz", "Europe/Atlantis"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--tz 'Europe/Atlantis' is neither a UTC offset nor a time zone name",
        ));
    common::llmcost()
        .args(["tally", "-", "--since", "last tuesday"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a date"));
}

#[test]
fn audio_tokens_in_openai_and_gemini_responses() {
    // gpt-audio, as in `cost --audio-in 8000 --audio-out 800`: $0.3142.
    let openai = r#"{"object":"chat.completion","model":"gpt-audio","usage":{"prompt_tokens":10000,"completion_tokens":1000,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":8000},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":800}}}"#;
    // Gemini 2.5 Flash: 4,000 text × $0.30 + 6,000 audio × $1.00 + 500 × $2.50
    // per 1M = $0.0012 + $0.006 + $0.00125 = $0.00845 (as text: $0.00425).
    let gemini = r#"{"modelVersion":"gemini-2.5-flash","usageMetadata":{"promptTokenCount":10000,"candidatesTokenCount":500,"totalTokenCount":10500,"promptTokensDetails":[{"modality":"TEXT","tokenCount":4000},{"modality":"AUDIO","tokenCount":6000}]}}"#;
    let json = tally_bundled(&[openai, gemini], &[]);
    assert_eq!(
        group(&json, "openai/gpt-audio")["cost"].to_string(),
        "0.3142"
    );
    assert_eq!(
        group(&json, "google/gemini-2.5-flash")["cost"].to_string(),
        "0.00845"
    );
    // A log's audio on a model without an audio price is unpriced, as
    // `cost` refuses it (it was billed as text, $0.00021, which audio
    // never costs), and the report goes on with the line named.
    let mini = r#"{"object":"chat.completion","model":"gpt-4o-mini","usage":{"prompt_tokens":1000,"completion_tokens":100,"prompt_tokens_details":{"audio_tokens":500}}}"#;
    let json = tally_bundled(&[mini, openai], &[]);
    assert_eq!(json["total"].to_string(), "0.3142");
    assert_eq!(json["unpriced_lines"], 1);
    assert_eq!(json["unpriced"][0]["model"], "openai/gpt-4o-mini");
    assert!(
        json["unpriced"][0]["why"]
            .as_str()
            .unwrap()
            .contains("audio input")
    );
}

#[test]
fn cached_audio_in_a_gemini_response_costs_the_cached_audio_rate() {
    // As `cost google/gemini-2.5-flash --in 100k --cached-in 60k
    // --cached-audio-in 50k --audio-in 20k --out 1k`: $0.0338. Of 70k audio
    // prompt tokens, 50k were read from the cache (was $0.0303: cached
    // audio at the text cache rate).
    let gemini = r#"{"modelVersion":"gemini-2.5-flash","usageMetadata":{"promptTokenCount":100000,"cachedContentTokenCount":60000,"candidatesTokenCount":1000,"promptTokensDetails":[{"modality":"TEXT","tokenCount":30000},{"modality":"AUDIO","tokenCount":70000}],"cacheTokensDetails":[{"modality":"TEXT","tokenCount":10000},{"modality":"AUDIO","tokenCount":50000}]}}"#;
    let json = tally_bundled(&[gemini], &[]);
    assert_eq!(json["total"].to_string(), "0.0338");
}

#[test]
fn image_and_video_tokens_in_gemini_and_openai_responses() {
    // Gemini Omni 1.2 Flash, as in `cost --in 10000 --image-in 2000
    // --video-in 3000 --out 4000 --video-out 1000`: $0.054.
    let gemini = r#"{"modelVersion":"gemini-omni-1.2-flash","usageMetadata":{"promptTokenCount":10000,"candidatesTokenCount":4000,"promptTokensDetails":[{"modality":"TEXT","tokenCount":5000},{"modality":"IMAGE","tokenCount":2000},{"modality":"VIDEO","tokenCount":3000}],"candidatesTokensDetails":[{"modality":"TEXT","tokenCount":3000},{"modality":"VIDEO","tokenCount":1000}]}}"#;
    let json = tally_bundled(&[gemini], &[]);
    assert_eq!(json["total"].to_string(), "0.054");
    // OpenAI's `image_tokens` on OpenRouter's Gemini 3.1 Flash Image, as in
    // `cost --in 1000 --out 1490 --image-out 1290`: $0.0785.
    let openai = r#"{"object":"chat.completion","model":"openrouter/google/gemini-3.1-flash-image","usage":{"prompt_tokens":1000,"completion_tokens":1490,"completion_tokens_details":{"image_tokens":1290}}}"#;
    let json = tally_bundled(&[openai], &[]);
    assert_eq!(json["total"].to_string(), "0.0785");
    // Generated images on a model that makes none are unpriced, as `cost`
    // refuses them (they were billed as text), and named.
    let mini = r#"{"object":"chat.completion","model":"gpt-4o-mini","usage":{"prompt_tokens":1000,"completion_tokens":100,"completion_tokens_details":{"image_tokens":50}}}"#;
    let json = tally_bundled(&[mini], &[]);
    assert_eq!(json["total"].to_string(), "0");
    assert_eq!(json["total_is_lower_bound"], true);
    assert!(
        json["unpriced"][0]["why"]
            .as_str()
            .unwrap()
            .contains("image output"),
        "{json}"
    );
}

#[test]
fn a_mixed_log_of_every_shape_sums_to_each_record_priced_alone() {
    let log = fixture("logs").join("mixed.jsonl");
    // Each record's cost, worked by hand in the tests above: chat $0.00045,
    // Responses $0.0017, stream event $0.00045, Anthropic 5m/1h split
    // $0.01135, Anthropic batch $0.00075, OpenAI batch $0.000135, Gemini
    // $0.028, Gemini audio $0.00845, Bedrock Converse (us. profile)
    // $0.00539, invocation log $0.0025, DeepSeek $0.001184, Claude Code
    // (once) $0.00036, Codex $0.0085, llmcost flat 1M/1M gpt-4o-mini $0.75,
    // flex $0.1125, gpt-audio $0.3142, stream chunk $0.000021: $1.24594.
    let json = json_of(common::llmcost().arg("tally").arg(&log).arg("--json"));
    assert_eq!(json["total"].to_string(), "1.24594");
    assert_eq!(json["priced"], 17);
    assert_eq!(json["duplicates"], 1);
    assert_eq!(json["malformed"]["count"], 0);
    // --annotate writes all 21 lines back; the priced ones' costs add up
    // to the same total, and the duplicate line says so.
    let annotated = stdout_of(common::llmcost().arg("tally").arg(&log).arg("--annotate"));
    let lines: Vec<serde_json::Value> = annotated
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 21);
    let sum: rust_decimal::Decimal = lines
        .iter()
        .filter(|l| l["cost"]["status"] == "priced")
        .map(|l| {
            l["cost"]["usd"]
                .to_string()
                .parse::<rust_decimal::Decimal>()
                .unwrap()
        })
        .sum();
    assert_eq!(sum.normalize().to_string(), "1.24594");
    assert_eq!(lines[13]["cost"]["status"], "duplicate");
    assert_eq!(lines[14]["cost"]["usd"].to_string(), "0.00036");
    assert_eq!(lines[0]["object"], "chat.completion", "the record is kept");
    // --normalize: one row per priced request; each row priced alone by
    // `llmcost cost` with the same flags gives the row's cost.
    let csv = stdout_of(common::llmcost().arg("tally").arg(&log).args([
        "--normalize",
        "--format",
        "csv",
    ]));
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 17);
    let mut checked = 0;
    for row in &rows {
        let field = |name: &str| {
            let at = headers.iter().position(|h| h == name).unwrap();
            row[at].to_string()
        };
        let (five, one_hour) = (field("cache_write_tokens"), field("cache_write_1h_tokens"));
        if five != "0" && one_hour != "0" {
            continue; // two cache lifetimes in one request: no single flag says that
        }
        let mut cost = common::llmcost();
        cost.arg("cost")
            .arg(format!("{}/{}", field("provider"), field("model")))
            .args([
                "--in",
                &field("input_tokens"),
                "--out",
                &field("output_tokens"),
            ])
            .args(["--cached-in", &field("cached_input_tokens")])
            .args(["--reasoning", &field("reasoning_tokens")])
            .args(["--audio-in", &field("audio_input_tokens")])
            .args(["--audio-out", &field("audio_output_tokens")])
            .arg("--json");
        if field("region") != "global" {
            cost.args(["--region", &field("region")]);
        }
        if field("service_tier") != "standard" {
            cost.args(["--service-tier", &field("service_tier")]);
        }
        if one_hour == "0" {
            cost.args(["--cache-write", &five]);
        } else {
            cost.args(["--cache-write", &one_hour, "--cache-ttl", "1h"]);
        }
        if field("batch") == "true" {
            cost.arg("--batch");
        }
        let priced = json_of(&mut cost);
        assert_eq!(priced["total"].to_string(), field("cost"), "{row:?}");
        checked += 1;
    }
    assert_eq!(checked, 16);
}

#[test]
fn fail_over_exits_3_after_the_report() {
    // The mixed log's $1.24594 is over $1: the report is printed, exit 3.
    let log = fixture("logs").join("mixed.jsonl");
    common::llmcost()
        .arg("tally")
        .arg(&log)
        .args(["--fail-over", "1"])
        .assert()
        .code(3)
        .stdout(predicate::str::contains("$1.24594"))
        .stderr(predicate::str::contains(
            "over the --fail-over budget of $1",
        ));
    common::llmcost()
        .arg("tally")
        .arg(&log)
        .args(["--fail-over", "2"])
        .assert()
        .success();
}

#[test]
fn unpriced_lines_are_never_free_and_fail_a_budget_check() {
    // Two lines of models no catalog knows: nothing is priced, so $0.00 is
    // only a lower bound, and no budget can be proven kept.
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("unknown.jsonl");
    std::fs::write(
        &log,
        concat!(
            r#"{"model":"no-such-model-1","usage":{"prompt_tokens":10,"completion_tokens":5}}"#,
            "\n",
            r#"{"model":"no-such-model-2","usage":{"prompt_tokens":10,"completion_tokens":5}}"#,
            "\n"
        ),
    )
    .unwrap();
    common::llmcost()
        .arg("tally")
        .arg(&log)
        .args(["--fail-over", "0.01"])
        .assert()
        .code(3)
        .stdout(predicate::str::contains(
            "Total $0.00 is a lower bound: 2 lines could not be priced",
        ))
        .stdout(predicate::str::contains("no-such-model-1 ×1 (line 1)"))
        .stderr(predicate::str::contains(
            "2 lines could not be priced, so the total $0.00 is a lower bound",
        ));
    let json = json_of(common::llmcost().arg("tally").arg(&log).arg("--json"));
    assert_eq!(json["unpriced_lines"], 2);
    assert_eq!(json["total_is_lower_bound"], true);
    // --allow-unpriced judges the budget on the priced lines, as before.
    common::llmcost()
        .arg("tally")
        .arg(&log)
        .args(["--fail-over", "0.01", "--allow-unpriced"])
        .assert()
        .success();
    // A fully priced log is not a lower bound.
    let json = json_of(
        common::llmcost()
            .arg("tally")
            .arg(fixture("logs").join("mixed.jsonl"))
            .arg("--json"),
    );
    assert_eq!(json["total_is_lower_bound"], false);
}

#[test]
fn reconcile_compares_the_cost_a_log_states() {
    // OpenRouter's usage.cost: gpt-4o-mini 1,000 × $0.15 + 100 × $0.60 per
    // 1M = $0.00021, as logged; a LiteLLM spend log row: gpt-4o 1,000 ×
    // $2.50 + 100 × $10 = $0.0035, as logged; a Claude Code line whose
    // costUSD ($0.005) is not Haiku's $0.00036 (10 × $1 + 1,000 reads ×
    // $0.10 + 50 × $5).
    let lines = [
        r#"{"id":"gen-1","model":"openai/gpt-4o-mini","usage":{"prompt_tokens":1000,"completion_tokens":100,"cost":0.00021}}"#,
        r#"{"request_id":"r1","call_type":"acompletion","model":"gpt-4o","prompt_tokens":1000,"completion_tokens":100,"spend":0.0035,"startTime":"2026-11-20T10:00:00Z"}"#,
        r#"{"type":"assistant","costUSD":0.005,"requestId":"req_A","message":{"id":"msg_A","model":"claude-haiku-4-5","stop_reason":"end_turn","usage":{"input_tokens":10,"cache_read_input_tokens":1000,"output_tokens":50}},"timestamp":"2026-11-20T10:00:03Z"}"#,
    ];
    let json = tally_bundled(&lines, &["--reconcile"]);
    assert_eq!(json["compared"], 3);
    assert_eq!(json["differing"], 1);
    assert_eq!(json["first"][0]["line"], 3);
    assert_eq!(json["first"][0]["logged"].to_string(), "0.005");
    assert_eq!(json["first"][0]["llmcost"].to_string(), "0.00036");
    // $0.00021 + $0.0035 + $0.005 logged; llmcost $0.00021 + $0.0035 + $0.00036.
    assert_eq!(json["logged_total"].to_string(), "0.00871");
    assert_eq!(json["llmcost_total"].to_string(), "0.00407");
    // The LiteLLM row is dated by startTime.
    let by_day = tally_bundled(&lines[1..2], &["--by", "day"]);
    assert_eq!(group(&by_day, "2026-11-20")["cost"].to_string(), "0.0035");
}

#[test]
fn as_reprices_the_same_requests_on_other_models() {
    // gpt-4o-mini 1M in + 1M out: $0.15 + $0.60 = $0.75 as logged; on
    // gpt-5-mini $0.25 + $2 = $2.25 (+$1.50); on Haiku 4.5 $1 + $5 = $6.
    let line = r#"{"model":"gpt-4o-mini","input_tokens":1000000,"output_tokens":1000000}"#;
    let json = tally_bundled(&[line], &["--as", "gpt-5-mini,claude-haiku-4-5"]);
    assert_eq!(json["actual"].to_string(), "0.75");
    assert_eq!(json["alternatives"][0]["model"], "openai/gpt-5-mini");
    assert_eq!(json["alternatives"][0]["total"].to_string(), "2.25");
    assert_eq!(json["alternatives"][0]["difference"].to_string(), "1.5");
    assert_eq!(json["alternatives"][1]["total"].to_string(), "6");
    // Audio cannot move to a model without an audio price: counted, and
    // no difference is claimed.
    let audio = r#"{"object":"chat.completion","model":"gpt-audio","usage":{"prompt_tokens":10000,"completion_tokens":1000,"prompt_tokens_details":{"audio_tokens":8000}}}"#;
    let json = tally_bundled(&[line, audio], &["--as", "gpt-5-mini"]);
    assert_eq!(json["alternatives"][0]["unpriced"], 1);
    assert!(json["alternatives"][0]["difference"].is_null());
}

#[test]
fn opentelemetry_genai_spans_as_maps_and_otlp_lists() {
    // A span with map attributes: gpt-4o-mini 10,000 in (4,000 cached) +
    // 500 out: 6,000 × $0.15 + 4,000 × $0.075 + 500 × $0.60 per 1M
    // = $0.0009 + $0.0003 + $0.0003 = $0.0015.
    let map = r#"{"name":"chat gpt-4o-mini","startTimeUnixNano":"1764028800000000000","attributes":{"gen_ai.operation.name":"chat","gen_ai.request.model":"gpt-4o-mini","gen_ai.usage.input_tokens":10000,"gen_ai.usage.cache_read.input_tokens":4000,"gen_ai.usage.output_tokens":500}}"#;
    // OTLP JSON's key/value list, the response model winning: gpt-5-mini
    // 1,000 × $0.25 + 100 × $2 per 1M = $0.00045.
    let otlp = r#"{"traceId":"t","spanId":"s","name":"chat","attributes":[{"key":"gen_ai.request.model","value":{"stringValue":"gpt-5"}},{"key":"gen_ai.response.model","value":{"stringValue":"gpt-5-mini"}},{"key":"gen_ai.usage.input_tokens","value":{"intValue":"1000"}},{"key":"gen_ai.usage.output_tokens","value":{"intValue":"100"}}]}"#;
    // A log line whose `attributes` is a string is not a span (and not
    // unreadable for that).
    let other =
        r#"{"attributes":"none","model":"gpt-4o-mini","input_tokens":1000,"output_tokens":0}"#;
    let json = tally_bundled(&[map, otlp, other], &[]);
    assert_eq!(
        group(&json, "openai/gpt-5-mini")["cost"].to_string(),
        "0.00045"
    );
    // gpt-4o-mini: $0.0015 + 1,000 × $0.15 per 1M = $0.00165.
    assert_eq!(
        group(&json, "openai/gpt-4o-mini")["cost"].to_string(),
        "0.00165"
    );
    assert_eq!(json["shapes"]["otel-genai-span"], 2);
}

#[test]
fn csv_usage_exports_are_priced_like_any_log() {
    // OpenAI's usage export (bundled catalog, gpt-4o-mini-2024-07-18:
    // $0.15 in, $0.075 cached, $0.60 out; batch $0.075 / $0.30):
    // row 1, 10 requests: 16,000 × 0.15 + 4,000 × 0.075 + 5,000 × 0.60
    //   = 2,400 + 300 + 3,000 µ$ = $0.0057;
    // row 2, 2 batch requests: 10,000 × 0.075 + 1,000 × 0.30 = 750 + 300 µ$ = $0.00105.
    let json = json_of(
        llmcost().args([
            "tally",
            &fixture("logs/openai_usage_export.csv")
                .display()
                .to_string(),
            "--json",
        ]),
    );
    assert_eq!(json["total"].to_string(), "0.00675");
    assert_eq!(json["groups"][0]["requests"], 12);
    // Anthropic's usage report (fixture catalog, claude-haiku-4-5: $1 in,
    // $0.10 cache read, $1.25 5-minute and $2 1-hour writes, $5 out; batch
    // $0.50 / $2.50). Input is uncached + cache reads + writes:
    // 100,000 × 1 + 1,000,000 × 0.1 + 200,000 × 1.25 + 50,000 × 2 + 40,000 × 5
    //   = 100,000 + 100,000 + 250,000 + 100,000 + 200,000 µ$ = $0.75;
    // the batch row: 10,000 × 0.5 + 2,000 × 2.5 = 10,000 µ$ = $0.01.
    let json = json_of(
        llmcost_fixture().args([
            "tally",
            &fixture("logs/anthropic_usage_report.csv")
                .display()
                .to_string(),
            "--json",
        ]),
    );
    assert_eq!(json["total"].to_string(), "0.76");
    assert_eq!(json["groups"][0]["input_tokens"], 1_360_000);
    // Any other CSV, its columns named with --map:
    // 1M × $0.15 + 1M × $0.60 = $0.75.
    let dir = tempfile::tempdir().unwrap();
    let custom = dir.path().join("spend.csv");
    std::fs::write(
        &custom,
        "When,Which,In,Out\n2026-11-20,gpt-4o-mini,1000000,1000000\n",
    )
    .unwrap();
    let custom = custom.display().to_string();
    let json = json_of(llmcost_fixture().args([
        "tally",
        &custom,
        "--map",
        "Which=model",
        "--map",
        "In=input_tokens",
        "--map",
        "Out=output_tokens",
        "--map",
        "When=timestamp",
        "--by",
        "day",
        "--json",
    ]));
    assert_eq!(json["total"].to_string(), "0.75");
    assert_eq!(json["groups"][0]["group"], "2026-11-20");
    // Without the map it has no model column: said, never priced as $0.
    llmcost_fixture()
        .args(["tally", &custom])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "no model column in its header; name one with --map COLUMN=model",
        ));
    llmcost_fixture()
        .args(["tally", &custom, "--map", "Which=modell"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("'modell' is not a field"));
}

#[test]
fn normalized_rows_read_back_to_the_same_total() {
    // --normalize writes every dimension (audio, batch, 1-hour writes,
    // searches, requests, region); reading those rows back must bill the same.
    for log in ["usage_shapes.jsonl", "logs/openai_usage_export.csv"] {
        let path = fixture(log).display().to_string();
        let total = json_of(llmcost().args(["tally", &path, "--json"]))["total"].to_string();
        let rows = stdout_of(llmcost().args(["tally", &path, "--normalize"]));
        let again = json_of(llmcost().args(["tally", "-", "--json"]).write_stdin(rows))["total"]
            .to_string();
        assert_eq!(total, again, "{log}");
        // And as CSV: the normalized columns are the fields a CSV fills.
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("rows.csv");
        let rows = stdout_of(llmcost().args(["tally", &path, "--normalize", "--format", "csv"]));
        std::fs::write(&csv, rows).unwrap();
        let csv = csv.display().to_string();
        let again = json_of(llmcost().args(["tally", &csv, "--json"]))["total"].to_string();
        assert_eq!(total, again, "{log} as CSV");
    }
}

#[test]
fn langfuse_observation_exports_are_priced_and_reconciled() {
    // usageDetails parts are disjoint, as Langfuse sums them (fixture catalog):
    // gpt-4o-mini: 1,000 × $0.15 + 500 cached × $0.075 + (500 + 100 reasoning) × $0.60
    //   = 150 + 37.5 + 360 µ$ = $0.0005475;
    // claude-haiku-4-5: 100 × $1 + 1,000 × $0.10 + 200 × $1.25 + 50 × $5
    //   = 100 + 100 + 250 + 250 µ$ = $0.0007.
    // The SPAN observation has no usage and is skipped.
    let path = fixture("logs/langfuse_observations.jsonl")
        .display()
        .to_string();
    let json = json_of(llmcost_fixture().args(["tally", &path, "--json"]));
    assert_eq!(json["total"].to_string(), "0.0012475");
    assert_eq!(json["shapes"]["langfuse-observation"], 2);
    assert_eq!(json["skipped"], 1);
    // Both costs Langfuse recorded (costDetails.total, calculatedTotalCost) agree.
    llmcost_fixture()
        .args(["tally", &path, "--reconcile"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Logged $0.0012475 against llmcost $0.0012475",
        ));
}

#[test]
fn by_field_groups_by_any_json_path() {
    // Langfuse observations by trace and model (fixture catalog): the two
    // generations of trace t1 are $0.0007 and $0.0005475 (see the Langfuse test).
    let path = fixture("logs/langfuse_observations.jsonl")
        .display()
        .to_string();
    let json =
        json_of(llmcost_fixture().args(["tally", &path, "--by", "field:traceId,model", "--json"]));
    assert_eq!(json["by"], serde_json::json!(["field:traceId", "model"]));
    assert_eq!(
        json["groups"][0]["keys"],
        serde_json::json!(["t1", "anthropic/claude-haiku-4-5"])
    );
    assert_eq!(json["groups"][0]["cost"].to_string(), "0.0007");
    // A CSV export's other columns are under `csv`: $0.00675 for proj_1.
    let csv = fixture("logs/openai_usage_export.csv")
        .display()
        .to_string();
    let json = json_of(llmcost().args(["tally", &csv, "--by", "field:csv.project_id", "--json"]));
    assert_eq!(json["groups"][0]["group"], "proj_1");
    assert_eq!(json["groups"][0]["cost"].to_string(), "0.00675");
    // A record without the field is grouped as unknown; two field keys, or
    // an empty path, are usage errors.
    let json =
        json_of(llmcost_fixture().args(["tally", &path, "--by", "field:metadata.user", "--json"]));
    assert_eq!(json["groups"][0]["group"], "unknown");
    for bad in ["field:a,field:b", "field:", "field:a..b", "nope"] {
        llmcost_fixture()
            .args(["tally", &path, "--by", bad])
            .assert()
            .code(2);
    }
}

#[test]
fn json_documents_and_quoted_globs_are_read() {
    // gpt-4o-mini at $0.15 / $0.60 per 1M: 1,000 in + 10 out = $0.00015 +
    // $0.000006 = $0.000156 a request.
    let dir = tempfile::tempdir().unwrap();
    let record = r#"{"model":"gpt-4o-mini","usage":{"prompt_tokens":1000,"completion_tokens":10}}"#;
    let nested = dir.path().join("exports").join("a");
    std::fs::create_dir_all(&nested).unwrap();
    // A JSON array of two records (as tools export them)…
    std::fs::write(
        nested.join("array.json"),
        format!("[\n  {record},\n  {record}\n]\n"),
    )
    .unwrap();
    // …and one API response saved pretty-printed.
    let pretty =
        serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(record).unwrap())
            .unwrap();
    std::fs::write(nested.join("response.json"), pretty).unwrap();
    // A quoted glob, which the shell leaves to llmcost: 3 requests,
    // 3 × $0.000156 = $0.000468.
    let pattern = format!("{}/exports/*/*.json", dir.path().display());
    let json = json_of(llmcost().args(["tally", &pattern, "--json"]));
    assert_eq!(json["total"].to_string(), "0.000468", "{json}");
    assert_eq!(json["priced"], 3);
    assert_eq!(json["malformed"]["count"], 0);
    // A pattern that matches nothing is an error, never an empty report.
    let nothing = format!("{}/exports/*/none-*.jsonl", dir.path().display());
    llmcost()
        .args(["tally", &nothing])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no file matches"));
}

#[test]
fn json_documents_are_read_as_they_parse_and_a_truncated_one_keeps_its_records() {
    // gpt-4o-mini at $0.15 / $0.60 per 1M: 1,000 in + 10 out = $0.000156 a
    // request. An array of two, then a pretty-printed response, then an
    // array cut off inside its second record: 2 + 1 + 1 = 4 requests priced,
    // 4 × $0.000156 = $0.000624, and the cut one counted malformed (line 5:
    // the fifth record).
    let dir = tempfile::tempdir().unwrap();
    let record = r#"{"model":"gpt-4o-mini","usage":{"prompt_tokens":1000,"completion_tokens":10}}"#;
    let pretty =
        serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(record).unwrap())
            .unwrap();
    let path = dir.path().join("export.json");
    let text = format!(
        "[\n {record},\n {record}\n]\n{pretty}\n[{record}, {}",
        &record[..30]
    );
    std::fs::write(&path, text).unwrap();
    let json = json_of(llmcost().arg("tally").arg(&path).arg("--json"));
    assert_eq!(json["total"].to_string(), "0.000624", "{json}");
    assert_eq!(json["priced"], 4);
    assert_eq!(json["malformed"]["count"], 1);
    assert_eq!(json["malformed"]["first_lines"][0], 5);
}

#[test]
fn what_a_line_skips_is_still_checked_and_its_counts_read_as_whole_numbers() {
    // gpt-4o-mini at $0.15 in, $0.60 out per 1M. Line 1 keeps an escaped
    // text, a lone surrogate in a key it skips, nested arrays and numbers
    // of every form: 1M in × 0.15 + 100k out × 0.6 = $0.21. Line 2 is
    // line 1 with its last brace cut; line 3's skipped value nests 129
    // deep (serde_json's limit is 128); lines 4–6 count "-0", 1.5 and a
    // numeric string, which are no token counts (1.0 is one: it reads as 1).
    let good = r#"{"model":"gpt-4o-mini","choices":[{"message":{"content":"a \"quoted\" \u00e9\n","x\ud800y":[[1,-2.5e+3,true,null]]}}],"usage":{"prompt_tokens":1000000,"completion_tokens":100000}}"#;
    let deep = format!(
        r#"{{"model":"gpt-4o-mini","extra":{}{},"usage":{{"prompt_tokens":1,"completion_tokens":1}}}}"#,
        "[".repeat(129),
        "]".repeat(129)
    );
    let count = |value: &str| {
        format!(
            r#"{{"model":"gpt-4o-mini","usage":{{"prompt_tokens":{value},"completion_tokens":1}}}}"#
        )
    };
    let lines = [
        good.to_string(),
        good[..good.len() - 1].to_string(),
        deep,
        count("-0"),
        count("1.5"),
        count(r#""12""#),
    ];
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    let json = tally_bundled(&lines, &[]);
    assert_eq!(json["total"].to_string(), "0.21");
    assert_eq!(json["priced"], 1);
    assert_eq!(json["malformed"]["count"], 5);
    assert_eq!(
        json["malformed"]["first_lines"],
        serde_json::json!([2, 3, 4, 5, 6])
    );
}

#[test]
fn a_broken_first_line_is_one_bad_line_not_the_start_of_a_document() {
    // Line 1 holds a raw tab inside a string (not JSON) and line 3 a stray
    // character after its object: each is one malformed line. Lines 2 and 4
    // are priced: 2 × 1M in × $0.15 on gpt-4o-mini = $0.30. A first line
    // read as an unfinished document would have left all four unpriced.
    let good = r#"{"model":"gpt-4o-mini","usage":{"prompt_tokens":1000000,"completion_tokens":0}}"#;
    let tab = good.replace("gpt-4o-mini", "gpt-4o\tmini");
    let lines = [tab.as_str(), good, &format!("{good}x"), good];
    let json = tally_bundled(&lines, &[]);
    assert_eq!(json["total"].to_string(), "0.3");
    assert_eq!(json["priced"], 2);
    assert_eq!(json["malformed"]["first_lines"], serde_json::json!([1, 3]));
}

#[test]
fn numeric_ids_and_a_result_that_is_not_an_object_do_not_drop_a_line() {
    // A database export keys rows with integers, and some loggers write a
    // `result` string. gpt-4o-mini, 1M input each at $0.15: $0.45 in all,
    // $0.30 for session 42 and $0.15 for session 7.
    let lines = [
        r#"{"id":17,"sessionId":42,"model":"gpt-4o-mini","input_tokens":1000000,"output_tokens":0}"#,
        r#"{"id":18,"sessionId":42,"result":"success","model":"gpt-4o-mini","input_tokens":1000000,"output_tokens":0}"#,
        r#"{"id":{"row":19},"sessionId":"7","model":"gpt-4o-mini","input_tokens":1000000,"output_tokens":0}"#,
    ];
    let json = tally_bundled(&lines, &["--by", "session"]);
    assert_eq!(json["total"].to_string(), "0.45");
    assert_eq!(json["malformed"]["count"], 0);
    assert_eq!(group(&json, "42")["cost"].to_string(), "0.3");
    assert_eq!(group(&json, "7")["cost"].to_string(), "0.15");
}

#[test]
fn a_byte_order_mark_before_the_first_record_is_not_part_of_it() {
    // Windows PowerShell writes UTF-8 with a byte order mark. gpt-4o-mini,
    // 1M input at $0.15 a line: $0.30 for the two lines, and $0.15 for the
    // one-record array saved pretty-printed.
    let bom = "\u{feff}";
    let line = r#"{"model":"gpt-4o-mini","input_tokens":1000000,"output_tokens":0}"#;
    let json = tally_bundled(&[&format!("{bom}{line}"), line], &[]);
    assert_eq!(json["total"].to_string(), "0.3");
    assert_eq!(json["malformed"]["count"], 0);
    let array = format!("{bom}[\n  {line}\n]\n");
    let json = json_of(
        common::llmcost()
            .args(["tally", "-", "--json"])
            .write_stdin(array),
    );
    assert_eq!(json["total"].to_string(), "0.15");
    assert_eq!(json["malformed"]["count"], 0);
}

#[test]
fn otlp_json_envelopes_are_read_span_by_span() {
    // The collector's file exporter: one `resourceSpans` envelope per line,
    // int64 counts as strings. Line 1 holds two gpt-4o-mini spans ($0.15 /
    // $0.60 per 1M), line 2 one claude-haiku-4-5 span ($1 / $5):
    //   1,000 × $0.15 + 500 × $0.60     = $0.00015 + $0.0003 = $0.00045
    //   2,000 × $0.15 + 1,000 × $0.60   = $0.0003 + $0.0006  = $0.0009
    //   1,000 × $1 + 200 × $5           = $0.001 + $0.001    = $0.002
    // total $0.00335, three priced records, nothing malformed.
    let json = json_of(
        llmcost()
            .arg("tally")
            .arg(fixture("logs/otlp_spans.jsonl"))
            .args(["--by", "model", "--json", "--strict"]),
    );
    assert_eq!(json["total"].to_string(), "0.00335");
    assert_eq!(json["priced"], 3, "{json}");
    assert_eq!(json["malformed"]["count"], 0, "{json}");
    assert_eq!(json["shapes"]["otel-genai-span"], 3, "{json}");
}

#[test]
fn stream_chunks_without_usage_and_synthetic_lines_are_skipped_not_bad() {
    // A stream's chunks carry `"usage": null` until the last; Claude Code's
    // `<synthetic>` lines are messages it writes itself and were never
    // billed. Neither is malformed or unknown, even under --strict, and
    // --fail-over is not tripped by them. The last chunk: 10 × $0.15 + 5 ×
    // $0.60 per 1M = $0.0000045.
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("chunks.jsonl");
    std::fs::write(
        &log,
        concat!(
            r#"{"id":"c1","object":"chat.completion.chunk","created":1764000000,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"Hi"}}],"usage":null}"#,
            "\n",
            r#"{"id":"c1","object":"chat.completion.chunk","created":1764000000,"model":"gpt-4o-mini","choices":[],"usage":{"prompt_tokens":10,"completion_tokens":5}}"#,
            "\n",
            r#"{"type":"assistant","timestamp":"2026-11-01T00:00:00Z","sessionId":"s1","requestId":"r1","message":{"id":"msg_1","model":"<synthetic>","role":"assistant","stop_reason":"stop_sequence","usage":{"input_tokens":0,"output_tokens":0},"content":[{"type":"text","text":"API Error"}]}}"#,
            "\n"
        ),
    )
    .unwrap();
    let json = json_of(common::llmcost().arg("tally").arg(&log).args([
        "--strict",
        "--fail-over",
        "1",
        "--json",
    ]));
    assert_eq!(json["total"].to_string(), "0.0000045");
    assert_eq!(json["skipped"], 2);
    assert_eq!(json["malformed"]["count"], 0);
    assert_eq!(json["unknown"]["count"], 0);
}

#[test]
fn one_line_with_absurd_counts_is_out_of_range_not_the_end_of_the_report() {
    // u64::MAX prompt tokens on line 1 used to stop the whole report ("the
    // log's token totals are too large to price"); it is one malformed line
    // and line 2 is priced: 10 × $0.15 + 5 × $0.60 per 1M = $0.0000045.
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("huge.jsonl");
    std::fs::write(
        &log,
        concat!(
            r#"{"model":"gpt-4o-mini","usage":{"prompt_tokens":18446744073709551615,"completion_tokens":5}}"#,
            "\n",
            r#"{"model":"gpt-4o-mini","usage":{"prompt_tokens":10,"completion_tokens":5}}"#,
            "\n"
        ),
    )
    .unwrap();
    let json = json_of(common::llmcost().arg("tally").arg(&log).arg("--json"));
    assert_eq!(json["total"].to_string(), "0.0000045");
    assert_eq!(json["malformed"]["count"], 1);
    assert_eq!(json["malformed"]["first_lines"][0], 1);
    let annotated = stdout_of(common::llmcost().arg("tally").arg(&log).arg("--annotate"));
    assert!(
        annotated.contains("token count out of range"),
        "{annotated}"
    );
}

#[test]
fn an_inconsistent_record_says_what_does_not_add_up() {
    // 50 cached of 10 prompt tokens cannot be: the line is malformed, and
    // the message says why instead of "not a usage record".
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("inconsistent.jsonl");
    std::fs::write(
        &log,
        r#"{"model":"gpt-4o-mini","usage":{"prompt_tokens":10,"completion_tokens":5,"prompt_tokens_details":{"cached_tokens":50}}}"#,
    )
    .unwrap();
    common::llmcost()
        .arg("tally")
        .arg(&log)
        .arg("--strict")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "has more cached and cache-written tokens than input tokens",
        ));
}

#[test]
fn a_count_is_read_whole_however_it_is_written() {
    // 100.0 and 1e3 are whole: gpt-4o-mini 100 in + 1,000 out, then 100 in
    // + 10 out: 200 × $0.15 + 1,010 × $0.60 per 1M = $0.00003 + $0.000606
    // = $0.000636. 100.5 tokens is no count: that line is malformed.
    let json = tally_bundled(
        &[
            r#"{"model":"gpt-4o-mini","input_tokens":100.0,"output_tokens":1e3}"#,
            r#"{"model":"gpt-4o-mini","usage":{"prompt_tokens":100.0,"completion_tokens":10}}"#,
            r#"{"model":"gpt-4o-mini","input_tokens":100.5,"output_tokens":1}"#,
        ],
        &[],
    );
    assert_eq!(json["total"].to_string(), "0.000636");
    assert_eq!(json["malformed"]["count"], 1);
    // The same in a CSV export a spreadsheet saved: 1,000 × $0.15 + 100 ×
    // $0.60 per 1M = $0.00015 + $0.00006 = $0.00021.
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("usage.csv");
    std::fs::write(
        &csv,
        "model,input_tokens,output_tokens\ngpt-4o-mini,1000.0,1e2\n",
    )
    .unwrap();
    let json = json_of(common::llmcost().arg("tally").arg(&csv).arg("--json"));
    assert_eq!(json["total"].to_string(), "0.00021");
}

#[test]
fn a_field_key_with_dots_is_quoted() {
    // OpenTelemetry names attributes with dots: `gen_ai.system` as a key of
    // `attributes` (an object), or the key of an OTLP attribute list. Each
    // line is gpt-4o-mini 1,000 in + 100 out: 1,000 × $0.15 + 100 × $0.60
    // per 1M = $0.00021; two lines say openai, one anthropic-proxy.
    let lines = [
        r#"{"model":"gpt-4o-mini","input_tokens":1000,"output_tokens":100,"attributes":{"gen_ai.system":"openai"}}"#,
        r#"{"model":"gpt-4o-mini","input_tokens":1000,"output_tokens":100,"attributes":[{"key":"gen_ai.system","value":{"stringValue":"openai"}}]}"#,
        r#"{"model":"gpt-4o-mini","input_tokens":1000,"output_tokens":100,"attributes":{"gen_ai.system":"anthropic-proxy"}}"#,
    ];
    let json = tally_bundled(&lines, &["--by", r#"field:attributes."gen_ai.system""#]);
    let groups = common::group_costs(&json);
    assert_eq!(
        groups,
        [
            ("openai".to_string(), "0.00042".to_string()),
            ("anthropic-proxy".to_string(), "0.00021".to_string())
        ]
    );
    // An unclosed quote is a usage error.
    common::llmcost()
        .args(["tally", "-", "--by", r#"field:attributes."gen_ai.system"#])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("names no JSON path"));
}

#[test]
fn openrouter_responses_are_billed_at_openrouter_whatever_upstream_served_them() {
    // OpenRouter's responses have a generation id (`gen-…`) and name the
    // upstream in `provider`; the request was sent to OpenRouter. Each is
    // 10k in + 1k out: Gemini 2.5 Pro there $1.25 / $10 per 1M, $0.0125 +
    // $0.01 = $0.0225; Claude Sonnet 4 $3 / $15, $0.03 + $0.015 = $0.045.
    // (Gemini was billed at Google's own API, read from "Google".)
    let json = tally_bundled(
        &[
            r#"{"id":"gen-1750000000-abc","provider":"Google","model":"google/gemini-2.5-pro","object":"chat.completion","created":1750000000,"choices":[],"usage":{"prompt_tokens":10000,"completion_tokens":1000,"total_tokens":11000}}"#,
            r#"{"id":"gen-1750000001-def","provider":"Anthropic","model":"anthropic/claude-sonnet-4","object":"chat.completion","created":1750000000,"choices":[],"usage":{"prompt_tokens":10000,"completion_tokens":1000,"total_tokens":11000}}"#,
        ],
        &["--by", "model"],
    );
    assert_eq!(
        group(&json, "openrouter/google/gemini-2.5-pro")["cost"].to_string(),
        "0.0225"
    );
    assert_eq!(
        group(&json, "openrouter/anthropic/claude-sonnet-4")["cost"].to_string(),
        "0.045"
    );
}

#[test]
fn blocks_group_usage_into_five_hour_windows_with_the_active_ones_projection() {
    // Claude Haiku 4.5, $1 / $5 per 1M: 100k in + 10k out is $0.10 +
    // $0.05 = $0.15 a line. 09:10 and 13:59 fall in the block from 09:00
    // to 14:00 ($0.30); 14:05 starts the next, with 15:30's double line
    // ($0.15 + $0.30 = $0.45). At 16:00 that block is two hours in: $0.225
    // an hour, on course for $0.45 × 5 / 2 = $1.125 and 330,000 × 2.5 =
    // 825,000 tokens by 19:00. The undated line ($0.001 + $0.0005) is in
    // no block.
    let lines = [
        r#"{"model":"claude-haiku-4-5","input_tokens":100000,"output_tokens":10000,"timestamp":"2026-12-05T09:10:00Z"}"#,
        r#"{"model":"claude-haiku-4-5","input_tokens":100000,"output_tokens":10000,"timestamp":"2026-12-05T13:59:00Z"}"#,
        r#"{"model":"claude-haiku-4-5","input_tokens":100000,"output_tokens":10000,"timestamp":"2026-12-05T14:05:00Z"}"#,
        r#"{"model":"claude-haiku-4-5","input_tokens":200000,"output_tokens":20000,"timestamp":"2026-12-05T15:30:00Z"}"#,
        r#"{"model":"claude-haiku-4-5","input_tokens":1000,"output_tokens":100}"#,
    ];
    let output = common::llmcost()
        .env("LLMCOST_NOW", "2026-12-05T16:00:00Z")
        .args(["tally", "-", "--blocks", "--json", "--cost-limit", "1"])
        .write_stdin(lines.join("\n"))
        .output()
        .unwrap();
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let blocks = json["blocks"].as_array().unwrap();
    assert_eq!(blocks.len(), 2);
    assert_eq!(blocks[0]["start"], "2026-12-05 09:00");
    assert_eq!(blocks[0]["cost"].to_string(), "0.3");
    assert_eq!(blocks[0]["active"], false);
    assert_eq!(blocks[1]["start"], "2026-12-05 14:00");
    assert_eq!(blocks[1]["cost"].to_string(), "0.45");
    assert_eq!(blocks[1]["active"], true);
    assert_eq!(blocks[1]["elapsed_minutes"], 120);
    assert_eq!(blocks[1]["burn_usd_per_hour"].to_string(), "0.225");
    assert_eq!(blocks[1]["projected_cost"].to_string(), "1.125");
    assert_eq!(blocks[1]["projected_tokens"], 825_000);
    assert_eq!(json["undated_cost"].to_string(), "0.0015");
    assert_eq!(json["total"].to_string(), "0.7515");
    // $1.125 is over --cost-limit 1: said on stderr.
    assert!(String::from_utf8_lossy(&output.stderr).contains(
        "the active block is on course for $1.125 by 2026-12-05 19:00, over --cost-limit $1.00"
    ));
    // In Tokyo (UTC+9) the same hours are 18:00 and 23:00.
    let json = json_of(
        common::llmcost()
            .env("LLMCOST_NOW", "2026-12-05T16:00:00Z")
            .args(["tally", "-", "--blocks", "--json", "--tz", "Asia/Tokyo"])
            .write_stdin(lines.join("\n")),
    );
    assert_eq!(json["blocks"][1]["start"], "2026-12-05 23:00");
    assert_eq!(json["blocks"][1]["active"], true);
}

#[test]
fn the_status_line_says_session_today_block_and_context() {
    // Two Claude Code sessions today in a config folder: the hook's
    // session (two messages of Haiku 4.5, 100k in + 10k out, $0.15 each,
    // at 14:05 and 15:30) and another (one such message at 09:10). At
    // 16:00 the session cost $0.30, today $0.45, and the block from 14:00
    // $0.30 with 3h left, at $0.15 an hour. The hook says 50,000 of a
    // 200,000-token window are in use: 25%.
    let dir = tempfile::tempdir().unwrap();
    let projects = dir.path().join("projects").join("-home-dev-shop");
    std::fs::create_dir_all(&projects).unwrap();
    let message = |id: &str, at: &str| {
        format!(
            r#"{{"type":"assistant","requestId":"req_{id}","message":{{"id":"msg_{id}","model":"claude-haiku-4-5","stop_reason":"end_turn","usage":{{"input_tokens":100000,"output_tokens":10000}}}},"timestamp":"{at}","sessionId":"s"}}"#
        )
    };
    let session = projects.join("s1.jsonl");
    std::fs::write(
        &session,
        format!(
            "{}\n{}\n",
            message("A", "2026-12-05T14:05:00Z"),
            message("B", "2026-12-05T15:30:00Z")
        ),
    )
    .unwrap();
    std::fs::write(
        projects.join("s0.jsonl"),
        format!("{}\n", message("C", "2026-12-05T09:10:00Z")),
    )
    .unwrap();
    let hook = serde_json::json!({
        "session_id": "s", "transcript_path": session,
        "model": {"id": "claude-haiku-4-5", "display_name": "Haiku 4.5"},
        "context_window": {"context_window_size": 200_000,
            "current_usage": {"input_tokens": 10_000, "cache_creation_input_tokens": 10_000,
                              "cache_read_input_tokens": 30_000, "output_tokens": 500}}});
    let out = stdout_of(
        common::llmcost()
            .env("CLAUDE_CONFIG_DIR", dir.path())
            .env("LLMCOST_NOW", "2026-12-05T16:00:00Z")
            .env("TZ", "UTC")
            .arg("statusline")
            .write_stdin(hook.to_string()),
    );
    assert_eq!(
        out,
        "Haiku 4.5 · session $0.30 · today $0.45 · block $0.30 (3h00m left, $0.15/h) · context 25%\n"
    );
}

/// `tally --json` with `args` in the fixture home, no agent's folder moved.
fn in_fixture_home(args: &[&str]) -> serde_json::Value {
    let mut command = common::llmcost();
    command.env("HOME", fixture("home"));
    for agent in [
        "CLAUDE_CONFIG_DIR",
        "CODEX_HOME",
        "GEMINI_DATA_DIR",
        "QWEN_DATA_DIR",
        "PI_AGENT_DIR",
        "OPENCLAW_DIR",
        "KIMI_DATA_DIR",
        "AMP_DATA_DIR",
        "DROID_SESSIONS_DIR",
        "OPENCODE_DATA_DIR",
        "KILO_DATA_DIR",
        "GOOSE_PATH_ROOT",
        "HERMES_HOME",
        "COPILOT_OTEL_FILE_EXPORTER_PATH",
        "GROK_HOME",
        "ZCODE_HOME",
        "CODEBUFF_DATA_DIR",
        "GEMINI_CLI_HOME",
    ] {
        command.env_remove(agent);
    }
    json_of(command.arg("tally").args(args).arg("--json"))
}

#[test]
fn every_agents_logs_are_found_in_its_folder_and_priced() {
    // Each agent's fixture, worked by hand at the bundled catalog's rates:
    let expected = [
        // Gemini 3.5 Flash ($1.50 in, $0.15 cache read, $9 out): m1 is
        // 8k + 4k cached + 1k out (800 + 200 thoughts) = $0.0216; m2 is
        // 10.5k (10k + 500 tool) + 10k cached + 1k out = $0.02625.
        ("--gemini-cli", "0.04785"),
        // Qwen3 Coder Plus under 32k ($1, $0.10, $5): 12k + 8k cached +
        // 1.5k out = $0.012 + $0.0008 + $0.0075.
        ("--qwen-code", "0.0203"),
        // Sonnet 4.6 ($3, $0.30, $3.75 write, $15): 3k + 20k read + 1k
        // written + 600 out = $0.009 + $0.006 + $0.00375 + $0.009.
        ("--pi", "0.02775"),
        // Haiku 4.5, named by the model_change line: 5k in + 1k out.
        ("--openclaw", "0.01"),
        // Kimi K2.6 from Kimi's config.json ($0.95, $0.16, $4); s1 is
        // logged twice and counted once: 2k + 6k read + 500 out =
        // $0.00486, s2 1k + 9k read + 300 out = $0.00359.
        ("--kimi-cli", "0.00845"),
        // Opus 4.5 ($5, $0.50, $6.25, $25): 100 + 30k read + 5k written +
        // 2k out = $0.0005 + $0.015 + $0.03125 + $0.05.
        ("--amp", "0.09675"),
        // GPT-5 mini ($0.25, $0.025, $2), the session's totals: 40k + 60k
        // read + 4k out (3k + 1k thinking) = $0.01 + $0.0015 + $0.008.
        ("--droid", "0.0195"),
        // OpenCode's database (its message files beside it are the same
        // messages, not read): Sonnet 4.6, 2k + 10k read + 3k written +
        // 500 out (400 + 100 reasoning) = $0.006 + $0.003 + $0.01125 +
        // $0.0075; GPT-5 mini through GitHub Copilot, priced at OpenAI's
        // API: 10k + 1k out = $0.0025 + $0.002; msg_3's two steps, each
        // one call (its own tokens are only the last step's): Sonnet 4.6,
        // 1k + 5k read + 200 out = $0.003 + $0.0015 + $0.003, then 500 +
        // 6k read + 100 out = $0.0015 + $0.0018 + $0.0015.
        ("--opencode", "0.04455"),
        // Kilo's database: Haiku 4.5, 1k in + 200 out = $0.001 + $0.001.
        ("--kilo", "0.002"),
        // Goose's session totals: GPT-5 mini, 30k in + 3k out (2k + the
        // 1k its total counts beyond them) = $0.0075 + $0.006; the session
        // with no model is left out.
        ("--goose", "0.0135"),
        // Hermes's session totals: Haiku 4.5, 4k + 16k read + 2k written +
        // 800 out = $0.004 + $0.0016 + $0.0025 + $0.004.
        ("--hermes", "0.0121"),
        // Copilot CLI's export records call r1 three times (its chat span,
        // its inference log, the invoke_agent span that sums the run): the
        // chat span counts, Sonnet 4.6, 4k + 8k read + 500 out = $0.012 +
        // $0.0024 + $0.0075; an agent turn in a trace of its own counts,
        // GPT-5 mini, 4k + 200 out = $0.001 + $0.0004.
        ("--copilot-cli", "0.0233"),
        // Grok Build at Grok 4.6's rates ($2, $0.50 cached, $6): turn p-1
        // is 10k + 40k cached + 2k out (1.5k + 500 reasoning) = $0.02 +
        // $0.02 + $0.012; turn p-2 sums 2 calls of 150k each, so the
        // base tier: 20k + 280k cached + 3k out = $0.04 + $0.14 +
        // $0.018 (its 300k as one call: $0.396). The fork gb-2 copies p-1
        // (billed once) and runs p-3 on Grok 4.5 ($2, $0.30, $6): 3k + 5k
        // cached + 1k out = $0.006 + $0.0015 + $0.006. $0.052 + $0.198 +
        // $0.0135.
        ("--grok-build", "0.2635"),
        // ZCode: GLM-5.2 on Z.ai's plan ($1.40, $0.26, $4.40): 40k + 60k
        // cached + 2k out (1.5k + 500 reasoning) = $0.056 + $0.0156 +
        // $0.0088; a cancelled request through a provider the user added,
        // at DeepSeek's API off-peak (12:03 UTC; $0.15, $0.003, $0.60):
        // 2k + 8k cached + 100 out = $0.0003 + $0.000024 + $0.00006; the
        // row still streaming and the empty one are left out.
        ("--zcode", "0.080784"),
        // Antigravity: Claude Opus 4.6 (thinking) at Anthropic's API ($5,
        // $0.50 cache read, $6.25 cache write, $25): 2k + 30k read + 5k
        // written + 2k out (1.5k + 500 thinking) = $0.01 + $0.015 +
        // $0.03125 + $0.05, saved twice and billed once; gemini-3-flash-a,
        // an id of Antigravity's own, is an unknown model.
        ("--antigravity", "0.10625"),
    ];
    for (flag, total) in expected {
        let json = in_fixture_home(&[flag]);
        assert_eq!(json["total"].to_string(), total, "{flag}: {json}");
        assert_eq!(json["malformed"]["count"], 0, "{flag}: {json}");
    }
    // --agents finds all seventeen that log tokens in one home: the fifteen
    // above ($0.776584), Claude Code's $0.00338 and Codex's $0.0297.
    // Codebuff's three replies state only credits, so llmcost's own price
    // leaves them out, named (see the Codebuff test), as it does
    // Antigravity's gemini-3-flash-a.
    let json = in_fixture_home(&["--agents", "--by", "agent"]);
    assert_eq!(json["total"].to_string(), "0.809664");
    assert_eq!(json["unknown_models"][0]["name"], "codebuff");
    assert_eq!(json["unknown_models"][0]["stated_cost_lines"], 3);
    assert_eq!(json["unknown_models"][1]["name"], "gemini-3-flash-a");
    assert!(json["unknown_models"][1].get("stated_cost_lines").is_none());
    assert_eq!(json["total_is_lower_bound"], true);
    assert_eq!(group(&json, "antigravity")["cost"].to_string(), "0.10625");
    assert_eq!(group(&json, "gemini-cli")["cost"].to_string(), "0.04785");
    assert_eq!(group(&json, "claude-code")["cost"].to_string(), "0.00338");
    assert_eq!(group(&json, "codex")["cost"].to_string(), "0.0297");
    assert_eq!(group(&json, "opencode")["cost"].to_string(), "0.04455");
    assert_eq!(json["groups"].as_array().unwrap().len(), 17);
    assert_eq!(group(&json, "grok-build")["cost"].to_string(), "0.2635");
    // An agent's other files (Gemini's prompt log, Droid's transcript)
    // are not read as logs.
    let inputs = json["inputs"].to_string();
    assert!(
        !inputs.contains("logs.json") && !inputs.contains("d-1.jsonl\""),
        "{inputs}"
    );
    // OpenCode's message files beside its database are the same messages.
    assert!(
        !inputs.contains("msg_1.json") && inputs.contains("opencode.db"),
        "{inputs}"
    );
}

#[test]
fn an_agents_folder_moves_with_its_variable_and_a_missing_one_is_named() {
    let home = fixture("home");
    let json = json_of(
        common::llmcost()
            .env("HOME", fixture("no-such-home"))
            .env("GEMINI_DATA_DIR", home.join(".gemini/tmp"))
            .args(["tally", "--gemini-cli", "--by", "session", "--json"]),
    );
    assert_eq!(group(&json, "g-1")["cost"].to_string(), "0.04785");
    // A relative path inside an agent's folder is the agent's too.
    let json = json_of(
        common::llmcost()
            .env("HOME", fixture("no-such-home"))
            .current_dir(home.join(".gemini/tmp"))
            .args(["tally", ".", "--json"]),
    );
    assert_eq!(json["total"].to_string(), "0.04785");
    // Copilot's variable names the export file itself.
    let json = json_of(
        common::llmcost()
            .env("HOME", fixture("no-such-home"))
            .env(
                "COPILOT_OTEL_FILE_EXPORTER_PATH",
                home.join(".copilot/otel/copilot-otel-1.jsonl"),
            )
            .args(["tally", "--copilot-cli", "--json"]),
    );
    assert_eq!(json["total"].to_string(), "0.0233");
    common::llmcost()
        .env("HOME", fixture("no-such-home"))
        .env_remove("AMP_DATA_DIR")
        .args(["tally", "--amp"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("found no Amp logs"));
    common::llmcost()
        .env("HOME", fixture("no-such-home"))
        .args(["tally"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("tally needs log files"));
}

#[test]
fn many_small_files_read_side_by_side_bill_as_one_file_at_a_time() {
    // Forty sessions each repeat message msg_S (a subagent's copy), with a
    // different output count; the first file's copy is billed whichever
    // thread reads it first: Haiku 4.5, 1,000 in + 100 out =
    // $0.001 + $0.0005. Each file also bills its own message of 10 in:
    // 40 x $0.00001 = $0.0004. Total $0.0019.
    let dir = tempfile::tempdir().unwrap();
    for n in 0..40 {
        let line = |id: &str, input: u32, output: u32| {
            format!(
                r#"{{"type":"assistant","requestId":"r-{id}","sessionId":"s","timestamp":"2026-11-20T10:00:00Z","message":{{"id":"{id}","model":"claude-haiku-4-5","stop_reason":"end_turn","usage":{{"input_tokens":{input},"output_tokens":{output}}}}}}}"#
            )
        };
        let text = format!(
            "{}\n{}\n",
            line("msg_S", 1000, 100 + n),
            line(&format!("own_{n}"), 10, 0)
        );
        std::fs::write(dir.path().join(format!("a{n:02}.jsonl")), text).unwrap();
    }
    // Two files that cannot be read, listed in input order.
    std::fs::write(dir.path().join("a05x.jsonl.gz"), b"not gzip").unwrap();
    std::fs::write(dir.path().join("a30x.jsonl.gz"), b"not gzip either").unwrap();
    let json = json_of(common::llmcost().arg("tally").arg(dir.path()).arg("--json"));
    assert_eq!(json["total"].to_string(), "0.0019", "{json}");
    assert_eq!(json["duplicates"], 39);
    let unreadable = json["unreadable"].as_array().unwrap();
    assert_eq!(unreadable.len(), 2, "{json}");
    assert!(unreadable[0].as_str().unwrap().contains("a05x"), "{json}");
    assert!(unreadable[1].as_str().unwrap().contains("a30x"), "{json}");
}

#[test]
fn a_logged_cost_replaces_or_stands_beside_the_computed_one() {
    // Five agents state costs: pi $0.02775, Hermes $0.0121, Kilo $0.002
    // (each as llmcost prices them), OpenCode: $0.02775 for its Sonnet
    // message, $0.0075 and $0.0048 for the steps of another, $0 for the GPT-5 mini one it ran through GitHub Copilot
    // (llmcost: $0.0045 at OpenAI's API), and Grok Build: xAI's $0.052
    // for p-1 (as llmcost) and $0.25 for p-2, whose calls xAI tiered one
    // by one (llmcost: $0.198); p-3 states none.
    let computed = in_fixture_home(&["--agents", "--by", "agent"]);
    assert!(computed.get("cost_source").is_none());
    assert!(group(&computed, "opencode").get("logged_cost").is_none());
    // logged: $0.809664 - $0.0045 + $0.052 + Codebuff's $0.525 (its
    // credits) = $1.382164; all eighteen agents have a group (Antigravity's
    // unknown model states no cost, so it is still left out).
    let logged = in_fixture_home(&["--agents", "--by", "agent", "--cost-source", "logged"]);
    assert_eq!(logged["total"].to_string(), "1.382164");
    assert_eq!(group(&logged, "codebuff")["cost"].to_string(), "0.525");
    assert_eq!(logged["groups"].as_array().unwrap().len(), 18);
    assert_eq!(logged["unpriced_lines"], 1);
    assert_eq!(group(&logged, "grok-build")["cost"].to_string(), "0.3155");
    assert_eq!(logged["cost_source"], "logged");
    assert_eq!(group(&logged, "opencode")["cost"].to_string(), "0.04005");
    assert_eq!(group(&logged, "amp")["cost"].to_string(), "0.09675");
    // both: llmcost's total, with the stated costs and the difference.
    let both = in_fixture_home(&["--agents", "--by", "agent", "--cost-source", "both"]);
    assert_eq!(both["total"].to_string(), "0.809664");
    let grok = group(&both, "grok-build");
    assert_eq!(grok["logged_cost"].to_string(), "0.302");
    assert_eq!(grok["logged_difference"].to_string(), "0.052");
    let opencode = group(&both, "opencode");
    assert_eq!(opencode["cost"].to_string(), "0.04455");
    assert_eq!(opencode["logged_cost"].to_string(), "0.04005");
    assert_eq!(opencode["logged_difference"].to_string(), "-0.0045");
    assert_eq!(group(&both, "pi")["logged_difference"].to_string(), "0");
    assert!(group(&both, "amp").get("logged_cost").is_none());
}

#[test]
fn codebuffs_credits_are_its_stated_cost_at_a_cent_each() {
    // Codebuff logs no tokens, only each reply's credits, billed at its
    // pay-as-you-go $0.01 a credit. Chat 2026-11-21 (stable channel): ai-1
    // 37 credits = $0.37 and ai-3 12.5 = $0.125 (the unfinished reply and
    // the error state none); chat 2026-11-22 (dev channel, no timestamp,
    // so the chat's own time): 3 credits = $0.03. Total $0.525.
    let json = in_fixture_home(&[
        "--codebuff",
        "--by",
        "session,project,day",
        "--cost-source",
        "logged",
    ]);
    assert_eq!(json["total"].to_string(), "0.525", "{json}");
    let shop = group(
        &json,
        "2026-11-21T09-30-00.000Z · /home/dev/shop · 2026-11-21",
    );
    assert_eq!(shop["cost"].to_string(), "0.495");
    assert_eq!(shop["requests"], 2);
    // The dev chat's folder comes from its run-state.json.
    let tools = group(
        &json,
        "2026-11-22T18-05-00.000Z · /home/dev/tools · 2026-11-22",
    );
    assert_eq!(tools["cost"].to_string(), "0.03");
    // llmcost prices no credits itself: by default the lines are named,
    // with the flag that counts them.
    let out = common::llmcost()
        .env("HOME", fixture("home"))
        .env_remove("CODEBUFF_DATA_DIR")
        .args(["tally", "--codebuff"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("3 of them state their own cost: --cost-source logged counts it"),
        "{text}"
    );
    // CODEBUFF_DATA_DIR lists channel folders.
    let home = fixture("home");
    let dev = home.join(".config/manicode-dev");
    let json = json_of(
        common::llmcost()
            .env("HOME", fixture("no-such-home"))
            .env("CODEBUFF_DATA_DIR", format!("{},/no/such", dev.display()))
            .args(["tally", "--codebuff", "--cost-source", "logged", "--json"]),
    );
    assert_eq!(json["total"].to_string(), "0.03", "{json}");
}

#[test]
fn a_sessions_totals_are_priced_at_the_base_context_tier() {
    // Droid keeps only a session's totals: Sonnet 4.5, 50k in + 2M cache
    // reads + 50k written + 10k out. Each call was far under 200k; the sum
    // is not. Base tier ($3, $0.30, $3.75, $15): $0.15 + $0.60 + $0.1875 +
    // $0.15 = $1.0875 (the long-context tier would make it $2.10).
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("s1.settings.json"),
        r#"{"model":"Claude-Sonnet-4.5-[Anthropic]","providerLockTimestamp":"2026-11-21T12:00:00.000Z","tokenUsage":{"inputTokens":50000,"outputTokens":10000,"cacheCreationTokens":50000,"cacheReadTokens":2000000,"thinkingTokens":0}}"#,
    )
    .unwrap();
    let json = json_of(
        common::llmcost()
            .env("DROID_SESSIONS_DIR", dir.path())
            .args(["tally", "--droid", "--json"]),
    );
    assert_eq!(json["total"].to_string(), "1.0875", "{json}");
}

#[test]
fn grok_builds_turns_group_by_their_working_folder_and_session() {
    // The folder name %2Fhome%2Fdev%2Fshop is /home/dev/shop; gb-1 holds
    // p-1 and p-2 ($0.052 + $0.198), the fork gb-2 its own p-3 ($0.0135).
    let project = in_fixture_home(&["--grok-build", "--by", "project"]);
    assert_eq!(
        group(&project, "/home/dev/shop")["cost"].to_string(),
        "0.2635"
    );
    let session = in_fixture_home(&["--grok-build", "--by", "session"]);
    assert_eq!(group(&session, "gb-1")["cost"].to_string(), "0.25");
    assert_eq!(group(&session, "gb-2")["cost"].to_string(), "0.0135");
    assert_eq!(session["duplicates"], 1);
}

#[test]
fn a_copilot_run_recorded_only_as_a_whole_is_priced_at_the_base_context_tier() {
    // An export without chat spans: the invoke_agent span sums the run's
    // calls, 500k input (400k cache reads) and 5k output on Sonnet 4.5.
    // Base tier ($3, $0.30, $15): 100k × $3 + 400k × $0.30 + 5k × $15 =
    // $0.30 + $0.12 + $0.075 = $0.495 (the long-context tier would make
    // it $0.9525).
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("copilot-otel.jsonl");
    std::fs::write(
        &export,
        r#"{"type":"span","name":"invoke_agent copilot","traceId":"t9","spanId":"s9","startTime":"2026-11-22T14:00:00Z","attributes":{"gen_ai.operation.name":"invoke_agent","gen_ai.response.model":"claude-sonnet-4-5","gen_ai.usage.input_tokens":500000,"gen_ai.usage.cache_read.input_tokens":400000,"gen_ai.usage.output_tokens":5000}}
"#,
    )
    .unwrap();
    let json = json_of(
        common::llmcost()
            .env("COPILOT_OTEL_FILE_EXPORTER_PATH", &export)
            .args(["tally", "--copilot-cli", "--json"]),
    );
    assert_eq!(json["total"].to_string(), "0.495", "{json}");
}

#[test]
fn under_logged_costs_a_model_llmcost_does_not_know_counts_at_its_stated_cost() {
    // grok-4.6-build (Grok Build's name, not in the catalog) states $0.50,
    // written twice under one requestId (billed once); grok-4.6 states
    // $0.25; "mystery" states nothing.
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("stated.jsonl");
    std::fs::write(
        &log,
        concat!(
            r#"{"model":"grok-4.6-build","input_tokens":1000,"output_tokens":10,"cost":0.5,"requestId":"a"}"#,
            "\n",
            r#"{"model":"grok-4.6-build","input_tokens":1000,"output_tokens":10,"cost":0.5,"requestId":"a"}"#,
            "\n",
            r#"{"model":"grok-4.6","input_tokens":1000,"output_tokens":10,"cost":0.25}"#,
            "\n",
            r#"{"model":"mystery","input_tokens":5,"output_tokens":1}"#,
            "\n"
        ),
    )
    .unwrap();
    let tally = |source: &str| {
        json_of(common::llmcost().arg("tally").arg(&log).args([
            "--cost-source",
            source,
            "--by",
            "model",
            "--json",
        ]))
    };
    // logged: $0.50 + $0.25; only "mystery" is unpriced.
    let logged = tally("logged");
    assert_eq!(logged["total"].to_string(), "0.75", "{logged}");
    assert_eq!(group(&logged, "grok-4.6-build")["cost"].to_string(), "0.5");
    assert_eq!(logged["duplicates"], 1);
    assert_eq!(logged["unpriced_lines"], 1);
    // computed (and both): llmcost prices grok-4.6 alone, 1,000 × $2 +
    // 10 × $6 per 1M = $0.00206; three lines are unpriced.
    for source in ["computed", "both"] {
        let json = tally(source);
        assert_eq!(json["total"].to_string(), "0.00206", "{json}");
        assert_eq!(json["unpriced_lines"], 3, "{json}");
    }
}

#[test]
fn the_status_line_reads_a_quiet_log_from_its_cached_rows() {
    // Three Claude Code logs of Haiku 4.5 ($1 in, $5 out), none written for
    // ten minutes, so each is read once into the cache and from there after:
    // s0 has C (100k in + 10k out, $0.15 at 07:10) and D, written twice
    // (100 out, then its complete line of 20k out: $0.20 at 07:20); s1 has
    // A ($0.15 at 08:05) and a copy of C, billed once (s0 comes first); s2,
    // the session, has B (100k + 5k: $0.125 at 08:30). At 09:00 today is
    // $0.15 + $0.20 + $0.15 + $0.125 = $0.625, all in the block from 07:00.
    let dir = tempfile::tempdir().unwrap();
    let projects = dir.path().join("projects").join("-home-dev-shop");
    std::fs::create_dir_all(&projects).unwrap();
    let message = |id: &str, at: &str, output: u32, complete: bool| {
        let stop = if complete {
            r#","stop_reason":"end_turn""#
        } else {
            ""
        };
        format!(
            r#"{{"type":"assistant","requestId":"req_{id}","message":{{"id":"msg_{id}","model":"claude-haiku-4-5"{stop},"usage":{{"input_tokens":100000,"output_tokens":{output}}}}},"timestamp":"{at}","sessionId":"s"}}"#
        )
    };
    let quiet = |path: &std::path::Path, lines: &[String]| {
        std::fs::write(path, lines.join("\n") + "\n").unwrap();
        let ten_minutes_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(600);
        let file = std::fs::File::options().append(true).open(path).unwrap();
        file.set_modified(ten_minutes_ago).unwrap();
    };
    let c = message("C", "2026-12-05T07:10:00Z", 10_000, true);
    quiet(
        &projects.join("s0.jsonl"),
        &[
            c.clone(),
            message("D", "2026-12-05T07:20:00Z", 100, false),
            message("D", "2026-12-05T07:20:01Z", 20_000, true),
        ],
    );
    quiet(
        &projects.join("s1.jsonl"),
        &[message("A", "2026-12-05T08:05:00Z", 10_000, true), c],
    );
    let session = projects.join("s2.jsonl");
    quiet(
        &session,
        &[message("B", "2026-12-05T08:30:00Z", 5_000, true)],
    );
    let cache = tempfile::tempdir().unwrap();
    let hook =
        serde_json::json!({"transcript_path": session, "model": {"display_name": "Haiku 4.5"}});
    let line = |cache_home: &std::path::Path| {
        stdout_of(
            common::llmcost()
                .env("CLAUDE_CONFIG_DIR", dir.path())
                .env("XDG_CACHE_HOME", cache_home)
                .env("LLMCOST_NOW", "2026-12-05T09:00:00Z")
                .env("TZ", "UTC")
                .arg("statusline")
                .write_stdin(hook.to_string()),
        )
    };
    let worked =
        "Haiku 4.5 · session $0.125 · today $0.625 · block $0.625 (3h00m left, $0.312/h)\n";
    assert_eq!(line(cache.path()), worked);
    let entries = cache.path().join("llmcost").join("statusline");
    let mut cached: Vec<_> = std::fs::read_dir(&entries)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    cached.sort();
    assert_eq!(cached.len(), 3);
    // Read again, from the cache: the same line.
    assert_eq!(line(cache.path()), worked);
    // The entries stand in for the logs: B's made to say 15k out (+$0.05)
    // changes today and the block, not the session (read from its log).
    let b_entry = cached
        .iter()
        .find(|path| std::fs::read_to_string(path).unwrap().contains("msg_B"))
        .unwrap();
    let tampered = std::fs::read_to_string(b_entry)
        .unwrap()
        .replace("\"output_tokens\":5000", "\"output_tokens\":15000");
    std::fs::write(b_entry, tampered).unwrap();
    assert_eq!(
        line(cache.path()),
        "Haiku 4.5 · session $0.125 · today $0.675 · block $0.675 (3h00m left, $0.338/h)\n"
    );
    // A log that changes is cached anew: the session's B written again.
    let b = message("B", "2026-12-05T08:30:00Z", 5_000, true);
    quiet(&session, &[b.clone(), b]);
    assert_eq!(line(cache.path()), worked);
    // An entry not read for three days is removed.
    let stale = entries.join("0123456789abcdef.jsonl");
    std::fs::write(&stale, "").unwrap();
    let four_days_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(4 * 86_400);
    std::fs::File::options()
        .append(true)
        .open(&stale)
        .unwrap()
        .set_modified(four_days_ago)
        .unwrap();
    assert_eq!(line(cache.path()), worked);
    assert!(!stale.exists());
    // Without a cache folder that can be written, the logs are read.
    let not_a_folder = cache.path().join("file");
    std::fs::write(&not_a_folder, "").unwrap();
    assert_eq!(line(&not_a_folder), worked);
}
