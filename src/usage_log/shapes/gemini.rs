//! Gemini's `generateContent` response: `modelVersion` names the model and
//! `usageMetadata` counts `promptTokenCount` (cached content included; tool
//! use prompts in `toolUsePromptTokenCount` are billed as input too),
//! `cachedContentTokenCount`, and output as `candidatesTokenCount` plus
//! `thoughtsTokenCount` (thinking is billed as output). Audio is counted
//! per modality (`promptTokensDetails`, `cacheTokensDetails`,
//! `candidatesTokensDetails` entries whose `modality` is `AUDIO`) and billed
//! at the audio rates.

use super::{Shape, one_request, with_audio};
use crate::pricing::Usage;
use crate::usage_log::record::{GeminiUsage, audio_of};

pub const GENERATE_CONTENT: Shape = Shape {
    name: "gemini-generate-content",
    matches: |r| r.usage_metadata.is_some(),
    read: |r| usage(r.usage_metadata.as_ref()?),
};

/// One request's usage from `usageMetadata`.
fn usage(metadata: &GeminiUsage) -> Option<Usage> {
    let thoughts = metadata.thoughts.unwrap_or(0);
    let usage = one_request(
        metadata
            .prompt
            .unwrap_or(0)
            .checked_add(metadata.tool_use_prompt.unwrap_or(0))?,
        metadata.cached_content.unwrap_or(0),
        0,
        metadata.candidates.unwrap_or(0).checked_add(thoughts)?,
        thoughts,
    );
    // Audio read from the cache stays at the cache rate.
    let audio_in = audio_of(metadata.prompt_details.as_ref())
        .saturating_sub(audio_of(metadata.cache_details.as_ref()));
    Some(with_audio(
        usage,
        audio_in,
        audio_of(metadata.candidates_details.as_ref()),
    ))
}
