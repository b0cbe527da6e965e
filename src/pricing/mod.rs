//! The cost arithmetic, and nothing else: pure `Decimal` math over a model's
//! prices (per 1M tokens, or per 1,000 requests or searches for fees) and
//! one request's token counts. No I/O.
//!
//! Rules, as in LiteLLM's `completion_cost` and genai-prices' `calc_price`:
//! - token counts describe **one request**; `requests` multiplies them;
//! - cache reads and cache writes are parts of the input, billed at the
//!   cache-read and cache-write (5-minute or 1-hour) rates;
//! - reasoning tokens are part of the output, billed at the output rate
//!   unless the model has a reasoning rate of its own; never twice;
//! - `batch` uses the batch-API input and output rates, and the batch cache
//!   rates where the catalog has them (else the cache rates, with a note);
//! - a service tier (flex, priority) bills its own input, output and
//!   cache-read rates, keeping its ratio above a long-context threshold;
//! - fees are counted, not metered: a search model's fee per request and the
//!   web search tool's price per search;
//! - when one request's input exceeds a long-context threshold, the higher
//!   rates apply to that whole request, whatever the context window says; an
//!   input larger than the window gets a note (one request cannot hold it) and
//!   is priced as if it could, so more tokens never cost less;
//! - a price the catalog does not have is never taken as $0: the input and
//!   output rates are required, and so is a search price once there are
//!   searches; a missing cache, batch, tier or 1-hour rate falls back to the
//!   next rate that applies, with a warning, or fails with `strict`.

use std::borrow::Cow;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::catalog::model::{
    ContextTier, Mode, PriceKind, PriceKindInfo, Prices, RateKind, Region, SearchContext,
    ServiceTier,
};
use crate::quantity::{group_thousands, short_tokens};
mod lookup;
use crate::usage::{APART, APART_COUNT, COUNTS, FEE_COUNT, FEES};
pub use crate::usage::{Inconsistent, MEDIA_PARTS, MediaPart, Usage, parts_used};
use lookup::RateLookup;

/// How long a prompt-cache write lives, where the provider prices the two apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub enum CacheTtl {
    /// The 5-minute cache (the default, and the only one most providers have).
    #[default]
    #[serde(rename = "5m")]
    FiveMinutes,
    /// The 1-hour cache.
    #[serde(rename = "1h")]
    OneHour,
    /// The 12-hour cache (OpenAI's GPT-5.6 and GPT-6 families).
    #[serde(rename = "12h")]
    TwelveHours,
}

impl CacheTtl {
    /// The rate cache writes of this lifetime are billed at.
    pub fn write_kind(self) -> RateKind {
        match self {
            CacheTtl::FiveMinutes => RateKind::CacheWrite,
            CacheTtl::OneHour => RateKind::CacheWrite1h,
            CacheTtl::TwelveHours => RateKind::CacheWrite12h,
        }
    }
}

/// How to price, beyond the token counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct PriceOptions {
    /// Use batch-API rates.
    pub batch: bool,
    /// Which cache-write rate applies.
    pub cache_ttl: CacheTtl,
    /// A missing rate is an error instead of a warning with a fallback.
    pub strict: bool,
    /// The service tier (flex, priority) whose own rates apply where the
    /// catalog has them.
    #[serde(skip_serializing_if = "is_standard")]
    pub service_tier: ServiceTier,
    /// The search context size, which picks a search model's request fee.
    #[serde(skip_serializing_if = "is_low")]
    pub search_context: SearchContext,
    /// The endpoint region, whose multiplier scales every token rate where
    /// the catalog states one.
    #[serde(skip_serializing_if = "is_global")]
    pub region: Region,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes `&T`
