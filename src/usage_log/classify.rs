//! What one log line is: a priced request (with everything its bucket
//! needs), a Codex call waiting for its model, a session's turn context,
//! or a line to skip, leave out or report. `tally` sums what this says and
//! `tally --annotate` writes it back line by line, so both read a line the
//! same way.

use super::grouping::ReadOptions;
use super::grouping::period_start;
use super::record::{CodexUsage, RawTime, Record};
use super::shapes::{FLAT_INDEX, SHAPES, codex, usage_of};
use crate::catalog::model::{Region, ServiceTier};
use rust_decimal::Decimal;

use crate::usage::{COUNTS, Inconsistent, Usage, WHOLES};

/// One request a line records, on its way to be priced.
#[derive(Debug, Clone)]
pub struct Line<'r> {
    /// The model as the log names it.
    pub name: &'r str,
    /// The provider the log names, if any (picks the offer).
    pub provider: Option<&'r str>,
    pub usage: Usage,
    /// Index of the record shape in [`SHAPES`].
    pub shape: usize,
    /// The record's time (UTC seconds), if it has one and a report needs it.
    pub instant: Option<i64>,
    /// The line as read: its outer record and the one that holds the
    /// usage (none for a Codex call). What only some reports need is read
    /// from them when asked: the time, when pricing depends on the day or
    /// the hour (parsing it is a tenth of a line's cost), and the cost the
    /// log states, for `--annotate` and `--reconcile`.
    pub records: Option<[&'r Record<'r>; 2]>,
    /// The grouping period's start, or `NO_TIME`.
    pub period: i64,
    /// The session/project label, or `NO_LABEL`.
    pub label: u32,
    pub tier: ServiceTier,
    pub batch: bool,
    /// The endpoint region a flat row states (else the id's, if any).
    pub region: Option<Region>,
    /// The input each request had more than, where a usage export states
    /// its context window (Anthropic's `200k-1M`): it picks the context
    /// tier instead of the row's average request.
    pub context_floor: Option<u64>,
    /// The 1-based line number.
    pub number: u64,
}

impl Line<'_> {
    /// The record's time (UTC seconds), read now if a report did not need it.
    pub fn time(&self) -> Option<i64> {
        self.instant
            .or_else(|| self.records.and_then(|records| time_of(records)))
    }

    /// The cost the log itself records for the request, if any: the usage
    /// record's, else the outer record's.
    pub fn logged_cost(&self) -> Option<Decimal> {
        let [outer, inner] = self.records?;
        inner.logged_cost().or_else(|| outer.logged_cost())
    }
}

