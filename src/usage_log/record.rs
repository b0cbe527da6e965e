//! One log line as read: every field any known record shape uses, all
//! optional and borrowed from the line or from the line's arena, so a line
//! is parsed once and each shape in [`super::shapes`] reads what it needs.

use std::fmt;

use bumpalo::Bump;

use rust_decimal::Decimal;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use super::scan::{NotJson, ReadField, ReadObject, Scanned, Scanner, read_members};
use crate::catalog::model::ServiceTier;
use crate::dates::{in_calendar, parse_instant};

/// A timestamp as written: an ISO 8601 string (read only when a report
/// needs the time, so most lines never parse it) or a Unix time in seconds
/// (milliseconds when it is past the year 5000, as JavaScript's
/// `Date.now()` writes). A string that is not a date is no time.
#[derive(Debug, Clone, Copy)]
pub enum RawTime<'a> {
    Text(&'a str),
    Unix(i64),
}

/// Unix times above this are milliseconds (this many seconds is year 5138).
const MILLISECONDS_FROM: i64 = 100_000_000_000;

impl RawTime<'_> {
    /// Seconds since 1970-01-01 UTC.
    pub fn seconds(&self) -> Option<i64> {
        match self {
            RawTime::Text(text) => parse_instant(text),
            RawTime::Unix(value) if value.abs() >= MILLISECONDS_FROM => {
                in_calendar(value.div_euclid(1000))
            }
            RawTime::Unix(value) => in_calendar(*value),
        }
    }
}

/// A string, a number (its whole part: serde_json's exact number text
/// before any fraction or exponent) or `null`.
impl<'a> ReadField<'a> for Option<RawTime<'a>> {
    fn read(&mut self, scanner: &mut Scanner<'a>) -> Scanned<()> {
        *self = scanner.nullable(|scanner| {
            if scanner.peek() == Some(b'"') {
                return scanner.string().map(RawTime::Text);
            }
            let text = scanner.number()?;
            let whole = text.split(['.', 'e', 'E']).next().unwrap_or("");
            whole.parse().map(RawTime::Unix).map_err(|_| NotJson)
        })?;
        Ok(())
    }
}

/// OpenAI's `prompt_tokens_details` / `input_tokens_details`: parts of the input.
#[derive(Debug, Default)]
#[allow(clippy::struct_field_names)] // OpenAI's own field names.
pub struct PromptDetails {
    pub cached_tokens: Option<u64>,
    pub cache_write_tokens: Option<u64>,
    pub audio_tokens: Option<u64>,
    pub image_tokens: Option<u64>,
}

read_members!(PromptDetails {
    b"cached_tokens" => cached_tokens,
    b"cache_write_tokens" => cache_write_tokens,
    b"audio_tokens" => audio_tokens,
    b"image_tokens" => image_tokens,
});

#[derive(Debug, Default)]
#[allow(clippy::struct_field_names)] // OpenAI's own field names.
pub struct CompletionDetails {
    pub reasoning_tokens: Option<u64>,
    pub audio_tokens: Option<u64>,
    pub image_tokens: Option<u64>,
}

read_members!(CompletionDetails {
    b"reasoning_tokens" => reasoning_tokens,
    b"audio_tokens" => audio_tokens,
    b"image_tokens" => image_tokens,
});

/// OpenAI Realtime's `cached_tokens_details`: the cache reads by modality.
#[derive(Debug, Default)]
pub struct CachedDetails {
    pub audio_tokens: Option<u64>,
}

read_members!(CachedDetails {
    b"audio_tokens" => audio_tokens,
});

/// OpenAI Realtime's `input_token_details` (a `response.done` event's
/// usage): the input by modality, cached tokens a part of it, and the
/// cache reads by modality.
#[derive(Debug, Default)]
pub struct RealtimeInput<'a> {
    pub cached_tokens: Option<u64>,
    pub audio_tokens: Option<u64>,
    pub image_tokens: Option<u64>,
    pub cached_tokens_details: Option<&'a CachedDetails>,
}