fn is_global(region: &Region) -> bool {
    *region == Region::Global
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes `&T`
fn is_low(size: &SearchContext) -> bool {
    *size == SearchContext::Low
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes `&T`
fn is_standard(tier: &ServiceTier) -> bool {
    *tier == ServiceTier::Standard
}

/// Which priced quantity a bill line is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineItem {
    /// Input tokens not read from or written to the cache.
    Input,
    /// Input tokens read from the prompt cache.
    CachedInput,
    /// Audio input tokens read from the prompt cache.
    CachedAudioInput,
    /// Input tokens written to the prompt cache, at the `--cache-ttl` rate.
    CacheWrite,
    /// Input tokens written to the 1-hour cache, where a log splits writes by lifetime.
    CacheWriteOneHour,
    /// Output tokens other than separately priced reasoning.
    Output,
    /// Reasoning tokens at their own rate.
    Reasoning,
    /// Audio input tokens at the audio rate.
    AudioInput,
    /// Audio output tokens at the audio rate.
    AudioOutput,
    /// Image input tokens at the image rate (or the input rate).
    ImageInput,
    /// Generated image tokens at the image output rate.
    ImageOutput,
    /// Video input tokens at the video rate (or the input rate).
    VideoInput,
    /// Generated video tokens at the video output rate.
    VideoOutput,
    /// A count beside the input and output at a rate of its own
    /// (citations): its row of [`COUNTS`].
    Apart(usize),
}

impl Serialize for LineItem {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl LineItem {
    /// Its name in JSON (`cached_input`); an item billed apart is named
    /// by its rate (`citation`).
    pub fn name(self) -> &'static str {
        match self {
            LineItem::Input => "input",
            LineItem::CachedInput => "cached_input",
            LineItem::CachedAudioInput => "cached_audio_input",
            LineItem::CacheWrite => "cache_write",
            LineItem::CacheWriteOneHour => "cache_write_one_hour",
            LineItem::Output => "output",
            LineItem::Reasoning => "reasoning",
            LineItem::AudioInput => "audio_input",
            LineItem::AudioOutput => "audio_output",
            LineItem::ImageInput => "image_input",
            LineItem::ImageOutput => "image_output",
            LineItem::VideoInput => "video_input",
            LineItem::VideoOutput => "video_output",
            LineItem::Apart(_) => PriceKind::standard(self.kind(PriceOptions::default())).field(),
        }
    }

    /// The label used in tables.
    pub fn label(self) -> &'static str {
        match self {
            LineItem::Input => "input",
            LineItem::CachedInput => "cached input",
            LineItem::CachedAudioInput => "cached audio",
            LineItem::CacheWrite => "cache write",
            LineItem::CacheWriteOneHour => "cache write 1h",
            LineItem::Output => "output",
            LineItem::Reasoning => "reasoning",
            LineItem::AudioInput => "audio input",
            LineItem::AudioOutput => "audio output",
            LineItem::ImageInput => "image input",
            LineItem::ImageOutput => "image output",
            LineItem::VideoInput => "video input",
            LineItem::VideoOutput => "video output",
            LineItem::Apart(row) => COUNTS[row].apart.map_or("", |apart| apart.label),
        }
    }
}

/// One itemized line: `tokens × rate / 1M = amount`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BillLine {
    /// What is priced.
    pub item: LineItem,
    /// Tokens over all requests.
    pub tokens: u64,
    /// USD per 1M tokens.
    pub rate_per_million: Decimal,
    /// The catalog price used, by its field name (`batch_input`, `long_context.output`, …).
    pub rate_name: Cow<'static, str>,
    /// USD.
    pub amount: Decimal,
}

/// What a fee is charged for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeeItem {
    /// A search model's fee per request.
    RequestFee,
    /// A count charged a fee each (web searches): its row of [`COUNTS`].
    Count(usize),
}

impl Serialize for FeeItem {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(match self {
            FeeItem::RequestFee => "request_fee",
            // Named by its rate (`web_search`).
            FeeItem::Count(_) => self
                .rate()
                .map_or("", |rate| PriceKind::standard(rate).field()),
        })
    }
}

impl FeeItem {
    /// The label used in tables.
    pub fn label(self) -> &'static str {
        match self {
            FeeItem::RequestFee => "request fee",
            FeeItem::Count(row) => COUNTS[row].fee.map_or("", |fee| fee.label),
        }
    }

    /// What it counts, short, for tables.
    pub fn counted(self) -> &'static str {
        match self {
            FeeItem::RequestFee => "req",
            FeeItem::Count(row) => COUNTS[row].fee.map_or("", |fee| fee.counted),
        }
    }

    /// The rate of a count's fee.
    fn rate(self) -> Option<RateKind> {
        match self {
            FeeItem::RequestFee => None,
            FeeItem::Count(row) => COUNTS[row].fee.map(|fee| fee.rate),
        }
    }
}

