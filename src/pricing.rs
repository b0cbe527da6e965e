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

use rust_decimal::Decimal;
use serde::Serialize;

use crate::catalog::model::{
    LongContextPrices, PriceKind, PriceKindInfo, Prices, Region, SearchContext, ServiceTier,
};
use crate::quantity::{group_thousands, short_tokens};
pub use crate::usage::{Inconsistent, MEDIA_PARTS, MediaPart, Usage, parts_used};

/// How long a prompt-cache write lives, where the provider prices the two apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, clap::ValueEnum)]
pub enum CacheTtl {
    /// The 5-minute cache (the default, and the only one most providers have).
    #[default]
    #[value(name = "5m")]
    #[serde(rename = "5m")]
    FiveMinutes,
    /// The 1-hour cache.
    #[value(name = "1h")]
    #[serde(rename = "1h")]
    OneHour,
    /// The 12-hour cache (OpenAI's GPT-5.6 and GPT-6 families).
    #[value(name = "12h")]
    #[serde(rename = "12h")]
    TwelveHours,
}

impl CacheTtl {
    /// The rate cache writes of this lifetime are billed at.
    pub fn write_kind(self) -> PriceKind {
        match self {
            CacheTtl::FiveMinutes => PriceKind::CacheWrite,
            CacheTtl::OneHour => PriceKind::CacheWrite1h,
            CacheTtl::TwelveHours => PriceKind::CacheWrite12h,
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
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
}

impl LineItem {
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
    pub rate_name: String,
    /// USD.
    pub amount: Decimal,
}

/// What a fee is charged for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeItem {
    /// A search model's fee per request.
    RequestFee,
    /// The web search tool, per search.
    WebSearch,
}

impl FeeItem {
    /// The label used in tables.
    pub fn label(self) -> &'static str {
        match self {
            FeeItem::RequestFee => "request fee",
            FeeItem::WebSearch => "web search",
        }
    }