read_members!(<'a> RealtimeInput<'a> {
    b"cached_tokens" => cached_tokens,
    b"audio_tokens" => audio_tokens,
    b"image_tokens" => image_tokens,
    b"cached_tokens_details" => cached_tokens_details,
});

/// One entry of Gemini's per-modality counts (`promptTokensDetails`, …).
#[derive(Debug, Default, Clone, Copy)]
pub struct ModalityCount<'a> {
    pub modality: Option<Text<'a>>,
    pub tokens: Option<u64>,
}

read_members!(<'a> ModalityCount<'a> {
    b"modality" => modality,
    b"tokenCount" => tokens,
});

/// The tokens of one modality (`AUDIO`, `IMAGE`, `VIDEO`) in a Gemini
/// per-modality list.
pub fn tokens_of_modality(counts: Option<&[ModalityCount<'_>]>, modality: &str) -> u64 {
    counts
        .into_iter()
        .flatten()
        .filter(|c| c.modality.as_deref() == Some(modality))
        .filter_map(|c| c.tokens)
        .fold(0, u64::saturating_add)
}

/// Anthropic's split of cache writes by lifetime.
#[derive(Debug, Default)]
pub struct CacheCreation {
    pub ephemeral_1h_input_tokens: Option<u64>,
}

read_members!(CacheCreation {
    b"ephemeral_1h_input_tokens" => ephemeral_1h_input_tokens,
});

/// Anthropic's `server_tool_use`: server-side tool calls billed per call.
#[derive(Debug, Default)]
pub struct ServerToolUse {
    pub web_search_requests: Option<u64>,
}

read_members!(ServerToolUse {
    b"web_search_requests" => web_search_requests,
});

/// OpenTelemetry GenAI span attributes, as a map (`{"gen_ai.usage.input_tokens":
/// 12}`) or as OTLP JSON's list (`[{"key": "…", "value": {"intValue": "12"}}]`).
/// Input tokens include cache reads and writes, as the conventions say.
/// Read by serde (spans are rare, and their forms many), then kept in the
/// line's arena as [`GenAiAttributes`].
#[derive(Debug, Default, Clone)]
struct SpanAttributes {
    request_model: Option<String>,
    response_model: Option<String>,
    /// The counts as read (its model names stay `None` until the owned
    /// ones above are copied into the arena).
    counts: GenAiAttributes<'static>,
}

/// A span's GenAI attributes, as [`SpanAttributes`] read them.
#[derive(Debug, Default, Clone, Copy)]
pub struct GenAiAttributes<'a> {
    pub request_model: Option<&'a str>,
    pub response_model: Option<&'a str>,
    pub input_tokens: Option<u64>,
    pub output_tokens: Option<u64>,
    pub cache_read: Option<u64>,
    pub cache_write: Option<u64>,
    pub reasoning: Option<u64>,
}

impl<'a> ReadField<'a> for Option<&'a GenAiAttributes<'a>> {
    fn read(&mut self, scanner: &mut Scanner<'a>) -> Scanned<()> {
        let read: Option<SpanAttributes> =
            serde_json::from_str(scanner.raw_value()?).map_err(|_| NotJson)?;
        let arena = scanner.arena();
        let text = |owned: &Option<String>| owned.as_deref().map(|t| &*arena.alloc_str(t));
        *self = read.map(|a| {
            &*arena.alloc(GenAiAttributes {
                request_model: text(&a.request_model),
                response_model: text(&a.response_model),
                ..a.counts
            })
        });
        Ok(())
    }
}