/// A fee by count: `count × rate / 1,000 = amount`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeeLine {
    /// What is charged.
    pub item: FeeItem,
    /// Requests or searches charged.
    pub count: u64,
    /// USD per 1,000 of them.
    pub rate_per_thousand: Decimal,
    /// The catalog price used (`request_low`, `web_search`, …).
    pub rate_name: Cow<'static, str>,
    /// USD.
    pub amount: Decimal,
}

/// The fees `requests` requests incur with `charged` (the counts charged a
/// fee each, in all, in [`FEES`] order): a search model's request fee
/// (where it has one) and each count's fee (required once there is a
/// count: never $0), at the rate's unit.
pub fn fees(
    prices: &Prices,
    options: &PriceOptions,
    requests: u64,
    charged: [u64; FEE_COUNT],
) -> Result<Vec<FeeLine>, PricingError> {
    let fee = |item: FeeItem, rate: RateKind, count: u64| -> Result<FeeLine, PricingError> {
        let kind = PriceKind::standard(rate);
        let rate = prices
            .get(kind)
            .ok_or(PricingError::MissingPrice(kind.info().missing))?;
        let amount = Decimal::from(count)
            .checked_mul(rate)
            .and_then(|v| v.checked_div(Decimal::from(kind.info().unit.quantity())))
            .ok_or(PricingError::Overflow)?
            .normalize();
        Ok(FeeLine {
            item,
            count,
            rate_per_thousand: rate.normalize(),
            rate_name: Cow::Borrowed(kind.field()),
            amount,
        })
    };
    let mut lines = Vec::new();
    let request_kind = options.search_context.fee();
    if prices.get(request_kind.into()).is_some() {
        lines.push(fee(FeeItem::RequestFee, request_kind, requests)?);
    }
    for (&row, count) in FEES.iter().zip(charged) {
        let item = FeeItem::Count(row);
        if let (Some(rate), true) = (item.rate(), count > 0) {
            lines.push(fee(item, rate, count)?);
        }
    }
    Ok(lines)
}

/// An itemized bill. `total` is exactly the sum of the lines' and fees' amounts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bill {
    /// The itemized lines.
    pub lines: Vec<BillLine>,
    /// Fees per request, where the model charges one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fees: Vec<FeeLine>,
    /// USD.
    pub total: Decimal,
    /// How a rule shaped the bill (long context, context window, reasoning), one line each.
    pub notes: Vec<String>,
    /// Where a missing price was worked around, one line each.
    pub warnings: Vec<String>,
}

impl Bill {
    /// The catalog rates the bill used, by field (`input`, `batch_input`,
    /// `long_context.cached_input`, `web_search`): a derived rate names
    /// the rate it starts from.
    pub fn rates_used(&self) -> Vec<&str> {
        self.lines
            .iter()
            .map(|l| l.rate_name.as_ref())
            .chain(self.fees.iter().map(|f| f.rate_name.as_ref()))
            .map(|name| name.split(' ').next().unwrap_or(name))
            .collect()
    }
}

/// Why a workload could not be priced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PricingError {
    /// The catalog has no price for a dimension the workload uses.
    MissingPrice(&'static str),
    /// The usage's parts do not fit their wholes.
    Inconsistent(Inconsistent),
    /// The numbers are too large for exact arithmetic.
    Overflow,
    /// The usage has audio, images or video the model does not take, as
    /// its sources list its modalities: why.
    NotTaken(String),
}

impl From<Inconsistent> for PricingError {
    fn from(inconsistent: Inconsistent) -> Self {
        match inconsistent {
            Inconsistent::Overflow => PricingError::Overflow,
            other => PricingError::Inconsistent(other),
        }
    }
}

impl PricingError {
    /// Whether the error is about the model's prices, not the numbers: a
    /// log line it meets is counted as unpriced and the report goes on.
    pub fn leaves_unpriced(&self) -> bool {
        matches!(
            self,
            PricingError::MissingPrice(_) | PricingError::NotTaken(_)
        )
    }
}

