//! Codex CLI session logs (`~/.codex/sessions/**/*.jsonl`): an `event_msg`
//! whose `payload` is a `token_count` event carries `info.last_token_usage`
//! (the last call) and `info.total_token_usage` (the session so far), with
//! OpenAI's meaning: `cached_input_tokens` within `input_tokens`. The model
//! is named by the session's latest `turn_context` line, so these lines are
//! priced once the whole file is read (see `aggregate`).
//!
//! Reasoning is within `output_tokens`, as in the API, unless the event's
//! `total_tokens` says otherwise (input + output + reasoning), in which
//! case it is added to the output.

use super::{Shape, one_request};
use crate::pricing::Usage;
use crate::usage_log::record::CodexUsage;

pub const TOKEN_COUNT: Shape = Shape {
    name: "codex-token-count",
    matches: |r| r.info.get().is_some(),
    read: |r| {
        let info = r.info.get()?;
        usage(*info.last_token_usage.or(info.total_token_usage)?)
    },
};

/// One call's usage from Codex's counts.
pub fn usage(counts: CodexUsage) -> Option<Usage> {
    let input = counts.input_tokens.unwrap_or(0);
    let output = counts.output_tokens.unwrap_or(0);
    let reasoning = counts.reasoning_output_tokens.unwrap_or(0);
    let reasoning_apart = counts.total_tokens.is_some_and(|total| {
        reasoning > 0
            && input
                .checked_add(output)
                .and_then(|t| t.checked_add(reasoning))
                == Some(total)
    });
    let output = if reasoning_apart {
        output.checked_add(reasoning)?
    } else {
        output
    };
    Some(one_request(
        input,
        counts.cached_input_tokens.unwrap_or(0),
        0,
        output,
        reasoning,
    ))
}
