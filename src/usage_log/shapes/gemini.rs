//! Gemini's `generateContent` response: `modelVersion` names the model and
//! `usageMetadata` counts `promptTokenCount` (cached content included; tool
//! use prompts in `toolUsePromptTokenCount` are billed as input too),
//! `cachedContentTokenCount`, and output as `candidatesTokenCount` plus
//! `thoughtsTokenCount` (thinking is billed as output).

use super::{Shape, one_request};
use crate::pricing::Usage;
use crate::usage_log::record::GeminiUsage;

pub const GENERATE_CONTENT: Shape = Shape {
    name: "gemini-generate-content",
    matches: |r| r.usage_metadata.is_some(),
    read: |r| usage(r.usage_metadata.as_ref()?),
};

/// One request's usage from `usageMetadata`.
fn usage(metadata: &GeminiUsage) -> Option<Usage> {
    let thoughts = metadata.thoughts.unwrap_or(0);
    Some(one_request(
        metadata
            .prompt
            .unwrap_or(0)
            .checked_add(metadata.tool_use_prompt.unwrap_or(0))?,
        metadata.cached_content.unwrap_or(0),
        0,
        metadata.candidates.unwrap_or(0).checked_add(thoughts)?,
        thoughts,
    ))
}
