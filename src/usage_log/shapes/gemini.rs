//! Gemini's `generateContent` response: `modelVersion` names the model and
//! `usageMetadata` counts `promptTokenCount` (cached content included; tool
//! use prompts in `toolUsePromptTokenCount` are billed as input too),
//! `cachedContentTokenCount`, and output as `candidatesTokenCount` plus
//! `thoughtsTokenCount` (thinking is billed as output).

use super::Shape;
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
    Some(Usage {
        input_tokens: metadata
            .prompt
            .unwrap_or(0)
            .checked_add(metadata.tool_use_prompt.unwrap_or(0))?,
        cached_input_tokens: metadata.cached_content.unwrap_or(0),
        cache_write_tokens: 0,
        cache_write_1h_tokens: 0,
        output_tokens: metadata.candidates.unwrap_or(0).checked_add(thoughts)?,
        reasoning_tokens: thoughts,
        requests: 1,
        web_searches: 0,
    })
}
