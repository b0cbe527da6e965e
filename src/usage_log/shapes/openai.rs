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
//! - Realtime API (`response.done`): `input_tokens` (text and audio, cached
//!   included), `output_tokens`, `input_token_details` with `cached_tokens`,
//!   `audio_tokens`, `image_tokens` and `cached_tokens_details.audio_tokens`,
//!   `output_token_details.audio_tokens`.

use super::{Media, Shape, one_request, with_media};
use crate::pricing::Usage;
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

pub const REALTIME: Shape = Shape {
    name: "openai-realtime",
    matches: |r| r.realtime_input.is_some() || r.realtime_output.is_some(),
    read: |r: &Record<'_>| {
        let input = r.realtime_input;
        let cached = input.and_then(|d| d.cached_tokens).unwrap_or(0);
        let cached_audio = input
            .and_then(|d| d.cached_tokens_details)
            .and_then(|d| d.audio_tokens)
            .unwrap_or(0);
        let audio = input.and_then(|d| d.audio_tokens).unwrap_or(0);
        let usage = Usage {
            cached_audio_input_tokens: cached_audio.min(cached),
            ..one_request(
                r.input_tokens.unwrap_or(0),
                cached,
                0,
                r.output_tokens.unwrap_or(0),
                0,
            )
        };
        // Audio and image counts include their cache reads; the audio read
        // from the cache is billed at the cached audio rate above.
        let media = Media {
            audio_in: audio.saturating_sub(cached_audio),
            image_in: input.and_then(|d| d.image_tokens).unwrap_or(0),
            audio_out: r.realtime_output.and_then(|d| d.audio_tokens).unwrap_or(0),
            ..Media::default()
        };
        Some(with_media(usage, media))
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
