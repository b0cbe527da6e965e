//! Anthropic's Messages usage: `input_tokens` *excludes* the cache,
//! `cache_read_input_tokens` and `cache_creation_input_tokens` are added
//! to it, `cache_creation.ephemeral_1h_input_tokens` marks the writes
//! billed at the 1-hour rate, and `server_tool_use.web_search_requests`
//! counts the web searches billed per search.

use super::{Shape, one_request};
use crate::pricing::Usage;

pub const MESSAGES: Shape = Shape {
    name: "anthropic-messages",
    matches: |r| {
        r.cache_read_input_tokens.is_some()
            || r.cache_creation_input_tokens.is_some()
            || r.server_tool_use.is_some()
    },
    read: |r| {
        let read = r.cache_read_input_tokens.unwrap_or(0);
        let created = r.cache_creation_input_tokens.unwrap_or(0);
        let one_hour = r
            .cache_creation
            .as_ref()
            .and_then(|c| c.ephemeral_1h_input_tokens)
            .unwrap_or(0);
        Some(Usage {
            cache_write_1h_tokens: one_hour,
            web_searches: r
                .server_tool_use
                .as_ref()
                .and_then(|t| t.web_search_requests)
                .unwrap_or(0),
            ..one_request(
                r.input_tokens
                    .unwrap_or(0)
                    .checked_add(read)?
                    .checked_add(created)?,
                read,
                created.checked_sub(one_hour)?,
                r.output_tokens.unwrap_or(0),
                0,
            )
        })
    },
};
