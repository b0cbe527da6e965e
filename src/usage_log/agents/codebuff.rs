//! Codebuff's chats (`~/.config/manicode/projects/<project>/chats/<chat>/
//! chat-messages.json`, the `-dev` and `-staging` channels beside it): one
//! JSON array of the chat's messages each. Codebuff bills in credits, not
//! tokens: a finished reply states the `credits` its run cost (subagents
//! included, as blocks of the same message), and no message counts tokens
//! (its `ChatMessage` type, `cli/src/types/chat.ts` in CodebuffAI/codebuff,
//! has no such field). A reply is one record whose stated cost is its
//! credits at Codebuff's pay-as-you-go rate, $0.01 a credit
//! (`CREDIT_PRICING.CENTS_PER_CREDIT`, `common/src/old-constants.ts`): what
//! `--cost-source logged` counts. Its model is `codebuff`, which llmcost
//! does not price by tokens.

use std::path::Path;

use rust_decimal::Decimal;
use serde_json::Value;

use super::{FlatRecord, cost_number, file_name, text};
use crate::usage_log::record::exact_amount;

/// The model name a Codebuff reply is recorded under.
const MODEL: &str = "codebuff";

/// The records of one Codebuff chat.
pub fn read(path: &Path, bytes: &[u8]) -> Vec<FlatRecord> {
    let Ok(Value::Array(messages)) = serde_json::from_slice::<Value>(bytes) else {
        return Vec::new();
    };
    let chat = path.parent().map(file_name).unwrap_or_default();
    let project = working_folder(path, &messages);
    messages
        .iter()
        // A user's message states no charge; any other that does is billed.
        .filter(|m| text(m, "variant").or(text(m, "role")) != Some("user"))
        .filter_map(|message| {
            Some(FlatRecord {
                model: MODEL.to_string(),
                cost: Some(dollars_of_credits(message.get("credits")?)?),
                ts: text(message, "timestamp")
                    .map(str::to_string)
                    .or_else(|| time_of_chat(chat)),
                session: Some(chat.to_string()).filter(|c| !c.is_empty()),
                project: project.clone(),
                ..FlatRecord::default()
            })
        })
        .collect()
}

/// The chat's working folder: as a reply's saved run state names it (the
/// last that does), else as the chat's `run-state.json` does, else the
/// name of the project's folder (`projects/<project>/chats/<chat>`).
fn working_folder(path: &Path, messages: &[Value]) -> Option<String> {
    const CWD: &str = "/sessionState/fileContext/cwd";
    let cwd_in = |run_state: &Value| {
        run_state
            .pointer(CWD)
            .and_then(Value::as_str)
            .filter(|cwd| !cwd.is_empty())
            .map(str::to_string)
    };
    let saved = || {
        let bytes = std::fs::read(path.with_file_name("run-state.json")).ok()?;
        cwd_in(&serde_json::from_slice(&bytes).ok()?)
    };
    messages
        .iter()
        .rev()
        .find_map(|m| cwd_in(m.pointer("/metadata/runState")?))
        .or_else(saved)
        .or_else(|| {
            let folder = file_name(path.ancestors().nth(3)?);
            (!folder.is_empty()).then(|| folder.to_string())
        })
}

/// Credits (a JSON number, read exactly as a log's stated cost is) as
/// dollars at $0.01 each; none for no credits, or a count that is not a
/// positive number.
fn dollars_of_credits(credits: &Value) -> Option<serde_json::Number> {
    let Value::Number(number) = credits else {
        return None;
    };
    let credits = exact_amount(&number.to_string())
        .filter(Decimal::is_sign_positive)
        .filter(|c| !c.is_zero())?;
    cost_number(credits.checked_mul(Decimal::new(1, 2))?)
}

/// A chat's folder name, the time it began with `:` written `-`
/// (`2025-12-14T10-00-00.000Z`), as RFC 3339.
fn time_of_chat(chat: &str) -> Option<String> {
    let (date, time) = chat.split_once('T')?;
    let mut parts = time.splitn(3, '-');
    let (hours, minutes, rest) = (parts.next()?, parts.next()?, parts.next()?);
    let stamp = format!("{date}T{hours}:{minutes}:{rest}");
    crate::dates::parse_instant(&stamp)
        .is_some()
        .then_some(stamp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_are_cents_exactly() {
        let dollars = |text: &str| {
            dollars_of_credits(&serde_json::from_str(text).unwrap()).map(|n| n.to_string())
        };
        assert_eq!(dollars("125").as_deref(), Some("1.25"));
        assert_eq!(dollars("0.5").as_deref(), Some("0.005"));
        assert_eq!(dollars("1e2").as_deref(), Some("1"));
        assert_eq!(dollars("0"), None);
        assert_eq!(dollars("-3"), None);
        assert_eq!(dollars("\"7\""), None);
    }

    #[test]
    fn a_chats_folder_names_when_it_began() {
        assert_eq!(
            time_of_chat("2025-12-14T10-00-00.000Z").as_deref(),
            Some("2025-12-14T10:00:00.000Z")
        );
        assert_eq!(time_of_chat("test-chat-123"), None);
    }
}
