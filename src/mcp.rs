//! `llmcost mcp`: a Model Context Protocol server over stdio, so a coding
//! agent can ask what a workload costs and what is cheaper. Messages are
//! JSON-RPC 2.0, one per line. The tools are [`crate::tools::TOOLS`]: each
//! call runs the command itself on the catalog loaded once at start, and
//! answers with its JSON report (`structuredContent`) and a short text.
//! Nothing a client sends stops the server but the end of its input.

use std::io::{BufRead, Read, Write};

use anyhow::Result;
use serde_json::{Value, json};

use crate::diagnostics::Diagnostics;
use crate::render::text::sanitize;
use crate::tools::{self, CallError, TOOLS};

/// The protocol versions this server speaks, oldest first; it answers an
/// `initialize` in the client's version when it is one of these, else in
/// the newest.
const PROTOCOL_VERSIONS: [&str; 4] = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"];

/// JSON-RPC's error codes.
const PARSE_ERROR: i64 = -32700;
const INVALID_REQUEST: i64 = -32600;
const METHOD_NOT_FOUND: i64 = -32601;
const INVALID_PARAMS: i64 = -32602;

/// The largest message read; a longer line is answered with a parse error.
const MAX_MESSAGE_BYTES: usize = 4 * 1024 * 1024;

