//! Grok Build's sessions (`~/.grok/sessions/<encoded folder>/<session>/
//! updates.jsonl`, or under `$GROK_HOME`). A session's updates are ACP
//! notifications; each turn ends with one whose `params.update` has
//! `sessionUpdate: "turn_completed"`, its `prompt_id`, and the turn's
//! `usage`: `inputTokens` (cache reads and writes included),
//! `cachedReadTokens`, `cacheCreationTokens`, `outputTokens` (reasoning
//! included), `reasoningTokens`, `modelCalls` (the API calls the turn
//! made), `costUsdTicks` (xAI's cost, in 10⁻¹⁰ USD), and the same counts
//! per model in `modelUsage`. The turn's time is `params._meta.
//! agentTimestampMs`: a fork copies its parent's updates and stamps the
//! envelope's `timestamp` anew, but keeps `_meta` and the `prompt_id`, so
//! a copied turn is billed once, at its own time.
//!
//! The other lines (streamed chunks, tool calls, the running context size
//! in `_meta.totalTokens`) are not usage.

use std::path::Path;

use rust_decimal::Decimal;
use serde_json::Value;

use super::{FlatRecord, cost_number, count, file_name, objects, text};

/// The turns of one Grok Build session file: one record per model a
/// turn used.
pub fn read(path: &Path, bytes: &[u8]) -> Vec<FlatRecord> {
    let session = path
        .parent()
        .map(|folder| file_name(folder).to_string())
        .filter(|name| !name.is_empty());
    let project = path
        .parent()
        .and_then(Path::parent)
        .map(|folder| percent_decoded(file_name(folder)));
    let mut records = Vec::new();
    // Only turn ends carry usage; the other lines (most of the bytes) are
    // passed over without being parsed.
    for line in bytes.split(|b| *b == b'\n') {
        if !contains(line, b"turn_completed") {
            continue;
        }
        for entry in objects(line) {
            records.extend(turn(&entry, session.as_deref(), project.as_deref()));
        }
    }
    records
}

/// The records of one `turn_completed` notification (none for any other
/// line).
fn turn(line: &Value, session: Option<&str>, project: Option<&str>) -> Vec<FlatRecord> {
    let Some(params) = line.get("params") else {
        return Vec::new();
    };
    let Some(update) = params.get("update") else {
        return Vec::new();
    };
    if text(update, "sessionUpdate") != Some("turn_completed") {
        return Vec::new();
    }
    let Some(usage) = update.get("usage").filter(|u| u.is_object()) else {
        return Vec::new();
    };
    let meta = params.get("_meta");
    let instant = meta
        .and_then(|m| m.get("agentTimestampMs"))
        .and_then(Value::as_i64)
        .map(|ms| ms.div_euclid(1000))
        .or_else(|| line.get("timestamp").and_then(Value::as_i64))
        .filter(|seconds| *seconds > 0)
        .map(crate::dates::format_instant);
    let turn_id = text(update, "prompt_id").or_else(|| meta.and_then(|m| text(m, "eventId")));
    let per_model: Vec<(&str, &Value)> = match usage.get("modelUsage").and_then(Value::as_object) {
        Some(models) if !models.is_empty() => models
            .iter()
            .filter(|(_, counts)| counts.is_object())
            .map(|(model, counts)| (model.as_str(), counts))
            .collect(),
        // An older turn without the split: the session's model, if named.
        _ => text(update, "modelId")
            .or_else(|| text(update, "model"))
            .map(|model| vec![(model, usage)])
            .unwrap_or_default(),
    };
    per_model
        .into_iter()
        .map(|(model, counts)| {
            let mut record = record_of(counts);
            record.model = model.to_string();
            record.provider = Some("xai".to_string());
            record.ts.clone_from(&instant);
            record.session = session
                .or_else(|| text(params, "sessionId"))
                .map(str::to_string);
            record.project = project.map(str::to_string);
            record.request_id = turn_id.map(|id| format!("grok-build:{id}:{model}"));
            record
        })
        .filter(|record| !record.is_empty())
        .collect()
}

/// One model's counts in a turn.
fn record_of(counts: &Value) -> FlatRecord {
    let cache_read = count(counts, "cachedReadTokens");
    let cache_write = count(counts, "cacheCreationTokens");
    let reasoning = count(counts, "reasoningTokens");
    let mut record = FlatRecord::from_parts(
        count(counts, "inputTokens")
            .saturating_sub(cache_read)
            .saturating_sub(cache_write),
        cache_read,
        cache_write,
        count(counts, "outputTokens").saturating_sub(reasoning),
        reasoning,
    );
    record.requests = Some(count(counts, "modelCalls")).filter(|n| *n > 0);
    record.cost = cost_of_ticks(count(counts, "costUsdTicks"));
    record
}

/// xAI's cost ticks (10⁻¹⁰ USD each) as an exact number of dollars; none
/// for 0 (a turn whose cost the log does not state).
fn cost_of_ticks(ticks: u64) -> Option<serde_json::Number> {
    if ticks == 0 {
        return None;
    }
    cost_number(Decimal::from_i128_with_scale(i128::from(ticks), 10))
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// A folder name as Grok Build writes a working folder into one
/// (`%2Fhome%2Fdev%2Fshop`), decoded.
fn percent_decoded(name: &str) -> String {
    let bytes = name.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .filter(|pair| pair.iter().all(u8::is_ascii_hexdigit))
            .and_then(|pair| u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                decoded.push(byte);
                i += 3;
            }
            (byte, _) => {
                decoded.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_exact_dollars() {
        // 125,117,780,000 ticks × 10⁻¹⁰ = $12.511778.
        assert_eq!(
            cost_of_ticks(125_117_780_000).unwrap().to_string(),
            "12.511778"
        );
        assert_eq!(cost_of_ticks(1).unwrap().to_string(), "0.0000000001");
        assert!(cost_of_ticks(0).is_none());
        assert!(cost_of_ticks(u64::MAX).is_some());
    }

    #[test]
    fn folder_names_decode() {
        assert_eq!(percent_decoded("%2Fhome%2Fdev%2Fshop"), "/home/dev/shop");
        assert_eq!(percent_decoded("a%2"), "a%2");
        assert_eq!(percent_decoded("%zz%+1"), "%zz%+1");
    }
}
