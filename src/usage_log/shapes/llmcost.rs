//! llmcost's own flat record (what `cost --json` calls `usage`, and the
//! rows `tally --normalize` writes): `input_tokens` (cache reads and writes
//! included), `cached_input_tokens`, `cache_write_tokens`,
//! `cache_write_1h_tokens`, `output_tokens` (reasoning included),
//! `reasoning_tokens`, `audio_input_tokens`, `audio_output_tokens`,
//! `cached_audio_input_tokens`,
//! `image_input_tokens`, `image_output_tokens`, `video_input_tokens`,
//! `video_output_tokens`, `web_searches`, and `requests` (a row may sum several requests; its
//! counts are then the sums). Also any record with just input and output
//! counts.

use super::{Shape, one_request};
use crate::pricing::Usage;

pub const FLAT: Shape = Shape {
    name: "llmcost",
    matches: |r| r.input_tokens.is_some() || r.output_tokens.is_some(),
    read: |r| {
        let usage = Usage {
            cache_write_1h_tokens: r.cache_write_1h_tokens.unwrap_or(0),
            audio_input_tokens: r.audio_input_tokens.unwrap_or(0),
            audio_output_tokens: r.audio_output_tokens.unwrap_or(0),
            cached_audio_input_tokens: r.cached_audio_input_tokens.unwrap_or(0),
            image_input_tokens: r.image_input_tokens.unwrap_or(0),
            image_output_tokens: r.image_output_tokens.unwrap_or(0),
            video_input_tokens: r.video_input_tokens.unwrap_or(0),
            video_output_tokens: r.video_output_tokens.unwrap_or(0),
            web_searches: r.web_searches.unwrap_or(0),
            citation_tokens: r.citation_tokens.unwrap_or(0),
            requests: r.requests.unwrap_or(1).max(1),
            ..one_request(
                r.input_tokens.unwrap_or(0),
                r.cached_input_tokens.unwrap_or(0),
                r.cache_write_tokens.unwrap_or(0),
                r.output_tokens.unwrap_or(0),
                r.reasoning_tokens.unwrap_or(0),
            )
        };
        // The parts must fit in their wholes, as the row's writer meant.
        usage.check().is_ok().then_some(usage)
    },
};