/// Langfuse's `usageDetails`, any usage type to its count, in key order
/// (a key given twice keeps its last count): read by serde, then kept in
/// the line's arena.
impl<'a> ReadField<'a> for Option<&'a [(&'a str, u64)]> {
    fn read(&mut self, scanner: &mut Scanner<'a>) -> Scanned<()> {
        let read: Option<std::collections::BTreeMap<String, u64>> =
            serde_json::from_str(scanner.raw_value()?).map_err(|_| NotJson)?;
        let arena = scanner.arena();
        *self = read.map(|details| {
            let pairs: Vec<(&'a str, u64)> = details
                .iter()
                .map(|(key, &count)| (&*arena.alloc_str(key), count))
                .collect();
            &*arena.alloc_slice_copy(&pairs)
        });
        Ok(())
    }
}

impl SpanAttributes {
    fn set(&mut self, key: &str, value: &AttributeValue) {
        let number = || match value {
            AttributeValue::Number(n) => Some(*n),
            AttributeValue::Text(t) => t.trim().parse().ok(),
            AttributeValue::Other => None,
        };
        let text = || match value {
            AttributeValue::Text(t) => Some(t.clone()),
            _ => None,
        };
        match key {
            "gen_ai.request.model" => self.request_model = text(),
            "gen_ai.response.model" => self.response_model = text(),
            "gen_ai.usage.input_tokens" | "gen_ai.usage.prompt_tokens" => {
                self.counts.input_tokens = number();
            }
            "gen_ai.usage.output_tokens" | "gen_ai.usage.completion_tokens" => {
                self.counts.output_tokens = number();
            }
            "gen_ai.usage.cache_read.input_tokens" | "gen_ai.usage.input_tokens.cached" => {
                self.counts.cache_read = number();
            }
            "gen_ai.usage.cache_creation.input_tokens"
            | "gen_ai.usage.input_tokens.cache_write" => self.counts.cache_write = number(),
            "gen_ai.usage.reasoning.output_tokens" | "gen_ai.usage.output_tokens.reasoning" => {
                self.counts.reasoning = number();
            }
            _ => {}
        }
    }
}

/// One attribute value as read.
enum AttributeValue {
    Number(u64),
    Text(String),
    Other,
}

impl<'de> Deserialize<'de> for AttributeValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Plain JSON values, or OTLP's `{"intValue": "12"}` / `{"stringValue": "x"}`.
        let value = serde_json::Value::deserialize(deserializer)?;
        Ok(attribute_value(&value))
    }
}

fn attribute_value(value: &serde_json::Value) -> AttributeValue {
    match value {
        serde_json::Value::Number(n) => n
            .as_u64()
            .map_or(AttributeValue::Other, AttributeValue::Number),
        serde_json::Value::String(s) => AttributeValue::Text(s.clone()),
        serde_json::Value::Object(o) => {
            let inner = o.get("intValue").or_else(|| o.get("stringValue"));
            inner.map_or(AttributeValue::Other, attribute_value)
        }
        _ => AttributeValue::Other,
    }
}

impl<'de> Deserialize<'de> for SpanAttributes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AttributesVisitor;
        impl<'de> Visitor<'de> for AttributesVisitor {
            type Value = SpanAttributes;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("span attributes")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut attributes = SpanAttributes::default();
                while let Some(key) = map.next_key::<String>()? {
                    let value: AttributeValue = map.next_value()?;
                    attributes.set(&key, &value);
                }
                Ok(attributes)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                #[derive(Deserialize)]
                struct KeyValue {
                    key: String,
                    value: AttributeValue,
                }
                let mut attributes = SpanAttributes::default();
                while let Some(pair) = seq.next_element::<KeyValue>()? {
                    attributes.set(&pair.key, &pair.value);
                }
                Ok(attributes)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(SpanAttributes::default())
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
                Ok(SpanAttributes::default())
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
                Ok(SpanAttributes::default())
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
                Ok(SpanAttributes::default())
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
                Ok(SpanAttributes::default())
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
                Ok(SpanAttributes::default())
            }
        }
        deserializer.deserialize_any(AttributesVisitor)
    }
}