    /// What it counts, short, for tables.
    pub fn counted(self) -> &'static str {
        match self {
            FeeItem::RequestFee => "req",
            FeeItem::WebSearch => "searches",
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
    pub rate_name: String,
    /// USD.
    pub amount: Decimal,
}

/// The fees `requests` requests with `web_searches` searches in all incur:
/// a search model's request fee (where it has one) and the web search
/// tool's price per search (required once there are searches: never $0).
pub fn fees(
    prices: &Prices,
    options: &PriceOptions,
    requests: u64,
    web_searches: u64,
) -> Result<Vec<FeeLine>, PricingError> {
    let fee = |item: FeeItem, kind: PriceKind, count: u64| -> Result<FeeLine, PricingError> {
        let rate = prices
            .get(kind)
            .ok_or(PricingError::MissingPrice(kind.info().missing))?;
        let amount = Decimal::from(count)
            .checked_mul(rate)
            .and_then(|v| v.checked_div(Decimal::ONE_THOUSAND))
            .ok_or(PricingError::Overflow)?
            .normalize();
        Ok(FeeLine {
            item,
            count,
            rate_per_thousand: rate.normalize(),
            rate_name: kind.field().to_string(),
            amount,
        })
    };
    let mut lines = Vec::new();
    let request_kind = options.search_context.fee();
    if prices.get(request_kind).is_some() {
        lines.push(fee(FeeItem::RequestFee, request_kind, requests)?);
    }
    if web_searches > 0 {
        lines.push(fee(FeeItem::WebSearch, PriceKind::WebSearch, web_searches)?);
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
    name: String,
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
    let searches = usage
        .web_searches
        .checked_mul(usage.requests)
        .ok_or(PricingError::Overflow)?;
    add_fees(&mut bill, prices, *options, usage.requests, searches)?;
    let notes = [
        over_window_note(usage, context_window),
        long_context_note(rule, prices, usage),
    ];
    for (at, note) in notes.into_iter().flatten().enumerate() {
        bill.notes.insert(at, note);
    }
    Ok(bill)
}

/// Which rate each line item is billed at, for one request: a lookup in
/// [`PRICE_KINDS`], in this order, the first the catalog has winning:
/// 1. above the long-context threshold, the tier's rate for the kind;
/// 2. on a service tier (flex, priority), that tier's own rate, else the
///    standard one with a warning;
/// 3. with batch (and not long context), the kind's batch rate (a 1-hour
///    cache write derives its batch rate from the 5-minute discount);
///    a missing batch input or output rate is a warning, a missing batch
///    cache rate a note;
/// 4. the kind's own rate;
/// 5. the kind's fallback, resolved the same way, with a warning (an error
///    under `strict`); a kind without a fallback (input, output) is missing.
struct RateLookup<'a> {
    prices: &'a Prices,
    options: &'a PriceOptions,
    /// The context tier that applies (its number and rates), if any.
    long: Option<(usize, &'a LongContextPrices)>,
    notes: Vec<String>,
    warnings: Vec<String>,
}

impl RateLookup<'_> {
    fn resolve(&mut self, kind: PriceKind) -> Result<Option<Rate>, PricingError> {
        let info = kind.info();
        if let Some((tier, long)) = self.long
            && let Some(rate) = self.long_rate(kind, tier, long)
        {
            return Ok(Some(rate));
        }
        let tier = self.options.service_tier;
        if tier != ServiceTier::Standard
            && self.long.is_none()
            && let Some(rate) = self.tier_rate(kind, tier)?
        {
            return Ok(Some(rate));
        }
        if self.options.batch && self.long.is_none() {
            if let Some(rate) = self.batch_rate(kind) {
                return Ok(Some(rate));
            }
            if let Some(batch) = info.batch.map(PriceKind::info) {
                self.batch_missing(kind, batch)?;
            }
        }
        if let Some(per_million) = self.prices.get(kind) {
            let name = info.field.to_string();
            return Ok(Some(Rate { per_million, name }));
        }
        if let Some(billed_as) = info.billed_as {
            let note = format!(
                "{} tokens are billed as input tokens: the catalog states no separate rate for them",
                info.missing
            );
            if !self.notes.contains(&note) {
                self.notes.push(note);
            }
            return self.resolve(billed_as);
        }
        let Some(fallback) = info.fallback else {
            return Ok(None);
        };
        if self.options.strict {
            return Err(PricingError::MissingPrice(info.missing));
        }
        self.warn_missing(info.missing, info.instead);
        self.resolve(fallback)
    }

    /// The rate of `kind` on service tier `tier` (below any context tier),
    /// or `None` with a warning where the catalog lacks it (an error under
    /// `strict`). 1-hour and 12-hour cache writes keep the tier's ratio of
    /// the 5-minute write (LiteLLM's 26 stated ones all do).
    fn tier_rate(
        &mut self,
        kind: PriceKind,
        tier: ServiceTier,
    ) -> Result<Option<Rate>, PricingError> {
        let standard = ratio_base(kind);
        let Some(own) = standard.on_tier(tier) else {
            return Ok(None);
        };
        let rate = if standard == kind {
            self.prices.get(own).map(|per_million| Rate {
                per_million,
                name: own.field().to_string(),
            })
        } else if self.prices.get(kind).is_none() {
            // Its fallback, resolved on the tier, bills it.
            return Ok(None);
        } else {
            self.derived_write(kind, own)
        };
        if rate.is_some() {
            return Ok(rate);
        }
        let own = own.info();
        if self.options.strict {
            return Err(PricingError::MissingPrice(own.missing));
        }
        self.warn_missing(own.missing, own.instead);
        Ok(None)
    }

    /// `kind × mode_write ÷ cache_write`: a 1-hour or 12-hour cache write
    /// through a mode (batch, flex, priority) whose 5-minute write the
    /// catalog prices: the catalog states the mode's discount or premium
    /// on the 5-minute write only, and the longer writes get the same
    /// (Anthropic: "the batch discount stacks with prompt caching").
    fn derived_write(&self, kind: PriceKind, mode_write: PriceKind) -> Option<Rate> {
        let p = self.prices;
        let standard_5m = p.get(PriceKind::CacheWrite).filter(|w| !w.is_zero())?;
        let per_million = p
            .get(kind)?
            .checked_mul(p.get(mode_write)?)?
            .checked_div(standard_5m)?;
        let name = format!("{} × {} ÷ cache_write", kind.field(), mode_write.field());
        Some(Rate { per_million, name })
    }

    /// The rate of `kind` in a request past context tier `tier`, or `None`
    /// when the tier has none (the base rate applies). With batch or a
    /// service tier, the tier's own stated rate comes first (LiteLLM's
    /// `_above_200k_tokens_batches`, `…_priority`); else the mode keeps its
    /// ratio to the standard rate above the threshold too, so
    /// `long_context × mode ÷ standard` (155 of LiteLLM's 163 stated
    /// long-context batch rates are exactly that); a longer request never
    /// costs less.
    fn long_rate(
        &mut self,
        kind: PriceKind,
        tier: usize,
        long: &LongContextPrices,
    ) -> Option<Rate> {
        let standard = ratio_base(kind);
        let mode = if self.options.batch {
            standard.info().batch
        } else {
            standard.on_tier(self.options.service_tier)
        };
        // A mode's stated long-context rate is for the 5-minute write, never
        // the longer ones.
        if standard == kind
            && let Some(per_million) = mode.and_then(|m| long.get(m))
        {
            let name = format!("{}.{}", tier_field(tier), mode?.field());
            return Some(Rate { per_million, name });
        }
        let per_million = long.get(kind)?;
        if let Some(mode) = mode {
            if let Some(rate) = self.long_scaled(kind, standard, mode, tier, per_million) {
                return Some(rate);
            }
            if self.options.batch && kind.info().fallback.is_none() {
                self.warn_once(
                    "the catalog has no batch rates for long-context requests; long-context rates are used",
                );
            }
        }
        let name = format!("{}.{}", tier_field(tier), kind.field());
        Some(Rate { per_million, name })
    }

    /// `long × mode ÷ standard`: the long-context rate of `kind` in a mode
    /// (batch, flex, priority) the tier states no rate for, where `mode` is
    /// the mode's rate for `standard` (the 5-minute write for the longer
    /// ones).
    fn long_scaled(
        &self,
        kind: PriceKind,
        standard: PriceKind,
        mode: PriceKind,
        tier: usize,
        long: Decimal,
    ) -> Option<Rate> {
        let standard_rate = self.prices.get(standard).filter(|s| !s.is_zero())?;
        let per_million = long
            .checked_mul(self.prices.get(mode)?)?
            .checked_div(standard_rate)?;
        let name = format!(
            "{}.{} × {} ÷ {}",
            tier_field(tier),
            kind.field(),
            mode.field(),
            standard.field()
        );
        Some(Rate { per_million, name })
    }

    /// The batch rate of `kind`. The catalog states the 5-minute cache
    /// write's; the 1-hour and 12-hour ones are derived from it.
    fn batch_rate(&self, kind: PriceKind) -> Option<Rate> {
        if ratio_base(kind) != kind {
            return self.derived_write(kind, PriceKind::BatchCacheWrite);
        }
        let batch = kind.info().batch?;
        let per_million = self.prices.get(batch)?;
        let name = batch.field().to_string();
        Some(Rate { per_million, name })
    }

    /// A batch rate the catalog lacks: input and output are billed at the
    /// standard rate with a warning; cache reads and writes (whose batch
    /// discount many providers do not give) with a note.
    fn batch_missing(
        &mut self,
        kind: PriceKind,
        batch: &PriceKindInfo,
    ) -> Result<(), PricingError> {
        if kind.info().fallback.is_none() {
            if self.options.strict {
                return Err(PricingError::MissingPrice(batch.missing));
            }
            self.warn_missing(batch.missing, batch.instead);
        } else {
            let note = format!("{}: the catalog has no batch price for them", batch.instead);
            if !self.notes.contains(&note) {
                self.notes.push(note);
            }
        }
        Ok(())
    }

    fn warn_once(&mut self, warning: &str) {
        if !self.warnings.iter().any(|w| w == warning) {
            self.warnings.push(warning.to_string());
        }
    }

    fn warn_missing(&mut self, what: &str, instead: &str) {
        let warning = format!(
            "the catalog has no {what} price for this model; {instead} (--strict makes this an error)"
        );
        if !self.warnings.contains(&warning) {
            self.warnings.push(warning);
        }
    }
}

/// The line items in bill order: what `cost` prints and `sql` exports.
pub const BILL_ORDER: [LineItem; 13] = [
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
    fn kind(self, options: PriceOptions) -> PriceKind {
        match self {
            LineItem::Input => PriceKind::Input,
            LineItem::AudioInput => PriceKind::AudioInput,
            LineItem::ImageInput => PriceKind::ImageInput,
            LineItem::VideoInput => PriceKind::VideoInput,
            LineItem::CachedInput => PriceKind::CachedInput,
            LineItem::CachedAudioInput => PriceKind::CachedAudioInput,
            LineItem::CacheWrite => options.cache_ttl.write_kind(),
            LineItem::CacheWriteOneHour => PriceKind::CacheWrite1h,
            LineItem::Output => PriceKind::Output,
            LineItem::AudioOutput => PriceKind::AudioOutput,
            LineItem::ImageOutput => PriceKind::ImageOutput,
            LineItem::VideoOutput => PriceKind::VideoOutput,
            LineItem::Reasoning => PriceKind::Reasoning,
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
) -> [(LineItem, u64, PriceKind); 13] {
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
        };
        (item, tokens, item.kind(options))
    })
}

