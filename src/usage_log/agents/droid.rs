//! Droid's (Factory's) sessions: beside each transcript, a
//! `~/.factory/sessions/<session>.settings.json` holds the session's
//! running totals (`tokenUsage`: `inputTokens`, cache excluded,
//! `cacheReadTokens`, `cacheCreationTokens`, `outputTokens`,
//! `thinkingTokens`), its `model` as Droid shows it
//! (`Claude-Sonnet-4-[Anthropic]`, `custom:GPT-5-[OpenAI]`) and when its
//! provider was fixed (`providerLockTimestamp`). A session is one record:
//! the totals are all Droid keeps.

use std::path::Path;

use serde_json::Value;

use super::{FlatRecord, count, file_name, text};

/// The session record of one Droid settings file.
pub fn read(path: &Path, bytes: &[u8]) -> Vec<FlatRecord> {
    let Ok(settings) = serde_json::from_slice::<Value>(bytes) else {
        return Vec::new();
    };
    let Some(usage) = settings.get("tokenUsage") else {
        return Vec::new();
    };
    let Some(model) = text(&settings, "model").map(model_id) else {
        return Vec::new();
    };
    let mut record = FlatRecord::from_parts(
        count(usage, "inputTokens"),
        count(usage, "cacheReadTokens"),
        count(usage, "cacheCreationTokens"),
        count(usage, "outputTokens"),
        count(usage, "thinkingTokens"),
    )
    .into_session_totals();
    record.model = model;
    record.ts = text(&settings, "providerLockTimestamp").map(str::to_string);
    record.session = file_name(path)
        .strip_suffix(".settings.json")
        .map(str::to_string);
    record.project = path
        .parent()
        .and_then(Path::file_name)
        .map(|p| p.to_string_lossy().into_owned());
    if record.is_empty() {
        return Vec::new();
    }
    vec![record]
}

/// Droid's display name as a model id: `Claude-Sonnet-4.5-[Anthropic]`
/// is `claude-sonnet-4-5` (the bracketed provider and a `custom:` prefix
/// dropped, lower case, dots and spaces as dashes).
fn model_id(shown: &str) -> String {
    let shown = shown.strip_prefix("custom:").unwrap_or(shown);
    let mut depth = 0_u32;
    let mut id = String::new();
    for c in shown.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '.' | '-' | ' ' | '_' => {
                if !id.is_empty() && !id.ends_with('-') {
                    id.push('-');
                }
            }
            c => id.extend(c.to_lowercase()),
        }
    }
    id.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn droid_names_become_ids() {
        assert_eq!(
            super::model_id("Claude-Sonnet-4.5-[Anthropic]"),
            "claude-sonnet-4-5"
        );
        assert_eq!(super::model_id("custom:GPT-5-[OpenAI]"), "gpt-5");
        assert_eq!(super::model_id("gpt-5.1-codex"), "gpt-5-1-codex");
    }
}