/// A Codex CLI `token_count` event's counts: OpenAI's meaning (cached
/// input within input, reasoning within output).
#[derive(Debug, Default, Clone, Copy)]
#[allow(clippy::struct_field_names)] // Codex's own field names.
pub struct CodexUsage {
    pub input_tokens: Option<u64>,
    pub cached_input_tokens: Option<u64>,
    pub output_tokens: Option<u64>,
    pub reasoning_output_tokens: Option<u64>,
    pub total_tokens: Option<u64>,
}

read_members!(CodexUsage {
    b"input_tokens" => input_tokens,
    b"cached_input_tokens" => cached_input_tokens,
    b"output_tokens" => output_tokens,
    b"reasoning_output_tokens" => reasoning_output_tokens,
    b"total_tokens" => total_tokens,
});

/// A Codex CLI `token_count` event's `info`: the session's running totals
/// and the last call's counts.
#[derive(Debug, Default)]
pub struct CodexInfo<'a> {
    pub total_token_usage: Option<&'a CodexUsage>,
    pub last_token_usage: Option<&'a CodexUsage>,
}

read_members!(<'a> CodexInfo<'a> {
    b"total_token_usage" => total_token_usage,
    b"last_token_usage" => last_token_usage,
});

/// Gemini's `usageMetadata` (token counts).
#[derive(Debug, Default)]
pub struct GeminiUsage<'a> {
    pub prompt: Option<u64>,
    pub cached_content: Option<u64>,
    pub candidates: Option<u64>,
    pub thoughts: Option<u64>,
    pub tool_use_prompt: Option<u64>,
    pub prompt_details: Option<&'a [ModalityCount<'a>]>,
    pub cache_details: Option<&'a [ModalityCount<'a>]>,
    pub candidates_details: Option<&'a [ModalityCount<'a>]>,
}

read_members!(<'a> GeminiUsage<'a> {
    b"promptTokenCount" => prompt,
    b"cachedContentTokenCount" => cached_content,
    b"candidatesTokenCount" => candidates,
    b"thoughtsTokenCount" => thoughts,
    b"toolUsePromptTokenCount" => tool_use_prompt,
    b"promptTokensDetails" => prompt_details,
    b"cacheTokensDetails" => cache_details,
    b"candidatesTokensDetails" => candidates_details,
});

/// A Bedrock model invocation log's `input`.
#[derive(Debug, Default)]
pub struct InvocationInput {
    pub uncached: Option<u64>,
    pub cache_read: Option<u64>,
    pub cache_write: Option<u64>,
}

read_members!(InvocationInput {
    b"inputTokenCount" => uncached,
    b"cacheReadInputTokenCount" => cache_read,
    b"cacheWriteInputTokenCount" => cache_write,
});

/// A Bedrock model invocation log's `output`.
#[derive(Debug, Default)]
pub struct InvocationOutput {
    pub output_token_count: Option<u64>,
}

read_members!(InvocationOutput {
    b"outputTokenCount" => output_token_count,
});

/// A field read only when it holds an object: logs reuse common names
/// (`output` is an array in a Responses API object, `message` a string in
/// many loggers), and such a line must still parse.
#[derive(Debug)]
pub struct IfObject<'a, T>(pub Option<&'a T>);

impl<T> Default for IfObject<'_, T> {
    fn default() -> Self {
        Self(None)
    }
}

impl<'a, T> IfObject<'a, T> {
    pub fn get(&self) -> Option<&'a T> {
        self.0
    }
}

impl<'a, T: ReadObject<'a> + Default> ReadField<'a> for IfObject<'a, T> {
    fn read(&mut self, scanner: &mut Scanner<'a>) -> Scanned<()> {
        self.0 = None;
        if scanner.peek() == Some(b'{') {
            self.0 = Some(scanner.object_in_arena()?);
            return Ok(());
        }
        scanner.skip()
    }
}

/// A string as read: borrowed from the line when it has no escapes, else
/// decoded into the line's arena.
#[derive(Debug, Clone, Copy)]
pub struct Text<'a>(pub &'a str);

impl std::ops::Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.0
    }
}

