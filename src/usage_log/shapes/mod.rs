//! The record shapes `tally` understands, side by side: each family of
//! APIs has its module, and [`SHAPES`] lists every shape in the order they
//! are tried. A new shape is one entry here plus its reader and tests.
//!
//! Every shape turns a record into llmcost's meaning of usage: input with
//! cache reads and writes included, output with reasoning included.

mod anthropic;
mod bedrock;
pub mod codex;
mod gemini;
mod langfuse;
mod llmcost;
mod openai;
mod otel;

use super::record::{FLAT_COUNTS, Record};
use crate::pricing::Usage;
use crate::usage::{APART, COUNTS};

/// One record shape: how to tell it, and how to read its usage.
pub struct Shape {
    /// What people call it (`openai-responses`).
    pub name: &'static str,
    /// Whether a record has this shape.
    pub matches: fn(&Record<'_>) -> bool,
    /// One request's usage, or `None` when its numbers do not add up.
    pub read: fn(&Record<'_>) -> Option<Usage>,
}

/// Every shape, tried in order; the first that matches reads the record.
pub const SHAPES: [Shape; 11] = [
    openai::CHAT_COMPLETIONS,
    anthropic::MESSAGES,
    openai::RESPONSES,
    openai::REALTIME,
    gemini::GENERATE_CONTENT,
    bedrock::CONVERSE,
    bedrock::INVOCATION_LOG,
    codex::TOKEN_COUNT,
    otel::GENAI_SPAN,
    langfuse::OBSERVATION,
    llmcost::FLAT,
];

/// The index of llmcost's own flat rows in [`SHAPES`] (the last shape).
pub const FLAT_INDEX: usize = SHAPES.len() - 1;

/// One request's usage from `record` (or from its `usage` object), by the
/// first shape that matches, with that shape's index in [`SHAPES`]; `None`
/// when no shape does.
pub fn usage_of(record: &Record<'_>) -> Option<(usize, Usage)> {
    // Langfuse observations carry a summary `usage` beside the
    // `usageDetails` they are read from.
    if let Some(inner) = &record.usage
        && record.usage_details.is_none()
    {
        return usage_of(inner);
    }
    let (index, shape) = SHAPES
        .iter()
        .enumerate()
        .find(|(_, shape)| (shape.matches)(record))?;
    let mut usage = (shape.read)(record)?;
    // A count billed apart is read by its own name beside any shape's
    // counts (Perplexity's `citation_tokens` in a Chat Completions usage).
    for &row in &APART {
        if let Some(count) = (FLAT_COUNTS[row].1)(record) {
            *(COUNTS[row].slot)(&mut usage) = count;
        }
    }
    Some((index, usage))
}

/// The audio, image and video tokens a record counts, as parts of its
/// input and its output.
#[derive(Debug, Default, Clone, Copy)]
struct Media {
    audio_in: u64,
    image_in: u64,
    video_in: u64,
    audio_out: u64,
    image_out: u64,
    video_out: u64,
}

/// `usage` with `media`'s tokens billed at their own rates. Media a log
/// counts within its cache reads is left at the cache rate: only what fits
/// beside the cache is moved, audio first, then images, then video; and
/// only what fits in the output.
fn with_media(usage: Usage, media: Media) -> Usage {
    let mut uncached = usage
        .input_tokens
        .saturating_sub(usage.cached_input_tokens)
        .saturating_sub(usage.cache_write_tokens)
        .saturating_sub(usage.cache_write_1h_tokens);
    let mut output = usage.output_tokens;
    let take = |wanted: u64, room: &mut u64| {
        let taken = wanted.min(*room);
        *room -= taken;
        taken
    };
    Usage {
        audio_input_tokens: take(media.audio_in, &mut uncached),
        image_input_tokens: take(media.image_in, &mut uncached),
        video_input_tokens: take(media.video_in, &mut uncached),
        audio_output_tokens: take(media.audio_out, &mut output),
        image_output_tokens: take(media.image_out, &mut output),
        video_output_tokens: take(media.video_out, &mut output),
        ..usage
    }
}

/// Usage of one request, from the counts a shape read.
fn one_request(
    input_tokens: u64,
    cached_input_tokens: u64,
    cache_write_tokens: u64,
    output_tokens: u64,
    reasoning_tokens: u64,
) -> Usage {
    Usage {
        input_tokens,
        cached_input_tokens,
        cache_write_tokens,
        cache_write_1h_tokens: 0,
        output_tokens,
        reasoning_tokens,
        requests: 1,
        ..Usage::default()
    }
}
