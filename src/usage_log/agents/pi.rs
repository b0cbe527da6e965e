//! pi's session logs (`~/.pi/agent/sessions/<project>/<time>_<id>.jsonl`)
//! and those of OpenClaw, which is built on pi (`~/.openclaw/…/*.jsonl`).
//! Each answer is a `type: "message"` line whose `message` has
//! `role: "assistant"`, its `model` and `provider`, and pi's `usage`:
//! `input` (cache excluded), `output`, `cacheRead`, `cacheWrite`,
//! `totalTokens` and the `cost` pi worked out (`cost.total`, USD). OpenClaw
//! also writes `model_change` lines (and `custom` `model-snapshot` ones)
//! naming the model of the answers that follow.

use std::path::Path;

use serde_json::Value;

use super::{FlatRecord, count, objects, stem, text};

/// The records of one pi or OpenClaw session file.
pub fn read(path: &Path, bytes: &[u8]) -> Vec<FlatRecord> {
    // pi names a file `<time>_<session id>` inside its project's folder.
    let name = stem(path);
    let session = name
        .split_once('_')
        .map_or(name.as_str(), |(_, id)| id)
        .to_string();
    // pi keeps a folder per project; OpenClaw one per agent, whose
    // sessions are in its `sessions` folder.
    let project = path
        .ancestors()
        .skip(1)
        .find(|folder| folder.file_name().is_some_and(|n| n != "sessions"))
        .and_then(Path::file_name)
        .map(|p| p.to_string_lossy().into_owned());
    let (mut model, mut provider) = (None::<String>, None::<String>);
    let mut records = Vec::new();
    for line in objects(bytes) {
        if is_model_change(&line) {
            let source = line.get("data").filter(|d| d.is_object()).unwrap_or(&line);
            if let Some(name) = text(source, "modelId").or_else(|| text(source, "model")) {
                model = Some(name.to_string());
            }
            if let Some(name) = text(source, "provider") {
                provider = Some(name.to_string());
            }
            continue;
        }
        if text(&line, "type").is_some_and(|t| t != "message") {
            continue;
        }
        let Some(message) = line.get("message") else {
            continue;
        };
        let Some(usage) = message.get("usage").filter(|u| u.is_object()) else {
            continue;
        };
        if text(message, "role") != Some("assistant") {
            continue;
        }
        let Some(name) = text(message, "model").map(str::to_string).or(model.clone()) else {
            continue;
        };
        let mut record = FlatRecord::from_parts(
            count(usage, "input"),
            count(usage, "cacheRead"),
            count(usage, "cacheWrite"),
            count(usage, "output"),
            0,
        );
        record.model = name;
        record.provider = text(message, "provider")
            .map(str::to_string)
            .or(provider.clone())
            .and_then(|name| super::api_provider(&name));
        record.ts = text(&line, "timestamp").map(str::to_string);
        record.session = Some(session.clone());
        record.project.clone_from(&project);
        record.cost = usage
            .get("cost")
            .and_then(|c| c.get("total"))
            .and_then(Value::as_number)
            .cloned();
        if !record.is_empty() {
            records.push(record);
        }
    }
    records
}

fn is_model_change(line: &Value) -> bool {
    match text(line, "type") {
        Some("model_change") => true,
        Some("custom") => text(line, "customType") == Some("model-snapshot"),
        _ => false,
    }
}