impl std::fmt::Display for PricingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PricingError::MissingPrice(what) => write!(
                f,
                "the catalog has no {what} price for this model, so its cost is unknown"
            ),
            PricingError::Inconsistent(why) => why.fmt(f),
            PricingError::Overflow => f.write_str("the workload is too large to price exactly"),
            PricingError::NotTaken(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for PricingError {}

const MILLION: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

/// A rate and the catalog field it came from (`batch_input`,
/// `long_context.input`, `cache_write_1h × batch_cache_write ÷ cache_write`).
#[derive(Debug, Clone)]
struct Rate {
    per_million: Decimal,
    /// Its catalog field (`batch_input`), or how it was derived: a name
    /// borrowed from the rate table unless derived.
    name: Cow<'static, str>,
}

/// How the long-context rule treats one request's input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LongContext {
    /// The model has no long-context tier.
    NoTier,
    /// The input is within the threshold: base rates.
    Within,
    /// The input exceeds the threshold: long-context rates for the whole request.
    Applies,
}

/// Applies the long-context rule (see the module doc) to one request's input.
/// The context window plays no part: it only adds a note.
pub fn long_context_rule(prices: &Prices, input_tokens: u64) -> LongContext {
    match (
        prices.long_context.is_some(),
        context_tier(prices, input_tokens),
    ) {
        (false, _) => LongContext::NoTier,
        (true, 0) => LongContext::Within,
        (true, _) => LongContext::Applies,
    }
}

/// The context tier one request's input falls in: 0 for the base rates,
/// else the highest tier whose threshold the input passes (1 is
/// `long_context`, 2 the first of `higher_tiers`, …).
pub fn context_tier(prices: &Prices, input_tokens: u64) -> usize {
    prices
        .context_tiers()
        .take_while(|tier| input_tokens > tier.threshold)
        .count()
}

/// The note that says an input is larger than one request can hold.
fn over_window_note(usage: &Usage, context_window: Option<u64>) -> Option<String> {
    let window = context_window.filter(|&w| w > 0 && usage.input_tokens > w)?;
    Some(format!(
        "{} input tokens exceed the {} context window: one request cannot hold them; priced as if it could",
        group_thousands(usage.input_tokens),
        short_tokens(window),
    ))
}

/// The note that explains the rule's outcome, if any.
fn long_context_note(rule: LongContext, prices: &Prices, usage: &Usage) -> Option<String> {
    let tier = context_tier(prices, usage.input_tokens);
    let threshold = prices.context_tier(tier.max(1)).map_or(0, |l| l.threshold);
    match rule {
        LongContext::Applies => Some(format!(
            "each request's input ({}) exceeds {} tokens, so the long-context rates apply to the whole request",
            group_thousands(usage.input_tokens),
            short_tokens(threshold),
        )),
        LongContext::Within if usage.input_tokens > 0 => Some(format!(
            "base rates: each request's input is within the {} long-context threshold",
            short_tokens(threshold),
        )),
        LongContext::Within | LongContext::NoTier => None,
    }
}

/// Prices `usage` with `prices` under `options`. `context_window` only adds
/// a note when one request's input is larger than it (see the module doc).
pub fn price(
    prices: &Prices,
    usage: &Usage,
    options: &PriceOptions,
    context_window: Option<u64>,
) -> Result<Bill, PricingError> {
    let rule = long_context_rule(prices, usage.input_tokens);
    let tier = context_tier(prices, usage.input_tokens);
    let mut bill = price_with_rule(prices, usage, options, tier)?;
    let charged = usage
        .fee_counts(usage.requests)
        .ok_or(PricingError::Overflow)?;
    add_fees(&mut bill, prices, *options, usage.requests, charged)?;
    let notes = [
        over_window_note(usage, context_window),
        long_context_note(rule, prices, usage),
    ];
    for (at, note) in notes.into_iter().flatten().enumerate() {
        bill.notes.insert(at, note);
    }
    Ok(bill)
}

/// The line items in bill order: what `cost` prints and `sql` exports
/// (the counts billed apart last, in [`COUNTS`] order).
pub const BILL_ORDER: [LineItem; FIXED_ITEMS.len() + APART_COUNT] = {
    let mut order = [LineItem::Input; FIXED_ITEMS.len() + APART_COUNT];
    let mut i = 0;
    while i < order.len() {
        order[i] = if i < FIXED_ITEMS.len() {
            FIXED_ITEMS[i]
        } else {
            LineItem::Apart(APART[i - FIXED_ITEMS.len()])
        };
        i += 1;
    }
    order
};

