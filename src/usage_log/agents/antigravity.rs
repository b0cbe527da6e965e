//! Antigravity's conversations (Google's agent IDE and its CLI): one SQLite
//! database per conversation, `~/.gemini/antigravity-{cli,ide}/
//! conversations/<id>.db`. Each row of its `gen_metadata` table is one
//! model generation, a protobuf blob whose schema Google does not publish.
//! The field numbers below are those toktrack read from the language
//! server's embedded descriptors (mag123c/toktrack#192), which token-monitor
//! (ryandemelo/token-monitor#10) and TokenTracker (xiufengsun/
//! TokenTracker#599) found in real sessions too: field 1 is the
//! `ChatModelMetadata`, whose field 4 is its `ModelUsageStats` (2 input
//! tokens, cache excluded; 3 output tokens, thinking included; 4 cache
//! writes; 5 cache reads; 9 thinking tokens; 10 response tokens; 11 the
//! response's id), field 9 its start (field 4, a timestamp of seconds and
//! nanoseconds) and field 19 the model's id. The `trajectory_metadata_blob`
//! table names the workspace (field 7, else field 1's field 1, a `file://`
//! address).
//!
//! The model ids are Antigravity's own: `claude-opus-4-6-thinking`,
//! `gemini-3.1-pro-high`, `gemini-3-flash-a`, `MODEL_PLACEHOLDER_M26`. A
//! thinking level at the end (`-thinking`, `-high`, `-medium`, `-low`,
//! shown as "(Thinking)", "(High)" in its model list) names the same model,
//! billed at the same rates, so it is dropped; nothing else is guessed. The
//! provider is the model family's own API (`claude-` Anthropic's, `gemini-`
//! Google's, `gpt-` OpenAI's), and a model that API does not list by that
//! id is unknown, not priced at another's.

use std::collections::HashSet;
use std::path::Path;

use anyhow::Result;

use super::FlatRecord;
use super::session_db::{columns_of, open};

/// The generations in one Antigravity conversation.
pub fn read(path: &Path) -> Result<Vec<FlatRecord>> {
    let db = open(path)?;
    if !columns_of(&db, "gen_metadata")?.contains("data") {
        anyhow::bail!("it has no Antigravity gen_metadata table");
    }
    let project = workspace(&db);
    let session = super::stem(path);
    let mut statement = db.prepare("SELECT data FROM gen_metadata ORDER BY idx")?;
    let blobs: Vec<Vec<u8>> = statement
        .query_map([], |row| row.get::<_, Vec<u8>>(0))?
        .filter_map(std::result::Result::ok)
        .collect();
    let mut seen = HashSet::new();
    Ok(blobs
        .iter()
        .filter_map(|blob| generation(blob))
        // A generation saved twice is billed once.
        .filter(|(id, _)| id.as_ref().is_none_or(|id| seen.insert(id.clone())))
        .map(|(_, mut record)| {
            record.session = Some(session.clone());
            record.project.clone_from(&project);
            record
        })
        .collect())
}

/// One `gen_metadata` blob as a record, with its response's id; none for a
/// blob without usage or tokens.
fn generation(blob: &[u8]) -> Option<(Option<String>, FlatRecord)> {
    let metadata = proto::bytes(blob, 1)?;
    let usage = proto::bytes(metadata, 4)?;
    let count = |field| proto::varint(usage, field).unwrap_or(0);
    let thinking = count(9);
    // Output counts thinking; where it is missing, its two parts do.
    let output = match count(3) {
        0 => count(10).saturating_add(thinking),
        all => all,
    };
    let mut record = FlatRecord::from_parts(
        count(2),
        count(5),
        count(4),
        output.saturating_sub(thinking),
        thinking,
    );
    if record.is_empty() {
        return None;
    }
    let model = proto::text(metadata, 19).unwrap_or("unknown");
    let (model, provider) = priced_model(model);
    record.model = model;
    record.provider = provider;
    record.ts = proto::bytes(metadata, 9)
        .and_then(|start| proto::bytes(start, 4))
        .and_then(|stamp| proto::varint(stamp, 1))
        .and_then(|seconds| i64::try_from(seconds).ok())
        .map(crate::dates::format_instant);
    Some((proto::text(usage, 11).map(str::to_string), record))
}

