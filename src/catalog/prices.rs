//! A model's price sheet as `catalog.json` stores it: [`Prices`], its
//! long-context tiers and off-peak window, and [`PRICE_KINDS`], the table
//! every reader of a rate goes through (parsing, validation, export, `show`,
//! `catalog update` and pricing).

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::model::Tier;
use super::model::exact_price;
use super::modes::Region;
pub use super::price_kinds::*;

/// The most decimal places a rate derived by ratio may have (per 1M
/// tokens, 12 places is a millionth of a millionth of a dollar).
const MAX_RATE_PLACES: u32 = 12;

/// Prices in USD per 1M tokens. Every field but `input` and `output` exists
/// only where the provider has such a price.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prices {
    /// Uncached input tokens.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub input: Option<Decimal>,
    /// Output tokens.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub output: Option<Decimal>,
    /// Input tokens read from the prompt cache.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub cached_input: Option<Decimal>,
    /// Input tokens written to the prompt cache (5-minute cache where there are two).
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub cache_write: Option<Decimal>,
    /// Input tokens written to the 1-hour prompt cache.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub cache_write_1h: Option<Decimal>,
    /// Input tokens written to the 12-hour prompt cache.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub cache_write_12h: Option<Decimal>,
    /// Input tokens through the batch API.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub batch_input: Option<Decimal>,
    /// Output tokens through the batch API.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub batch_output: Option<Decimal>,
    /// Cache reads through the batch API, where the provider discounts them too.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub batch_cached_input: Option<Decimal>,
    /// Cache writes (5-minute) through the batch API.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub batch_cache_write: Option<Decimal>,
    /// Reasoning tokens, where they have a rate of their own (else they are output).
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub reasoning: Option<Decimal>,
    /// Input tokens on the flex service tier (slower, cheaper).
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub flex_input: Option<Decimal>,
    /// Output tokens on the flex service tier.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub flex_output: Option<Decimal>,
    /// Cache reads on the flex service tier.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub flex_cached_input: Option<Decimal>,
    /// Cache writes (5-minute) on the flex service tier.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub flex_cache_write: Option<Decimal>,
    /// Input tokens on the priority service tier (faster, dearer).
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub priority_input: Option<Decimal>,
    /// Output tokens on the priority service tier.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub priority_output: Option<Decimal>,
    /// Cache reads on the priority service tier.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub priority_cached_input: Option<Decimal>,
    /// Cache writes (5-minute) on the priority service tier.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub priority_cache_write: Option<Decimal>,
    /// Input tokens on the ultrafast service tier.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub ultrafast_input: Option<Decimal>,
    /// Output tokens on the ultrafast service tier.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub ultrafast_output: Option<Decimal>,
    /// Cache reads on the ultrafast service tier.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub ultrafast_cached_input: Option<Decimal>,
    /// Cache writes (5-minute) on the ultrafast service tier.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub ultrafast_cache_write: Option<Decimal>,
    /// A fee per 1,000 requests with low search context (Perplexity's default).
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub request_low: Option<Decimal>,
    /// The fee per 1,000 requests with medium search context.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub request_medium: Option<Decimal>,
    /// The fee per 1,000 requests with high search context.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub request_high: Option<Decimal>,
    /// The web search tool, per 1,000 searches (Anthropic's, OpenAI's, Gemini grounding).
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub web_search: Option<Decimal>,
    /// Audio input tokens (speech in), where they cost more than text.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub audio_input: Option<Decimal>,
    /// Audio output tokens (speech out).
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub audio_output: Option<Decimal>,
    /// Audio input tokens read from the prompt cache.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub cached_audio_input: Option<Decimal>,
    /// Audio input tokens through the batch API.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub batch_audio_input: Option<Decimal>,
    /// Audio input tokens on the flex service tier.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub flex_audio_input: Option<Decimal>,
    /// Audio input tokens on the priority service tier.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub priority_audio_input: Option<Decimal>,
    /// Image input tokens, where the sources state a rate apart from text
    /// (else they are input tokens at the input rate, as providers bill them).
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub image_input: Option<Decimal>,
    /// Image output tokens (image generation).
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub image_output: Option<Decimal>,
    /// Video input tokens, where the sources state a rate apart from text.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub video_input: Option<Decimal>,
    /// Video output tokens (Gemini Omni).
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub video_output: Option<Decimal>,
    /// Citation tokens (Perplexity's deep research), beside input and output.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub citation: Option<Decimal>,
    /// Higher rates for requests whose input exceeds a threshold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub long_context: Option<LongContextPrices>,
    /// Further tiers above `long_context`, by rising threshold (Qwen's
    /// 32k / 128k / 252k): the highest tier whose threshold one request's
    /// input passes applies to the whole request.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub higher_tiers: Vec<LongContextPrices>,
    /// Multipliers of every token rate by endpoint region, where the
    /// sources state them (Bedrock's in-region `us.` profiles: 1.1; OpenAI
    /// data residency). A region not listed is priced at the standard rates.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub regional: BTreeMap<Region, Multiplier>,
    /// A daily window of cheaper rates (DeepSeek's off-peak discount).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub off_peak: Option<Box<OffPeak>>,
}

