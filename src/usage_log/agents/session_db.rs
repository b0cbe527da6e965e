//! Agents that keep each session's running totals in a SQLite `sessions`
//! table: Goose (`sessions.db`) and Hermes Agent (`state.db`). A session is
//! one record, at its start: the totals are all these agents keep.
//!
//! - Goose: `model_config_json` names the model (`model_name`),
//!   `provider_name` the provider; `accumulated_input_tokens` and
//!   `accumulated_output_tokens` (else `input_tokens`, `output_tokens`) are
//!   the session's, and what `accumulated_total_tokens` counts beyond them
//!   is reasoning. Goose counts no cache. `created_at` is a date and time.
//! - Hermes: `model`, `billing_provider`, `started_at` (seconds, or
//!   milliseconds, since 1970), `input_tokens` (cache excluded),
//!   `cache_read_tokens`, `cache_write_tokens`, `output_tokens` and
//!   `reasoning_tokens` apart; `actual_cost_usd`, else
//!   `estimated_cost_usd`, is the logged cost.

use std::collections::HashSet;
use std::path::Path;

use anyhow::{Context, Result};
use rusqlite::types::ValueRef;
use serde_json::Value;

use super::{FlatRecord, api_provider, text};

/// A read-only connection to the database at `path`.
pub(super) fn open(path: &Path) -> Result<rusqlite::Connection> {
    let flags =
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
    rusqlite::Connection::open_with_flags(path, flags).context("could not open it")
}

/// The names of `table`'s columns (none when there is no such table).
pub(super) fn columns_of(db: &rusqlite::Connection, table: &str) -> Result<HashSet<String>> {
    let mut statement = db.prepare("SELECT name FROM pragma_table_info(?1)")?;
    let names = statement
        .query_map([table], |row| row.get::<_, String>(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(names)
}

/// Column `index` as a count: a whole number, or a real one's whole part
/// (0 for anything else).
pub(super) fn count_at(row: &rusqlite::Row<'_>, index: usize) -> u64 {
    match row.get_ref(index) {
        Ok(ValueRef::Integer(n)) => u64::try_from(n).unwrap_or(0),
        // A real count is whole in practice; its fraction, if any, is dropped.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Ok(ValueRef::Real(x)) if x.is_finite() && x >= 0.0 => x as u64,
        _ => 0,
    }
}

/// Column `index` as text, if it is.
pub(super) fn text_at(row: &rusqlite::Row<'_>, index: usize) -> Option<String> {
    match row.get_ref(index) {
        Ok(ValueRef::Text(bytes)) => Some(String::from_utf8_lossy(bytes).trim().to_string()),
        _ => None,
    }
}

/// A time stored as a number of seconds or milliseconds since 1970, or as
/// text (`2026-11-20 10:00:00`, RFC 3339), as RFC 3339.
pub(super) fn time_at(row: &rusqlite::Row<'_>, index: usize) -> Option<String> {
    let seconds = match row.get_ref(index).ok()? {
        ValueRef::Integer(n) if n > 1_000_000_000_000 => n / 1000,
        ValueRef::Integer(n) => n,
        // Whole seconds of a time well inside i64.
        #[allow(clippy::cast_possible_truncation)]
        ValueRef::Real(x) if x.is_finite() && x > 1e12 => (x / 1000.0) as i64,
        #[allow(clippy::cast_possible_truncation)]
        ValueRef::Real(x) if x.is_finite() => x as i64,
        ValueRef::Text(bytes) => {
            return crate::dates::parse_instant(std::str::from_utf8(bytes).ok()?.trim())
                .map(crate::dates::format_instant);
        }
        _ => return None,
    };
    (seconds > 0).then(|| crate::dates::format_instant(seconds))
}

/// Goose's sessions.
pub fn read_goose(path: &Path) -> Result<Vec<FlatRecord>> {
    let db = open(path)?;
    let mut statement = db
        .prepare(
            "SELECT id, model_config_json, provider_name, created_at, \
             accumulated_input_tokens, accumulated_output_tokens, accumulated_total_tokens, \
             input_tokens, output_tokens, total_tokens FROM sessions",
        )
        .context("it has no Goose sessions table")?;
    let mut rows = statement.query([])?;
    let mut records = Vec::new();
    while let Some(row) = rows.next()? {
        let config = text_at(row, 1).and_then(|c| serde_json::from_str::<Value>(&c).ok());
        let Some(model) = config.as_ref().and_then(|c| text(c, "model_name")) else {
            continue;
        };
        let either = |accumulated: usize, own: usize| match count_at(row, accumulated) {
            0 => count_at(row, own),
            n => n,
        };
        let (input, output) = (either(4, 7), either(5, 8));
        let reasoning = either(6, 9).saturating_sub(input.saturating_add(output));
        let mut record =
            FlatRecord::from_parts(input, 0, 0, output, reasoning).into_session_totals();
        record.model = model.to_string();
        record.provider = text_at(row, 2).and_then(|p| api_provider(&p));
        record.session = text_at(row, 0);
        record.ts = time_at(row, 3);
        record.project = Some("goose".to_string());
        if !record.is_empty() {
            records.push(record);
        }
    }
    Ok(records)
}

/// Hermes Agent's sessions.
pub fn read_hermes(path: &Path) -> Result<Vec<FlatRecord>> {
    let db = open(path)?;
    let mut statement = db
        .prepare(
            "SELECT id, model, billing_provider, started_at, input_tokens, output_tokens, \
             cache_read_tokens, cache_write_tokens, reasoning_tokens, \
             actual_cost_usd, estimated_cost_usd FROM sessions",
        )
        .context("it has no Hermes sessions table")?;
    let mut rows = statement.query([])?;
    let mut records = Vec::new();
    while let Some(row) = rows.next()? {
        let Some(model) = text_at(row, 1).filter(|m| !m.is_empty()) else {
            continue;
        };
        let mut record = FlatRecord::from_parts(
            count_at(row, 4),
            count_at(row, 6),
            count_at(row, 7),
            count_at(row, 5),
            count_at(row, 8),
        )
        .into_session_totals();
        record.model = model;
        record.provider = text_at(row, 2).and_then(|p| api_provider(&p));
        record.session = text_at(row, 0);
        record.ts = time_at(row, 3);
        record.project = Some("hermes".to_string());
        record.cost = [9, 10]
            .into_iter()
            .find_map(|index| match row.get_ref(index) {
                Ok(ValueRef::Real(x)) if x.is_finite() && x > 0.0 => {
                    serde_json::Number::from_f64(x)
                }
                Ok(ValueRef::Integer(n)) if n > 0 => Some(n.into()),
                _ => None,
            });
        if !record.is_empty() {
            records.push(record);
        }
    }
    Ok(records)
}