/// The line items every workload may have, in bill order.
const FIXED_ITEMS: [LineItem; 13] = [
    LineItem::Input,
    LineItem::AudioInput,
    LineItem::ImageInput,
    LineItem::VideoInput,
    LineItem::CachedInput,
    LineItem::CachedAudioInput,
    LineItem::CacheWrite,
    LineItem::CacheWriteOneHour,
    LineItem::Output,
    LineItem::AudioOutput,
    LineItem::ImageOutput,
    LineItem::VideoOutput,
    LineItem::Reasoning,
];

impl LineItem {
    /// The rate kind this item is billed at under `options` (cache writes
    /// at the `--cache-ttl` rate).
    fn kind(self, options: PriceOptions) -> RateKind {
        match self {
            LineItem::Input => RateKind::Input,
            LineItem::AudioInput => RateKind::AudioInput,
            LineItem::ImageInput => RateKind::ImageInput,
            LineItem::VideoInput => RateKind::VideoInput,
            LineItem::CachedInput => RateKind::CachedInput,
            LineItem::CachedAudioInput => RateKind::CachedAudioInput,
            LineItem::CacheWrite => options.cache_ttl.write_kind(),
            LineItem::CacheWriteOneHour => RateKind::CacheWrite1h,
            LineItem::Output => RateKind::Output,
            LineItem::AudioOutput => RateKind::AudioOutput,
            LineItem::ImageOutput => RateKind::ImageOutput,
            LineItem::VideoOutput => RateKind::VideoOutput,
            LineItem::Reasoning => RateKind::Reasoning,
            // Built only from rows that have one ([`APART`]).
            LineItem::Apart(row) => COUNTS[row].apart.map_or(RateKind::Output, |a| a.rate),
        }
    }
}

/// The line items in bill order, each with its tokens per request and the
/// rate kind it is billed at. Input and output are always billed (a
/// missing rate is an error once there are tokens); the rest only when
/// they have tokens.
fn line_items(
    usage: &Usage,
    options: PriceOptions,
    input_parts: u64,
    output_parts: u64,
    separate_reasoning: bool,
) -> [(LineItem, u64, RateKind); BILL_ORDER.len()] {
    BILL_ORDER.map(|item| {
        let tokens = match item {
            LineItem::Input => usage.input_tokens - input_parts,
            LineItem::AudioInput => usage.audio_input_tokens,
            LineItem::ImageInput => usage.image_input_tokens,
            LineItem::VideoInput => usage.video_input_tokens,
            LineItem::CachedInput => usage.cached_input_tokens - usage.cached_audio_input_tokens,
            LineItem::CachedAudioInput => usage.cached_audio_input_tokens,
            LineItem::CacheWrite => usage.cache_write_tokens,
            LineItem::CacheWriteOneHour => usage.cache_write_1h_tokens,
            LineItem::Output => usage.output_tokens - output_parts,
            LineItem::AudioOutput => usage.audio_output_tokens,
            LineItem::ImageOutput => usage.image_output_tokens,
            LineItem::VideoOutput => usage.video_output_tokens,
            LineItem::Reasoning if separate_reasoning => usage.reasoning_tokens,
            LineItem::Reasoning => 0,
            LineItem::Apart(row) => (COUNTS[row].get)(usage),
        };
        (item, tokens, item.kind(options))
    })
}

/// The catalog field of context tier `tier` (1 is `long_context`, 2 the
/// first of `higher_tiers`), for rate names.
fn tier_field(tier: usize) -> String {
    match tier {
        0 | 1 => "long_context".to_string(),
        n => format!("higher_tiers[{}]", n - 2),
    }
}

/// Tokens per request where a workload states only totals (`budget`
/// without `--in`/`--out`, the pages' 50/50 example): the totals are
/// priced as requests of this size (or of the context window, if smaller),
/// never as one request larger than any a model takes.
pub const ASSUMED_REQUEST_TOKENS: u64 = 10_000;