/// A daily window, in UTC, in which cheaper input, output and cache-read
/// rates replace the sheet's; every other rate stays. It may have more
/// windows at the same rates (`also`: DeepSeek V4 is cheaper outside two
/// peak windows, so in two windows), and hold only between two instants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OffPeak {
    /// Its first minute, `HH:MM` UTC.
    pub from: String,
    /// The minute it ends, `HH:MM` UTC; earlier than `from` when the window
    /// runs past midnight.
    pub until: String,
    /// More daily windows at the same rates, `[from, until]` each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<[String; 2]>,
    /// The first instant the windows apply (RFC 3339), if they began after
    /// the prices did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<String>,
    /// The instant the windows ended (RFC 3339, exclusive), if they did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<String>,
    /// Input per 1M tokens in the window (else the sheet's).
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub input: Option<Decimal>,
    /// Output per 1M tokens in the window (else the sheet's).
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub output: Option<Decimal>,
    /// Cache reads per 1M tokens in the window (else the sheet's).
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub cached_input: Option<Decimal>,
    /// The source that states it.
    pub source: String,
}

/// Minutes in a day.
const DAY_MINUTES: i64 = 24 * 60;

impl OffPeak {
    /// Minutes after midnight of an `HH:MM` time, `None` when it is not one.
    pub fn minute_of(text: &str) -> Option<i64> {
        let (hours, minutes) = text.split_once(':')?;
        let (hours, minutes): (i64, i64) = (hours.parse().ok()?, minutes.parse().ok()?);
        ((0..24).contains(&hours) && (0..60).contains(&minutes)).then_some(hours * 60 + minutes)
    }

    /// Every window as `(from, until)` text, the first one first.
    pub fn windows(&self) -> impl Iterator<Item = (&str, &str)> {
        std::iter::once((self.from.as_str(), self.until.as_str()))
            .chain(self.also.iter().map(|[f, u]| (f.as_str(), u.as_str())))
    }

    /// Every window in minutes of the UTC day, `None` when a time does not
    /// parse (validation rejects it first).
    pub fn window_minutes(&self) -> Option<Vec<(i64, i64)>> {
        self.windows()
            .map(|(f, u)| Some((Self::minute_of(f)?, Self::minute_of(u)?)))
            .collect()
    }

    /// Whether a window covers `minute` of the UTC day. Windows whose times
    /// do not parse cover nothing (validation rejects them first).
    pub fn covers(&self, minute: i64) -> bool {
        // Per priced line in `tally`: the windows are read in place, not
        // collected.
        let minute = minute.rem_euclid(DAY_MINUTES);
        self.windows().any(|(from, until)| {
            let (Some(from), Some(until)) = (Self::minute_of(from), Self::minute_of(until)) else {
                return false;
            };
            if from <= until {
                (from..until).contains(&minute)
            } else {
                minute >= from || minute < until
            }
        })
    }