/// A string or `null`.
impl<'a> ReadField<'a> for Option<Text<'a>> {
    fn read(&mut self, scanner: &mut Scanner<'a>) -> Scanned<()> {
        *self = scanner.nullable(|scanner| scanner.string().map(Text))?;
        Ok(())
    }
}

/// An identifier: a string, or a number kept as its text (a database
/// export's integer key). Any other value is no identifier, never a reason
/// to leave the line out: ids only tell lines apart and group them.
#[derive(Debug, Clone, Copy)]
pub struct Id<'a>(&'a str);

impl std::ops::Deref for Id<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.0
    }
}

impl<'a> ReadField<'a> for Option<Id<'a>> {
    fn read(&mut self, scanner: &mut Scanner<'a>) -> Scanned<()> {
        *self = match scanner.peek() {
            Some(b'"') => Some(Id(scanner.string()?)),
            Some(b'-' | b'0'..=b'9') => Some(Id(scanner.number()?)),
            _ => {
                scanner.skip()?;
                None
            }
        };
        Ok(())
    }
}

/// Declares [`Record`] from one table of `"json key" => field: Type` rows
/// and reads it in place, member by member (see [`read_members`]).
macro_rules! record {
    (
        $(#[$meta:meta])*
        pub struct Record<'a> {
            $( $(#[doc = $doc:literal])* $key:literal => $field:ident: $ty:ty, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Default)]
        pub struct Record<'a> {
            $( $(#[doc = $doc])* pub $field: $ty, )*
        }

        read_members!(<'a> Record<'a> { $( $key => $field, )* });
    };
}

/// An Anthropic Message Batches result line's `result`.
#[derive(Debug, Default)]
pub struct BatchResult<'a> {
    pub message: Option<&'a Record<'a>>,
}

read_members!(<'a> BatchResult<'a> { b"message" => message });

record! {
    /// One log line; every field optional. Its fields are read in place,
    /// by key, so a line costs one record's worth of memory, not three.
    pub struct Record<'a> {
        b"model" => model: Option<Text<'a>>,
        /// Gemini names the model that answered here.
        b"modelVersion" => model_version: Option<Text<'a>>,
        b"type" => kind: Option<Text<'a>>,
        /// OpenAI's object type: a stream's `chat.completion.chunk`s carry
        /// usage only on their last chunk.
        b"object" => object: Option<Text<'a>>,
        /// A message's id (Claude Code logs one message on several lines).
        b"id" => id: Option<Id<'a>>,
        /// The API request a Claude Code line came from.
        b"requestId" => request_id: Option<Id<'a>>,
        /// Set once a message is complete (the last of its streamed lines).
        b"stop_reason" => stop_reason: Option<Text<'a>>,
        /// A Codex CLI event's body (`turn_context`, `event_msg`).
        b"payload" => payload: IfObject<'a, Record<'a>>,
        /// A Codex `token_count` event's counts.
        b"info" => info: IfObject<'a, CodexInfo<'a>>,
        /// An OpenTelemetry span's attributes (GenAI conventions).
        b"attributes" => attributes: Option<&'a GenAiAttributes<'a>>,
        /// OpenAI's `service_tier` (`flex`, `priority`, `default`) and
        /// Anthropic's `usage.service_tier` (`priority`, `standard`, `batch`).
        b"service_tier" => service_tier: Option<Text<'a>>,
        b"usageMetadata" => usage_metadata: Option<&'a GeminiUsage<'a>>,
        /// An OpenAI Batch output line wraps the HTTP reply here (its `body`
        /// is the response); a Responses API stream event, the response itself.
        b"response" => response: IfObject<'a, Record<'a>>,
        /// The response inside an OpenAI Batch output line's `response`.
        b"body" => body: IfObject<'a, Record<'a>>,
        /// An Anthropic batch result wraps the message here.
        b"result" => result: IfObject<'a, BatchResult<'a>>,
        /// A Claude Code session line wraps the API message here.
        b"message" => message: IfObject<'a, Record<'a>>,
        /// Bedrock names the model here (invocation logs, and logs that keep
        /// the request's `modelId` beside a Converse response).
        b"modelId" => model_id: Option<Text<'a>>,
        /// A Bedrock invocation log's token counts.
        b"input" => input: IfObject<'a, InvocationInput>,
        b"output" => output: IfObject<'a, InvocationOutput>,
        b"provider" => provider: Option<Text<'a>>,
        b"timestamp" => timestamp: Option<RawTime<'a>>,
        b"created" => created: Option<RawTime<'a>>,
        b"created_at" => created_at: Option<RawTime<'a>>,
        /// LiteLLM spend logs' request start.
        b"startTime" => start_time: Option<RawTime<'a>>,
        /// llmcost's flat rows (`tally --normalize`).
        b"ts" => ts: Option<RawTime<'a>>,
        /// Langfuse observations: usage type → count.
        b"usageDetails" => usage_details: Option<&'a [(&'a str, u64)]>,
        /// Langfuse observations: cost type → USD.
        b"costDetails" => cost_details: Option<&'a CostDetails<'a>>,
        /// Langfuse observations: the older total cost field.
        b"calculatedTotalCost" => calculated_total_cost: LoggedAmount<'a>,
        /// The cost the log itself records: OpenRouter's `usage.cost`, Claude
        /// Code's `costUSD`, LiteLLM's `spend`, `total_cost`.
        b"cost" => cost: LoggedAmount<'a>,
        b"costUSD" => cost_usd: LoggedAmount<'a>,
        b"spend" => spend: LoggedAmount<'a>,
        b"total_cost" => total_cost: LoggedAmount<'a>,
        /// Claude Code's session.
        b"sessionId" => session_id: Option<Id<'a>>,
        /// The working folder (Claude Code lines, Codex `turn_context`).
        b"cwd" => cwd: Option<Text<'a>>,
        b"input_tokens" => input_tokens: Option<u64>,
        b"output_tokens" => output_tokens: Option<u64>,
        b"cached_input_tokens" => cached_input_tokens: Option<u64>,
        b"cache_write_tokens" => cache_write_tokens: Option<u64>,
        b"reasoning_tokens" => reasoning_tokens: Option<u64>,
        /// llmcost's flat rows (`tally --normalize`, CSV exports): the 1-hour
        /// cache writes, audio, image and video parts, searches, how many requests the row sums,
        /// whether they were batch requests, and the endpoint region.
        b"cache_write_1h_tokens" => cache_write_1h_tokens: Option<u64>,
        b"audio_input_tokens" => audio_input_tokens: Option<u64>,
        b"audio_output_tokens" => audio_output_tokens: Option<u64>,
        b"cached_audio_input_tokens" => cached_audio_input_tokens: Option<u64>,
        b"image_input_tokens" => image_input_tokens: Option<u64>,
        b"image_output_tokens" => image_output_tokens: Option<u64>,
        b"video_input_tokens" => video_input_tokens: Option<u64>,
        b"video_output_tokens" => video_output_tokens: Option<u64>,
        b"web_searches" => web_searches: Option<u64>,
        b"requests" => requests: Option<u64>,
        b"batch" => batch: Option<bool>,
        b"region" => region: Option<Text<'a>>,
        /// A usage export's stated context window, as the input tokens
        /// each of the row's requests had more than.
        b"context_floor_tokens" => context_floor_tokens: Option<u64>,
        b"prompt_tokens" => prompt_tokens: Option<u64>,
        /// Perplexity's citation tokens (its flat rows' name too).
        b"citation_tokens" => citation_tokens: Option<u64>,
        b"completion_tokens" => completion_tokens: Option<u64>,
        b"prompt_tokens_details" => prompt_tokens_details: Option<&'a PromptDetails>,
        b"completion_tokens_details" => completion_tokens_details: Option<&'a CompletionDetails>,
        b"input_tokens_details" => input_tokens_details: Option<&'a PromptDetails>,
        b"output_tokens_details" => output_tokens_details: Option<&'a CompletionDetails>,
        /// OpenAI Realtime's `response.done` usage (singular `token`).
        b"input_token_details" => realtime_input: Option<&'a RealtimeInput<'a>>,
        b"output_token_details" => realtime_output: Option<&'a CompletionDetails>,
        b"cache_read_input_tokens" => cache_read_input_tokens: Option<u64>,
        b"cache_creation_input_tokens" => cache_creation_input_tokens: Option<u64>,
        /// DeepSeek's cache hits (part of `prompt_tokens`).
        b"prompt_cache_hit_tokens" => prompt_cache_hit_tokens: Option<u64>,
        /// Bedrock Converse's `usage` (input excludes the cache, as Anthropic's).
        b"inputTokens" => bedrock_input: Option<u64>,
        b"outputTokens" => bedrock_output: Option<u64>,
        b"cacheReadInputTokens" => bedrock_cache_read: Option<u64>,
        b"cacheWriteInputTokens" => bedrock_cache_write: Option<u64>,
        b"cache_creation" => cache_creation: Option<&'a CacheCreation>,
        b"server_tool_use" => server_tool_use: Option<&'a ServerToolUse>,
        b"usage" => usage: Option<&'a Record<'a>>,
    }
}

