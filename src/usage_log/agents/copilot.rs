//! GitHub Copilot CLI's OpenTelemetry file export
//! (`~/.copilot/otel/*.jsonl`, or the file `COPILOT_OTEL_FILE_EXPORTER_PATH`
//! names): one span or log record per line, each with GenAI `attributes`.
//! The same model call can be recorded up to four times: as a `chat` span,
//! as an inference log record (`gen_ai.client.inference.operation.details`),
//! in an agent turn's log record (`copilot_chat.agent.turn`) and in the
//! `invoke_agent` span that sums a run. Each counts only where no record
//! before it in that order has the same trace or response id, as ccusage
//! counts them. The lines that count are then read as any GenAI span is
//! (`gen_ai.usage.*`, cache reads and writes within the input); an agent
//! turn's or run's record, which sums several calls, at the base context
//! tier.

use std::collections::HashSet;
use std::path::Path;

use serde_json::Value;

use super::text;

/// What a record is, in the order that decides which one counts.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Source {
    ChatSpan,
    InferenceLog,
    AgentTurnLog,
    AgentSummarySpan,
}

/// The trace ids and the response ids of one kind of record.
type Ids<'c> = (HashSet<&'c str>, HashSet<&'c str>);

/// A record that may count: what it is, its ids and its line.
struct Candidate<'b> {
    source: Source,
    trace: Option<String>,
    response: Option<String>,
    line: &'b [u8],
}

/// The lines of one export that count, each once.
pub fn read(_path: &Path, bytes: &[u8]) -> Vec<u8> {
    let candidates: Vec<Candidate<'_>> = bytes
        .split(|b| *b == b'\n')
        .filter_map(|line| {
            let record = serde_json::from_slice::<Value>(line).ok()?;
            Some(Candidate {
                source: source_of(&record)?,
                trace: text(&record, "traceId")
                    .or_else(|| record.get("spanContext").and_then(|c| text(c, "traceId")))
                    .map(str::to_string),
                response: attribute(&record, "gen_ai.response.id"),
                line,
            })
        })
        .collect();
    let ids_of = |source: Source| -> Ids<'_> {
        let of = |c: &&Candidate<'_>| c.source == source;
        (
            candidates
                .iter()
                .filter(of)
                .filter_map(|c| c.trace.as_deref())
                .collect(),
            candidates
                .iter()
                .filter(of)
                .filter_map(|c| c.response.as_deref())
                .collect(),
        )
    };
    let earlier: Vec<(Source, Ids<'_>)> =
        [Source::ChatSpan, Source::InferenceLog, Source::AgentTurnLog]
            .into_iter()
            .map(|source| (source, ids_of(source)))
            .collect();
    let mut kept = Vec::new();
    for candidate in &candidates {
        let covered = earlier.iter().any(|(source, (traces, responses))| {
            *source < candidate.source
                && (candidate
                    .trace
                    .as_deref()
                    .is_some_and(|t| traces.contains(t))
                    || candidate
                        .response
                        .as_deref()
                        .is_some_and(|r| responses.contains(r)))
        });
        if covered {
            continue;
        }
        match candidate.source {
            Source::ChatSpan | Source::InferenceLog => kept.extend_from_slice(candidate.line),
            // A turn's or a run's record sums its calls, each far smaller
            // than the sum: priced at the base context tier, as a session's
            // totals are.
            Source::AgentTurnLog | Source::AgentSummarySpan => {
                kept.extend_from_slice(&at_base_context_tier(candidate.line));
            }
        }
        kept.push(b'\n');
    }
    kept
}

/// A record's line with `context_floor_tokens: 0` added (as it was, if it
/// does not parse again).
fn at_base_context_tier(line: &[u8]) -> Vec<u8> {
    let Ok(Value::Object(mut record)) = serde_json::from_slice::<Value>(line) else {
        return line.to_vec();
    };
    record.insert("context_floor_tokens".to_string(), Value::from(0));
    serde_json::to_vec(&record).unwrap_or_else(|_| line.to_vec())
}

/// Which kind of record `record` is, if it is one that holds usage.
fn source_of(record: &Value) -> Option<Source> {
    attribute_value(record, "gen_ai.usage.input_tokens")
        .or_else(|| attribute_value(record, "gen_ai.usage.output_tokens"))?;
    let name = text(record, "name").unwrap_or("");
    let operation = attribute(record, "gen_ai.operation.name");
    let event = attribute(record, "event.name");
    let body = text(record, "body").unwrap_or("");
    let is_span = match text(record, "type") {
        Some(kind) => kind == "span",
        None => {
            !name.is_empty() && (record.get("spanId").is_some() || record.get("traceId").is_some())
        }
    };
    if is_span {
        if operation.as_deref() == Some("chat") || name.starts_with("chat ") {
            return Some(Source::ChatSpan);
        }
        if operation.as_deref() == Some("invoke_agent") || name.starts_with("invoke_agent ") {
            return Some(Source::AgentSummarySpan);
        }
        return None;
    }
    if event.as_deref() == Some("gen_ai.client.inference.operation.details")
        || body.starts_with("GenAI inference:")
    {
        return Some(Source::InferenceLog);
    }
    if event.as_deref() == Some("copilot_chat.agent.turn")
        || body.starts_with("copilot_chat.agent.turn")
    {
        return Some(Source::AgentTurnLog);
    }
    None
}

/// An attribute's value, from a map or OTLP JSON's key/value list.
fn attribute_value<'v>(record: &'v Value, key: &str) -> Option<&'v Value> {
    match record.get("attributes")? {
        Value::Object(map) => map.get(key),
        Value::Array(list) => list
            .iter()
            .find(|item| item.get("key").and_then(Value::as_str) == Some(key))
            .and_then(|item| item.get("value"))
            .map(|value| {
                value
                    .as_object()
                    .and_then(|typed| typed.values().next())
                    .unwrap_or(value)
            }),
        _ => None,
    }
}

/// An attribute's text.
fn attribute(record: &Value, key: &str) -> Option<String> {
    attribute_value(record, key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}