    /// The instants (Unix seconds) the windows hold between, `None` for an
    /// open end. An instant that does not parse holds nothing.
    pub fn validity(&self) -> (Option<i64>, Option<i64>) {
        let instant = |t: &Option<String>| {
            t.as_deref()
                .map(|t| crate::dates::parse_instant(t).unwrap_or(i64::MAX))
        };
        (instant(&self.valid_from), instant(&self.valid_until))
    }

    /// Whether the windows hold at `instant` (Unix seconds).
    pub fn in_force_at(&self, instant: i64) -> bool {
        let (from, until) = self.validity();
        from.is_none_or(|f| instant >= f) && until.is_none_or(|u| instant < u)
    }

    /// The windows as text: `16:30–00:30 UTC`, with more windows and their
    /// dates (`… from 2026-08-16T16:00:00Z`, `… until …`).
    pub fn describe(&self) -> String {
        let windows: Vec<String> = self.windows().map(|(f, u)| format!("{f}–{u}")).collect();
        let mut text = format!("{} UTC", windows.join(" and "));
        for (word, instant) in [("from", &self.valid_from), ("until", &self.valid_until)] {
            if let Some(instant) = instant {
                text.push(' ');
                text.push_str(word);
                text.push(' ');
                text.push_str(instant);
            }
        }
        text
    }

    /// The sheet `peak` with this window's rates in place of its own.
    fn applied_to(&self, peak: &Prices) -> Prices {
        Prices {
            input: self.input.or(peak.input),
            output: self.output.or(peak.output),
            cached_input: self.cached_input.or(peak.cached_input),
            off_peak: None,
            ..peak.clone()
        }
    }
}

impl Prices {
    /// The sheet in force at `instant` (Unix seconds): the off-peak
    /// window's when it covers that minute, else `None` (this sheet).
    pub fn off_peak_at(&self, instant: i64) -> Option<Prices> {
        let window = self.off_peak.as_deref()?;
        self.is_off_peak_at(instant)
            .then(|| window.applied_to(self))
    }

    /// Whether this sheet's off-peak window covers `instant` (Unix
    /// seconds), without building the off-peak sheet.
    pub fn is_off_peak_at(&self, instant: i64) -> bool {
        let minute = instant.rem_euclid(86_400) / 60;
        self.off_peak
            .as_deref()
            .is_some_and(|w| w.in_force_at(instant) && w.covers(minute))
    }

    /// This sheet as billed at `instant`: its off-peak sheet inside the
    /// window, else itself.
    #[must_use]
    pub fn at_time(self, instant: i64) -> Prices {
        self.off_peak_at(instant).unwrap_or(self)
    }

    /// This sheet with its off-peak rates in force, if it has a window.
    pub fn off_peak_sheet(&self) -> Option<Prices> {
        Some(self.off_peak.as_deref()?.applied_to(self))
    }
}

/// An exact multiplier, written in the catalog as a decimal string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Multiplier(pub Decimal);

impl Serialize for Multiplier {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        exact_price::serialize(&Some(self.0), serializer)
    }
}

impl<'de> Deserialize<'de> for Multiplier {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        exact_price::deserialize(deserializer)?
            .filter(|m| m.is_sign_positive() && !m.is_zero())
            .map(Multiplier)
            .ok_or_else(|| serde::de::Error::custom("a regional multiplier must be above 0"))
    }
}

impl Prices {
    /// The price of `kind`, per its unit.
    pub fn get(&self, kind: PriceKind) -> Option<Decimal> {
        (kind.info().read)(self)
    }

    /// Where the price of `kind` is stored.
    pub fn slot(&mut self, kind: PriceKind) -> &mut Option<Decimal> {
        (kind.info().write)(self)
    }

