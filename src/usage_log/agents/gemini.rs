//! Gemini CLI's and Qwen Code's chat records. Gemini CLI writes a session
//! as one JSON document (`~/.gemini/tmp/<project hash>/chats/session-*.json`:
//! `sessionId`, `messages`, each answer a `type: "gemini"` message with
//! `model`, `timestamp` and `tokens`), or as JSON Lines of the same
//! messages; Qwen Code, its fork, writes JSON Lines
//! (`~/.qwen/projects/<project>/chats/*.jsonl`) of `type: "assistant"`
//! records with the API's own `usageMetadata`.
//!
//! `tokens` are the API's counts renamed: `input` is the prompt
//! (`promptTokenCount`, cached tokens included), `cached` the cache reads,
//! `output` the answer, `thoughts` the reasoning and `tool` the tool-use
//! prompt, billed as input. A record whose `total` shows `input` left the
//! cache out is read that way.

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;

use super::{FlatRecord, count, objects, stem, text};

/// The records of one Gemini CLI or Qwen Code chat file.
pub fn read(path: &Path, bytes: &[u8]) -> Vec<FlatRecord> {
    let project = path
        .parent()
        .and_then(Path::parent)
        .and_then(Path::file_name)
        .map(|name| name.to_string_lossy().into_owned());
    let mut session = stem(path);
    let mut model = None::<String>;
    // A message written again (as it streams) replaces its earlier copy.
    let mut at_id: HashMap<String, usize> = HashMap::new();
    let mut records = Vec::new();
    let document = serde_json::from_slice::<Value>(bytes).ok();
    let messages: Box<dyn Iterator<Item = Value>> = match &document {
        Some(doc) if doc.get("messages").is_some_and(Value::is_array) => {
            if let Some(id) = text(doc, "sessionId") {
                session = id.to_string();
            }
            Box::new(doc["messages"].as_array().into_iter().flatten().cloned())
        }
        Some(doc) if doc.is_object() => Box::new(std::iter::once(doc.clone())),
        _ => Box::new(objects(bytes)),
    };
    for message in messages {
        if let Some(id) = text(&message, "sessionId") {
            session = id.to_string();
        }
        if let Some(name) = text(&message, "model") {
            model = Some(name.to_string());
        }
        let Some(mut record) = usage(&message) else {
            continue;
        };
        let Some(name) = model.clone() else {
            continue;
        };
        record.model = name;
        record.ts = text(&message, "timestamp").map(str::to_string);
        record.session = Some(session.clone());
        record.project.clone_from(&project);
        match text(&message, "id").map(str::to_string) {
            Some(id) if at_id.contains_key(&id) => records[at_id[&id]] = record,
            Some(id) => {
                at_id.insert(id, records.len());
                records.push(record);
            }
            None => records.push(record),
        }
    }
    records.retain(|r| !r.is_empty());
    records
}

/// The usage of one message: Gemini CLI's `tokens` on a `gemini` message,
/// or Qwen Code's `usageMetadata` on an `assistant` one.
fn usage(message: &Value) -> Option<FlatRecord> {
    match text(message, "type")? {
        "gemini" => {
            let tokens = message.get("tokens")?;
            let (input, cached) = (count(tokens, "input"), count(tokens, "cached"));
            let (output, thoughts) = (count(tokens, "output"), count(tokens, "thoughts"));
            let tool = count(tokens, "tool");
            let total = tokens.get("total").and_then(Value::as_u64);
            // `input` counts the cache reads unless the total says not
            // (sums saturate: a hostile log's counts must not wrap).
            let within = input
                .saturating_add(output)
                .saturating_add(thoughts)
                .saturating_add(tool);
            let cache_outside =
                cached > 0 && total == Some(within.saturating_add(cached)) && total != Some(within);
            let uncached = if cache_outside {
                input.saturating_add(tool)
            } else {
                input.saturating_sub(cached).saturating_add(tool)
            };
            let cached = if cache_outside {
                cached
            } else {
                cached.min(input)
            };
            Some(FlatRecord::from_parts(
                uncached, cached, 0, output, thoughts,
            ))
        }
        "assistant" => {
            let meta = message.get("usageMetadata")?;
            let prompt = count(meta, "promptTokenCount");
            let cached = count(meta, "cachedContentTokenCount").min(prompt);
            Some(FlatRecord::from_parts(
                prompt - cached,
                cached,
                0,
                count(meta, "candidatesTokenCount"),
                count(meta, "thoughtsTokenCount"),
            ))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    #[test]
    fn counts_at_the_limit_saturate_instead_of_wrapping() {
        let max = u64::MAX;
        let line = format!(
            r#"{{"type":"gemini","model":"m","tokens":{{"input":{max},"output":{max},"cached":1,"thoughts":{max},"tool":{max},"total":{max}}}}}"#
        );
        let records = super::read(Path::new("chats/s.jsonl"), line.as_bytes());
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].input_tokens, max);
        assert_eq!(records[0].output_tokens, max);
    }
}
