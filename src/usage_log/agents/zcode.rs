//! ZCode's requests (Z.ai's coding agent): one row per model request in
//! the `model_usage` table of `~/.zcode/cli/db/db.sqlite` (or of each
//! `*.sqlite` under `$ZCODE_HOME/cli/db`). A row has its `model_id`,
//! `provider_id` (`builtin:zai-…` for Z.ai's own, a local id for a provider
//! the user added), `session_id`, `status`, `started_at` (ms),
//! `input_tokens` with the cache reads (`cache_read_input_tokens`) and
//! writes (`cache_creation_input_tokens`) included, and `output_tokens`
//! with `reasoning_tokens` included (`input + output` is the row's total).
//! The `session` table names each session's `directory`. ZCode logs no
//! cost.
//!
//! Columns are found by name, so an older or newer layout with fewer of
//! them reads what it has. A row counts once the request has ended
//! (`completed`, `cancelled` or `error`) and reported tokens: a cancelled
//! request's tokens were spent; a row still streaming is not yet final.

use std::path::Path;

use anyhow::{Context, Result, bail};

use super::FlatRecord;
use super::session_db::{columns_of, count_at, open, text_at, time_at};

/// The columns read, in this order; a column the table lacks reads as
/// nothing.
const COLUMNS: [&str; 11] = [
    "id",
    "session_id",
    "provider_id",
    "model_id",
    "status",
    "started_at",
    "input_tokens",
    "cache_read_input_tokens",
    "cache_creation_input_tokens",
    "output_tokens",
    "reasoning_tokens",
];

/// The statuses of a request that has ended.
const ENDED: [&str; 3] = ["completed", "cancelled", "error"];

/// The requests in one ZCode database.
pub fn read(path: &Path) -> Result<Vec<FlatRecord>> {
    let db = open(path)?;
    let present = columns_of(&db, "model_usage")?;
    if !present.contains("model_id") || !present.contains("input_tokens") {
        bail!("it has no ZCode model_usage table");
    }
    let session = columns_of(&db, "session")?;
    let directory = if session.contains("id") && session.contains("directory") {
        "(SELECT s.directory FROM session s WHERE s.id = m.session_id)"
    } else {
        "NULL"
    };
    let selected: Vec<String> = COLUMNS
        .iter()
        .map(|column| {
            if present.contains(*column) {
                format!("m.{column}")
            } else {
                "NULL".to_string()
            }
        })
        .collect();
    let query = format!(
        "SELECT {}, {directory} FROM model_usage m",
        selected.join(", ")
    );
    let mut statement = db
        .prepare(&query)
        .context("its model_usage table is unreadable")?;
    let mut rows = statement.query([])?;
    let mut records = Vec::new();
    while let Some(row) = rows.next()? {
        let status = text_at(row, 4).map(|s| s.to_ascii_lowercase());
        if status.is_some_and(|s| !ENDED.contains(&s.as_str())) {
            continue;
        }
        let Some(model) = text_at(row, 3).filter(|m| !m.is_empty()) else {
            continue;
        };
        let (cache_read, cache_write) = (count_at(row, 7), count_at(row, 8));
        let reasoning = count_at(row, 10);
        let mut record = FlatRecord::from_parts(
            count_at(row, 6)
                .saturating_sub(cache_read)
                .saturating_sub(cache_write),
            cache_read,
            cache_write,
            count_at(row, 9).saturating_sub(reasoning),
            reasoning,
        );
        record.model = model;
        record.provider = text_at(row, 2).and_then(|id| provider_of(&id));
        record.session = text_at(row, 1);
        record.ts = time_at(row, 5);
        record.project = text_at(row, 11).filter(|d| !d.is_empty());
        // Two roots may hold copies of one database: a row is billed once.
        record.request_id = text_at(row, 0).map(|id| format!("zcode:{id}"));
        if !record.is_empty() {
            records.push(record);
        }
    }
    Ok(records)
}

/// Z.ai's own providers (`builtin:zai-coding-plan`) are priced at Z.ai's
/// API; a provider the user added, at the model's own.
fn provider_of(id: &str) -> Option<String> {
    id.strip_prefix("builtin:")
        .filter(|name| name.starts_with("zai"))
        .map(|_| "zai".to_string())
}
