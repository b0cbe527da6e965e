//! Kimi CLI's wire logs (`~/.kimi/sessions/<group>/<session>/wire.jsonl`).
//! Each answer's usage is a `StatusUpdate` message whose `payload` has
//! `token_usage`: `input_other` (input outside the cache),
//! `input_cache_read`, `input_cache_creation` and `output`; the line's
//! `timestamp` is in seconds since 1970. The wire log does not name the
//! model: it is the `model` of Kimi's `config.json` (in the folder above
//! `sessions`), else `kimi-for-coding`, Kimi CLI's default.

use std::path::Path;

use serde_json::Value;

use super::{FlatRecord, count, objects, text};

/// Kimi CLI's model when its configuration names none.
const DEFAULT_MODEL: &str = "kimi-for-coding";

/// The records of one Kimi CLI wire log.
pub fn read(path: &Path, bytes: &[u8]) -> Vec<FlatRecord> {
    let session_folder = path.parent();
    let session = session_folder
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().into_owned());
    let model = configured_model(path).unwrap_or_else(|| DEFAULT_MODEL.to_string());
    let mut seen = std::collections::HashSet::new();
    let mut records = Vec::new();
    for line in objects(bytes) {
        let Some(message) = line.get("message") else {
            continue;
        };
        if text(message, "type") != Some("StatusUpdate") {
            continue;
        }
        let Some(payload) = message.get("payload") else {
            continue;
        };
        let Some(usage) = payload.get("token_usage") else {
            continue;
        };
        // A status repeated for the same message is counted once.
        if let Some(id) = text(payload, "message_id")
            && !seen.insert(id.to_string())
        {
            continue;
        }
        let mut record = FlatRecord::from_parts(
            count(usage, "input_other"),
            count(usage, "input_cache_read"),
            count(usage, "input_cache_creation"),
            count(usage, "output"),
            0,
        );
        record.model.clone_from(&model);
        record.ts = line
            .get("timestamp")
            .and_then(Value::as_f64)
            .and_then(seconds_to_rfc3339);
        record.session.clone_from(&session);
        record.project = Some("kimi".to_string());
        if !record.is_empty() {
            records.push(record);
        }
    }
    records
}

/// `2026-01-02T03:04:05Z` for whole seconds since 1970.
fn seconds_to_rfc3339(seconds: f64) -> Option<String> {
    // A time is a whole number of seconds well inside i64's range.
    #[allow(clippy::cast_possible_truncation)]
    let whole = seconds.floor() as i64;
    (seconds.is_finite() && seconds >= 0.0).then(|| crate::dates::format_instant(whole))
}

/// The `model` of the `config.json` beside Kimi's `sessions` folder.
fn configured_model(wire: &Path) -> Option<String> {
    let root = wire
        .ancestors()
        .find(|folder| folder.file_name().is_some_and(|n| n == "sessions"))?
        .parent()?;
    let config: Value =
        serde_json::from_slice(&std::fs::read(root.join("config.json")).ok()?).ok()?;
    text(&config, "model").map(str::to_string)
}