/// Serves requests from `input` until it ends, writing each answer to
/// `out` as one line.
pub fn serve(input: &mut dyn BufRead, out: &mut dyn Write) -> Result<()> {
    let mut line = Vec::new();
    loop {
        line.clear();
        let mut limited = Read::take(&mut *input, MAX_MESSAGE_BYTES as u64 + 1);
        let read = limited.read_until(b'\n', &mut line)?;
        if read == 0 {
            return Ok(());
        }
        if line.len() > MAX_MESSAGE_BYTES && line.last() != Some(&b'\n') {
            // Skip the rest of an oversized line, then say so once.
            let mut rest = Vec::new();
            input.read_until(b'\n', &mut rest)?;
            reply(out, &error(Value::Null, PARSE_ERROR, "message too large"))?;
            continue;
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if let Some(answer) = answer(&line) {
            reply(out, &answer)?;
        }
    }
}

fn reply(out: &mut dyn Write, message: &Value) -> Result<()> {
    writeln!(out, "{message}")?;
    out.flush()?;
    Ok(())
}

fn error(id: Value, code: i64, message: &str) -> Value {
    let mut answer = json!({"jsonrpc": "2.0", "error": {"code": code, "message": message}});
    answer["id"] = id;
    answer
}

fn result(id: Value, result: Value) -> Value {
    let mut answer = json!({"jsonrpc": "2.0"});
    answer["id"] = id;
    answer["result"] = result;
    answer
}

/// The answer to one message, or `None` for a notification.
fn answer(line: &[u8]) -> Option<Value> {
    let Ok(message) = serde_json::from_slice::<Value>(line) else {
        return Some(error(Value::Null, PARSE_ERROR, "Parse error: not JSON"));
    };
    let id = message.get("id").cloned();
    let Some(method) = message.get("method").and_then(Value::as_str) else {
        return Some(error(
            id.unwrap_or(Value::Null),
            INVALID_REQUEST,
            "Invalid request: a JSON-RPC message needs a method",
        ));
    };
    // A notification (no id) gets no answer, whatever it is.
    let id = id?;
    let params = message.get("params").cloned().unwrap_or(Value::Null);
    Some(match method {
        "initialize" => result(id, initialize(&params)),
        "ping" => result(id, json!({})),
        "tools/list" => result(id, tool_list()),
        "tools/call" => tool_call(id, &params),
        _ => error(id, METHOD_NOT_FOUND, &format!("Method not found: {method}")),
    })
}

fn initialize(params: &Value) -> Value {
    let asked = params.get("protocolVersion").and_then(Value::as_str);
    let version = asked
        .filter(|v| PROTOCOL_VERSIONS.contains(v))
        .unwrap_or(PROTOCOL_VERSIONS[PROTOCOL_VERSIONS.len() - 1]);
    json!({
        "protocolVersion": version,
        "capabilities": {"tools": {"listChanged": false}},
        "serverInfo": {"name": "llmcost", "version": env!("CARGO_PKG_VERSION")},
        "instructions": "Exact LLM API prices from llmcost's catalog. Use `cost` to price a workload on one model, `compare` to find the cheapest of several, `related` for alternatives, `show` for a model's facts and sources, `search` to find a model id, `snippet` for code that calls it. Token counts describe one request; `requests` multiplies.",
    })
}

fn tool_list() -> Value {
    let tools: Vec<Value> = TOOLS
        .iter()
        .map(|tool| {
            json!({
                "name": tool.name,
                "description": tool.about,
                "inputSchema": tools::input_schema(tool),
            })
        })
        .collect();
    json!({"tools": tools})
}

fn tool_call(id: Value, params: &Value) -> Value {
    let Some(name) = params.get("name").and_then(Value::as_str) else {
        return error(id, INVALID_PARAMS, "tools/call needs a tool name");
    };
    let arguments = params.get("arguments").cloned().unwrap_or(Value::Null);
    match tools::call(name, &arguments) {
        Ok(called) => {
            let text = summary(name, &called.report, &called.diagnostics);
            // structuredContent must be an object.
            let mut structured = if called.report.is_object() {
                called.report
            } else {
                json!({"result": called.report})
            };
            with_diagnostics(&mut structured, &called.diagnostics);
            result(
                id,
                json!({
                    "content": [{"type": "text", "text": text}],
                    "structuredContent": structured,
                    "isError": false,
                }),
            )
        }
        Err(CallError::UnknownTool(name)) => {
            error(id, INVALID_PARAMS, &format!("Unknown tool: {name}"))
        }
        Err(failure) => {
            let mut text = failure.to_string();
            if let CallError::UnknownModel { suggestions, .. } = &failure
                && !suggestions.is_empty()
            {
                text = format!("{text}\nClosest ids: {}", suggestions.join(", "));
            }
            result(
                id,
                json!({"content": [{"type": "text", "text": text}], "isError": true}),
            )
        }
    }
}

/// A short text beside the JSON: the answer in one line where the report
/// has one, then the notes and warnings.
/// Adds the command's `note: …` and `warning: …` lines to the report's own
/// `notes` and `warnings`, where it has them, as Python's `CostResult`
/// does: one result, whichever door priced it.
fn with_diagnostics(report: &mut Value, diagnostics: &Diagnostics) {
    for (key, said) in [
        ("notes", &diagnostics.notes),
        ("warnings", &diagnostics.warnings),
    ] {
        if let Some(list) = report.get_mut(key).and_then(Value::as_array_mut) {
            list.extend(said.iter().map(|text| Value::String(sanitize(text))));
        }
    }
}

fn summary(tool: &str, report: &Value, diagnostics: &Diagnostics) -> String {
    let text = |key: &str| {
        report
            .get(key)
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
    };
    let mut lines = vec![match tool {
        "cost" => format!(
            "{}/{}: ${} for {} request(s)",
            text("provider").unwrap_or_default(),
            text("model").unwrap_or_default(),
            text("total").unwrap_or_default(),
            report
                .pointer("/usage/requests")
                .map_or_else(|| "1".to_string(), ToString::to_string)
        ),
        "compare" => {
            report
                .get("rows")
                .and_then(Value::as_array)
                .map_or_else(String::new, |rows| {
                    let first: Vec<String> = rows
                        .iter()
                        .take(5)
                        .map(|row| {
                            format!(
                                "{}/{} ${}",
                                row["provider"].as_str().unwrap_or(""),
                                row["model"].as_str().unwrap_or(""),
                                row["total"]
                            )
                        })
                        .collect();
                    format!("cheapest first: {}", first.join("; "))
                })
        }
        "snippet" => text("code").unwrap_or_default(),
        _ => format!("{tool}: see the structured result"),
    }];
    lines.extend(diagnostics.lines());
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notifications_get_no_answer_and_garbage_gets_a_parse_error() {
        assert_eq!(
            answer(br#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#),
            None
        );
        let garbage = answer(b"{not json").unwrap();
        assert_eq!(garbage["error"]["code"], PARSE_ERROR);
        let no_method = answer(br#"{"jsonrpc":"2.0","id":3}"#).unwrap();
        assert_eq!(no_method["error"]["code"], INVALID_REQUEST);
        assert_eq!(no_method["id"], 3);
        let unknown = answer(br#"{"jsonrpc":"2.0","id":"a","method":"nope"}"#).unwrap();
        assert_eq!(unknown["error"]["code"], METHOD_NOT_FOUND);
    }

    #[test]
    fn initialize_answers_in_the_clients_version_when_known() {
        assert_eq!(
            initialize(&json!({"protocolVersion": "2025-03-26"}))["protocolVersion"],
            "2025-03-26"
        );
        assert_eq!(
            initialize(&json!({"protocolVersion": "1999-01-01"}))["protocolVersion"],
            "2025-11-25"
        );
    }
}