/// A count a record may state, read from it.
pub type CountOf = fn(&Record<'_>) -> Option<u64>;

/// Each count a flat row (`tally --normalize`'s) may state, in the order
/// and by the names of [`crate::usage::COUNTS`]: the flat shape reads a row
/// through it, so a new count is a key above and an entry here (a test
/// checks the two tables agree).
pub const FLAT_COUNTS: [(&str, CountOf); 15] = [
    ("input_tokens", |r| r.input_tokens),
    ("cached_input_tokens", |r| r.cached_input_tokens),
    ("cached_audio_input_tokens", |r| r.cached_audio_input_tokens),
    ("cache_write_tokens", |r| r.cache_write_tokens),
    ("cache_write_1h_tokens", |r| r.cache_write_1h_tokens),
    ("output_tokens", |r| r.output_tokens),
    ("reasoning_tokens", |r| r.reasoning_tokens),
    ("audio_input_tokens", |r| r.audio_input_tokens),
    ("audio_output_tokens", |r| r.audio_output_tokens),
    ("image_input_tokens", |r| r.image_input_tokens),
    ("image_output_tokens", |r| r.image_output_tokens),
    ("video_input_tokens", |r| r.video_input_tokens),
    ("video_output_tokens", |r| r.video_output_tokens),
    ("citation_tokens", |r| r.citation_tokens),
    ("web_searches", |r| r.web_searches),
];

impl<'a> Record<'a> {
    /// One log line as a record in `arena` (with its nested records and
    /// decoded strings), or `None` when it is not a JSON object. The line
    /// is checked as UTF-8 once, whole, with vector instructions
    /// (simdutf8, in half the standard library's instructions on a log
    /// line), so its strings are sliced without checking each again.
    pub fn parse(line: &'a [u8], arena: &'a Bump) -> Option<&'a Record<'a>> {
        let text = simdutf8::basic::from_utf8(line).ok()?;
        let mut scanner = Scanner::new(text, arena);
        let record = scanner.object_in_arena().ok()?;
        scanner.at_end().then_some(record)
    }

    /// The record that holds the usage, and whether a batch API billed it:
    /// an OpenAI Batch output line's `response.body` and an Anthropic
    /// batch result's `result.message` (batch rates); a Responses API
    /// stream event's `response`; a Claude Code session line's `message`;
    /// a Codex event's `payload`; else the record itself.
    pub fn unwrapped(&self) -> (&Record<'a>, bool) {
        if let Some(response) = self.response.get() {
            if let Some(body) = response.body.get() {
                return (body, true);
            }
            return (response, false);
        }
        if let Some(message) = self.result.get().and_then(|r| r.message) {
            return (message, true);
        }
        if let Some(message) = self.message.get() {
            return (message, false);
        }
        if let Some(payload) = self.payload.get() {
            return (payload, false);
        }
        (self, false)
    }

    /// The model the record names, at the top level or beside its usage
    /// (Gemini: `modelVersion`).
    pub fn model(&self) -> Option<&str> {
        self.model
            .as_deref()
            .or(self.model_version.as_deref())
            .or(self.model_id.as_deref())
            .or_else(|| {
                let a = self.attributes.as_ref()?;
                a.response_model.or(a.request_model)
            })
            .or_else(|| self.usage.as_ref().and_then(|u| u.model.as_deref()))
    }

    /// The service tier the record says billed it, from the record or its
    /// `usage`: `Some(true)` for batch (Anthropic's `batch`).
    pub fn tier(&self) -> (ServiceTier, bool) {
        let named = self
            .service_tier
            .as_deref()
            .or_else(|| self.usage.as_ref().and_then(|u| u.service_tier.as_deref()));
        match named {
            Some("batch") => (ServiceTier::Standard, true),
            Some(name) => (ServiceTier::named(name).unwrap_or_default(), false),
            None => (ServiceTier::Standard, false),
        }
    }

    /// The record's time as written: `timestamp`, else `created`,
    /// `created_at`, `startTime` or `ts`.
    pub fn stamp(&self) -> Option<&RawTime<'a>> {
        [
            &self.timestamp,
            &self.created,
            &self.created_at,
            &self.start_time,
            &self.ts,
        ]
        .into_iter()
        .find_map(|t| t.as_ref())
    }

    /// The cost the record itself states, if any.
    pub fn logged_cost(&self) -> Option<Decimal> {
        [&self.cost, &self.cost_usd, &self.spend, &self.total_cost]
            .into_iter()
            .chain(self.cost_details.as_ref().map(|c| &c.total))
            .chain([&self.calculated_total_cost])
            .find_map(|amount| amount.0.copied())
            .or_else(|| self.usage.as_ref().and_then(|u| u.logged_cost()))
    }
}