/// Antigravity's model id as the id its family's API bills, and that API.
fn priced_model(id: &str) -> (String, Option<String>) {
    let id = id.trim().to_ascii_lowercase();
    let base = ["-thinking", "-high", "-medium", "-low"]
        .iter()
        .find_map(|level| id.strip_suffix(level))
        .unwrap_or(&id)
        .to_string();
    let provider = [
        ("claude-", "anthropic"),
        ("gemini-", "google"),
        ("gpt-", "openai"),
    ]
    .iter()
    .find(|(family, _)| base.starts_with(family))
    .map(|(_, provider)| (*provider).to_string());
    (base, provider)
}

/// The conversation's workspace folder, from its `file://` address.
fn workspace(db: &rusqlite::Connection) -> Option<String> {
    let blob: Vec<u8> = db
        .query_row(
            "SELECT data FROM trajectory_metadata_blob LIMIT 1",
            [],
            |row| row.get(0),
        )
        .ok()?;
    let address = proto::text(&blob, 7)
        .or_else(|| proto::bytes(&blob, 1).and_then(|inner| proto::text(inner, 1)))?;
    let path = address.strip_prefix("file://").unwrap_or(address);
    Some(path.to_string()).filter(|p| !p.is_empty())
}

/// Just enough of protobuf's wire format: a message's first field of a
/// number, as a whole number or as bytes. A malformed blob reads as
/// lacking the field.
mod proto {
    /// A field's value: a varint, or a length-delimited run of bytes.
    enum Value<'a> {
        Varint(u64),
        Bytes(&'a [u8]),
        Fixed,
    }

    fn varint_at(buf: &[u8], at: &mut usize) -> Option<u64> {
        let mut value = 0_u64;
        for shift in (0..64).step_by(7) {
            let byte = *buf.get(*at)?;
            *at += 1;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }

    fn fields(buf: &[u8]) -> impl Iterator<Item = (u64, Value<'_>)> {
        let mut at = 0;
        std::iter::from_fn(move || {
            if at >= buf.len() {
                return None;
            }
            let tag = varint_at(buf, &mut at)?;
            let skip = |at: &mut usize, width: usize| {
                *at = at.checked_add(width).filter(|end| *end <= buf.len())?;
                Some(Value::Fixed)
            };
            let value = match tag & 7 {
                0 => Value::Varint(varint_at(buf, &mut at)?),
                1 => skip(&mut at, 8)?,
                2 => {
                    let length = usize::try_from(varint_at(buf, &mut at)?).ok()?;
                    let end = at.checked_add(length)?;
                    let bytes = buf.get(at..end)?;
                    at = end;
                    Value::Bytes(bytes)
                }
                5 => skip(&mut at, 4)?,
                // Groups, or no wire type at all: nothing after can be read.
                _ => return None,
            };
            Some((tag >> 3, value))
        })
    }

    pub fn varint(buf: &[u8], field: u64) -> Option<u64> {
        fields(buf).find_map(|(number, value)| match value {
            Value::Varint(n) if number == field => Some(n),
            _ => None,
        })
    }

    pub fn bytes(buf: &[u8], field: u64) -> Option<&[u8]> {
        fields(buf).find_map(|(number, value)| match value {
            Value::Bytes(b) if number == field => Some(b),
            _ => None,
        })
    }

    pub fn text(buf: &[u8], field: u64) -> Option<&str> {
        bytes(buf, field)
            .and_then(|b| std::str::from_utf8(b).ok())
            .map(str::trim)
            .filter(|t| !t.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_thinking_level_names_the_same_model_at_its_familys_api() {
        let priced = |id| priced_model(id);
        assert_eq!(
            priced("claude-opus-4-6-thinking"),
            ("claude-opus-4-6".into(), Some("anthropic".into()))
        );
        assert_eq!(
            priced("gemini-3.1-pro-high"),
            ("gemini-3.1-pro".into(), Some("google".into()))
        );
        assert_eq!(
            priced("gemini-3-flash-a"),
            ("gemini-3-flash-a".into(), Some("google".into()))
        );
        assert_eq!(
            priced("MODEL_PLACEHOLDER_M26"),
            ("model_placeholder_m26".into(), None)
        );
    }

    #[test]
    fn a_malformed_blob_has_no_fields() {
        // A length past the end, a truncated varint, a group's wire type.
        for blob in [&[0x0a, 0x05, 0x01][..], &[0x10, 0xff], &[0x0b, 0x00]] {
            assert!(generation(blob).is_none());
        }
        // Field 2 = 300, then field 1 = bytes "hi".
        let blob = [0x10, 0xac, 0x02, 0x0a, 0x02, b'h', b'i'];
        assert_eq!(proto::varint(&blob, 2), Some(300));
        assert_eq!(proto::text(&blob, 1), Some("hi"));
    }
}
