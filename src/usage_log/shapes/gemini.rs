//! Gemini's `generateContent` response: `modelVersion` names the model and
//! `usageMetadata` counts `promptTokenCount` (cached content included; tool
//! use prompts in `toolUsePromptTokenCount` are billed as input too),
//! `cachedContentTokenCount`, and output as `candidatesTokenCount` plus
//! `thoughtsTokenCount` (thinking is billed as output). Audio, images and
//! video are counted per modality (`promptTokensDetails`,
//! `cacheTokensDetails`, `candidatesTokensDetails` entries whose `modality`
//! is `AUDIO`, `IMAGE` or `VIDEO`) and billed at their own rates; cached
//! audio (`AUDIO` in `cacheTokensDetails`) at the cached audio rate.

use super::{Media, Shape, one_request, with_media};
use crate::pricing::Usage;
use crate::usage_log::record::{GeminiUsage, tokens_of_modality};

pub const GENERATE_CONTENT: Shape = Shape {
    name: "gemini-generate-content",
    matches: |r| r.usage_metadata.is_some(),
    read: |r| usage(r.usage_metadata?),
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
    // Media read from the cache stays at the cache rate.
    let uncached = |modality: &str| {
        tokens_of_modality(metadata.prompt_details, modality)
            .saturating_sub(tokens_of_modality(metadata.cache_details, modality))
    };
    let generated = |modality: &str| tokens_of_modality(metadata.candidates_details, modality);
    let media = Media {
        audio_in: uncached("AUDIO"),
        image_in: uncached("IMAGE"),
        video_in: uncached("VIDEO"),
        audio_out: generated("AUDIO"),
        image_out: generated("IMAGE"),
        video_out: generated("VIDEO"),
    };
    // Audio read from the cache has a cache rate of its own.
    let cached_audio =
        tokens_of_modality(metadata.cache_details, "AUDIO").min(usage.cached_input_tokens);
    Some(Usage {
        cached_audio_input_tokens: cached_audio,
        ..with_media(usage, media)
    })
}