/// Prices `totals`, the summed usage of `requests` requests
/// (`totals.requests` is ignored): each rate applies to the totals, at the
/// context tier of the average request's input, and fees count `requests`
/// (web searches are totals). This is the rule for a log row or usage
/// export that sums several requests (docs/pricing.md), which `tally`,
/// `--normalize` and `sql` follow.
pub fn price_totals(
    prices: &Prices,
    totals: &Usage,
    requests: u64,
    options: &PriceOptions,
) -> Result<Bill, PricingError> {
    let requests = requests.max(1);
    let tier = context_tier(prices, totals.input_tokens / requests);
    price_summed(prices, totals, requests, options, tier)
}

/// Prices `totals`, the summed counts of `requests` requests
/// (`totals.requests` is ignored), at context tier `tier`: each rate
/// applies to the totals, and the fees count `requests` and the totals'
/// searches. [`price_totals`] and `tally`'s groups of lines (whose tier
/// each line chose) both end here.
pub fn price_summed(
    prices: &Prices,
    totals: &Usage,
    requests: u64,
    options: &PriceOptions,
    tier: usize,
) -> Result<Bill, PricingError> {
    let one = Usage {
        requests: 1,
        ..totals.without_fees()
    };
    let mut bill = price_with_rule(prices, &one, options, tier)?;
    // The totals' counts are already over every request.
    let charged = totals.fee_counts(1).ok_or(PricingError::Overflow)?;
    add_fees(&mut bill, prices, *options, requests, charged)?;
    Ok(bill)
}

/// Adds the fees of `requests` requests with `charged` counts in all (see
/// [`fees`]) to `bill`.
fn add_fees(
    bill: &mut Bill,
    prices: &Prices,
    options: PriceOptions,
    requests: u64,
    charged: [u64; FEE_COUNT],
) -> Result<(), PricingError> {
    for fee in fees(prices, &options, requests, charged)? {
        bill.total = bill
            .total
            .checked_add(fee.amount)
            .ok_or(PricingError::Overflow)?
            .normalize();
        bill.fees.push(fee);
    }
    Ok(())
}

/// Prices `usage` at context tier `tier` (0 for the base rates; see
/// [`context_tier`]), without looking at the context window. Summing usage
/// whose requests all fall in the same tier and pricing it once gives
/// exactly the sum of the requests' prices, which is how `tally` prices a
/// whole log.
pub fn price_with_rule(
    prices: &Prices,
    usage: &Usage,
    options: &PriceOptions,
    tier: usize,
) -> Result<Bill, PricingError> {
    usage.check()?;
    let mut lookup = RateLookup {
        prices,
        options,
        long: prices.context_tier(tier).map(|rates| (tier, rates)),
        notes: Vec::new(),
        warnings: Vec::new(),
    };
    let separate_reasoning = usage.reasoning_tokens > 0 && prices.reasoning.is_some();
    if usage.reasoning_tokens > 0 && !separate_reasoning {
        lookup.notes.push(format!(
            "{} reasoning tokens are part of the output and billed at the output rate (this model has no separate reasoning rate)",
            group_thousands(usage.reasoning_tokens)
        ));
    }
    let input_parts = usage.input_parts().ok_or(PricingError::Overflow)?;
    let output_parts = usage
        .output_parts(separate_reasoning)
        .ok_or(PricingError::Overflow)?;
    if output_parts > usage.output_tokens {
        return Err(Inconsistent::AudioExceedsOutput.into());
    }
    let items = line_items(
        usage,
        *options,
        input_parts,
        output_parts,
        separate_reasoning,
    );
    let regional = regional_multiplier(prices, *options, &mut lookup.warnings)?;
    let mut lines = Vec::new();
    for (item, per_request, kind) in items {
        let always = matches!(item, LineItem::Input | LineItem::Output);
        if per_request == 0 && !always {
            continue;
        }
        let Some(mut rate) = lookup.resolve(kind)? else {
            let info = PriceKind::standard(kind).info();
            match info.free_unless_stated {
                _ if per_request == 0 => {}
                Some(why) => lookup.notes.push(format!(
                    "{} {} tokens are not billed: {why}",
                    group_thousands(per_request.saturating_mul(usage.requests)),
                    info.missing
                )),
                None => return Err(PricingError::MissingPrice(info.missing)),
            }
            continue;
        };
        if let Some((multiplier, region)) = regional {
            rate.per_million = rate
                .per_million
                .checked_mul(multiplier)
                .ok_or(PricingError::Overflow)?;
            rate.name = format!("{} × regional.{}", rate.name, region.as_str()).into();
        }
        let tokens = per_request
            .checked_mul(usage.requests)
            .ok_or(PricingError::Overflow)?;
        lines.push(BillLine {
            item,
            tokens,
            rate_per_million: rate.per_million.normalize(),
            rate_name: rate.name,
            amount: line_amount(tokens, rate.per_million)?,
        });
    }
    // The bill's token total must be a count people can read.
    lines
        .iter()
        .try_fold(0u64, |sum, line| sum.checked_add(line.tokens))
        .ok_or(PricingError::Overflow)?;
    let mut total = Decimal::ZERO;
    for line in &lines {
        total = total
            .checked_add(line.amount)
            .ok_or(PricingError::Overflow)?;
    }
    Ok(Bill {
        lines,
        fees: Vec::new(),
        total: total.normalize(),
        notes: lookup.notes,
        warnings: lookup.warnings,
    })
}