    /// Every rate the model has, in catalog order (long context aside).
    pub fn rates(&self) -> impl Iterator<Item = (PriceKind, Decimal)> + '_ {
        PRICE_KINDS
            .iter()
            .filter_map(|info| Some((info.kind, self.get(info.kind)?)))
    }
}

/// Rates that apply to a whole request once its input exceeds `threshold` tokens.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LongContextPrices {
    /// Input tokens per request above which these rates apply.
    pub threshold: u64,
    /// Input rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub input: Option<Decimal>,
    /// Output rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub output: Option<Decimal>,
    /// Cache-read rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub cached_input: Option<Decimal>,
    /// 5-minute cache-write rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub cache_write: Option<Decimal>,
    /// 1-hour cache-write rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub cache_write_1h: Option<Decimal>,
    /// 12-hour cache-write rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub cache_write_12h: Option<Decimal>,
    /// Batch input rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub batch_input: Option<Decimal>,
    /// Batch output rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub batch_output: Option<Decimal>,
    /// Batch cache-read rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub batch_cached_input: Option<Decimal>,
    /// Flex input rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub flex_input: Option<Decimal>,
    /// Flex output rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub flex_output: Option<Decimal>,
    /// Flex cache-read rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub flex_cached_input: Option<Decimal>,
    /// Priority input rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub priority_input: Option<Decimal>,
    /// Priority output rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub priority_output: Option<Decimal>,
    /// Priority cache-read rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub priority_cached_input: Option<Decimal>,
    /// Flex cache-write rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub flex_cache_write: Option<Decimal>,
    /// Priority cache-write rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub priority_cache_write: Option<Decimal>,
    /// Ultrafast input rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub ultrafast_input: Option<Decimal>,
    /// Ultrafast output rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub ultrafast_output: Option<Decimal>,
    /// Ultrafast cache-read rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub ultrafast_cached_input: Option<Decimal>,
    /// Ultrafast cache-write rate above the threshold.
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub ultrafast_cache_write: Option<Decimal>,
    /// Reasoning ("thinking") output rate above the threshold, where the
    /// model prices reasoning apart (Qwen's thinking mode).
    #[serde(default, with = "exact_price", skip_serializing_if = "Option::is_none")]
    pub reasoning: Option<Decimal>,
}

impl Prices {
    /// The context tiers, lowest threshold first: `long_context`, then
    /// `higher_tiers`. Tier `n` of the pricing rule is the `n`-th of these
    /// (tier 0 is the base rates).
    pub fn context_tiers(&self) -> impl Iterator<Item = &LongContextPrices> {
        self.long_context.iter().chain(self.higher_tiers.iter())
    }

    /// Tier `n` (1-based; 0 is the base rates).
    pub fn context_tier(&self, n: usize) -> Option<&LongContextPrices> {
        n.checked_sub(1).and_then(|i| self.context_tiers().nth(i))
    }
}

/// `LongContextPrices::get` and `slot` from one list of the kinds a
/// context tier has a rate for.
macro_rules! tier_rates {
    ($($kind:ident => $field:ident),* $(,)?) => {
        impl LongContextPrices {
            /// The long-context rate of `kind`, where the tier has one.
            pub fn get(&self, kind: PriceKind) -> Option<Decimal> {
                match kind {
                    $(PriceKind::$kind => self.$field,)*
                    _ => None,
                }
            }

            /// Where the tier stores the rate of `kind`; `None` for a kind
            /// that has no long-context rate (fees, audio).
            pub fn slot(&mut self, kind: PriceKind) -> Option<&mut Option<Decimal>> {
                match kind {
                    $(PriceKind::$kind => Some(&mut self.$field),)*
                    _ => None,
                }
            }
        }
    };
}

