//! llmcost's own flat record (what `cost --json` calls `usage`):
//! `input_tokens` (cache reads and writes included), `cached_input_tokens`,
//! `cache_write_tokens`, `output_tokens` (reasoning included),
//! `reasoning_tokens`. Also any record with just input and output counts.

use super::{Shape, one_request};

pub const FLAT: Shape = Shape {
    name: "llmcost",
    matches: |r| r.input_tokens.is_some() || r.output_tokens.is_some(),
    read: |r| {
        Some(one_request(
            r.input_tokens.unwrap_or(0),
            r.cached_input_tokens.unwrap_or(0),
            r.cache_write_tokens.unwrap_or(0),
            r.output_tokens.unwrap_or(0),
            r.reasoning_tokens.unwrap_or(0),
        ))
    },
};
