//! OpenAI's usage objects.
//! - Chat Completions: `prompt_tokens` (cached included), `completion_tokens`
//!   (reasoning included), `prompt_tokens_details.cached_tokens`,
//!   `completion_tokens_details.reasoning_tokens`, audio in
//!   `prompt_tokens_details.audio_tokens` and
//!   `completion_tokens_details.audio_tokens`, images in their
//!   `image_tokens` (gpt-image, gpt-realtime), and the same from
//!   OpenAI-compatible APIs (DeepSeek's `prompt_cache_hit_tokens`);
//! - Responses API: `input_tokens` (cached included), `output_tokens`
//!   (reasoning included), `input_tokens_details.cached_tokens`,
//!   `output_tokens_details.reasoning_tokens`.

use super::{Media, Shape, one_request, with_media};
use crate::usage_log::record::{CompletionDetails, PromptDetails, Record};

pub const CHAT_COMPLETIONS: Shape = Shape {
    name: "openai-chat-completions",
    matches: |r| r.prompt_tokens.is_some(),
    read: |r| {
        let details = r.prompt_tokens_details;
        let completion = r.completion_tokens_details;
        let usage = one_request(
            r.prompt_tokens?,
            details
                .and_then(|d| d.cached_tokens)
                .or(r.prompt_cache_hit_tokens)
                .unwrap_or(0),
            written_of(details),
            r.completion_tokens.unwrap_or(0),
            reasoning_of(completion),
        );
        let media = Media {
            audio_in: details.and_then(|d| d.audio_tokens).unwrap_or(0),
            image_in: details.and_then(|d| d.image_tokens).unwrap_or(0),
            audio_out: completion.and_then(|d| d.audio_tokens).unwrap_or(0),
            image_out: completion.and_then(|d| d.image_tokens).unwrap_or(0),
            ..Media::default()
        };
        Some(with_media(usage, media))
    },
};

pub const RESPONSES: Shape = Shape {
    name: "openai-responses",
    matches: |r| r.input_tokens_details.is_some() || r.output_tokens_details.is_some(),
    read: |r: &Record<'_>| {
        Some(one_request(
            r.input_tokens.unwrap_or(0),
            cached_of(r.input_tokens_details),
            written_of(r.input_tokens_details),
            r.output_tokens.unwrap_or(0),
            reasoning_of(r.output_tokens_details),
        ))
    },
};

fn cached_of(details: Option<&PromptDetails>) -> u64 {
    details.and_then(|d| d.cached_tokens).unwrap_or(0)
}

fn written_of(details: Option<&PromptDetails>) -> u64 {
    details.and_then(|d| d.cache_write_tokens).unwrap_or(0)
}

fn reasoning_of(details: Option<&CompletionDetails>) -> u64 {
    details.and_then(|d| d.reasoning_tokens).unwrap_or(0)
}
