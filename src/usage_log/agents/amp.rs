//! Amp's threads (`~/.local/share/amp/threads/T-<id>.json`), one JSON
//! document each. Each assistant message's `usage` names its `model` and
//! `timestamp` and counts `inputTokens` (cache excluded),
//! `cacheReadInputTokens`, `cacheCreationInputTokens` and `outputTokens`.
//! Older threads keep the usage in `usageLedger.events` instead (`tokens`:
//! `input`, `output`), with the cache counts on the message each event
//! names (`toMessageId`).

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;

use super::{FlatRecord, count, stem, text};

/// The records of one Amp thread.
pub fn read(path: &Path, bytes: &[u8]) -> Vec<FlatRecord> {
    let Ok(thread) = serde_json::from_slice::<Value>(bytes) else {
        return Vec::new();
    };
    let session = text(&thread, "id").map_or_else(|| stem(path), str::to_string);
    let answers: Vec<&Value> = thread
        .get("messages")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|m| text(m, "role") == Some("assistant"))
        .collect();
    let events = thread
        .pointer("/usageLedger/events")
        .and_then(Value::as_array)
        .filter(|events| !events.is_empty());
    let mut records = match events {
        Some(events) => from_ledger(events, &answers),
        None => answers.iter().filter_map(|m| from_message(m)).collect(),
    };
    for record in &mut records {
        record.session = Some(session.clone());
        record.project = Some("amp".to_string());
    }
    records.retain(|r| !r.is_empty());
    records
}

fn from_message(message: &Value) -> Option<FlatRecord> {
    let usage = message.get("usage")?;
    let mut record = FlatRecord::from_parts(
        count(usage, "inputTokens"),
        count(usage, "cacheReadInputTokens"),
        count(usage, "cacheCreationInputTokens"),
        count(usage, "outputTokens"),
        0,
    );
    record.model = text(usage, "model")
        .or_else(|| text(message, "model"))?
        .to_string();
    record.ts = text(usage, "timestamp")
        .or_else(|| text(message, "timestamp"))
        .map(str::to_string);
    Some(record)
}

fn from_ledger(events: &[Value], answers: &[&Value]) -> Vec<FlatRecord> {
    let cache: HashMap<i64, (u64, u64)> = answers
        .iter()
        .filter_map(|m| {
            let usage = m.get("usage");
            let cached = |key| usage.map_or(0, |u| count(u, key));
            Some((
                m.get("messageId")?.as_i64()?,
                (
                    cached("cacheReadInputTokens"),
                    cached("cacheCreationInputTokens"),
                ),
            ))
        })
        .collect();
    events
        .iter()
        .filter_map(|event| {
            let tokens = event.get("tokens")?;
            let (read, write) = event
                .get("toMessageId")
                .and_then(Value::as_i64)
                .and_then(|id| cache.get(&id).copied())
                .unwrap_or_default();
            let mut record = FlatRecord::from_parts(
                count(tokens, "input"),
                read,
                write,
                count(tokens, "output"),
                0,
            );
            record.model = text(event, "model")?.to_string();
            record.ts = text(event, "timestamp").map(str::to_string);
            Some(record)
        })
        .collect()
}