/// The kind whose mode rates (batch, flex, priority) `kind`'s follow: the
/// 5-minute cache write for the 1-hour and 12-hour ones, else itself.
fn ratio_base(kind: PriceKind) -> PriceKind {
    match kind {
        PriceKind::CacheWrite1h | PriceKind::CacheWrite12h => PriceKind::CacheWrite,
        other => other,
    }
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
    let one = Usage {
        requests: 1,
        web_searches: 0,
        ..*totals
    };
    let mut bill = price_with_rule(prices, &one, options, tier)?;
    add_fees(&mut bill, prices, *options, requests, totals.web_searches)?;
    Ok(bill)
}

/// Adds the fees of `requests` requests with `web_searches` searches in
/// all (see [`fees`]) to `bill`.
fn add_fees(
    bill: &mut Bill,
    prices: &Prices,
    options: PriceOptions,
    requests: u64,
    web_searches: u64,
) -> Result<(), PricingError> {
    for fee in fees(prices, &options, requests, web_searches)? {
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
            if per_request > 0 {
                return Err(PricingError::MissingPrice(kind.info().missing));
            }
            continue;
        };
        if let Some((multiplier, region)) = regional {
            rate.per_million = rate
                .per_million
                .checked_mul(multiplier)
                .ok_or(PricingError::Overflow)?;
            rate.name = format!("{} × regional.{}", rate.name, region.as_str());
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
mod tests {
    use super::*;
    use crate::catalog::model::{LongContextPrices, Tier};
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn seed() -> Prices {
        Prices {
            input: Some(d("0.35")),
            output: Some(d("0.56")),
            ..Prices::default()
        }
    }

    #[test]
    fn seed_bill_is_exact() {
        let bill = price(
            &seed(),
            &Usage::single(1_000_000, 1_000_000),
            &PriceOptions::default(),
            Some(128_000),
        )
        .unwrap();
        assert_eq!(bill.total.to_string(), "0.91");
        assert_eq!(bill.lines.len(), 2);
        assert_eq!(bill.lines[0].amount.to_string(), "0.35");
        assert_eq!(bill.lines[1].amount.to_string(), "0.56");
        assert_eq!(
            bill.notes.len(),
            1,
            "1M input exceeds 128k: {:?}",
            bill.notes
        );
    }

    #[test]
    fn fifty_fifty_workload() {
        let (input, output) = split_total(1_000_000, d("50"), d("50")).unwrap();
        let bill = price(
            &seed(),
            &Usage::single(input, output),
            &PriceOptions::default(),
            None,
        )
        .unwrap();
        assert_eq!(bill.total.to_string(), "0.455");
    }

    #[test]
    fn requests_multiply_and_cache_is_part_of_input() {
        let prices = Prices {
            cached_input: Some(d("0.035")),
            ..seed()
        };
        let usage = Usage {
            input_tokens: 1000,
            cached_input_tokens: 400,
            output_tokens: 100,
            requests: 3,
            ..Usage::default()
        };
        let bill = price(&prices, &usage, &PriceOptions::default(), None).unwrap();
        let amounts: Vec<String> = bill.lines.iter().map(|l| l.amount.to_string()).collect();
        assert_eq!(amounts, ["0.00063", "0.000042", "0.000168"]);
        assert_eq!(bill.total.to_string(), "0.00084");
    }

    #[test]
    fn missing_prices_are_never_zero() {
        let prices = Prices {
            input: Some(d("1")),
            ..Prices::default()
        };
        assert_eq!(
            price(
                &prices,
                &Usage::single(10, 10),
                &PriceOptions::default(),
                None
            ),
            Err(PricingError::MissingPrice("output"))
        );
        assert!(
            price(
                &prices,
                &Usage::single(10, 0),
                &PriceOptions::default(),
                None
            )
            .is_ok()
        );
        let cached = Usage {
            cached_input_tokens: 5,
            ..Usage::single(10, 0)
        };
        let bill = price(&prices, &cached, &PriceOptions::default(), None).unwrap();
        assert_eq!(bill.warnings.len(), 1);
        let strict = PriceOptions {
            strict: true,
            ..PriceOptions::default()
        };
        assert_eq!(
            price(&prices, &cached, &strict, None),
            Err(PricingError::MissingPrice("cache-read"))
        );
        assert_eq!(bill.total.to_string(), "0.00001");
    }

    #[test]
    fn long_context_batch_rates_are_stated_or_keep_the_batch_ratio() {
        let mut prices = Prices {
            input: Some(d("1.25")),
            output: Some(d("10")),
            batch_input: Some(d("0.625")),
            batch_output: Some(d("5")),
            long_context: Some(LongContextPrices {
                threshold: 200_000,
                input: Some(d("2.5")),
                output: Some(d("15")),
                ..LongContextPrices::default()
            }),
            ..Prices::default()
        };
        let batch = PriceOptions {
            batch: true,
            ..PriceOptions::default()
        };
        let usage = Usage::single(300_000, 10_000);
        // No stated long-context batch rate: long × batch ÷ standard, so
        // 2.5 × 0.625 ÷ 1.25 = 1.25 and 15 × 5 ÷ 10 = 7.5:
        // 300,000 × 1.25 + 10,000 × 7.5 per 1M = $0.375 + $0.075.
        let bill = price(&prices, &usage, &batch, None).unwrap();
        assert_eq!(bill.total, d("0.45"));
        assert!(bill.warnings.is_empty(), "{:?}", bill.warnings);
        assert_eq!(
            bill.lines[0].rate_name,
            "long_context.input × batch_input ÷ input"
        );
        // A stated one wins: 300,000 × 1.2 + 10,000 × 7 per 1M = $0.36 + $0.07.
        if let Some(long) = prices.long_context.as_mut() {
            long.batch_input = Some(d("1.2"));
            long.batch_output = Some(d("7"));
        }
        let bill = price(&prices, &usage, &batch, None).unwrap();
        assert_eq!(bill.total, d("0.43"));
        assert_eq!(bill.lines[0].rate_name, "long_context.batch_input");
    }

    #[test]
    fn long_context_applies_to_the_whole_request() {
        let prices = Prices {
            input: Some(d("1.25")),
            output: Some(d("10")),
            long_context: Some(LongContextPrices {
                threshold: 200_000,
                input: Some(d("2.5")),
                output: Some(d("15")),
                cached_input: None,
                ..LongContextPrices::default()
            }),
            ..Prices::default()
        };
        let long = price(
            &prices,
            &Usage::single(300_000, 1_000),
            &PriceOptions::default(),
            Some(1_048_576),
        )
        .unwrap();
        assert_eq!(long.total.to_string(), "0.765");
        let short = price(
            &prices,
            &Usage::single(200_000, 1_000),
            &PriceOptions::default(),
            Some(1_048_576),
        )
        .unwrap();
        assert_eq!(short.total.to_string(), "0.26");
        // Over the window, the long-context rates still apply:
        // 2,000,000 × $2.50 / 1M = $5.
        let over_window = price(
            &prices,
            &Usage::single(2_000_000, 0),
            &PriceOptions::default(),
            Some(1_048_576),
        )
        .unwrap();
        assert_eq!(over_window.total.to_string(), "5");
        assert_eq!(over_window.notes.len(), 2, "{:?}", over_window.notes);
    }

    #[test]
    fn overflow_is_an_error_not_a_panic() {
        let usage = Usage {
            requests: u64::MAX,
            ..Usage::single(u64::MAX, u64::MAX)
        };
        assert_eq!(
            price(&seed(), &usage, &PriceOptions::default(), None),
            Err(PricingError::Overflow)
        );
        let huge = Prices {
            input: Some(Decimal::MAX),
            output: Some(Decimal::MAX),
            ..Prices::default()
        };
        assert_eq!(
            price(
                &huge,
                &Usage::single(u64::MAX, 1),
                &PriceOptions::default(),
                None
            ),
            Err(PricingError::Overflow)
        );
        assert_eq!(huge.tier(), None);
    }

    #[test]
    fn tiers_follow_the_blended_price() {
        assert_eq!(seed().tier(), Some(Tier::Standard));
        let p = |i: &str, o: &str| Prices {
            input: Some(d(i)),
            output: Some(d(o)),
            ..Prices::default()
        };
        assert_eq!(p("0", "0").tier(), Some(Tier::Free));
        assert_eq!(p("0.1", "0.2").tier(), Some(Tier::Budget));
        assert_eq!(p("2.5", "10").tier(), Some(Tier::Premium));
        assert_eq!(p("15", "75").tier(), Some(Tier::Frontier));
        assert_eq!(Prices::default().tier(), None);
    }

    #[test]
    fn split_keeps_the_total() {
        assert_eq!(
            split_total(1_000_000, d("3"), d("1")),
            Some((750_000, 250_000))
        );
        assert_eq!(split_total(10, d("1"), d("2")), Some((3, 7)));
        assert_eq!(split_total(5, d("0"), d("1")), Some((0, 5)));
    }
}