/// The time a line's records state (the outer record's, then the inner
/// one's), in UTC seconds.
fn time_of([outer, inner]: [&Record<'_>; 2]) -> Option<i64> {
    [outer.stamp(), inner.stamp()]
        .into_iter()
        .flatten()
        .find_map(RawTime::seconds)
}

/// A Codex `token_count` event waiting for the model of its session.
#[derive(Debug, Clone)]
pub struct CodexCall {
    pub line: u64,
    pub last: Option<CodexUsage>,
    pub total: Option<CodexUsage>,
    pub instant: Option<i64>,
    pub period: i64,
}

/// What a line is.
#[derive(Debug)]
pub enum Outcome<'r> {
    /// A request to price, with its message key where the log writes one
    /// message on several lines (Claude Code): the key and whether this
    /// line is the message's complete one.
    Request(Line<'r>, Option<(String, bool)>),
    /// A Codex call, priced once its session's model is known.
    Codex(CodexCall),
    /// A Codex `turn_context`: the model (and working folder) of the calls
    /// that follow.
    TurnContext { model: String, cwd: Option<String> },
    /// A typed event without usage (a session's user message).
    Skipped,
    /// Outside `--since`/`--until`.
    Filtered,
    /// Not a usage record, or one without a model: why.
    Malformed(&'static str),
}

/// The largest count one log line may hold: a thousand trillion tokens,
/// far past any request or day of requests, and far below what sums of
/// millions of such lines can overflow.
const MAX_LINE_COUNT: u64 = 1_000_000_000_000_000;

/// Whether a line is an event that may carry no usage, to skip rather than
/// count malformed when it has none: a typed event (a session's user
/// message, a summary), or a stream's chunk (`"usage": null` on every
/// chunk but the last).
fn is_event(outer: &Record<'_>) -> bool {
    outer.kind.is_some()
        || outer
            .object
            .as_deref()
            .is_some_and(|t| t.rsplit('.').next() == Some("chunk"))
}

/// The provider a record names. An OpenRouter response (a generation id,
/// `gen-…`, and a `vendor/model` slug) names the upstream that served it
/// ("Google"), but the request was sent to, and billed by, OpenRouter.
fn provider_of<'r>(outer: &'r Record<'r>, record: &'r Record<'r>) -> Option<&'r str> {
    let openrouter = outer.id.as_deref().is_some_and(|id| id.starts_with("gen-"))
        && outer
            .model
            .as_deref()
            .is_some_and(|model| model.contains('/'));
    if openrouter {
        return Some("openrouter");
    }
    record.provider.as_deref().or(outer.provider.as_deref())
}

/// What is inconsistent in a record whose parts do not fit their wholes.
fn inconsistency(error: Inconsistent) -> &'static str {
    match error {
        Inconsistent::CacheExceedsInput => {
            "has more cached and cache-written tokens than input tokens"
        }
        Inconsistent::ReasoningExceedsOutput => "has more reasoning tokens than output tokens",
        Inconsistent::CachedAudioExceedsCached => "has more cached audio tokens than cached tokens",
        Inconsistent::AudioExceedsInput => {
            "has more audio, image and video input tokens than uncached input tokens"
        }
        Inconsistent::AudioExceedsOutput => {
            "has more audio, image and video output tokens than output tokens"
        }
        Inconsistent::Overflow => "has token counts too large to add up",
    }
}

/// The model name Claude Code gives the messages it writes itself.
const SYNTHETIC: &str = "<synthetic>";

/// Reads line `number`, parsed as `outer` (`None` when it is not JSON).
pub fn classify<'r>(
    outer: Option<&'r Record<'r>>,
    number: u64,
    options: &ReadOptions,
    field: Option<&str>,
) -> Outcome<'r> {
    if let Some(outer) = outer
        && outer.kind.as_deref() == Some("turn_context")
    {
        return match outer
            .payload
            .get()
            .and_then(|p| Some((p.model.as_deref()?, p)))
        {
            Some((model, payload)) => Outcome::TurnContext {
                model: model.to_string(),
                cwd: payload.cwd.as_deref().map(str::to_string),
            },
            None => Outcome::Skipped,
        };
    }
    let (record, batch) = outer.map_or((None, false), |o| {
        let (inner, batch) = o.unwrapped();
        (Some(inner), batch)
    });
    let found = record.and_then(|r| usage_of(r).map(|u| (r, u)));
    // Counts whose parts do not fit their wholes: say which.
    if let Some(Err(error)) = found.as_ref().map(|(_, (_, usage))| usage.check()) {
        return Outcome::Malformed(inconsistency(error));
    }
    let parsed = found;
    if parsed.is_none()
        && outer.is_some_and(is_event)
        && record.is_some_and(|r| usage_of(r).is_none())
    {
        return Outcome::Skipped;
    }
    let (Some(outer), Some((record, (shape, usage)))) = (outer, parsed) else {
        return Outcome::Malformed("is not a usage record with token counts");
    };
    // One line past any real request (u64::MAX tokens) is out of range on
    // its own; summed with the others it would stop the whole report. The
    // parts are checked by their wholes.
    if usage.requests > MAX_LINE_COUNT
        || WHOLES
            .iter()
            .any(|&row| (COUNTS[row].get)(&usage) > MAX_LINE_COUNT)
    {
        return Outcome::Malformed("has a token count out of range (over 10^15)");
    }
    let is_codex = SHAPES[shape].name == codex::TOKEN_COUNT.name;
    // A Codex call waits for its session's model, so its time is read now.
    let instant = if options.needs_time() || is_codex {
        time_of([outer, record])
    } else {
        None
    };
    if !options.in_range(instant) {
        return Outcome::Filtered;
    }
    let period = period_start(&options.by, instant, &options.zone);
    // Claude Code's `<synthetic>` lines are messages it writes itself (an
    // API error, an interruption): nothing was billed.
    let name = record.model().or_else(|| outer.model());
    if name == Some(SYNTHETIC) {
        return Outcome::Skipped;
    }
    let Some(name) = name else {
        if is_codex {
            let info = record.info.get();
            return Outcome::Codex(CodexCall {
                line: number,
                last: info.and_then(|i| i.last_token_usage.copied()),
                total: info.and_then(|i| i.total_token_usage.copied()),
                instant,
                period,
            });
        }
        return Outcome::Malformed("names no model");
    };
    let (tier, batch_tier) = record.tier();
    // Claude Code writes one message on several lines (one per content
    // block, and again from subagents); the message is billed once.
    let dedupe = match outer.message.get() {
        Some(m) => m.id.as_deref().map(|id| {
            let request = outer.request_id.as_deref().unwrap_or("");
            // Joined by hand: `format!` was a twentieth of a session line's cost.
            let mut key = String::with_capacity(id.len() + 1 + request.len());
            key.push_str(id);
            key.push('\0');
            key.push_str(request);
            (key, m.stop_reason.is_some())
        }),
        // A flat record may name its request (an agent's reader does where
        // the agent copies a session's turns into a fork): billed once.
        None if shape == FLAT_INDEX => outer.request_id.as_deref().map(|id| (id.to_string(), true)),
        None => None,
    };
    let session = outer.session_id.as_deref().or(record.session_id.as_deref());
    let project = outer.cwd.as_deref().or(record.cwd.as_deref());
    let label = (options.labels).intern(&options.by, [session, project, field, options.agent]);
    let line = Line {
        name,
        provider: provider_of(outer, record),
        usage,
        shape,
        instant,
        records: Some([outer, record]),
        period,
        label,
        tier,
        batch: batch || batch_tier || record.batch == Some(true),
        region: record.region.as_deref().and_then(Region::named),
        context_floor: record.context_floor_tokens,
        number,
    };
    Outcome::Request(line, dedupe)
}