tier_rates! {
    Input => input,
    Output => output,
    CachedInput => cached_input,
    CacheWrite => cache_write,
    CacheWrite1h => cache_write_1h,
    CacheWrite12h => cache_write_12h,
    BatchInput => batch_input,
    BatchOutput => batch_output,
    BatchCachedInput => batch_cached_input,
    FlexInput => flex_input,
    FlexOutput => flex_output,
    FlexCachedInput => flex_cached_input,
    PriorityInput => priority_input,
    PriorityOutput => priority_output,
    PriorityCachedInput => priority_cached_input,
    FlexCacheWrite => flex_cache_write,
    PriorityCacheWrite => priority_cache_write,
    UltrafastInput => ultrafast_input,
    UltrafastOutput => ultrafast_output,
    UltrafastCachedInput => ultrafast_cached_input,
    UltrafastCacheWrite => ultrafast_cache_write,
    Reasoning => reasoning,
}

impl Prices {
    /// This sheet after a change that states `stated`'s rates. A stated
    /// rate replaces ours. A rate the change leaves out but that is priced
    /// beside a stated one (batch input beside input, reasoning beside
    /// output: its fallback chain in [`PRICE_KINDS`]) keeps its ratio to
    /// it, and so do the long-context rates unless the change states tiers.
    /// A rate whose ratio does not scale exactly is dropped (it then falls
    /// back with a warning) rather than rounded. Fees, searches and audio
    /// stay as they are.
    #[must_use]
    pub fn changed_to(&self, stated: &Prices) -> Prices {
        let mut next = self.clone();
        for info in &PRICE_KINDS {
            let rate = match stated.get(info.kind) {
                Some(rate) => Some(rate),
                None => self
                    .get(info.kind)
                    .and_then(|ours| self.scaled_like(info.kind, ours, stated)),
            };
            *next.slot(info.kind) = rate;
        }
        // A window's rates are absolute: a new sheet states its own or none.
        next.off_peak.clone_from(&stated.off_peak);
        if stated.long_context.is_some() {
            next.long_context.clone_from(&stated.long_context);
            next.higher_tiers.clone_from(&stated.higher_tiers);
            return next;
        }
        for tier in next
            .long_context
            .iter_mut()
            .chain(next.higher_tiers.iter_mut())
        {
            for info in &PRICE_KINDS {
                if let Some(slot) = tier.slot(info.kind)
                    && let Some(ours) = *slot
                {
                    *slot = self.scaled_like(info.kind, ours, stated);
                }
            }
        }
        next
    }

    /// `value` (a rate of `kind`) scaled by the change of the first rate on
    /// `kind`'s fallback chain that both sheets state; `value` itself when
    /// no rate on the chain changes; `None` when the ratio is not exact.
    fn scaled_like(&self, kind: PriceKind, value: Decimal, stated: &Prices) -> Option<Decimal> {
        let mut on_chain = Some(kind);
        while let Some(k) = on_chain {
            if let (Some(old), Some(new)) = (self.get(k), stated.get(k)) {
                let scaled = value.checked_mul(new)?.checked_div(old)?.normalize();
                // An inexact quotient fills all 28 digits, and multiplying it
                // back can round to equality; real rates have a few places.
                let exact = scaled.scale() <= MAX_RATE_PLACES
                    && scaled.checked_mul(old) == value.checked_mul(new);
                return exact.then_some(scaled);
            }
            on_chain = k.info().fallback;
        }
        Some(value)
    }
}

impl Prices {
    /// The price tier of a model with these prices: from the 50/50 blended
    /// price per 1M tokens, `(input + output) / 2`. Free when both are
    /// zero; budget below $0.20; standard below $2; premium below $10;
    /// frontier from $10. `None` when either price is unknown.
    pub fn tier(&self) -> Option<Tier> {
        let (input, output) = (self.input?, self.output?);
        if input.is_zero() && output.is_zero() {
            return Some(Tier::Free);
        }
        let blended = input.checked_add(output)? / Decimal::TWO;
        Some(if blended < Decimal::new(20, 2) {
            Tier::Budget
        } else if blended < Decimal::TWO {
            Tier::Standard
        } else if blended < Decimal::TEN {
            Tier::Premium
        } else {
            Tier::Frontier
        })
    }
}