/// Langfuse's `costDetails`: only its `total` is read.
#[derive(Debug, Default)]
pub struct CostDetails<'a> {
    pub total: LoggedAmount<'a>,
}

read_members!(<'a> CostDetails<'a> {
    b"total" => total,
});

/// An amount a log states, as a number or a numeric string; anything else
/// (an object, as `--annotate` writes) is no amount, and never makes the
/// line unreadable. Kept in the line's arena: few lines state one, and
/// a pointer is half a `Decimal` in a record read for every line.
#[derive(Debug, Default, Clone, Copy)]
pub struct LoggedAmount<'a>(pub Option<&'a Decimal>);

/// Also `null`, `true`, `false`, an array or an object: no amount.
impl<'a> ReadField<'a> for LoggedAmount<'a> {
    fn read(&mut self, scanner: &mut Scanner<'a>) -> Scanned<()> {
        let amount = match scanner.peek() {
            Some(b'"') => Decimal::from_str_exact(scanner.string()?.trim()).ok(),
            Some(b'-' | b'0'..=b'9') => exact_amount(scanner.number()?),
            _ => {
                scanner.skip()?;
                None
            }
        };
        self.0 = amount.map(|amount| &*scanner.arena().alloc(amount));
        Ok(())
    }
}

/// A JSON number's text as the exact decimal it writes (`1.5e-07` too);
/// none for one too large or too precise for a `Decimal`, never rounded.
pub(crate) fn exact_amount(text: &str) -> Option<Decimal> {
    Decimal::from_str_exact(text)
        .or_else(|_| Decimal::from_scientific(text))
        .ok()
}

// A record owns nothing: clearing the arena after a line frees all of it,
// and no record is ever dropped field by field.
const _: () = assert!(!std::mem::needs_drop::<Record<'static>>());