/// One Codex session file read in order: the model of its latest
/// `turn_context`, and the running total of its last call, which tells a
/// repeated event from a new call and recovers a call's usage when only
/// the total is logged.
#[derive(Debug, Default)]
pub struct CodexSession {
    model: Option<(String, Option<String>)>,
    previous: Option<CodexUsage>,
}

/// What a Codex call comes to.
#[derive(Debug)]
pub enum CodexStep<'s> {
    /// A request of `model` (its session's working folder in `cwd`).
    Request {
        model: &'s str,
        cwd: Option<&'s str>,
        usage: Usage,
    },
    /// The event repeats the running total of the one before.
    Duplicate,
    /// No `turn_context` before it names a model, or its counts do not add up.
    Unpriceable,
}

impl CodexSession {
    /// A `turn_context` line: the model of the calls that follow.
    pub fn context(&mut self, model: String, cwd: Option<String>) {
        self.model = Some((model, cwd));
    }

    /// The next call of the session.
    pub fn call(&mut self, call: &CodexCall) -> CodexStep<'_> {
        let total = call.total.and_then(|t| t.total_tokens);
        let previous = self.previous;
        if total.is_some() && total == previous.and_then(|p| p.total_tokens) {
            return CodexStep::Duplicate;
        }
        if call.total.is_some() {
            self.previous = call.total;
        }
        match (&self.model, codex_usage(call, previous)) {
            (Some((model, cwd)), Some(usage)) => CodexStep::Request {
                model,
                cwd: cwd.as_deref(),
                usage,
            },
            _ => CodexStep::Unpriceable,
        }
    }

    /// The request line of a priced call.
    pub fn line<'s>(call: &CodexCall, model: &'s str, usage: Usage, label: u32) -> Line<'s> {
        Line {
            name: model,
            provider: Some("openai"),
            usage,
            shape: SHAPES
                .iter()
                .position(|s| s.name == codex::TOKEN_COUNT.name)
                .unwrap_or(0),
            instant: call.instant,
            records: None,
            period: call.period,
            label,
            tier: ServiceTier::Standard,
            batch: false,
            region: None,
            context_floor: None,
            number: call.line,
        }
    }
}

/// The usage of a Codex call: its last call's counts, else what its running
/// total grew by since `previous` (the session's total before it).
fn codex_usage(call: &CodexCall, previous: Option<CodexUsage>) -> Option<Usage> {
    if let Some(last) = call.last {
        return codex::usage(last);
    }
    let total = call.total?;
    let Some(before) = previous else {
        return codex::usage(total);
    };
    let minus = |a: Option<u64>, b: Option<u64>| a.unwrap_or(0).checked_sub(b.unwrap_or(0));
    codex::usage(CodexUsage {
        input_tokens: minus(total.input_tokens, before.input_tokens),
        cached_input_tokens: minus(total.cached_input_tokens, before.cached_input_tokens),
        output_tokens: minus(total.output_tokens, before.output_tokens),
        reasoning_output_tokens: minus(
            total.reasoning_output_tokens,
            before.reasoning_output_tokens,
        ),
        total_tokens: minus(total.total_tokens, before.total_tokens),
    })
}
