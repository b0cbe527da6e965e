//! OpenCode's messages, and those of Kilo, its fork. OpenCode keeps them
//! in a SQLite database (`~/.local/share/opencode/opencode.db`, or
//! `opencode-<channel>.db`; Kilo's is `~/.local/share/kilo/kilo.db`): the
//! `message` table's `data` column holds each message as JSON. Older
//! versions wrote the same JSON as files
//! (`storage/message/<session>/<message>.json`), read only where no
//! database is beside them (OpenCode moved them into it).
//!
//! An answer names `providerID` and `modelID`, its `time.created` (ms),
//! and its `tokens`: `input` and `output` leave out the cache
//! (`cache.read`, `cache.write`) and the `reasoning`, counted apart
//! (OpenCode's `Session.getUsage`); `cost` is what OpenCode worked out.
//! A message's `tokens` are only its last step's, so where the `part`
//! table holds its `step-finish` parts (each step one API call, with its
//! own `tokens` and `cost`), the steps are billed instead.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, Result};
use serde_json::Value;

use super::{FlatRecord, count, file_name, text};

/// Whether `path` is one of OpenCode's (or Kilo's) stores of messages.
pub fn wants(path: &Path) -> bool {
    let name = file_name(path);
    if is_database(name) {
        return true;
    }
    // A message file, where no database holds the messages.
    let Some(root) = path
        .ancestors()
        .find(|folder| file_name(folder) == "storage")
        .and_then(Path::parent)
    else {
        return false;
    };
    super::extension_is(path, &["json"])
        && path
            .ancestors()
            .any(|folder| file_name(folder) == "message")
        && !std::fs::read_dir(root).is_ok_and(|entries| {
            entries
                .filter_map(Result::ok)
                .any(|entry| is_database(&entry.file_name().to_string_lossy()))
        })
}

fn is_database(name: &str) -> bool {
    name == "kilo.db"
        || name == "opencode.db"
        || (name.starts_with("opencode-") && Path::new(name).extension().is_some_and(|e| e == "db"))
}

/// The answers in one database or message file.
pub fn read_database(path: &Path) -> Result<Vec<FlatRecord>> {
    if !is_database(file_name(path)) {
        let message: Value =
            serde_json::from_slice(&std::fs::read(path)?).context("not an OpenCode message")?;
        return Ok(answer(&message)
            .filter(|record| !record.is_empty())
            .into_iter()
            .collect());
    }
    let db = super::session_db::open(path)?;
    let steps = steps_by_message(&db);
    let mut statement = db
        .prepare("SELECT id, session_id, data FROM message")
        .context("it has no message table")?;
    let mut rows = statement.query([])?;
    let mut records = Vec::new();
    while let Some(row) = rows.next()? {
        let (id, data): (String, String) = (row.get(0)?, row.get(2)?);
        let Some(mut record) = serde_json::from_str::<Value>(&data)
            .ok()
            .and_then(|m| answer(&m))
        else {
            continue;
        };
        if record.session.is_none() {
            record.session = row.get::<_, String>(1).ok();
        }
        match steps.get(&id) {
            // Each step is one API call, billed apart.
            Some(steps) => records.extend(steps.iter().filter_map(|step| {
                let mut call = record.clone();
                count_tokens(&mut call, step.get("tokens")?);
                call.cost = step.get("cost").and_then(Value::as_number).cloned();
                (!call.is_empty()).then_some(call)
            })),
            None if !record.is_empty() => records.push(record),
            None => {}
        }
    }
    Ok(records)
}

/// The `step-finish` parts of each message that has them, by message id.
/// A message's own `tokens` are its last step's alone (OpenCode writes
/// each step's over the one before, while its `cost` sums them), so a
/// message of several steps is billed by its steps. No part table: none.
fn steps_by_message(db: &rusqlite::Connection) -> HashMap<String, Vec<Value>> {
    let mut steps: HashMap<String, Vec<Value>> = HashMap::new();
    let Ok(mut statement) =
        db.prepare("SELECT message_id, data FROM part WHERE data LIKE '%step-finish%'")
    else {
        return steps;
    };
    let Ok(mut rows) = statement.query([]) else {
        return steps;
    };
    while let Ok(Some(row)) = rows.next() {
        let (Ok(message), Ok(data)) = (row.get::<_, String>(0), row.get::<_, String>(1)) else {
            continue;
        };
        if let Ok(part) = serde_json::from_str::<Value>(&data)
            && text(&part, "type") == Some("step-finish")
            && part.get("tokens").is_some_and(Value::is_object)
        {
            steps.entry(message).or_default().push(part);
        }
    }
    steps
}

/// One assistant message: its model, provider, session, folder, time,
/// tokens and cost (empty tokens included).
fn answer(message: &Value) -> Option<FlatRecord> {
    let tokens = message.get("tokens")?;
    let mut record = FlatRecord::default();
    count_tokens(&mut record, tokens);
    record.model = text(message, "modelID")?.to_string();
    record.provider = text(message, "providerID").and_then(super::api_provider);
    record.session = text(message, "sessionID").map(str::to_string);
    record.project = message
        .pointer("/path/root")
        .or_else(|| message.pointer("/path/cwd"))
        .and_then(Value::as_str)
        .map(str::to_string);
    record.ts = message
        .pointer("/time/created")
        .and_then(Value::as_i64)
        .map(|ms| crate::dates::format_instant(ms.div_euclid(1000)));
    record.cost = message.get("cost").and_then(Value::as_number).cloned();
    Some(record)
}

/// Sets `record`'s counts from OpenCode's `tokens`: `input` and `output`
/// leave out the cache and the reasoning, counted apart.
fn count_tokens(record: &mut FlatRecord, tokens: &Value) {
    let cache = tokens.get("cache");
    let cached = |key| cache.map_or(0, |c| count(c, key));
    record.set_parts(
        count(tokens, "input"),
        cached("read"),
        cached("write"),
        count(tokens, "output"),
        count(tokens, "reasoning"),
    );
}
