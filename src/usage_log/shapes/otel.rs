//! OpenTelemetry GenAI spans, one per line, their `attributes` as a map or
//! as OTLP JSON's key/value list: `gen_ai.response.model` (else
//! `gen_ai.request.model`), `gen_ai.usage.input_tokens` (cache reads and
//! writes included), `gen_ai.usage.output_tokens`,
//! `gen_ai.usage.cache_read.input_tokens`,
//! `gen_ai.usage.cache_creation.input_tokens` and the older `…input_tokens.cached`
//! spellings, and reasoning output tokens.

use super::{Shape, one_request};

pub const GENAI_SPAN: Shape = Shape {
    name: "otel-genai-span",
    matches: |r| {
        r.attributes
            .as_ref()
            .is_some_and(|a| a.input_tokens.is_some() || a.output_tokens.is_some())
    },
    read: |r| {
        let a = r.attributes.as_ref()?;
        Some(one_request(
            a.input_tokens.unwrap_or(0),
            a.cache_read.unwrap_or(0),
            a.cache_write.unwrap_or(0),
            a.output_tokens.unwrap_or(0),
            a.reasoning.unwrap_or(0),
        ))
    },
};
