//! Amazon Bedrock: the Converse API's `usage` (`inputTokens`,
//! `outputTokens`, `cacheReadInputTokens`, `cacheWriteInputTokens`) and a
//! model invocation log's `input.inputTokenCount`,
//! `input.cacheRead/WriteInputTokenCount` and `output.outputTokenCount`,
//! with the model in `modelId`. As in Anthropic's API, the input count
//! excludes cache reads and writes, which are added to it.

use super::{Shape, one_request};
use crate::pricing::Usage;

pub const CONVERSE: Shape = Shape {
    name: "bedrock-converse",
    matches: |r| r.bedrock_input.is_some(),
    read: |r| {
        with_cache(
            r.bedrock_input?,
            r.bedrock_cache_read.unwrap_or(0),
            r.bedrock_cache_write.unwrap_or(0),
            r.bedrock_output.unwrap_or(0),
        )
    },
};

pub const INVOCATION_LOG: Shape = Shape {
    name: "bedrock-invocation-log",
    matches: |r| r.input.get().is_some_and(|i| i.uncached.is_some()),
    read: |r| {
        let input = r.input.get()?;
        with_cache(
            input.uncached?,
            input.cache_read.unwrap_or(0),
            input.cache_write.unwrap_or(0),
            r.output
                .get()
                .and_then(|o| o.output_token_count)
                .unwrap_or(0),
        )
    },
};

/// Usage whose uncached input, cache reads and cache writes are counted apart.
fn with_cache(uncached: u64, read: u64, written: u64, output: u64) -> Option<Usage> {
    Some(one_request(
        uncached.checked_add(read)?.checked_add(written)?,
        read,
        written,
        output,
        0,
    ))
}