/// The multiplier of `options.region` for these prices, when it is not 1;
/// a region the catalog has no price for is billed at the standard rates
/// with a warning (an error under `strict`).
fn regional_multiplier(
    prices: &Prices,
    options: PriceOptions,
    warnings: &mut Vec<String>,
) -> Result<Option<(Decimal, Region)>, PricingError> {
    let region = options.region;
    match prices.regional.get(&region) {
        Some(m) if m.0 == Decimal::ONE => Ok(None),
        Some(m) => Ok(Some((m.0, region))),
        None if region == Region::Global => Ok(None),
        None if options.strict => Err(PricingError::MissingPrice("regional")),
        None => {
            warnings.push(format!(
                "the catalog has no {} regional price for this model; the standard rates are used (--strict makes this an error)",
                region.as_str()
            ));
            Ok(None)
        }
    }
}

/// The rate each line item is billed at under `options` in context tier
/// `tier`, per 1M tokens, after every rule of [`price_with_rule`]
/// (fallbacks, batch, service tier, region): what `llmcost sql` exports, so
/// an engine multiplying tokens by these rates bills exactly as `cost`.
/// `None` where the item has no rate (its tokens cannot be priced); the
/// reasoning rate is `None` unless the model prices reasoning apart.
pub fn line_rates(
    prices: &Prices,
    options: PriceOptions,
    tier: usize,
) -> Result<Vec<(LineItem, Option<Decimal>)>, PricingError> {
    let mut lookup = RateLookup {
        prices,
        options: &options,
        long: prices.context_tier(tier).map(|rates| (tier, rates)),
        notes: Vec::new(),
        warnings: Vec::new(),
    };
    let regional = regional_multiplier(prices, options, &mut lookup.warnings)?;
    let mut rates = Vec::with_capacity(BILL_ORDER.len());
    for item in BILL_ORDER {
        let kind = item.kind(options);
        let separate = item != LineItem::Reasoning || prices.reasoning.is_some();
        let rate = if separate {
            lookup.resolve(kind)?.map(|r| r.per_million)
        } else {
            None
        };
        let rate = match (rate, regional) {
            (Some(rate), Some((multiplier, _))) => {
                Some(rate.checked_mul(multiplier).ok_or(PricingError::Overflow)?)
            }
            (rate, _) => rate,
        };
        rates.push((item, rate.map(|r| r.normalize())));
    }
    Ok(rates)
}

/// `tokens × rate_per_million / 1M`, exactly.
fn line_amount(tokens: u64, rate_per_million: Decimal) -> Result<Decimal, PricingError> {
    Decimal::from(tokens)
        .checked_mul(rate_per_million)
        .and_then(|v| v.checked_div(MILLION))
        .map(|d| d.normalize())
        .ok_or(PricingError::Overflow)
}

/// Splits `total` tokens by a mix such as 50/50 or 3:1. Input gets its share
/// rounded to the nearest token (half to even); output gets the rest, so the
/// two always add up to `total`.
pub fn split_total(total: u64, input_part: Decimal, output_part: Decimal) -> Option<(u64, u64)> {
    let parts = input_part.checked_add(output_part)?;
    if parts.is_zero() {
        return None;
    }
    let input = Decimal::from(total)
        .checked_mul(input_part)?
        .checked_div(parts)?
        .round();
    let input = u64::try_from(input).ok()?.min(total);
    Some((input, total - input))
}

#[cfg(test)]
mod tests;
